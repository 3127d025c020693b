// The browser host over real loopback HTTP and WebSocket: it serves the renderer build with the shim and CSP, and
// only a page of its own origin holding the per-run token reaches the kiosk core.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type BrowserHost, startBrowserHost } from '../../electron/browser-host/browser-host.ts';
import { HOST_WS_PATH, TOKEN_PROTOCOL_PREFIX } from '../../electron/browser-host/host-protocol.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';

let fixture: CoreFixture;
let host: BrowserHost;
let siteDir: string;
let origin: string;

beforeAll(async () => {
  fixture = createCoreFixture();
  const core = await fixture.start(createFakeClock());
  siteDir = mkdtempSync(join(tmpdir(), 'atm-site-'));
  mkdirSync(join(siteDir, 'renderer'));
  writeFileSync(join(siteDir, 'renderer', 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(siteDir, 'shim.js'), 'window.shim = true;');
  host = await startBrowserHost({ core, logger: fixture.logger, port: 0, rendererDir: join(siteDir, 'renderer'), shimFile: join(siteDir, 'shim.js') });
  origin = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  await fixture.cleanup();
  rmSync(siteDir, { recursive: true, force: true });
});

function open(options: { token?: string; origin?: string; path?: string }): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const protocols = options.token === undefined ? [] : [`${TOKEN_PROTOCOL_PREFIX}${options.token}`];
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${options.path ?? HOST_WS_PATH}`, protocols, {
      ...(options.origin ? { origin: options.origin } : {}),
    });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    ws.once('error', () => resolve({ status: -1 }));
  });
}

function call(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { type: string; id?: number; envelope?: unknown };
      if (message.type === 'reply' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.envelope);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

describe('browser host', () => {
  it('serves the renderer page with the shim injected first and a CSP that allows only its own WebSocket', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<head><script src="/__atm-host/atm-shim.js"></script>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src ws://127.0.0.1:${host.port} ws://localhost:${host.port}`);
    expect((await fetch(`${origin}/__atm-host/atm-shim.js`)).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) and files outside the build', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'attacker.example' } }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(421);
    expect((await fetch(`${origin}/shim.js`)).status).toBe(404);
    expect((await fetch(`${origin}/%2e%2e/shim.js`)).status).toBeGreaterThanOrEqual(400);
  });

  it('refuses WebSocket connections without the token, with a wrong token, or from another origin', async () => {
    expect(await open({ origin })).toEqual({ status: 403 });
    expect(await open({ origin, token: 'wrong' })).toEqual({ status: 403 });
    expect(await open({ origin: 'http://evil.example', token: host.token })).toEqual({ status: 403 });
    expect(await open({ token: host.token })).toEqual({ status: 403 });
    expect(await open({ origin, token: host.token, path: '/other' })).toEqual({ status: 403 });
  });

  it('bridges contract calls and pushes events for an authorised page', async () => {
    const result = await open({ origin, token: host.token });
    if (!('ws' in result)) throw new Error(`connection refused: ${result.status}`);
    const { ws } = result;
    expect(await call(ws, 1, 'atm:system:getStatus', {})).toMatchObject({ ok: true, value: { mode: 'demo', inService: true } });
    expect(await call(ws, 2, 'atm:session:submitPin', { pin: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call(ws, 3, 'atm:nope:nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });

    const pushed = new Promise<unknown>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === 'event') resolve(message);
      }),
    );
    await call(ws, 4, 'atm:session:insertCard', { source: 'demo', demoCardId: 'ana' });
    expect(await pushed).toMatchObject({ type: 'event', event: 'atm:event:session.changed', payload: { state: 'pin_entry' } });
    await call(ws, 5, 'atm:session:cancel', {});

    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1007);
  });
});
