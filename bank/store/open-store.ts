// Opens the bank's SQLite store with the durability pragmas on every open (better-sqlite3 does not keep
// `synchronous` across connections), checks the file, and migrates it.
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';

export type Db = Database.Database;

export const BUSY_TIMEOUT_MS = 5_000;

/** `path` is a file, or ':memory:' for a throwaway store (tests). */
export function openStore(path: string): Db {
  const db = new Database(path);
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`Bank database failed its integrity check (${String(check)}).`);
    migrate(db);
    return db;
  } catch (cause) {
    db.close();
    throw cause;
  }
}
