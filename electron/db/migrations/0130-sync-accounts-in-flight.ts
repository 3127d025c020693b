// Schema 130: what the changes feed needs to leave an account alone while the kiosk's own requests could explain a
// difference. An outbox row may name a second account it moves money for (a transfer's recipient, and so the
// reversal queued behind a transfer without an answer), and a bank account state the kiosk could not book yet is
// kept, one per account, so a later pull books it even when the bank has nothing new to report for that account.
import type { Migration } from '../migrate.ts';

export const migration0130: Migration = {
  version: 130,
  name: 'sync-accounts-in-flight',
  up(db) {
    db.exec(`
      ALTER TABLE sync_outbox ADD COLUMN counterparty_account_id INTEGER REFERENCES accounts(id);
      CREATE INDEX sync_outbox_open_by_counterparty ON sync_outbox(counterparty_account_id)
        WHERE status IN ('held', 'pending', 'parked') AND counterparty_account_id IS NOT NULL;

      -- The bank's latest reported state of an account whose difference was left for later (the AccountState JSON
      -- of the page that reported it). Replaced by a newer report, deleted once the account agrees or is booked.
      CREATE TABLE sync_deferred_accounts (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
        state TEXT NOT NULL CHECK (json_valid(state) AND length(state) <= 2048),
        deferred_at_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
