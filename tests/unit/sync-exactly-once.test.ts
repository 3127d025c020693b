// Store-and-forward under a misbehaving network: ≥ 500 kiosk transactions driven through the IPC handlers against
// the real bank behind the fault-injecting proxy (drop before apply, apply then drop the connection, delay past the
// kiosk's timeout, 5xx, 429 with Retry-After, duplicate delivery) end up applied exactly once at the bank, with
// every account's balance equal on both sides.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartedBank } from '../support/bank-server.ts';
import {
  bankBalance,
  bankTransfers,
  CARDS,
  createSyncFixture,
  deposit,
  endSession,
  kioskBalance,
  signIn,
  value,
  withdraw,
} from '../support/sync-fixture.ts';

const fixture = createSyncFixture();

/** The bank's reversals of this run (read-only), to tell standing transfers from reversed ones. */
function bankReversals(bank: StartedBank): { code: string; reversal_of: string | null }[] {
  const db = new Database(join(bank.dataDir, 'bank.db'), { readonly: true });
  try {
    return db.prepare('SELECT code, reversal_of FROM transfers').all() as {
      code: string;
      reversal_of: string | null;
    }[];
  } finally {
    db.close();
  }
}
afterEach(() => fixture.cleanup());

describe('outbox drain under faults', () => {
  it('applies 500 transactions exactly once through every fault kind; balances equal on both sides', async () => {
    const bank = await fixture.startBank({
      faults: {
        seed: 20_261_124,
        rates: {
          drop_before_apply: 0.05,
          destroy_after_apply: 0.05,
          delay: 0.04,
          status_5xx: 0.05,
          status_429: 0.02,
          duplicate: 0.05,
        },
        delayMs: 700,
        retryAfterS: 1,
      },
    });
    const kiosk = await fixture.start(bank, {
      settings: { dailyWithdrawalCountMax: 50 },
      bank: { standInPerCardMinor: 100_000, standInPerKioskMinor: 1_000_000 },
    });

    let withdrawals = 0;
    let withdrawnMinor = 0;
    for (let round = 0; round < 30; round++) {
      for (const card of [CARDS.ana, CARDS.chloe]) {
        value(await signIn(kiosk, card));
        expect(await withdraw(kiosk, 2_000)).toBeNull();
        endSession(kiosk);
        withdrawals += 1;
        withdrawnMinor += 2_000;
      }
    }
    let deposits = 0;
    let depositedMinor = 0;
    const notes = [
      [{ denominationMinor: 1_000, count: 1 }],
      [{ denominationMinor: 500, count: 3 }],
      [
        { denominationMinor: 2_000, count: 2 },
        { denominationMinor: 500, count: 1 },
      ],
    ];
    for (const card of [CARDS.ben, CARDS.ana, CARDS.chloe, CARDS.ben]) {
      value(await signIn(kiosk, card));
      for (let index = 0; index < 110; index++) {
        const bunch = notes[index % notes.length] ?? [];
        expect(await deposit(kiosk, bunch)).toBeNull();
        deposits += 1;
        depositedMinor += bunch.reduce((sum, line) => sum + line.denominationMinor * line.count, 0);
      }
      endSession(kiosk);
    }
    // Transfers are online only: under faults some are refused (no answer), and whatever the bank booked for a
    // refused one is reversed there.
    let transfersApproved = 0;
    let transfersRefused = 0;
    value(await signIn(kiosk, CARDS.ben));
    for (let index = 0; index < 20; index++) {
      value(await kiosk.call('chooseTransaction', { transaction: 'transfer' }));
      value(
        await kiosk.call('requestTransfer', {
          fromAccountRef: 'a1',
          to: { kind: 'account_number', accountNumber: CARDS.chloe.checking },
          amountMinor: 100,
        }),
      );
      const outcome = await kiosk.call('confirmTransfer');
      if (outcome.ok) {
        transfersApproved += 1;
      } else {
        expect(outcome.error.code).toBe('HOST_UNAVAILABLE');
        transfersRefused += 1;
      }
      value(await kiosk.call('backToMenu'));
    }
    endSession(kiosk);
    expect(withdrawals + deposits + transfersApproved).toBeGreaterThanOrEqual(500);

    // The queue empties with the faults still on.
    for (let attempt = 0; attempt < 200; attempt++) {
      const left = await kiosk.core.sync.drainNow();
      expect(left.parked).toBe(0);
      if (left.pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const status = kiosk.core.sync.status();
    expect(status).toMatchObject({ queueLength: 0, parked: 0, exceptions: 0 });

    // Every fault kind happened.
    for (const kind of [
      'drop_before_apply',
      'destroy_after_apply',
      'delay',
      'status_5xx',
      'status_429',
      'duplicate',
    ] as const) {
      expect(bank.faultLog).toContain(kind);
    }

    // Exactly once: each kiosk transaction is one movement at the bank, and nothing else moved.
    const moved = bankTransfers(bank, bank.deviceId);
    const depositRows = moved.filter((row) => row.code === 'deposit');
    expect(depositRows).toHaveLength(deposits);
    expect(depositRows.reduce((sum, row) => sum + row.amount_minor, 0)).toBe(depositedMinor);
    const paidOut = moved.filter(
      (row) => row.code === 'withdrawal' && (row.kind === 'single' || row.kind === 'post_pending'),
    );
    expect(paidOut).toHaveLength(withdrawals);
    expect(paidOut.reduce((sum, row) => sum + row.amount_minor, 0)).toBe(withdrawnMinor);
    const holds = moved.filter((row) => row.kind === 'pending').map((row) => row.id);
    const resolved = new Set(moved.flatMap((row) => (row.pending_id ? [row.pending_id] : [])));
    expect(holds.filter((id) => !resolved.has(id))).toEqual([]);
    expect(new Set(moved.map((row) => row.id)).size).toBe(moved.length);
    const reversed = new Set(
      bankReversals(bank)
        .filter((row) => row.code === 'reversal')
        .map((row) => row.reversal_of),
    );
    const transfersStanding = moved.filter((row) => row.code === 'transfer' && !reversed.has(row.id));
    expect(transfersStanding).toHaveLength(transfersApproved);
    expect(transfersApproved + transfersRefused).toBe(20);

    // The kiosk's outbox agrees: every row acknowledged, and every movement it reported is at the bank.
    const db = kiosk.db();
    const rows = db
      .prepare("SELECT request_key, op, status, void_of_replay FROM sync_outbox WHERE op IN ('advice', 'complete')")
      .all() as {
      request_key: string;
      op: string;
      status: string;
      void_of_replay: number;
    }[];
    const standIns = db.prepare('SELECT state, count(*) AS n FROM sync_stand_ins GROUP BY state').all() as {
      state: string;
      n: number;
    }[];
    db.close();
    // Both paths ran: online holds posted, and timed-out authorisations stood in, replayed and voided.
    expect(paidOut.some((row) => row.kind === 'post_pending')).toBe(true);
    expect(paidOut.some((row) => row.kind === 'single')).toBe(true);
    expect(standIns.every((row) => row.state === 'forwarded')).toBe(true);
    expect(rows.some((row) => row.void_of_replay === 1)).toBe(true);
    expect(rows.every((row) => row.status === 'done')).toBe(true);
    const atBank = new Set(moved.map((row) => row.id));
    // Every movement reported is at the bank, except a transfer the bank declined on replay (nothing to book).
    expect(
      rows.filter((row) => row.void_of_replay === 0 && row.op !== 'transfer' && !atBank.has(row.request_key)),
    ).toEqual([]);

    for (const accountNumber of [CARDS.ana.checking, CARDS.ana.savings, CARDS.ben.checking, CARDS.chloe.checking]) {
      expect({ accountNumber, balance: bankBalance(bank, accountNumber) }).toEqual({
        accountNumber,
        balance: kioskBalance(kiosk, accountNumber),
      });
    }
  }, 120_000);
});
