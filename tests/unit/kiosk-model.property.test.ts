// Model-based property test of the whole kiosk. Random sequences of customer sessions (the demo cards of Ana, Ben
// and Chloé) are driven through the real core's handler table — the calls the IPC router makes — against the real
// SQLite ledger, cassettes, customer-transaction records and electronic journal, with instant simulated devices that
// get faults injected (dispenser jam / partial pick / cash not taken, acceptor reject / jam), a fake clock for the
// inactivity, card-take, cash-take and end-screen timeouts, cancels, session resets and crash-reopens of the core.
// Beside it runs a small in-memory model — every ledger account's four counters, the cassette counts and reject
// counts, the retract bin, the per-card daily usage against randomised limits, and both devices' fault state — which
// predicts every reply (state and refusal code), receipt and on-screen balance.
//
// What it proves, after EVERY step (each handler call, clock advance, reset and reopen), read from the database:
//   1. money is conserved: Σ debits = Σ credits over all accounts, posted and pending;
//   2. no customer account's available balance is below zero (the demo's overdraft is 0);
//   3. the kiosk cash account's posted balance equals Σ cassette count × denomination;
//   4. every pending transfer is resolved at most once (and only by a post/void), and no withdrawal hold — nor an
//      'authorised' customer transaction — is left once the session is back at idle, goodbye or card_retained;
//   5. transfers never change: every row seen earlier is byte-identical later;
//   6. ledger.verifyBalances(), the journal's hash chain and the cassettes' movement sums all verify;
//   7. the model's account counters, cassettes, retract bin and daily usage equal the database's, and the balances
//      on screen and on the receipts equal the model's.
// Deposit holds (the part of a deposit above the immediate allowance) stay pending until their hold period
// (depositHoldMs) has passed, so invariant 4's "nothing left pending" is about withdrawal holds only; a session may be
// followed by that period passing, after which the model posts every deposit hold, as the kiosk's sweep must. A crash while a withdrawal's
// notes wait is left out of the random runs: the kiosk then restarts out of service until staff reconcile the
// interrupted withdrawal (tests/unit/customer-transactions.test.ts pins that); the regressions at the end of this
// file cover two bugs the model found on the way.
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCardRepo } from '../../electron/cards/card-repo.ts';
import { DATABASE_FILE } from '../../electron/core/kiosk-core.ts';
import { openDatabase } from '../../electron/db/open-database.ts';
import { createCassetteRepo } from '../../electron/cash/cassette-repo.ts';
import { NOTES_PER_DISPENSE_MAX } from '../../electron/cash/note-mix.ts';
import { DEMO_ACCEPTED_DENOMINATIONS } from '../../electron/demo/seed-demo-cash.ts';
import { DEMO_CUSTOMERS } from '../../electron/demo/demo-data.ts';
import { createJournal } from '../../electron/journal/journal.ts';
import { createLedger } from '../../electron/ledger/ledger.ts';
import { DEFAULT_SETTINGS, type KioskSettings, KioskSettingsSchema } from '../../electron/settings/kiosk-settings.ts';
import { DEPOSIT_RELEASE_INTERVAL_MS } from '../../electron/transactions/deposit-holds.ts';
import { businessDayOf } from '../../electron/transactions/trace-numbers.ts';
import {
  type Envelope,
  type ErrorCode,
  type SessionSnapshot,
  SessionSnapshotSchema,
  type SessionState,
} from '../../shared/ipc/index.ts';
import { brokenInvariants } from '../crash/ledger-fixture.ts';
import { createKioskTemplate, type KioskTemplate, type ModelKiosk, settle } from '../support/kiosk-model.ts';

/**
 * Runs × sessions is what bounds the time: each session with a PIN costs one argon2 verification (60–150 ms), the
 * rest of a run a few milliseconds a step. 50 runs of 1–4 sessions, plus the examples, take about 8–12 s;
 * KIOSK_MODEL_RUNS=600 explores further in about a minute and a half.
 */
const NUM_RUNS = Number(process.env.KIOSK_MODEL_RUNS ?? 50);
const SESSIONS_MAX = 4;
const TRANSACTIONS_MAX = 5;

// ---- Operations ----------------------------------------------------------------------------------------------

type CardName = 'ana' | 'ben' | 'chloe';

type DispenserFaultOp =
  | { readonly kind: 'none' }
  | { readonly kind: 'jam'; readonly pickedNotes: number }
  | { readonly kind: 'partial'; readonly presentedNotes: number };

/** What happens after the notes are ready: the card is taken (or not), then the cash (or not), or the core dies. */
type CashStep =
  | 'take'
  | 'device_not_taken'
  | 'cash_timeout'
  | 'card_timeout'
  | 'reset_at_card'
  | 'reset_at_cash'
  | 'crash_at_card'
  | 'crash_at_cash';

type Note = { readonly denominationMinor: number; readonly count: number };
type TransferTarget =
  | { readonly kind: 'own'; readonly accountRef: string }
  | { readonly kind: 'account_number'; readonly accountNumber: string };

type Tx =
  | {
      readonly type: 'withdrawal';
      readonly accountRef: string;
      /** 'drain': the available balance rounded down to €10; 'overdraw': €10 more than that. */
      readonly amountMinor: number | 'drain' | 'overdraw';
      readonly fault: DispenserFaultOp;
      readonly staffReset: boolean;
      readonly then: CashStep;
    }
  | {
      readonly type: 'deposit';
      readonly accountRef: string;
      readonly notes: readonly Note[];
      readonly rejectNotes: number;
      readonly jamAfter: number | null;
      readonly staffReset: boolean;
    }
  | {
      readonly type: 'transfer';
      readonly fromAccountRef: string;
      readonly to: TransferTarget;
      /** 'drain': the available balance less the fee; 'overdraw': one cent more than that. */
      readonly amountMinor: number | 'drain' | 'overdraw';
      readonly then: 'confirm' | 'back' | 'cancel' | 'timeout' | 'crash';
    }
  | { readonly type: 'balance' }
  | { readonly type: 'mini_statement'; readonly accountRef: string }
  /** Chooses a transaction and leaves it midway. */
  | {
      readonly type: 'abandon';
      readonly transaction: 'withdrawal' | 'deposit' | 'transfer';
      readonly how: 'back' | 'cancel' | 'timeout' | 'crash';
    };

type SessionOp = {
  readonly card: CardName;
  readonly pin: 'ok' | 'cancel' | 'timeout';
  readonly txs: readonly Tx[];
  readonly end: 'finish' | 'cancel' | 'timeout' | 'card_not_taken' | 'reset' | 'crash';
  /** Back at idle: time goes on as usual, or the deposit hold period passes (every deposit hold is released). */
  readonly afterwards: 'nothing' | 'deposit_hold_passes';
};

const accountRef = fc.constantFrom('a1', 'a1', 'a2', 'a3');
const withdrawalAmount = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(2_000, 5_000, 10_000, 20_000) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 60 }).map((tens) => tens * 1_000) },
  // Not dispensable: no €5 notes, not a note multiple, more than 40 notes, more than 40 × €50.
  { weight: 1, arbitrary: fc.constantFrom(500, 3_500, 1_005, 199_000, 205_000) },
  // The funds boundary, whatever the balance is by then.
  { weight: 2, arbitrary: fc.constantFrom('drain' as const, 'overdraw' as const) },
);
const dispenserFault: fc.Arbitrary<DispenserFaultOp> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('jam' as const), pickedNotes: fc.integer({ min: 0, max: 6 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('partial' as const), presentedNotes: fc.integer({ min: 1, max: 6 }) }),
  },
);
/**
 * Crash-reopen while a withdrawal's notes wait behind the card or in the slot. Off in the main property because the
 * kiosk then comes back out of service with the hold kept until staff reconcile it (a later issue's recovery); once
 * that recovery books something, turn this on and teach Run.crash what it books.
 */
