// The double-entry ledger: every movement of money is a transfer from one account to another, applied with the
// four cached counters of both accounts in one synchronous SQLite transaction, so Σ debits = Σ credits always holds
// and a batch either lands whole or not at all. Transfers are never changed; a wrong one is undone by a new one.
import { UUID_V7_PATTERN } from '../../shared/ids.ts';
import type { Db } from '../db/open-database.ts';
import {
  type AccountKind,
  type AccountStatus,
  AMOUNT_MINOR_MAX,
  BALANCE_MISMATCHES_MAX,
  type BalanceMismatch,
  type CreateTransfersResult,
  type InternalAccountKind,
  type LedgerAccount,
  type LedgerErrorCode,
  LINKED_BATCH_MAX,
  RECENT_TRANSFERS_MAX,
  REFERENCE_LENGTH_MAX,
  TRANSFER_CODES,
  TRANSFER_KINDS,
  type TransferCode,
  type TransferInput,
  type TransferKind,
  type TransferRecord,
  type VerifyBalancesResult,
} from './ledger-types.ts';

export * from './ledger-types.ts';

export type LedgerOptions = {
  /** Milliseconds since the epoch, stored as created_at_ms; informative only (seq, not the clock, orders). */
  readonly now: () => number;
};

type AccountRow = {
  id: number;
  customer_id: number | null;
  account_number: string | null;
  label: string;
  kind: AccountKind;
  currency: string;
  status: AccountStatus;
  overdraft_limit_minor: number;
  debits_pending_minor: number;
  debits_posted_minor: number;
  credits_pending_minor: number;
  credits_posted_minor: number;
};

type TransferRow = {
  seq: number;
  id: string;
  kind: TransferKind;
  debit_account_id: number;
  credit_account_id: number;
  amount_minor: number;
  pending_amount_minor: number | null;
  code: TransferCode;
  pending_id: string | null;
  linked_id: string | null;
  reference: string | null;
  created_at_ms: number;
};

type CounterDeltas = {
  id: number;
  debitsPending: number;
  debitsPosted: number;
  creditsPending: number;
  creditsPosted: number;
};

type ComputedRow = {
  id: number;
  debits_pending_minor: number;
  debits_posted_minor: number;
  credits_pending_minor: number;
  credits_posted_minor: number;
  computed_debits_pending: number;
  computed_debits_posted: number;
  computed_credits_pending: number;
  computed_credits_posted: number;
};

const NORMAL_SIDE: Readonly<Record<AccountKind, 'debit' | 'credit'>> = {
  checking: 'credit',
  savings: 'credit',
  kiosk_cash: 'debit',
  kiosk_rejects: 'debit',
  kiosk_deposits: 'debit',
  settlement: 'debit',
  overs_unders: 'debit',
};

const INTERNAL_LABEL: Readonly<Record<InternalAccountKind, string>> = {
  kiosk_cash: 'Kiosk cash',
  kiosk_rejects: 'Kiosk reject bin',
  kiosk_deposits: 'Kiosk deposit bin',
  settlement: 'Settlement',
  overs_unders: 'Overs and unders',
};

const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const CONTROL_CHARACTERS = /\p{Cc}/u;

const ACCOUNT_COLUMNS = `id, customer_id, account_number, label, kind, currency, status, overdraft_limit_minor,
  debits_pending_minor, debits_posted_minor, credits_pending_minor, credits_posted_minor`;
const TRANSFER_COLUMNS = `seq, id, kind, debit_account_id, credit_account_id, amount_minor, pending_amount_minor, code,
  pending_id, linked_id, reference, created_at_ms`;

/** Thrown inside the batch transaction so better-sqlite3 rolls all of it back; never escapes createTransfers. */
class BatchRefused extends Error {
  readonly index: number;
  readonly code: LedgerErrorCode;
  constructor(index: number, code: LedgerErrorCode) {
    super(code);
    this.index = index;
    this.code = code;
  }
}

function isCustomerAccount(row: AccountRow): boolean {
  return row.customer_id !== null;
}

/** What the holder may still take: posted balance minus holds, plus the overdraft (customer accounts only). */
function availableOf(row: AccountRow): number {
  if (NORMAL_SIDE[row.kind] === 'credit') {
    return row.credits_posted_minor - row.debits_posted_minor - row.debits_pending_minor + row.overdraft_limit_minor;
  }
  return row.debits_posted_minor - row.credits_posted_minor - row.credits_pending_minor;
}

