CREATE INDEX accounts_by_customer ON accounts(customer_id);

CREATE UNIQUE INDEX accounts_internal_by_kind ON accounts(kind, currency) WHERE customer_id IS NULL;

CREATE UNIQUE INDEX cards_by_bank_card_key ON cards(bank_card_key) WHERE bank_card_key IS NOT NULL;

CREATE INDEX cash_movements_by_cassette ON cash_movements(cassette_id);

CREATE INDEX customer_transactions_by_card_day ON customer_transactions(card_id, business_day, kind);

CREATE INDEX deposit_holds_due ON deposit_holds(release_at_ms) WHERE released_at_ms IS NULL;

CREATE INDEX deposit_operations_unresolved ON deposit_operations(seq) WHERE status = 'in_progress';

CREATE INDEX journal_by_kind ON journal(kind);

CREATE INDEX journal_by_masked_pan ON journal(masked_pan) WHERE masked_pan IS NOT NULL;

CREATE INDEX journal_by_recorded_at ON journal(recorded_at);

CREATE INDEX journal_by_session ON journal(session_id) WHERE session_id IS NOT NULL;

CREATE INDEX journal_by_staff ON journal(staff_id) WHERE staff_id IS NOT NULL;

CREATE INDEX journal_by_stan ON journal(stan) WHERE stan IS NOT NULL;

CREATE UNIQUE INDEX replenishment_cycles_one_open ON replenishment_cycles(currency) WHERE state <> 'closed';

CREATE INDEX sync_exceptions_open ON sync_exceptions(account_id) WHERE resolved_at_ms IS NULL;

CREATE INDEX sync_outbox_done ON sync_outbox(seq) WHERE status IN ('done', 'discarded');

CREATE INDEX sync_outbox_open ON sync_outbox(status, seq) WHERE status IN ('held', 'pending', 'parked');

CREATE INDEX sync_outbox_open_by_account ON sync_outbox(account_id)
  WHERE status IN ('held', 'pending', 'parked') AND account_id IS NOT NULL;

CREATE INDEX sync_outbox_open_by_counterparty ON sync_outbox(counterparty_account_id)
  WHERE status IN ('held', 'pending', 'parked') AND counterparty_account_id IS NOT NULL;

CREATE UNIQUE INDEX sync_stand_ins_by_advice ON sync_stand_ins(advice_key) WHERE advice_key IS NOT NULL;

CREATE INDEX sync_stand_ins_by_card_day ON sync_stand_ins(card_id, business_day);

CREATE INDEX sync_stand_ins_outstanding ON sync_stand_ins(state) WHERE state IN ('held', 'queued');

CREATE INDEX test_dispenses_unresolved ON test_dispenses(seq) WHERE status = 'in_progress';

CREATE INDEX transfers_by_credit_account
  ON transfers(credit_account_id, seq, kind, amount_minor, pending_amount_minor);

CREATE INDEX transfers_by_debit_account
  ON transfers(debit_account_id, seq, kind, amount_minor, pending_amount_minor);

CREATE UNIQUE INDEX transfers_resolve_once ON transfers(pending_id) WHERE pending_id IS NOT NULL;

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
  , bank_card_key TEXT
  CHECK (bank_card_key IS NULL OR (length(bank_card_key) = 64 AND bank_card_key NOT GLOB '*[^0-9a-f]*')), bank_daily_withdrawal_limit_minor INTEGER
  CHECK (bank_daily_withdrawal_limit_minor IS NULL OR bank_daily_withdrawal_limit_minor >= 0)) STRICT;

CREATE TABLE cash_movements (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('load', 'unload', 'dispense', 'retract', 'empty_retract_bin')),
  cassette_id INTEGER REFERENCES cassettes(id),
  denomination_minor INTEGER CHECK (denomination_minor > 0),
  count_delta INTEGER NOT NULL DEFAULT 0,
  rejects_delta INTEGER NOT NULL DEFAULT 0,
  retracted_delta INTEGER NOT NULL DEFAULT 0,
  reference TEXT CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 64),
  created_at TEXT NOT NULL,
  CHECK ((cassette_id IS NULL) = (kind IN ('retract', 'empty_retract_bin'))),
  CHECK ((cassette_id IS NULL) = (denomination_minor IS NULL))
  ) STRICT;

