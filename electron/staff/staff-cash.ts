// Staff cash functions: the replenishment cycle (Cassette Total → counted notes → Add Cash → Trial Cassette Total),
// test dispense and the day totals. Invariant after every commit: the kiosk cash account equals Σ count × value of the
// cassettes and the rejects account equals what sits in the reject and retract bins; every counted difference and
// every variance against the bank is booked to overs/unders, never absorbed. The totals also return the figures of
// their printed report, read in the same transaction; printing is the caller's, after the commit.
import { uuidv7 } from '../../shared/ids.ts';
import type { z } from 'zod';
import type {
  AddCashResultSchema,
  CassetteTotalSchema,
  CountResultSchema,
  DayTotalResultSchema,
  DayTotals,
  TrialCassetteTotalSchema,
} from '../../shared/ipc/staff.ts';
import type { CassetteRepo, Cassette } from '../cash/cassette-repo.ts';
import type { NoteMix } from '../cash/note-mix.ts';
import type { Db } from '../db/open-database.ts';
import type { CashDispenser, DispenseOutcome } from '../devices/cash-dispenser.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { TransferInput } from '../ledger/ledger-types.ts';
import type { CassetteReport, CassetteReportLine } from '../receipts/staff-report-layout.ts';
import { createTestDispenseBooks, type TestDispenseJournal } from '../transactions/test-dispense-recovery.ts';
import { type Audit, StaffRefusal } from './staff-refusal.ts';

/** How long notes of a test dispense wait in the slot for the staff member before they are retracted. */
export const TEST_DISPENSE_TAKE_TIMEOUT_MS = 30_000;

export type BankDayTotals = {
  readonly withdrawals: { readonly count: number; readonly amountMinor: number };
  readonly deposits: { readonly count: number; readonly amountMinor: number };
};
/** The bank's totals for this kiosk and period, from the sync engine; null when standalone or unreachable. */
export type BankTotalsSource = (period: {
  readonly fromMs: number;
  readonly toMs: number;
  readonly currency: string;
}) => Promise<BankDayTotals | null>;

export type ReplenishmentState = 'totalled' | 'counted' | 'loaded';

/** A report's figures as the cash functions know them; the service adds the kiosk id. */
export type CassetteReportFigures = Omit<CassetteReport, 'kioskId'>;
/** A recorded Cassette Total or Trial Cassette Total: the answer (without its printout) and the report to print. */
export type RecordedTotal<T> = { readonly total: T; readonly report: CassetteReportFigures };
type CassetteTotal = Omit<z.output<typeof CassetteTotalSchema>, 'printout'>;
type TrialCassetteTotal = Omit<z.output<typeof TrialCassetteTotalSchema>, 'printout'>;
export type OpenCycle = { readonly cycleId: number; readonly state: ReplenishmentState };

type CycleRow = {
  id: number;
  state: ReplenishmentState | 'closed';
  currency: string;
  expected_cash_minor: number;
  expected_rejects_minor: number;
};
type CounterRow = { position: number; denomination_minor: number; expected_notes: number; expected_rejects: number };

export type StaffCashDeps = {
  readonly db: Db;
  readonly ledger: Ledger;
  readonly cassettes: CassetteRepo;
  readonly dispenser: CashDispenser;
  readonly currency: () => string;
  readonly now: () => number;
};

export function cassetteView(cassette: Cassette) {
  return {
    position: cassette.position,
    denominationMinor: cassette.denominationMinor,
    currency: cassette.currency,
    count: cassette.count,
    rejects: cassette.rejects,
    status: cassette.status,
    valueMinor: cassette.count * cassette.denominationMinor,
  };
}

