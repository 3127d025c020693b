// The kiosk's client of the bank API: device token (cached, renewed on 401), JSON bodies checked against the shared
// wire schemas, and every answer sorted into three kinds the sync engine acts on — ok, refused (a 4xx other than
// 429: retrying the same bytes cannot help, so staff must look), unavailable (no answer, 5xx, 429: try later).
import type { z } from 'zod';
import { errorBodySchema, IDEMPOTENCY_KEY_HEADER, tokenResponseSchema } from '../../shared/bank-api/index.ts';
import { type BankTransport, TransportError } from './bank-transport.ts';

/** A Retry-After longer than this is capped: a misbehaving server must not park the kiosk's queue for hours. */
export const RETRY_AFTER_MAX_MS = 5 * 60_000;
/** Renew the device token this long before it expires. */
const TOKEN_RENEW_MARGIN_MS = 30_000;

export type BankCallResult<T> =
  | { readonly kind: 'ok'; readonly status: number; readonly body: T; readonly replayed: boolean }
  | { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly message: string }
  | {
      readonly kind: 'unavailable';
      readonly reason: string;
      readonly retryAfterMs: number | null;
      /** True only when the bank certainly did not apply the request (never connected, or no device token). */
      readonly notApplied?: boolean;
    };

export type BankClientOptions = {
  readonly baseUrl: string;
  readonly deviceId: string;
  readonly deviceSecret: string;
  readonly transport: BankTransport;
  /** Only measures the token's lifetime; bank timestamps are never compared with it. */
  readonly now: () => number;
  readonly requestTimeoutMs: number;
};

/** Retry-After in delta-seconds only: the HTTP-date form would compare the bank's clock with ours. */
export function retryAfterMsOf(header: string | undefined): number | null {
  if (header === undefined || !/^\d{1,7}$/.test(header.trim())) return null;
  return Math.min(Number(header.trim()) * 1_000, RETRY_AFTER_MAX_MS);
}

function shortReason(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
}

export function createBankClient(options: BankClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  let token: { value: string; renewAtMs: number } | null = null;

  async function deviceToken(): Promise<string | BankCallResult<never>> {
    if (token && options.now() < token.renewAtMs) return token.value;
    let response;
    try {
      response = await options.transport.send({
        method: 'POST',
        url: `${base}/v1/devices/token`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ deviceId: options.deviceId, deviceSecret: options.deviceSecret }),
        timeoutMs: options.requestTimeoutMs,
      });
    } catch (cause) {
      // Without a token the money request itself was never sent.
      return { ...unavailable(cause), notApplied: true };
    }
    if (response.status !== 200) {
      // Wrong or revoked credentials are the device's problem, not one row's: the queue waits, nothing is parked.
      return {
        kind: 'unavailable',
        reason: `device authentication failed (${response.status})`,
        retryAfterMs: retryAfterMsOf(response.headers['retry-after']),
        notApplied: true,
      };
    }
    const parsed = tokenResponseSchema.safeParse(safeJson(response.body));
    if (!parsed.success)
      return { kind: 'unavailable', reason: 'malformed token response', retryAfterMs: null, notApplied: true };
    token = {
      value: parsed.data.accessToken,
      renewAtMs: options.now() + Math.max(0, parsed.data.expiresInS * 1_000 - TOKEN_RENEW_MARGIN_MS),
    };
    return token.value;
  }

  function unavailable(cause: unknown): BankCallResult<never> & { kind: 'unavailable' } {
    if (cause instanceof TransportError)
      return {
        kind: 'unavailable',
        reason: shortReason(`${cause.kind}: ${cause.message}`),
        retryAfterMs: null,
        notApplied: cause.kind === 'unreachable',
      };
    return { kind: 'unavailable', reason: 'transport failure', retryAfterMs: null };
  }

  /**
   * One request, with one re-token on 401. `body` is sent byte for byte (the outbox stores it so a retry is the
   * same request). `timeoutMs` overrides the request timeout (online authorisation is shorter).
   */
  async function call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    request: { body?: string; idempotencyKey?: string; timeoutMs?: number } = {},
  ): Promise<BankCallResult<z.infer<S>>> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const bearer = await deviceToken();
      if (typeof bearer !== 'string') return bearer;
      const headers: Record<string, string> = { authorization: `Bearer ${bearer}`, accept: 'application/json' };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      if (request.idempotencyKey !== undefined) headers[IDEMPOTENCY_KEY_HEADER] = request.idempotencyKey;
      let response;
      try {
        response = await options.transport.send({
          method,
          url: `${base}${path}`,
          headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          timeoutMs: request.timeoutMs ?? options.requestTimeoutMs,
        });
      } catch (cause) {
        return unavailable(cause);
      }
      if (response.status === 401 && attempt === 0) {
        token = null;
        continue;
      }
      if (response.status >= 200 && response.status < 300) {
        const parsed = schema.safeParse(safeJson(response.body));
        if (!parsed.success)
          return { kind: 'unavailable', reason: `malformed ${response.status} response`, retryAfterMs: null };
        return {
          kind: 'ok',
          status: response.status,
          body: parsed.data,
          replayed: response.headers['idempotent-replayed'] === 'true',
        };
      }
      const error = errorBodySchema.safeParse(safeJson(response.body));
      const code = error.success ? error.data.error.code : `http_${response.status}`;
      const message = error.success ? shortReason(error.data.error.message) : `HTTP ${response.status}`;
      if (response.status === 429 || response.status >= 500 || response.status < 400) {
        return {
          kind: 'unavailable',
          reason: shortReason(`${response.status} ${code}`),
          retryAfterMs: retryAfterMsOf(response.headers['retry-after']),
        };
      }
      return { kind: 'refused', status: response.status, code, message };
    }
    return { kind: 'refused', status: 401, code: 'unauthorized', message: 'refused after a fresh token' };
  }

  return { call };
}

export type BankClient = ReturnType<typeof createBankClient>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
