// The bank's double-entry ledger: every movement is an immutable transfer from one account to another, applied
// together with the cached counters of both accounts inside the caller's synchronous transaction, so Σ balances over
// all accounts is always 0. Holds are two-phase (pending → post full/partial or void), each resolved exactly once;
// a hold nobody resolves within the hold age is voided by the bank itself (expireHold), through the same path.
import { uuidv7 } from '../../shared/ids.ts';
import { BankError } from '../errors.ts';
import type { Db } from './open-store.ts';

export type AccountKind = 'checking' | 'savings' | 'atm_cash' | 'clearing';
export type TransferKind = 'single' | 'pending' | 'post_pending' | 'void_pending';
export type TransferCode = 'opening_balance' | 'withdrawal' | 'deposit' | 'transfer' | 'reversal';
export type TransferOrigin = 'online' | 'stand_in' | 'customer' | 'seed';

export type AccountRow = {
  id: number;
  customer_id: number | null;
  account_number: string | null;
  label: string;
  kind: AccountKind;
  currency: string;
  status: 'open' | 'frozen' | 'closed';
  overdraft_limit_minor: number;
  debits_pending_minor: number;
  debits_posted_minor: number;
  credits_pending_minor: number;
  credits_posted_minor: number;
  change_seq: number;
};

export type TransferRow = {
  seq: number;
  id: string;
  kind: TransferKind;
  debit_account_id: number;
  credit_account_id: number;
  amount_minor: number;
  pending_amount_minor: number | null;
  pending_id: string | null;
  reversal_of: string | null;
  code: TransferCode;
  origin: TransferOrigin;
  device_id: string | null;
  card_id: number | null;
  business_day: string;
  reference: string | null;
  created_at_ms: number;
};

export type NewMovement = {
  readonly id: string;
  readonly kind: 'single' | 'pending';
  readonly debitAccountId: number;
  readonly creditAccountId: number;
  readonly amountMinor: number;
  readonly code: TransferCode;
  readonly origin: TransferOrigin;
  readonly deviceId?: string | null;
  readonly cardId?: number | null;
  readonly reference?: string | null;
  readonly reversalOf?: string | null;
};

export type Resolution = {
  readonly id: string;
  readonly pendingId: string;
  readonly action: 'post' | 'void';
  /** post: 1 … pending amount (default all); void: ignored. */
  readonly amountMinor?: number;
  readonly deviceId?: string | null;
};

const ACCOUNT_COLUMNS = `id, customer_id, account_number, label, kind, currency, status, overdraft_limit_minor,
  debits_pending_minor, debits_posted_minor, credits_pending_minor, credits_posted_minor, change_seq`;
const TRANSFER_COLUMNS = `seq, id, kind, debit_account_id, credit_account_id, amount_minor, pending_amount_minor,
  pending_id, reversal_of, code, origin, device_id, card_id, business_day, reference, created_at_ms`;

const CREDIT_NORMAL: ReadonlySet<AccountKind> = new Set(['checking', 'savings']);

/** Posted balance on the account's normal side (customer accounts: what the bank owes the customer). */
export function balanceOf(row: AccountRow): number {
  return CREDIT_NORMAL.has(row.kind)
    ? row.credits_posted_minor - row.debits_posted_minor
    : row.debits_posted_minor - row.credits_posted_minor;
}

/** What the holder may still take: posted − holds + overdraft (customer accounts). */
export function availableOf(row: AccountRow): number {
  return CREDIT_NORMAL.has(row.kind)
    ? row.credits_posted_minor - row.debits_posted_minor - row.debits_pending_minor + row.overdraft_limit_minor
    : balanceOf(row);
}

