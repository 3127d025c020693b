// The database opens durable every time, migrates all-or-nothing, matches the committed schema, and refuses a
// database from a newer version.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskStartupError } from '../../electron/core/kiosk-core-types.ts';
import { migrate, schemaVersion, type Migration } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { openDatabase } from '../../electron/db/open-database.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atm-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const latest = Math.max(...migrations.map((migration) => migration.version));

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout on the first and every later open', () => {
    const path = join(dir, 'kiosk.db');
    for (let open = 0; open < 3; open++) {
      const db = openDatabase(path);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      migrate(db, migrations);
      db.close();
    }
  });

  it('refuses a file that is not a database', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = join(dir, 'kiosk.db');
    writeFileSync(path, 'this is not sqlite'.repeat(100));
    expect(() => openDatabase(path)).toThrow(KioskStartupError);
  });
});

describe('migrate', () => {
  it('brings a fresh database to the latest version, with STRICT tables matching the committed schema', async () => {
    const db = openDatabase(join(dir, 'kiosk.db'));
    expect(migrate(db, migrations)).toEqual(migrations.map((migration) => migration.version));
    expect(schemaVersion(db)).toBe(latest);
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string; sql: string }[];
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT$/);
    const schema = (
      db.prepare('SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name').all() as { sql: string }[]
    )
      .map((row) => `${row.sql.replace(/\n\s+/g, '\n  ')};`)
      .join('\n\n');
    await expect(`${schema}\n`).toMatchFileSnapshot('./snapshots/schema.sql');
    expect(migrate(db, migrations)).toEqual([]);
    db.close();
  });

  it('applies all pending steps in one transaction: a failing step leaves the database as it was', () => {
    const db = openDatabase(join(dir, 'kiosk.db'));
    const failing: Migration = {
      version: latest + 10,
      name: 'fails-halfway',
      up(handle) {
        handle.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT');
        throw new Error('step failed');
      },
    };
    expect(() => migrate(db, [...migrations, failing])).toThrow('step failed');
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const path = join(dir, 'kiosk.db');
    const db = openDatabase(path);
    migrate(db, migrations);
    db.pragma(`user_version = ${latest + 10}`);
    db.close();

    const reopened = openDatabase(path);
    let error: unknown;
    try {
      migrate(reopened, migrations);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KioskStartupError);
    expect((error as KioskStartupError).code).toBe('DATABASE_TOO_NEW');
    expect((error as Error).message).toMatch(/newer version/);
    expect(schemaVersion(reopened)).toBe(latest + 10);
    reopened.close();
  });
});

describe('schema 90 (sync outbox operations)', () => {
  it('rebuilds the outbox and exceptions with their rows, counts and guards, and takes the new operations', () => {
    const db = openDatabase(join(dir, 'kiosk.db'));
    migrate(
      db,
      migrations.filter((migration) => migration.version < 90),
    );
    db.exec(`
      INSERT INTO sync_outbox (request_key, op, body, status, created_at_ms, updated_at_ms)
        VALUES ('0190d6a0-0000-7000-8000-000000000001', 'advice', '{}', 'pending', 1, 1),
               ('0190d6a0-0000-7000-8000-000000000002', 'complete', '{}', 'done', 1, 1),
               ('0190d6a0-0000-7000-8000-000000000003', 'advice', '{}', 'parked', 1, 1);
      INSERT INTO sync_exceptions (kind, outbox_seq, amount_minor, reason, created_at_ms)
        VALUES ('advice_declined', 3, 500, 'insufficient_funds', 1);
    `);
    expect(migrate(db, migrations).filter((version) => version <= 90)).toEqual([90]);
    expect(db.prepare('SELECT seq, op, status FROM sync_outbox ORDER BY seq').all()).toEqual([
      { seq: 1, op: 'advice', status: 'pending' },
      { seq: 2, op: 'complete', status: 'done' },
      { seq: 3, op: 'advice', status: 'parked' },
    ]);
    expect(db.prepare('SELECT outbox_seq FROM sync_exceptions').all()).toEqual([{ outbox_seq: 3 }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const openRows = () => (db.prepare('SELECT open_rows FROM sync_state').get() as { open_rows: number }).open_rows;
    expect(openRows()).toBe(2);
    for (const [index, op] of ['transfer', 'reversal', 'enrol'].entries()) {
      db.prepare(
        "INSERT INTO sync_outbox (request_key, op, body, status, created_at_ms, updated_at_ms) VALUES (?, ?, '{}', 'pending', 2, 2)",
      ).run(`0190d6a0-0000-7000-8000-00000000010${index}`, op);
    }
    expect(openRows()).toBe(5);
    expect(() => db.prepare('DELETE FROM sync_outbox WHERE seq = 1').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE sync_outbox SET body = '[]' WHERE seq = 1").run()).toThrow(/byte for byte/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO sync_outbox (request_key, op, body, status, created_at_ms, updated_at_ms) VALUES ('0190d6a0-0000-7000-8000-0000000009ff', 'other', '{}', 'pending', 2, 2)",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          'INSERT INTO sync_exceptions (kind, outbox_seq, amount_minor, reason, created_at_ms) VALUES (?, 999, 1, ?, 1)',
        )
        .run('advice_declined', 'x'),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
