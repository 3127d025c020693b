// Schema 140: a durable record of every staff test dispense, written before the dispenser is asked for the notes, so
// a crash while the notes wait in the slot leaves a row that start-up recovery settles by what the dispenser itself
// recorded. What left the cassettes is booked once, as soon as the dispenser reports it (booked_at); the row is then
// resolved exactly once: taken, retracted (with the notes pulled back), not presented (a jam) or not dispensed.
import type { Migration } from '../migrate.ts';

export const migration0140: Migration = {
  version: 140,
  name: 'test-dispenses',
  up(db) {
    db.exec(`
      -- seq is the order the test dispenses were started in: recovery tells one the dispenser never reached (its last
      -- record is an earlier one) from one it cannot speak for. id is the kiosk's UUIDv7, also the operation id handed
      -- to the dispenser. presented_notes/rejected_notes are what the dispenser reported, set once with booked_at.
      CREATE TABLE test_dispenses (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
        staff_id TEXT NOT NULL CHECK (length(staff_id) BETWEEN 1 AND 64),
        cassette_id INTEGER NOT NULL REFERENCES cassettes(id),
        position INTEGER NOT NULL CHECK (position >= 1),
        denomination_minor INTEGER NOT NULL CHECK (denomination_minor > 0),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        notes_asked INTEGER NOT NULL CHECK (notes_asked > 0),
        presented_notes INTEGER CHECK (presented_notes >= 0),
        rejected_notes INTEGER CHECK (rejected_notes >= 0),
        booked_at TEXT,
        retracted_notes INTEGER CHECK (retracted_notes >= 0),
        status TEXT NOT NULL DEFAULT 'in_progress'
          CHECK (status IN ('in_progress', 'taken', 'retracted', 'not_presented', 'not_dispensed')),
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        CHECK ((status = 'in_progress') = (resolved_at IS NULL)),
        CHECK ((booked_at IS NULL) = (presented_notes IS NULL) AND (booked_at IS NULL) = (rejected_notes IS NULL)),
        CHECK ((status = 'not_dispensed') = (status <> 'in_progress' AND booked_at IS NULL)),
        CHECK ((status = 'retracted') = (retracted_notes IS NOT NULL)),
        CHECK (retracted_notes IS NULL OR retracted_notes <= presented_notes)
      ) STRICT;
      -- Only unresolved test dispenses are indexed: start-up reads them, oldest first.
      CREATE INDEX test_dispenses_unresolved ON test_dispenses(seq) WHERE status = 'in_progress';

      -- While in progress a row may gain its booking once and be resolved once; nothing else of it ever changes.
      CREATE TRIGGER test_dispenses_resolve_once BEFORE UPDATE ON test_dispenses
      WHEN OLD.status <> 'in_progress' OR NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id
        OR NEW.staff_id IS NOT OLD.staff_id OR NEW.cassette_id IS NOT OLD.cassette_id
        OR NEW.position IS NOT OLD.position OR NEW.denomination_minor IS NOT OLD.denomination_minor
        OR NEW.currency IS NOT OLD.currency OR NEW.notes_asked IS NOT OLD.notes_asked
        OR NEW.created_at IS NOT OLD.created_at
        OR (OLD.booked_at IS NOT NULL AND (NEW.booked_at IS NOT OLD.booked_at
          OR NEW.presented_notes IS NOT OLD.presented_notes OR NEW.rejected_notes IS NOT OLD.rejected_notes))
      BEGIN
        SELECT RAISE(ABORT, 'a test dispense is booked once, resolved once and never changed otherwise');
      END;
      CREATE TRIGGER test_dispenses_no_delete BEFORE DELETE ON test_dispenses
      BEGIN
        SELECT RAISE(ABORT, 'test dispenses are kept');
      END;
    `);
  },
};