const CRASH_WITH_CASH_WAITING = false;
const cashStep = fc.constantFrom<CashStep>(
  'take',
  'take',
  'take',
  'device_not_taken',
  'cash_timeout',
  'card_timeout',
  'reset_at_card',
  'reset_at_cash',
  ...(CRASH_WITH_CASH_WAITING ? (['crash_at_card', 'crash_at_cash'] as const) : []),
);
const tx: fc.Arbitrary<Tx> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('withdrawal' as const),
      accountRef,
      amountMinor: withdrawalAmount,
      fault: dispenserFault,
      staffReset: fc.boolean(),
      then: cashStep,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('deposit' as const),
      accountRef,
      notes: fc.array(
        fc.record({
          denominationMinor: fc.constantFrom(...DEMO_ACCEPTED_DENOMINATIONS, 700),
          count: fc.integer({ min: 1, max: 30 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      rejectNotes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 })),
      jamAfter: fc.option(fc.integer({ min: 0, max: 20 }), { freq: 4 }),
      staffReset: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('transfer' as const),
      fromAccountRef: accountRef,
      to: fc.oneof(
        fc.record({ kind: fc.constant('own' as const), accountRef }),
        fc.record({
          kind: fc.constant('account_number' as const),
          accountNumber: fc.constantFrom('10000001', '10000002', '20000001', '30000001', '99999999'),
        }),
      ),
      amountMinor: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 40_000 }) },
        { weight: 1, arbitrary: fc.integer({ min: 40_000, max: 2_000_000 }) },
        { weight: 2, arbitrary: fc.constantFrom('drain' as const, 'overdraw' as const) },
      ),
      then: fc.constantFrom(
        'confirm' as const,
        'confirm' as const,
        'confirm' as const,
        'back' as const,
        'cancel' as const,
        'timeout' as const,
        'crash' as const,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'balance' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('mini_statement' as const), accountRef }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('abandon' as const),
      transaction: fc.constantFrom('withdrawal' as const, 'deposit' as const, 'transfer' as const),
      how: fc.constantFrom('back' as const, 'cancel' as const, 'timeout' as const, 'crash' as const),
    }),
  },
);
const sessionOp: fc.Arbitrary<SessionOp> = fc.record({
  card: fc.constantFrom<CardName>('ana', 'ben', 'chloe'),
  pin: fc.constantFrom(
    'ok' as const,
    'ok' as const,
    'ok' as const,
    'ok' as const,
    'ok' as const,
    'cancel' as const,
    'timeout' as const,
  ),
  txs: fc.array(tx, { minLength: 1, maxLength: TRANSACTIONS_MAX }),
  end: fc.constantFrom(
    'finish' as const,
    'finish' as const,
    'cancel' as const,
    'timeout' as const,
    'card_not_taken' as const,
    'reset' as const,
    'crash' as const,
  ),
  afterwards: fc.constantFrom(
    'nothing' as const,
    'nothing' as const,
    'nothing' as const,
    'deposit_hold_passes' as const,
  ),
});

/** Settings per run, tight enough that every daily limit trips now and then. */
const settingsArb: fc.Arbitrary<Partial<KioskSettings>> = fc
  .record({
    withdrawalMaxMinor: fc.constantFrom(20_000, 50_000),
    dailyWithdrawalMaxMinor: fc.constantFrom(50_000, 100_000),
    dailyWithdrawalCountMax: fc.constantFrom(1, 2, 5),
    dailyTransferMaxMinor: fc.constantFrom(30_000, 250_000),
    transferFeeMinor: fc.constantFrom(0, 50, 125),
    depositImmediateMinor: fc.constantFrom(0, 5_000, 20_000),
    depositNotesMax: fc.constantFrom(20, 100),
  })
  .map((settings) => ({
    ...settings,
    dailyWithdrawalMaxMinor: Math.max(settings.dailyWithdrawalMaxMinor, settings.withdrawalMaxMinor),
  }));

// ---- The model -----------------------------------------------------------------------------------------------

type Counters = { debitsPending: number; debitsPosted: number; creditsPending: number; creditsPosted: number };
type Hold = { readonly debit: string; readonly credit: string; readonly amountMinor: number };
type MixLine = { readonly denominationMinor: number; readonly notes: number };
type Usage = { withdrawnMinor: number; withdrawals: number; transferredMinor: number };

/** A withdrawal whose notes wait behind the card or in the slot. */
type InFlight = {
  readonly account: string;
  readonly amountMinor: number;
  readonly hold: Hold;
  readonly mix: readonly MixLine[];
  readonly presented: readonly number[];
  readonly rejected: readonly number[];
  readonly usageKey: string;
};

function demoCard(name: CardName): { readonly pin: string; readonly accounts: readonly string[] } {
  const customer = DEMO_CUSTOMERS.find((candidate) => candidate.cards.some((card) => card.demoCardId === name));
  const card = customer?.cards.find((candidate) => candidate.demoCardId === name);
  if (!customer || !card) throw new Error(`no demo card ${name}`);
  return { pin: card.pin, accounts: customer.accounts.map((account) => account.accountNumber) };
}

/** Each demo card's PIN and its accounts' numbers in accountRef order (a1, a2…). */
const CARDS: Readonly<Record<CardName, { readonly pin: string; readonly accounts: readonly string[] }>> = {
  ana: demoCard('ana'),
  ben: demoCard('ben'),
  chloe: demoCard('chloe'),
};

const CARD_BY_LAST4: ReadonlyMap<string, CardName> = new Map(
  (['ana', 'ben', 'chloe'] as const).map((name) => [
    DEMO_CUSTOMERS.flatMap((customer) => customer.cards)
      .find((card) => card.demoCardId === name)
      ?.pan.slice(-4) ?? '',
    name,
  ]),
);

const KNOWN_ACCOUNT_NUMBERS = new Set(
  DEMO_CUSTOMERS.flatMap((customer) => customer.accounts.map((account) => account.accountNumber)),
);

/** Ledger key of an account: its number for a customer account, its kind for one of the kiosk's own. */
const ACCOUNT_KEY_SQL = 'coalesce(account_number, kind)';

class Model {
  readonly accounts = new Map<string, Counters>();
  readonly cassettes = new Map<number, { count: number; rejects: number }>();
  retractBin = 0;
  readonly usage = new Map<string, Usage>();
  dispenserFaulted = false;
  acceptorFaulted = false;
  withdrawal: InFlight | null = null;
  /** The held parts of deposits, until their hold period passes. */
  depositHolds: Hold[] = [];
  readonly settings: KioskSettings;

  constructor(settings: KioskSettings, db: Database.Database) {
    this.settings = settings;
    // The starting point is the seeded demo bank, read once; from here on the model evolves on its own.
    for (const row of db
      .prepare(
        `SELECT ${ACCOUNT_KEY_SQL} AS key, debits_pending_minor AS dpe, debits_posted_minor AS dpo, credits_pending_minor AS cpe, credits_posted_minor AS cpo FROM accounts`,
      )
      .all() as {
      key: string;
      dpe: number;
      dpo: number;
      cpe: number;
      cpo: number;
    }[]) {
      this.accounts.set(row.key, {
        debitsPending: row.dpe,
        debitsPosted: row.dpo,
        creditsPending: row.cpe,
        creditsPosted: row.cpo,
      });
    }
    for (const row of db.prepare('SELECT denomination_minor AS d, count, rejects FROM cassettes').all() as {
      d: number;
      count: number;
      rejects: number;
    }[]) {
      this.cassettes.set(row.d, { count: row.count, rejects: row.rejects });
    }
    this.retractBin = (db.prepare('SELECT coalesce(sum(notes), 0) AS n FROM retract_bin').get() as { n: number }).n;
  }

  private counters(key: string): Counters {
    let counters = this.accounts.get(key);
    if (!counters) {
      counters = { debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 0 };
      this.accounts.set(key, counters);
    }
    return counters;
  }

  single(debit: string, credit: string, amountMinor: number): void {
    if (amountMinor <= 0) return;
    this.counters(debit).debitsPosted += amountMinor;
    this.counters(credit).creditsPosted += amountMinor;
  }

  hold(debit: string, credit: string, amountMinor: number): Hold {
    this.counters(debit).debitsPending += amountMinor;
    this.counters(credit).creditsPending += amountMinor;
    return { debit, credit, amountMinor };
  }

  /** Posts `postedMinor` of the hold (0: a void) and releases the rest. */
  resolve(hold: Hold, postedMinor: number): void {
    this.counters(hold.debit).debitsPending -= hold.amountMinor;
    this.counters(hold.credit).creditsPending -= hold.amountMinor;
    this.single(hold.debit, hold.credit, postedMinor);
  }

  available(account: string): number {
    const counters = this.counters(account);
    return counters.creditsPosted - counters.debitsPosted - counters.debitsPending;
  }

