// Schema 120: a durable record of every cash deposit, written before the acceptor is asked to take the notes, so a
// crash while it counts (or before the credit commits) leaves a row that start-up recovery settles by what the
// acceptor itself recorded. A row is resolved exactly once: booked (in the same transaction as the credit) or
// declined. It names the card by id and masked number only: never the card number, never a PIN.
import type { Migration } from '../migrate.ts';

export const migration0120: Migration = {
  version: 120,
  name: 'deposit-operations',
  up(db) {
    db.exec(`
      -- seq is the order the operations were started in: recovery tells an operation the acceptor never reached (its
      -- last record is an earlier one) from one it cannot speak for. id is the kiosk's UUIDv7, also the operation id
      -- handed to the acceptor. transaction_id is the customer transaction it resolved into, if any.
      CREATE TABLE deposit_operations (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
        session_id TEXT NOT NULL,
        card_id INTEGER NOT NULL REFERENCES cards(id),
        masked_pan TEXT NOT NULL CHECK (masked_pan GLOB '•••• [0-9][0-9][0-9][0-9]'),
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        inserted_notes INTEGER NOT NULL CHECK (inserted_notes > 0),
        inserted_minor INTEGER NOT NULL CHECK (inserted_minor > 0),
        status TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'booked', 'declined')),
        transaction_id TEXT UNIQUE REFERENCES customer_transactions(id),
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        CHECK ((status = 'in_progress') = (resolved_at IS NULL)),
        CHECK (status <> 'booked' OR transaction_id IS NOT NULL)
      ) STRICT;
      -- Only unresolved operations are indexed: start-up reads them, oldest first.
      CREATE INDEX deposit_operations_unresolved ON deposit_operations(seq) WHERE status = 'in_progress';

      CREATE TRIGGER deposit_operations_resolve_once BEFORE UPDATE ON deposit_operations
      WHEN OLD.status <> 'in_progress' OR NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id
        OR NEW.session_id IS NOT OLD.session_id OR NEW.card_id IS NOT OLD.card_id
        OR NEW.masked_pan IS NOT OLD.masked_pan OR NEW.account_id IS NOT OLD.account_id
        OR NEW.currency IS NOT OLD.currency OR NEW.inserted_notes IS NOT OLD.inserted_notes
        OR NEW.inserted_minor IS NOT OLD.inserted_minor OR NEW.created_at IS NOT OLD.created_at
      BEGIN
        SELECT RAISE(ABORT, 'a deposit operation is resolved once and never changed otherwise');
      END;
      CREATE TRIGGER deposit_operations_no_delete BEFORE DELETE ON deposit_operations
      BEGIN
        SELECT RAISE(ABORT, 'deposit operations are kept');
      END;
    `);
  },
};
