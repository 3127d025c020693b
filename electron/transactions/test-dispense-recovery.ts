// Staff test dispenses that survive a crash. A durable row is written before the dispenser is asked for the notes
// (its id is the dispenser's operation id); what left the cassettes is booked in one transaction as soon as the
// dispenser reports it (presented notes out of the cash account to settlement, provisionally taken; rejected notes to
// the bins); the wait for the take then holds no un-booked cash, and a retract moves the retracted value from
// settlement to the bins in its own transaction that resolves the row. Invariant after every commit: the cash account
// equals the cassettes, and the one unresolved row (if any) says exactly what is still provisional.
//
// Start-up recovery settles an unresolved row by the dispenser's own record, before anyone is served:
//   - notes still in the slot                            → retract them to the bins;
//   - taken                                              → booked as taken;
//   - retracted before the booking committed             → book the retract;
//   - nothing presented (a jam)                          → resolved as not presented;
//   - its last dispense is an earlier test dispense      → this one never reached it: not dispensed.
// A dispenser that keeps no record, or whose record is of an operation it cannot place, cannot settle it without
// guessing: the row stays unresolved for staff and the kiosk stays out of service.
import { uuidv7 } from '../../shared/ids.ts';
import type { CassetteRepo } from '../cash/cassette-repo.ts';
import type { NoteMix } from '../cash/note-mix.ts';
import type { Db } from '../db/open-database.ts';
import type { CashDispenser, DispenseOutcome, DispenserMemory } from '../devices/cash-dispenser.ts';
import type { JournalEntry } from '../journal/journal-entry.ts';
import type { Journal } from '../journal/journal.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { Logger } from '../log/logger.ts';

export type TestDispenseStatus = 'in_progress' | 'taken' | 'retracted' | 'not_presented' | 'not_dispensed';

export type NewTestDispense = {
  readonly id: string;
  readonly staffId: string;
  readonly cassetteId: number;
  readonly position: number;
  readonly denominationMinor: number;
  readonly currency: string;
  readonly notesAsked: number;
  readonly now: string;
};

export type TestDispense = NewTestDispense & {
  readonly seq: number;
  readonly status: TestDispenseStatus;
  readonly presentedNotes: number | null;
  readonly rejectedNotes: number | null;
  readonly retractedNotes: number | null;
  readonly bookedAt: string | null;
};

/** Why the kiosk serves nobody while a test dispense whose notes nobody can place waits for reconciliation. */
export const INTERRUPTED_TEST_DISPENSE_REASON = 'an interrupted test dispense awaits reconciliation';

/** Most unresolved test dispenses start-up recovery reads at once; one dispenser leaves at most one in practice. */
export const UNRESOLVED_TEST_DISPENSES_MAX = 100;

/** The cash_movements and transfers reference of every test dispense booking. */
export const TEST_DISPENSE_REFERENCE = 'test-dispense';

/** A second booking or resolution of the same row: thrown inside the caller's transaction so nothing of it stays. */
export class TestDispenseResolvedError extends Error {
  constructor(id: string) {
    super(`test dispense ${id} is not in the expected state`);
    this.name = 'TestDispenseResolvedError';
  }
}

const COLUMNS = `seq, id, staff_id AS staffId, cassette_id AS cassetteId, position, denomination_minor AS denominationMinor,
  currency, notes_asked AS notesAsked, presented_notes AS presentedNotes, rejected_notes AS rejectedNotes,
  retracted_notes AS retractedNotes, booked_at AS bookedAt, status, created_at AS now`;