export function businessDayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function createBankLedger(db: Db, now: () => number) {
  const accountById = db.prepare<{ id: number }, AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = @id`);
  const accountByNumber = db.prepare<{ n: string }, AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE account_number = @n`,
  );
  const internalAccount = db.prepare<{ kind: AccountKind; currency: string }, { id: number }>(
    'SELECT id FROM accounts WHERE kind = @kind AND currency = @currency AND customer_id IS NULL',
  );
  const insertInternal = db.prepare<{ kind: AccountKind; currency: string; label: string }>(
    `INSERT INTO accounts (customer_id, account_number, label, kind, currency, status) VALUES (NULL, NULL, @label, @kind, @currency, 'open')`,
  );
  const transferById = db.prepare<{ id: string }, TransferRow>(
    `SELECT ${TRANSFER_COLUMNS} FROM transfers WHERE id = @id`,
  );
  const resolutionOf = db.prepare<{ id: string }, { id: string }>('SELECT id FROM transfers WHERE pending_id = @id');
  const expiryOf = db.prepare<{ id: string }, { void_id: string }>(
    'SELECT void_id FROM hold_expiries WHERE pending_id = @id',
  );
  const oldestOpenHolds = db.prepare<{ before: number; limit: number }, { pending_id: string }>(
    `SELECT pending_id FROM open_holds WHERE created_at_ms < @before
      ORDER BY created_at_ms, pending_id LIMIT @limit`,
  );
  const insertExpiry = db.prepare<{ voidId: string; pendingId: string; holdAt: number; maxAge: number; at: number }>(
    `INSERT INTO hold_expiries (void_id, pending_id, hold_created_at_ms, hold_max_age_ms, expired_at_ms)
     VALUES (@voidId, @pendingId, @holdAt, @maxAge, @at)`,
  );
  const reversalOf = db.prepare<{ id: string }, { id: string }>('SELECT id FROM transfers WHERE reversal_of = @id');
  const insertTransfer = db.prepare<Omit<TransferRow, 'seq'>>(
    `INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount_minor, pending_amount_minor, pending_id,
                            reversal_of, code, origin, device_id, card_id, business_day, reference, created_at_ms)
     VALUES (@id, @kind, @debit_account_id, @credit_account_id, @amount_minor, @pending_amount_minor, @pending_id,
             @reversal_of, @code, @origin, @device_id, @card_id, @business_day, @reference, @created_at_ms)
     ON CONFLICT (id) DO NOTHING`,
  );
  const moveCounters = db.prepare<{ id: number; dPending: number; dPosted: number; cPending: number; cPosted: number }>(
    `UPDATE accounts SET debits_pending_minor = debits_pending_minor + @dPending,
                         debits_posted_minor = debits_posted_minor + @dPosted,
                         credits_pending_minor = credits_pending_minor + @cPending,
                         credits_posted_minor = credits_posted_minor + @cPosted
      WHERE id = @id`,
  );
  const sums = db.prepare<[], { balance: number | null; pending: number | null }>(
    `SELECT sum(credits_posted_minor - debits_posted_minor) AS balance,
            sum(credits_pending_minor - debits_pending_minor) AS pending FROM accounts`,
  );
  const recompute = db.prepare<[], { id: number; ok: number }>(
    `WITH d AS (
       SELECT debit_account_id AS id,
              sum(CASE kind WHEN 'pending' THEN amount_minor WHEN 'single' THEN 0 ELSE -pending_amount_minor END) AS pending,
              sum(CASE WHEN kind IN ('single', 'post_pending') THEN amount_minor ELSE 0 END) AS posted
         FROM transfers GROUP BY debit_account_id
     ), c AS (
       SELECT credit_account_id AS id,
              sum(CASE kind WHEN 'pending' THEN amount_minor WHEN 'single' THEN 0 ELSE -pending_amount_minor END) AS pending,
              sum(CASE WHEN kind IN ('single', 'post_pending') THEN amount_minor ELSE 0 END) AS posted
         FROM transfers GROUP BY credit_account_id
     )
     SELECT a.id,
            (a.debits_pending_minor = coalesce(d.pending, 0) AND a.debits_posted_minor = coalesce(d.posted, 0)
             AND a.credits_pending_minor = coalesce(c.pending, 0) AND a.credits_posted_minor = coalesce(c.posted, 0)) AS ok
       FROM accounts AS a LEFT JOIN d ON d.id = a.id LEFT JOIN c ON c.id = a.id`,
  );

  function move(id: number, change: { dPending?: number; dPosted?: number; cPending?: number; cPosted?: number }) {
    try {
      moveCounters.run({ id, dPending: 0, dPosted: 0, cPending: 0, cPosted: 0, ...change });
    } catch (error) {
      if (error instanceof Error && error.message.includes('insufficient funds')) {
        throw new BankError('insufficient_funds', 'Insufficient funds.');
      }
      throw error;
    }
  }

  function insert(row: Omit<TransferRow, 'seq'>) {
    if (insertTransfer.run(row).changes === 0) {
      throw new BankError('conflict', 'This transfer id is already used by another movement.');
    }
  }

  const ledger = {
    account(id: number): AccountRow | null {
      return accountById.get({ id }) ?? null;
    },
    accountByNumber(accountNumber: string): AccountRow | null {
      return accountByNumber.get({ n: accountNumber }) ?? null;
    },
    transfer(id: string): TransferRow | null {
      return transferById.get({ id }) ?? null;
    },
    /** The bank's internal account of that kind and currency, created on first use. Call inside a transaction. */
    internalAccountId(kind: 'atm_cash' | 'clearing', currency: string): number {
      const found = internalAccount.get({ kind, currency });
      if (found) return found.id;
      const label = kind === 'atm_cash' ? `ATM cash ${currency}` : `Clearing ${currency}`;
      return Number(insertInternal.run({ kind, currency, label }).lastInsertRowid);
    },

    /**
     * Books a single (posted) or pending (hold) transfer. Must run inside the caller's transaction. Throws BankError
     * for a closed account, a currency mismatch, insufficient funds or an id already used.
     */
    applyMovement(movement: NewMovement): TransferRow {
      const debit = accountById.get({ id: movement.debitAccountId });
      const credit = accountById.get({ id: movement.creditAccountId });
      if (!debit || !credit) throw new BankError('not_found', 'Account not found.');
      if (debit.id === credit.id) throw new BankError('invalid_request', 'Accounts must differ.');
      if (debit.currency !== credit.currency)
        throw new BankError('currency_mismatch', 'Accounts have different currencies.');
      if (debit.status !== 'open' || credit.status !== 'open')
        throw new BankError('account_unavailable', 'The account is not open.');
      if (!Number.isSafeInteger(movement.amountMinor) || movement.amountMinor <= 0)
        throw new BankError('amount_invalid', 'Invalid amount.');
      if (debit.customer_id !== null && availableOf(debit) < movement.amountMinor) {
        throw new BankError('insufficient_funds', 'Insufficient funds.');
      }
      const createdAtMs = Math.floor(now());
      const row: Omit<TransferRow, 'seq'> = {
        id: movement.id,
        kind: movement.kind,
        debit_account_id: debit.id,
        credit_account_id: credit.id,
        amount_minor: movement.amountMinor,
        pending_amount_minor: null,
        pending_id: null,
        reversal_of: movement.reversalOf ?? null,
        code: movement.code,
        origin: movement.origin,
        device_id: movement.deviceId ?? null,
        card_id: movement.cardId ?? null,
        business_day: businessDayOf(createdAtMs),
        reference: movement.reference ?? null,
        created_at_ms: createdAtMs,
      };
      insert(row);
      if (movement.kind === 'single') {
        move(debit.id, { dPosted: movement.amountMinor });
        move(credit.id, { cPosted: movement.amountMinor });
      } else {
        move(debit.id, { dPending: movement.amountMinor });
        move(credit.id, { cPending: movement.amountMinor });
      }
      const stored = transferById.get({ id: movement.id });
      if (!stored) throw new Error('transfer vanished after insert');
      return stored;
    },

    /**
     * Posts (all or part) or voids a hold, exactly once. Must run inside the caller's transaction. A hold made by a
     * device can only be resolved by that device (others get not_found).
     */
    resolvePending(resolution: Resolution): { pending: TransferRow; postedMinor: number; releasedMinor: number } {
      const pending = transferById.get({ id: resolution.pendingId });
      if (
        !pending ||
        pending.kind !== 'pending' ||
        (resolution.deviceId !== undefined && pending.device_id !== resolution.deviceId)
      ) {
        throw new BankError('not_found', 'No such hold.');
      }
      if (resolutionOf.get({ id: pending.id })) {
        // Same code either way (the kiosk branches on it); the message says when the bank let the hold lapse.
        throw new BankError(
          'already_resolved',
          expiryOf.get({ id: pending.id })
            ? 'The hold expired and the bank voided it; nothing was posted.'
            : 'The hold was already posted or voided.',
        );
      }
      const postedMinor = resolution.action === 'post' ? (resolution.amountMinor ?? pending.amount_minor) : 0;
      if (resolution.action === 'post' && (postedMinor < 1 || postedMinor > pending.amount_minor)) {
        throw new BankError('amount_invalid', 'A post must be between 1 and the held amount.');
      }
      const createdAtMs = Math.floor(now());
      insert({
        id: resolution.id,
        kind: resolution.action === 'post' ? 'post_pending' : 'void_pending',
        debit_account_id: pending.debit_account_id,
        credit_account_id: pending.credit_account_id,
        amount_minor: resolution.action === 'post' ? postedMinor : pending.amount_minor,
        pending_amount_minor: pending.amount_minor,
        pending_id: pending.id,
        reversal_of: null,
        code: pending.code,
        origin: pending.origin,
        device_id: pending.device_id,
        card_id: pending.card_id,
        business_day: businessDayOf(createdAtMs),
        reference: pending.reference,
        created_at_ms: createdAtMs,
      });
      move(pending.debit_account_id, { dPending: -pending.amount_minor, dPosted: postedMinor });
      move(pending.credit_account_id, { cPending: -pending.amount_minor, cPosted: postedMinor });
      return { pending, postedMinor, releasedMinor: pending.amount_minor - postedMinor };
    },

    /** Ids of unresolved holds placed before `beforeMs`, oldest first, at most `limit`. */
    openHoldsPlacedBefore(beforeMs: number, limit: number): string[] {
      return oldestOpenHolds.all({ before: beforeMs, limit }).map((row) => row.pending_id);
    },

    /**
     * Voids a hold that outlived `maxAgeMs`, on the bank's own authority: an ordinary void_pending transfer through
     * resolvePending (counters, resolve-once index and changes feed as for a kiosk void) plus a hold_expiries row
     * saying why. Must run inside the caller's transaction. Throws invalid_state if the hold is not that old yet.
     */
    expireHold(pendingId: string, maxAgeMs: number): { voidId: string; pending: TransferRow; releasedMinor: number } {
      const expiredAtMs = Math.floor(now());
      const hold = transferById.get({ id: pendingId });
      if (hold?.kind === 'pending' && hold.created_at_ms + maxAgeMs > expiredAtMs) {
        throw new BankError('invalid_state', 'The hold has not reached its maximum age.');
      }
      const voidId = uuidv7(expiredAtMs);
      const resolved = ledger.resolvePending({ id: voidId, pendingId, action: 'void' });
      insertExpiry.run({
        voidId,
        pendingId,
        holdAt: resolved.pending.created_at_ms,
        maxAge: maxAgeMs,
        at: expiredAtMs,
      });
      return { voidId, pending: resolved.pending, releasedMinor: resolved.releasedMinor };
    },

    /** True if the bank voided this hold because it expired. */
    isExpired(pendingId: string): boolean {
      return expiryOf.get({ id: pendingId }) !== undefined;
    },

    isReversed(id: string): boolean {
      return reversalOf.get({ id }) !== undefined;
    },
    isResolved(id: string): boolean {
      return resolutionOf.get({ id }) !== undefined;
    },

    /** Σ over every account of (credits − debits), posted and pending: both are 0 in a sound double-entry ledger. */
    sums(): { postedMinor: number; pendingMinor: number } {
      const row = sums.get();
      return { postedMinor: row?.balance ?? 0, pendingMinor: row?.pending ?? 0 };
    },

    /** Recomputes every account's counters from the transfers; returns the ids of accounts whose cache disagrees. */
    verifyBalances(): number[] {
      return recompute
        .all()
        .filter((row) => row.ok !== 1)
        .map((row) => row.id);
    },
  };
  return ledger;
}

export type BankLedger = ReturnType<typeof createBankLedger>;
