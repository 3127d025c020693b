// Every customer transaction through the IPC router and the session state machine, against the real core (SQLite,
// argon2, keychain, simulated devices with faults): each success and each refusal code, the money it moved (or
// did not), the trace numbers, and a canary scan of everything on disk afterwards.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core-types.ts';
import { createSimulatedDispenser, type SimulatedDispenser } from '../../electron/devices/simulated-cash-dispenser.ts';
import {
  createSimulatedDepositAcceptor,
  type SimulatedAcceptor,
} from '../../electron/devices/simulated-deposit-acceptor.ts';
import { createIpcRouter } from '../../electron/ipc/router.ts';
import { createMemoryLogger } from '../../electron/log/logger.ts';
import { DEPOSIT_HOLD_MS_DEFAULT, type KioskSettings } from '../../electron/settings/kiosk-settings.ts';
import { DEPOSIT_RELEASE_INTERVAL_MS } from '../../electron/transactions/deposit-holds.ts';
import { DEMO_ACCEPTED_DENOMINATIONS } from '../../electron/demo/seed-demo-cash.ts';
import type { Envelope, ErrorCode, SessionSnapshot } from '../../shared/ipc/index.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';

const ANA = { demoCardId: 'ana', pan: '4000001234567899', pin: '4921' };
const BEN = { demoCardId: 'ben', pan: '4000002345678906', pin: '7305' };
const CHLOE = { demoCardId: 'chloe', pan: '4000004567890128', pin: '618402' };
const instant = async () => {};

type Kiosk = {
  core: KioskCore;
  clock: FakeClock;
  dispenser: SimulatedDispenser;
  acceptor: SimulatedAcceptor;
  call: (method: string, payload?: unknown) => Promise<Envelope<SessionSnapshot>>;
  db: () => Database.Database;
};

let fixture: CoreFixture;
afterEach(() => fixture?.cleanup());

async function startKiosk(
  settingsOverrides: Partial<KioskSettings> = {},
  fileLog = false,
  makeDispenser: (dataDir: string) => SimulatedDispenser = () => createSimulatedDispenser({ sleep: instant }),
): Promise<Kiosk> {
  fixture = createCoreFixture();
  const clock = createFakeClock();
  const dispenser = makeDispenser(fixture.dataDir);
  const acceptor = createSimulatedDepositAcceptor({ denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS, sleep: instant });
  const core = await fixture.start(clock, {
    devices: { dispenser, acceptor: Object.assign(acceptor, { denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS }) },
    settingsOverrides,
    fileLog,
  });
  const router = createIpcRouter({
    handlers: core.handlers,
    isTrustedSender: () => true,
    logger: createMemoryLogger(),
  });
  const sender = { kind: 'browser-host', connectionId: 't', authenticated: true } as const;
  return {
    core,
    clock,
    dispenser,
    acceptor,
    call: (method, payload = {}) =>
      router.handle(`atm:session:${method}`, payload, sender) as Promise<Envelope<SessionSnapshot>>,
    db: () => new Database(join(fixture.dataDir, 'kiosk.db'), { readonly: true }),
  };
}

