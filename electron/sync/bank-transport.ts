// How the kiosk reaches the bank: one request in, status + headers + body text out, or a thrown TransportError. The
// default goes through node:http/https with keep-alive agents and the configured CA; tests and other hosts may
// inject a transport built on any fetch. A request never outlives its timeout, and a response body is bounded.
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Largest response body the kiosk reads from the bank (a changes page of 500 rows is ~250 KiB). */
export const RESPONSE_BYTES_MAX = 2 * 1024 * 1024;
/** Sockets kept open to the bank. */
const SOCKETS_MAX = 8;

export type BankRequest = {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
};

export type BankResponse = {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
};

/** Socket errors that happen before a connection exists: the request cannot have reached the bank. */
const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * The request did not get an HTTP answer: refused, reset, timed out, or an oversized body. `unreachable`: no
 * connection was ever made, so the bank cannot have seen the request.
 */
export class TransportError extends Error {
  readonly kind: 'timeout' | 'network' | 'unreachable';
  constructor(kind: TransportError['kind'], message: string) {
    super(message);
    this.name = 'TransportError';
    this.kind = kind;
  }
}

export type BankTransport = {
  send(request: BankRequest): Promise<BankResponse>;
  close(): void;
};

/** A CA setting is inline PEM or the path of a PEM file. */
export function caCertificateOf(setting: string | null): string | null {
  if (setting === null) return null;
  return setting.includes('-----BEGIN') ? setting : readFileSync(setting, 'utf8');
}

export function createHttpTransport(options: { readonly ca?: string | null } = {}): BankTransport {
  const ca = options.ca ?? undefined;
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: SOCKETS_MAX }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: SOCKETS_MAX, ...(ca ? { ca } : {}) }),
  };
  return {
    send(request) {
      return new Promise<BankResponse>((resolve, reject) => {
        const url = new URL(request.url);
        const secure = url.protocol === 'https:';
        const headers: Record<string, string> = { ...request.headers };
        if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
        const outgoing = (secure ? httpsRequest : httpRequest)(
          url,
          { method: request.method, headers, agent: secure ? agents.https : agents.http },
          (incoming) => {
            const chunks: Buffer[] = [];
            let size = 0;
            incoming.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > RESPONSE_BYTES_MAX) incoming.destroy(new TransportError('network', 'response too large'));
              else chunks.push(chunk);
            });
            incoming.on('end', () => {
              clearTimeout(timer);
              const flat: Record<string, string> = {};
              for (const [name, value] of Object.entries(incoming.headers)) {
                if (typeof value === 'string') flat[name] = value;
                else if (Array.isArray(value)) flat[name] = value.join(', ');
              }
              resolve({
                status: incoming.statusCode ?? 0,
                headers: flat,
                body: Buffer.concat(chunks).toString('utf8'),
              });
            });
            incoming.on('error', (cause) => {
              clearTimeout(timer);
              reject(cause instanceof TransportError ? cause : new TransportError('network', 'connection lost'));
            });
          },
        );
        const timer = setTimeout(() => {
          outgoing.destroy(new TransportError('timeout', `no answer within ${request.timeoutMs} ms`));
        }, request.timeoutMs);
        outgoing.on('error', (cause) => {
          clearTimeout(timer);
          if (cause instanceof TransportError) return reject(cause);
          const code = networkMessage(cause);
          reject(new TransportError(NOT_CONNECTED_CODES.has(code) ? 'unreachable' : 'network', code));
        });
        outgoing.end(request.body);
      });
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** A transport over any fetch (e.g. undici's with a dispatcher), for hosts that prefer it. */
export function createFetchTransport(fetchImpl: typeof fetch): BankTransport {
  return {
    async send(request) {
      let response: Response;
      try {
        response = await fetchImpl(request.url, {
          method: request.method,
          headers: request.headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          signal: AbortSignal.timeout(request.timeoutMs),
        });
        const body = await response.text();
        if (body.length > RESPONSE_BYTES_MAX) throw new TransportError('network', 'response too large');
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name] = value;
        });
        return { status: response.status, headers, body };
      } catch (cause) {
        if (cause instanceof TransportError) throw cause;
        const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
        throw new TransportError(timedOut ? 'timeout' : 'network', timedOut ? 'timed out' : networkMessage(cause));
      }
    },
    close() {},
  };
}

/** A short, secret-free description of a socket error (its code only). */
function networkMessage(cause: unknown): string {
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  return /^[A-Z_]{2,40}$/.test(code) ? code : 'network error';
}
