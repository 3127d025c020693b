// Cassettes and bins: what notes the kiosk holds. Statements are prepared once; a count never goes negative (a
// dispense larger than the count is refused and changes nothing), and every counter change is written with its
// `cash_movements` row in the same transaction, so each counter always equals the sum of its movements.
// Every function is synchronous and safe inside a caller's transaction (its own transaction becomes a savepoint).
import { currencyExponent } from '../../shared/money.ts';
import type { Db } from '../db/open-database.ts';
import {
  CASSETTES_MAX,
  DENOMINATION_MINOR_MAX,
  NOTES_PER_DISPENSE_MAX,
  type CassetteStock,
  type NoteMix,
  type NotesByCassette,
} from './note-mix.ts';

/** Cassette positions are numbered 1..this in the dispenser. */
export const CASSETTE_POSITIONS_MAX = CASSETTES_MAX;

/** Most notes a cassette can be loaded with (physical cassettes hold about 2 500; this leaves room for any model). */
export const CASSETTE_NOTES_MAX = 10_000;

/** Below this many notes a cassette reports 'low' so staff replenish before customers are refused. */
export const CASSETTE_LOW_NOTES = 100;

/** Longest reference (transfer or session id) stored with a movement; a UUID is 36 characters. */
export const CASH_REFERENCE_LENGTH_MAX = 64;

export type CassetteStatus = 'ok' | 'low' | 'empty' | 'fault';

export type Cassette = {
  readonly id: number;
  readonly position: number;
  readonly denominationMinor: number;
  readonly currency: string;
  /** Notes in the cassette, available to dispense. */
  readonly count: number;
  /** Notes picked from this cassette and diverted to the reject bin since it was last loaded. */
  readonly rejects: number;
  readonly status: CassetteStatus;
  readonly updatedAt: string;
};

/** What staff put in at a position during replenishment. */
export type CassetteLoad = {
  readonly position: number;
  readonly denominationMinor: number;
  readonly currency: string;
  readonly count: number;
};

/** What came out of a position during replenishment: its remaining notes and its share of the reject bin. */
export type UnloadedCassette = {
  readonly cassetteId: number;
  readonly position: number;
  readonly denominationMinor: number;
  readonly currency: string;
  readonly count: number;
  readonly rejects: number;
};

export type ReplenishmentReport = {
  readonly unloaded: readonly UnloadedCassette[];
  readonly cassettes: readonly Cassette[];
};

/** When a change happened and what caused it (a transfer id, a session id, a staff action id). */
export type CashChangeContext = {
  readonly now: string;
  readonly reference?: string | null;
};

export type DispenseAccounting = {
  readonly presentedNotes: number;
  readonly presentedAmountMinor: number;
  readonly rejectedNotes: number;
  readonly rejectedAmountMinor: number;
};

/** A counter that disagrees with the sum of its movements (`cassetteId` null for the retract bin). */
export type CashCountMismatch = {
  readonly cassetteId: number | null;
  readonly counter: 'count' | 'rejects' | 'retract_bin';
  readonly stored: number;
  readonly fromMovements: number;
};

export type CashAccountingErrorCode = 'INVALID_INPUT' | 'UNKNOWN_CASSETTE' | 'DENOMINATION_MISMATCH' | 'COUNT_EXCEEDED';

/** A cash change refused before anything was written. */
export class CashAccountingError extends Error {
  readonly code: CashAccountingErrorCode;
  constructor(code: CashAccountingErrorCode, message: string) {
    super(message);
    this.name = 'CashAccountingError';
    this.code = code;
  }
}

type MovementKind = 'load' | 'unload' | 'dispense' | 'retract' | 'empty_retract_bin';

type MovementRow = {
  kind: MovementKind;
  cassetteId: number | null;
  denominationMinor: number | null;
  countDelta: number;
  rejectsDelta: number;
  retractedDelta: number;
  reference: string | null;
  now: string;
};

const CASSETTE_COLUMNS = `id, position, denomination_minor AS denominationMinor, currency, count, rejects, status,
  updated_at AS updatedAt`;

function invalid(message: string): CashAccountingError {
  return new CashAccountingError('INVALID_INPUT', message);
}

function isCount(value: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= max;
}

function statusFor(count: number): CassetteStatus {
  if (count === 0) return 'empty';
  return count < CASSETTE_LOW_NOTES ? 'low' : 'ok';
}