function value(envelope: Envelope<SessionSnapshot>): SessionSnapshot {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}`);
  return envelope.value;
}

function refused(envelope: Envelope<SessionSnapshot>): ErrorCode {
  if (envelope.ok) throw new Error(`expected a refusal, got state ${envelope.value.state}`);
  return envelope.error.code;
}

async function signIn(kiosk: Kiosk, card: { demoCardId: string; pin: string }): Promise<SessionSnapshot> {
  value(await kiosk.call('insertCard', { source: 'demo', demoCardId: card.demoCardId }));
  return value(await kiosk.call('submitPin', { pin: card.pin }));
}

async function snapshot(kiosk: Kiosk) {
  return value(await kiosk.call('getSnapshot'));
}

function available(s: SessionSnapshot, ref = 'a1'): number {
  const account = s.accounts?.find((candidate) => candidate.accountRef === ref);
  if (!account) throw new Error(`no account ${ref}`);
  return account.availableMinor;
}

function cassetteCounts(kiosk: Kiosk): Record<number, number> {
  const db = kiosk.db();
  const rows = db.prepare('SELECT denomination_minor AS d, count FROM cassettes').all() as {
    d: number;
    count: number;
  }[];
  db.close();
  return Object.fromEntries(rows.map((row) => [row.d, row.count]));
}

/** Σ debits = Σ credits and the kiosk cash account equals the cassettes. */
function expectBooksBalance(kiosk: Kiosk) {
  const db = kiosk.db();
  const sums = db
    .prepare(
      'SELECT sum(debits_posted_minor) AS dp, sum(credits_posted_minor) AS cp, sum(debits_pending_minor) AS dq, sum(credits_pending_minor) AS cq FROM accounts',
    )
    .get() as { dp: number; cp: number; dq: number; cq: number };
  expect(sums.dp).toBe(sums.cp);
  expect(sums.dq).toBe(sums.cq);
  const cash = db
    .prepare("SELECT debits_posted_minor - credits_posted_minor AS balance FROM accounts WHERE kind = 'kiosk_cash'")
    .get() as { balance: number };
  const cassettes = db.prepare('SELECT sum(count * denomination_minor) AS value FROM cassettes').get() as {
    value: number;
  };
  expect(cash.balance).toBe(cassettes.value);
  db.close();
}

async function withdraw(kiosk: Kiosk, amountMinor: number, accountRef = 'a1') {
  value(await kiosk.call('chooseTransaction', { transaction: 'withdrawal' }));
  return kiosk.call('selectWithdrawal', { amountMinor, accountRef });
}

describe('withdrawal', () => {
  it('fast cash: card first, then cash; the account, the cassettes and the receipt agree', async () => {
    const kiosk = await startKiosk();
    const before = available(await signIn(kiosk, ANA));
    const amountEntry = value(await kiosk.call('chooseTransaction', { transaction: 'withdrawal' }));
    expect(amountEntry.withdrawal?.fastCashMinor).toEqual([2_000, 5_000, 10_000, 20_000]);
    const countsBefore = cassetteCounts(kiosk);

    expect(value(await kiosk.call('selectWithdrawal', { amountMinor: 8_000, accountRef: 'a1' })).state).toBe(
      'take_card',
    );
    expect(refused(await kiosk.call('cashTaken'))).toBe('INVALID_STATE'); // no cash before the card
    expect(value(await kiosk.call('cardTaken')).state).toBe('take_cash');
    const done = value(await kiosk.call('cashTaken'));
    expect(done.state).toBe('goodbye');
    expect(done.receipt).toMatchObject({
      transaction: 'withdrawal',
      requestedMinor: 8_000,
      completedMinor: 8_000,
      outcome: 'completed',
      maskedPan: '•••• 7899',
      availableMinor: before - 8_000,
    });
    expect(done.receipt?.stan).toMatch(/^\d{6}$/);
    expect(done.receipt?.rrn).toMatch(/^\d{12}$/);
    // 80.00 = 50 + 20 + 10: fewest notes.
    const countsAfter = cassetteCounts(kiosk);
    const used = (denomination: number) => (countsBefore[denomination] ?? 0) - (countsAfter[denomination] ?? 0);
    expect([used(5_000), used(2_000), used(1_000)]).toEqual([1, 1, 1]);
    expectBooksBalance(kiosk);
  });

  it.each([
    ['INSUFFICIENT_FUNDS', BEN, 40_000, {}],
    ['LIMIT_PER_WITHDRAWAL', ANA, 60_000, {}],
    ['AMOUNT_NOT_DISPENSABLE', ANA, 3_500, {}],
  ] as const)('refuses %s before any hold, and nothing changes', async (code, card, amountMinor, overrides) => {
    const kiosk = await startKiosk(overrides);
    const before = await signIn(kiosk, card);
    const countsBefore = cassetteCounts(kiosk);
    expect(refused(await withdraw(kiosk, amountMinor))).toBe(code);
    const after = await snapshot(kiosk);
    expect(after).toMatchObject({ state: 'withdrawal_amount', refusal: { code } });
    expect(available(after)).toBe(available(before));
    expect(cassetteCounts(kiosk)).toEqual(countsBefore);
    expectBooksBalance(kiosk);
  });

  it('daily amount and count limits per card, across sessions', async () => {
    const kiosk = await startKiosk({ dailyWithdrawalMaxMinor: 60_000, dailyWithdrawalCountMax: 2 });
    const takeAll = async () => {
      value(await kiosk.call('cardTaken'));
      value(await kiosk.call('cashTaken'));
      kiosk.clock.advance(10_000);
    };
    await signIn(kiosk, CHLOE);
    value(await withdraw(kiosk, 50_000));
    await takeAll();
    await signIn(kiosk, CHLOE);
    expect(refused(await withdraw(kiosk, 20_000))).toBe('LIMIT_DAILY_AMOUNT');
    value(await kiosk.call('selectWithdrawal', { amountMinor: 5_000, accountRef: 'a1' }));
    await takeAll();
    await signIn(kiosk, CHLOE);
    expect(refused(await withdraw(kiosk, 2_000))).toBe('LIMIT_DAILY_COUNT');
  });

  it('a frozen account and an unknown account are refused', async () => {
    const kiosk = await startKiosk();
    await signIn(kiosk, ANA);
    expect(refused(await withdraw(kiosk, 2_000, 'a9'))).toBe('ACCOUNT_UNKNOWN');
    const db = new Database(join(fixture.dataDir, 'kiosk.db'));
    db.prepare("UPDATE accounts SET status = 'frozen' WHERE account_number = '10000001'").run();
    db.close();
    value(await kiosk.call('backToMenu'));
    expect(refused(await withdraw(kiosk, 2_000))).toBe('ACCOUNT_FROZEN');
  });

  it('a jam before presenting leaves no debit; the picked notes are booked to rejects', async () => {
    const kiosk = await startKiosk();
    const before = available(await signIn(kiosk, ANA));
    kiosk.dispenser.injectFault({ kind: 'jam_before_present', pickedNotes: 2 });
    expect(refused(await withdraw(kiosk, 5_000))).toBe('DISPENSER_FAULT');
    const after = await snapshot(kiosk);
    expect(after).toMatchObject({
      state: 'transaction_result',
      receipt: { outcome: 'declined', code: 'DISPENSER_FAULT', completedMinor: 0 },
    });
    expect(available(after)).toBe(before);
    const db = kiosk.db();
    expect(
      db
        .prepare(
          "SELECT count(*) AS n FROM transfers WHERE kind = 'pending' AND id NOT IN (SELECT pending_id FROM transfers WHERE pending_id IS NOT NULL)",
        )
        .get(),
    ).toEqual({ n: 0 });
    db.close();
    expectBooksBalance(kiosk);
  });

  it('a partial dispense posts only what was presented', async () => {
    const kiosk = await startKiosk();
    const before = available(await signIn(kiosk, ANA));
    kiosk.dispenser.injectFault({ kind: 'partial', presentedNotes: 1 });
    value(await withdraw(kiosk, 7_000)); // 50 + 20; only the 50 is presented
    value(await kiosk.call('cardTaken'));
    const done = value(await kiosk.call('cashTaken'));
    expect(done.receipt).toMatchObject({
      outcome: 'partial',
      requestedMinor: 7_000,
      completedMinor: 5_000,
      availableMinor: before - 5_000,
    });
    expectBooksBalance(kiosk);
  });

  it('cash not taken is retracted after the timeout and the hold is voided', async () => {
    const kiosk = await startKiosk();
    const before = available(await signIn(kiosk, ANA));
    value(await withdraw(kiosk, 10_000));
    value(await kiosk.call('cardTaken'));
    kiosk.clock.advance(30_000);
    await expect.poll(async () => (await snapshot(kiosk)).state).toBe('goodbye');
    const after = await snapshot(kiosk);
    expect(after).toMatchObject({
      refusal: { code: 'CASH_RETRACTED' },
      receipt: { outcome: 'reversed', completedMinor: 0 },
    });
    kiosk.clock.advance(10_000);
    expect(available(await signIn(kiosk, ANA))).toBe(before);
    expectBooksBalance(kiosk);
  });

  it('a card not taken is retained and its withdrawal voided before any cash is presented', async () => {
    const kiosk = await startKiosk();
    const before = available(await signIn(kiosk, ANA));
    value(await withdraw(kiosk, 2_000));
    kiosk.clock.advance(30_000);
    await expect.poll(async () => (await snapshot(kiosk)).state).toBe('card_retained');
    const db = kiosk.db();
    const posted = db.prepare("SELECT count(*) AS n FROM transfers WHERE kind = 'post_pending'").get();
    db.close();
    expect(posted).toEqual({ n: 0 });
    expectBooksBalance(kiosk);
    expect(before).toBeGreaterThan(0);
    // The card stays in the retain bin, recorded for staff, and the reader refuses it until staff release it.
    const retained = kiosk.db();
    expect(
      retained
        .prepare('SELECT c.status, r.reason, r.released_at FROM retained_cards r JOIN cards c ON c.id = r.card_id')
        .all(),
    ).toEqual([{ status: 'retained', reason: 'card_not_taken', released_at: null }]);
    retained.close();
    kiosk.clock.advance(10_000);
    expect(refused(await kiosk.call('insertCard', { source: 'demo', demoCardId: ANA.demoCardId }))).toBe(
      'CARD_RETAINED',
    );
  });

  it('a partial retract (the customer took some notes) posts what was presented and flags the count for staff', async () => {
    const kiosk = await startKiosk();
    const before = available(await signIn(kiosk, ANA));
    value(await withdraw(kiosk, 8_000)); // 50 + 20 + 10: three notes presented
    value(await kiosk.call('cardTaken'));
    kiosk.dispenser.injectFault({ kind: 'retract_partial', notes: 1 });
    kiosk.clock.advance(30_000);
    await expect.poll(async () => (await snapshot(kiosk)).state).toBe('goodbye');
    expect((await snapshot(kiosk)).receipt).toMatchObject({
      outcome: 'completed',
      completedMinor: 8_000,
      code: 'CASH_RETRACTED',
    });
    const db = kiosk.db();
    const flagged = db.prepare("SELECT data FROM journal WHERE kind = 'cash.retract_mismatch'").all() as {
      data: string;
    }[];
    const bin = db.prepare('SELECT coalesce(sum(notes), 0) AS n FROM retract_bin').get();
    db.close();
    expect(flagged.map((row) => JSON.parse(row.data) as unknown)).toEqual([{ presented_notes: 3, retracted_notes: 1 }]);
    expect(bin).toEqual({ n: 1 });
    kiosk.clock.advance(10_000);
    expect(available(await signIn(kiosk, ANA))).toBe(before - 8_000);
    expectBooksBalance(kiosk);
  });
});

describe('deposit', () => {
  it('credits counted notes: up to the immediate allowance at once, the rest held', async () => {
    const kiosk = await startKiosk({ depositImmediateMinor: 20_000 });
    const before = await signIn(kiosk, BEN);
    value(await kiosk.call('chooseTransaction', { transaction: 'deposit' }));
    const result = value(
      await kiosk.call('submitDeposit', {
        accountRef: 'a1',
        notes: [
          { denominationMinor: 10_000, count: 2 },
          { denominationMinor: 5_000, count: 2 },
        ],
      }),
    );
    expect(result).toMatchObject({
      state: 'transaction_result',
      receipt: { transaction: 'deposit', completedMinor: 30_000, outcome: 'completed' },
    });
    expect(available(result)).toBe(available(before) + 20_000);
    expect(result.accounts?.[0]?.ledgerMinor).toBe((before.accounts?.[0]?.ledgerMinor ?? 0) + 20_000);
    expectBooksBalance(kiosk);
  });

  /** Ben's held deposit credits, and the releases the ledger and the journal hold. */
  function depositHolds(kiosk: Kiosk) {
    const db = kiosk.db();
    try {
      const account = db
        .prepare(
          "SELECT credits_pending_minor AS held, credits_posted_minor - debits_posted_minor AS balance FROM accounts WHERE account_number = '20000001'",
        )
        .get() as { held: number; balance: number };
      const posts = db
        .prepare("SELECT amount_minor, pending_id FROM transfers WHERE kind = 'post_pending' AND code = 'deposit'")
        .all();
      const journal = db
        .prepare(
          "SELECT stan, masked_pan, amount_minor, data FROM journal WHERE kind = 'deposit.released' ORDER BY seq",
        )
        .all() as { stan: string; masked_pan: string; amount_minor: number; data: string }[];
      return {
        ...account,
        posts,
        released: journal.map((row) => ({ ...row, data: JSON.parse(row.data) as Record<string, unknown> })),
      };
    } finally {
      db.close();
    }
  }

  it('makes the held part available once the hold period has passed, released once by a sweep on the kiosk clock', async () => {
    const kiosk = await startKiosk({ depositImmediateMinor: 5_000 });
    const before = available(await signIn(kiosk, BEN));
    const depositedAtMs = kiosk.clock.now();
    value(await kiosk.call('chooseTransaction', { transaction: 'deposit' }));
    const deposited = value(
      await kiosk.call('submitDeposit', { accountRef: 'a1', notes: [{ denominationMinor: 10_000, count: 5 }] }),
    );
    expect(available(deposited)).toBe(before + 5_000);
    value(await kiosk.call('backToMenu'));
    // 450.00 is counted but held: it cannot leave again as cash yet.
    expect(refused(await withdraw(kiosk, 40_000))).toBe('INSUFFICIENT_FUNDS');
    kiosk.core.resetSession('test');

    kiosk.clock.advance(DEPOSIT_HOLD_MS_DEFAULT - 1);
    expect(depositHolds(kiosk)).toMatchObject({ held: 45_000, posts: [], released: [] });
    // Due now; the next sweep (at most one interval later) posts it.
    kiosk.clock.advance(DEPOSIT_RELEASE_INTERVAL_MS);
    const dueAt = new Date(depositedAtMs + DEPOSIT_HOLD_MS_DEFAULT).toISOString();
    expect(depositHolds(kiosk)).toMatchObject({
      held: 0,
      posts: [{ amount_minor: 45_000 }],
      released: [
        {
          stan: deposited.receipt?.stan,
          masked_pan: '•••• 8906',
          amount_minor: 45_000,
          data: { deposited_at: new Date(depositedAtMs).toISOString(), due_at: dueAt },
        },
      ],
    });
    const after = await signIn(kiosk, BEN);
    expect(available(after)).toBe(before + 50_000);
    value(await withdraw(kiosk, 40_000));
    value(await kiosk.call('cardTaken'));
    value(await kiosk.call('cashTaken'));
    // Many sweeps later, still one release.
    kiosk.clock.advance(DEPOSIT_HOLD_MS_DEFAULT);
    expect(depositHolds(kiosk)).toMatchObject({ held: 0, posts: [{ amount_minor: 45_000 }] });
    expect(depositHolds(kiosk).released).toHaveLength(1);
    expectBooksBalance(kiosk);
  });

  it('releases at start-up a hold that fell due while the kiosk was off, once across restarts', async () => {
    const kiosk = await startKiosk();
    const before = available(await signIn(kiosk, BEN));
    value(await kiosk.call('chooseTransaction', { transaction: 'deposit' }));
    value(await kiosk.call('submitDeposit', { accountRef: 'a1', notes: [{ denominationMinor: 10_000, count: 3 }] }));
    await kiosk.core.close();
    expect(depositHolds(kiosk)).toMatchObject({ held: 10_000, balance: before + 20_000 });

    kiosk.clock.advance(DEPOSIT_HOLD_MS_DEFAULT);
    let core = await fixture.start(kiosk.clock);
    // The start-up checks (ledger counters, cash account against the cassettes) still pass.
    expect(await core.handlers.system.getStatus({})).toMatchObject({ ok: true, value: { inService: true } });
    expect(depositHolds(kiosk)).toMatchObject({ held: 0, balance: before + 30_000, posts: [{ amount_minor: 10_000 }] });
    await core.close();
    kiosk.clock.advance(DEPOSIT_RELEASE_INTERVAL_MS);
    core = await fixture.start(kiosk.clock);
    expect(await core.handlers.system.getStatus({})).toMatchObject({ ok: true, value: { inService: true } });
    expect(depositHolds(kiosk)).toMatchObject({ held: 0, balance: before + 30_000, posts: [{ amount_minor: 10_000 }] });
    expect(depositHolds(kiosk).released).toHaveLength(1);
    expectBooksBalance(kiosk);
  });

  it('notes the acceptor rejects are not credited; all rejected → DEPOSIT_REJECTED', async () => {
    const kiosk = await startKiosk();
    const before = await signIn(kiosk, BEN);
    value(await kiosk.call('chooseTransaction', { transaction: 'deposit' }));
    kiosk.acceptor.injectFault({ kind: 'reject', notes: 3 });
    expect(
      refused(await kiosk.call('submitDeposit', { accountRef: 'a1', notes: [{ denominationMinor: 2_000, count: 3 }] })),
    ).toBe('DEPOSIT_REJECTED');
    expect(available(await snapshot(kiosk))).toBe(available(before));
    expect(
      refused(await kiosk.call('submitDeposit', { accountRef: 'a1', notes: [{ denominationMinor: 700, count: 1 }] })),
    ).toBe('AMOUNT_INVALID');
  });
});

describe('transfer', () => {
  it('between the customer’s own accounts, no fee', async () => {
    const kiosk = await startKiosk();
    const before = await signIn(kiosk, ANA);
    value(await kiosk.call('chooseTransaction', { transaction: 'transfer' }));
    const confirm = value(
      await kiosk.call('requestTransfer', {
        fromAccountRef: 'a2',
        to: { kind: 'own', accountRef: 'a1' },
        amountMinor: 10_050,
      }),
    );
    expect(confirm.transfer).toMatchObject({ recipientMaskedName: 'Checking', feeMinor: 0, amountMinor: 10_050 });
    const done = value(await kiosk.call('confirmTransfer'));
    expect(available(done, 'a1')).toBe(available(before, 'a1') + 10_050);
    expect(available(done, 'a2')).toBe(available(before, 'a2') - 10_050);
    expectBooksBalance(kiosk);
  });

  it('to another customer by account number, showing the masked name, with the fee as one linked batch', async () => {
    const kiosk = await startKiosk({ transferFeeMinor: 50 });
    const before = await signIn(kiosk, ANA);
    value(await kiosk.call('chooseTransaction', { transaction: 'transfer' }));
    expect(
      refused(
        await kiosk.call('requestTransfer', {
          fromAccountRef: 'a1',
          to: { kind: 'account_number', accountNumber: '99999999' },
          amountMinor: 100,
        }),
      ),
    ).toBe('ACCOUNT_UNKNOWN');
    const confirm = value(
      await kiosk.call('requestTransfer', {
        fromAccountRef: 'a1',
        to: { kind: 'account_number', accountNumber: '20000001' },
        amountMinor: 2_500,
      }),
    );
    expect(confirm.transfer).toMatchObject({
      recipientMaskedName: 'B** O*****',
      recipientMaskedAccount: '•••• 0001',
      feeMinor: 50,
    });
    const done = value(await kiosk.call('confirmTransfer'));
    expect(done.receipt).toMatchObject({ transaction: 'transfer', completedMinor: 2_500, feeMinor: 50 });
    expect(available(done)).toBe(available(before) - 2_550);
    expectBooksBalance(kiosk);
  });

  it('refuses insufficient funds (fee included) and the daily transfer limit', async () => {
    const kiosk = await startKiosk({ transferFeeMinor: 50, dailyTransferMaxMinor: 30_000 });
    const before = await signIn(kiosk, BEN); // 310.55
    value(await kiosk.call('chooseTransaction', { transaction: 'transfer' }));
    value(
      await kiosk.call('requestTransfer', {
        fromAccountRef: 'a1',
        to: { kind: 'account_number', accountNumber: '10000001' },
        amountMinor: 31_055,
      }),
    );
    expect(refused(await kiosk.call('confirmTransfer'))).toBe('LIMIT_DAILY_TRANSFER');
    value(
      await kiosk.call('requestTransfer', {
        fromAccountRef: 'a1',
        to: { kind: 'account_number', accountNumber: '10000001' },
        amountMinor: 25_000,
      }),
    );
    value(await kiosk.call('confirmTransfer'));
    value(await kiosk.call('backToMenu'));
    value(await kiosk.call('chooseTransaction', { transaction: 'transfer' }));
    value(
      await kiosk.call('requestTransfer', {
        fromAccountRef: 'a1',
        to: { kind: 'account_number', accountNumber: '10000001' },
        amountMinor: 5_500,
      }),
    );
    expect(refused(await kiosk.call('confirmTransfer'))).toBe('LIMIT_DAILY_TRANSFER');
    expect(available(await snapshot(kiosk))).toBe(available(before) - 25_050);
  });

  it('insufficient funds when the fee tips it over', async () => {
    const kiosk = await startKiosk({ transferFeeMinor: 50 });
    await signIn(kiosk, BEN);
    value(await kiosk.call('chooseTransaction', { transaction: 'transfer' }));
    value(
      await kiosk.call('requestTransfer', {
        fromAccountRef: 'a1',
        to: { kind: 'account_number', accountNumber: '10000001' },
        amountMinor: 31_055,
      }),
    );
    expect(refused(await kiosk.call('confirmTransfer'))).toBe('INSUFFICIENT_FUNDS');
    const db = kiosk.db();
    expect(db.prepare("SELECT count(*) AS n FROM transfers WHERE code IN ('transfer', 'fee')").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('mini statement, balance and trace numbers', () => {
  it('shows the last movements newest first, at most 10, and every transaction gets a fresh STAN and RRN', async () => {
    const kiosk = await startKiosk();
    await signIn(kiosk, ANA);
    const stans: string[] = [];
    const rrns: string[] = [];
    for (let index = 0; index < 11; index++) {
      value(await kiosk.call('chooseTransaction', { transaction: 'transfer' }));
      const result = value(
        await (value(
          await kiosk.call('requestTransfer', {
            fromAccountRef: 'a2',
            to: { kind: 'own', accountRef: 'a1' },
            amountMinor: 100 + index,
          }),
        ),
        kiosk.call('confirmTransfer')),
      );
      stans.push(result.receipt?.stan ?? '');
      rrns.push(result.receipt?.rrn ?? '');
      value(await kiosk.call('backToMenu'));
    }
    const statement = value(await kiosk.call('chooseTransaction', { transaction: 'mini_statement' }));
    expect(statement.statement?.rows).toHaveLength(10);
    expect(statement.statement?.rows[0]).toMatchObject({ code: 'transfer', amountMinor: 110, pending: false });
    expect(stans.map(Number)).toEqual([...stans.map(Number)].sort((a, b) => a - b));
    expect(new Set(stans).size).toBe(stans.length);
    expect(new Set(rrns).size).toBe(rrns.length);
    const other = value(await kiosk.call('showStatement', { accountRef: 'a2' }));
    expect(other.statement?.rows[0]?.amountMinor).toBe(-110);
  });
});

describe('PIN change', () => {
  it('refuses a wrong current PIN, a mismatch and a trivial PIN; then the new PIN works and the old does not', async () => {
    const kiosk = await startKiosk();
    await signIn(kiosk, ANA);
    value(await kiosk.call('chooseTransaction', { transaction: 'pin_change' }));
    expect(refused(await kiosk.call('changePin', { currentPin: '0000', newPin: '5829', newPinAgain: '5829' }))).toBe(
      'PIN_INCORRECT',
    );
    expect(refused(await kiosk.call('changePin', { currentPin: ANA.pin, newPin: '5829', newPinAgain: '5830' }))).toBe(
      'PIN_MISMATCH',
    );
    for (const trivial of ['1234', '7777', '7899']) {
      expect(
        refused(await kiosk.call('changePin', { currentPin: ANA.pin, newPin: trivial, newPinAgain: trivial })),
      ).toBe('PIN_POLICY');
    }
    expect(
      value(await kiosk.call('changePin', { currentPin: ANA.pin, newPin: '5829', newPinAgain: '5829' })).receipt,
    ).toMatchObject({ transaction: 'pin_change' });
    value(await kiosk.call('finish'));
    value(await kiosk.call('cardTaken'));
    kiosk.clock.advance(10_000);

    value(await kiosk.call('insertCard', { source: 'demo', demoCardId: 'ana' }));
    expect(refused(await kiosk.call('submitPin', { pin: ANA.pin }))).toBe('PIN_INCORRECT');
    expect(value(await kiosk.call('submitPin', { pin: '5829' })).state).toBe('menu');
  });
});

describe('receipts', () => {
  it('prints the receipt once, in the language asked for, saved as a PDF when no printer is configured', async () => {
    const kiosk = await startKiosk();
    await signIn(kiosk, ANA);
    value(await kiosk.call('chooseTransaction', { transaction: 'balance' }));
    expect(refused(await kiosk.call('printReceipt', { language: 'fr' }))).toBe('INVALID_STATE');
    value(await kiosk.call('backToMenu'));
    value(await kiosk.call('chooseTransaction', { transaction: 'deposit' }));
    const deposited = value(
      await kiosk.call('submitDeposit', { accountRef: 'a1', notes: [{ denominationMinor: 2_000, count: 1 }] }),
    );
    expect(deposited).toMatchObject({ state: 'transaction_result', receiptDelivery: null });
    const printed = value(await kiosk.call('printReceipt', { language: 'fr' }));
    expect(printed.receiptDelivery).toBe('saved');
    // A second press does not print a second receipt.
    value(await kiosk.call('printReceipt', { language: 'fr' }));
    const files = readdirSync(join(fixture.dataDir, 'receipts'));
    expect(files).toEqual([expect.stringMatching(new RegExp(`-${deposited.receipt?.stan}\\.pdf$`))]);
    expect(
      readFileSync(join(fixture.dataDir, 'receipts', files[0] ?? ''))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const db = kiosk.db();
    const journal = db.prepare("SELECT stan, data FROM journal WHERE kind = 'receipt.printed'").all();
    db.close();
    expect(journal).toEqual([{ stan: deposited.receipt?.stan, data: JSON.stringify({ delivery: 'saved' }) }]);
  });

  it('asked for with the cash in the slot, the withdrawal receipt prints once the cash is taken', async () => {
    const kiosk = await startKiosk();
    await signIn(kiosk, ANA);
    value(await withdraw(kiosk, 6_000));
    const atCash = value(await kiosk.call('cardTaken'));
    expect(atCash).toMatchObject({
      state: 'take_cash',
      cash: { amountMinor: 6_000, partial: false },
      receiptDelivery: null,
    });
    expect(value(await kiosk.call('printReceipt', { language: 'en' })).receiptDelivery).toBe('queued');
    const done = value(await kiosk.call('cashTaken'));
    expect(done.state).toBe('goodbye');
    await expect.poll(async () => (await snapshot(kiosk)).receiptDelivery).toBe('saved');
    expect(readdirSync(join(fixture.dataDir, 'receipts'))).toEqual([
      expect.stringMatching(new RegExp(`-${done.receipt?.stan}\\.pdf$`)),
    ]);
  });

  it('a printer failure is shown on the snapshot and may be retried', async () => {
    fixture = createCoreFixture();
    const outcomes: ('failed' | 'printed')[] = ['failed', 'printed'];
    const documents: string[][] = [];
    const core = await fixture.start(createFakeClock(), {
      receiptPrinter: {
        print: async (document) => {
          documents.push(document.lines.map((line) => line.text));
          const kind = outcomes.shift() ?? 'printed';
          return kind === 'failed' ? { kind, reason: 'paper out' } : { kind };
        },
      },
    });
    const session = core.handlers.session;
    await session.insertCard({ source: 'demo', demoCardId: BEN.demoCardId });
    await session.submitPin({ pin: BEN.pin });
    await session.chooseTransaction({ transaction: 'deposit' });
    await session.submitDeposit({ accountRef: 'a1', notes: [{ denominationMinor: 1_000, count: 2 }] });
    expect(await session.printReceipt({ language: 'es' })).toMatchObject({
      ok: true,
      value: { receiptDelivery: 'failed' },
    });
    expect(await session.printReceipt({ language: 'es' })).toMatchObject({
      ok: true,
      value: { receiptDelivery: 'printed' },
    });
    expect(documents).toHaveLength(2);
    expect(documents[0]?.join('\n')).toContain('INGRESO DE EFECTIVO');
    expect(documents[0]?.join('\n')).not.toContain(BEN.pan);
  });

  it('closing the kiosk while a receipt prints refuses new requests, waits for the print and journals it', async () => {
    fixture = createCoreFixture();
    let release = () => {};
    const printerDone = new Promise<void>((resolve) => (release = resolve));
    let printing = 0;
    const core = await fixture.start(createFakeClock(), {
      devices: {
        dispenser: createSimulatedDispenser({ sleep: instant }),
        acceptor: Object.assign(
          createSimulatedDepositAcceptor({ denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS, sleep: instant }),
          {
            denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS,
          },
        ),
      },
      receiptPrinter: {
        print: async () => {
          printing += 1;
          await printerDone;
          return { kind: 'printed' };
        },
      },
    });
    const session = core.handlers.session;
    await session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId });
    await session.submitPin({ pin: ANA.pin });
    await session.chooseTransaction({ transaction: 'withdrawal' });
    await session.selectWithdrawal({ amountMinor: 6_000, accountRef: 'a1' });
    await session.cardTaken({});
    // Asked for with the cash in the slot: it prints on its own once the cash is taken, outside any request.
    expect(await session.printReceipt({ language: 'en' })).toMatchObject({
      ok: true,
      value: { receiptDelivery: 'queued' },
    });
    const taken = await session.cashTaken({});
    expect(taken).toMatchObject({ ok: true, value: { state: 'goodbye' } });
    await expect.poll(() => printing).toBe(1);

    let closed = false;
    const closing = core.close().then(() => (closed = true));
    expect(await session.getSnapshot({})).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false); // the receipt is still printing
    release();
    await closing;

    const db = new Database(join(fixture.dataDir, 'kiosk.db'), { readonly: true });
    const journalled = db.prepare("SELECT stan, data FROM journal WHERE kind = 'receipt.printed'").all();
    db.close();
    const stan = taken.ok ? taken.value.receipt?.stan : null;
    expect(journalled).toEqual([{ stan, data: JSON.stringify({ delivery: 'printed' }) }]);
  });
});

describe('shuffled PIN keypad', () => {
  it('when the setting is on, each session gets its own digit order at PIN entry and PIN change only', async () => {
    const kiosk = await startKiosk({ shuffledPinKeypad: true });
    const orders = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const atPin = value(await kiosk.call('insertCard', { source: 'demo', demoCardId: ANA.demoCardId }));
      expect([...(atPin.pinKeypad?.digits ?? [])].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
      orders.add(atPin.pinKeypad?.digits.join('') ?? '');
      const menu = value(await kiosk.call('submitPin', { pin: ANA.pin }));
      expect(menu.pinKeypad).toBeNull();
      const pinChange = value(await kiosk.call('chooseTransaction', { transaction: 'pin_change' }));
      expect(pinChange.pinKeypad).toEqual(atPin.pinKeypad);
      value(await kiosk.call('cancel'));
      value(await kiosk.call('cardTaken'));
      kiosk.clock.advance(10_000);
    }
    expect(orders.size).toBeGreaterThan(1); // 4 draws of 10! orders: equal ones would be a broken shuffle
  });

  it('is off by default: the renderer shows the standard layout', async () => {
    const kiosk = await startKiosk();
    expect(value(await kiosk.call('insertCard', { source: 'demo', demoCardId: ANA.demoCardId })).pinKeypad).toBeNull();
  });
});

describe('out of service', () => {
  it('taken out of service by the shell: journalled, pushed to the screen, and still so after a restart', async () => {
    let kiosk = await startKiosk();
    const statuses: unknown[] = [];
    kiosk.core.subscribe((event, payload) => {
      if (event === 'system.statusChanged') statuses.push(payload);
    });
    kiosk.core.takeOutOfService('the kiosk page failed 6 times in 60 s');
    expect(statuses).toMatchObject([{ inService: false, outOfServiceReason: 'the kiosk page failed 6 times in 60 s' }]);
    expect(refused(await kiosk.call('insertCard', { source: 'demo', demoCardId: ANA.demoCardId }))).toBe(
      'OUT_OF_SERVICE',
    );
    await kiosk.core.close();
    kiosk = { ...kiosk, core: await fixture.start(kiosk.clock) };
    expect(await kiosk.core.handlers.system.getStatus({})).toMatchObject({
      ok: true,
      value: { inService: false, outOfServiceReason: 'the kiosk page failed 6 times in 60 s' },
    });
    const db = kiosk.db();
    const entries = db.prepare("SELECT data FROM journal WHERE kind = 'kiosk.out_of_service'").all() as {
      data: string;
    }[];
    db.close();
    expect(entries.map((row) => JSON.parse(row.data) as unknown)).toContainEqual({
      reason: 'the kiosk page failed 6 times in 60 s',
    });
  });

  it('a database that fails the background integrity check refuses PINs and takes the kiosk out of service', async () => {
    let kiosk = await startKiosk();
    await kiosk.core.close();
    // Scramble one page of an index no start-up check reads: the file opens, the quick_check on the worker fails.
    const path = join(fixture.dataDir, 'kiosk.db');
    const probe = new Database(path, { readonly: true });
    const { rootpage } = probe
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'transfers_resolve_once'")
      .get() as { rootpage: number };
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    const file = readFileSync(path);
    file.fill(0xa5, (rootpage - 1) * pageSize, rootpage * pageSize);
    writeFileSync(path, file);

    kiosk = { ...kiosk, core: await fixture.start(kiosk.clock) };
    const statuses: unknown[] = [];
    kiosk.core.subscribe((event, payload) => {
      if (event === 'system.statusChanged') statuses.push(payload);
    });
    // The router above is bound to the first core; this one is called directly.
    const session = kiosk.core.handlers.session;
    expect(await session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId })).toMatchObject({
      ok: true,
      value: { state: 'pin_entry' },
    });
    expect(await session.submitPin({ pin: ANA.pin })).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE' } });
    expect(statuses).toMatchObject([{ inService: false, outOfServiceReason: 'database failed its integrity check' }]);
    expect(await session.getSnapshot({})).toMatchObject({ ok: true, value: { state: 'idle' } });
    expect(await session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SERVICE' },
    });
  });

  it('a cached balance that does not match the transfers takes the kiosk out of service, with a journal entry', async () => {
    let kiosk = await startKiosk();
    await kiosk.core.close();
    const db = new Database(join(fixture.dataDir, 'kiosk.db'));
    db.prepare(
      "UPDATE accounts SET credits_posted_minor = credits_posted_minor + 100 WHERE account_number = '10000001'",
    ).run();
    db.close();
    kiosk = { ...kiosk, core: await fixture.start(kiosk.clock) };
    const status = await kiosk.core.handlers.system.getStatus({});
    expect(status).toMatchObject({ ok: true, value: { inService: false } });
    expect(await kiosk.core.handlers.session.insertCard({ source: 'demo', demoCardId: 'ana' })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SERVICE' },
    });
    const check = kiosk.db();
    const entry = check.prepare('SELECT kind FROM journal ORDER BY seq DESC LIMIT 1').get();
    check.close();
    expect(entry).toEqual({ kind: 'kiosk.out_of_service' });
  });
});

describe('interrupted withdrawal', () => {
  const stateFileIn = (dataDir: string) => join(dataDir, 'devices', 'dispenser.json');

  /** A kiosk whose simulated dispenser keeps its last-dispense record in the data dir, as the default one does. */
  const startRecordingKiosk = (sleep: (ms: number) => Promise<void> = instant) =>
    startKiosk({}, false, (dataDir) => createSimulatedDispenser({ sleep, stateFile: stateFileIn(dataDir) }));

  /** The process dies; a new one starts on the same data dir with a new dispenser instance reading the same record. */
  async function restart(kiosk: Kiosk) {
    await kiosk.core.close({ waitMs: 0 }); // nothing still running gets to finish
    const dispenser = createSimulatedDispenser({ sleep: instant, stateFile: stateFileIn(fixture.dataDir) });
    return { dispenser, core: await fixture.start(kiosk.clock, { devices: { dispenser } }) };
  }

  function accountState(kiosk: Kiosk) {
    const db = kiosk.db();
    const row = db
      .prepare(
        "SELECT debits_pending_minor AS held, credits_posted_minor - debits_posted_minor AS balance FROM accounts WHERE account_number = '10000001'",
      )
      .get() as { held: number; balance: number };
    const recovered = db.prepare("SELECT data FROM journal WHERE kind = 'withdrawal.recovered'").all() as {
      data: string;
    }[];
    const status = db
      .prepare("SELECT status FROM customer_transactions WHERE kind = 'withdrawal' ORDER BY created_at DESC LIMIT 1")
      .get();
    db.close();
    return {
      ...row,
      recovered: recovered.map((entry) => (JSON.parse(entry.data) as { action: string }).action),
      status,
    };
  }

  it.each(['take_card', 'take_cash'] as const)(
    'a crash at %s with a dispenser that keeps no record: out of service with the hold kept for staff, not guessed',
    async (step) => {
      let kiosk = await startKiosk();
      await signIn(kiosk, ANA);
      value(await withdraw(kiosk, 10_000));
      if (step === 'take_cash') value(await kiosk.call('cardTaken'));
      await kiosk.core.close({ waitMs: 0 }); // the process dies with the notes in the dispenser
      kiosk = {
        ...kiosk,
        core: await fixture.start(kiosk.clock, {
          devices: { dispenser: createSimulatedDispenser({ sleep: instant }) },
        }),
      };
      expect(await kiosk.core.handlers.system.getStatus({})).toMatchObject({
        ok: true,
        value: { inService: false, outOfServiceReason: 'an interrupted withdrawal awaits reconciliation' },
      });
      expect(accountState(kiosk)).toMatchObject({ held: 10_000, recovered: [], status: { status: 'authorised' } });
    },
  );

  it('notes left in the slot by a crash are retracted at start-up and the hold voided; the kiosk serves again', async () => {
    const kiosk = await startRecordingKiosk();
    await signIn(kiosk, ANA);
    const before = accountState(kiosk).balance;
    value(await withdraw(kiosk, 10_000));
    value(await kiosk.call('cardTaken'));
    const { core } = await restart(kiosk);
    expect(await core.handlers.system.getStatus({})).toMatchObject({ ok: true, value: { inService: true } });
    expect(accountState(kiosk)).toMatchObject({
      held: 0,
      balance: before,
      recovered: ['retracted'],
      status: { status: 'reversed' },
    });
    expectBooksBalance(kiosk);
  });

  it('notes the device saw taken before the crash are posted at start-up', async () => {
    const kiosk = await startRecordingKiosk();
    await signIn(kiosk, ANA);
    const before = accountState(kiosk).balance;
    value(await withdraw(kiosk, 10_000));
    value(await kiosk.call('cardTaken'));
    // The customer pulls the notes; the software dies before it books them.
    expect(await kiosk.dispenser.waitForTake(30_000)).toBe('taken');
    const { core } = await restart(kiosk);
    expect(await core.handlers.system.getStatus({})).toMatchObject({ ok: true, value: { inService: true } });
    expect(accountState(kiosk)).toMatchObject({
      held: 0,
      balance: before - 10_000,
      recovered: ['posted_taken'],
      status: { status: 'completed' },
    });
    expectBooksBalance(kiosk);
  });

  it('a hold the dispenser never served (crash while it picked) is voided at start-up', async () => {
    const kiosk = await startRecordingKiosk(() => new Promise(() => {})); // the pick never finishes
    await signIn(kiosk, ANA);
    const before = accountState(kiosk).balance;
    void withdraw(kiosk, 10_000);
    await expect.poll(() => accountState(kiosk).held).toBe(10_000);
    const { core } = await restart(kiosk);
    expect(await core.handlers.system.getStatus({})).toMatchObject({ ok: true, value: { inService: true } });
    expect(accountState(kiosk)).toMatchObject({
      held: 0,
      balance: before,
      recovered: ['voided_not_dispensed'],
      status: { status: 'declined' },
    });
    expectBooksBalance(kiosk);
  });
});

describe('canary', () => {
  it('after a session of every transaction type, no PIN and no card number is in the database, WAL, journal or log', async () => {
    const kiosk = await startKiosk({}, true);
    await signIn(kiosk, CHLOE);
    const steps: [string, unknown][] = [
      ['chooseTransaction', { transaction: 'balance' }],
      ['backToMenu', {}],
      ['chooseTransaction', { transaction: 'mini_statement' }],
      ['backToMenu', {}],
      ['chooseTransaction', { transaction: 'deposit' }],
      ['submitDeposit', { accountRef: 'a1', notes: [{ denominationMinor: 5_000, count: 1 }] }],
      ['backToMenu', {}],
      ['chooseTransaction', { transaction: 'transfer' }],
      [
        'requestTransfer',
        { fromAccountRef: 'a1', to: { kind: 'account_number', accountNumber: '10000001' }, amountMinor: 1_000 },
      ],
      ['confirmTransfer', {}],
      ['backToMenu', {}],
      ['chooseTransaction', { transaction: 'pin_change' }],
      ['changePin', { currentPin: CHLOE.pin, newPin: '730519', newPinAgain: '730519' }],
      ['backToMenu', {}],
      ['chooseTransaction', { transaction: 'withdrawal' }],
      ['selectWithdrawal', { amountMinor: 2_000, accountRef: 'a1' }],
      ['cardTaken', {}],
      ['cashTaken', {}],
    ];
    for (const [method, payload] of steps) value(await kiosk.call(method, payload));
    await kiosk.core.close(); // checkpoints the WAL into the database file

    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(fixture.dataDir);
    expect(files.some((file) => file.endsWith('kiosk.log'))).toBe(true);
    for (const secret of [CHLOE.pin, '730519', CHLOE.pan]) {
      for (const file of files)
        expect(readFileSync(file).includes(Buffer.from(secret)), `${secret.length}-digit secret in ${file}`).toBe(
          false,
        );
    }
  });
});
