// The journal's hash chain: each row's hash covers the previous row's hash and every field of the row, seq included,
// so changing, removing or reordering a row breaks the chain at that row. Pure; it checks the database and exports.
import { createHash } from 'node:crypto';

/**
 * Row 1's `prev_hash`. A fixed, documented value (64 zeros) rather than a per-kiosk secret: anyone holding an
 * export can verify it. Migration 0040 repeats it as a literal in its insert trigger.
 */
export const JOURNAL_GENESIS_HASH = '0'.repeat(64);

/** Tag at the head of every row's serialisation, so a later format cannot be confused with this one. */
export const JOURNAL_HASH_FORMAT = 'atm-kiosk-ej/1';

/** A journal row exactly as stored: every column, snake_case. */
export type JournalRow = {
  readonly seq: number;
  readonly recorded_at: string;
  readonly kind: string;
  readonly session_id: string | null;
  readonly stan: string | null;
  readonly masked_pan: string | null;
  readonly staff_id: string | null;
  readonly amount_minor: number | null;
  readonly currency: string | null;
  /** Canonical JSON object text (keys sorted), hashed as stored. */
  readonly data: string;
  readonly prev_hash: string;
  readonly hash: string;
};

/** Every column, in table order: the export's key order and the serialisation's field order. */
export const JOURNAL_COLUMNS = [
  'seq',
  'recorded_at',
  'kind',
  'session_id',
  'stan',
  'masked_pan',
  'staff_id',
  'amount_minor',
  'currency',
  'data',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof JournalRow)[];

/** The last row of a chain: what an outside party keeps to notice rows later cut from the end. */
export type JournalHead = { readonly seq: number; readonly hash: string };

export type JournalBreak = 'hash_mismatch' | 'gap' | 'prev_hash_mismatch';

export type JournalVerifyResult =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly brokenAtSeq: number; readonly reason: JournalBreak };

export type JournalVerifyOptions = {
  /** Seq of the first row expected (default 1): set it to verify an export of a range. */
  readonly fromSeq?: number;
  /**
   * Hash of the row before `fromSeq` (default: the genesis hash when `fromSeq` is 1). For a range starting later
   * and no value given, the first row's `prev_hash` is taken as read: the range is checked, not its link backwards.
   */
  readonly prevHash?: string;
  /**
   * A head recorded elsewhere (sent to the bank, printed on a staff report). A chain alone cannot show rows cut from
   * its end; against a head it can: fewer rows is a gap after the last, another hash at `head.seq` a mismatch there.
   */
  readonly head?: JournalHead;
};

/**
 * sha256 over `prev_hash` followed by the JSON array [format tag, seq, recorded_at, kind, session_id, stan,
 * masked_pan, staff_id, amount_minor, currency, data]. `prev_hash` is fixed-length hex, so the concatenation is
 * unambiguous, and JSON arrays of strings, integers and nulls serialise one way only.
 */
export function journalRowHash(row: Omit<JournalRow, 'hash'>): string {
  const fields = JSON.stringify([
    JOURNAL_HASH_FORMAT,
    row.seq,
    row.recorded_at,
    row.kind,
    row.session_id,
    row.stan,
    row.masked_pan,
    row.staff_id,
    row.amount_minor,
    row.currency,
    row.data,
  ]);
  return createHash('sha256').update(row.prev_hash, 'utf8').update(fields, 'utf8').digest('hex');
}

/**
 * Walks rows in the order given (seq order) and returns the FIRST broken link: a missing or out-of-order seq
 * (`gap`, at the seq expected), a `prev_hash` that is not the previous row's hash, or a row whose fields no longer
 * give its hash. Holds one row at a time, so it streams any length.
 */
export function verifyJournalChain(
  rows: Iterable<JournalRow>,
  options: JournalVerifyOptions = {},
): JournalVerifyResult {
  let expectedSeq = options.fromSeq ?? 1;
  let prevHash: string | undefined = options.prevHash ?? (expectedSeq === 1 ? JOURNAL_GENESIS_HASH : undefined);
  const head = options.head;
  let count = 0;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, brokenAtSeq: expectedSeq, reason: 'gap' };
    if (prevHash !== undefined && row.prev_hash !== prevHash) {
      return { ok: false, brokenAtSeq: row.seq, reason: 'prev_hash_mismatch' };
    }
    if (journalRowHash(row) !== row.hash) return { ok: false, brokenAtSeq: row.seq, reason: 'hash_mismatch' };
    // The chain is whole up to here but differs from the recorded head: rewritten from some row up to head.seq.
    if (head !== undefined && row.seq === head.seq && row.hash !== head.hash) {
      return { ok: false, brokenAtSeq: row.seq, reason: 'hash_mismatch' };
    }
    prevHash = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  if (head !== undefined && expectedSeq <= head.seq) return { ok: false, brokenAtSeq: expectedSeq, reason: 'gap' };
  return { ok: true, rows: count };
}