  ledgerBalance(account: string): number {
    const counters = this.counters(account);
    return counters.creditsPosted - counters.debitsPosted;
  }

  usageOf(key: string): Usage {
    let usage = this.usage.get(key);
    if (!usage) {
      usage = { withdrawnMinor: 0, withdrawals: 0, transferredMinor: 0 };
      this.usage.set(key, usage);
    }
    return usage;
  }

  /**
   * The note mix written out again: at most 40 notes from the cassettes that hold notes; the fewest notes, then the
   * most of the largest denomination, then of the next; lines largest denomination first.
   */
  planMix(amountMinor: number): MixLine[] | null {
    const stock = [...this.cassettes.entries()].filter(([, cassette]) => cassette.count > 0).sort(([a], [b]) => b - a);
    let best: number[] | null = null;
    let bestNotes = Number.POSITIVE_INFINITY;
    const counts = stock.map(() => 0);
    const search = (index: number, rest: number, notes: number): void => {
      const entry = stock[index];
      if (!entry) {
        if (rest === 0 && notes < bestNotes) {
          best = [...counts];
          bestNotes = notes;
        }
        return;
      }
      const [denomination, cassette] = entry;
      for (
        let take = Math.min(cassette.count, NOTES_PER_DISPENSE_MAX - notes, Math.floor(rest / denomination));
        take >= 0;
        take--
      ) {
        counts[index] = take;
        search(index + 1, rest - take * denomination, notes + take);
      }
      counts[index] = 0;
    };
    search(0, amountMinor, 0);
    const chosen: number[] | null = best;
    if (chosen === null) return null;
    return stock.flatMap(([denominationMinor], index) =>
      (chosen[index] ?? 0) > 0 ? [{ denominationMinor, notes: chosen[index] ?? 0 }] : [],
    );
  }

  /** Notes leave the cassettes: `presented` to the slot, `rejected` to the cassette's reject count; returns their values. */
  takeNotes(
    mix: readonly MixLine[],
    presented: readonly number[],
    rejected: readonly number[],
  ): { presentedMinor: number; rejectedMinor: number } {
    let presentedMinor = 0;
    let rejectedMinor = 0;
    mix.forEach((line, index) => {
      const cassette = this.cassettes.get(line.denominationMinor);
      if (!cassette) throw new Error(`model: no cassette of ${line.denominationMinor}`);
      const shown = presented[index] ?? 0;
      const diverted = rejected[index] ?? 0;
      cassette.count -= shown + diverted;
      cassette.rejects += diverted;
      presentedMinor += shown * line.denominationMinor;
      rejectedMinor += diverted * line.denominationMinor;
    });
    return { presentedMinor, rejectedMinor };
  }
}

/** Spreads `total` notes over the mix in mix order, as the simulated dispenser attributes them. */
function firstNotes(mix: readonly MixLine[], total: number): number[] {
  let left = total;
  return mix.map((line) => {
    const notes = Math.min(line.notes, left);
    left -= notes;
    return notes;
  });
}

// ---- Reading the database ------------------------------------------------------------------------------------

type AccountRow = { key: string; dpe: number; dpo: number; cpe: number; cpo: number };

function dbAccounts(db: Database.Database): Map<string, Counters> {
  const rows = db
    .prepare(
      `SELECT ${ACCOUNT_KEY_SQL} AS key, debits_pending_minor AS dpe, debits_posted_minor AS dpo, credits_pending_minor AS cpe, credits_posted_minor AS cpo FROM accounts`,
    )
    .all() as AccountRow[];
  return new Map(
    rows.map((row) => [
      row.key,
      { debitsPending: row.dpe, debitsPosted: row.dpo, creditsPending: row.cpe, creditsPosted: row.cpo },
    ]),
  );
}

const ZERO: Counters = { debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 0 };

// ---- The run -------------------------------------------------------------------------------------------------

type Expectation = { readonly code: ErrorCode | null; readonly state: SessionState };

/** States whose snapshot carries balances read after the last money movement. */
const FRESH_BALANCE_STATES: ReadonlySet<SessionState> = new Set([
  'menu',
  'withdrawal_amount',
  'deposit_notes',
  'transfer_details',
  'transfer_confirm',
  'balance',
  'mini_statement',
  'transaction_result',
]);
const AT_REST: ReadonlySet<SessionState> = new Set(['idle', 'goodbye', 'card_retained']);

class Run {
  readonly trail: string[] = [];
  /** Every transfer row seen so far, as its JSON: they must never change. */
  readonly seenTransfers = new Map<string, string>();
  card: CardName | null = null;
  state: SessionState = 'idle';
  steps = 0;
  readonly kiosk: ModelKiosk;
  readonly model: Model;
  readonly outcomes: Set<string>;
  /** The product's own checks, on the read-only handle (they only read). */
  readonly ledger: ReturnType<typeof createLedger>;
  readonly journal: ReturnType<typeof createJournal>;
  readonly cassettes: ReturnType<typeof createCassetteRepo>;

  constructor(kiosk: ModelKiosk, model: Model, outcomes: Set<string>) {
    this.kiosk = kiosk;
    this.model = model;
    this.outcomes = outcomes;
    this.ledger = createLedger(kiosk.db, { now: () => kiosk.clock.now() });
    this.journal = createJournal(kiosk.db, { now: () => kiosk.clock.now() });
    this.cassettes = createCassetteRepo(kiosk.db);
  }

  /** The step the session is at (a method, so TypeScript does not narrow it across awaits). */
  current(): SessionState {
    return this.state;
  }

  get settings(): KioskSettings {
    return this.model.settings;
  }

  get handlers() {
    return this.kiosk.core.handlers.session;
  }

  private fail(message: string): never {
    throw new Error(`${message}\n  steps so far:\n    ${this.trail.slice(-25).join('\n    ')}`);
  }

  /** Calls one intent, checks its answer and the resulting step against the expectation; returns the fresh snapshot. */
  async call(
    label: string,
    invoke: () => Envelope<SessionSnapshot> | Promise<Envelope<SessionSnapshot>>,
    expected: Expectation,
  ): Promise<{ reply: Envelope<SessionSnapshot>; snapshot: SessionSnapshot }> {
    this.trail.push(label);
    const reply = await invoke();
    await settle();
    const snapshot = await this.snapshot();
    const code = reply.ok ? null : reply.error.code;
    this.outcomes.add(`${label.split('(')[0]}:${code ?? 'ok'}`);
    if (code !== expected.code || snapshot.state !== expected.state) {
      this.fail(
        `${label}: expected ${expected.code ?? 'ok'} → ${expected.state}, got ${code ?? 'ok'} → ${snapshot.state}`,
      );
    }
    // A refused intent leaves its reason on the screen; an accepted one clears it.
    if ((snapshot.refusal?.code ?? null) !== code) {
      this.fail(
        `${label}: the screen shows refusal ${snapshot.refusal?.code ?? 'none'}, the reply said ${code ?? 'ok'}`,
      );
    }
    if (reply.ok) SessionSnapshotSchema.parse(reply.value);
    this.state = snapshot.state;
    return { reply, snapshot };
  }

  async snapshot(): Promise<SessionSnapshot> {
    const envelope = await this.handlers.getSnapshot({});
    if (!envelope.ok) this.fail(`getSnapshot refused: ${envelope.error.code}`);
    return SessionSnapshotSchema.parse(envelope.value);
  }

  /** Moves the fake clock (firing due timeouts), lets the async work they start finish, and checks the step. */
  async advance(
    label: string,
    ms: number,
    expectedState: SessionState,
    expectedRefusal: ErrorCode | null,
  ): Promise<SessionSnapshot> {
    this.trail.push(`${label} (+${ms} ms)`);
    this.kiosk.clock.advance(ms);
    await settle();
    const snapshot = await this.snapshot();
    if (snapshot.state !== expectedState || (expectedRefusal !== null && snapshot.refusal?.code !== expectedRefusal)) {
      this.fail(
        `${label}: expected ${expectedState} (${expectedRefusal ?? '-'}), got ${snapshot.state} (${snapshot.refusal?.code ?? '-'})`,
      );
    }
    this.state = snapshot.state;
    this.outcomes.add(`${label}:${snapshot.state}`);
    return snapshot;
  }

