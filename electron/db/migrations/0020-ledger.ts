// Schema 20: the ledger's transfers (TigerBeetle's model) and the SQL half of its rules. Transfers are immutable and
// append-only, each pending transfer is resolved at most once, and a customer account's debits never pass its limit,
// whatever the code above does; electron/ledger/ enforces the same rules first and reports them as error codes.
import type { Migration } from '../migrate.ts';

export const migration0020: Migration = {
  version: 20,
  name: 'ledger',
  up(db) {
    db.exec(`
      -- seq is the rowid: the local, monotonic order of transfers (clocks are not trusted for order). Rows are never
      -- deleted, so max(seq) + 1 never reuses a number without AUTOINCREMENT's extra bookkeeping. id, the UUIDv7 the
      -- kiosk made before any network call, is the idempotency key: UNIQUE NOT NULL, i.e. the external primary key.
      -- pending_amount_minor copies the resolved pending's amount onto a post/void so verifyBalances can recompute
      -- the pending counters in one scan, without joining each resolution to its pending.
      -- A void carries the whole pending amount (amount_minor = pending_amount_minor), so amount_minor > 0 always.
      CREATE TABLE transfers (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
        debit_account_id INTEGER NOT NULL REFERENCES accounts(id),
        credit_account_id INTEGER NOT NULL REFERENCES accounts(id),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        pending_amount_minor INTEGER CHECK (pending_amount_minor > 0),
        code TEXT NOT NULL CHECK (code IN ('opening_balance', 'withdrawal', 'deposit', 'transfer', 'fee', 'reversal',
                                           'replenishment', 'cash_adjustment')),
        kind TEXT NOT NULL CHECK (kind IN ('single', 'pending', 'post_pending', 'void_pending')),
        pending_id TEXT REFERENCES transfers(id),
        linked_id TEXT REFERENCES transfers(id),
        reference TEXT CHECK (length(reference) BETWEEN 1 AND 64),
        created_at_ms INTEGER NOT NULL CHECK (created_at_ms >= 0),
        CHECK (debit_account_id <> credit_account_id),
        CHECK ((pending_id IS NOT NULL) = (kind IN ('post_pending', 'void_pending'))),
        CHECK ((pending_amount_minor IS NOT NULL) = (pending_id IS NOT NULL)),
        CHECK (kind <> 'post_pending' OR amount_minor <= pending_amount_minor),
        CHECK (kind <> 'void_pending' OR amount_minor = pending_amount_minor)
      ) STRICT;

      -- Each pending transfer is posted or voided exactly once: a second resolution cannot be inserted.
      CREATE UNIQUE INDEX transfers_resolve_once ON transfers(pending_id) WHERE pending_id IS NOT NULL;
      -- One index per side serves both the mini statement ("WHERE debit_account_id = ? ORDER BY seq DESC LIMIT n",
      -- no sort) and start-up verification (per-account sums read from the index alone, in account order, with no
      -- table reads and no sort): hence the trailing kind and amounts.
      CREATE INDEX transfers_by_debit_account
        ON transfers(debit_account_id, seq, kind, amount_minor, pending_amount_minor);
      CREATE INDEX transfers_by_credit_account
        ON transfers(credit_account_id, seq, kind, amount_minor, pending_amount_minor);

      CREATE TRIGGER transfers_no_update BEFORE UPDATE ON transfers
      BEGIN
        SELECT RAISE(ABORT, 'transfers are immutable');
      END;

      CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers
      BEGIN
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
           AND p.debit_account_id = NEW.debit_account_id AND p.credit_account_id = NEW.credit_account_id
           AND p.code = NEW.code)
      BEGIN
        SELECT RAISE(ABORT, 'post/void must resolve a pending transfer with the same accounts, code and amount');
      END;

      -- A customer account may not be debited past its balance plus overdraft. Only a growth of its debits is
      -- checked, so posting or voiding a hold (which only lowers what is used) and a lowered overdraft limit on an
      -- account already overdrawn are never refused here.
      CREATE TRIGGER accounts_debits_within_limit BEFORE UPDATE OF debits_pending_minor, debits_posted_minor ON accounts
      WHEN NEW.customer_id IS NOT NULL
       AND NEW.debits_pending_minor + NEW.debits_posted_minor > OLD.debits_pending_minor + OLD.debits_posted_minor
       AND NEW.credits_posted_minor + NEW.overdraft_limit_minor - NEW.debits_posted_minor - NEW.debits_pending_minor < 0
      BEGIN
        SELECT RAISE(ABORT, 'insufficient funds');
      END;

      -- An account's transfers are all in its one currency; changing it would silently re-denominate them.
      CREATE TRIGGER accounts_currency_fixed BEFORE UPDATE OF currency ON accounts
      WHEN NEW.currency IS NOT OLD.currency
      BEGIN
        SELECT RAISE(ABORT, 'an account keeps its currency');
      END;
    `);
  },
};
