// Versioned schema migrations: `user_version` holds the last applied step, every pending step runs in one
// transaction (all or nothing), and a database written by a newer kiosk version is refused rather than guessed at.
import { KioskStartupError } from '../core/kiosk-core-types.ts';
import type { Db } from './open-database.ts';

export type Migration = {
  /** Numbered in tens (10, 20, …) like the file names, so a step can be slotted in during review. */
  readonly version: number;
  readonly name: string;
  readonly up: (db: Db) => void;
};

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations; returns the versions applied. Never edit a shipped migration: add a new one. */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new KioskStartupError(
      'DATABASE_TOO_NEW',
      `The kiosk database is from a newer version of ATM Kiosk (schema ${current}, this version knows ${latest}). ` +
        'Install the newer version again; downgrades are refused to protect the data.',
    );
  }
  const pending = ordered.filter((migration) => migration.version > current);
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
  return pending.map((migration) => migration.version);
}