  accountOf(ref: string): string | null {
    if (!this.card) return null;
    const index = /^a(\d+)$/.exec(ref)?.[1];
    return index === undefined ? null : (CARDS[this.card].accounts[Number(index) - 1] ?? null);
  }

  /** Every invariant, read from the database, plus the model's agreement with it and with the screen. */
  check(snapshot: SessionSnapshot): void {
    this.steps += 1;
    const { db } = this.kiosk;
    const where = this.trail.at(-1) ?? 'start';
    // 1, 2, resolved-at-most-once, resolutions only of pendings, and verifyBalances (6).
    const broken = brokenInvariants(db, this.ledger);
    if (broken.length > 0) this.fail(`after ${where}: ledger invariants broken: ${broken.join('; ')}`);
    // 3. The kiosk cash account mirrors the cassettes.
    const cash = db
      .prepare("SELECT debits_posted_minor - credits_posted_minor AS balance FROM accounts WHERE kind = 'kiosk_cash'")
      .get() as { balance: number };
    const inCassettes = (
      db.prepare('SELECT coalesce(sum(count * denomination_minor), 0) AS value FROM cassettes').get() as {
        value: number;
      }
    ).value;
    if (cash.balance !== inCassettes)
      this.fail(`after ${where}: kiosk cash account ${cash.balance} ≠ cassettes ${inCassettes}`);
    // 4. Nothing of a withdrawal is left hanging once the session is at rest.
    if (AT_REST.has(snapshot.state)) {
      const open = db
        .prepare(
          `SELECT p.id, p.amount_minor AS amount FROM transfers p
            WHERE p.kind = 'pending' AND p.code = 'withdrawal'
              AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.pending_id = p.id)`,
        )
        .all() as { id: string; amount: number }[];
      if (open.length > 0)
        this.fail(`after ${where}: at ${snapshot.state} with unresolved withdrawal holds ${JSON.stringify(open)}`);
      const authorised = db
        .prepare("SELECT count(*) AS n FROM customer_transactions WHERE status = 'authorised'")
        .get() as { n: number };
      if (authorised.n > 0)
        this.fail(
          `after ${where}: at ${snapshot.state} with ${authorised.n} customer transaction(s) still 'authorised'`,
        );
    }
    // 5. Transfers are never changed or removed.
    const rows = db.prepare('SELECT * FROM transfers ORDER BY seq').all() as { id: string }[];
    const now = new Map(rows.map((row) => [row.id, JSON.stringify(row)]));
    for (const [id, json] of this.seenTransfers) {
      if (now.get(id) !== json)
        this.fail(`after ${where}: transfer ${id} changed or vanished: ${json} → ${now.get(id) ?? 'missing'}`);
    }
    for (const [id, json] of now) this.seenTransfers.set(id, json);
    // 6. The journal chain and the cassette counters against their movements.
    const journal = this.journal.verify();
    if (!journal.ok)
      this.fail(`after ${where}: journal broken at ${journal.brokenAtSeq}: ${JSON.stringify(journal.reason)}`);
    const counts = this.cassettes.verifyCounts();
    if (counts.length > 0)
      this.fail(`after ${where}: cassette counters disagree with movements: ${JSON.stringify(counts)}`);
    // 7. The model against the database…
    const actual = dbAccounts(db);
    for (const key of new Set([...actual.keys(), ...this.model.accounts.keys()])) {
      const got = actual.get(key) ?? ZERO;
      const want = this.model.accounts.get(key) ?? ZERO;
      if (JSON.stringify(got) !== JSON.stringify(want))
        this.fail(`after ${where}: account ${key} is ${JSON.stringify(got)}, the model says ${JSON.stringify(want)}`);
    }
    const cassettes = db.prepare('SELECT denomination_minor AS d, count, rejects FROM cassettes ORDER BY d').all() as {
      d: number;
      count: number;
      rejects: number;
    }[];
    for (const cassette of cassettes) {
      const want = this.model.cassettes.get(cassette.d);
      if (want?.count !== cassette.count || want.rejects !== cassette.rejects) {
        this.fail(
          `after ${where}: cassette ${cassette.d} holds ${cassette.count} (rejects ${cassette.rejects}), the model says ${JSON.stringify(want)}`,
        );
      }
    }
    const retracted = (db.prepare('SELECT coalesce(sum(notes), 0) AS n FROM retract_bin').get() as { n: number }).n;
    if (retracted !== this.model.retractBin)
      this.fail(`after ${where}: retract bin ${retracted}, the model says ${this.model.retractBin}`);
    // The customer-transaction records, as the daily limits read them: authorised and completed withdrawals (a
    // partial one for what was presented), completed transfers.
    const usage = db
      .prepare(
        `SELECT c.pan_last4 AS last4, t.business_day AS day,
                sum(CASE WHEN t.kind = 'withdrawal' AND t.status = 'authorised' THEN t.amount_minor
                         WHEN t.kind = 'withdrawal' AND t.status = 'completed' THEN t.completed_minor ELSE 0 END) AS withdrawnMinor,
                sum(CASE WHEN t.kind = 'withdrawal' AND t.status IN ('authorised', 'completed') THEN 1 ELSE 0 END) AS withdrawals,
                sum(CASE WHEN t.kind = 'transfer' AND t.status = 'completed' THEN t.amount_minor ELSE 0 END) AS transferredMinor
           FROM customer_transactions t JOIN cards c ON c.id = t.card_id GROUP BY c.pan_last4, t.business_day`,
      )
      .all() as { last4: string; day: string; withdrawnMinor: number; withdrawals: number; transferredMinor: number }[];
    const recorded = new Map(
      usage.map(({ last4, day, ...sums }) => [`${CARD_BY_LAST4.get(last4) ?? last4}|${day}`, JSON.stringify(sums)]),
    );
    for (const key of new Set([...recorded.keys(), ...this.model.usage.keys()])) {
      const want = JSON.stringify(
        this.model.usage.get(key) ?? { withdrawnMinor: 0, withdrawals: 0, transferredMinor: 0 },
      );
      const got = recorded.get(key) ?? JSON.stringify({ withdrawnMinor: 0, withdrawals: 0, transferredMinor: 0 });
      if (got !== want)
        this.fail(`after ${where}: customer transactions of ${key} add up to ${got}, the model says ${want}`);
    }
    // …and against the screen.
    if (this.card && snapshot.accounts && FRESH_BALANCE_STATES.has(snapshot.state)) {
      const shown = snapshot.accounts.map(({ accountRef, availableMinor, ledgerMinor }) => ({
        accountRef,
        availableMinor,
        ledgerMinor,
      }));
      const want = CARDS[this.card].accounts.map((account, index) => ({
        accountRef: `a${index + 1}`,
        availableMinor: this.model.available(account),
        ledgerMinor: this.model.ledgerBalance(account),
      }));
      if (JSON.stringify(shown) !== JSON.stringify(want))
        this.fail(`after ${where}: the screen shows ${JSON.stringify(shown)}, the model says ${JSON.stringify(want)}`);
    }
  }

  async step(
    label: string,
    invoke: () => Envelope<SessionSnapshot> | Promise<Envelope<SessionSnapshot>>,
    expected: Expectation,
  ): Promise<SessionSnapshot> {
    const { snapshot } = await this.call(label, invoke, expected);
    this.check(snapshot);
    return snapshot;
  }

  async tick(
    label: string,
    ms: number,
    expectedState: SessionState,
    expectedRefusal: ErrorCode | null = null,
  ): Promise<SessionSnapshot> {
    const snapshot = await this.advance(label, ms, expectedState, expectedRefusal);
    this.check(snapshot);
    return snapshot;
  }

  /** Closes the core mid-whatever and starts a new one on the same data; the kiosk must come back in service. */
  async crash(): Promise<void> {
    this.trail.push(`crash-reopen at ${this.state}`);
    await this.kiosk.reopen();
    this.model.dispenserFaulted = false; // new device drivers after the restart
    this.model.acceptorFaulted = false;
    this.card = null;
    this.state = 'idle';
    const status = await this.kiosk.core.handlers.system.getStatus({});
    if (!status.ok || !status.value.inService)
      this.fail(`the kiosk came back out of service: ${JSON.stringify(status)}`);
    const snapshot = await this.snapshot();
    if (snapshot.state !== 'idle') this.fail(`after a reopen the session is ${snapshot.state}`);
    this.outcomes.add(`crash:${this.model.withdrawal ? 'cash waiting' : 'nothing waiting'}`);
    this.check(snapshot);
  }