export function createTestDispenses(db: Db) {
  const insert = db.prepare<NewTestDispense>(
    `INSERT INTO test_dispenses (id, staff_id, cassette_id, position, denomination_minor, currency, notes_asked,
       status, created_at)
     VALUES (@id, @staffId, @cassetteId, @position, @denominationMinor, @currency, @notesAsked, 'in_progress', @now)`,
  );
  const markBooked = db.prepare<{ id: string; presented: number; rejected: number; now: string }>(
    `UPDATE test_dispenses SET presented_notes = @presented, rejected_notes = @rejected, booked_at = @now
      WHERE id = @id AND status = 'in_progress' AND booked_at IS NULL`,
  );
  const resolve = db.prepare<{ id: string; status: string; retracted: number | null; booked: 0 | 1; now: string }>(
    `UPDATE test_dispenses SET status = @status, retracted_notes = @retracted, resolved_at = @now
      WHERE id = @id AND status = 'in_progress' AND (booked_at IS NOT NULL) = @booked`,
  );
  const byId = db.prepare<{ id: string }, TestDispense>(`SELECT ${COLUMNS} FROM test_dispenses WHERE id = @id`);
  const unresolved = db.prepare<{ limit: number }, TestDispense>(
    `SELECT ${COLUMNS} FROM test_dispenses WHERE status = 'in_progress' ORDER BY seq LIMIT @limit`,
  );
  const unresolvedCount = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM test_dispenses WHERE status = 'in_progress'",
  );

  return {
    /** Writes the in-progress row (its own commit: it must be on disk before the dispenser moves a note). */
    begin(row: NewTestDispense): void {
      insert.run(row);
    },
    markBooked(id: string, presented: number, rejected: number, now: string): void {
      if (markBooked.run({ id, presented, rejected, now }).changes !== 1) throw new TestDispenseResolvedError(id);
    },
    /** Resolves a booked row (`taken`, `retracted`, `not_presented`) or an unbooked one (`not_dispensed`). */
    resolve(id: string, status: Exclude<TestDispenseStatus, 'in_progress'>, retracted: number | null, now: string) {
      const booked = status === 'not_dispensed' ? 0 : 1;
      if (resolve.run({ id, status, retracted, booked, now }).changes !== 1) throw new TestDispenseResolvedError(id);
    },
    find(id: string): TestDispense | null {
      return byId.get({ id }) ?? null;
    },
    /** Unresolved rows, oldest first, at most UNRESOLVED_TEST_DISPENSES_MAX. */
    unresolved(): TestDispense[] {
      return unresolved.all({ limit: UNRESOLVED_TEST_DISPENSES_MAX });
    },
    unresolvedCount(): number {
      return unresolvedCount.get()?.n ?? 0;
    },
  };
}

export type TestDispenses = ReturnType<typeof createTestDispenses>;

export type TestDispenseBooksDeps = {
  readonly db: Db;
  readonly ledger: Ledger;
  readonly cassettes: CassetteRepo;
  readonly now: () => number;
};

/** Called inside each booking's transaction with the booked figures, so the journal entry commits with them. */
export type TestDispenseJournal = (figures: {
  readonly takenMinor: number;
  readonly presentedNotes: number;
  readonly rejectedNotes: number;
  readonly retractedNotes: number;
}) => void;

