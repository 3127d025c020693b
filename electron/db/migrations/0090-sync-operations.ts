// Schema 90: the outbox also carries transfers (online only), reversals the kiosk asks for (a transfer the customer
// was told did not happen), and enrolments staff made at the kiosk. SQLite cannot alter a CHECK, so sync_outbox is
// rebuilt with its rows, and sync_exceptions with it (its rows point at outbox rows; renaming the new outbox table
// to the old name carries that reference along). Triggers and indexes are those of schema 70.
import type { Migration } from '../migrate.ts';

export const migration0090: Migration = {
  version: 90,
  name: 'sync-operations',
  up(db) {
    db.exec(`
      CREATE TABLE sync_outbox_v90 (
        seq INTEGER PRIMARY KEY,
        request_key TEXT NOT NULL UNIQUE CHECK (length(request_key) BETWEEN 8 AND 64),
        op TEXT NOT NULL CHECK (op IN ('authorise', 'complete', 'advice', 'pin_attempt', 'transfer', 'reversal', 'enrol')),
        body TEXT NOT NULL CHECK (json_valid(body) AND length(body) <= 4096),
        account_id INTEGER REFERENCES accounts(id),
        -- A void or reversal queued behind a replayed request: "no such hold/transfer" then means the bank declined
        -- (or never booked) the original, so the row is done.
        void_of_replay INTEGER NOT NULL DEFAULT 0 CHECK (void_of_replay IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('held', 'pending', 'done', 'parked', 'discarded')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error TEXT CHECK (last_error IS NULL OR length(last_error) <= 200),
        response TEXT CHECK (response IS NULL OR (json_valid(response) AND length(response) <= 4096)),
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      INSERT INTO sync_outbox_v90 SELECT seq, request_key, op, body, account_id, void_of_replay, status, attempts,
        last_error, response, created_at_ms, updated_at_ms FROM sync_outbox;

      CREATE TABLE sync_exceptions_v90 (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('advice_declined', 'adjustment_refused')),
        outbox_seq INTEGER REFERENCES sync_outbox_v90(seq),
        account_id INTEGER REFERENCES accounts(id),
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        currency TEXT CHECK (currency IS NULL OR length(currency) = 3),
        reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 64),
        created_at_ms INTEGER NOT NULL,
        resolved_at_ms INTEGER,
        resolved_by TEXT CHECK (resolved_by IS NULL OR length(resolved_by) BETWEEN 1 AND 64),
        CHECK ((resolved_at_ms IS NULL) = (resolved_by IS NULL))
      ) STRICT;
      INSERT INTO sync_exceptions_v90 SELECT id, kind, outbox_seq, account_id, amount_minor, currency, reason,
        created_at_ms, resolved_at_ms, resolved_by FROM sync_exceptions;

      -- Dropping a table drops its triggers and indexes; the open-row count in sync_state is unchanged (same rows).
      DROP TABLE sync_exceptions;
      DROP TABLE sync_outbox;
      ALTER TABLE sync_outbox_v90 RENAME TO sync_outbox;
      ALTER TABLE sync_exceptions_v90 RENAME TO sync_exceptions;

      CREATE INDEX sync_outbox_open ON sync_outbox(status, seq) WHERE status IN ('held', 'pending', 'parked');
      CREATE INDEX sync_outbox_open_by_account ON sync_outbox(account_id)
        WHERE status IN ('held', 'pending', 'parked') AND account_id IS NOT NULL;
      CREATE INDEX sync_outbox_done ON sync_outbox(seq) WHERE status IN ('done', 'discarded');
      CREATE INDEX sync_exceptions_open ON sync_exceptions(account_id) WHERE resolved_at_ms IS NULL;

      CREATE TRIGGER sync_outbox_count_insert AFTER INSERT ON sync_outbox
      WHEN NEW.status IN ('held', 'pending', 'parked')
      BEGIN
        UPDATE sync_state SET open_rows = open_rows + 1 WHERE id = 1;
      END;
      CREATE TRIGGER sync_outbox_count_update AFTER UPDATE OF status ON sync_outbox
      WHEN (OLD.status IN ('held', 'pending', 'parked')) <> (NEW.status IN ('held', 'pending', 'parked'))
      BEGIN
        UPDATE sync_state SET open_rows = open_rows + (CASE WHEN NEW.status IN ('held', 'pending', 'parked') THEN 1 ELSE -1 END)
         WHERE id = 1;
      END;
      CREATE TRIGGER sync_outbox_count_delete AFTER DELETE ON sync_outbox
      WHEN OLD.status IN ('held', 'pending', 'parked')
      BEGIN
        SELECT RAISE(ABORT, 'an unacknowledged outbox row is never deleted');
      END;
      CREATE TRIGGER sync_outbox_body_fixed BEFORE UPDATE OF request_key, op, body ON sync_outbox
      BEGIN
        SELECT RAISE(ABORT, 'an outbox request is retried byte for byte');
      END;
    `);
  },
};