  async reset(): Promise<void> {
    this.trail.push(`resetSession at ${this.state}`);
    this.kiosk.core.resetSession('renderer replaced');
    await settle();
    // A withdrawal cut off mid-way is retracted and voided.
    if (this.model.withdrawal) this.retract(this.model.withdrawal);
    this.card = null;
    const snapshot = await this.snapshot();
    if (snapshot.state !== 'idle') this.fail(`after a reset the session is ${snapshot.state}`);
    this.state = 'idle';
    this.outcomes.add('reset');
    this.check(snapshot);
  }

  /** At idle, the deposit hold period (and one sweep interval) passes: every deposit hold is posted in full. */
  async depositHoldPasses(): Promise<void> {
    if (this.state !== 'idle') this.fail(`the hold period passes at ${this.state}, expected idle`);
    for (const hold of this.model.depositHolds) this.model.resolve(hold, hold.amountMinor);
    this.outcomes.add(`deposit holds released:${this.model.depositHolds.length > 0 ? 'some' : 'none'}`);
    this.model.depositHolds = [];
    await this.tick('deposit hold period', this.settings.depositHoldMs + DEPOSIT_RELEASE_INTERVAL_MS, 'idle');
  }

  /** From goodbye or card_retained the end screen times out to idle. */
  async backToIdle(): Promise<void> {
    if (this.state === 'goodbye' || this.state === 'card_retained')
      await this.tick('end screen', this.settings.endScreenMs, 'idle');
    if (this.state !== 'idle') this.fail(`expected the session to be over, it is at ${this.state}`);
    this.card = null;
  }

  /**
   * A card left in the slot is kept: at the end screen it is in the retain bin with its reason, the reader refuses
   * it, and only a staff release brings it back (done here so the run can go on using the card).
   */
  async retainedThenReleased(name: CardName): Promise<void> {
    await this.backToIdle();
    const row = this.kiosk.db
      .prepare(
        `SELECT c.id, c.status, r.reason FROM retained_cards r JOIN cards c ON c.id = r.card_id
          WHERE r.released_at IS NULL ORDER BY r.id DESC LIMIT 1`,
      )
      .get() as { id: number; status: string; reason: string } | undefined;
    if (row?.status !== 'retained' || row.reason !== 'card_not_taken')
      this.fail(`card ${name} left in the slot: expected it retained (card_not_taken), got ${JSON.stringify(row)}`);
    await this.step(`insertCard(${name}, retained)`, () => this.handlers.insertCard({ source: 'demo', demoCardId: name }), {
      code: 'CARD_RETAINED',
      state: 'card_refused',
    });
    await this.tick('end screen', this.settings.endScreenMs, 'idle');
    // The run's own handle is read-only; the release is a second writer, as staff mode's would be.
    const staffDb = openDatabase(join(this.kiosk.dataDir, DATABASE_FILE));
    try {
      if (!createCardRepo(staffDb).releaseRetainedCard(row.id, new Date(this.kiosk.clock.now()).toISOString(), 'staff-test'))
        this.fail(`card ${name}: staff release found nothing to release`);
    } finally {
      staffDb.close();
    }
    this.card = null;
  }

  // -- model effects of the withdrawal's endings --

  private retract(flight: InFlight): void {
    const { presentedMinor, rejectedMinor } = this.model.takeNotes(flight.mix, flight.presented, flight.rejected);
    this.model.retractBin += flight.presented.reduce((sum, notes) => sum + notes, 0);
    this.model.resolve(flight.hold, 0);
    this.model.single('kiosk_rejects', 'kiosk_cash', presentedMinor + rejectedMinor);
    const usage = this.model.usageOf(flight.usageKey);
    usage.withdrawals -= 1;
    usage.withdrawnMinor -= flight.amountMinor;
    this.model.withdrawal = null;
  }

  private expectReceipt(snapshot: SessionSnapshot, expected: Record<string, unknown>): void {
    const receipt = snapshot.receipt as Record<string, unknown> | null;
    for (const [field, value] of Object.entries(expected)) {
      if (receipt?.[field] !== value)
        this.fail(`receipt ${field}: expected ${String(value)}, got ${JSON.stringify(receipt)}`);
    }
  }

  // -- one session --

  async session(op: SessionOp): Promise<void> {
    const card = CARDS[op.card];
    this.card = op.card;
    this.trail.push(`— session ${op.card}`);
    await this.step(`insertCard(${op.card})`, () => this.handlers.insertCard({ source: 'demo', demoCardId: op.card }), {
      code: null,
      state: 'pin_entry',
    });
    if (op.pin === 'cancel') {
      await this.step('cancel', () => this.handlers.cancel({}), { code: null, state: 'goodbye' });
      return this.backToIdle();
    }
    if (op.pin === 'timeout') {
      await this.tick('inactivity at pin_entry', this.settings.inactivityTimeoutMs, 'goodbye', 'SESSION_TIMEOUT');
      return this.backToIdle();
    }
    await this.step('submitPin', () => this.handlers.submitPin({ pin: card.pin }), { code: null, state: 'menu' });

    for (const transaction of op.txs) {
      if (this.state !== 'menu') break;
      await this.transaction(transaction);
      const now = this.current();
      if (now === 'idle') return; // reset or crash: the session is gone
      if (now === 'goodbye' || now === 'card_retained') return this.backToIdle();
      if (now !== 'menu')
        await this.step('backToMenu', () => this.handlers.backToMenu({}), { code: null, state: 'menu' });
    }
    await this.end(op.end);
  }

  private async end(how: SessionOp['end']): Promise<void> {
    switch (how) {
      case 'finish':
      case 'cancel':
        await this.step(how, () => (how === 'finish' ? this.handlers.finish({}) : this.handlers.cancel({})), {
          code: null,
          state: 'take_card',
        });
        await this.step('cardTaken', () => this.handlers.cardTaken({}), { code: null, state: 'goodbye' });
        return this.backToIdle();
      case 'timeout':
        await this.tick(`inactivity at ${this.state}`, this.settings.inactivityTimeoutMs, 'goodbye', 'SESSION_TIMEOUT');
        return this.backToIdle();
      case 'card_not_taken':
        await this.step('finish', () => this.handlers.finish({}), { code: null, state: 'take_card' });
        await this.tick('card not taken', this.settings.cardTakeTimeoutMs, 'card_retained', 'CARD_RETAINED');
        return this.retainedThenReleased(this.card ?? this.fail("no card in the session"));
      case 'reset':
        return this.reset();
      case 'crash':
        return this.crash();
    }
  }

  private async transaction(op: Tx): Promise<void> {
    switch (op.type) {
      case 'withdrawal':
        return this.withdrawal(op);
      case 'deposit':
        return this.deposit(op);
      case 'transfer':
        return this.transfer(op);
      case 'balance': {
        const snapshot = await this.step('balance', () => this.handlers.chooseTransaction({ transaction: 'balance' }), {
          code: null,
          state: 'balance',
        });
        const first = this.card ? CARDS[this.card].accounts[0] : undefined;
        this.expectReceipt(snapshot, {
          transaction: 'balance',
          outcome: 'completed',
          availableMinor: first === undefined ? null : this.model.available(first),
        });
        return;
      }
      case 'mini_statement': {
        await this.step('mini_statement', () => this.handlers.chooseTransaction({ transaction: 'mini_statement' }), {
          code: null,
          state: 'mini_statement',
        });
        const known = this.accountOf(op.accountRef) !== null;
        const snapshot = await this.step(
          `showStatement(${op.accountRef})`,
          () => this.handlers.showStatement({ accountRef: op.accountRef }),
          {
            code: known ? null : 'ACCOUNT_UNKNOWN',
            state: 'mini_statement',
          },
        );
        if (!snapshot.statement || snapshot.statement.rows.length > 10)
          this.fail(`mini statement missing or too long: ${JSON.stringify(snapshot.statement)}`);
        return;
      }
      case 'abandon': {
        const state =
          op.transaction === 'withdrawal'
            ? 'withdrawal_amount'
            : op.transaction === 'deposit'
              ? 'deposit_notes'
              : 'transfer_details';
        await this.step(
          `choose ${op.transaction}`,
          () => this.handlers.chooseTransaction({ transaction: op.transaction }),
          { code: null, state },
        );
        return this.leave(op.how);
      }
    }
  }

