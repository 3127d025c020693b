// Schema 50: customer transactions (the receipt and limits source, one row per customer request, with its STAN and
// RRN) and the trace-number counter. Money itself moves only as ledger transfers; this table says why and for whom.
import type { Migration } from '../migrate.ts';

export const migration0050: Migration = {
  version: 50,
  name: 'transactions',
  up(db) {
    db.exec(`
      CREATE TABLE trace_counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL CHECK (value >= 0)
      ) STRICT;

      CREATE TABLE customer_transactions (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        card_id INTEGER NOT NULL REFERENCES cards(id),
        kind TEXT NOT NULL CHECK (kind IN ('withdrawal', 'deposit', 'transfer', 'balance', 'mini_statement', 'pin_change')),
        account_id INTEGER REFERENCES accounts(id),
        counterparty_account_id INTEGER REFERENCES accounts(id),
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        completed_minor INTEGER NOT NULL DEFAULT 0 CHECK (completed_minor >= 0 AND completed_minor <= amount_minor),
        fee_minor INTEGER NOT NULL DEFAULT 0 CHECK (fee_minor >= 0),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        business_day TEXT NOT NULL,
        stan TEXT NOT NULL CHECK (length(stan) = 6),
        rrn TEXT NOT NULL UNIQUE CHECK (length(rrn) = 12),
        status TEXT NOT NULL CHECK (status IN ('authorised', 'completed', 'declined', 'reversed')),
        refusal_code TEXT,
        pending_transfer_id TEXT,
        reversal_of TEXT UNIQUE REFERENCES customer_transactions(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (business_day, stan)
      ) STRICT;
      CREATE INDEX customer_transactions_by_card_day ON customer_transactions(card_id, business_day, kind);
    `);
  },
};
