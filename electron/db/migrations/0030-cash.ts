// Schema 30: cash. Cassettes hold the dispensable notes (count) and what each has diverted to the reject bin
// (rejects); the retract bin holds notes pulled back after the customer left them. Every change of a count is also
// a row of the append-only `cash_movements`, so each counter equals the sum of its movements.
import type { Migration } from '../migrate.ts';

export const migration0030: Migration = {
  version: 30,
  name: 'cash',
  up(db) {
    db.exec(`
      CREATE TABLE cassettes (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL UNIQUE CHECK (position >= 1),
        denomination_minor INTEGER NOT NULL CHECK (denomination_minor > 0),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        count INTEGER NOT NULL CHECK (count >= 0),
        rejects INTEGER NOT NULL DEFAULT 0 CHECK (rejects >= 0),
        status TEXT NOT NULL CHECK (status IN ('ok', 'low', 'empty', 'fault')),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE retract_bin (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        notes INTEGER NOT NULL CHECK (notes >= 0),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE cash_movements (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('load', 'unload', 'dispense', 'retract', 'empty_retract_bin')),
        cassette_id INTEGER REFERENCES cassettes(id),
        denomination_minor INTEGER CHECK (denomination_minor > 0),
        count_delta INTEGER NOT NULL DEFAULT 0,
        rejects_delta INTEGER NOT NULL DEFAULT 0,
        retracted_delta INTEGER NOT NULL DEFAULT 0,
        reference TEXT CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 64),
        created_at TEXT NOT NULL,
        CHECK ((cassette_id IS NULL) = (kind IN ('retract', 'empty_retract_bin'))),
        CHECK ((cassette_id IS NULL) = (denomination_minor IS NULL))
      ) STRICT;
      CREATE INDEX cash_movements_by_cassette ON cash_movements(cassette_id);

      CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements
      BEGIN
        SELECT RAISE(ABORT, 'cash_movements is append-only');
      END;
      CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements
      BEGIN
        SELECT RAISE(ABORT, 'cash_movements is append-only');
      END;
    `);
  },
};