CREATE TABLE cassettes (
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE CHECK (position >= 1),
  denomination_minor INTEGER NOT NULL CHECK (denomination_minor > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  count INTEGER NOT NULL CHECK (count >= 0),
  rejects INTEGER NOT NULL DEFAULT 0 CHECK (rejects >= 0),
  status TEXT NOT NULL CHECK (status IN ('ok', 'low', 'empty', 'fault')),
  updated_at TEXT NOT NULL
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

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
  created_at TEXT NOT NULL
  ) STRICT;

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

CREATE TABLE deposit_holds (
  pending_id TEXT PRIMARY KEY REFERENCES transfers(id) CHECK (length(pending_id) = 36),
  transaction_id TEXT NOT NULL UNIQUE REFERENCES customer_transactions(id),
  release_at_ms INTEGER NOT NULL CHECK (release_at_ms >= 0),
  released_at_ms INTEGER CHECK (released_at_ms IS NULL OR released_at_ms >= 0),
  resolution_id TEXT REFERENCES transfers(id) CHECK (resolution_id IS NULL OR length(resolution_id) = 36),
  CHECK ((released_at_ms IS NULL) = (resolution_id IS NULL))
  ) STRICT;

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

CREATE TABLE journal (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  recorded_at TEXT NOT NULL
  CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  kind TEXT NOT NULL CHECK (
  length(kind) BETWEEN 3 AND 64 AND kind GLOB '[a-z_]*.[a-z_]*'
  AND kind NOT GLOB '*[^a-z_.]*' AND kind NOT GLOB '*.*.*'
  ),
  session_id TEXT CHECK (length(session_id) BETWEEN 1 AND 64),
  stan TEXT CHECK (length(stan) = 6 AND stan NOT GLOB '*[^0-9]*'),
  masked_pan TEXT CHECK (masked_pan GLOB '•••• [0-9][0-9][0-9][0-9]' AND length(masked_pan) = 9),
  staff_id TEXT CHECK (length(staff_id) BETWEEN 1 AND 64),
  amount_minor INTEGER CHECK (amount_minor >= 0),
  currency TEXT CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
  data TEXT NOT NULL CHECK (json_valid(data) AND json_type(data) = 'object'),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'),
  hash TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
  CHECK ((amount_minor IS NULL) = (currency IS NULL))
  ) STRICT;

CREATE TABLE kiosk_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
  ) STRICT;

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

CREATE TABLE "retained_cards" (
  id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES cards(id),
  retained_at TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('pin_attempts_exceeded', 'card_not_taken')),
  released_at TEXT,
  released_by TEXT
  , release_reason TEXT
  CHECK (release_reason IS NULL OR release_reason IN ('customer_identified', 'returned_to_issuer', 'destroyed', 'other')), release_note TEXT
  CHECK (release_note IS NULL OR length(release_note) BETWEEN 1 AND 120)) STRICT;

CREATE TABLE retract_bin (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  notes INTEGER NOT NULL CHECK (notes >= 0),
  updated_at TEXT NOT NULL
  ) STRICT;

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

CREATE TABLE staff_cards (
  staff_id TEXT PRIMARY KEY REFERENCES staff_accounts(staff_id),
  pan_hmac TEXT NOT NULL UNIQUE CHECK (length(pan_hmac) = 64 AND pan_hmac NOT GLOB '*[^0-9a-f]*'),
  pan_last4 TEXT NOT NULL CHECK (length(pan_last4) = 4 AND pan_last4 NOT GLOB '*[^0-9]*'),
  bound_by TEXT NOT NULL,
  bound_at TEXT NOT NULL
  ) STRICT;

CREATE TABLE sync_deferred_accounts (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
  state TEXT NOT NULL CHECK (json_valid(state) AND length(state) <= 2048),
  deferred_at_ms INTEGER NOT NULL
  ) STRICT;

CREATE TABLE "sync_exceptions" (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('advice_declined', 'adjustment_refused')),
  outbox_seq INTEGER REFERENCES "sync_outbox"(seq),
  account_id INTEGER REFERENCES accounts(id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency TEXT CHECK (currency IS NULL OR length(currency) = 3),
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 64),
  created_at_ms INTEGER NOT NULL,
  resolved_at_ms INTEGER,
  resolved_by TEXT CHECK (resolved_by IS NULL OR length(resolved_by) BETWEEN 1 AND 64),
  CHECK ((resolved_at_ms IS NULL) = (resolved_by IS NULL))
  ) STRICT;

CREATE TABLE "sync_outbox" (
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
  , counterparty_account_id INTEGER REFERENCES accounts(id)) STRICT;

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

CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  -- The bank's changes-feed cursor, stored in the transaction that applied its page.
  changes_cursor INTEGER NOT NULL DEFAULT 0 CHECK (changes_cursor >= 0),
  -- Kept by the triggers below so the capacity check is O(1); the CHECK is the hard stop.
  open_rows INTEGER NOT NULL DEFAULT 0 CHECK (open_rows >= 0 AND open_rows <= 50000)
  ) STRICT;

CREATE TABLE test_dispenses (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
  staff_id TEXT NOT NULL CHECK (length(staff_id) BETWEEN 1 AND 64),
  cassette_id INTEGER NOT NULL REFERENCES cassettes(id),
  position INTEGER NOT NULL CHECK (position >= 1),
  denomination_minor INTEGER NOT NULL CHECK (denomination_minor > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  notes_asked INTEGER NOT NULL CHECK (notes_asked > 0),
  presented_notes INTEGER CHECK (presented_notes >= 0),
  rejected_notes INTEGER CHECK (rejected_notes >= 0),
  booked_at TEXT,
  retracted_notes INTEGER CHECK (retracted_notes >= 0),
  status TEXT NOT NULL DEFAULT 'in_progress'
  CHECK (status IN ('in_progress', 'taken', 'retracted', 'not_presented', 'not_dispensed')),
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  CHECK ((status = 'in_progress') = (resolved_at IS NULL)),
  CHECK ((booked_at IS NULL) = (presented_notes IS NULL) AND (booked_at IS NULL) = (rejected_notes IS NULL)),
  CHECK ((status = 'not_dispensed') = (status <> 'in_progress' AND booked_at IS NULL)),
  CHECK ((status = 'retracted') = (retracted_notes IS NOT NULL)),
  CHECK (retracted_notes IS NULL OR retracted_notes <= presented_notes)
  ) STRICT;

CREATE TABLE trace_counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL CHECK (value >= 0)
  ) STRICT;

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

CREATE TRIGGER accounts_currency_fixed BEFORE UPDATE OF currency ON accounts
  WHEN NEW.currency IS NOT OLD.currency
  BEGIN
  SELECT RAISE(ABORT, 'an account keeps its currency');
  END;

CREATE TRIGGER accounts_debits_within_limit BEFORE UPDATE OF debits_pending_minor, debits_posted_minor ON accounts
  WHEN NEW.customer_id IS NOT NULL
  AND NEW.debits_pending_minor + NEW.debits_posted_minor > OLD.debits_pending_minor + OLD.debits_posted_minor
  AND NEW.credits_posted_minor + NEW.overdraft_limit_minor - NEW.debits_posted_minor - NEW.debits_pending_minor < 0
  BEGIN
  SELECT RAISE(ABORT, 'insufficient funds');
  END;

CREATE TRIGGER cards_not_staff_cards BEFORE INSERT ON cards
  WHEN EXISTS (SELECT 1 FROM staff_cards WHERE pan_hmac = NEW.pan_hmac)
  BEGIN SELECT RAISE(ABORT, 'card is a staff card'); END;

CREATE TRIGGER cards_update_not_staff_cards BEFORE UPDATE OF pan_hmac ON cards
  WHEN EXISTS (SELECT 1 FROM staff_cards WHERE pan_hmac = NEW.pan_hmac)
  BEGIN SELECT RAISE(ABORT, 'card is a staff card'); END;

CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements
  BEGIN
  SELECT RAISE(ABORT, 'cash_movements is append-only');
  END;

CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements
  BEGIN
  SELECT RAISE(ABORT, 'cash_movements is append-only');
  END;

CREATE TRIGGER deposit_holds_no_delete BEFORE DELETE ON deposit_holds
  BEGIN
  SELECT RAISE(ABORT, 'deposit holds are kept');
  END;

CREATE TRIGGER deposit_holds_release_once BEFORE UPDATE ON deposit_holds
  WHEN OLD.released_at_ms IS NOT NULL OR NEW.pending_id IS NOT OLD.pending_id
  OR NEW.transaction_id IS NOT OLD.transaction_id OR NEW.release_at_ms IS NOT OLD.release_at_ms
  BEGIN
  SELECT RAISE(ABORT, 'a deposit hold is released once and never changed otherwise');
  END;

CREATE TRIGGER deposit_operations_no_delete BEFORE DELETE ON deposit_operations
  BEGIN
  SELECT RAISE(ABORT, 'deposit operations are kept');
  END;