function referenceOf(context: CashChangeContext): string | null {
  const reference = context.reference ?? null;
  if (reference !== null && (reference.length === 0 || reference.length > CASH_REFERENCE_LENGTH_MAX)) {
    throw invalid(`reference must be 1..${CASH_REFERENCE_LENGTH_MAX} characters`);
  }
  return reference;
}

function validateLoads(loads: readonly CassetteLoad[]): void {
  if (loads.length === 0 || loads.length > CASSETTE_POSITIONS_MAX) {
    throw invalid(`replenishment lists 1..${CASSETTE_POSITIONS_MAX} cassettes`);
  }
  const positions = new Set<number>();
  for (const load of loads) {
    if (!Number.isSafeInteger(load.position) || load.position < 1 || load.position > CASSETTE_POSITIONS_MAX) {
      throw invalid(`position must be 1..${CASSETTE_POSITIONS_MAX}, got ${load.position}`);
    }
    if (positions.has(load.position)) throw invalid(`position ${load.position} is listed twice`);
    positions.add(load.position);
    if (!isCount(load.denominationMinor, DENOMINATION_MINOR_MAX) || load.denominationMinor === 0) {
      throw invalid(`position ${load.position}: denomination must be 1..${DENOMINATION_MINOR_MAX} minor units`);
    }
    if (!isCount(load.count, CASSETTE_NOTES_MAX)) {
      throw invalid(`position ${load.position}: count must be 0..${CASSETTE_NOTES_MAX}`);
    }
    try {
      currencyExponent(load.currency);
    } catch {
      throw invalid(`position ${load.position}: unsupported currency ${load.currency}`);
    }
  }
}

/**
 * Checks that `presented` and `rejected` describe notes of the mix: known cassettes, no cassette listed twice, and
 * per cassette presented + rejected ≤ the notes asked of it (notes never picked stay in the cassette).
 */
function picksOf(mix: NoteMix, presented: readonly NotesByCassette[], rejected: readonly NotesByCassette[]) {
  if (mix.length === 0 || mix.length > CASSETTES_MAX) throw invalid(`a mix has 1..${CASSETTES_MAX} lines`);
  const lines = new Map<number, { denominationMinor: number; asked: number; presented: number; rejected: number }>();
  let asked = 0;
  for (const line of mix) {
    if (lines.has(line.cassetteId)) throw invalid(`cassette ${line.cassetteId} appears twice in the mix`);
    if (!isCount(line.notes, NOTES_PER_DISPENSE_MAX) || line.notes === 0) {
      throw invalid(`mix notes must be 1..${NOTES_PER_DISPENSE_MAX} per line`);
    }
    if (!isCount(line.denominationMinor, DENOMINATION_MINOR_MAX) || line.denominationMinor === 0) {
      throw invalid(`cassette ${line.cassetteId}: bad denomination in the mix`);
    }
    asked += line.notes;
    lines.set(line.cassetteId, {
      denominationMinor: line.denominationMinor,
      asked: line.notes,
      presented: 0,
      rejected: 0,
    });
  }
  if (asked > NOTES_PER_DISPENSE_MAX) throw invalid(`a mix carries at most ${NOTES_PER_DISPENSE_MAX} notes`);
  for (const [label, list] of [
    ['presented', presented],
    ['rejected', rejected],
  ] as const) {
    const seen = new Set<number>();
    for (const entry of list) {
      const line = lines.get(entry.cassetteId);
      if (line === undefined)
        throw invalid(`${label} notes from cassette ${entry.cassetteId}, which is not in the mix`);
      if (seen.has(entry.cassetteId)) throw invalid(`${label} lists cassette ${entry.cassetteId} twice`);
      seen.add(entry.cassetteId);
      if (!isCount(entry.notes, NOTES_PER_DISPENSE_MAX))
        throw invalid(`${label} notes must be 0..${NOTES_PER_DISPENSE_MAX}`);
      line[label] = entry.notes;
    }
  }
  for (const [cassetteId, line] of lines) {
    if (line.presented + line.rejected > line.asked) {
      throw invalid(
        `cassette ${cassetteId}: ${line.presented} presented + ${line.rejected} rejected > ${line.asked} asked`,
      );
    }
  }
  return lines;
}

