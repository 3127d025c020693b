// The IPC pipeline every call goes through: untrusted senders, unknown channels and bad payloads get their own
// codes and change nothing; handler faults become INTERNAL without leaking details. Fuzzed on every channel.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core-types.ts';
import { createIpcRouter, type HandlerTable, type Sender } from '../../electron/ipc/router.ts';
import { createMemoryLogger } from '../../electron/log/logger.ts';
import { channelEntries, ERROR_CODES, type SessionSnapshot } from '../../shared/ipc/index.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';

const trusted: Sender = { kind: 'browser-host', connectionId: 'c1', authenticated: true };
const untrusted: Sender = { kind: 'browser-host', connectionId: 'c2', authenticated: false };
const isTrustedSender = (sender: Sender) => sender.kind === 'browser-host' && sender.authenticated;

let fixture: CoreFixture;
let core: KioskCore;
beforeAll(async () => {
  fixture = createCoreFixture();
  core = await fixture.start(createFakeClock());
});
afterAll(() => fixture.cleanup());

/** Wraps the real handlers so a test can see whether any was reached. */
function countingHandlers(handlers: HandlerTable): { table: HandlerTable; calls: () => number } {
  let calls = 0;
  const table = Object.fromEntries(
    Object.entries(handlers).map(([domain, methods]) => [
      domain,
      Object.fromEntries(
        Object.entries(methods as Record<string, (request: unknown) => unknown>).map(([method, handler]) => [
          method,
          (request: unknown) => {
            calls += 1;
            return handler(request);
          },
        ]),
      ),
    ]),
  ) as unknown as HandlerTable;
  return { table, calls: () => calls };
}

async function snapshotOf(router: ReturnType<typeof createIpcRouter>): Promise<SessionSnapshot> {
  const envelope = await router.handle('atm:session:getSnapshot', {}, trusted);
  if (!envelope.ok) throw new Error('getSnapshot failed');
  return envelope.value as SessionSnapshot;
}

describe('IPC router', () => {
  it('serves exactly the contract channels', () => {
    const router = createIpcRouter({ handlers: core.handlers, isTrustedSender, logger: createMemoryLogger() });
    expect([...router.channels].sort()).toEqual(channelEntries.map((entry) => entry.spec.channel).sort());
    for (const channel of router.channels) expect(channel).toMatch(/^atm:[a-z]+:[a-zA-Z]+$/);
  });

  it('refuses a call from an untrusted sender before parsing it or reaching a handler', async () => {
    const { table, calls } = countingHandlers(core.handlers);
    const router = createIpcRouter({ handlers: table, isTrustedSender, logger: createMemoryLogger() });
    for (const entry of channelEntries) {
      expect(await router.handle(entry.spec.channel, {}, untrusted)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(calls()).toBe(0);
  });

  it('answers UNKNOWN_CHANNEL for any name outside the contract', async () => {
    const router = createIpcRouter({ handlers: core.handlers, isTrustedSender, logger: createMemoryLogger() });
    const known = new Set(router.channels);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.anything()), async (channel) => {
        fc.pre(!(typeof channel === 'string' && known.has(channel)));
        const envelope = await router.handle(channel, {}, trusted);
        expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }),
      { numRuns: 300 },
    );
    expect(await router.handle('atm:session:__proto__', {}, trusted)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await router.handle('toString', {}, trusted)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('fuzzing every channel: never throws, answers only closed codes, and bad payloads change nothing', async () => {
    const { table, calls } = countingHandlers(core.handlers);
    const router = createIpcRouter({ handlers: table, isTrustedSender, logger: createMemoryLogger() });
    const before = await snapshotOf(router);
    for (const entry of channelEntries) {
      await fc.assert(
        fc.asyncProperty(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }), async (payload) => {
          const valid = entry.spec.request.safeParse(payload).success;
          const callsBefore = calls();
          const envelope = await router.handle(entry.spec.channel, payload, trusted);
          expect(typeof envelope.ok).toBe('boolean');
          if (!envelope.ok) expect(ERROR_CODES).toContain(envelope.error.code);
          if (!valid) {
            expect(envelope).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
            expect(calls()).toBe(callsBefore);
          }
        }),
        { numRuns: 150 },
      );
    }
    const after = await snapshotOf(router);
    expect(after.state).toBe(before.state);
    expect(after.sessionId).toBe(before.sessionId);
  });

  it('rejects extra fields, wrong types and malformed PINs without echoing the value', async () => {
    const router = createIpcRouter({ handlers: core.handlers, isTrustedSender, logger: createMemoryLogger() });
    const cases: [string, unknown][] = [
      ['atm:session:submitPin', { pin: '12a4' }],
      ['atm:session:submitPin', { pin: '123' }],
      ['atm:session:submitPin', { pin: '1234567890123' }],
      ['atm:session:submitPin', { pin: 4921 }],
      ['atm:session:submitPin', { pin: '4921', extra: true }],
      ['atm:session:insertCard', { source: 'demo', demoCardId: 'ana', dispense: 200 }],
      ['atm:session:insertCard', { source: 'magic' }],
      ['atm:session:chooseTransaction', { transaction: 'withdraw_everything' }],
      ['atm:session:getSnapshot', null],
      ['atm:system:getStatus', []],
    ];
    for (const [channel, payload] of cases) {
      const envelope = await router.handle(channel, payload, trusted);
      expect(envelope, `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      if (!envelope.ok) expect(envelope.error.message).not.toMatch(/12a4|4921|1234567890123/);
    }
  });

  it('turns a throwing handler or an off-contract response into INTERNAL, logging no payload', async () => {
    const logger = createMemoryLogger();
    const broken = {
      ...core.handlers,
      session: {
        ...core.handlers.session,
        submitPin: () => {
          throw new Error('disk on fire');
        },
        keepAlive: () => ({ ok: true, value: { state: 'menu', secretField: 'x' } }) as never,
      },
    } as HandlerTable;
    const router = createIpcRouter({ handlers: broken, isTrustedSender, logger });
    const thrown = await router.handle('atm:session:submitPin', { pin: '482915' }, trusted);
    expect(thrown).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The kiosk could not complete this step.' } });
    expect(await router.handle('atm:session:keepAlive', {}, trusted)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logger.lines.join('\n')).not.toContain('482915');
    expect(logger.lines.length).toBe(2);
  });
});
