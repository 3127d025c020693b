// The outbox itself: a row commits with the money or not at all, the queue is bounded (nearly full → out of service
// rather than losing a row), Retry-After and full-jitter backoff run on the kiosk's clock, a refused request is
// parked for staff, nothing secret reaches a row or a log line, and a kiosk without a bank is unchanged.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTBOX_OPEN_ROWS_MAX } from '../../electron/db/migrations/0070-sync.ts';
import { createBankClient, deviceToken } from '../support/bank-client.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { createCoreFixture } from '../support/kiosk-fixture.ts';
import {
  bankTransfers,
  CARDS,
  createSyncFixture,
  deposit,
  endSession,
  eventually,
  kioskBalance,
  refusalOf,
  signIn,
  value,
  withdraw,
} from '../support/sync-fixture.ts';

const fixture = createSyncFixture();
afterEach(() => fixture.cleanup());

const MONEY_POSTS = {
  match: (method: string, path: string) =>
    method === 'POST' && path.startsWith('/v1/kiosk/') && !path.includes('pin-attempts'),
};

describe('outbox', () => {
  it('commits a row with the money or not at all: a failing outbox insert rolls the deposit back', async () => {
    const bank = await fixture.startBank();
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    value(await signIn(kiosk, CARDS.ana));
    const before = kioskBalance(kiosk, CARDS.ana.checking);
    const countRows = (table: string) => {
      const db = kiosk.db();
      const n = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      db.close();
      return n;
    };
    const transfersBefore = countRows('transfers');
    const journalBefore = countRows('journal');

    // Another connection fills the outbox's counter to its hard limit: the next row cannot be written.
    const writer = new Database(join(kiosk.dataDir, 'kiosk.db'));
    writer.prepare('UPDATE sync_state SET open_rows = ?').run(OUTBOX_OPEN_ROWS_MAX);
    writer.close();
    value(await kiosk.call('chooseTransaction', { transaction: 'deposit' }));
    const refused = await kiosk.call('submitDeposit', {
      accountRef: 'a1',
      notes: [{ denominationMinor: 1_000, count: 2 }],
    });
    expect(refusalOf(refused)).toBe('INTERNAL');
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(before);
    expect(countRows('transfers')).toBe(transfersBefore);
    expect(countRows("sync_outbox WHERE op = 'advice'")).toBe(0);
    // Only the session's own journal lines (no approval) were added.
    const db = kiosk.db();
    expect(
      db
        .prepare("SELECT count(*) AS n FROM journal WHERE seq > ? AND kind = 'transaction.approved'")
        .get(journalBefore),
    ).toEqual({ n: 0 });
    db.close();
  });

  it('takes the kiosk out of service when the queue is nearly full, and back when it drains', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank, { sync: { queueLimits: { outOfServiceAt: 5, backInServiceAt: 2 } } });
    await kiosk.core.sync.idle();
    bank.setFaults({ ...MONEY_POSTS, rates: { drop_before_apply: 1 } });
    value(await signIn(kiosk, CARDS.ben));
    for (let index = 0; index < 5; index++)
      expect(await deposit(kiosk, [{ denominationMinor: 500, count: 1 }])).toBeNull();
    endSession(kiosk);
    await eventually(() => !statusOf(kiosk).inService);
    expect(statusOf(kiosk)).toMatchObject({
      inService: false,
      outOfServiceReason: 'bank queue nearly full',
      sync: { queueLength: 5 },
    });
    expect(refusalOf(await kiosk.call('insertCard', { source: 'demo', demoCardId: CARDS.ana.demoCardId }))).toBe(
      'OUT_OF_SERVICE',
    );

    bank.setFaults(null);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    expect(statusOf(kiosk)).toMatchObject({ inService: true, outOfServiceReason: null });
    value(await signIn(kiosk, CARDS.ana));
  });

  it('waits as long as Retry-After says, on the kiosk clock, then sends the same request again', async () => {
    const bank = await fixture.startBank({ faults: true });
    const clock = createFakeClock(Date.now());
    const kiosk = await fixture.start(bank, { clock, sync: { random: () => 0 } });
    await kiosk.core.sync.idle();
    value(await signIn(kiosk, CARDS.ana));
    const seen = bank.faultLog.length;
    const faults = () => bank?.faultLog.slice(seen);
    bank.setFaults({ ...MONEY_POSTS, script: ['status_429'], retryAfterS: 30 });
    expect(await deposit(kiosk, [{ denominationMinor: 1_000, count: 1 }])).toBeNull();
    await eventually(() => kiosk.core.sync.nextAttemptAtMs() !== null);
    expect(kiosk.core.sync.nextAttemptAtMs()).toBe(clock.now() + 30_000);
    expect(faults()).toEqual(['status_429']);

    clock.advance(29_999);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(faults()).toHaveLength(1);
    clock.advance(1);
    await eventually(() => kiosk.core.sync.status().queueLength === 0);
    expect(faults()).toEqual(['status_429', 'pass']);
    expect(bankTransfers(bank, bank.deviceId).filter((row) => row.code === 'deposit')).toHaveLength(1);
  });

  it('backs off with full jitter: random × min(cap, base × 2^failures) on the kiosk clock', async () => {
    const bank = await fixture.startBank({ faults: true });
    const clock = createFakeClock(Date.now());
    const kiosk = await fixture.start(bank, {
      clock,
      sync: { random: () => 0.5 },
      bank: { retryBaseMs: 100, retryMaxMs: 300 },
    });
    await kiosk.core.sync.idle();
    value(await signIn(kiosk, CARDS.ana));
    const seen = bank.faultLog.length;
    bank.setFaults({ ...MONEY_POSTS, rates: { status_5xx: 1 } });
    expect(await deposit(kiosk, [{ denominationMinor: 1_000, count: 1 }])).toBeNull();
    const delays: number[] = [];
    for (let failure = 1; failure <= 4; failure++) {
      await eventually(() => bank?.faultLog.length === seen + failure && kiosk.core.sync.nextAttemptAtMs() !== null);
      const delay = (kiosk.core.sync.nextAttemptAtMs() ?? 0) - clock.now();
      delays.push(delay);
      clock.advance(delay);
    }
    expect(delays).toEqual([50, 100, 150, 150]);
    expect(kiosk.core.sync.status()).toMatchObject({ mode: 'offline', queueLength: 1 });
    expect(kiosk.core.sync.status().lastError).toMatch(/503/);
  });

  it('parks a request the bank refuses (4xx) with the reason, for staff to retry or discard', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    bank.setFaults({ ...MONEY_POSTS, rates: { drop_before_apply: 1 } });
    value(await signIn(kiosk, CARDS.ana));
    expect(await deposit(kiosk, [{ denominationMinor: 1_000, count: 1 }])).toBeNull();
    endSession(kiosk);
    // Someone else used the same transfer id at the bank with a different body: the kiosk's bytes can never pass.
    const db = kiosk.db();
    const row = db.prepare("SELECT request_key, body FROM sync_outbox WHERE op = 'advice'").get() as {
      request_key: string;
      body: string;
    };
    db.close();
    const client = createBankClient(bank.bankUrl);
    const token = await deviceToken(client, bank.deviceId, bank.deviceSecret);
    const other = { ...(JSON.parse(row.body) as Record<string, unknown>), amountMinor: 1 };
    expect(
      (await client.post('/v1/kiosk/advices', { token, idempotencyKey: row.request_key, body: other })).status,
    ).toBe(200);

    bank.setFaults(null);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    expect(kiosk.core.sync.status()).toMatchObject({ queueLength: 0, parked: 1 });
    const [parked] = kiosk.core.sync.listParked();
    expect(parked).toMatchObject({ op: 'advice', requestKey: row.request_key, reason: '409 idempotency_key_reused' });
    // Retry sends the same bytes (parked again); discard gives it up.
    expect(kiosk.core.sync.retryParked(parked?.seq ?? 0)).toBe(true);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    expect(kiosk.core.sync.status().parked).toBe(1);
    expect(kiosk.core.sync.discardParked(parked?.seq ?? 0, 'staff-01')).toBe(true);
    expect(kiosk.core.sync.status()).toMatchObject({ queueLength: 0, parked: 0 });
  });

  it('never puts a card number or PIN into an outbox row, a stored answer or a log line', async () => {
    const bank = await fixture.startBank();
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    value(await kiosk.call('insertCard', { source: 'demo', demoCardId: CARDS.chloe.demoCardId }));
    expect(refusalOf(await kiosk.call('submitPin', { pin: '135790' }))).toBe('PIN_INCORRECT');
    value(await kiosk.call('submitPin', { pin: CARDS.chloe.pin }));
    expect(await withdraw(kiosk, 5_000)).toBeNull();
    endSession(kiosk);
    value(await signIn(kiosk, CARDS.chloe));
    expect(await deposit(kiosk, [{ denominationMinor: 5_000, count: 1 }])).toBeNull();
    endSession(kiosk);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    const db = kiosk.db();
    const text = JSON.stringify([
      db.prepare('SELECT * FROM sync_outbox').all(),
      db.prepare('SELECT * FROM sync_stand_ins').all(),
      db.prepare('SELECT * FROM cards').all(),
      db.prepare('SELECT * FROM journal').all(),
    ]);
    db.close();
    const logs = kiosk.logger.lines.join('\n');
    for (const secret of [CARDS.chloe.pan, CARDS.chloe.pin, '135790']) {
      expect(text).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(text).toContain(bank.cardKey(CARDS.chloe.pan));
  });
});

describe('a kiosk without a bank', () => {
  it('reports standalone, queues nothing and still offers transfers', async () => {
    const core = createCoreFixture();
    try {
      const kiosk = await core.start();
      const status = kiosk.handlers.system.getStatus({});
      expect(status).toMatchObject({
        ok: true,
        value: {
          inService: true,
          sync: { mode: 'standalone', queueLength: 0, parked: 0, exceptions: 0, lastError: null, standIn: null },
        },
      });
      const inserted = await kiosk.handlers.session.insertCard({ source: 'demo', demoCardId: CARDS.ana.demoCardId });
      expect(inserted.ok).toBe(true);
      const menu = await kiosk.handlers.session.submitPin({ pin: CARDS.ana.pin });
      expect(menu.ok && menu.value.transactions).toContain('transfer');
      const db = new Database(join(core.dataDir, 'kiosk.db'), { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM sync_outbox').get()).toEqual({ n: 0 });
      db.close();
    } finally {
      await core.cleanup();
    }
  });
});

function statusOf(kiosk: Awaited<ReturnType<typeof fixture.start>>) {
  const envelope = kiosk.core.handlers.system.getStatus({});
  if (envelope instanceof Promise || !envelope.ok) throw new Error('no status');
  return envelope.value;
}
