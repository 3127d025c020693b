// The electronic journal (EJ): every customer step, device event, staff action and config change, appended as a
// gapless, hash-chained row that is never changed, deleted or rotated away; a full journal refuses appends instead.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database.ts';
import {
  JOURNAL_GENESIS_HASH,
  type JournalHead,
  type JournalRow,
  type JournalVerifyResult,
  journalRowHash,
  verifyJournalChain,
} from './journal-chain.ts';
import { type JournalDataValue, type JournalEntry, validateJournalEntry } from './journal-entry.ts';
import { type JournalExportSummary, type JournalRange, journalRowToLine } from './journal-export.ts';

/**
 * Rows a journal holds before it refuses appends. At a few thousand entries a day this is well over a year; the
 * rows are a few hundred bytes each, so the file stays under about a gigabyte with its indexes.
 */
export const JOURNAL_CAPACITY_ROWS = 1_000_000;
/** From this share of capacity the caller takes the kiosk out of service; the rest is headroom to journal that. */
export const JOURNAL_NEAR_CAPACITY_PERCENT = 95;
/** Most rows one query returns; the viewer pages with `fromSeq`/`toSeq`. */
export const JOURNAL_QUERY_LIMIT_MAX = 500;

/** ISO 8601 in UTC with milliseconds, four-digit year: sorts as text, which the time filters rely on. */
const RECORDED_AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The journal is at capacity: nothing was written. Old rows are never overwritten to make room. */
export class JournalFullError extends Error {
  readonly capacityRows: number;
  constructor(capacityRows: number) {
    super(`The electronic journal is full (${capacityRows} rows): nothing more can be recorded until it is archived.`);
    this.name = 'JournalFullError';
    this.capacityRows = capacityRows;
  }
}

export type JournalOptions = {
  /** Injected clock (epoch ms) for `recorded_at`. */
  readonly now: () => number;
  /** Defaults to JOURNAL_CAPACITY_ROWS. */
  readonly capacityRows?: number;
};

export type JournalStatus = {
  readonly rows: number;
  readonly capacityRows: number;
  /** At or above JOURNAL_NEAR_CAPACITY_PERCENT of capacity: take the kiosk out of service. */
  readonly nearCapacity: boolean;
};

/** A row for viewers: camelCase, `data` parsed. */
export type JournalRecord = {
  readonly seq: number;
  readonly recordedAt: string;
  readonly kind: string;
  readonly sessionId: string | null;
  readonly stan: string | null;
  readonly maskedPan: string | null;
  readonly staffId: string | null;
  readonly amountMinor: number | null;
  readonly currency: string | null;
  readonly data: Readonly<Record<string, JournalDataValue>>;
  readonly prevHash: string;
  readonly hash: string;
};

/** Filters combine with AND. Seq bounds are inclusive; `from` (inclusive) and `to` (exclusive) are epoch ms. */
export type JournalQuery = {
  readonly fromSeq?: number;
  readonly toSeq?: number;
  readonly kind?: string;
  readonly maskedPan?: string;
  readonly stan?: string;
  readonly sessionId?: string;
  readonly staffId?: string;
  readonly from?: number;
  readonly to?: number;
  /** Newest first (page backwards with `toSeq`); default oldest first (page forwards with `fromSeq`). */
  readonly newestFirst?: boolean;
  /** 1 … JOURNAL_QUERY_LIMIT_MAX; larger values are capped. */
  readonly limit: number;
};

export type Journal = {
  /**
   * Appends one entry and returns its seq and hash. Synchronous, in its own transaction or — when called inside a
   * caller's `db.transaction` — in a savepoint of it, so the entry commits or rolls back with the caller's change.
   * Throws JournalEntryError (nothing written) for an unsafe entry, JournalFullError at capacity.
   */
  append(entry: JournalEntry): JournalHead;
  status(): JournalStatus;
  /** The last row's seq and hash, or null when empty: the value to record elsewhere as an anchor. */
  head(): JournalHead | null;
  /** Walks the whole chain in seq order, streaming, and returns the first broken link. */
  verify(options?: { readonly head?: JournalHead }): JournalVerifyResult;
  /**
   * Calls `target` with one JSON line per row (every column, seq order) of a contiguous range, from one consistent
   * snapshot. `target` must not use this database: the read is still in progress while it runs.
   */
  exportJsonLines(target: (line: string) => void, range?: JournalRange): JournalExportSummary;
  query(filter: JournalQuery): JournalRecord[];
};

const COLUMNS =
  'seq, recorded_at, kind, session_id, stan, masked_pan, staff_id, amount_minor, currency, data, prev_hash, hash';

/** Query filters and the SQL each adds; statements are built only from these fixed fragments. */
const QUERY_FILTERS = {
  fromSeq: 'seq >= @fromSeq',
  toSeq: 'seq <= @toSeq',
  kind: 'kind = @kind',
  maskedPan: 'masked_pan = @maskedPan',
  stan: 'stan = @stan',
  sessionId: 'session_id = @sessionId',
  staffId: 'staff_id = @staffId',
  from: 'recorded_at >= @from',
  to: 'recorded_at < @to',
} as const;
type QueryFilterName = keyof typeof QUERY_FILTERS;
const QUERY_FILTER_NAMES = Object.keys(QUERY_FILTERS) as QueryFilterName[];