export function createStaffCash(deps: StaffCashDeps) {
  const { db, ledger, cassettes } = deps;
  const iso = () => new Date(deps.now()).toISOString();
  const account = (kind: 'kiosk_cash' | 'kiosk_rejects' | 'settlement' | 'overs_unders') =>
    ledger.internalAccountId(kind, deps.currency());
  const balanceOf = (kind: 'kiosk_cash' | 'kiosk_rejects') => ledger.account(account(kind))?.balanceMinor ?? 0;
  const testDispenses = createTestDispenseBooks({ db, ledger, cassettes, now: deps.now });

  const openCycleRow = db.prepare<[], CycleRow>(
    `SELECT id, state, currency, expected_cash_minor, expected_rejects_minor FROM replenishment_cycles WHERE state <> 'closed'`,
  );
  const insertCycle = db.prepare<
    { currency: string; cash: number; rejects: number; retract: number; by: string; at: string },
    { id: number }
  >(
    `INSERT INTO replenishment_cycles (state, currency, expected_cash_minor, expected_rejects_minor, retract_bin_notes, totalled_by, totalled_at)
     VALUES ('totalled', @currency, @cash, @rejects, @retract, @by, @at) RETURNING id`,
  );
  const insertCounter = db.prepare<{
    cycleId: number;
    position: number;
    denomination: number;
    notes: number;
    rejects: number;
  }>(
    `INSERT INTO replenishment_counters (cycle_id, position, denomination_minor, expected_notes, expected_rejects)
     VALUES (@cycleId, @position, @denomination, @notes, @rejects)`,
  );
  const countersOf = db.prepare<{ cycleId: number }, CounterRow>(
    `SELECT position, denomination_minor, expected_notes, expected_rejects FROM replenishment_counters WHERE cycle_id = @cycleId ORDER BY position`,
  );
  const setCounted = db.prepare<{ cycleId: number; position: number; notes: number; rejects: number }>(
    `UPDATE replenishment_counters SET counted_notes = @notes, counted_rejects = @rejects WHERE cycle_id = @cycleId AND position = @position`,
  );
  const markCounted = db.prepare<{
    id: number;
    counted: number;
    variance: number;
    by: string;
    confirmedBy: string | null;
  }>(
    `UPDATE replenishment_cycles SET state = 'counted', counted_minor = @counted, variance_minor = @variance, counted_by = @by,
            counted_confirmed_by = @confirmedBy WHERE id = @id AND state = 'totalled'`,
  );
  const setLoaded = db.prepare<{ cycleId: number; position: number; denomination: number; notes: number }>(
    `INSERT INTO replenishment_counters (cycle_id, position, denomination_minor, expected_notes, expected_rejects, loaded_denomination_minor, loaded_notes)
     VALUES (@cycleId, @position, @denomination, 0, 0, @denomination, @notes)
     ON CONFLICT (cycle_id, position) DO UPDATE SET loaded_denomination_minor = excluded.loaded_denomination_minor, loaded_notes = excluded.loaded_notes`,
  );
  const markLoaded = db.prepare<{ id: number; loaded: number; by: string; confirmedBy: string | null }>(
    `UPDATE replenishment_cycles SET state = 'loaded', loaded_minor = @loaded, loaded_by = @by, loaded_confirmed_by = @confirmedBy
      WHERE id = @id AND state = 'counted'`,
  );
  const markClosed = db.prepare<{ id: number; by: string; at: string }>(
    `UPDATE replenishment_cycles SET state = 'closed', closed_by = @by, closed_at = @at WHERE id = @id AND state = 'loaded'`,
  );
  // A cassette's last load and the notes presented from it since (a dispense movement takes presented + rejected
  // notes from the count and adds the rejected ones to its rejects).
  const sinceLastLoad = db.prepare<{ cassetteId: number }, { loaded: number | null; dispensed: number }>(
    `WITH last_load AS (
       SELECT id, count_delta FROM cash_movements WHERE cassette_id = @cassetteId AND kind = 'load' ORDER BY id DESC LIMIT 1
     )
     SELECT (SELECT count_delta FROM last_load) AS loaded,
            COALESCE((SELECT sum(-count_delta - rejects_delta) FROM cash_movements
                       WHERE cassette_id = @cassetteId AND kind = 'dispense'
                         AND id > COALESCE((SELECT id FROM last_load), 0)), 0) AS dispensed`,
  );

  /** The report's counters of each cassette, as they stand now (call before a reset). */
  const reportLines = (list: readonly Cassette[]): CassetteReportLine[] =>
    list.map((cassette) => {
      const since = sinceLastLoad.get({ cassetteId: cassette.id });
      const dispensedNotes = since?.dispensed ?? 0;
      return {
        position: cassette.position,
        denominationMinor: cassette.denominationMinor,
        // Every load writes a movement; a cassette without one still adds up: what left it plus what is left.
        loadedNotes: since?.loaded ?? cassette.count + dispensedNotes + cassette.rejects,
        dispensedNotes,
        rejectedNotes: cassette.rejects,
        remainingNotes: cassette.count,
      };
    });

  const book = (transfers: readonly Omit<TransferInput, 'id' | 'kind'>[]) => {
    const batch = transfers
      .filter((transfer) => transfer.amountMinor > 0)
      .map((transfer) => ({ ...transfer, id: uuidv7(deps.now()), kind: 'single' as const }));
    const result = ledger.createTransfers(batch);
    // Internal accounts have no funds rule, so a refusal here is a bug: throwing rolls the whole step back.
    if (!result.ok) throw new Error(`staff cash booking refused: ${result.code}`);
  };

  /** A signed difference to overs/unders against settlement: positive is an over (more cash than the books). */
  const bookVariance = (varianceMinor: number, reference: string) => {
    if (varianceMinor === 0) return;
    const over = varianceMinor > 0;
    book([
      {
        debitAccountId: over ? account('settlement') : account('overs_unders'),
        creditAccountId: over ? account('overs_unders') : account('settlement'),
        amountMinor: Math.abs(varianceMinor),
        code: 'cash_adjustment',
        reference,
      },
    ]);
  };

  const requireCycle = (state: ReplenishmentState): CycleRow => {
    const cycle = openCycleRow.get();
    if (!cycle || cycle.state !== state) {
      throw new StaffRefusal(
        'INVALID_STATE',
        cycle ? `The replenishment is at step ${cycle.state}.` : 'Start with Cassette Total.',
      );
    }
    return cycle;
  };

  const cassetteTotal = db.transaction((staffId: string, audit: Audit): RecordedTotal<CassetteTotal> => {
    if (openCycleRow.get()) throw new StaffRefusal('INVALID_STATE', 'A replenishment is already open.');
    const currency = deps.currency();
    const at = iso();
    const list = cassettes.list().filter((cassette) => cassette.currency === currency);
    const cashMinor = Math.max(0, balanceOf('kiosk_cash'));
    const rejectsMinor = Math.max(0, balanceOf('kiosk_rejects'));
    const retractBinNotes = cassettes.retractBinNotes();
    // Read before the reset below: the report prints the counters this total records.
    const counters = reportLines(list);
    const cycleId = insertCycle.get({
      currency,
      cash: cashMinor,
      rejects: rejectsMinor,
      retract: retractBinNotes,
      by: staffId,
      at,
    })?.id;
    if (cycleId === undefined) throw new Error('replenishment cycle insert returned no row');
    const reference = `replenishment-${cycleId}`;
    for (const cassette of list) {
      insertCounter.run({
        cycleId,
        position: cassette.position,
        denomination: cassette.denominationMinor,
        notes: cassette.count,
        rejects: cassette.rejects,
      });
    }
    // The cassettes come out: their notes (and the bins') go back to the vault at book value; the count says if
    // that value was really there.
    if (list.length > 0) {
      cassettes.configure(
        list.map((cassette) => ({
          position: cassette.position,
          denominationMinor: cassette.denominationMinor,
          currency,
          count: 0,
        })),
        { now: at, reference },
      );
    }
    cassettes.emptyRetractBin({ now: at, reference });
    book([
      {
        debitAccountId: account('settlement'),
        creditAccountId: account('kiosk_cash'),
        amountMinor: cashMinor,
        code: 'replenishment',
        reference,
      },
      {
        debitAccountId: account('settlement'),
        creditAccountId: account('kiosk_rejects'),
        amountMinor: rejectsMinor,
        code: 'replenishment',
        reference,
      },
    ]);
    audit({
      kind: 'staff.cassette_total',
      amountMinor: cashMinor,
      currency,
      data: { cycle: cycleId, rejectsMinor, retractBinNotes, cassettes: list.length },
    });
    return {
      total: {
        cycleId,
        at,
        currency,
        cassettes: list.map((cassette) => ({
          position: cassette.position,
          denominationMinor: cassette.denominationMinor,
          notes: cassette.count,
          rejects: cassette.rejects,
          valueMinor: cassette.count * cassette.denominationMinor,
        })),
        retractBinNotes,
        cashAccountMinor: cashMinor,
        rejectsAccountMinor: rejectsMinor,
      },
      report: {
        kind: 'cassette_total',
        staffId,
        at,
        currency,
        cycleId,
        cassettes: counters,
        retractBinNotes,
        cashAccountMinor: cashMinor,
        rejectsAccountMinor: rejectsMinor,
      },
    };
  });

  type CountInput = {
    readonly cassettes: readonly { readonly position: number; readonly notes: number; readonly rejects: number }[];
    readonly retractBin: readonly { readonly denominationMinor: number; readonly notes: number }[];
  };
  const enterCounts = db.transaction(
    (
      staffId: string,
      confirmedBy: string | null,
      input: CountInput,
      audit: Audit,
    ): z.output<typeof CountResultSchema> => {
      const cycle = requireCycle('totalled');
      const counters = countersOf.all({ cycleId: cycle.id });
      const given = new Map(input.cassettes.map((entry) => [entry.position, entry]));
      if (
        given.size !== input.cassettes.length ||
        given.size !== counters.length ||
        counters.some((counter) => !given.has(counter.position))
      ) {
        throw new StaffRefusal('BAD_REQUEST', 'Enter a count for every cassette that was taken out, once each.');
      }
      const lines = counters.map((counter) => {
        const counted = given.get(counter.position) ?? { notes: 0, rejects: 0 };
        setCounted.run({
          cycleId: cycle.id,
          position: counter.position,
          notes: counted.notes,
          rejects: counted.rejects,
        });
        return {
          position: counter.position,
          expectedNotes: counter.expected_notes,
          countedNotes: counted.notes,
          expectedRejects: counter.expected_rejects,
          countedRejects: counted.rejects,
          varianceMinor:
            (counted.notes - counter.expected_notes + counted.rejects - counter.expected_rejects) *
            counter.denomination_minor,
          countedMinor: (counted.notes + counted.rejects) * counter.denomination_minor,
        };
      });
      const retractMinor = input.retractBin.reduce((sum, entry) => sum + entry.notes * entry.denominationMinor, 0);
      const countedMinor = lines.reduce((sum, line) => sum + line.countedMinor, 0) + retractMinor;
      const expectedMinor = cycle.expected_cash_minor + cycle.expected_rejects_minor;
      const varianceMinor = countedMinor - expectedMinor;
      bookVariance(varianceMinor, `replenishment-${cycle.id}`);
      markCounted.run({ id: cycle.id, counted: countedMinor, variance: varianceMinor, by: staffId, confirmedBy });
      audit({
        kind: 'staff.cash_counted',
        amountMinor: countedMinor,
        currency: cycle.currency,
        data: { cycle: cycle.id, varianceMinor, flagged: varianceMinor !== 0, confirmedBy },
      });
      return {
        cycleId: cycle.id,
        expectedMinor,
        countedMinor,
        varianceMinor,
        flagged: varianceMinor !== 0,
        cassettes: lines.map(({ countedMinor: _counted, ...line }) => line),
      };
    },
  );

  type Load = { readonly position: number; readonly denominationMinor: number; readonly notes: number };
  const addCash = db.transaction(
    (
      staffId: string,
      confirmedBy: string | null,
      loads: readonly Load[],
      audit: Audit,
    ): z.output<typeof AddCashResultSchema> => {
      const cycle = requireCycle('counted');
      const currency = cycle.currency;
      const reference = `replenishment-${cycle.id}`;
      cassettes.configure(
        loads.map((load) => ({
          position: load.position,
          denominationMinor: load.denominationMinor,
          currency,
          count: load.notes,
        })),
        { now: iso(), reference },
      );
      const loadedMinor = loads.reduce((sum, load) => sum + load.notes * load.denominationMinor, 0);
      for (const load of loads)
        setLoaded.run({
          cycleId: cycle.id,
          position: load.position,
          denomination: load.denominationMinor,
          notes: load.notes,
        });
      book([
        {
          debitAccountId: account('kiosk_cash'),
          creditAccountId: account('settlement'),
          amountMinor: loadedMinor,
          code: 'replenishment',
          reference,
        },
      ]);
      markLoaded.run({ id: cycle.id, loaded: loadedMinor, by: staffId, confirmedBy });
      audit({
        kind: 'staff.cash_added',
        amountMinor: loadedMinor,
        currency,
        data: { cycle: cycle.id, cassettes: loads.length, confirmedBy },
      });
      return { cycleId: cycle.id, loadedMinor, cassettes: cassettes.list().map(cassetteView) };
    },
  );

  const trialCassetteTotal = db.transaction((staffId: string, audit: Audit): RecordedTotal<TrialCassetteTotal> => {
    const currency = deps.currency();
    const list = cassettes.list();
    const cassettesValueMinor = cassettes.totalValueMinor(currency);
    const cashAccountMinor = balanceOf('kiosk_cash');
    const cycle = openCycleRow.get();
    let closedCycleId: number | null = null;
    if (cycle?.state === 'loaded') {
      markClosed.run({ id: cycle.id, by: staffId, at: iso() });
      closedCycleId = cycle.id;
    }
    const matches = cashAccountMinor === cassettesValueMinor;
    audit({
      kind: 'staff.trial_cassette_total',
      amountMinor: Math.max(0, cassettesValueMinor),
      currency,
      data: { matches, closedCycle: closedCycleId },
    });
    const at = iso();
    return {
      total: { at, cassettes: list.map(cassetteView), cassettesValueMinor, cashAccountMinor, matches, closedCycleId },
      report: {
        kind: 'trial_cassette_total',
        staffId,
        at,
        currency,
        cycleId: closedCycleId,
        // The cash account is in the kiosk's currency; so are the cassettes the report sets against it.
        cassettes: reportLines(list.filter((cassette) => cassette.currency === currency)),
        retractBinNotes: cassettes.retractBinNotes(),
        cashAccountMinor,
        rejectsAccountMinor: balanceOf('kiosk_rejects'),
      },
    };
  });

  // Day totals: the kiosk's completed customer transactions since the last Day Total.
  const lastDayTotal = db.prepare<[], { period_to: string }>(
    'SELECT period_to FROM day_totals ORDER BY id DESC LIMIT 1',
  );
  const firstTransaction = db.prepare<[], { at: string | null }>(
    'SELECT min(created_at) AS at FROM customer_transactions',
  );
  const totalsOf = db.prepare<
    { from: string; to: string; currency: string },
    { kind: string; n: number; amount: number; fees: number }
  >(
    `SELECT kind, count(*) AS n, coalesce(sum(completed_minor), 0) AS amount, coalesce(sum(fee_minor), 0) AS fees
       FROM customer_transactions
      WHERE status = 'completed' AND currency = @currency AND created_at >= @from AND created_at < @to
        AND kind IN ('withdrawal', 'deposit', 'transfer')
      GROUP BY kind`,
  );
  const insertDayTotal = db.prepare(
    `INSERT INTO day_totals (period_from, period_to, currency, withdrawals_count, withdrawals_minor, deposits_count, deposits_minor,
                             transfers_count, transfers_minor, fees_minor, bank_withdrawals_minor, bank_deposits_minor, variance_minor,
                             flagged, variance_transfer_id, closed_by)
     VALUES (@from, @to, @currency, @wn, @wm, @dn, @dm, @tn, @tm, @fees, @bw, @bd, @variance, @flagged, @transferId, @by)`,
  );

  const periodNow = () => {
    const toMs = deps.now();
    const to = new Date(toMs + 1).toISOString();
    const from = lastDayTotal.get()?.period_to ?? firstTransaction.get()?.at ?? new Date(toMs).toISOString();
    return { from: from <= to ? from : to, to, toMs };
  };

  const kioskTotals = (from: string, to: string, currency: string): DayTotals => {
    const totals = {
      withdrawals: { count: 0, amountMinor: 0 },
      deposits: { count: 0, amountMinor: 0 },
      transfers: { count: 0, amountMinor: 0 },
      feesMinor: 0,
    };
    for (const row of totalsOf.all({ from, to, currency })) {
      const line = { count: row.n, amountMinor: row.amount };
      if (row.kind === 'withdrawal') totals.withdrawals = line;
      else if (row.kind === 'deposit') totals.deposits = line;
      else totals.transfers = line;
      totals.feesMinor += row.fees;
    }
    return totals;
  };

  return {
    openCycle(): OpenCycle | null {
      const cycle = openCycleRow.get();
      return cycle && cycle.state !== 'closed' ? { cycleId: cycle.id, state: cycle.state } : null;
    },
    cassetteTotal,
    enterCounts,
    addCash,
    trialCassetteTotal,

    /** Trial (close = false) reports; Day Total closes the period and books a variance against the bank. */
    async dayTotal(
      staffId: string,
      close: boolean,
      bankTotals: BankTotalsSource | undefined,
      audit: Audit,
    ): Promise<Omit<z.output<typeof DayTotalResultSchema>, 'printout'>> {
      const currency = deps.currency();
      const first = periodNow();
      // The bank is asked before the transaction: no network wait ever holds the database.
      const bank = bankTotals ? await bankTotals({ fromMs: Date.parse(first.from), toMs: first.toMs, currency }) : null;
      return db.transaction(() => {
        const { from, to } = periodNow();
        const kiosk = kioskTotals(from, to, currency);
        const kioskNet = kiosk.withdrawals.amountMinor - kiosk.deposits.amountMinor;
        const varianceMinor = bank ? kioskNet - (bank.withdrawals.amountMinor - bank.deposits.amountMinor) : null;
        const flagged = varianceMinor !== null && varianceMinor !== 0;
        let transferId: string | null = null;
        if (close) {
          if (varianceMinor !== null && varianceMinor !== 0) {
            // The kiosk paid out more (net) than the bank charged: a short for the branch; less: an over.
            transferId = uuidv7(deps.now());
            const short = varianceMinor > 0;
            const result = ledger.createTransfers([
              {
                id: transferId,
                kind: 'single',
                debitAccountId: short ? account('overs_unders') : account('settlement'),
                creditAccountId: short ? account('settlement') : account('overs_unders'),
                amountMinor: Math.abs(varianceMinor),
                code: 'cash_adjustment',
                reference: 'day-total',
              },
            ]);
            if (!result.ok) throw new Error(`day total variance refused: ${result.code}`);
          }
          insertDayTotal.run({
            from,
            to,
            currency,
            wn: kiosk.withdrawals.count,
            wm: kiosk.withdrawals.amountMinor,
            dn: kiosk.deposits.count,
            dm: kiosk.deposits.amountMinor,
            tn: kiosk.transfers.count,
            tm: kiosk.transfers.amountMinor,
            fees: kiosk.feesMinor,
            bw: bank?.withdrawals.amountMinor ?? null,
            bd: bank?.deposits.amountMinor ?? null,
            variance: varianceMinor,
            flagged: flagged ? 1 : 0,
            transferId,
            by: staffId,
          });
        }
        audit({
          kind: close ? 'staff.day_total' : 'staff.trial_day_total',
          amountMinor: kiosk.withdrawals.amountMinor,
          currency,
          data: {
            periodFrom: from,
            periodTo: to,
            deposits: kiosk.deposits.amountMinor,
            varianceMinor,
            flagged,
            bankAnswered: bank !== null,
          },
        });
        return {
          periodFrom: from,
          periodTo: to,
          currency,
          kiosk,
          bank: bank ? { withdrawals: { ...bank.withdrawals }, deposits: { ...bank.deposits } } : null,
          varianceMinor,
          flagged,
          closed: close,
        };
      })();
    },

    /**
     * A few notes from one cassette to the staff member; taken notes leave the cash account, the rest go to rejects.
     * Crash-safe: a durable row is written before the dispenser moves a note, what left the cassettes is booked as
     * soon as it reports (presented notes provisionally taken), and only a retract after the wait books again; an
     * interruption anywhere is settled at start-up by the dispenser's own record (test-dispense-recovery.ts).
     */
    async testDispense(position: number, notes: number, staffId: string, audit: Audit) {
      const currency = deps.currency();
      const cassette = cassettes.list().find((candidate) => candidate.position === position);
      if (!cassette || cassette.currency !== currency || cassette.status === 'fault' || cassette.count < notes) {
        throw new StaffRefusal('AMOUNT_NOT_DISPENSABLE', 'That cassette cannot give these notes.');
      }
      const mix: NoteMix = [{ cassetteId: cassette.id, denominationMinor: cassette.denominationMinor, notes }];
      const row = testDispenses.begin({
        staffId,
        cassetteId: cassette.id,
        position,
        denominationMinor: cassette.denominationMinor,
        currency,
        notesAsked: notes,
      });
      let outcome;
      try {
        outcome = await deps.dispenser.dispense(mix, row.id);
      } catch {
        // A refusal happens before a note moves (malformed mix, busy, notes already in the slot).
        testDispenses.notDispensed(row);
        throw new StaffRefusal('DISPENSER_FAULT', 'The dispenser refused the test.');
      }
      const journal =
        (kind: DispenseOutcome['kind']): TestDispenseJournal =>
        (figures) =>
          audit({
            kind: 'staff.test_dispense',
            amountMinor: figures.takenMinor,
            currency,
            data: {
              position,
              outcome: kind,
              presentedNotes: figures.presentedNotes,
              rejectedNotes: figures.rejectedNotes,
              retractedNotes: figures.retractedNotes,
              operationId: row.id,
            },
          });
      testDispenses.dispensed(row, outcome, journal(outcome.kind));
      let takenMinor = 0;
      if (outcome.presentedNotes > 0) {
        const booked = testDispenses.records.find(row.id) ?? row;
        const settle: TestDispenseJournal = (figures) => {
          takenMinor = figures.takenMinor;
          journal(outcome.kind)(figures);
        };
        try {
          const taken = await deps.dispenser.waitForTake(TEST_DISPENSE_TAKE_TIMEOUT_MS);
          if (taken === 'taken') testDispenses.taken(booked, settle);
          else testDispenses.retracted(booked, (await deps.dispenser.retract()).notes, settle);
        } catch {
          // The notes' fate is unknown: the row stays open (booked as taken) for start-up recovery to settle.
          throw new StaffRefusal('DISPENSER_FAULT', 'The dispenser did not finish the test; it is settled at restart.');
        }
      }
      return {
        outcome: outcome.kind,
        presentedNotes: outcome.presentedNotes,
        rejectedNotes: outcome.rejectedNotes,
        amountMinor: takenMinor,
      };
    },
  };
}

export type StaffCash = ReturnType<typeof createStaffCash>;
