CREATE INDEX accounts_by_customer ON accounts(customer_id);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  account_number TEXT NOT NULL UNIQUE CHECK (length(account_number) BETWEEN 6 AND 34),
  label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
  kind TEXT NOT NULL CHECK (kind IN ('checking', 'savings')),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  ledger_balance_minor INTEGER NOT NULL,
  pending_debits_minor INTEGER NOT NULL DEFAULT 0 CHECK (pending_debits_minor >= 0),
  status TEXT NOT NULL CHECK (status IN ('open', 'frozen', 'closed'))
  ) STRICT;

CREATE TABLE card_accounts (
  card_id INTEGER NOT NULL REFERENCES cards(id),
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  PRIMARY KEY (card_id, account_id)
  ) STRICT;

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

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
  created_at TEXT NOT NULL
  ) STRICT;

CREATE TABLE kiosk_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
  ) STRICT;

CREATE TABLE retained_cards (
  id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES cards(id),
  retained_at TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('pin_attempts_exceeded')),
  released_at TEXT,
  released_by TEXT
  ) STRICT;