  /** Leaves a waiting step: back to the menu, cancel (card out, session over), inactivity, or a crash. */
  private async leave(how: 'back' | 'cancel' | 'timeout' | 'crash'): Promise<void> {
    switch (how) {
      case 'back':
        await this.step('backToMenu', () => this.handlers.backToMenu({}), { code: null, state: 'menu' });
        return;
      case 'cancel':
        await this.step(`cancel at ${this.state}`, () => this.handlers.cancel({}), { code: null, state: 'take_card' });
        await this.step('cardTaken', () => this.handlers.cardTaken({}), { code: null, state: 'goodbye' });
        return;
      case 'timeout':
        await this.tick(`inactivity at ${this.state}`, this.settings.inactivityTimeoutMs, 'goodbye', 'SESSION_TIMEOUT');
        return;
      case 'crash':
        return this.crash();
    }
  }

  private async withdrawal(op: Extract<Tx, { type: 'withdrawal' }>): Promise<void> {
    const { model, settings } = this;
    await this.step('choose withdrawal', () => this.handlers.chooseTransaction({ transaction: 'withdrawal' }), {
      code: null,
      state: 'withdrawal_amount',
    });
    if (op.staffReset) {
      this.kiosk.dispenser.resetDevice();
      model.dispenserFaulted = false;
    }
    const account = this.accountOf(op.accountRef);
    const drained = Math.max(
      1_000,
      Math.floor(model.available(account ?? CARDS.ben.accounts[0] ?? '') / 1_000) * 1_000,
    );
    const amountMinor =
      op.amountMinor === 'drain' ? drained : op.amountMinor === 'overdraw' ? drained + 1_000 : op.amountMinor;
    const label = `selectWithdrawal(${amountMinor} from ${op.accountRef}, ${JSON.stringify(op.fault)})`;
    const select = () => this.handlers.selectWithdrawal({ amountMinor, accountRef: op.accountRef });
    if (account === null) {
      await this.step(label, select, { code: 'ACCOUNT_UNKNOWN', state: 'withdrawal_amount' });
      return;
    }
    // The teller's rules, in its order: dispensable → limits → funds.
    const usageKey = `${this.card ?? ''}|${businessDayOf(this.kiosk.clock.now())}`;
    const usage = model.usageOf(usageKey);
    const mix = model.planMix(amountMinor);
    const refusal: ErrorCode | null = !mix
      ? 'AMOUNT_NOT_DISPENSABLE'
      : amountMinor > settings.withdrawalMaxMinor
        ? 'LIMIT_PER_WITHDRAWAL'
        : usage.withdrawals + 1 > settings.dailyWithdrawalCountMax
          ? 'LIMIT_DAILY_COUNT'
          : usage.withdrawnMinor + amountMinor > settings.dailyWithdrawalMaxMinor
            ? 'LIMIT_DAILY_AMOUNT'
            : model.available(account) < amountMinor
              ? 'INSUFFICIENT_FUNDS'
              : null;
    if (refusal || !mix) {
      await this.step(label, select, { code: refusal, state: 'withdrawal_amount' });
      return;
    }

    // Authorised: the hold counts against the daily limits at once.
    const total = mix.reduce((sum, line) => sum + line.notes, 0);
    let presented = mix.map(() => 0);
    let rejected = mix.map(() => 0);
    let jammed = false;
    if (model.dispenserFaulted) {
      jammed = true; // a dispenser in fault picks nothing
    } else if (op.fault.kind === 'jam') {
      this.kiosk.dispenser.injectFault({ kind: 'jam_before_present', pickedNotes: op.fault.pickedNotes });
      jammed = true;
      rejected = firstNotes(mix, Math.min(op.fault.pickedNotes, total));
      model.dispenserFaulted = true;
    } else if (op.fault.kind === 'partial') {
      this.kiosk.dispenser.injectFault({ kind: 'partial', presentedNotes: op.fault.presentedNotes });
      const presentable = Math.min(op.fault.presentedNotes, total - 1);
      model.dispenserFaulted = true;
      if (presentable === 0) {
        jammed = true; // a one-note mix cannot be split: the note goes to the reject bin
        rejected = firstNotes(mix, total);
      } else {
        presented = firstNotes(mix, presentable);
        rejected = mix.map((line, index) => line.notes - (presented[index] ?? 0));
      }
    } else {
      presented = mix.map((line) => line.notes);
    }

    const hold = model.hold(account, 'kiosk_cash', amountMinor);
    if (jammed) {
      const snapshot = await this.call(label, select, { code: 'DISPENSER_FAULT', state: 'transaction_result' });
      const { rejectedMinor } = model.takeNotes(mix, [], rejected);
      model.resolve(hold, 0);
      model.single('kiosk_rejects', 'kiosk_cash', rejectedMinor);
      this.expectReceipt(snapshot.snapshot, {
        transaction: 'withdrawal',
        outcome: 'declined',
        code: 'DISPENSER_FAULT',
        completedMinor: 0,
        availableMinor: model.available(account),
      });
      this.check(snapshot.snapshot);
      return;
    }
    usage.withdrawals += 1;
    usage.withdrawnMinor += amountMinor;
    const flight: InFlight = { account, amountMinor: amountMinor, hold, mix, presented, rejected, usageKey };
    model.withdrawal = flight;
    await this.step(label, select, { code: null, state: 'take_card' });

    // Card before cash.
    if (op.then === 'crash_at_card') return this.crash();
    if (op.then === 'reset_at_card') return this.reset();
    if (op.then === 'card_timeout') {
      this.retract(flight);
      const snapshot = await this.tick('card not taken', settings.cardTakeTimeoutMs, 'card_retained', 'CARD_RETAINED');
      this.expectReceipt(snapshot, { outcome: 'reversed', code: 'CARD_RETAINED', completedMinor: 0 });
      if (this.card) await this.retainedThenReleased(this.card);
      return;
    }
    await this.step('cardTaken', () => this.handlers.cardTaken({}), { code: null, state: 'take_cash' });
    if (op.then === 'crash_at_cash') return this.crash();
    if (op.then === 'reset_at_cash') return this.reset();
    if (op.then === 'cash_timeout') {
      this.retract(flight);
      const snapshot = await this.tick('cash not taken', settings.cashTakeTimeoutMs, 'goodbye', 'CASH_RETRACTED');
      this.expectReceipt(snapshot, {
        outcome: 'reversed',
        code: 'CASH_RETRACTED',
        completedMinor: 0,
        availableMinor: model.available(account),
      });
      return;
    }
    if (op.then === 'device_not_taken') {
      this.kiosk.dispenser.injectFault({ kind: 'not_taken' });
      this.retract(flight);
      const { snapshot } = await this.call('cashTaken(not taken)', () => this.handlers.cashTaken({}), {
        code: 'CASH_RETRACTED',
        state: 'goodbye',
      });
      this.expectReceipt(snapshot, { outcome: 'reversed', code: 'CASH_RETRACTED', completedMinor: 0 });
      this.check(snapshot);
      return;
    }
    // Taken: post what was presented (a partial post for a partial dispense).
    const { presentedMinor, rejectedMinor } = model.takeNotes(mix, presented, rejected);
    model.resolve(hold, presentedMinor);
    model.single('kiosk_rejects', 'kiosk_cash', rejectedMinor);
    usage.withdrawnMinor -= amountMinor - presentedMinor;
    model.withdrawal = null;
    const { snapshot } = await this.call('cashTaken', () => this.handlers.cashTaken({}), {
      code: null,
      state: 'goodbye',
    });
    this.expectReceipt(snapshot, {
      transaction: 'withdrawal',
      requestedMinor: amountMinor,
      completedMinor: presentedMinor,
      outcome: presentedMinor === amountMinor ? 'completed' : 'partial',
      availableMinor: model.available(account),
    });
    this.check(snapshot);
  }

