// Abuse controls over real sockets: rate limits keyed on the authenticated device or the socket address (a spoofed
// X-Forwarded-For from an untrusted peer changes nothing; a configured proxy's is honoured), the IP block after
// repeated credential failures, the body limit, and error envelopes that never echo internals.
import { afterEach, describe, expect, it } from 'vitest';
import { createIpBlocklist } from '../../bank/auth/ip-block.ts';
import { createBankClient, deviceToken } from '../support/bank-client.ts';
import { type StartBankOptions, type StartedBank, startBankServer } from '../support/bank-server.ts';

describe('bank abuse controls', () => {
  let bank: StartedBank | null = null;
  let nowMs = Date.UTC(2026, 0, 5, 8);
  const clock = { now: () => nowMs };
  const start = async (options: StartBankOptions) => {
    bank = await startBankServer({ clock, seedDemo: false, ...options });
    return { bank, client: createBankClient(bank.url) };
  };
  afterEach(async () => {
    await bank?.close();
    bank = null;
  });

  it('limits anonymous callers per socket address; a spoofed X-Forwarded-For from an untrusted peer is ignored', async () => {
    const { client } = await start({ limits: { rateLimitMax: 5 } });
    for (let index = 0; index < 5; index++) {
      expect((await client.get('/v1/health', { headers: { 'x-forwarded-for': `198.51.100.${index}` } })).status).toBe(
        200,
      );
    }
    const limited = await client.get('/v1/health', { headers: { 'x-forwarded-for': '198.51.100.99' } });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('honours X-Forwarded-For only from a configured trusted proxy', async () => {
    const { client } = await start({ limits: { rateLimitMax: 3 }, trustedProxies: ['127.0.0.1'] });
    const from = (ip: string) => client.get('/v1/health', { headers: { 'x-forwarded-for': ip } });
    for (let index = 0; index < 3; index++) expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(429);
    expect((await from('203.0.113.2')).status).toBe(200);
  });

  it('limits an authenticated device by its id, not by the shared address', async () => {
    const { bank: started, client } = await start({ limits: { rateLimitMax: 4 }, extraDeviceIds: ['kiosk-test-02'] });
    const first = await deviceToken(client, started.deviceId, started.deviceSecret);
    const second = await deviceToken(client, 'kiosk-test-02', started.devices['kiosk-test-02'] ?? '');
    for (let index = 0; index < 4; index++)
      expect((await client.get('/v1/kiosk/changes?limit=1', { token: first })).status).toBe(200);
    expect((await client.get('/v1/kiosk/changes?limit=1', { token: first })).status).toBe(429);
    expect((await client.get('/v1/kiosk/changes?limit=1', { token: second })).status).toBe(200);
  });

  it('blocks an address after N credential failures in the window, whatever X-Forwarded-For says, until the block ends', async () => {
    const { bank: started, client } = await start({ limits: { authFailuresMax: 3, ipBlockMs: 60_000 } });
    const wrong = { deviceId: started.deviceId, deviceSecret: 'z'.repeat(43) };
    for (let index = 0; index < 3; index++) {
      const refused = await client.post('/v1/devices/token', {
        body: wrong,
        headers: { 'x-forwarded-for': `192.0.2.${index}` },
      });
      expect(refused.status).toBe(401);
    }
    const blocked = await client.post('/v1/devices/token', {
      body: { deviceId: started.deviceId, deviceSecret: started.deviceSecret },
    });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('ip_blocked');
    expect(Number(blocked.headers.get('retry-after'))).toBe(60);
    expect((await client.get('/v1/health', { headers: { 'x-forwarded-for': '192.0.2.200' } })).status).toBe(403);
    nowMs += 60_001;
    expect(
      (
        await client.post('/v1/devices/token', {
          body: { deviceId: started.deviceId, deviceSecret: started.deviceSecret },
        })
      ).status,
    ).toBe(200);
  });

  it('behind a trusted proxy, blocks the forwarded client address only', async () => {
    const { client } = await start({ limits: { authFailuresMax: 2 }, trustedProxies: ['127.0.0.1'], seedDemo: true });
    const attacker = { 'x-forwarded-for': '203.0.113.66' };
    for (let index = 0; index < 2; index++) {
      await client.post('/v1/auth/login', {
        body: { email: 'ana@demo.bank.test', password: 'guess-guess-guess' },
        headers: attacker,
      });
    }
    expect((await client.get('/v1/health', { headers: attacker })).status).toBe(403);
    expect((await client.get('/v1/health', { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(200);
  });

  it('credential endpoints have their own, stricter per-address limit', async () => {
    const { client } = await start({ limits: { authRateLimitMax: 3, authFailuresMax: 100 } });
    for (let index = 0; index < 3; index++) {
      expect((await client.post('/v1/auth/login', { body: { email: 'a@example.test', password: 'x' } })).status).toBe(
        401,
      );
    }
    expect((await client.post('/v1/auth/login', { body: { email: 'a@example.test', password: 'x' } })).status).toBe(
      429,
    );
    expect((await client.get('/v1/health')).status).toBe(200);
  });

  it('refuses oversized bodies and malformed JSON with the envelope, never echoing internals', async () => {
    const { bank: started, client } = await start({ limits: { bodyLimitBytes: 1_024 } });
    const token = await deviceToken(client, started.deviceId, started.deviceSecret);
    const big = await client.post('/v1/kiosk/batch', {
      token,
      idempotencyKey: 'k'.repeat(16),
      raw: JSON.stringify({ items: 'x'.repeat(4_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ error: { code: 'payload_too_large', message: 'Request body too large.' } });
    const malformed = await client.post('/v1/kiosk/batch', {
      token,
      idempotencyKey: 'k'.repeat(16),
      raw: '{"items": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: { code: 'invalid_request', message: 'Malformed request.' } });
    const injected = await client.post('/v1/devices/token', {
      body: { deviceId: "kiosk'; DROP TABLE devices; --", deviceSecret: 'q'.repeat(40) },
    });
    expect(injected.status).toBe(400);
    expect(JSON.stringify(injected.body)).not.toMatch(/DROP|SELECT|sqlite|at .*\.ts/i);
  });

  it('the IP blocklist stays bounded', () => {
    const list = createIpBlocklist({ failuresMax: 2, windowMs: 1_000, blockMs: 1_000, entriesMax: 3 }, () => 0);
    for (let index = 0; index < 10; index++) list.recordFailure(`10.0.0.${index}`);
    expect(list.size()).toBe(3);
  });
});
