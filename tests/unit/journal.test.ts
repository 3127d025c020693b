// The electronic journal on a real SQLite file: a gapless, hash-chained sequence that commits and rolls back with
// the caller's change, refuses UPDATE/DELETE, reports the first tampered row exactly, fills up without overwriting,
// and exports lines that verify on their own.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { type Db, openDatabase } from '../../electron/db/open-database.ts';
import {
  JOURNAL_COLUMNS,
  JOURNAL_GENESIS_HASH,
  type JournalRow,
  journalRowHash,
} from '../../electron/journal/journal-chain.ts';
import type { JournalEntry } from '../../electron/journal/journal-entry.ts';
import {
  JournalExportFormatError,
  verifyJournalExportFile,
  verifyJournalLines,
  writeJournalExport,
} from '../../electron/journal/journal-export.ts';
import {
  JOURNAL_QUERY_LIMIT_MAX,
  type Journal,
  JournalFullError,
  createJournal,
} from '../../electron/journal/journal.ts';
import { createFakeClock } from '../support/fake-clock.ts';

const SESSION_A = '0b7e4a52-2c4f-4d8e-9a31-5f2d8c6e1a90';
const SESSION_B = 'c3d9f1e0-7a6b-4c2d-8e5f-a1b2c3d4e5f6';

/** A day at the kiosk in miniature: every column is null in some rows and set in others. */
function entryFor(index: number): JournalEntry {
  const sessionId = index % 2 === 0 ? SESSION_A : SESSION_B;
  switch (index % 6) {
    case 0:
      return { kind: 'session.started', sessionId };
    case 1:
      return { kind: 'card.inserted', sessionId, maskedPan: '•••• 7899' };
    case 2:
      return {
        kind: 'transaction.approved',
        sessionId,
        stan: String(100_000 + index),
        maskedPan: '•••• 7899',
        amountMinor: 5_000 + index,
        currency: 'EUR',
        data: { account: 'checking', notes: 3, standIn: false },
      };
    case 3:
      return { kind: 'cash.taken', sessionId, amountMinor: 5_000, currency: 'EUR' };
    case 4:
      return { kind: 'staff.action', staffId: 'staff-07', data: { action: 'replenish', cassette: 2, detail: null } };
    default:
      return { kind: 'device.fault', data: { device: 'dispenser', fault: 'jam', recoverable: true } };
  }
}

