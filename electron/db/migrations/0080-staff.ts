// Schema 80: branch staff. Accounts (argon2id password hashes only; the TOTP secret sealed with AES-256-GCM under a
// keychain key, never in clear), their lockout state, replenishment cycles with their per-cassette counters, closed
// day totals, and why a retained card was released.
import type { Migration } from '../migrate.ts';

export const migration0080: Migration = {
  version: 80,
  name: 'staff',
  up(db) {
    db.exec(`
      CREATE TABLE staff_accounts (
        staff_id TEXT PRIMARY KEY CHECK (length(staff_id) BETWEEN 3 AND 32 AND staff_id NOT GLOB '*[^A-Za-z0-9._-]*'),
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
        role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor')),
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        must_change_password INTEGER NOT NULL CHECK (must_change_password IN (0, 1)),
        -- 'v1:' + base64(iv | tag | ciphertext), AES-256-GCM with the staff id as associated data.
        totp_secret_sealed TEXT CHECK (totp_secret_sealed IS NULL OR totp_secret_sealed LIKE 'v1:%'),
        -- The last 30-second step whose code was accepted: a code is never accepted twice.
        totp_last_step INTEGER NOT NULL DEFAULT 0 CHECK (totp_last_step >= 0),
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until_ms INTEGER CHECK (locked_until_ms IS NULL OR locked_until_ms >= 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- One row per replenishment: Cassette Total (totalled) → counted notes (counted) → Add Cash (loaded) → Trial
      -- Cassette Total (closed). At most one cycle is open (the kiosk has one currency).
      CREATE TABLE replenishment_cycles (
        id INTEGER PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('totalled', 'counted', 'loaded', 'closed')),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        expected_cash_minor INTEGER NOT NULL CHECK (expected_cash_minor >= 0),
        expected_rejects_minor INTEGER NOT NULL CHECK (expected_rejects_minor >= 0),
        retract_bin_notes INTEGER NOT NULL CHECK (retract_bin_notes >= 0),
        counted_minor INTEGER CHECK (counted_minor IS NULL OR counted_minor >= 0),
        variance_minor INTEGER,
        loaded_minor INTEGER CHECK (loaded_minor IS NULL OR loaded_minor >= 0),
        totalled_by TEXT NOT NULL,
        totalled_at TEXT NOT NULL,
        counted_by TEXT,
        counted_confirmed_by TEXT,
        loaded_by TEXT,
        loaded_confirmed_by TEXT,
        closed_by TEXT,
        closed_at TEXT,
        CHECK ((state = 'closed') = (closed_at IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX replenishment_cycles_one_open ON replenishment_cycles(currency) WHERE state <> 'closed';

      CREATE TABLE replenishment_counters (
        cycle_id INTEGER NOT NULL REFERENCES replenishment_cycles(id),
        position INTEGER NOT NULL CHECK (position >= 1),
        denomination_minor INTEGER NOT NULL CHECK (denomination_minor > 0),
        expected_notes INTEGER NOT NULL CHECK (expected_notes >= 0),
        expected_rejects INTEGER NOT NULL CHECK (expected_rejects >= 0),
        counted_notes INTEGER CHECK (counted_notes IS NULL OR counted_notes >= 0),
        counted_rejects INTEGER CHECK (counted_rejects IS NULL OR counted_rejects >= 0),
        loaded_denomination_minor INTEGER CHECK (loaded_denomination_minor IS NULL OR loaded_denomination_minor > 0),
        loaded_notes INTEGER CHECK (loaded_notes IS NULL OR loaded_notes >= 0),
        PRIMARY KEY (cycle_id, position)
      ) STRICT;

      -- Closed business periods (Day Total). The bank's figures are null for a standalone kiosk.
      CREATE TABLE day_totals (
        id INTEGER PRIMARY KEY,
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL,
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        withdrawals_count INTEGER NOT NULL CHECK (withdrawals_count >= 0),
        withdrawals_minor INTEGER NOT NULL CHECK (withdrawals_minor >= 0),
        deposits_count INTEGER NOT NULL CHECK (deposits_count >= 0),
        deposits_minor INTEGER NOT NULL CHECK (deposits_minor >= 0),
        transfers_count INTEGER NOT NULL CHECK (transfers_count >= 0),
        transfers_minor INTEGER NOT NULL CHECK (transfers_minor >= 0),
        fees_minor INTEGER NOT NULL CHECK (fees_minor >= 0),
        bank_withdrawals_minor INTEGER,
        bank_deposits_minor INTEGER,
        variance_minor INTEGER,
        flagged INTEGER NOT NULL CHECK (flagged IN (0, 1)),
        variance_transfer_id TEXT,
        closed_by TEXT NOT NULL,
        CHECK (period_from <= period_to)
      ) STRICT;

      ALTER TABLE retained_cards ADD COLUMN release_reason TEXT
        CHECK (release_reason IS NULL OR release_reason IN ('customer_identified', 'returned_to_issuer', 'destroyed', 'other'));
      ALTER TABLE retained_cards ADD COLUMN release_note TEXT
        CHECK (release_note IS NULL OR length(release_note) BETWEEN 1 AND 120);
    `);
  },
};
