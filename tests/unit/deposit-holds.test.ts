// The release of held deposits on its own (the teller on a real SQLite file, no session): due holds go oldest first
// and at most a bounded number per run, each in its own transaction (a release that fails midway leaves nothing of
// it), a hold is never credited twice, the due time is fixed when the deposit is booked, and deposits held before
// schema 110 are picked up by its migration. The session-level flow and the sweep on the clock are covered in
// customer-transactions.test.ts, the bank's view in sync-pull.test.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { createCardRepo } from '../../electron/cards/card-repo.ts';
import { createPinHasher, panLookupKey } from '../../electron/cards/card-secrets.ts';
import { createCassetteRepo } from '../../electron/cash/cassette-repo.ts';
import { migrate, type Migration } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { type Db, openDatabase } from '../../electron/db/open-database.ts';
import { seedDemoCashIfEmpty } from '../../electron/demo/seed-demo-cash.ts';
import { seedDemoDataIfEmpty } from '../../electron/demo/seed-demo-data.ts';
import type { DepositOutcome } from '../../electron/devices/deposit-acceptor.ts';
import { createJournal, JournalFullError } from '../../electron/journal/journal.ts';
import { createLedger } from '../../electron/ledger/ledger.ts';
import {
  DEFAULT_SETTINGS,
  DEPOSIT_HOLD_MS_DEFAULT,
  DEPOSIT_HOLD_MS_MAX,
  DEPOSIT_HOLD_MS_MIN,
  type KioskSettings,
  KioskSettingsSchema,
} from '../../electron/settings/kiosk-settings.ts';
import { DEPOSIT_RELEASES_PER_RUN } from '../../electron/transactions/deposit-holds.ts';
import { createTeller, type Customer } from '../../electron/transactions/teller.ts';
import { createTraceNumbers } from '../../electron/transactions/trace-numbers.ts';
import { createTransactionRepo } from '../../electron/transactions/transaction-repo.ts';
import { createFakeClock } from '../support/fake-clock.ts';

const BEN_PAN = '4000002345678906';
const BEN_OPENING_MINOR = 31_055;
const MINUTE_MS = 60_000;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** The demo bank and cash on a fresh database (migrated up to `upTo`, the latest by default). */
async function openBooks(upTo?: readonly Migration[]) {
  const dir = mkdtempSync(join(tmpdir(), 'atm-holds-'));
  const db: Db = openDatabase(join(dir, 'kiosk.db'));
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => db.close(),
  );
  migrate(db, upTo ?? migrations);
  const clock = createFakeClock();
  const panHmacKey = randomBytes(32);
  await seedDemoDataIfEmpty(db, panHmacKey, createPinHasher(randomBytes(32)), new Date(clock.now()).toISOString());
  seedDemoCashIfEmpty(db, () => clock.now());
  const cards = createCardRepo(db);
  const card = cards.findByLookupKey(panLookupKey(panHmacKey, BEN_PAN));
  if (!card) throw new Error('no demo card for Ben');
  const ledger = createLedger(db, { now: () => clock.now() });
  let settings: KioskSettings = { ...DEFAULT_SETTINGS, depositImmediateMinor: 20_000 };
  const tellerWith = (journalCapacityRows?: number) =>
    createTeller({
      db,
      ledger,
      cassettes: createCassetteRepo(db),
      journal: createJournal(db, {
        now: () => clock.now(),
        ...(journalCapacityRows === undefined ? {} : { capacityRows: journalCapacityRows }),
      }),
      cards,
      transactions: createTransactionRepo(db),
      trace: createTraceNumbers(db),
      settings: () => settings,
      kioskId: 'KTEST01',
      now: () => clock.now(),
      sync: null,
    });
  // Made on first use: the teller prepares its statements against the schema it is created on.
  let teller: ReturnType<typeof tellerWith> | null = null;
  const customer: Customer = { sessionId: randomUUID(), cardId: card.id, maskedPan: '•••• 8906' };
  const benAccountId = cards.accountsOf(card.id)[0]?.accountId ?? 0;
  const account = () => {
    const found = books.teller.accountsOf(card.id)[0];
    if (!found) throw new Error('Ben has no account');
    return found;
  };
  const books = {
    db,
    clock,
    ledger,
    get teller() {
      teller ??= tellerWith();
      return teller;
    },
    tellerWith,
    customer,
    benAccountId,
    setSettings: (next: Partial<KioskSettings>) => {
      settings = { ...settings, ...next };
    },
    /** Ben deposits `notes` × 100.00; returns the receipt's STAN. */
    deposit(notes: number): string {
      const outcome: DepositOutcome = {
        kind: 'counted',
        accepted: [{ denominationMinor: 10_000, count: notes }],
        rejected: [],
        acceptedNotes: notes,
        acceptedAmountMinor: notes * 10_000,
        rejectedNotes: 0,
      };
      const receipt = books.teller.deposit(customer, account(), outcome);
      if (!('stan' in receipt)) throw new Error(`deposit refused: ${receipt.code}`);
      return receipt.stan;
    },
    ben(): { held: number; balance: number } {
      return db
        .prepare(
          "SELECT credits_pending_minor AS held, credits_posted_minor - debits_posted_minor AS balance FROM accounts WHERE account_number = '20000001'",
        )
        .get() as { held: number; balance: number };
    },
    released(): { stan: string; amount_minor: number }[] {
      return db
        .prepare("SELECT stan, amount_minor FROM journal WHERE kind = 'deposit.released' ORDER BY seq")
        .all() as { stan: string; amount_minor: number }[];
    },
    posts(): number {
      return (
        db.prepare("SELECT count(*) AS n FROM transfers WHERE kind = 'post_pending' AND code = 'deposit'").get() as {
          n: number;
        }
      ).n;
    },
  };
  return books;
}

