// Schema 70: bank sync. The outbox (written in the same transaction as the ledger change it reports, drained in seq
// order), the stand-in approvals the kiosk made offline, exceptions for staff, the changes-feed cursor, and each
// card's key at the bank (an HMAC under the bank's card lookup key — never the card number).
import type { Migration } from '../migrate.ts';

/** Rows not yet acknowledged by the bank (held + pending + parked) the outbox may hold; past it an insert aborts. */
export const OUTBOX_OPEN_ROWS_MAX = 50_000;

export const migration0070: Migration = {
  version: 70,
  name: 'sync',
  up(db) {
    db.exec(`
      -- SQLite cannot add a UNIQUE column: the key is checked here and made unique by the partial index below.
      ALTER TABLE cards ADD COLUMN bank_card_key TEXT
        CHECK (bank_card_key IS NULL OR (length(bank_card_key) = 64 AND bank_card_key NOT GLOB '*[^0-9a-f]*'));
      ALTER TABLE cards ADD COLUMN bank_daily_withdrawal_limit_minor INTEGER
        CHECK (bank_daily_withdrawal_limit_minor IS NULL OR bank_daily_withdrawal_limit_minor >= 0);
      CREATE UNIQUE INDEX cards_by_bank_card_key ON cards(bank_card_key) WHERE bank_card_key IS NOT NULL;

      -- One request to the bank per row. seq is the local monotonic order the drainer follows (never a clock);
      -- request_key is the Idempotency-Key (the body's transferId for money requests) and body the exact JSON sent
      -- on every retry. held: an online request in flight (not drained); pending: to send; done: acknowledged;
      -- parked: refused by the bank (4xx), waiting for staff; discarded: staff gave it up.
      CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY,
        request_key TEXT NOT NULL UNIQUE CHECK (length(request_key) BETWEEN 8 AND 64),
        op TEXT NOT NULL CHECK (op IN ('authorise', 'complete', 'advice', 'pin_attempt')),
        body TEXT NOT NULL CHECK (json_valid(body) AND length(body) <= 4096),
        account_id INTEGER REFERENCES accounts(id),
        -- A void queued behind a replayed authorisation: "no such hold" then means the bank declined it, so done.
        void_of_replay INTEGER NOT NULL DEFAULT 0 CHECK (void_of_replay IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('held', 'pending', 'done', 'parked', 'discarded')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error TEXT CHECK (last_error IS NULL OR length(last_error) <= 200),
        response TEXT CHECK (response IS NULL OR (json_valid(response) AND length(response) <= 4096)),
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sync_outbox_open ON sync_outbox(status, seq) WHERE status IN ('held', 'pending', 'parked');
      CREATE INDEX sync_outbox_open_by_account ON sync_outbox(account_id)
        WHERE status IN ('held', 'pending', 'parked') AND account_id IS NOT NULL;
      CREATE INDEX sync_outbox_done ON sync_outbox(seq) WHERE status IN ('done', 'discarded');

      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        -- The bank's changes-feed cursor, stored in the transaction that applied its page.
        changes_cursor INTEGER NOT NULL DEFAULT 0 CHECK (changes_cursor >= 0),
        -- Kept by the triggers below so the capacity check is O(1); the CHECK is the hard stop.
        open_rows INTEGER NOT NULL DEFAULT 0 CHECK (open_rows >= 0 AND open_rows <= ${OUTBOX_OPEN_ROWS_MAX})
      ) STRICT;
      INSERT INTO sync_state (id) VALUES (1);

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

      -- Withdrawals the kiosk approved offline: held (cash not yet out), queued (advice waiting), forwarded, voided
      -- (nothing dispensed), declined (the bank refused the advice: see sync_exceptions). The floor limits sum these.
      CREATE TABLE sync_stand_ins (
        pending_id TEXT PRIMARY KEY CHECK (length(pending_id) = 36),
        card_id INTEGER NOT NULL REFERENCES cards(id),
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        business_day TEXT NOT NULL CHECK (length(business_day) = 10),
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        advice_key TEXT CHECK (advice_key IS NULL OR length(advice_key) = 36),
        state TEXT NOT NULL CHECK (state IN ('held', 'queued', 'forwarded', 'voided', 'declined')),
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sync_stand_ins_by_card_day ON sync_stand_ins(card_id, business_day);
      CREATE INDEX sync_stand_ins_outstanding ON sync_stand_ins(state) WHERE state IN ('held', 'queued');
      CREATE UNIQUE INDEX sync_stand_ins_by_advice ON sync_stand_ins(advice_key) WHERE advice_key IS NOT NULL;

      -- What the bank refused after the kiosk had already acted (a stand-in or deposit advice declined), or a bank
      -- balance the kiosk could not book: money questions for staff, never a silent edit of the books.
      CREATE TABLE sync_exceptions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('advice_declined', 'adjustment_refused')),
        outbox_seq INTEGER REFERENCES sync_outbox(seq),
        account_id INTEGER REFERENCES accounts(id),
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        currency TEXT CHECK (currency IS NULL OR length(currency) = 3),
        reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 64),
        created_at_ms INTEGER NOT NULL,
        resolved_at_ms INTEGER,
        resolved_by TEXT CHECK (resolved_by IS NULL OR length(resolved_by) BETWEEN 1 AND 64),
        CHECK ((resolved_at_ms IS NULL) = (resolved_by IS NULL))
      ) STRICT;
      CREATE INDEX sync_exceptions_open ON sync_exceptions(account_id) WHERE resolved_at_ms IS NULL;
    `);
  },
};