function toRecord(row: JournalRow): JournalRecord {
  return {
    seq: row.seq,
    recordedAt: row.recorded_at,
    kind: row.kind,
    sessionId: row.session_id,
    stan: row.stan,
    maskedPan: row.masked_pan,
    staffId: row.staff_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    data: JSON.parse(row.data) as Record<string, JournalDataValue>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function isoTime(ms: number, what: string): string {
  const date = new Date(ms);
  const iso = Number.isFinite(date.getTime()) ? date.toISOString() : '';
  if (!RECORDED_AT_PATTERN.test(iso)) throw new RangeError(`${what} is not a time the journal can record.`);
  return iso;
}

export function createJournal(db: Db, options: JournalOptions): Journal {
  const capacityRows = options.capacityRows ?? JOURNAL_CAPACITY_ROWS;
  if (!Number.isSafeInteger(capacityRows) || capacityRows < 1)
    throw new RangeError('capacityRows must be a positive integer.');
  const now = options.now;

  const lastRow = db.prepare<[], JournalHead>('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
  // Rows are never deleted and seq is gapless, so the last seq is the row count (and costs one index step).
  const rowCount = db.prepare<[], { rows: number }>('SELECT coalesce(max(seq), 0) AS rows FROM journal');
  const insert = db.prepare<JournalRow>(
    `INSERT INTO journal (${COLUMNS})
     VALUES (@seq, @recorded_at, @kind, @session_id, @stan, @masked_pan, @staff_id, @amount_minor, @currency, @data,
             @prev_hash, @hash)`,
  );
  const allRows = db.prepare<[], JournalRow>(`SELECT ${COLUMNS} FROM journal ORDER BY seq`);
  const rangeRows = db.prepare<{ fromSeq: number; toSeq: number }, JournalRow>(
    `SELECT ${COLUMNS} FROM journal WHERE seq BETWEEN @fromSeq AND @toSeq ORDER BY seq`,
  );
  // One statement per combination of filters present, prepared on first use: at most 2^9 × 2, so bounded, and each
  // can use the index of its filters (a catch-all `(@x IS NULL OR col = @x)` statement could use none).
  const queryStatements = new Map<string, Statement<Record<string, unknown>, JournalRow>>();
  const queryStatement = (names: readonly QueryFilterName[], newestFirst: boolean) => {
    const key = `${names.join(',')}|${newestFirst ? 'desc' : 'asc'}`;
    let statement = queryStatements.get(key);
    if (!statement) {
      const where = names.length > 0 ? `WHERE ${names.map((name) => QUERY_FILTERS[name]).join(' AND ')}` : '';
      statement = db.prepare<Record<string, unknown>, JournalRow>(
        `SELECT ${COLUMNS} FROM journal ${where} ORDER BY seq ${newestFirst ? 'DESC' : 'ASC'} LIMIT @limit`,
      );
      queryStatements.set(key, statement);
    }
    return statement;
  };

  // The last seq and hash are read inside the transaction, never cached: a caller's outer transaction may roll
  // back after an append, and the next append must then reuse that seq, not leave a gap.
  const appendTransaction = db.transaction((fields: ReturnType<typeof validateJournalEntry>): JournalHead => {
    const last = lastRow.get();
    const seq = (last?.seq ?? 0) + 1;
    if (seq > capacityRows) throw new JournalFullError(capacityRows);
    const unhashed = {
      seq,
      recorded_at: isoTime(now(), 'The clock'),
      ...fields,
      prev_hash: last?.hash ?? JOURNAL_GENESIS_HASH,
    };
    const hash = journalRowHash(unhashed);
    insert.run({ ...unhashed, hash });
    return { seq, hash };
  });

  return {
    append(entry) {
      const fields = validateJournalEntry(entry);
      // IMMEDIATE takes the write lock before reading the last row; nested in a caller's transaction it is a savepoint.
      return appendTransaction.immediate(fields);
    },

    status() {
      const rows = rowCount.get()?.rows ?? 0;
      return { rows, capacityRows, nearCapacity: rows * 100 >= capacityRows * JOURNAL_NEAR_CAPACITY_PERCENT };
    },

    head() {
      return lastRow.get() ?? null;
    },

    verify(verifyOptions = {}) {
      return verifyJournalChain(allRows.iterate(), verifyOptions.head ? { head: verifyOptions.head } : {});
    },

    exportJsonLines(target, range = {}) {
      let rows = 0;
      let head: JournalHead | null = null;
      const bounds = { fromSeq: range.fromSeq ?? 1, toSeq: range.toSeq ?? Number.MAX_SAFE_INTEGER };
      for (const row of rangeRows.iterate(bounds)) {
        target(journalRowToLine(row));
        rows += 1;
        head = { seq: row.seq, hash: row.hash };
      }
      return { rows, head };
    },

    query(filter) {
      if (!Number.isSafeInteger(filter.limit) || filter.limit < 1)
        throw new RangeError('limit must be a positive integer.');
      const names = QUERY_FILTER_NAMES.filter((name) => filter[name] !== undefined);
      const params: Record<string, unknown> = { limit: Math.min(filter.limit, JOURNAL_QUERY_LIMIT_MAX) };
      for (const name of names) {
        const value = filter[name];
        params[name] = (name === 'from' || name === 'to') && typeof value === 'number' ? isoTime(value, name) : value;
      }
      return queryStatement(names, filter.newestFirst === true)
        .all(params)
        .map(toRecord);
    },
  };
}