/** The bookings of a test dispense, each one synchronous transaction; shared by staff mode and start-up recovery. */
export function createTestDispenseBooks(deps: TestDispenseBooksDeps) {
  const { db, ledger, cassettes } = deps;
  const records = createTestDispenses(db);
  const iso = () => new Date(deps.now()).toISOString();
  const account = (kind: 'kiosk_cash' | 'kiosk_rejects' | 'settlement', currency: string) =>
    ledger.internalAccountId(kind, currency);
  const book = (
    currency: string,
    transfers: readonly {
      debit: 'kiosk_rejects' | 'settlement';
      credit: 'kiosk_cash' | 'settlement';
      amountMinor: number;
    }[],
  ) => {
    const batch = transfers
      .filter((transfer) => transfer.amountMinor > 0)
      .map((transfer) => ({
        id: uuidv7(deps.now()),
        kind: 'single' as const,
        debitAccountId: account(transfer.debit, currency),
        creditAccountId: account(transfer.credit, currency),
        amountMinor: transfer.amountMinor,
        code: 'cash_adjustment' as const,
        reference: TEST_DISPENSE_REFERENCE,
      }));
    const result = ledger.createTransfers(batch);
    // Internal accounts have no funds rule, so a refusal here is a bug: throwing rolls the whole step back.
    if (!result.ok) throw new Error(`test dispense booking refused: ${result.code}`);
  };
  const mixOf = (row: TestDispense): NoteMix => [
    { cassetteId: row.cassetteId, denominationMinor: row.denominationMinor, notes: row.notesAsked },
  ];

  /** What left the cassettes, booked as soon as the dispenser reports it; nothing presented resolves the row. */
  const dispensed = (row: TestDispense, outcome: DispenseOutcome, journal: TestDispenseJournal) => {
    const now = iso();
    cassettes.applyDispense(mixOf(row), outcome.presented, outcome.rejected, {
      now,
      reference: TEST_DISPENSE_REFERENCE,
    });
    book(row.currency, [
      // Provisionally taken: a retract after the wait moves the retracted value on to the bins.
      { debit: 'settlement', credit: 'kiosk_cash', amountMinor: outcome.presentedNotes * row.denominationMinor },
      { debit: 'kiosk_rejects', credit: 'kiosk_cash', amountMinor: outcome.rejectedNotes * row.denominationMinor },
    ]);
    records.markBooked(row.id, outcome.presentedNotes, outcome.rejectedNotes, now);
    if (outcome.presentedNotes === 0) {
      records.resolve(row.id, 'not_presented', null, now);
      journal({ takenMinor: 0, presentedNotes: 0, rejectedNotes: outcome.rejectedNotes, retractedNotes: 0 });
    }
  };

  /** The presented notes were taken (all of them, or all but `retractedNotes` that went to the retract bin). */
  const settled = (row: TestDispense, retractedNotes: number | null, journal: TestDispenseJournal) => {
    const current = records.find(row.id);
    if (!current || current.presentedNotes === null || current.rejectedNotes === null)
      throw new TestDispenseResolvedError(row.id);
    const retracted = Math.min(retractedNotes ?? 0, current.presentedNotes);
    const now = iso();
    if (retracted > 0) {
      cassettes.applyRetract(retracted, { now, reference: TEST_DISPENSE_REFERENCE });
      book(row.currency, [
        { debit: 'kiosk_rejects', credit: 'settlement', amountMinor: retracted * row.denominationMinor },
      ]);
    }
    records.resolve(
      row.id,
      retractedNotes === null ? 'taken' : 'retracted',
      retractedNotes === null ? null : retracted,
      now,
    );
    journal({
      takenMinor: (current.presentedNotes - retracted) * row.denominationMinor,
      presentedNotes: current.presentedNotes,
      rejectedNotes: current.rejectedNotes,
      retractedNotes: retracted,
    });
  };

  return {
    records,
    /** Writes the durable row before the dispenser is asked; returns it. */
    begin(row: Omit<NewTestDispense, 'id' | 'now'>): TestDispense {
      const id = uuidv7(deps.now());
      records.begin({ ...row, id, now: iso() });
      const stored = records.find(id);
      if (!stored) throw new TestDispenseResolvedError(id);
      return stored;
    },
    dispensed: db.transaction(dispensed),
    taken: db.transaction((row: TestDispense, journal: TestDispenseJournal) => settled(row, null, journal)),
    retracted: db.transaction((row: TestDispense, notes: number, journal: TestDispenseJournal) =>
      settled(row, notes, journal),
    ),
    /** The dispenser refused before moving a note. */
    notDispensed: db.transaction((row: TestDispense) => records.resolve(row.id, 'not_dispensed', null, iso())),
    /** Recovery: booking (if it never committed) and resolution in one transaction. */
    dispensedAndSettled: db.transaction(
      (row: TestDispense, outcome: DispenseOutcome, retractedNotes: number | null, journal: TestDispenseJournal) => {
        if (row.bookedAt === null) dispensed(row, outcome, journal);
        if (outcome.presentedNotes > 0) settled(row, retractedNotes, journal);
      },
    ),
  };
}

export type TestDispenseBooks = ReturnType<typeof createTestDispenseBooks>;

export type TestDispenseRecoveryDeps = TestDispenseBooksDeps & {
  readonly dispenser: CashDispenser;
  readonly journal: Pick<Journal, 'append'>;
  readonly logger: Logger;
};

export type TestDispenseRecoveryResult = { readonly settled: number; readonly left: number };

type Verdict =
  | { readonly action: 'not_dispensed' }
  | { readonly action: 'retract_in_slot'; readonly outcome: DispenseOutcome }
  | { readonly action: 'taken' | 'not_presented'; readonly outcome: DispenseOutcome }
  | { readonly action: 'retracted'; readonly outcome: DispenseOutcome; readonly retractedNotes: number }
  | { readonly action: 'left_for_staff'; readonly why: string };