describe('deposit hold release', () => {
  it('releases due holds oldest first, at most the bound per run, each once; the due time is fixed at the deposit', async () => {
    const books = await openBooks();
    const stans = [books.deposit(3)];
    books.clock.advance(MINUTE_MS);
    stans.push(books.deposit(4));
    books.clock.advance(MINUTE_MS);
    stans.push(books.deposit(5));
    // Within the immediate allowance: nothing held, nothing to release.
    books.deposit(1);
    expect(books.ben()).toEqual({ held: 10_000 + 20_000 + 30_000, balance: BEN_OPENING_MINOR + 3 * 20_000 + 10_000 });

    // A shorter hold set now applies to later deposits only.
    books.setSettings({ depositHoldMs: DEPOSIT_HOLD_MS_MIN });
    books.clock.advance(DEPOSIT_HOLD_MS_MIN);
    expect(books.teller.releaseDueDeposits()).toEqual({ released: 0, examined: 0, full: false });
    books.clock.advance(DEPOSIT_HOLD_MS_DEFAULT - DEPOSIT_HOLD_MS_MIN - 2 * MINUTE_MS - 1);
    expect(books.teller.releaseDueDeposits()).toEqual({ released: 0, examined: 0, full: false });

    books.clock.advance(2 * MINUTE_MS + 1);
    expect(books.teller.releaseDueDeposits(2)).toEqual({ released: 2, examined: 2, full: true });
    expect(books.released()).toEqual([
      { stan: stans[0], amount_minor: 10_000 },
      { stan: stans[1], amount_minor: 20_000 },
    ]);
    expect(books.teller.releaseDueDeposits(2)).toEqual({ released: 1, examined: 1, full: false });
    expect(books.teller.releaseDueDeposits(2)).toEqual({ released: 0, examined: 0, full: false });
    expect(books.released().map((row) => row.stan)).toEqual(stans);
    expect(books.posts()).toBe(3);
    expect(books.ben()).toEqual({ held: 0, balance: BEN_OPENING_MINOR + 3 * 20_000 + 10_000 + 60_000 });
    expect(books.ledger.verifyBalances()).toEqual({ ok: true });
  });

  it(`takes at most ${DEPOSIT_RELEASES_PER_RUN} holds in one run, whatever it is asked for`, async () => {
    const books = await openBooks();
    for (let index = 0; index <= DEPOSIT_RELEASES_PER_RUN; index++) books.deposit(3);
    books.clock.advance(DEPOSIT_HOLD_MS_DEFAULT);
    expect(books.teller.releaseDueDeposits(10_000)).toEqual({
      released: DEPOSIT_RELEASES_PER_RUN,
      examined: DEPOSIT_RELEASES_PER_RUN,
      full: true,
    });
    expect(books.teller.releaseDueDeposits(10_000)).toEqual({ released: 1, examined: 1, full: false });
    expect(books.ben().held).toBe(0);
  });

  it('a release that fails midway leaves nothing of it behind; the next run releases it once', async () => {
    const books = await openBooks();
    books.deposit(3);
    books.clock.advance(DEPOSIT_HOLD_MS_DEFAULT);
    // A journal with no room left: the release's journal row is refused after its post, inside the transaction.
    const rows = (books.db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
    expect(() => books.tellerWith(rows).releaseDueDeposits()).toThrow(JournalFullError);
    expect(books.posts()).toBe(0);
    expect(books.ben().held).toBe(10_000);
    expect(books.db.prepare('SELECT released_at_ms, resolution_id FROM deposit_holds').all()).toEqual([
      { released_at_ms: null, resolution_id: null },
    ]);

    expect(books.teller.releaseDueDeposits()).toEqual({ released: 1, examined: 1, full: false });
    expect(books.teller.releaseDueDeposits()).toEqual({ released: 0, examined: 0, full: false });
    expect(books.posts()).toBe(1);
    expect(books.ben().held).toBe(0);
    expect(books.ledger.verifyBalances()).toEqual({ ok: true });
  });

  it('a hold resolved some other way is closed without a credit; a released hold is never changed or removed', async () => {
    const books = await openBooks();
    books.deposit(3);
    const hold = books.db.prepare('SELECT pending_id FROM deposit_holds').get() as { pending_id: string };
    // E.g. a note found counterfeit at the count: the hold is voided.
    const voidId = uuidv7(books.clock.now());
    const voided = books.ledger.createTransfers([
      {
        id: voidId,
        kind: 'void_pending',
        debitAccountId: 0,
        creditAccountId: 0,
        amountMinor: 0,
        code: 'deposit',
        pendingId: hold.pending_id,
      },
    ]);
    expect(voided.ok).toBe(true);
    const before = books.ben();
    books.clock.advance(DEPOSIT_HOLD_MS_DEFAULT);
    expect(books.teller.releaseDueDeposits()).toEqual({ released: 0, examined: 1, full: false });
    expect(books.ben()).toEqual(before);
    expect(books.released()).toEqual([]);
    expect(books.db.prepare('SELECT resolution_id FROM deposit_holds').get()).toEqual({ resolution_id: voidId });
    expect(books.teller.releaseDueDeposits()).toEqual({ released: 0, examined: 0, full: false });

    expect(() =>
      books.db.prepare('UPDATE deposit_holds SET released_at_ms = NULL, resolution_id = NULL').run(),
    ).toThrow('released once');
    expect(() => books.db.prepare('DELETE FROM deposit_holds').run()).toThrow('kept');
  });

  it('the migration picks up deposits held before schema 110: due a day after they were booked', async () => {
    const books = await openBooks(migrations.filter((migration) => migration.version < 110));
    const { db, ledger, clock } = books;
    const deposits = ledger.internalAccountId('kiosk_deposits', 'EUR');
    const benAccount = books.benAccountId;
    const transactions = createTransactionRepo(db);
    const trace = createTraceNumbers(db);
    // Two deposits the way the kiosk booked them before: each with a held part; the second's was since voided.
    const heldIds = [0, 1].map(() =>
      db.transaction(() => {
        const numbers = trace.next(clock.now());
        const pendingId = uuidv7(clock.now());
        const booked = ledger.createTransfers([
          {
            id: uuidv7(clock.now()),
            kind: 'single',
            debitAccountId: deposits,
            creditAccountId: benAccount,
            amountMinor: 20_000,
            code: 'deposit',
            reference: numbers.rrn,
          },
          {
            id: pendingId,
            kind: 'pending',
            debitAccountId: deposits,
            creditAccountId: benAccount,
            amountMinor: 10_000,
            code: 'deposit',
            reference: numbers.rrn,
          },
        ]);
        if (!booked.ok) throw new Error(booked.code);
        transactions.record({
          id: uuidv7(clock.now()),
          sessionId: books.customer.sessionId,
          cardId: books.customer.cardId,
          kind: 'deposit',
          accountId: benAccount,
          counterpartyAccountId: null,
          amountMinor: 30_000,
          feeMinor: 0,
          currency: 'EUR',
          businessDay: numbers.businessDay,
          stan: numbers.stan,
          rrn: numbers.rrn,
          status: 'completed',
          refusalCode: null,
          pendingTransferId: null,
          now: new Date(clock.now()).toISOString(),
        });
        return pendingId;
      })(),
    );
    const voided = ledger.createTransfers([
      {
        id: uuidv7(clock.now()),
        kind: 'void_pending',
        debitAccountId: 0,
        creditAccountId: 0,
        amountMinor: 0,
        code: 'deposit',
        pendingId: heldIds[1] ?? '',
      },
    ]);
    expect(voided.ok).toBe(true);
    const bookedAtMs = clock.now();

    migrate(db, migrations);
    expect(db.prepare('SELECT pending_id, release_at_ms, released_at_ms FROM deposit_holds').all()).toEqual([
      { pending_id: heldIds[0], release_at_ms: bookedAtMs + DEPOSIT_HOLD_MS_DEFAULT, released_at_ms: null },
    ]);
    clock.advance(DEPOSIT_HOLD_MS_DEFAULT);
    expect(books.teller.releaseDueDeposits()).toEqual({ released: 1, examined: 1, full: false });
    expect(books.ben()).toEqual({ held: 0, balance: BEN_OPENING_MINOR + 2 * 20_000 + 10_000 });
    expect(ledger.verifyBalances()).toEqual({ ok: true });
  });
});

describe('depositHoldMs setting', () => {
  it('is 24 hours by default, at least an hour (a hold of nothing is refused) and at most 30 days', () => {
    expect(DEFAULT_SETTINGS.depositHoldMs).toBe(86_400_000);
    const accepts = (depositHoldMs: number) =>
      KioskSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, depositHoldMs }).success;
    expect([0, DEPOSIT_HOLD_MS_MIN - 1, DEPOSIT_HOLD_MS_MAX + 1, DEPOSIT_HOLD_MS_MIN + 0.5].map(accepts)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect([DEPOSIT_HOLD_MS_MIN, DEPOSIT_HOLD_MS_DEFAULT, DEPOSIT_HOLD_MS_MAX].map(accepts)).toEqual([
      true,
      true,
      true,
    ]);
    expect(DEPOSIT_HOLD_MS_MAX).toBe(30 * 86_400_000);
  });
});
