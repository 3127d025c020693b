// Opens the kiosk's SQLite database with the durability pragmas on every open (better-sqlite3 does not keep
// `synchronous` across connections) and checks the file before anything trusts it.
import Database from 'better-sqlite3';
import { KioskStartupError } from '../core/kiosk-core-types.ts';

export type Db = Database.Database;

/** How long a writer waits for a lock before failing, instead of failing at once. */
export const BUSY_TIMEOUT_MS = 5_000;

/** `ok`, or SQLite's first complaint (or why the check could not run). */
export type IntegrityVerdict = { readonly ok: true } | { readonly ok: false; readonly problem: string };

const PROBLEM_CHARS_MAX = 200;

/** SQLite's quick_check on this connection. */
export function quickCheck(db: Db): IntegrityVerdict {
  if (!db.open) return { ok: false, problem: 'the database was closed before it was checked' };
  const check = String(db.pragma('quick_check', { simple: true }));
  return check === 'ok' ? { ok: true } : { ok: false, problem: check.slice(0, PROBLEM_CHARS_MAX) };
}

/** quick_check, refusing a damaged file as a start-up error. */
export function assertIntact(db: Db): void {
  const verdict = quickCheck(db);
  if (!verdict.ok) throw new KioskStartupError('DATABASE_DAMAGED', `The kiosk database failed its integrity check (${verdict.problem}).`);
}

export type OpenOptions = {
  /**
   * Run `quick_check` before returning (default). The kiosk core passes false and runs the check on a worker thread
   * instead (see integrity-check.ts), so a large database does not hold up start-up; it gates PINs on the result.
   */
  readonly integrityCheck?: boolean;
};

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Reading the schema here also refuses a file that is not a database, with or without the full check.
    if (options.integrityCheck === false) db.pragma('schema_version', { simple: true });
    else assertIntact(db);
    return db;
  } catch (cause) {
    db.close();
    if (cause instanceof KioskStartupError) throw cause;
    throw new KioskStartupError('DATABASE_DAMAGED', 'The kiosk database could not be opened.', { cause });
  }
}
