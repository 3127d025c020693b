// Schema 40: the electronic journal. Rows are appended in a gapless sequence, each hash-chained to the one before,
// and never changed or removed: the triggers below refuse UPDATE and DELETE, and an INSERT out of sequence.
import type { Migration } from '../migrate.ts';

export const migration0040: Migration = {
  version: 40,
  name: 'journal',
  up(db) {
    // The formats checked here are the hard floor; electron/journal/journal-entry.ts validates the same formats
    // and the size limits before an entry reaches SQL. The 64 zeros are JOURNAL_GENESIS_HASH: row 1 chains from it.
    db.exec(`
      CREATE TABLE journal (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        recorded_at TEXT NOT NULL
          CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
        kind TEXT NOT NULL CHECK (
          length(kind) BETWEEN 3 AND 64 AND kind GLOB '[a-z_]*.[a-z_]*'
          AND kind NOT GLOB '*[^a-z_.]*' AND kind NOT GLOB '*.*.*'
        ),
        session_id TEXT CHECK (length(session_id) BETWEEN 1 AND 64),
        stan TEXT CHECK (length(stan) = 6 AND stan NOT GLOB '*[^0-9]*'),
        masked_pan TEXT CHECK (masked_pan GLOB '•••• [0-9][0-9][0-9][0-9]' AND length(masked_pan) = 9),
        staff_id TEXT CHECK (length(staff_id) BETWEEN 1 AND 64),
        amount_minor INTEGER CHECK (amount_minor >= 0),
        currency TEXT CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
        data TEXT NOT NULL CHECK (json_valid(data) AND json_type(data) = 'object'),
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'),
        hash TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
        CHECK ((amount_minor IS NULL) = (currency IS NULL))
      ) STRICT;

      -- Filters of the staff viewer. Rowid (seq) is the implicit last key of every index, so each is in seq order.
      CREATE INDEX journal_by_kind ON journal(kind);
      CREATE INDEX journal_by_masked_pan ON journal(masked_pan) WHERE masked_pan IS NOT NULL;
      CREATE INDEX journal_by_stan ON journal(stan) WHERE stan IS NOT NULL;
      CREATE INDEX journal_by_session ON journal(session_id) WHERE session_id IS NOT NULL;
      CREATE INDEX journal_by_staff ON journal(staff_id) WHERE staff_id IS NOT NULL;
      CREATE INDEX journal_by_recorded_at ON journal(recorded_at);

      -- Gapless and chained even against a writer that bypasses the appender; this also defeats INSERT OR REPLACE,
      -- whose implicit delete would not fire the delete trigger.
      CREATE TRIGGER journal_append_in_sequence BEFORE INSERT ON journal
      WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM journal)
        OR NEW.prev_hash IS NOT coalesce(
          (SELECT hash FROM journal WHERE seq = NEW.seq - 1),
          '0000000000000000000000000000000000000000000000000000000000000000'
        )
      BEGIN
        SELECT RAISE(ABORT, 'journal rows are appended in sequence, each chained to the row before');
      END;

      CREATE TRIGGER journal_never_updated BEFORE UPDATE ON journal
      BEGIN
        SELECT RAISE(ABORT, 'journal rows are never changed');
      END;

      CREATE TRIGGER journal_never_deleted BEFORE DELETE ON journal
      BEGIN
        SELECT RAISE(ABORT, 'journal rows are never deleted');
      END;
    `);
  },
};