let dir: string;
const opened: Db[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atm-journal-'));
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function openJournal(
  path = join(dir, 'kiosk.db'),
  capacityRows?: number,
): { db: Db; journal: Journal; advance(ms: number): void } {
  const db = openDatabase(path);
  opened.push(db);
  migrate(db, migrations);
  const clock = createFakeClock();
  const journal = createJournal(db, capacityRows === undefined ? { now: clock.now } : { now: clock.now, capacityRows });
  return { db, journal, advance: (ms) => clock.advance(ms) };
}

function appendMany(journal: Journal, count: number, advance?: (ms: number) => void): void {
  for (let index = 0; index < count; index++) {
    journal.append(entryFor(index));
    advance?.(1_000);
  }
}

function rowsOf(db: Db): JournalRow[] {
  return db.prepare(`SELECT ${JOURNAL_COLUMNS.join(', ')} FROM journal ORDER BY seq`).all() as JournalRow[];
}

describe('append', () => {
  it('numbers rows 1, 2, 3 … without gaps and chains each row to the one before', () => {
    const { db, journal, advance } = openJournal();

    const heads = Array.from({ length: 300 }, (_, index) => {
      const head = journal.append(entryFor(index));
      advance(250);
      return head;
    });

    expect(heads.map((head) => head.seq)).toEqual(Array.from({ length: 300 }, (_, index) => index + 1));
    const rows = rowsOf(db);
    expect(rows.map((row) => row.seq)).toEqual(heads.map((head) => head.seq));
    expect(rows[0]?.prev_hash).toBe(JOURNAL_GENESIS_HASH);
    rows.forEach((row, index) => {
      if (index > 0) expect(row.prev_hash).toBe(rows[index - 1]?.hash);
      expect(row.hash).toBe(journalRowHash(row));
      expect(row.hash).toBe(heads[index]?.hash);
    });
    expect(journal.head()).toEqual(heads.at(-1));
    expect(journal.verify()).toEqual({ ok: true, rows: 300 });
  });

  it('stores the entry as given, the time from the injected clock, and data as canonical JSON', () => {
    const { db, journal } = openJournal();

    journal.append({
      kind: 'transaction.approved',
      sessionId: SESSION_A,
      stan: '000042',
      maskedPan: '•••• 1234',
      amountMinor: 20_000,
      currency: 'EUR',
      data: { standIn: true, account: 'checking' },
    });

    expect(rowsOf(db)[0]).toMatchObject({
      seq: 1,
      recorded_at: '2026-11-24T09:00:00.000Z',
      kind: 'transaction.approved',
      session_id: SESSION_A,
      stan: '000042',
      masked_pan: '•••• 1234',
      staff_id: null,
      amount_minor: 20_000,
      currency: 'EUR',
      data: '{"account":"checking","standIn":true}',
    });
    expect(journal.query({ limit: 1 })[0]?.data).toEqual({ account: 'checking', standIn: true });
  });

  it("commits with the caller's change and rolls back with it, leaving no row and no gap", () => {
    const { db, journal } = openJournal();
    const recordChange = db.prepare('INSERT INTO kiosk_meta (key, value) VALUES (@key, @value)');
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

    db.transaction(() => {
      recordChange.run({ key: 'ledger-change-1', value: 'x' });
      journal.append({ kind: 'transaction.approved', amountMinor: 100, currency: 'EUR' });
    })();
    expect(() =>
      db.transaction(() => {
        recordChange.run({ key: 'ledger-change-2', value: 'x' });
        expect(journal.append({ kind: 'transaction.approved', amountMinor: 200, currency: 'EUR' }).seq).toBe(2);
        throw new Error('dispenser jammed before commit');
      })(),
    ).toThrow('dispenser jammed');

    expect(count('SELECT count(*) AS n FROM kiosk_meta')).toBe(1);
    expect(journal.status().rows).toBe(1);
    expect(journal.append({ kind: 'transaction.declined' }).seq).toBe(2);
    expect(rowsOf(db).map((row) => row.seq)).toEqual([1, 2]);
    expect(journal.verify()).toEqual({ ok: true, rows: 2 });
  });

  it('continues the same sequence and chain after the database is closed and reopened', () => {
    const path = join(dir, 'kiosk.db');
    const first = openJournal(path);
    appendMany(first.journal, 5);
    first.db.close();

    const second = openJournal(path);
    expect(second.journal.append({ kind: 'session.started', sessionId: SESSION_B }).seq).toBe(6);
    expect(second.journal.verify()).toEqual({ ok: true, rows: 6 });
  });
});

describe('rows are never overwritten', () => {
  it('refuses UPDATE of any column, even to its own value, and DELETE', () => {
    const { db, journal } = openJournal();
    appendMany(journal, 3);

    for (const column of JOURNAL_COLUMNS) {
      expect(() => db.prepare(`UPDATE journal SET ${column} = ${column} WHERE seq = 2`).run(), column).toThrow(
        /never changed/,
      );
    }
    expect(() => db.prepare('DELETE FROM journal WHERE seq = 3').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM journal').run()).toThrow(/never deleted/);
    expect(journal.verify()).toEqual({ ok: true, rows: 3 });
  });

  it('refuses an insert that skips a seq, reuses one (even INSERT OR REPLACE) or breaks the chain', () => {
    const { db, journal } = openJournal();
    appendMany(journal, 2);
    const [, second] = rowsOf(db);
    if (!second) throw new Error('expected two rows');
    const insert = (verb: string, row: JournalRow) =>
      db
        .prepare(
          `${verb} INTO journal (${JOURNAL_COLUMNS.join(', ')}) VALUES (${JOURNAL_COLUMNS.map((c) => `@${c}`).join(', ')})`,
        )
        .run(row);
    const next = { ...second, seq: 3, prev_hash: second.hash };

    expect(() => insert('INSERT', { ...next, seq: 4 })).toThrow(/appended in sequence/);
    expect(() => insert('INSERT OR REPLACE', { ...second, kind: 'cash.taken' })).toThrow(/appended in sequence/);
    expect(() => insert('INSERT', { ...next, prev_hash: JOURNAL_GENESIS_HASH })).toThrow(/appended in sequence/);
    expect(journal.verify()).toEqual({ ok: true, rows: 2 });
  });
});

describe('verify reports the first broken link', () => {
  const ROWS = 24;
  let templateDir: string;
  let template: string;

  beforeAll(() => {
    templateDir = mkdtempSync(join(tmpdir(), 'atm-journal-template-'));
    template = join(templateDir, 'kiosk.db');
    const db = openDatabase(template);
    migrate(db, migrations);
    const clock = createFakeClock();
    appendMany(createJournal(db, { now: clock.now }), ROWS, (ms) => clock.advance(ms));
    db.close(); // checkpoints the WAL into the file, so copying the one file copies the journal
  });
  afterAll(() => rmSync(templateDir, { recursive: true, force: true }));

  let copies = 0;
  /** Edits a copy of the journal the way someone with the file would: raw SQL, protective triggers dropped. */
  function tamperedCopy(edit: (raw: Database.Database) => void): Journal {
    const path = join(dir, `tampered-${copies++}.db`);
    copyFileSync(template, path);
    const raw = new Database(path);
    raw.exec('DROP TRIGGER journal_never_updated; DROP TRIGGER journal_never_deleted;');
    edit(raw);
    raw.close();
    return openJournal(path).journal;
  }

  const flipHex = (hex: string, at: number) => `${hex.slice(0, at)}${hex[at] === '0' ? '1' : '0'}${hex.slice(at + 1)}`;

  /** A different value for one column of a row that the table's own CHECKs still accept. */
  function tamperedValues(
    row: JournalRow,
    column: (typeof JOURNAL_COLUMNS)[number],
    variant: number,
  ): Record<string, unknown> {
    const pick = <T>(candidates: T[]): T => {
      const different = candidates.filter((candidate) => candidate !== row[column]);
      return different[variant % different.length] as T;
    };
    switch (column) {
      case 'seq':
        return { seq: ROWS + 1 + (variant % 1_000) }; // a used seq is refused by the primary key
      case 'recorded_at':
        return { recorded_at: new Date(Date.parse(row.recorded_at) + 1 + (variant % 86_400_000)).toISOString() };
      case 'kind':
        return { kind: pick(['cash.taken', 'cash.retracted', 'pin.verified']) };
      case 'session_id':
        return { session_id: pick([null, SESSION_A, SESSION_B]) };
      case 'stan':
        return { stan: pick([null, '000001', '999999']) };
      case 'masked_pan':
        return { masked_pan: pick([null, '•••• 0000', '•••• 9999']) };
      case 'staff_id':
        return { staff_id: pick([null, 'intruder', 'staff-07']) };
      // An amount and its currency are null together (a CHECK): on a row without them, both are set.
      case 'amount_minor':
        return row.amount_minor === null
          ? { amount_minor: variant % 100_000, currency: 'EUR' }
          : { amount_minor: pick([0, row.amount_minor + 1, row.amount_minor * 10]) };
      case 'currency':
        return row.currency === null ? { amount_minor: 1, currency: 'USD' } : { currency: pick(['USD', 'GBP', 'EUR']) };
      case 'data':
        // Whitespace only: the same JSON to a parser, different bytes to the hash.
        return { data: pick(['{}', '{"tampered":true}', `{ ${row.data.slice(1)}`]) };
      case 'prev_hash':
      case 'hash':
        return { [column]: flipHex(row[column], variant % 64) };
    }
  }

  function templateRows(): JournalRow[] {
    const db = new Database(template, { readonly: true });
    try {
      return rowsOf(db);
    } finally {
      db.close();
    }
  }

  it('finds a change to any column of any row at exactly that row', () => {
    const rows = templateRows();

    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: ROWS }),
        fc.constantFrom(...JOURNAL_COLUMNS),
        fc.nat(),
        (seq, column, variant) => {
          const row = rows[seq - 1];
          if (!row) throw new Error(`no row ${seq}`);
          const values = tamperedValues(row, column, variant);
          const journal = tamperedCopy((raw) => {
            const set = Object.keys(values)
              .map((name) => `${name} = @${name}`)
              .join(', ');
            expect(
              raw.prepare(`UPDATE journal SET ${set} WHERE seq = @where`).run({ ...values, where: seq }).changes,
            ).toBe(1);
          });
          const reason = column === 'seq' ? 'gap' : column === 'prev_hash' ? 'prev_hash_mismatch' : 'hash_mismatch';
          expect(journal.verify()).toEqual({ ok: false, brokenAtSeq: seq, reason });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports a deleted row as a gap at its seq; a row cut from the end shows only against a recorded head', () => {
    const last = templateRows().at(-1);
    const recordedHead = { seq: last?.seq ?? 0, hash: last?.hash ?? '' };

    fc.assert(
      fc.property(fc.integer({ min: 1, max: ROWS - 1 }), (seq) => {
        const journal = tamperedCopy((raw) => raw.prepare('DELETE FROM journal WHERE seq = ?').run(seq));
        expect(journal.verify()).toEqual({ ok: false, brokenAtSeq: seq, reason: 'gap' });
      }),
      { numRuns: 30 },
    );

    const truncated = tamperedCopy((raw) => raw.prepare('DELETE FROM journal WHERE seq = ?').run(ROWS));
    expect(truncated.verify()).toEqual({ ok: true, rows: ROWS - 1 });
    expect(truncated.verify({ head: recordedHead })).toEqual({ ok: false, brokenAtSeq: ROWS, reason: 'gap' });
  });

  it('catches a row rewritten with a fresh hash at the next row, and a rewritten tail against a recorded head', () => {
    const last = templateRows().at(-1);
    const recordedHead = { seq: last?.seq ?? 0, hash: last?.hash ?? '' };
    // What someone who knows the format can do: edit a row and recompute the hashes from there on.
    const rewriteFrom = (raw: Database.Database, fromSeq: number, toSeq: number) => {
      const rows = rowsOf(raw);
      let prevHash = rows[fromSeq - 2]?.hash ?? JOURNAL_GENESIS_HASH;
      for (const row of rows.slice(fromSeq - 1, toSeq)) {
        const forged = { ...row, prev_hash: prevHash, kind: row.seq === fromSeq ? 'cash.retracted' : row.kind };
        const hash = journalRowHash(forged);
        raw
          .prepare('UPDATE journal SET kind = @kind, prev_hash = @prev_hash, hash = @hash WHERE seq = @seq')
          .run({ ...forged, hash });
        prevHash = hash;
      }
    };

    expect(tamperedCopy((raw) => rewriteFrom(raw, 10, 10)).verify()).toEqual({
      ok: false,
      brokenAtSeq: 11,
      reason: 'prev_hash_mismatch',
    });

    const forgedTail = tamperedCopy((raw) => rewriteFrom(raw, 10, ROWS));
    expect(forgedTail.verify()).toEqual({ ok: true, rows: ROWS });
    expect(forgedTail.verify({ head: recordedHead })).toEqual({
      ok: false,
      brokenAtSeq: ROWS,
      reason: 'hash_mismatch',
    });
  });
});

describe('capacity', () => {
  it('flags near capacity at 95 % and refuses appends when full, overwriting nothing', () => {
    const { db, journal } = openJournal(join(dir, 'kiosk.db'), 20);

    appendMany(journal, 18);
    expect(journal.status()).toEqual({ rows: 18, capacityRows: 20, nearCapacity: false });
    journal.append({ kind: 'kiosk.out_of_service', data: { reason: 'journal_near_capacity' } });
    expect(journal.status()).toEqual({ rows: 19, capacityRows: 20, nearCapacity: true });
    journal.append({ kind: 'staff.action', staffId: 'staff-07', data: { action: 'journal_export' } });

    const before = rowsOf(db);
    expect(() => journal.append({ kind: 'session.started', sessionId: SESSION_A })).toThrow(JournalFullError);
    expect(rowsOf(db)).toEqual(before);
    expect(journal.status()).toEqual({ rows: 20, capacityRows: 20, nearCapacity: true });
    expect(journal.verify()).toEqual({ ok: true, rows: 20 });
  });

  it("refuses when full inside a caller's transaction, so the caller's change does not commit without its entry", () => {
    const { db, journal } = openJournal(join(dir, 'kiosk.db'), 1);
    journal.append({ kind: 'session.started' });

    expect(() =>
      db.transaction(() => {
        db.prepare("INSERT INTO kiosk_meta (key, value) VALUES ('ledger-change', 'x')").run();
        journal.append({ kind: 'transaction.approved', amountMinor: 100, currency: 'EUR' });
      })(),
    ).toThrow(JournalFullError);
    expect(db.prepare('SELECT count(*) AS n FROM kiosk_meta').get()).toEqual({ n: 0 });
  });
});

describe('export', () => {
  it('writes one JSON object per row with every column, in seq order, that verifies without the database', () => {
    const { journal, advance } = openJournal();
    appendMany(journal, 40, advance);

    const lines: string[] = [];
    const summary = journal.exportJsonLines((line) => lines.push(line));

    expect(summary).toEqual({ rows: 40, head: journal.head() });
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((row) => row.seq)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    for (const row of parsed) expect(Object.keys(row)).toEqual([...JOURNAL_COLUMNS]);
    expect(verifyJournalLines(lines)).toEqual({ ok: true, rows: 40 });
    expect(verifyJournalLines(lines, { head: summary.head ?? undefined })).toEqual({ ok: true, rows: 40 });

    const edited = lines.map((line, index) => (index === 29 ? line.replace('dispenser', 'dispensor') : line));
    expect(edited[29]).not.toBe(lines[29]);
    expect(verifyJournalLines(edited)).toEqual({ ok: false, brokenAtSeq: 30, reason: 'hash_mismatch' });
    expect(verifyJournalLines([...lines.slice(0, 9), ...lines.slice(10)])).toEqual({
      ok: false,
      brokenAtSeq: 10,
      reason: 'gap',
    });
    expect(() => verifyJournalLines(['{"seq":1}'])).toThrow(JournalExportFormatError);
  });

  it('exports a contiguous range that verifies on its own and links to the row before it', () => {
    const { journal } = openJournal();
    appendMany(journal, 30);
    const lines: string[] = [];

    const summary = journal.exportJsonLines((line) => lines.push(line), { fromSeq: 11, toSeq: 20 });

    expect(summary.rows).toBe(10);
    expect(summary.head?.seq).toBe(20);
    const row10 = journal.query({ fromSeq: 10, limit: 1 })[0];
    expect(verifyJournalLines(lines, { fromSeq: 11 })).toEqual({ ok: true, rows: 10 });
    expect(verifyJournalLines(lines, { fromSeq: 11, prevHash: row10?.hash ?? '' })).toEqual({ ok: true, rows: 10 });
    expect(verifyJournalLines(lines, { fromSeq: 11, prevHash: JOURNAL_GENESIS_HASH })).toEqual({
      ok: false,
      brokenAtSeq: 11,
      reason: 'prev_hash_mismatch',
    });
  });

  it('writes an export file once, never over an existing file, and verifies it by streaming', () => {
    const { journal } = openJournal();
    appendMany(journal, 25);
    const path = join(dir, 'journal-export.jsonl');

    expect(writeJournalExport(journal, path)).toEqual({ rows: 25, head: journal.head() });
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(26); // 25 lines, each ending in a newline
    expect(verifyJournalExportFile(path, { head: journal.head() ?? undefined })).toEqual({ ok: true, rows: 25 });
    expect(() => writeJournalExport(journal, path)).toThrow(/EEXIST/);
    expect(verifyJournalExportFile(path)).toEqual({ ok: true, rows: 25 });
  });
});

describe('query', () => {
  it('filters by kind, card, STAN, session, staff, time and seq, newest or oldest first, with a bounded page', () => {
    const { journal, advance } = openJournal();
    appendMany(journal, 60, advance);
    const seqs = (records: { seq: number }[]) => records.map((record) => record.seq);

    expect(seqs(journal.query({ kind: 'device.fault', limit: 3 }))).toEqual([6, 12, 18]);
    expect(seqs(journal.query({ kind: 'device.fault', newestFirst: true, limit: 2 }))).toEqual([60, 54]);
    expect(seqs(journal.query({ kind: 'device.fault', fromSeq: 19, limit: 2 }))).toEqual([24, 30]);
    expect(seqs(journal.query({ kind: 'device.fault', toSeq: 53, newestFirst: true, limit: 1 }))).toEqual([48]);
    expect(seqs(journal.query({ maskedPan: '•••• 7899', limit: 4 }))).toEqual([2, 3, 8, 9]);
    expect(seqs(journal.query({ stan: '100008', limit: 5 }))).toEqual([9]);
    expect(journal.query({ sessionId: SESSION_B, limit: 100 }).every((record) => record.sessionId === SESSION_B)).toBe(
      true,
    );
    expect(journal.query({ staffId: 'staff-07', limit: 100 })).toHaveLength(10);
    // Rows are 1 s apart from 09:00:00: seq n was recorded at 09:00:(n-1).
    const start = Date.UTC(2026, 10, 24, 9, 0, 0);
    expect(seqs(journal.query({ from: start + 10_000, to: start + 13_000, limit: 10 }))).toEqual([11, 12, 13]);
    expect(journal.query({ kind: 'no.such_kind', limit: 10 })).toEqual([]);
  });

  it('caps the page at JOURNAL_QUERY_LIMIT_MAX and refuses a limit that is not a positive integer', () => {
    const { db, journal } = openJournal();
    db.transaction(() => appendMany(journal, JOURNAL_QUERY_LIMIT_MAX + 5))();

    expect(journal.query({ limit: 10_000 })).toHaveLength(JOURNAL_QUERY_LIMIT_MAX);
    expect(() => journal.query({ limit: 0 })).toThrow(RangeError);
    expect(() => journal.query({ limit: 1.5 })).toThrow(RangeError);
  });
});