  private async deposit(op: Extract<Tx, { type: 'deposit' }>): Promise<void> {
    const { model, settings } = this;
    await this.step('choose deposit', () => this.handlers.chooseTransaction({ transaction: 'deposit' }), {
      code: null,
      state: 'deposit_notes',
    });
    if (op.staffReset) {
      this.kiosk.acceptor.resetDevice();
      model.acceptorFaulted = false;
    }
    const label = `submitDeposit(${JSON.stringify(op.notes)} to ${op.accountRef}, reject ${op.rejectNotes}, jam ${op.jamAfter ?? '-'})`;
    const submit = () => this.handlers.submitDeposit({ accountRef: op.accountRef, notes: [...op.notes] });
    const account = this.accountOf(op.accountRef);
    if (account === null) {
      await this.step(label, submit, { code: 'ACCOUNT_UNKNOWN', state: 'deposit_notes' });
      return;
    }
    const denominations = new Set(op.notes.map((line) => line.denominationMinor));
    const notes = op.notes.reduce((sum, line) => sum + line.count, 0);
    if (
      notes > settings.depositNotesMax ||
      denominations.size !== op.notes.length ||
      op.notes.some((line) => !DEMO_ACCEPTED_DENOMINATIONS.includes(line.denominationMinor))
    ) {
      await this.step(label, submit, { code: 'AMOUNT_INVALID', state: 'deposit_notes' });
      return;
    }
    // The acceptor examines the notes in order: the first `rejectNotes` are unfit, none after a jam is examined.
    let acceptedMinor = 0;
    if (!model.acceptorFaulted) {
      if (op.rejectNotes > 0) this.kiosk.acceptor.injectFault({ kind: 'reject', notes: op.rejectNotes });
      if (op.jamAfter !== null) this.kiosk.acceptor.injectFault({ kind: 'jam', afterNotes: op.jamAfter });
      let index = 0;
      for (const line of op.notes) {
        for (let note = 0; note < line.count; note++, index++) {
          const examined = op.jamAfter === null || index < op.jamAfter;
          if (examined && index >= op.rejectNotes) acceptedMinor += line.denominationMinor;
        }
      }
      model.acceptorFaulted = op.jamAfter !== null;
    }
    if (acceptedMinor === 0) {
      await this.step(label, submit, { code: 'DEPOSIT_REJECTED', state: 'deposit_notes' });
      return;
    }
    const immediate = Math.min(acceptedMinor, settings.depositImmediateMinor);
    model.single('kiosk_deposits', account, immediate);
    if (acceptedMinor > immediate)
      model.depositHolds.push(model.hold('kiosk_deposits', account, acceptedMinor - immediate));
    const { snapshot } = await this.call(label, submit, { code: null, state: 'transaction_result' });
    this.expectReceipt(snapshot, {
      transaction: 'deposit',
      completedMinor: acceptedMinor,
      outcome: 'completed',
      availableMinor: model.available(account),
    });
    this.check(snapshot);
  }

  private async transfer(op: Extract<Tx, { type: 'transfer' }>): Promise<void> {
    const { model, settings } = this;
    await this.step('choose transfer', () => this.handlers.chooseTransaction({ transaction: 'transfer' }), {
      code: null,
      state: 'transfer_details',
    });
    const from = this.accountOf(op.fromAccountRef);
    const to =
      op.to.kind === 'own'
        ? this.accountOf(op.to.accountRef)
        : KNOWN_ACCOUNT_NUMBERS.has(op.to.accountNumber)
          ? op.to.accountNumber
          : null;
    const feeMinor = op.to.kind === 'own' ? 0 : settings.transferFeeMinor;
    const drained = Math.max(1, model.available(from ?? CARDS.ben.accounts[0] ?? '') - feeMinor);
    const amountMinor =
      op.amountMinor === 'drain' ? drained : op.amountMinor === 'overdraw' ? drained + 1 : op.amountMinor;
    const label = `requestTransfer(${amountMinor} from ${op.fromAccountRef} to ${JSON.stringify(op.to)})`;
    const request = () => this.handlers.requestTransfer({ fromAccountRef: op.fromAccountRef, to: op.to, amountMinor });
    if (from === null || to === null || to === from) {
      await this.step(label, request, { code: 'ACCOUNT_UNKNOWN', state: 'transfer_details' });
      return;
    }
    const confirm = await this.step(label, request, { code: null, state: 'transfer_confirm' });
    if (confirm.transfer?.amountMinor !== amountMinor || confirm.transfer.feeMinor !== feeMinor)
      this.fail(`transfer confirmation ${JSON.stringify(confirm.transfer)}, fee expected ${feeMinor}`);
    if (op.then !== 'confirm') return this.leave(op.then);

    const usage = model.usageOf(`${this.card ?? ''}|${businessDayOf(this.kiosk.clock.now())}`);
    const refusal: ErrorCode | null =
      usage.transferredMinor + amountMinor > settings.dailyTransferMaxMinor
        ? 'LIMIT_DAILY_TRANSFER'
        : model.available(from) < amountMinor + feeMinor
          ? 'INSUFFICIENT_FUNDS'
          : null;
    if (refusal) {
      await this.step('confirmTransfer', () => this.handlers.confirmTransfer({}), {
        code: refusal,
        state: 'transfer_details',
      });
      return;
    }
    usage.transferredMinor += amountMinor;
    model.single(from, to, amountMinor);
    model.single(from, 'settlement', feeMinor);
    const { snapshot } = await this.call('confirmTransfer', () => this.handlers.confirmTransfer({}), {
      code: null,
      state: 'transaction_result',
    });
    this.expectReceipt(snapshot, {
      transaction: 'transfer',
      completedMinor: amountMinor,
      feeMinor,
      outcome: 'completed',
      availableMinor: model.available(from),
    });
    this.check(snapshot);
  }
}

// ---- The property --------------------------------------------------------------------------------------------

type Scenario = [Partial<KioskSettings>, SessionOp[]];

const W = (
  accountRef: string,
  amountMinor: number | 'drain' | 'overdraw',
  then: CashStep = 'take',
  fault: DispenserFaultOp = { kind: 'none' },
  staffReset = false,
): Tx => ({
  type: 'withdrawal',
  accountRef,
  amountMinor,
  fault,
  staffReset,
  then,
});
const session = (card: CardName, txs: Tx[], end: SessionOp['end'] = 'finish'): SessionOp => ({
  card,
  pin: 'ok',
  txs,
  end,
  afterwards: 'nothing',
});

/**
 * Hand-written runs that fast-check tries first, so every corner below is reached on every seed: dispenser faults
 * and what follows them, each limit, the funds boundary, acceptor faults, each way a session can end.
 */