CREATE TRIGGER deposit_operations_resolve_once BEFORE UPDATE ON deposit_operations
  WHEN OLD.status <> 'in_progress' OR NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id
  OR NEW.session_id IS NOT OLD.session_id OR NEW.card_id IS NOT OLD.card_id
  OR NEW.masked_pan IS NOT OLD.masked_pan OR NEW.account_id IS NOT OLD.account_id
  OR NEW.currency IS NOT OLD.currency OR NEW.inserted_notes IS NOT OLD.inserted_notes
  OR NEW.inserted_minor IS NOT OLD.inserted_minor OR NEW.created_at IS NOT OLD.created_at
  BEGIN
  SELECT RAISE(ABORT, 'a deposit operation is resolved once and never changed otherwise');
  END;

CREATE TRIGGER journal_append_in_sequence BEFORE INSERT ON journal
  WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM journal)
  OR NEW.prev_hash IS NOT coalesce(
  (SELECT hash FROM journal WHERE seq = NEW.seq - 1),
  '0000000000000000000000000000000000000000000000000000000000000000'
  )
  BEGIN
  SELECT RAISE(ABORT, 'journal rows are appended in sequence, each chained to the row before');
  END;

CREATE TRIGGER journal_never_deleted BEFORE DELETE ON journal
  BEGIN
  SELECT RAISE(ABORT, 'journal rows are never deleted');
  END;

CREATE TRIGGER journal_never_updated BEFORE UPDATE ON journal
  BEGIN
  SELECT RAISE(ABORT, 'journal rows are never changed');
  END;

CREATE TRIGGER staff_cards_not_customer_cards BEFORE INSERT ON staff_cards
  WHEN EXISTS (SELECT 1 FROM cards WHERE pan_hmac = NEW.pan_hmac)
  BEGIN SELECT RAISE(ABORT, 'card is a customer card'); END;

CREATE TRIGGER staff_cards_pan_immutable BEFORE UPDATE OF pan_hmac ON staff_cards
  BEGIN SELECT RAISE(ABORT, 'unbind the staff card and bind the new one'); END;

CREATE TRIGGER sync_outbox_body_fixed BEFORE UPDATE OF request_key, op, body ON sync_outbox
  BEGIN
  SELECT RAISE(ABORT, 'an outbox request is retried byte for byte');
  END;

CREATE TRIGGER sync_outbox_count_delete AFTER DELETE ON sync_outbox
  WHEN OLD.status IN ('held', 'pending', 'parked')
  BEGIN
  SELECT RAISE(ABORT, 'an unacknowledged outbox row is never deleted');
  END;

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

CREATE TRIGGER test_dispenses_no_delete BEFORE DELETE ON test_dispenses
  BEGIN
  SELECT RAISE(ABORT, 'test dispenses are kept');
  END;

CREATE TRIGGER test_dispenses_resolve_once BEFORE UPDATE ON test_dispenses
  WHEN OLD.status <> 'in_progress' OR NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id
  OR NEW.staff_id IS NOT OLD.staff_id OR NEW.cassette_id IS NOT OLD.cassette_id
  OR NEW.position IS NOT OLD.position OR NEW.denomination_minor IS NOT OLD.denomination_minor
  OR NEW.currency IS NOT OLD.currency OR NEW.notes_asked IS NOT OLD.notes_asked
  OR NEW.created_at IS NOT OLD.created_at
  OR (OLD.booked_at IS NOT NULL AND (NEW.booked_at IS NOT OLD.booked_at
  OR NEW.presented_notes IS NOT OLD.presented_notes OR NEW.rejected_notes IS NOT OLD.rejected_notes))
  BEGIN
  SELECT RAISE(ABORT, 'a test dispense is booked once, resolved once and never changed otherwise');
  END;

CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers
  BEGIN
  SELECT RAISE(ABORT, 'transfers are append-only');
  END;

CREATE TRIGGER transfers_no_update BEFORE UPDATE ON transfers
  BEGIN
  SELECT RAISE(ABORT, 'transfers are immutable');
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

CREATE TRIGGER transfers_same_currency BEFORE INSERT ON transfers
  WHEN (SELECT currency FROM accounts WHERE id = NEW.debit_account_id)
  IS NOT (SELECT currency FROM accounts WHERE id = NEW.credit_account_id)
  BEGIN
  SELECT RAISE(ABORT, 'transfer between accounts of different currencies');
  END;
