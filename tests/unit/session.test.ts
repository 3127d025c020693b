// The customer session as main decides it, driven through the same handler table the IPC router calls: the PIN
// cannot be skipped, lockout survives restarts, one intent at a time, and inactivity ends the session.
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core-types.ts';
import type { Envelope, SessionSnapshot } from '../../shared/ipc/index.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';

const ANA = { demoCardId: 'ana', pan: '4000001234567899', pin: '4921' };

let fixture: CoreFixture;
afterEach(() => fixture?.cleanup());

function value(envelope: Envelope<SessionSnapshot>): SessionSnapshot {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}`);
  return envelope.value;
}

async function insertAna(core: KioskCore) {
  return value(await core.handlers.session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId }));
}

describe('session flow', () => {
  it('goes card → PIN → menu → balance → goodbye → idle, showing only the masked card', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const core = await fixture.start(clock);
    const pushed: SessionSnapshot[] = [];
    core.subscribe((event, payload) => event === 'session.changed' && pushed.push(payload as SessionSnapshot));

    const atPin = await insertAna(core);
    expect(atPin).toMatchObject({ state: 'pin_entry', card: { maskedPan: '•••• 7899' } });
    expect(value(await core.handlers.session.submitPin({ pin: ANA.pin })).state).toBe('menu');
    const balance = value(await core.handlers.session.chooseTransaction({ transaction: 'balance' }));
    expect(balance.state).toBe('balance');
    expect(balance.accounts).toEqual([
      { accountRef: 'a1', accountLabel: 'Checking', maskedAccountNumber: '•••• 0001', currency: 'EUR', ledgerMinor: 125_000, availableMinor: 125_000 },
      { accountRef: 'a2', accountLabel: 'Savings', maskedAccountNumber: '•••• 0002', currency: 'EUR', ledgerMinor: 840_000, availableMinor: 840_000 },
    ]);
    expect(balance.receipt).toMatchObject({ transaction: 'balance', maskedPan: '•••• 7899', stan: expect.stringMatching(/^\d{6}$/) });
    // Card first: the session ends when the card has been taken.
    expect(value(await core.handlers.session.finish({})).state).toBe('take_card');
    expect(value(await core.handlers.session.cardTaken({})).state).toBe('goodbye');
    clock.advance(5_000);
    expect(value(await core.handlers.session.getSnapshot({})).state).toBe('idle');

    expect(pushed.map((snapshot) => snapshot.state)).toEqual(['pin_entry', 'verifying_pin', 'menu', 'balance', 'take_card', 'goodbye', 'idle']);
    const revisions = pushed.map((snapshot) => snapshot.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(JSON.stringify(pushed)).not.toContain(ANA.pan);
    expect(fixture.logger.lines.join('\n')).not.toMatch(new RegExp(`${ANA.pan}|${ANA.pin}`));
  });

  it('never lets a transaction happen before the PIN is verified', async () => {
    fixture = createCoreFixture();
    const core = await fixture.start(createFakeClock());
    expect(await core.handlers.session.chooseTransaction({ transaction: 'balance' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    await insertAna(core);
    expect(await core.handlers.session.chooseTransaction({ transaction: 'balance' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await core.handlers.session.finish({})).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    await core.handlers.session.submitPin({ pin: '0000' });
    expect(await core.handlers.session.chooseTransaction({ transaction: 'balance' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(value(await core.handlers.session.getSnapshot({})).accounts).toBeNull();
  });

  it('decides one PIN at a time: a second submission while the first is verified is refused as busy', async () => {
    fixture = createCoreFixture();
    const core = await fixture.start(createFakeClock());
    await insertAna(core);
    const [first, second] = await Promise.all([
      core.handlers.session.submitPin({ pin: '1111' }),
      core.handlers.session.submitPin({ pin: '2222' }),
    ]);
    expect(first).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'SESSION_BUSY' } });
  });

  it('refuses unknown, blocked, expired and unreadable cards before any PIN', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const core = await fixture.start(clock);
    const attempts = [
      [{ source: 'manual', pan: '4000009999999991' }, 'CARD_UNKNOWN'],
      [{ source: 'demo', demoCardId: 'ben-blocked' }, 'CARD_BLOCKED'],
      [{ source: 'demo', demoCardId: 'chloe-expired' }, 'CARD_EXPIRED'],
      [{ source: 'demo', demoCardId: 'no-such-card' }, 'CARD_UNREADABLE'],
      [{ source: 'track2', track2: ';4000001234567890=2912101?' }, 'CARD_UNREADABLE'], // bad check digit
      [{ source: 'manual', pan: '4000001234567898' }, 'CARD_UNREADABLE'],
    ] as const;
    for (const [insert, code] of attempts) {
      expect(await core.handlers.session.insertCard(insert), code).toMatchObject({ ok: false, error: { code } });
      expect(value(await core.handlers.session.getSnapshot({}))).toMatchObject({ state: 'card_refused', refusal: { code } });
      clock.advance(5_000);
    }
  });

  it('accepts a keyboard-wedge track 2 string', async () => {
    fixture = createCoreFixture();
    const core = await fixture.start(createFakeClock());
    const snapshot = value(await core.handlers.session.insertCard({ source: 'track2', track2: `;${ANA.pan}=29121010000000000000?` }));
    expect(snapshot).toMatchObject({ state: 'pin_entry', card: { maskedPan: '•••• 7899' } });
  });
});

describe('PIN lockout', () => {
  it('retains the card at the third consecutive wrong PIN, across restarts, and then never verifies it', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    let core = await fixture.start(clock);
    await insertAna(core);
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await core.handlers.session.submitPin({ pin: '1111' })).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT' } });
    }
    await core.close();

    core = await fixture.start(clock); // the count was persisted
    await insertAna(core);
    expect(await core.handlers.session.submitPin({ pin: '1111' })).toMatchObject({ ok: false, error: { code: 'CARD_RETAINED' } });
    expect(value(await core.handlers.session.getSnapshot({})).state).toBe('card_retained');
    clock.advance(5_000);
    await core.close();

    core = await fixture.start(clock);
    expect(await core.handlers.session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId })).toMatchObject({
      ok: false,
      error: { code: 'CARD_RETAINED' },
    });
    expect(fixture.logger.lines.some((line) => line.includes('card retained'))).toBe(true);
  });

  it('resets the count after a good PIN', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const core = await fixture.start(clock);
    await insertAna(core);
    await core.handlers.session.submitPin({ pin: '1111' });
    await core.handlers.session.submitPin({ pin: '1111' });
    expect(value(await core.handlers.session.submitPin({ pin: ANA.pin })).state).toBe('menu');
    await core.handlers.session.finish({});
    await core.handlers.session.cardTaken({});
    clock.advance(5_000);

    await insertAna(core);
    await core.handlers.session.submitPin({ pin: '1111' });
    await core.handlers.session.submitPin({ pin: '1111' });
    expect(value(await core.handlers.session.submitPin({ pin: ANA.pin })).state).toBe('menu');
  });
});

describe('inactivity', () => {
  it('ends a waiting session after the timeout, and a key press keeps it alive', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const core = await fixture.start(clock);
    const atPin = await insertAna(core);
    expect(atPin.timeoutAtMs).toBe(clock.now() + 30_000);

    clock.advance(29_000);
    value(await core.handlers.session.keepAlive({}));
    clock.advance(29_000);
    expect(value(await core.handlers.session.getSnapshot({})).state).toBe('pin_entry');

    clock.advance(1_000);
    expect(value(await core.handlers.session.getSnapshot({}))).toMatchObject({ state: 'goodbye', refusal: { code: 'SESSION_TIMEOUT' } });
    clock.advance(5_000);
    expect(value(await core.handlers.session.getSnapshot({})).state).toBe('idle');
    expect(await core.handlers.session.keepAlive({})).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('times out at the menu and balance steps too, dropping the balances', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const core = await fixture.start(clock);
    await insertAna(core);
    await core.handlers.session.submitPin({ pin: ANA.pin });
    await core.handlers.session.chooseTransaction({ transaction: 'balance' });
    clock.advance(30_000);
    expect(value(await core.handlers.session.getSnapshot({}))).toMatchObject({ state: 'goodbye', accounts: null });
  });
});