const EXAMPLES: Scenario[] = [
  [
    {
      withdrawalMaxMinor: 50_000,
      dailyWithdrawalMaxMinor: 100_000,
      dailyWithdrawalCountMax: 5,
      dailyTransferMaxMinor: 250_000,
      transferFeeMinor: 50,
      depositImmediateMinor: 5_000,
      depositNotesMax: 100,
    },
    [
      // €70 = 50 + 20, only the 50 presented; the dispenser stays in fault: the next one picks nothing.
      session('ana', [W('a1', 7_000, 'take', { kind: 'partial', presentedNotes: 1 })]),
      session('ana', [W('a1', 2_000), W('a2', 3_500), W('a2', 10_000, 'take', { kind: 'jam', pickedNotes: 1 }, true)]),
      session('ben', [W('a1', 'overdraw', 'take', { kind: 'none' }, true), W('a1', 5_000, 'device_not_taken')]),
      session('chloe', [W('a1', 20_000, 'cash_timeout')]),
      session('chloe', [W('a1', 20_000, 'card_timeout', { kind: 'partial', presentedNotes: 3 })]),
      session('chloe', [W('a1', 10_000, 'reset_at_cash', { kind: 'none' }, true)]),
      session('ana', [W('a1', 18_000, 'reset_at_card')]),
    ],
  ],
  [
    {
      withdrawalMaxMinor: 20_000,
      dailyWithdrawalMaxMinor: 50_000,
      dailyWithdrawalCountMax: 5,
      dailyTransferMaxMinor: 250_000,
      transferFeeMinor: 125,
      depositImmediateMinor: 0,
      depositNotesMax: 20,
    },
    [
      session('chloe', [W('a1', 20_000)]),
      session('chloe', [W('a1', 20_000)]),
      session('chloe', [W('a1', 30_000), W('a1', 20_000), W('a1', 10_000)]),
      session('ben', [
        {
          type: 'deposit',
          accountRef: 'a1',
          notes: [
            { denominationMinor: 10_000, count: 2 },
            { denominationMinor: 5_000, count: 3 },
          ],
          rejectNotes: 1,
          jamAfter: null,
          staffReset: false,
        },
        {
          type: 'deposit',
          accountRef: 'a1',
          notes: [{ denominationMinor: 2_000, count: 4 }],
          rejectNotes: 0,
          jamAfter: 0,
          staffReset: false,
        },
        {
          type: 'deposit',
          accountRef: 'a1',
          notes: [{ denominationMinor: 2_000, count: 4 }],
          rejectNotes: 0,
          jamAfter: null,
          staffReset: false,
        },
        {
          type: 'deposit',
          accountRef: 'a1',
          notes: [{ denominationMinor: 700, count: 1 }],
          rejectNotes: 0,
          jamAfter: null,
          staffReset: true,
        },
        {
          type: 'deposit',
          accountRef: 'a1',
          notes: [{ denominationMinor: 500, count: 21 }],
          rejectNotes: 0,
          jamAfter: null,
          staffReset: false,
        },
      ]),
      // Everything Ben just deposited was held (no immediate allowance): a day later it is his to transfer.
      { ...session('ben', []), pin: 'cancel', afterwards: 'deposit_hold_passes' },
      session('ben', [
        {
          type: 'transfer',
          fromAccountRef: 'a1',
          to: { kind: 'account_number', accountNumber: '10000001' },
          amountMinor: 'overdraw',
          then: 'confirm',
        },
        {
          type: 'transfer',
          fromAccountRef: 'a1',
          to: { kind: 'account_number', accountNumber: '10000001' },
          amountMinor: 'drain',
          then: 'confirm',
        },
        W('a1', 'drain'),
      ]),
    ],
  ],
  [
    {
      withdrawalMaxMinor: 20_000,
      dailyWithdrawalMaxMinor: 50_000,
      dailyWithdrawalCountMax: 1,
      dailyTransferMaxMinor: 30_000,
      transferFeeMinor: 0,
      depositImmediateMinor: 20_000,
      depositNotesMax: 100,
    },
    [
      session('chloe', [W('a1', 2_000)]),
      session('chloe', [
        W('a1', 2_000),
        {
          type: 'transfer',
          fromAccountRef: 'a1',
          to: { kind: 'account_number', accountNumber: '10000001' },
          amountMinor: 40_000,
          then: 'confirm',
        },
        {
          type: 'transfer',
          fromAccountRef: 'a1',
          to: { kind: 'account_number', accountNumber: '20000001' },
          amountMinor: 1_000,
          then: 'timeout',
        },
      ]),
      session(
        'ana',
        [
          {
            type: 'transfer',
            fromAccountRef: 'a2',
            to: { kind: 'own', accountRef: 'a1' },
            amountMinor: 25_000,
            then: 'confirm',
          },
          { type: 'balance' },
        ],
        'crash',
      ),
      { card: 'ana', pin: 'cancel', txs: [], end: 'finish', afterwards: 'nothing' },
      { card: 'ben', pin: 'timeout', txs: [], end: 'finish', afterwards: 'nothing' },
      session('ben', [{ type: 'abandon', transaction: 'deposit', how: 'cancel' }]),
      session('ana', [{ type: 'mini_statement', accountRef: 'a2' }], 'card_not_taken'),
    ],
  ],
];

let template: KioskTemplate;
beforeAll(async () => {
  template = await createKioskTemplate();
});
afterAll(() => template?.cleanup());

/** One run on a fresh copy of the seeded kiosk; returns the steps it checked. */
async function runScenario(
  overrides: Partial<KioskSettings>,
  sessions: readonly SessionOp[],
  outcomes: Set<string>,
): Promise<number> {
  const kiosk = await template.newKiosk(overrides);
  try {
    const settings: KioskSettings = { ...DEFAULT_SETTINGS, manualCardEntry: true, ...overrides };
    const run = new Run(kiosk, new Model(settings, kiosk.db), outcomes);
    run.check(await run.snapshot());
    for (const op of sessions) {
      await run.session(op);
      if (op.afterwards === 'deposit_hold_passes') await run.depositHoldPasses();
    }
    return run.steps;
  } finally {
    await kiosk.close();
  }
}

describe('the kiosk against its model', () => {
  it(
    'agrees on every answer, balance, cassette and receipt, and keeps the books, across faults, timeouts, resets and crashes',
    async () => {
      const outcomes = new Set<string>();
      let steps = 0;
      // To replay a failure: FC_SEED=<seed> FC_PATH=<path> with the values fast-check printed.
      const replay = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};
      await fc.assert(
        fc.asyncProperty(
          settingsArb,
          fc.array(sessionOp, { minLength: 1, maxLength: SESSIONS_MAX }),
          async (overrides, sessions) => {
            steps += await runScenario(overrides, sessions, outcomes);
          },
        ),
        { numRuns: NUM_RUNS, examples: EXAMPLES, ...replay },
      );
      // The runs reached the interesting corners, not just the happy path.
      for (const expected of [
        'selectWithdrawal:ok',
        'selectWithdrawal:DISPENSER_FAULT',
        'selectWithdrawal:AMOUNT_NOT_DISPENSABLE',
        'selectWithdrawal:INSUFFICIENT_FUNDS',
        'selectWithdrawal:LIMIT_PER_WITHDRAWAL',
        'selectWithdrawal:LIMIT_DAILY_AMOUNT',
        'selectWithdrawal:LIMIT_DAILY_COUNT',
        'cashTaken:ok',
        'cashTaken:CASH_RETRACTED',
        'cash not taken:goodbye',
        'card not taken:card_retained',
        'submitDeposit:ok',
        'submitDeposit:DEPOSIT_REJECTED',
        'submitDeposit:AMOUNT_INVALID',
        'confirmTransfer:ok',
        'confirmTransfer:INSUFFICIENT_FUNDS',
        'confirmTransfer:LIMIT_DAILY_TRANSFER',
        'reset',
        'crash:nothing waiting',
        'deposit holds released:some',
      ]) {
        expect([...outcomes], `never reached ${expected}`).toContain(expected);
      }
      expect(steps).toBeGreaterThan(NUM_RUNS * 8);
    },
    Math.max(120_000, NUM_RUNS * 3_000),
  );
});

/** Regressions for product bugs the model found (now fixed). */
describe('found by the model', () => {
  const DEFAULTS: Partial<KioskSettings> = {};

  it('a deposit note limit above what the acceptor takes in one bunch is refused by the settings', () => {
    expect(KioskSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, depositNotesMax: 150 }).success).toBe(false);
    expect(KioskSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, depositNotesMax: 100 }).success).toBe(true);
  });

  it(
    'a session reset while the dispenser waits for the customer to take the notes still posts what was taken',
    async () => {
      await (async () => {
        // The dispenser's wait for the take is held open by the test, as a real customer takes a few seconds.
        let waiting = false;
        let takeNotes = () => {};
        const sleep = () => (waiting ? new Promise<void>((resolve) => (takeNotes = resolve)) : Promise.resolve());
        const kiosk = await template.newKiosk(DEFAULTS, { dispenserSleep: sleep });
        try {
          const handlers = kiosk.core.handlers.session;
          await handlers.insertCard({ source: 'demo', demoCardId: 'ana' });
          await handlers.submitPin({ pin: CARDS.ana.pin });
          await handlers.chooseTransaction({ transaction: 'withdrawal' });
          await handlers.selectWithdrawal({ amountMinor: 10_000, accountRef: 'a1' });
          await handlers.cardTaken({});
          waiting = true;
          const taking = handlers.cashTaken({});
          await settle();
          kiosk.core.resetSession('renderer replaced'); // its retract finds the dispenser busy waiting, and gives up
          await settle();
          waiting = false;
          takeNotes(); // the customer takes the €100
          await taking; // INVALID_STATE for the ended session, but the take is posted
          await settle();
          const open = kiosk.db
            .prepare(
              `SELECT id FROM transfers p WHERE kind = 'pending' AND code = 'withdrawal'
                  AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.pending_id = p.id)`,
            )
            .all();
          expect(open).toEqual([]);
          const posted = kiosk.db.prepare("SELECT amount_minor AS amountMinor FROM transfers WHERE kind = 'post_pending'").all();
          expect(posted).toEqual([{ amountMinor: 10_000 }]);
        } finally {
          await kiosk.close();
        }
      })();
    },
  );
});
