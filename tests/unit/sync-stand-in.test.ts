// Offline operation: with the bank unreachable the kiosk approves withdrawals itself within its floor limits (per
// card and business day, per kiosk outstanding) and what the bank's daily limit leaves after the card's online
// withdrawals of the day, forwards each as an advice exactly once when the bank is back, and
// turns a later bank decline into an exception for staff instead of editing its books. An authorisation the bank
// received but the kiosk never recorded (crash mid-request) is replayed and voided at start-up.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { customerLogin, createBankClient, DEMO } from '../support/bank-client.ts';
import type { StartedBank } from '../support/bank-server.ts';
import {
  bankBalance,
  bankTransfers,
  CARDS,
  createSyncFixture,
  endSession,
  eventually,
  kioskBalance,
  signIn,
  value,
  withdraw,
} from '../support/sync-fixture.ts';

const fixture = createSyncFixture();
afterEach(() => fixture.cleanup());

const ALL_DROPPED = { rates: { drop_before_apply: 1 } } as const;

async function drainUntilEmpty(kiosk: Awaited<ReturnType<typeof fixture.start>>) {
  await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
}

describe('stand-in', () => {
  it('approves offline within the per-card and per-kiosk floor limits and forwards each exactly once on reconnect', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank, { bank: { standInPerCardMinor: 5_000, standInPerKioskMinor: 8_000 } });
    await kiosk.core.sync.idle();
    bank.setFaults(ALL_DROPPED);
    const statuses: unknown[] = [];
    kiosk.core.subscribe((event, payload) => {
      if (event === 'system.statusChanged') statuses.push(payload);
    });

    value(await signIn(kiosk, CARDS.ana));
    expect(await withdraw(kiosk, 2_000)).toBeNull();
    endSession(kiosk);
    expect(kiosk.core.sync.status()).toMatchObject({
      mode: 'offline',
      standIn: { perCardMinor: 5_000, perKioskMinor: 8_000 },
    });
    value(await signIn(kiosk, CARDS.ana));
    expect(await withdraw(kiosk, 2_000)).toBeNull();
    endSession(kiosk);
    // Per card: 4,000 stood in today, 2,000 more would pass 5,000 — the amount screen says 1,000 is left.
    value(await signIn(kiosk, CARDS.ana));
    const amountScreen = value(await kiosk.call('chooseTransaction', { transaction: 'withdrawal' }));
    expect(amountScreen.withdrawal?.standInMinor).toBe(1_000);
    value(await kiosk.call('backToMenu'));
    expect(await withdraw(kiosk, 2_000)).toBe('HOST_UNAVAILABLE');
    expect(await withdraw(kiosk, 1_000)).toBeNull();
    endSession(kiosk);
    // Per kiosk: 5,000 outstanding; Chloé's 2,000 fits, the next 2,000 would pass 8,000 (the kiosk's room is less
    // than her card's).
    value(await signIn(kiosk, CARDS.chloe));
    expect(value(await kiosk.call('chooseTransaction', { transaction: 'withdrawal' })).withdrawal?.standInMinor).toBe(
      3_000,
    );
    endSession(kiosk);
    value(await signIn(kiosk, CARDS.chloe));
    expect(await withdraw(kiosk, 2_000)).toBeNull();
    endSession(kiosk);
    value(await signIn(kiosk, CARDS.chloe));
    expect(await withdraw(kiosk, 2_000)).toBe('HOST_UNAVAILABLE');
    endSession(kiosk);
    expect(bankTransfers(bank, bank.deviceId)).toEqual([]);
    // Status events are rate-limited, so the offline one may trail by up to a second.
    await eventually(
      () => statuses.some((status) => (status as { sync: { mode: string } }).sync.mode === 'offline'),
      3_000,
    );

    bank.setFaults(null);
    await drainUntilEmpty(kiosk);
    await kiosk.core.sync.drainNow();
    const moved = bankTransfers(bank, bank.deviceId);
    const advices = moved.filter((row) => row.code === 'withdrawal' && row.kind === 'single');
    expect(advices.map((row) => row.amount_minor).sort()).toEqual([1_000, 2_000, 2_000, 2_000]);
    // The authorisations that went unanswered were replayed and voided: the bank holds nothing for them.
    const holds = moved.filter((row) => row.kind === 'pending');
    expect(
      moved
        .filter((row) => row.kind === 'void_pending')
        .map((row) => row.pending_id)
        .sort(),
    ).toEqual(holds.map((row) => row.id).sort());
    expect(kiosk.core.sync.status()).toMatchObject({
      mode: 'online',
      queueLength: 0,
      parked: 0,
      exceptions: 0,
      standIn: null,
    });
    for (const accountNumber of [CARDS.ana.checking, CARDS.chloe.checking]) {
      expect(bankBalance(bank, accountNumber)).toBe(kioskBalance(kiosk, accountNumber));
    }
    // Draining again sends nothing new.
    await kiosk.core.sync.drainNow();
    expect(bankTransfers(bank, bank.deviceId)).toHaveLength(moved.length);
  });

  it('counts what the card already withdrew online today against the bank limit before standing in', async () => {
    const bank = await fixture.startBank({ faults: true });
    // The bank's daily limit for Ana's and Chloé's cards is 500.00; the pull brings it to the kiosk.
    for (const pan of [CARDS.ana.pan, CARDS.chloe.pan]) {
      bank.server.bank.db
        .prepare('UPDATE cards SET daily_withdrawal_limit_minor = ? WHERE pan_hmac = ?')
        .run(50_000, bank.cardKey(pan));
    }
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    expect(await kiosk.core.sync.pullNow()).toBe(true);

    // Online, the bank approves the whole day's limit for Ana, and 450.00 of it for Chloé.
    value(await signIn(kiosk, CARDS.ana));
    expect(await withdraw(kiosk, 50_000)).toBeNull();
    endSession(kiosk);
    value(await signIn(kiosk, CARDS.chloe));
    expect(await withdraw(kiosk, 45_000)).toBeNull();
    endSession(kiosk);
    await drainUntilEmpty(kiosk);

    // The bank goes down. Standing in for 200.00 more would pass the bank's limit (it would decline the advice):
    // Ana has no room left, Chloé only the 50.00 her limit still allows, though the per-card floor is 200.00.
    bank.setFaults(ALL_DROPPED);
    value(await signIn(kiosk, CARDS.ana));
    expect(kiosk.core.sync.status().mode).toBe('offline');
    const amountScreen = value(await kiosk.call('chooseTransaction', { transaction: 'withdrawal' }));
    expect(amountScreen.withdrawal?.standInMinor).toBe(0);
    value(await kiosk.call('backToMenu'));
    expect(await withdraw(kiosk, 20_000)).toBe('HOST_UNAVAILABLE');
    endSession(kiosk);
    value(await signIn(kiosk, CARDS.chloe));
    expect(value(await kiosk.call('chooseTransaction', { transaction: 'withdrawal' })).withdrawal?.standInMinor).toBe(
      5_000,
    );
    value(await kiosk.call('backToMenu'));
    expect(await withdraw(kiosk, 20_000)).toBe('HOST_UNAVAILABLE');
    endSession(kiosk);

    // Nothing was stood in, so nothing reaches the bank to be declined.
    bank.setFaults(null);
    await drainUntilEmpty(kiosk);
    expect(kiosk.core.sync.status()).toMatchObject({ queueLength: 0, parked: 0, exceptions: 0 });
    expect(bankTransfers(bank, bank.deviceId).filter((row) => row.kind === 'single')).toEqual([]);
  });

  it('records a stand-in the bank declines afterwards as an exception for staff and leaves the books alone', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    bank.setFaults(ALL_DROPPED);
    value(await signIn(kiosk, CARDS.ana));
    expect(await withdraw(kiosk, 5_000)).toBeNull();
    endSession(kiosk);
    const kioskAfter = kioskBalance(kiosk, CARDS.ana.checking);
    expect(kioskAfter).toBe(125_000 - 5_000);

    // Meanwhile Ana empties the account at the bank, so the advice can no longer be applied.
    const client = createBankClient(bank.bankUrl);
    const login = await customerLogin(client, DEMO.ana.email, DEMO.ana.password);
    const taken = await client.post(`/v1/accounts/${DEMO.ana.checking}/withdrawals`, {
      token: login.accessToken,
      idempotencyKey: 'test-withdraw-all-0001',
      body: { amountMinor: 124_000 },
    });
    expect(taken.status).toBe(201);

    bank.setFaults(null);
    await drainUntilEmpty(kiosk);
    expect(kiosk.core.sync.status()).toMatchObject({ queueLength: 0, parked: 0, exceptions: 1 });
    const [exception] = kiosk.core.sync.listExceptions();
    expect(exception).toMatchObject({
      kind: 'advice_declined',
      amountMinor: 5_000,
      currency: 'EUR',
      reason: 'insufficient_funds',
    });
    // Nothing booked at the bank for the advice, and the kiosk's books are untouched — even by a pull.
    expect(bankTransfers(bank, bank.deviceId).filter((row) => row.kind === 'single')).toEqual([]);
    await kiosk.core.sync.pullNow();
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(kioskAfter);
    expect(kiosk.core.sync.resolveException(exception?.id ?? 0, 'staff-01')).toBe(true);
    expect(kiosk.core.sync.status().exceptions).toBe(0);
    // The journal tells the story: approved standing in, declined by the bank later, settled by staff.
    const db = kiosk.db();
    const journal = db
      .prepare(
        "SELECT kind, staff_id, amount_minor, data FROM journal WHERE kind IN ('transaction.approved', 'sync.exception', 'staff.action') ORDER BY seq",
      )
      .all() as { kind: string; staff_id: string | null; amount_minor: number | null; data: string }[];
    db.close();
    expect(journal.map((row) => [row.kind, row.amount_minor, JSON.parse(row.data) as unknown])).toEqual([
      ['transaction.approved', 5_000, { authorisation: 'stand_in', notes: 1, transaction: 'withdrawal' }],
      [
        'sync.exception',
        5_000,
        { code: 'insufficient_funds', outbox_seq: expect.any(Number), transaction: 'withdrawal' },
      ],
      ['staff.action', null, { action: 'sync_resolve_exception', exception_id: exception?.id }],
    ]);
  });

  it('voids, after a restart, a hold the bank placed while the kiosk never recorded the answer', async () => {
    const bank = await fixture.startBank({ faults: true });
    const first = await fixture.start(bank, { bank: { authoriseTimeoutMs: 3_000 } });
    await first.core.sync.idle();
    bank.setFaults({ match: (_method, path) => path.includes('/authorisations'), script: ['delay'], delayMs: 2_000 });
    value(await signIn(first, CARDS.ana));
    value(await first.call('chooseTransaction', { transaction: 'withdrawal' }));
    const pending = first.call('selectWithdrawal', { amountMinor: 2_000, accountRef: 'a1' }).catch(() => null);
    await eventually(() =>
      bankTransfers(bank as StartedBank, (bank as StartedBank).deviceId).some((row) => row.kind === 'pending'),
    );
    // The kiosk stops with the request in flight (a crash, as far as the books can tell).
    const second = await first.restart();
    await pending;
    bank.setFaults(null);
    await eventually(async () => (await second.core.sync.drainNow()).pending === 0);
    const moved = bankTransfers(bank, bank.deviceId);
    expect(moved.map((row) => row.kind)).toEqual(['pending', 'void_pending']);
    expect(bankBalance(bank, CARDS.ana.checking)).toBe(kioskBalance(second, CARDS.ana.checking));
  });

  it('takes a void of a hold the bank already let expire as done (same end state), not as work for staff', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    // The bank places the hold but the answer is lost: the kiosk stands in and queues a replay and a void.
    bank.setFaults({ match: (_method, path) => path.includes('/authorisations'), script: ['destroy_after_apply'] });
    value(await signIn(kiosk, CARDS.ana));
    expect(await withdraw(kiosk, 2_000)).toBeNull();
    endSession(kiosk);
    bank.setFaults(ALL_DROPPED);
    const hold = bankTransfers(bank, bank.deviceId).find((row) => row.kind === 'pending');
    if (!hold) throw new Error('the bank placed no hold');
    // Before the kiosk is heard from again, the bank's sweep voids the hold (as at the end of its hold age).
    const voided = bank.server.bank.db.transaction(() => bank.server.bank.ledger.expireHold(hold.id, 1))();
    expect(voided.releasedMinor).toBe(2_000);
    bank.setFaults(null);
    await drainUntilEmpty(kiosk);
    expect(kiosk.core.sync.status()).toMatchObject({ queueLength: 0, parked: 0 });
    const moved = bankTransfers(bank, bank.deviceId);
    // The bank's own void and the stand-in advice; the kiosk's void found the hold resolved and was done.
    expect(moved.map((row) => `${row.kind}:${row.code}`)).toEqual([
      'pending:withdrawal',
      'void_pending:withdrawal',
      'single:withdrawal',
    ]);
    expect(bankBalance(bank, CARDS.ana.checking)).toBe(kioskBalance(kiosk, CARDS.ana.checking));
  });

  it('does not replay an authorisation that never reached the bank (no connection): nothing to void there', async () => {
    const bank = await fixture.startBank();
    // A port nobody listens on: every connection is refused before a byte is sent.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const kiosk = await fixture.start(bank, { url: `http://127.0.0.1:${port}` });
    value(await signIn(kiosk, CARDS.ana));
    expect(await withdraw(kiosk, 2_000)).toBeNull();
    endSession(kiosk);
    expect(kiosk.core.sync.status().lastError).toContain('unreachable');
    const db = kiosk.db();
    try {
      expect(db.prepare('SELECT op, status, void_of_replay FROM sync_outbox ORDER BY seq').all()).toEqual([
        { op: 'pin_attempt', status: 'pending', void_of_replay: 0 },
        { op: 'authorise', status: 'done', void_of_replay: 0 },
        { op: 'advice', status: 'pending', void_of_replay: 0 },
      ]);
    } finally {
      db.close();
    }
  });

  it('reports connecting, not offline, until the bank has been heard from or has failed to answer', async () => {
    const bank = await fixture.startBank();
    // A bank whose answers never come back (the transport neither answers nor fails): still connecting.
    const silent = { send: () => new Promise<never>(() => undefined), close: () => undefined };
    const kiosk = await fixture.start(bank, { sync: { transport: silent } });
    expect(kiosk.core.sync.status()).toMatchObject({ mode: 'connecting', standIn: null });
    const heard = await fixture.start(bank);
    await heard.core.sync.idle();
    expect(heard.core.sync.status().mode).toBe('online');
  });
});
