// Schema 110: the held part of each cash deposit (the amount above the immediate allowance, a pending credit in the
// ledger) with the time it becomes available, so a bounded sweep finds the holds that are due through a small index
// instead of scanning every deposit ever made. A row is written with its deposit and released once, in the same
// transaction as the ledger's post; the ledger's resolve-once index makes a second credit impossible either way.
import type { Migration } from '../migrate.ts';

/** The hold on deposits booked before this schema (the default of the `depositHoldMs` setting when it shipped). */
const EARLIER_DEPOSITS_HOLD_MS = 86_400_000;

export const migration0110: Migration = {
  version: 110,
  name: 'deposit-holds',
  up(db) {
    db.exec(`
      -- release_at_ms is fixed when the deposit is booked (what the kiosk told the customer); a later change of the
      -- setting moves only later deposits. resolution_id is the post that released it (or, should the hold ever be
      -- resolved some other way, that resolution), set together with released_at_ms.
      CREATE TABLE deposit_holds (
        pending_id TEXT PRIMARY KEY REFERENCES transfers(id) CHECK (length(pending_id) = 36),
        transaction_id TEXT NOT NULL UNIQUE REFERENCES customer_transactions(id),
        release_at_ms INTEGER NOT NULL CHECK (release_at_ms >= 0),
        released_at_ms INTEGER CHECK (released_at_ms IS NULL OR released_at_ms >= 0),
        resolution_id TEXT REFERENCES transfers(id) CHECK (resolution_id IS NULL OR length(resolution_id) = 36),
        CHECK ((released_at_ms IS NULL) = (resolution_id IS NULL))
      ) STRICT;
      -- Only the holds still waiting are indexed: the sweep reads the due ones, oldest first, in index order.
      CREATE INDEX deposit_holds_due ON deposit_holds(release_at_ms) WHERE released_at_ms IS NULL;

      CREATE TRIGGER deposit_holds_release_once BEFORE UPDATE ON deposit_holds
      WHEN OLD.released_at_ms IS NOT NULL OR NEW.pending_id IS NOT OLD.pending_id
        OR NEW.transaction_id IS NOT OLD.transaction_id OR NEW.release_at_ms IS NOT OLD.release_at_ms
      BEGIN
        SELECT RAISE(ABORT, 'a deposit hold is released once and never changed otherwise');
      END;
      CREATE TRIGGER deposit_holds_no_delete BEFORE DELETE ON deposit_holds
      BEGIN
        SELECT RAISE(ABORT, 'deposit holds are kept');
      END;

      -- Deposits held before this schema: nothing ever released them. They fall due a day after they were booked
      -- (so most are due at the first sweep); the deposit's customer transaction is found by its RRN, the reference
      -- its ledger transfers carry.
      INSERT INTO deposit_holds (pending_id, transaction_id, release_at_ms)
        SELECT p.id, t.id, p.created_at_ms + ${EARLIER_DEPOSITS_HOLD_MS}
          FROM transfers AS p JOIN customer_transactions AS t ON t.rrn = p.reference AND t.kind = 'deposit'
         WHERE p.kind = 'pending' AND p.code = 'deposit'
           AND NOT EXISTS (SELECT 1 FROM transfers AS r WHERE r.pending_id = p.id);
    `);
  },
};