export function createCassetteRepo(db: Db) {
  const listAll = db.prepare<[], Cassette>(`SELECT ${CASSETTE_COLUMNS} FROM cassettes ORDER BY position`);
  const byPosition = db.prepare<{ position: number }, Cassette>(
    `SELECT ${CASSETTE_COLUMNS} FROM cassettes WHERE position = @position`,
  );
  const byId = db.prepare<{ id: number }, Cassette>(`SELECT ${CASSETTE_COLUMNS} FROM cassettes WHERE id = @id`);
  const usableOf = db.prepare<{ currency: string }, CassetteStock>(
    `SELECT id AS cassetteId, denomination_minor AS denominationMinor, count FROM cassettes
      WHERE currency = @currency AND status IN ('ok', 'low') AND count > 0
      ORDER BY position`,
  );
  const insertCassette = db.prepare<
    {
      position: number;
      denominationMinor: number;
      currency: string;
      count: number;
      status: CassetteStatus;
      now: string;
    },
    { id: number }
  >(
    `INSERT INTO cassettes (position, denomination_minor, currency, count, rejects, status, updated_at)
     VALUES (@position, @denominationMinor, @currency, @count, 0, @status, @now) RETURNING id`,
  );
  const reloadCassette = db.prepare<{
    id: number;
    denominationMinor: number;
    currency: string;
    count: number;
    status: CassetteStatus;
    now: string;
  }>(
    `UPDATE cassettes SET denomination_minor = @denominationMinor, currency = @currency, count = @count, rejects = 0,
            status = @status, updated_at = @now
      WHERE id = @id`,
  );
  // The guard `count >= @picked` is what refuses an over-dispense; the CHECK (count >= 0) is the backstop.
  const takeNotes = db.prepare<
    { id: number; denominationMinor: number; picked: number; rejected: number; lowNotes: number; now: string },
    { count: number }
  >(
    `UPDATE cassettes
        SET count = count - @picked,
            rejects = rejects + @rejected,
            status = CASE WHEN status = 'fault' THEN 'fault'
                          WHEN count - @picked = 0 THEN 'empty'
                          WHEN count - @picked < @lowNotes THEN 'low'
                          ELSE 'ok' END,
            updated_at = @now
      WHERE id = @id AND denomination_minor = @denominationMinor AND count >= @picked
      RETURNING count`,
  );
  const setStatus = db.prepare<{ id: number; status: CassetteStatus; now: string }>(
    `UPDATE cassettes SET status = @status, updated_at = @now WHERE id = @id`,
  );
  const addRetracted = db.prepare<{ notes: number; now: string }, { notes: number }>(
    `INSERT INTO retract_bin (id, notes, updated_at) VALUES (1, @notes, @now)
     ON CONFLICT (id) DO UPDATE SET notes = notes + excluded.notes, updated_at = excluded.updated_at
     RETURNING notes`,
  );
  const retractBin = db.prepare<[], { notes: number }>(`SELECT notes FROM retract_bin WHERE id = 1`);
  const clearRetractBin = db.prepare<{ now: string }>(
    `UPDATE retract_bin SET notes = 0, updated_at = @now WHERE id = 1`,
  );
  const insertMovement = db.prepare<MovementRow>(
    `INSERT INTO cash_movements
       (kind, cassette_id, denomination_minor, count_delta, rejects_delta, retracted_delta, reference, created_at)
     VALUES (@kind, @cassetteId, @denominationMinor, @countDelta, @rejectsDelta, @retractedDelta, @reference, @now)`,
  );
  const valueOf = db.prepare<{ currency: string }, { count: number; rejects: number }>(
    `SELECT COALESCE(SUM(count * denomination_minor), 0) AS count,
            COALESCE(SUM(rejects * denomination_minor), 0) AS rejects
       FROM cassettes WHERE currency = @currency`,
  );
  const countsVsMovements = db.prepare<
    [],
    { id: number; count: number; rejects: number; countFrom: number; rejectsFrom: number }
  >(
    `SELECT c.id, c.count, c.rejects,
            COALESCE(SUM(m.count_delta), 0) AS countFrom, COALESCE(SUM(m.rejects_delta), 0) AS rejectsFrom
       FROM cassettes c LEFT JOIN cash_movements m ON m.cassette_id = c.id
      GROUP BY c.id ORDER BY c.id`,
  );
  const retractedFromMovements = db.prepare<[], { notes: number }>(
    `SELECT COALESCE(SUM(retracted_delta), 0) AS notes FROM cash_movements WHERE cassette_id IS NULL`,
  );

  const movement = (row: Partial<MovementRow> & Pick<MovementRow, 'kind' | 'now'>): void => {
    insertMovement.run({
      cassetteId: null,
      denominationMinor: null,
      countDelta: 0,
      rejectsDelta: 0,
      retractedDelta: 0,
      reference: null,
      ...row,
    });
  };

  const configure = db.transaction(
    (loads: readonly CassetteLoad[], context: CashChangeContext): ReplenishmentReport => {
      const reference = referenceOf(context);
      const { now } = context;
      const unloaded: UnloadedCassette[] = [];
      for (const load of [...loads].sort((a, b) => a.position - b.position)) {
        const existing = byPosition.get({ position: load.position });
        let cassetteId: number;
        if (existing) {
          cassetteId = existing.id;
          const { position, denominationMinor, currency, count, rejects } = existing;
          unloaded.push({ cassetteId, position, denominationMinor, currency, count, rejects });
          movement({
            kind: 'unload',
            cassetteId,
            denominationMinor,
            countDelta: -count,
            rejectsDelta: -rejects,
            reference,
            now,
          });
          reloadCassette.run({ id: cassetteId, ...load, status: statusFor(load.count), now });
        } else {
          const inserted = insertCassette.get({ ...load, status: statusFor(load.count), now });
          if (!inserted) throw new Error('cassette insert returned no row');
          cassetteId = inserted.id;
        }
        movement({
          kind: 'load',
          cassetteId,
          denominationMinor: load.denominationMinor,
          countDelta: load.count,
          reference,
          now,
        });
      }
      return { unloaded, cassettes: listAll.all() };
    },
  );

  const applyDispense = db.transaction(
    (
      mix: NoteMix,
      presented: readonly NotesByCassette[],
      rejected: readonly NotesByCassette[],
      context: CashChangeContext,
    ): DispenseAccounting => {
      const reference = referenceOf(context);
      const { now } = context;
      const lines = picksOf(mix, presented, rejected);
      const result = { presentedNotes: 0, presentedAmountMinor: 0, rejectedNotes: 0, rejectedAmountMinor: 0 };
      for (const [cassetteId, line] of lines) {
        const picked = line.presented + line.rejected;
        if (picked === 0) continue;
        const { denominationMinor } = line;
        const row = takeNotes.get({
          id: cassetteId,
          denominationMinor,
          picked,
          rejected: line.rejected,
          lowNotes: CASSETTE_LOW_NOTES,
          now,
        });
        if (!row) {
          // Thrown inside this transaction: every cassette already decremented here is rolled back.
          const cassette = byId.get({ id: cassetteId });
          if (!cassette) throw new CashAccountingError('UNKNOWN_CASSETTE', `cassette ${cassetteId} does not exist`);
          if (cassette.denominationMinor !== denominationMinor) {
            throw new CashAccountingError(
              'DENOMINATION_MISMATCH',
              `cassette ${cassetteId} holds ${cassette.denominationMinor}, the mix expected ${denominationMinor}`,
            );
          }
          throw new CashAccountingError(
            'COUNT_EXCEEDED',
            `cassette ${cassetteId} holds ${cassette.count} notes, ${picked} would leave it`,
          );
        }
        movement({
          kind: 'dispense',
          cassetteId,
          denominationMinor,
          countDelta: -picked,
          rejectsDelta: line.rejected,
          reference,
          now,
        });
        result.presentedNotes += line.presented;
        result.presentedAmountMinor += line.presented * denominationMinor;
        result.rejectedNotes += line.rejected;
        result.rejectedAmountMinor += line.rejected * denominationMinor;
      }
      return result;
    },
  );

  const applyRetract = db.transaction((notes: number, context: CashChangeContext): number => {
    const reference = referenceOf(context);
    if (!isCount(notes, NOTES_PER_DISPENSE_MAX)) throw invalid(`retracted notes must be 0..${NOTES_PER_DISPENSE_MAX}`);
    if (notes === 0) return retractBin.get()?.notes ?? 0;
    const row = addRetracted.get({ notes, now: context.now });
    movement({ kind: 'retract', retractedDelta: notes, reference, now: context.now });
    return row?.notes ?? notes;
  });

  const emptyRetractBin = db.transaction((context: CashChangeContext): number => {
    const reference = referenceOf(context);
    const notes = retractBin.get()?.notes ?? 0;
    if (notes === 0) return 0;
    clearRetractBin.run({ now: context.now });
    movement({ kind: 'empty_retract_bin', retractedDelta: -notes, reference, now: context.now });
    return notes;
  });

  const cassetteOrThrow = (cassetteId: number): Cassette => {
    const cassette = byId.get({ id: cassetteId });
    if (!cassette) throw new CashAccountingError('UNKNOWN_CASSETTE', `cassette ${cassetteId} does not exist`);
    return cassette;
  };

  return {
    /** Every cassette, by position. */
    list(): Cassette[] {
      return listAll.all();
    },
    /** The note mix's input: cassettes of `currency` that are not faulted and hold notes. */
    usable(currency: string): CassetteStock[] {
      return usableOf.all({ currency });
    },
    /**
     * Replenishment: each listed position gets the given denomination, currency and count, and its rejects are
     * cleared (the reject bin is emptied with it). Positions not listed are left as they are. Returns what was
     * taken out, for the replenishment reconciliation.
     */
    configure(loads: readonly CassetteLoad[], context: CashChangeContext): ReplenishmentReport {
      validateLoads(loads);
      return configure(loads, context);
    },
    /**
     * Accounts for a dispense as the dispenser reported it: per cassette, presented + rejected notes left the
     * cassette; the rejected ones are added to its `rejects`. Notes never picked stay counted. A cassette that
     * holds fewer notes than would leave it (or changed denomination since the mix was planned) refuses the whole
     * dispense with nothing changed.
     */
    applyDispense(
      mix: NoteMix,
      presented: readonly NotesByCassette[],
      rejected: readonly NotesByCassette[],
      context: CashChangeContext,
    ): DispenseAccounting {
      return applyDispense(mix, presented, rejected, context);
    },
    /** Notes pulled back into the retract bin after the customer did not take them. Returns the bin's total. */
    applyRetract(notes: number, context: CashChangeContext): number {
      return applyRetract(notes, context);
    },
    /** Staff emptied the retract bin. Returns the notes removed. */
    emptyRetractBin(context: CashChangeContext): number {
      return emptyRetractBin(context);
    },
    retractBinNotes(): number {
      return retractBin.get()?.notes ?? 0;
    },
    /** Takes a cassette out of the note mix (the dispenser reported it faulty) until staff clear it. */
    markFault(cassetteId: number, now: string): void {
      cassetteOrThrow(cassetteId);
      setStatus.run({ id: cassetteId, status: 'fault', now });
    },
    clearFault(cassetteId: number, now: string): void {
      const cassette = cassetteOrThrow(cassetteId);
      if (cassette.status === 'fault') setStatus.run({ id: cassetteId, status: statusFor(cassette.count), now });
    },
    /** Σ count × denomination over the cassettes of `currency`: the dispensable cash. */
    totalValueMinor(currency: string): number {
      return valueOf.get({ currency })?.count ?? 0;
    },
    /** Σ rejects × denomination: cash in the reject bin, still in the kiosk but no longer dispensable. */
    rejectValueMinor(currency: string): number {
      return valueOf.get({ currency })?.rejects ?? 0;
    },
    /** Counters that disagree with their movements; empty when the books are consistent. */
    verifyCounts(): CashCountMismatch[] {
      const mismatches: CashCountMismatch[] = [];
      for (const row of countsVsMovements.all()) {
        if (row.count !== row.countFrom) {
          mismatches.push({ cassetteId: row.id, counter: 'count', stored: row.count, fromMovements: row.countFrom });
        }
        if (row.rejects !== row.rejectsFrom) {
          mismatches.push({
            cassetteId: row.id,
            counter: 'rejects',
            stored: row.rejects,
            fromMovements: row.rejectsFrom,
          });
        }
      }
      const stored = retractBin.get()?.notes ?? 0;
      const fromMovements = retractedFromMovements.get()?.notes ?? 0;
      if (stored !== fromMovements)
        mismatches.push({ cassetteId: null, counter: 'retract_bin', stored, fromMovements });
      return mismatches;
    },
  };
}

export type CassetteRepo = ReturnType<typeof createCassetteRepo>;
