// Journal export as JSON lines: one object per row with every column as stored, in seq order, so an export can be
// verified on its own by anyone (no database, no secret). Files are written whole or not at all, never overwritten.
import { closeSync, fsyncSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import {
  JOURNAL_COLUMNS,
  type JournalHead,
  type JournalRow,
  type JournalVerifyOptions,
  type JournalVerifyResult,
  verifyJournalChain,
} from './journal-chain.ts';

/** A contiguous seq range, both ends inclusive: contiguous so that an export of it still verifies as a chain. */
export type JournalRange = { readonly fromSeq?: number; readonly toSeq?: number };

export type JournalExportSummary = { readonly rows: number; readonly head: JournalHead | null };

/** What `writeJournalExport` needs from a journal. */
export type JournalExportSource = {
  exportJsonLines(target: (line: string) => void, range?: JournalRange): JournalExportSummary;
};

/** Bytes gathered before one write to the export file. */
export const JOURNAL_EXPORT_WRITE_BYTES = 1024 * 1024;
/** Bytes read at a time when verifying an export file. */
export const JOURNAL_EXPORT_READ_BYTES = 64 * 1024;
/** Longest line accepted when reading an export back; a journal row is a few hundred bytes. */
export const JOURNAL_EXPORT_LINE_BYTES_MAX = 16 * 1024;

/** A line of an export that is not a journal row. */
export class JournalExportFormatError extends Error {
  readonly lineNumber: number;
  constructor(lineNumber: number, message: string) {
    super(`Journal export line ${lineNumber}: ${message}`);
    this.name = 'JournalExportFormatError';
    this.lineNumber = lineNumber;
  }
}

/** One export line: every column in table order, `data` as the stored JSON text (hashed as it is). */
export function journalRowToLine(row: JournalRow): string {
  const line: Record<string, unknown> = {};
  for (const column of JOURNAL_COLUMNS) line[column] = row[column];
  return JSON.stringify(line);
}

const INTEGER_COLUMNS = new Set<string>(['seq', 'amount_minor']);
const NULLABLE_COLUMNS = new Set<string>(['session_id', 'stan', 'masked_pan', 'staff_id', 'amount_minor', 'currency']);

/** Parses one export line back into a row, checking it has exactly the columns and their types. */
export function parseJournalLine(line: string, lineNumber: number): JournalRow {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new JournalExportFormatError(lineNumber, 'not JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new JournalExportFormatError(lineNumber, 'not a JSON object.');
  }
  const record = parsed as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length !== JOURNAL_COLUMNS.length) throw new JournalExportFormatError(lineNumber, 'wrong set of columns.');
  for (const column of JOURNAL_COLUMNS) {
    if (!Object.hasOwn(record, column)) throw new JournalExportFormatError(lineNumber, `missing ${column}.`);
    const value = record[column];
    if (value === null && NULLABLE_COLUMNS.has(column)) continue;
    const typeOk = INTEGER_COLUMNS.has(column) ? Number.isSafeInteger(value) : typeof value === 'string';
    if (!typeOk) throw new JournalExportFormatError(lineNumber, `${column} has the wrong type.`);
  }
  return record as JournalRow;
}

/** Verifies an export given as lines (blank lines skipped), streaming: pass a generator for large files. */
export function verifyJournalLines(lines: Iterable<string>, options: JournalVerifyOptions = {}): JournalVerifyResult {
  function* rows(): Generator<JournalRow> {
    let lineNumber = 0;
    for (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      yield parseJournalLine(line, lineNumber);
    }
  }
  return verifyJournalChain(rows(), options);
}

/** Lines of a UTF-8 file, read in bounded chunks. Splits on the newline byte, which never occurs inside a UTF-8 sequence. */
export function* readLinesSync(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(JOURNAL_EXPORT_READ_BYTES);
    let pending = Buffer.alloc(0);
    let lineNumber = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      pending = Buffer.concat([pending, chunk.subarray(0, read)]);
      let newline = pending.indexOf(0x0a);
      while (newline !== -1) {
        lineNumber += 1;
        yield pending.subarray(0, newline).toString('utf8');
        pending = pending.subarray(newline + 1);
        newline = pending.indexOf(0x0a);
      }
      if (pending.length > JOURNAL_EXPORT_LINE_BYTES_MAX) {
        throw new JournalExportFormatError(lineNumber + 1, `longer than ${JOURNAL_EXPORT_LINE_BYTES_MAX} bytes.`);
      }
    }
    if (pending.length > 0) yield pending.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Verifies an export file without loading it whole. */
export function verifyJournalExportFile(path: string, options: JournalVerifyOptions = {}): JournalVerifyResult {
  return verifyJournalLines(readLinesSync(path), options);
}

/**
 * Writes an export to a new file (an existing file is never overwritten), flushed to disk before returning. On any
 * failure the partial file is removed, so a file that exists is a complete export.
 */
export function writeJournalExport(
  source: JournalExportSource,
  path: string,
  range?: JournalRange,
): JournalExportSummary {
  const fd = openSync(path, 'wx', 0o600);
  let buffered: string[] = [];
  let bufferedBytes = 0;
  let open = true;
  const flush = () => {
    if (buffered.length === 0) return;
    const bytes = Buffer.from(buffered.join(''), 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    buffered = [];
    bufferedBytes = 0;
  };
  try {
    const summary = source.exportJsonLines((line) => {
      buffered.push(`${line}\n`);
      bufferedBytes += line.length + 1;
      if (bufferedBytes >= JOURNAL_EXPORT_WRITE_BYTES) flush();
    }, range);
    flush();
    fsyncSync(fd);
    open = false;
    closeSync(fd);
    return summary;
  } catch (cause) {
    if (open) closeSync(fd);
    unlinkSync(path);
    throw cause;
  }
}
