// The bank store's schema, versioned with `user_version` (numbered in tens). All pending steps run in one
// transaction; a database from a newer bank is refused. Never edit a shipped step: add a new one.
import type Database from 'better-sqlite3';

export type Migration = { readonly version: number; readonly name: string; readonly sql: string };

export const BANK_MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'customers-devices-cards',
    sql: `
      -- One global change counter: every state a kiosk may pull (accounts, cards) takes the next value when it changes,
      -- in the changing transaction, so "change_seq > cursor" is a monotonic feed.
      CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL) STRICT;
      INSERT INTO change_counter (id, seq) VALUES (1, 0);

      CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        email TEXT UNIQUE COLLATE NOCASE CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
        password_hash TEXT CHECK (password_hash IS NULL OR password_hash LIKE '$argon2id$%'),
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
        phone TEXT CHECK (phone IS NULL OR length(phone) <= 20),
        address TEXT CHECK (address IS NULL OR length(address) <= 200),
        totp_secret TEXT,
        totp_pending_secret TEXT,
        totp_last_counter INTEGER,
        created_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE devices (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 3 AND 64),
        secret_hmac TEXT NOT NULL CHECK (length(secret_hmac) = 64),
        secret_version INTEGER NOT NULL CHECK (secret_version >= 1),
        status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      -- Customer accounts are liabilities (credit-normal); atm_cash and clearing are the bank's internal accounts.
      -- The four counters are caches of the transfers, updated in the transfer's own transaction.
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER REFERENCES customers(id),
        account_number TEXT UNIQUE CHECK (account_number IS NULL OR length(account_number) BETWEEN 6 AND 34),
        label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
        kind TEXT NOT NULL CHECK (kind IN ('checking', 'savings', 'atm_cash', 'clearing')),
        currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'),
        status TEXT NOT NULL CHECK (status IN ('open', 'frozen', 'closed')),
        overdraft_limit_minor INTEGER NOT NULL DEFAULT 0 CHECK (overdraft_limit_minor >= 0),
        debits_pending_minor INTEGER NOT NULL DEFAULT 0 CHECK (debits_pending_minor >= 0),
        debits_posted_minor INTEGER NOT NULL DEFAULT 0 CHECK (debits_posted_minor >= 0),
        credits_pending_minor INTEGER NOT NULL DEFAULT 0 CHECK (credits_pending_minor >= 0),
        credits_posted_minor INTEGER NOT NULL DEFAULT 0 CHECK (credits_posted_minor >= 0),
        change_seq INTEGER NOT NULL DEFAULT 0,
        CHECK ((customer_id IS NOT NULL) = (kind IN ('checking', 'savings'))),
        CHECK ((customer_id IS NOT NULL) = (account_number IS NOT NULL))
      ) STRICT;
      CREATE INDEX accounts_by_customer ON accounts(customer_id);
      CREATE INDEX accounts_by_change ON accounts(change_seq);
      CREATE UNIQUE INDEX accounts_internal ON accounts(kind, currency) WHERE customer_id IS NULL;

      -- Card numbers only as HMAC-SHA256 under the card lookup key (plus the last four digits); PINs only as argon2id.
      CREATE TABLE cards (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        pan_hmac TEXT NOT NULL UNIQUE CHECK (length(pan_hmac) = 64),
        pan_last4 TEXT NOT NULL CHECK (length(pan_last4) = 4),
        expires_yymm TEXT NOT NULL CHECK (length(expires_yymm) = 4),
        status TEXT NOT NULL CHECK (status IN ('active', 'blocked', 'retained')),
        pin_hash TEXT NOT NULL CHECK (pin_hash LIKE '$argon2id$%'),
        pin_failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (pin_failed_attempts >= 0),
        daily_withdrawal_limit_minor INTEGER NOT NULL CHECK (daily_withdrawal_limit_minor >= 0),
        change_seq INTEGER NOT NULL DEFAULT 0,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX cards_by_change ON cards(change_seq);

      CREATE TABLE card_accounts (
        card_id INTEGER NOT NULL REFERENCES cards(id),
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        PRIMARY KEY (card_id, account_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER accounts_changed_insert AFTER INSERT ON accounts BEGIN
        UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
        UPDATE accounts SET change_seq = (SELECT seq FROM change_counter WHERE id = 1) WHERE id = NEW.id;
      END;
      CREATE TRIGGER accounts_changed_update AFTER UPDATE OF label, status, overdraft_limit_minor, debits_pending_minor,
        debits_posted_minor, credits_pending_minor, credits_posted_minor ON accounts BEGIN
        UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
        UPDATE accounts SET change_seq = (SELECT seq FROM change_counter WHERE id = 1) WHERE id = NEW.id;
      END;
      CREATE TRIGGER cards_changed_insert AFTER INSERT ON cards BEGIN
        UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
        UPDATE cards SET change_seq = (SELECT seq FROM change_counter WHERE id = 1) WHERE id = NEW.id;
      END;
      CREATE TRIGGER cards_changed_update AFTER UPDATE OF status, pin_failed_attempts, expires_yymm,
        daily_withdrawal_limit_minor ON cards BEGIN
        UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
        UPDATE cards SET change_seq = (SELECT seq FROM change_counter WHERE id = 1) WHERE id = NEW.id;
      END;
      CREATE TRIGGER card_accounts_changed AFTER INSERT ON card_accounts BEGIN
        UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
        UPDATE cards SET change_seq = (SELECT seq FROM change_counter WHERE id = 1) WHERE id = NEW.card_id;
      END;

      -- A customer account may not be debited past its balance plus overdraft (only a growth of debits is checked,
      -- so resolving a hold is never refused here).
      CREATE TRIGGER accounts_debits_within_limit BEFORE UPDATE OF debits_pending_minor, debits_posted_minor ON accounts
      WHEN NEW.customer_id IS NOT NULL
       AND NEW.debits_pending_minor + NEW.debits_posted_minor > OLD.debits_pending_minor + OLD.debits_posted_minor
       AND NEW.credits_posted_minor + NEW.overdraft_limit_minor - NEW.debits_posted_minor - NEW.debits_pending_minor < 0
      BEGIN
        SELECT RAISE(ABORT, 'insufficient funds');
      END;
      CREATE TRIGGER accounts_currency_fixed BEFORE UPDATE OF currency ON accounts
      WHEN NEW.currency IS NOT OLD.currency
      BEGIN
        SELECT RAISE(ABORT, 'an account keeps its currency');
      END;
    `,
  },
  {
    version: 20,
    name: 'ledger',
    sql: `
      -- Immutable, append-only transfers. seq (the rowid) is the bank's order; id is the client's UUID and the
      -- idempotency key of the movement. A post/void copies its pending's amount into pending_amount_minor.
      CREATE TABLE transfers (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
        kind TEXT NOT NULL CHECK (kind IN ('single', 'pending', 'post_pending', 'void_pending')),
        debit_account_id INTEGER NOT NULL REFERENCES accounts(id),
        credit_account_id INTEGER NOT NULL REFERENCES accounts(id),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        pending_amount_minor INTEGER CHECK (pending_amount_minor > 0),
        pending_id TEXT REFERENCES transfers(id),
        reversal_of TEXT REFERENCES transfers(id),
        code TEXT NOT NULL CHECK (code IN ('opening_balance', 'withdrawal', 'deposit', 'transfer', 'reversal')),
        origin TEXT NOT NULL CHECK (origin IN ('online', 'stand_in', 'customer', 'seed')),
        device_id TEXT REFERENCES devices(id),
        card_id INTEGER REFERENCES cards(id),
        business_day TEXT NOT NULL CHECK (length(business_day) = 10),
        reference TEXT CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 64),
        created_at_ms INTEGER NOT NULL,
        CHECK (debit_account_id <> credit_account_id),
        CHECK ((pending_id IS NOT NULL) = (kind IN ('post_pending', 'void_pending'))),
        CHECK ((pending_amount_minor IS NOT NULL) = (pending_id IS NOT NULL)),
        CHECK (kind <> 'post_pending' OR amount_minor <= pending_amount_minor),
        CHECK (kind <> 'void_pending' OR amount_minor = pending_amount_minor),
        CHECK ((reversal_of IS NOT NULL) = (code = 'reversal'))
      ) STRICT;
      -- Exactly-once resolution of a hold, and at most one reversal per original.
      CREATE UNIQUE INDEX transfers_resolve_once ON transfers(pending_id) WHERE pending_id IS NOT NULL;
      CREATE UNIQUE INDEX transfers_reverse_once ON transfers(reversal_of) WHERE reversal_of IS NOT NULL;
      CREATE INDEX transfers_by_debit_account ON transfers(debit_account_id, seq);
      CREATE INDEX transfers_by_credit_account ON transfers(credit_account_id, seq);
      CREATE INDEX transfers_by_device_day ON transfers(device_id, business_day) WHERE device_id IS NOT NULL;
      CREATE INDEX transfers_by_card_day ON transfers(card_id, business_day) WHERE card_id IS NOT NULL;

      CREATE TRIGGER transfers_no_update BEFORE UPDATE ON transfers BEGIN
        SELECT RAISE(ABORT, 'transfers are immutable');
      END;
      CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers BEGIN
        SELECT RAISE(ABORT, 'transfers are append-only');
      END;
      CREATE TRIGGER transfers_same_currency BEFORE INSERT ON transfers
      WHEN (SELECT currency FROM accounts WHERE id = NEW.debit_account_id)
           IS NOT (SELECT currency FROM accounts WHERE id = NEW.credit_account_id)
      BEGIN
        SELECT RAISE(ABORT, 'transfer between accounts of different currencies');
      END;
      CREATE TRIGGER transfers_resolve_matching_pending BEFORE INSERT ON transfers
      WHEN NEW.pending_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM transfers AS p
         WHERE p.id = NEW.pending_id AND p.kind = 'pending' AND p.amount_minor = NEW.pending_amount_minor
           AND p.debit_account_id = NEW.debit_account_id AND p.credit_account_id = NEW.credit_account_id)
      BEGIN
        SELECT RAISE(ABORT, 'post/void must resolve a pending transfer with the same accounts and amount');
      END;

      -- Stored responses of money-moving requests: same (scope, key) + same request hash → the same response.
      CREATE TABLE idempotency_keys (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL CHECK (length(request_hash) = 64),
        status_code INTEGER NOT NULL,
        response_json TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 30,
    name: 'customer-auth',
    sql: `
      -- Refresh tokens are stored by the SHA-256 of their id; a used one that comes back revokes its whole family.
      CREATE TABLE refresh_tokens (
        jti_hash TEXT PRIMARY KEY CHECK (length(jti_hash) = 64),
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        family TEXT NOT NULL,
        expires_at_ms INTEGER NOT NULL,
        used_at_ms INTEGER,
        revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
      ) STRICT;
      CREATE INDEX refresh_tokens_by_family ON refresh_tokens(family);

      CREATE TABLE password_resets (
        token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        expires_at_ms INTEGER NOT NULL,
        used_at_ms INTEGER
      ) STRICT;

      -- Messages for the out-of-band channel (e-mail/SMS sender). The only place a reset token exists in clear.
      CREATE TABLE notifications_outbox (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        channel TEXT NOT NULL CHECK (channel IN ('email')),
        kind TEXT NOT NULL CHECK (kind IN ('password_reset')),
        payload_json TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        sent_at_ms INTEGER
      ) STRICT;
    `,
  },
  {
    version: 40,
    name: 'maintenance',
    sql: `
      -- Holds not yet posted or voided, kept by triggers on transfers in the resolving transaction whatever the path
      -- (kiosk completion or the bank's expiry), so the expiry sweep finds the oldest without scanning the history.
      CREATE TABLE open_holds (
        pending_id TEXT PRIMARY KEY REFERENCES transfers(id),
        created_at_ms INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX open_holds_by_age ON open_holds(created_at_ms);
      INSERT INTO open_holds (pending_id, created_at_ms)
        SELECT t.id, t.created_at_ms FROM transfers AS t
         WHERE t.kind = 'pending' AND NOT EXISTS (SELECT 1 FROM transfers AS r WHERE r.pending_id = t.id);
      CREATE TRIGGER transfers_hold_opened AFTER INSERT ON transfers WHEN NEW.kind = 'pending' BEGIN
        INSERT INTO open_holds (pending_id, created_at_ms) VALUES (NEW.id, NEW.created_at_ms);
      END;
      CREATE TRIGGER transfers_hold_resolved AFTER INSERT ON transfers WHEN NEW.pending_id IS NOT NULL BEGIN
        DELETE FROM open_holds WHERE pending_id = NEW.pending_id;
      END;

      -- Holds the bank voided itself because they outlived the hold age. The void is an ordinary void_pending
      -- transfer (its origin is the hold's; transfers.origin cannot grow a value without rebuilding the append-only
      -- table), and this row records why. Append-only like the transfers.
      CREATE TABLE hold_expiries (
        void_id TEXT PRIMARY KEY REFERENCES transfers(id),
        pending_id TEXT NOT NULL UNIQUE REFERENCES transfers(id),
        hold_created_at_ms INTEGER NOT NULL,
        hold_max_age_ms INTEGER NOT NULL CHECK (hold_max_age_ms > 0),
        expired_at_ms INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER hold_expiries_no_update BEFORE UPDATE ON hold_expiries BEGIN
        SELECT RAISE(ABORT, 'hold expiries are immutable');
      END;
      CREATE TRIGGER hold_expiries_no_delete BEFORE DELETE ON hold_expiries BEGIN
        SELECT RAISE(ABORT, 'hold expiries are append-only');
      END;

      -- Pruning reads the oldest rows first, bounded per run, through these indexes.
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at_ms);
      CREATE INDEX notifications_outbox_sent_by_age ON notifications_outbox(sent_at_ms) WHERE sent_at_ms IS NOT NULL;
      CREATE INDEX notifications_outbox_unsent_by_age ON notifications_outbox(created_at_ms) WHERE sent_at_ms IS NULL;
    `,
  },
  {
    version: 50,
    name: 'credential-retention',
    sql: `
      -- Expired refresh tokens and password-reset records are pruned oldest first, bounded per run.
      CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens(expires_at_ms);
      CREATE INDEX password_resets_by_expiry ON password_resets(expires_at_ms);
    `,
  },
  {
    version: 60,
    name: 'notification-delivery',
    sql: `
      -- Delivery state of the out-of-band sender (bank/notifications). attempts is counted when a message is claimed,
      -- so one that kills the sender mid-send still runs out of attempts; next_attempt_at_ms is the claim's lease or
      -- the retry backoff; last_error is a short reason that never holds the token or the address. A message ends
      -- either sent (sent_at_ms) or given up (gave_up_at_ms + reason), never both. Rows already there are due at once.
      ALTER TABLE notifications_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
      ALTER TABLE notifications_outbox ADD COLUMN next_attempt_at_ms INTEGER NOT NULL DEFAULT 0
        CHECK (next_attempt_at_ms >= 0);
      ALTER TABLE notifications_outbox ADD COLUMN last_error TEXT
        CHECK (last_error IS NULL OR length(last_error) BETWEEN 1 AND 64);
      ALTER TABLE notifications_outbox ADD COLUMN gave_up_at_ms INTEGER
        CHECK (gave_up_at_ms IS NULL OR sent_at_ms IS NULL);
      ALTER TABLE notifications_outbox ADD COLUMN gave_up_reason TEXT
        CHECK ((gave_up_reason IS NULL) = (gave_up_at_ms IS NULL)
               AND (gave_up_reason IS NULL OR gave_up_reason IN ('expired', 'attempts_exhausted', 'invalid_message')));
      -- The sender reads the pending messages oldest first, bounded per run; sent and given-up ones drop out.
      CREATE INDEX notifications_outbox_pending ON notifications_outbox(id)
        WHERE sent_at_ms IS NULL AND gave_up_at_ms IS NULL;
    `,
  },
  {
    version: 70,
    name: 'token-generation',
    sql: `
      -- Every customer access and refresh token carries the generation it was issued under; a password reset or a
      -- refresh token's reuse increments it, so every older token is refused at once, not only when it expires.
      -- Tokens issued before this step carry no generation and are refused: their holders log in again.
      ALTER TABLE customers ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0 CHECK (token_generation >= 0);
    `,
  },
];

/** Applies pending migrations in one transaction; refuses a database written by a newer bank. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = BANK_MIGRATIONS): number[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new Error(`Bank database schema ${current} is newer than this server (${latest}); refusing to downgrade.`);
  }
  const pending = ordered.filter((migration) => migration.version > current);
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
  return pending.map((migration) => migration.version);
}