function toAccount(row: AccountRow): LedgerAccount {
  const normalSide = NORMAL_SIDE[row.kind];
  return {
    id: row.id,
    customerId: row.customer_id,
    accountNumber: row.account_number,
    label: row.label,
    kind: row.kind,
    normalSide,
    currency: row.currency,
    status: row.status,
    overdraftLimitMinor: row.overdraft_limit_minor,
    debitsPendingMinor: row.debits_pending_minor,
    debitsPostedMinor: row.debits_posted_minor,
    creditsPendingMinor: row.credits_pending_minor,
    creditsPostedMinor: row.credits_posted_minor,
    balanceMinor:
      normalSide === 'credit'
        ? row.credits_posted_minor - row.debits_posted_minor
        : row.debits_posted_minor - row.credits_posted_minor,
  };
}

function toTransfer(row: TransferRow): TransferRecord {
  return {
    seq: row.seq,
    id: row.id,
    kind: row.kind,
    debitAccountId: row.debit_account_id,
    creditAccountId: row.credit_account_id,
    amountMinor: row.amount_minor,
    pendingAmountMinor: row.pending_amount_minor,
    code: row.code,
    pendingId: row.pending_id,
    linkedId: row.linked_id,
    reference: row.reference,
    createdAtMs: row.created_at_ms,
  };
}

const isResolution = (kind: TransferKind) => kind === 'post_pending' || kind === 'void_pending';

/**
 * Same id, same body? A post/void may have named its accounts as 0 (take from the pending) and a void its amount as
 * 0 (the whole pending); those compare equal to the stored, resolved values, so a retry with either spelling is
 * the same transfer.
 */
function sameBody(row: TransferRow, input: TransferInput): boolean {
  const resolution = isResolution(row.kind);
  return (
    row.kind === input.kind &&
    row.code === input.code &&
    row.pending_id === (input.pendingId ?? null) &&
    row.reference === (input.reference ?? null) &&
    (row.debit_account_id === input.debitAccountId || (resolution && input.debitAccountId === 0)) &&
    (row.credit_account_id === input.creditAccountId || (resolution && input.creditAccountId === 0)) &&
    (row.amount_minor === input.amountMinor || (row.kind === 'void_pending' && input.amountMinor === 0))
  );
}

/** Input checks that need no database: the order here is part of the contract (first failing rule wins). */
function shapeError(input: TransferInput): LedgerErrorCode | null {
  if (!TRANSFER_KINDS.includes(input.kind) || !TRANSFER_CODES.includes(input.code)) return 'kind_or_code_invalid';
  if (isResolution(input.kind)) {
    if (typeof input.pendingId !== 'string' || !UUID_V7_PATTERN.test(input.pendingId) || input.pendingId === input.id) {
      return 'pending_id_invalid';
    }
  } else if (input.pendingId !== undefined) {
    return 'pending_id_invalid';
  }
  if (
    input.reference !== undefined &&
    (typeof input.reference !== 'string' ||
      input.reference.length === 0 ||
      input.reference.length > REFERENCE_LENGTH_MAX ||
      CONTROL_CHARACTERS.test(input.reference))
  ) {
    return 'reference_invalid';
  }
  const lowest = input.kind === 'void_pending' ? 0 : 1;
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor < lowest || input.amountMinor > AMOUNT_MINOR_MAX) {
    return 'amount_invalid';
  }
  if (!Number.isSafeInteger(input.debitAccountId) || !Number.isSafeInteger(input.creditAccountId)) {
    return 'account_not_found';
  }
  if (input.debitAccountId === input.creditAccountId && input.debitAccountId !== 0) return 'accounts_must_differ';
  return null;
}

/** What one batch has read and changed so far, so a later transfer of the batch sees the earlier ones' effects. */
type BatchState = {
  readonly createdAtMs: number;
  readonly linkedId: string | null;
  /** Account rows as the batch sees them: read once, then kept current with the batch's own changes. */
  readonly accounts: Map<number, AccountRow>;
  /** Counter changes per account, written once per account when the batch ends (the hot accounts of a bulk import). */
  readonly deltas: Map<number, CounterDeltas>;
  /** Pending transfers created by this batch, and the pending ids it resolved: no query for a hold posted in-batch. */
  readonly pendings: Map<string, NewTransferRow>;
  readonly resolved: Set<string>;
};

