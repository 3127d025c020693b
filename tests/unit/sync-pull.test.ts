// The changes feed: bank-side changes (a deposit through the customer API, a card blocked and unblocked) reach the
// kiosk's books as double-entry adjustments and card states; each page commits with its cursor, the cursor survives
// a restart, an account with the kiosk's own requests still in flight is left alone until they land, a deposit the
// kiosk holds in part (the bank books it whole) is never taken for a difference, before or after its release, and a
// kiosk clock days off the bank's changes nothing (the feed is ordered by the bank's sequence, never by time).
import { afterEach, describe, expect, it } from 'vitest';
import { availableOf } from '../../bank/store/ledger.ts';
import type { Clock } from '../../electron/core/kiosk-core-types.ts';
import { DEPOSIT_HOLD_MS_DEFAULT } from '../../electron/settings/kiosk-settings.ts';
import { DEPOSIT_RELEASE_INTERVAL_MS } from '../../electron/transactions/deposit-holds.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { createBankClient, customerLogin, DEMO } from '../support/bank-client.ts';
import type { StartedBank } from '../support/bank-server.ts';
import {
  bankBalance,
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
} from '../support/sync-fixture.ts';

const fixture = createSyncFixture();
afterEach(() => fixture.cleanup());

/** A kiosk whose clock runs three days ahead of the bank's. */
const skewedClock: Clock = {
  now: () => Date.now() + 3 * 86_400_000,
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

async function depositAtBank(started: StartedBank, amountMinor: number, key: string) {
  const client = createBankClient(started.bankUrl);
  const login = await customerLogin(client, DEMO.ana.email, DEMO.ana.password);
  const response = await client.post(`/v1/accounts/${DEMO.ana.checking}/deposits`, {
    token: login.accessToken,
    idempotencyKey: key,
    body: { amountMinor },
  });
  expect(response.status).toBe(201);
}

function setBankCardStatus(started: StartedBank, pan: string, status: 'active' | 'blocked') {
  started.server.bank.db.prepare('UPDATE cards SET status = ? WHERE pan_hmac = ?').run(status, started.cardKey(pan));
}

function adjustments(
  kiosk: Awaited<ReturnType<typeof fixture.start>>,
): { amount_minor: number; credit: string | null }[] {
  const db = kiosk.db();
  try {
    return db
      .prepare(
        `SELECT t.amount_minor, c.account_number AS credit FROM transfers t JOIN accounts c ON c.id = t.credit_account_id
          WHERE t.reference = 'bank-sync' ORDER BY t.seq`,
      )
      .all() as { amount_minor: number; credit: string | null }[];
  } finally {
    db.close();
  }
}

describe('pull of changes', () => {
  it('books a bank-side deposit as an adjustment, follows card blocks, and keeps its cursor across a restart', async () => {
    const bank = await fixture.startBank();
    const kiosk = await fixture.start(bank, { clock: skewedClock });
    await kiosk.core.sync.idle();
    expect(adjustments(kiosk)).toEqual([]);

    await depositAtBank(bank, 7_500, 'pull-test-deposit-1');
    setBankCardStatus(bank, CARDS.chloe.pan, 'blocked');
    expect(await kiosk.core.sync.pullNow()).toBe(true);
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(125_000 + 7_500);
    expect(adjustments(kiosk)).toEqual([{ amount_minor: 7_500, credit: CARDS.ana.checking }]);
    expect(refusalOf(await kiosk.call('insertCard', { source: 'demo', demoCardId: CARDS.chloe.demoCardId }))).toBe(
      'CARD_BLOCKED',
    );
    endSession(kiosk);

    const db = kiosk.db();
    const cursor = (db.prepare('SELECT changes_cursor FROM sync_state').get() as { changes_cursor: number })
      .changes_cursor;
    db.close();
    expect(cursor).toBeGreaterThan(0);
    const restarted = await kiosk.restart();
    await restarted.core.sync.idle();
    const after = restarted.db();
    expect(after.prepare('SELECT changes_cursor FROM sync_state').get()).toEqual({ changes_cursor: cursor });
    after.close();
    // Nothing new at the bank: the restart's pull books nothing twice.
    expect(adjustments(restarted)).toHaveLength(1);

    setBankCardStatus(bank, CARDS.chloe.pan, 'active');
    await restarted.core.sync.pullNow();
    value(await signIn(restarted, CARDS.chloe));
    expect(bankBalance(bank, CARDS.ana.checking)).toBe(kioskBalance(restarted, CARDS.ana.checking));
  });

  it('a deposit above the standalone allowance: available at once on both sides (the bank decides), never adjusted', async () => {
    const bank = await fixture.startBank();
    const clock = createFakeClock(Date.now());
    const kiosk = await fixture.start(bank, { clock });
    await kiosk.core.sync.idle();
    const bankAvailable = () => {
      const account = bank.server.bank.ledger.accountByNumber(CARDS.ana.checking);
      if (!account) throw new Error('no such bank account');
      return availableOf(account);
    };
    const kioskAvailable = async () => {
      const signedIn = value(await signIn(kiosk, CARDS.ana));
      endSession(kiosk);
      return signedIn.accounts?.find((account) => account.accountRef === 'a1')?.availableMinor;
    };

    // 500.00 in notes, above the 200.00 a standalone kiosk makes available at once: with a bank, availability is the
    // bank's, which books all of it, so the kiosk holds nothing of its own.
    value(await signIn(kiosk, CARDS.ana));
    expect(await deposit(kiosk, [{ denominationMinor: 10_000, count: 5 }])).toBeNull();
    endSession(kiosk);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    expect(await kiosk.core.sync.pullNow()).toBe(true);
    expect(bankAvailable()).toBe(125_000 + 50_000);
    expect(await kioskAvailable()).toBe(bankAvailable());
    expect(adjustments(kiosk)).toEqual([]);
    const db = kiosk.db();
    expect(db.prepare('SELECT count(*) AS n FROM deposit_holds').get()).toEqual({ n: 0 });
    db.close();

    // Long after, nothing has moved on either side: one deposit at the bank, an empty queue, no adjustment.
    clock.advance(DEPOSIT_HOLD_MS_DEFAULT + DEPOSIT_RELEASE_INTERVAL_MS);
    await kiosk.core.sync.idle();
    expect(await kiosk.core.sync.pullNow()).toBe(true);
    expect(await kioskAvailable()).toBe(bankAvailable());
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(bankBalance(bank, CARDS.ana.checking));
    expect(adjustments(kiosk)).toEqual([]);
    expect(await kiosk.core.sync.drainNow()).toEqual({ pending: 0, parked: 0 });
    expect(
      bankTransfers(bank, bank.deviceId)
        .filter((row) => row.code === 'deposit')
        .map((row) => row.amount_minor),
    ).toEqual([50_000]);
  });

  it('leaves an account alone while the kiosk’s own requests for it are in flight, then agrees once they land', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    // The bank cannot be reached for money, but the feed still answers.
    bank.setFaults({
      match: (method, path) => method === 'POST' && path.startsWith('/v1/kiosk/'),
      rates: { drop_before_apply: 1 },
    });
    value(await signIn(kiosk, CARDS.ana));
    expect(await deposit(kiosk, [{ denominationMinor: 5_000, count: 2 }])).toBeNull();
    endSession(kiosk);
    await depositAtBank(bank, 1_000, 'pull-test-deposit-2');
    await kiosk.core.sync.pullNow();
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(125_000 + 10_000);
    expect(adjustments(kiosk)).toEqual([]);

    bank.setFaults(null);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    await kiosk.core.sync.pullNow();
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(125_000 + 10_000 + 1_000);
    expect(bankBalance(bank, CARDS.ana.checking)).toBe(kioskBalance(kiosk, CARDS.ana.checking));
  });
});
