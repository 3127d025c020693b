// Schema 10: the kiosk's identity, customers, the ledger's accounts, cards, and the retained-cards log. Card numbers
// are stored only as a keyed hash plus the last four digits; PINs only as argon2id PHC strings.
import type { Migration } from '../migrate.ts';

export const migration0010: Migration = {
  version: 10,
  name: 'cards-and-accounts',
  up(db) {
    db.exec(`
      CREATE TABLE kiosk_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
        created_at TEXT NOT NULL
      ) STRICT;

      -- Ledger accounts (TigerBeetle's model): customer accounts (liabilities, credit-normal) and the kiosk's internal
      -- accounts (cash in the cassettes, the reject bin and the deposit bin; settlement; overs/unders), which have no
      -- customer and no account number. The four counters are
      -- caches of the transfers (migration 20), updated in the transfer's own transaction and verified at start-up.
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER REFERENCES customers(id),
        account_number TEXT UNIQUE CHECK (length(account_number) BETWEEN 6 AND 34),
        label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
        kind TEXT NOT NULL CHECK (kind IN ('checking', 'savings', 'kiosk_cash', 'kiosk_rejects', 'kiosk_deposits',
                                           'settlement', 'overs_unders')),
        currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'),
        overdraft_limit_minor INTEGER NOT NULL DEFAULT 0 CHECK (overdraft_limit_minor >= 0),
        debits_pending_minor INTEGER NOT NULL DEFAULT 0 CHECK (debits_pending_minor >= 0),
        debits_posted_minor INTEGER NOT NULL DEFAULT 0 CHECK (debits_posted_minor >= 0),
        credits_pending_minor INTEGER NOT NULL DEFAULT 0 CHECK (credits_pending_minor >= 0),
        credits_posted_minor INTEGER NOT NULL DEFAULT 0 CHECK (credits_posted_minor >= 0),
        status TEXT NOT NULL CHECK (status IN ('open', 'frozen', 'closed')),
        CHECK ((customer_id IS NOT NULL) = (kind IN ('checking', 'savings'))),
        CHECK ((customer_id IS NOT NULL) = (account_number IS NOT NULL)),
        CHECK (customer_id IS NOT NULL OR overdraft_limit_minor = 0)
      ) STRICT;
      CREATE INDEX accounts_by_customer ON accounts(customer_id);
      CREATE UNIQUE INDEX accounts_internal_by_kind ON accounts(kind, currency) WHERE customer_id IS NULL;

      CREATE TABLE cards (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        pan_hmac TEXT NOT NULL UNIQUE CHECK (length(pan_hmac) = 64),
        pan_last4 TEXT NOT NULL CHECK (length(pan_last4) = 4),
        expires_yymm TEXT NOT NULL CHECK (length(expires_yymm) = 4),
        status TEXT NOT NULL CHECK (status IN ('active', 'blocked', 'retained')),
        pin_hash TEXT NOT NULL CHECK (pin_hash LIKE '$argon2id$%'),
        pin_failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (pin_failed_attempts >= 0),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE card_accounts (
        card_id INTEGER NOT NULL REFERENCES cards(id),
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        PRIMARY KEY (card_id, account_id)
      ) STRICT;

      CREATE TABLE retained_cards (
        id INTEGER PRIMARY KEY,
        card_id INTEGER NOT NULL REFERENCES cards(id),
        retained_at TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('pin_attempts_exceeded')),
        released_at TEXT,
        released_by TEXT
      ) STRICT;
    `);
  },
};