type NewTransferRow = Omit<TransferRow, 'seq'>;

/** A transfer that passed every rule, ready to insert, with the counter changes it makes. */
type Accepted = {
  readonly row: NewTransferRow;
  readonly debit: Omit<CounterDeltas, 'id'>;
  readonly credit: Omit<CounterDeltas, 'id'>;
};

const NO_CHANGE = { debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 0 } as const;

export function createLedger(db: Db, options: LedgerOptions) {
  const accountById = db.prepare<{ id: number }, AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = @id`);
  const accountPair = db.prepare<{ first: number; second: number }, AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id IN (@first, @second)`,
  );
  const accountsIn = db.prepare<{ ids: string }, AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id IN (SELECT value FROM json_each(@ids))`,
  );
  const internalAccount = db.prepare<{ kind: InternalAccountKind; currency: string }, { id: number }>(
    'SELECT id FROM accounts WHERE kind = @kind AND currency = @currency AND customer_id IS NULL',
  );
  const insertInternalAccount = db.prepare<{ kind: InternalAccountKind; currency: string; label: string }>(
    `INSERT INTO accounts (customer_id, account_number, label, kind, currency, status)
     VALUES (NULL, NULL, @label, @kind, @currency, 'open')`,
  );
  const moveCounters = db.prepare<CounterDeltas>(
    `UPDATE accounts
        SET debits_pending_minor = debits_pending_minor + @debitsPending,
            debits_posted_minor = debits_posted_minor + @debitsPosted,
            credits_pending_minor = credits_pending_minor + @creditsPending,
            credits_posted_minor = credits_posted_minor + @creditsPosted
      WHERE id = @id`,
  );
  const transferById = db.prepare<{ id: string }, TransferRow>(`SELECT ${TRANSFER_COLUMNS} FROM transfers WHERE id = @id`);
  const pendingById = db.prepare<{ id: string }, TransferRow & { resolved: number }>(
    `SELECT ${TRANSFER_COLUMNS}, EXISTS (SELECT 1 FROM transfers AS r WHERE r.pending_id = p.id) AS resolved
       FROM transfers AS p WHERE p.id = @id`,
  );
  // ON CONFLICT(id) DO NOTHING: an id already stored inserts nothing (changes = 0) and is then judged by its body.
  // Any other constraint (resolve-once, currency, funds) still aborts.
  const insertTransfer = db.prepare<NewTransferRow>(
    `INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount_minor, pending_amount_minor, code,
                            pending_id, linked_id, reference, created_at_ms)
     VALUES (@id, @kind, @debit_account_id, @credit_account_id, @amount_minor, @pending_amount_minor, @code,
             @pending_id, @linked_id, @reference, @created_at_ms)
     ON CONFLICT (id) DO NOTHING`,
  );
  // Both arms walk an account index newest-first (ordered by seq) and SQLite merges them, so the cost is `limit`
  // rows whatever the account's history.
  const recentOfAccount = db.prepare<{ accountId: number; limit: number }, TransferRow>(
    `SELECT ${TRANSFER_COLUMNS} FROM transfers WHERE debit_account_id = @accountId
     UNION ALL
     SELECT ${TRANSFER_COLUMNS} FROM transfers WHERE credit_account_id = @accountId
     ORDER BY seq DESC LIMIT @limit`,
  );
  // The four counters recomputed from the transfers, one aggregate per side, each a scan of a covering index in
  // account order (no table reads, no sort). A pending adds its amount to the pending counters; its post/void takes
  // the pending amount back out (copied onto the row, so no join) and a post adds what it posted. One statement,
  // so one consistent snapshot.
  const recomputeCounters = db.prepare<[], ComputedRow>(
    `WITH debit_side AS (
       SELECT debit_account_id AS account_id,
              sum(CASE kind WHEN 'pending' THEN amount_minor WHEN 'single' THEN 0 ELSE -pending_amount_minor END) AS pending,
              sum(CASE WHEN kind IN ('single', 'post_pending') THEN amount_minor ELSE 0 END) AS posted
         FROM transfers GROUP BY debit_account_id
     ), credit_side AS (
       SELECT credit_account_id AS account_id,
              sum(CASE kind WHEN 'pending' THEN amount_minor WHEN 'single' THEN 0 ELSE -pending_amount_minor END) AS pending,
              sum(CASE WHEN kind IN ('single', 'post_pending') THEN amount_minor ELSE 0 END) AS posted
         FROM transfers GROUP BY credit_account_id
     )
     SELECT a.id, a.debits_pending_minor, a.debits_posted_minor, a.credits_pending_minor, a.credits_posted_minor,
            coalesce(d.pending, 0) AS computed_debits_pending, coalesce(d.posted, 0) AS computed_debits_posted,
            coalesce(c.pending, 0) AS computed_credits_pending, coalesce(c.posted, 0) AS computed_credits_posted
       FROM accounts AS a
       LEFT JOIN debit_side AS d ON d.account_id = a.id
       LEFT JOIN credit_side AS c ON c.account_id = a.id
      ORDER BY a.id`,
  );

  /** Reads accounts into the batch's view: two by a plain IN list (a kiosk commit), more as one JSON array (an import). */
  function prefetchAccounts(state: BatchState, ids: readonly number[]) {
    const missing = ids.filter((id) => !state.accounts.has(id));
    if (missing.length === 0) return;
    const [first = 0, second = 0] = missing;
    const rows = missing.length <= 2 ? accountPair.all({ first, second }) : accountsIn.all({ ids: JSON.stringify(missing) });
    for (const row of rows) state.accounts.set(row.id, row);
  }

  /** The batch's view of two accounts (a post/void names them through its pending, so they may not be read yet). */
  function accountsOf(state: BatchState, debitId: number, creditId: number): [AccountRow | undefined, AccountRow | undefined] {
    prefetchAccounts(state, [debitId, creditId]);
    return [state.accounts.get(debitId), state.accounts.get(creditId)];
  }

  function record(state: BatchState, accountId: number, change: Omit<CounterDeltas, 'id'>) {
    const row = state.accounts.get(accountId);
    if (row) {
      row.debits_pending_minor += change.debitsPending;
      row.debits_posted_minor += change.debitsPosted;
      row.credits_pending_minor += change.creditsPending;
      row.credits_posted_minor += change.creditsPosted;
    }
    const sum = state.deltas.get(accountId) ?? { id: accountId, ...NO_CHANGE };
    sum.debitsPending += change.debitsPending;
    sum.debitsPosted += change.debitsPosted;
    sum.creditsPending += change.creditsPending;
    sum.creditsPosted += change.creditsPosted;
    state.deltas.set(accountId, sum);
  }

  /** The rules for a new single or pending transfer, in contract order. */
  function acceptMovement(input: TransferInput, state: BatchState): Accepted | LedgerErrorCode {
    const [debit, credit] = accountsOf(state, input.debitAccountId, input.creditAccountId);
    if (!debit || !credit) return 'account_not_found';
    if (debit.currency !== credit.currency) return 'currency_mismatch';
    if (debit.status !== 'open' || credit.status !== 'open') return 'account_not_open';
    const amount = input.amountMinor;
    if (isCustomerAccount(debit) && availableOf(debit) < amount) return 'insufficient_funds';
    const posted = input.kind === 'single';
    const debitCounter = posted ? debit.debits_posted_minor : debit.debits_pending_minor;
    const creditCounter = posted ? credit.credits_posted_minor : credit.credits_pending_minor;
    if (debitCounter > AMOUNT_MINOR_MAX - amount || creditCounter > AMOUNT_MINOR_MAX - amount) return 'overflow';
    return {
      row: {
        id: input.id,
        kind: input.kind,
        debit_account_id: debit.id,
        credit_account_id: credit.id,
        amount_minor: amount,
        pending_amount_minor: null,
        code: input.code,
        pending_id: null,
        linked_id: state.linkedId,
        reference: input.reference ?? null,
        created_at_ms: state.createdAtMs,
      },
      debit: posted ? { ...NO_CHANGE, debitsPosted: amount } : { ...NO_CHANGE, debitsPending: amount },
      credit: posted ? { ...NO_CHANGE, creditsPosted: amount } : { ...NO_CHANGE, creditsPending: amount },
    };
  }

  /**
   * The rules for a post or void. The pending was authorised while its accounts were open, so resolving it is
   * allowed even if an account has since been frozen: the cash already left (post) or the hold must go (void).
   */
  function acceptResolution(input: TransferInput, state: BatchState): Accepted | LedgerErrorCode {
    const pendingId = input.pendingId ?? '';
    let pending: NewTransferRow | undefined = state.pendings.get(pendingId);
    let resolved = state.resolved.has(pendingId);
    if (!pending) {
      const stored = pendingById.get({ id: pendingId });
      pending = stored;
      resolved = stored?.resolved === 1;
    }
    if (!pending || pending.kind !== 'pending') return 'pending_not_found';
    if (
      (input.debitAccountId !== 0 && input.debitAccountId !== pending.debit_account_id) ||
      (input.creditAccountId !== 0 && input.creditAccountId !== pending.credit_account_id) ||
      input.code !== pending.code
    ) {
      return 'pending_mismatch';
    }
    if (resolved) return 'pending_already_resolved';
    const held = pending.amount_minor;
    if (input.amountMinor > held) return 'amount_exceeds_pending';
    if (input.kind === 'void_pending' && input.amountMinor !== 0 && input.amountMinor !== held) return 'amount_invalid';
    const posted = input.kind === 'post_pending' ? input.amountMinor : 0;
    if (posted > 0) {
      const [debit, credit] = accountsOf(state, pending.debit_account_id, pending.credit_account_id);
      if (!debit || !credit) return 'account_not_found';
      if (debit.debits_posted_minor > AMOUNT_MINOR_MAX - posted || credit.credits_posted_minor > AMOUNT_MINOR_MAX - posted) {
        return 'overflow';
      }
    }
    return {
      row: {
        id: input.id,
        kind: input.kind,
        debit_account_id: pending.debit_account_id,
        credit_account_id: pending.credit_account_id,
        amount_minor: input.kind === 'post_pending' ? posted : held,
        pending_amount_minor: held,
        code: pending.code,
        pending_id: pendingId,
        linked_id: state.linkedId,
        reference: input.reference ?? null,
        created_at_ms: state.createdAtMs,
      },
      debit: { ...NO_CHANGE, debitsPending: -held, debitsPosted: posted },
      credit: { ...NO_CHANGE, creditsPending: -held, creditsPosted: posted },
    };
  }

  /** An id already stored is judged by its body only, never by today's balances or holds. */
  function judgeStored(input: TransferInput): 'exists' | 'exists_with_different_body' | null {
    const stored = transferById.get({ id: input.id });
    if (!stored) return null;
    return sameBody(stored, input) ? 'exists' : 'exists_with_different_body';
  }

  /**
   * Applies one transfer inside the batch transaction, or says why not. The idempotency lookup is folded into the
   * insert (ON CONFLICT) and into the refusal path, which gives the same answers as looking the id up first with
   * one statement fewer per created transfer.
   */
  function applyOne(input: TransferInput, state: BatchState): 'created' | 'exists' | LedgerErrorCode {
    if (typeof input.id !== 'string' || !UUID_V7_PATTERN.test(input.id)) return 'id_invalid';
    const accepted = shapeError(input) ?? (isResolution(input.kind) ? acceptResolution(input, state) : acceptMovement(input, state));
    if (typeof accepted === 'string') return judgeStored(input) ?? accepted;
    if (insertTransfer.run(accepted.row).changes === 0) return judgeStored(input) ?? 'exists_with_different_body';
    record(state, accepted.row.debit_account_id, accepted.debit);
    record(state, accepted.row.credit_account_id, accepted.credit);
    if (accepted.row.kind === 'pending') state.pendings.set(accepted.row.id, accepted.row);
    if (accepted.row.pending_id !== null) state.resolved.add(accepted.row.pending_id);
    return 'created';
  }

  const applyBatch = db.transaction((batch: readonly TransferInput[], createdAtMs: number) => {
    const state: BatchState = {
      createdAtMs,
      linkedId: batch.length > 1 ? (batch[0]?.id ?? null) : null,
      accounts: new Map(),
      deltas: new Map(),
      pendings: new Map(),
      resolved: new Set(),
    };
    // One read for every account the batch names, rather than one per transfer.
    const named = new Set<number>();
    for (const input of batch) {
      if (Number.isSafeInteger(input.debitAccountId) && input.debitAccountId > 0) named.add(input.debitAccountId);
      if (Number.isSafeInteger(input.creditAccountId) && input.creditAccountId > 0) named.add(input.creditAccountId);
    }
    prefetchAccounts(state, [...named]);
    const results = batch.map((input, index) => {
      const outcome = applyOne(input, state);
      if (outcome !== 'created' && outcome !== 'exists') throw new BatchRefused(index, outcome);
      return outcome;
    });
    for (const deltas of state.deltas.values()) moveCounters.run(deltas);
    return results;
  });

  return {
    /**
     * Applies one linked batch, all or nothing, in order (a later transfer sees the earlier ones' effects). Each
     * transfer is 'created' or, when its id is stored with the same body, 'exists'. On the first refusal nothing
     * of the batch is applied and its index and code are returned (a batch over LINKED_BATCH_MAX is refused whole,
     * with index LINKED_BATCH_MAX). Runs inside the caller's transaction when there is one (as a savepoint), so
     * outbox rows can commit with it; never call it with network or argon2 work pending inside that transaction.
     */
    createTransfers(batch: readonly TransferInput[]): CreateTransfersResult {
      if (batch.length > LINKED_BATCH_MAX) return { ok: false, index: LINKED_BATCH_MAX, code: 'linked_batch_too_large' };
      if (batch.length === 0) return { ok: true, results: [] };
      try {
        return { ok: true, results: applyBatch(batch, Math.max(0, Math.floor(options.now()))) };
      } catch (error) {
        if (error instanceof BatchRefused) return { ok: false, index: error.index, code: error.code };
        throw error;
      }
    },

    account(accountId: number): LedgerAccount | null {
      const row = accountById.get({ id: accountId });
      return row ? toAccount(row) : null;
    },

    /** Balance the holder may still use (posted − holds + overdraft); throws RangeError for an unknown account. */
    availableMinor(accountId: number): number {
      const row = accountById.get({ id: accountId });
      if (!row) throw new RangeError(`No ledger account ${accountId}.`);
      return availableOf(row);
    },

    /** The kiosk's internal account of that kind and currency, created (open, zero) on first use. */
    internalAccountId(kind: InternalAccountKind, currency: string): number {
      if (!Object.hasOwn(INTERNAL_LABEL, kind)) throw new RangeError(`Not an internal account kind: ${String(kind)}.`);
      if (!CURRENCY_PATTERN.test(currency)) throw new RangeError(`Not an ISO 4217 currency code: ${currency}.`);
      return db.transaction(() => {
        const found = internalAccount.get({ kind, currency });
        if (found) return found.id;
        return Number(insertInternalAccount.run({ kind, currency, label: `${INTERNAL_LABEL[kind]} ${currency}` }).lastInsertRowid);
      })();
    },

    /** Newest first, at most min(limit, RECENT_TRANSFERS_MAX); the mini statement. */
    recentTransfers(accountId: number, limit: number): readonly TransferRecord[] {
      if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`recentTransfers limit must be a positive integer.`);
      return recentOfAccount.all({ accountId, limit: Math.min(limit, RECENT_TRANSFERS_MAX) }).map(toTransfer);
    },

    transfer(id: string): TransferRecord | null {
      const row = transferById.get({ id });
      return row ? toTransfer(row) : null;
    },

    /** Recomputes every account's counters from the transfers (start-up and on demand); a mismatch means tampering or a bug. */
    verifyBalances(): VerifyBalancesResult {
      const mismatches: BalanceMismatch[] = [];
      for (const row of recomputeCounters.iterate()) {
        const fields: [BalanceMismatch['field'], number, number][] = [
          ['debits_pending_minor', row.debits_pending_minor, row.computed_debits_pending],
          ['debits_posted_minor', row.debits_posted_minor, row.computed_debits_posted],
          ['credits_pending_minor', row.credits_pending_minor, row.computed_credits_pending],
          ['credits_posted_minor', row.credits_posted_minor, row.computed_credits_posted],
        ];
        for (const [field, cached, computed] of fields) {
          if (cached !== computed && mismatches.length < BALANCE_MISMATCHES_MAX) {
            mismatches.push({ accountId: row.id, field, cached, computed });
          }
        }
      }
      return mismatches.length === 0 ? { ok: true } : { ok: false, mismatches };
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