function verdictFor(row: TestDispense, memory: DispenserMemory, records: TestDispenses): Verdict {
  if (!memory.known) return { action: 'left_for_staff', why: 'dispenser_keeps_no_record' };
  const record = memory.record;
  if (record === null) return { action: 'left_for_staff', why: 'dispenser_has_no_record' };
  if (record.operationId !== row.id) {
    // Its last dispense is a test dispense this kiosk started before this one: this one never reached it.
    const other = record.operationId === null ? null : records.find(record.operationId);
    if (row.bookedAt === null && other !== null && other.seq < row.seq) return { action: 'not_dispensed' };
    return { action: 'left_for_staff', why: 'dispenser_record_of_another_operation' };
  }
  const { outcome } = record;
  const lines = [...outcome.presented, ...outcome.rejected];
  if (
    lines.some((line) => line.cassetteId !== row.cassetteId) ||
    outcome.presentedNotes + outcome.rejectedNotes > row.notesAsked
  )
    return { action: 'left_for_staff', why: 'dispenser_record_does_not_match' };
  if (
    row.bookedAt !== null &&
    (row.presentedNotes !== outcome.presentedNotes || row.rejectedNotes !== outcome.rejectedNotes)
  )
    return { action: 'left_for_staff', why: 'dispenser_record_does_not_match' };
  if (outcome.presentedNotes === 0) return { action: 'not_presented', outcome };
  switch (record.slot) {
    case 'in_slot':
      return { action: 'retract_in_slot', outcome };
    case 'taken':
      return { action: 'taken', outcome };
    case 'retracted':
      return { action: 'retracted', outcome, retractedNotes: record.retractedNotes };
    default:
      return { action: 'left_for_staff', why: 'dispenser_record_does_not_match' };
  }
}

/** Settles one row by its verdict; returns the action taken, or why it is left for staff. */
async function settle(
  deps: TestDispenseRecoveryDeps,
  books: TestDispenseBooks,
  row: TestDispense,
  verdict: Verdict,
): Promise<{ readonly settled: string } | { readonly left: string }> {
  if (verdict.action === 'left_for_staff') return { left: verdict.why };
  const journal =
    (action: string): TestDispenseJournal =>
    (figures) =>
      deps.journal.append({
        kind: 'staff.test_dispense_recovered',
        staffId: row.staffId,
        amountMinor: figures.takenMinor,
        currency: row.currency,
        data: {
          action,
          operation_id: row.id,
          position: row.position,
          presentedNotes: figures.presentedNotes,
          rejectedNotes: figures.rejectedNotes,
          retractedNotes: figures.retractedNotes,
        },
      } satisfies JournalEntry);
  if (verdict.action === 'not_dispensed') {
    books.notDispensed(row);
    deps.journal.append({
      kind: 'staff.test_dispense_recovered',
      staffId: row.staffId,
      data: { action: verdict.action, operation_id: row.id, position: row.position },
    });
    return { settled: verdict.action };
  }
  if (verdict.action === 'retract_in_slot') {
    // What left the cassettes is on the books before the device moves again; then the retract resolves the row.
    // (Nothing is journalled by this booking alone: notes were presented, so it leaves the row open.)
    if (row.bookedAt === null) books.dispensed(row, verdict.outcome, () => undefined);
    const retract = await deps.dispenser.retract();
    const booked = books.records.find(row.id);
    if (!booked) throw new TestDispenseResolvedError(row.id);
    books.retracted(booked, retract.notes, journal('retracted'));
    return { settled: 'retracted' };
  }
  const retractedNotes = verdict.action === 'retracted' ? verdict.retractedNotes : null;
  books.dispensedAndSettled(row, verdict.outcome, retractedNotes, journal(verdict.action));
  return { settled: verdict.action };
}

export async function recoverInterruptedTestDispenses(
  deps: TestDispenseRecoveryDeps,
): Promise<TestDispenseRecoveryResult> {
  const books = createTestDispenseBooks(deps);
  const rows = books.records.unresolved();
  const memory: DispenserMemory = deps.dispenser.lastDispense?.() ?? { known: false };
  let settled = 0;
  for (const row of rows) {
    let settlement: { readonly settled: string } | { readonly left: string };
    try {
      settlement = await settle(deps, books, row, verdictFor(row, memory, books.records));
    } catch (cause) {
      // Never guessed, never lost: whatever was rolled back, the row stays unresolved for staff.
      deps.logger.error('interrupted test dispense could not be settled', {
        error: cause instanceof Error ? cause.name : 'unknown',
      });
      settlement = { left: 'recovery_failed' };
    }
    if ('settled' in settlement) {
      deps.logger.warn('interrupted test dispense settled', { reason: settlement.settled });
      settled += 1;
      continue;
    }
    deps.journal.append({
      kind: 'staff.test_dispense_unresolved',
      staffId: row.staffId,
      data: { operation_id: row.id, position: row.position, reason: settlement.left },
    });
    deps.logger.error('interrupted test dispense left for staff', { reason: settlement.left });
  }
  return { settled, left: rows.length - settled };
}
