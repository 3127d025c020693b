// The browser host: runs the real kiosk core under plain Node and lets Chromium use it. It serves the production
// renderer build on loopback, injects a `window.atm` shim, and bridges the shim's calls over a WebSocket into the
// same IPC router Electron uses. Only pages of its own origin holding the random per-run token may connect.
// A development and test tool: it is never packaged.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { contractEvents } from '../../shared/ipc/index.ts';
import type { KioskCore } from '../core/kiosk-core-types.ts';
import { createIpcRouter } from '../ipc/router.ts';
import type { Logger } from '../log/logger.ts';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler, APP_ORIGIN } from '../protocol.ts';
import {
  HOST_MESSAGE_BYTES_MAX,
  HOST_PENDING_CALLS_MAX,
  HOST_SHIM_PATH,
  HOST_WS_PATH,
  HostCallSchema,
  TOKEN_PROTOCOL_PREFIX,
} from './host-protocol.ts';

export type BrowserHostOptions = {
  readonly core: KioskCore;
  readonly logger: Logger;
  /** The production renderer build (dist/renderer). */
  readonly rendererDir: string;
  /** The built shim (dist/browser-host/atm-shim.js). */
  readonly shimFile: string;
  /** 0 picks a free port. */
  readonly port: number;
};

export type BrowserHost = {
  readonly port: number;
  readonly token: string;
  /** The URL to open; the token rides in the fragment, which the browser never sends to a server. */
  readonly url: string;
  close(): Promise<void>;
};

const LOOPBACK = '127.0.0.1';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { core, logger } = options;
  const token = randomBytes(24).toString('base64url');
  const serveApp = createAppProtocolHandler(options.rendererDir);
  let port = 0;
  const allowedHosts = () => new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const hostCsp = () => CONTENT_SECURITY_POLICY.replace("connect-src 'none'", `connect-src ws://${LOOPBACK}:${port} ws://localhost:${port}`);

  const send = (res: ServerResponse, status: number, body: string | Uint8Array | null, contentType?: string) => {
    res.writeHead(status, {
      'Content-Security-Policy': hostCsp(),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      ...(contentType ? { 'Content-Type': contentType } : {}),
    });
    res.end(body ?? undefined);
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    // A foreign Host header means DNS rebinding or a proxy: refuse before serving anything.
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 421, null);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, null);
    const path = (req.url ?? '/').slice(0, 2048);
    if (path === HOST_SHIM_PATH) {
      const shim = await readFile(options.shimFile).catch(() => null);
      return shim ? send(res, 200, shim, 'text/javascript; charset=utf-8') : send(res, 404, null);
    }
    const response = await serveApp(new Request(`${APP_ORIGIN}${path.startsWith('/') ? path : `/${path}`}`));
    const contentType = response.headers.get('Content-Type') ?? undefined;
    if (!response.ok) return send(res, response.status, null);
    const body = new Uint8Array(await response.arrayBuffer());
    if (contentType?.startsWith('text/html')) {
      // The shim must define window.atm before the app's module script runs.
      const html = Buffer.from(body).toString('utf8').replace('<head>', `<head><script src="${HOST_SHIM_PATH}"></script>`);
      return send(res, 200, req.method === 'HEAD' ? null : html, contentType);
    }
    return send(res, 200, req.method === 'HEAD' ? null : body, contentType);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => send(res, 500, null));
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: HOST_MESSAGE_BYTES_MAX,
    handleProtocols: (protocols) => {
      for (const protocol of protocols) if (protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) return protocol;
      return false;
    },
  });

  const router = createIpcRouter({
    handlers: core.handlers,
    isTrustedSender: (sender) => sender.kind === 'browser-host' && sender.authenticated,
    logger,
  });

  server.on('upgrade', (req, socket, head) => {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((protocol) => protocol.trim())
      .find((protocol) => protocol.startsWith(TOKEN_PROTOCOL_PREFIX));
    const origin = req.headers.origin ?? '';
    const authorised =
      req.url === HOST_WS_PATH &&
      allowedHosts().has(req.headers.host ?? '') &&
      [`http://${LOOPBACK}:${port}`, `http://localhost:${port}`].includes(origin) &&
      offered !== undefined &&
      sameSecret(offered.slice(TOKEN_PROTOCOL_PREFIX.length), token);
    if (!authorised) {
      logger.warn('browser host refused a connection', { reason: 'bad origin, path or token' });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  let connectionCount = 0;
  const onConnection = (ws: WebSocket) => {
    const connectionId = `c${++connectionCount}`;
    const sender = { kind: 'browser-host', connectionId, authenticated: true } as const;
    let pending = 0;
    const unsubscribe = core.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) {
        ws.send(JSON.stringify({ type: 'event', event: contractEvents[event].event, payload }));
      }
    });
    ws.on('close', unsubscribe);
    ws.on('message', (data, isBinary) => {
      let call;
      try {
        call = isBinary ? null : HostCallSchema.safeParse(JSON.parse(String(data)));
      } catch {
        call = null;
      }
      if (!call?.success) {
        ws.close(1007, 'malformed message');
        return;
      }
      const { id, channel, payload } = call.data;
      if (pending >= HOST_PENDING_CALLS_MAX) {
        ws.send(JSON.stringify({ type: 'reply', id, envelope: { ok: false, error: { code: 'SESSION_BUSY', message: 'Too many calls at once.' } } }));
        return;
      }
      pending += 1;
      void router.handle(channel, payload, sender).then((envelope) => {
        pending -= 1;
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'reply', id, envelope }));
      });
    });
  };

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  logger.info('browser host listening', { port });

  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/#token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
