// The ledger's public contract (TigerBeetle's vocabulary): accounts, transfers, the closed set of refusal codes and
// the limits. Amounts are integer minor units everywhere; nothing here holds a float.

/** Why money moved. */
export type TransferCode =
  | 'opening_balance'
  | 'withdrawal'
  | 'deposit'
  | 'transfer'
  | 'fee'
  | 'reversal'
  | 'replenishment'
  | 'cash_adjustment';

export const TRANSFER_CODES: readonly TransferCode[] = [
  'opening_balance',
  'withdrawal',
  'deposit',
  'transfer',
  'fee',
  'reversal',
  'replenishment',
  'cash_adjustment',
];

/**
 * - `single`: moves `amountMinor` at once (posted).
 * - `pending`: holds `amountMinor` (counts in the *_pending counters) until a post or void resolves it.
 * - `post_pending`: posts 1 … pending amount of the pending named by `pendingId`; the unposted rest is released.
 * - `void_pending`: releases the whole pending amount.
 */
export type TransferKind = 'single' | 'pending' | 'post_pending' | 'void_pending';

export const TRANSFER_KINDS: readonly TransferKind[] = ['single', 'pending', 'post_pending', 'void_pending'];

export type TransferInput = {
  /** UUIDv7 made by the kiosk (shared/ids.ts) and persisted before any network call: the idempotency key. */
  readonly id: string;
  readonly kind: TransferKind;
  /**
   * For `single`/`pending`: the account debited. For `post_pending`/`void_pending`: 0 takes it from the pending
   * transfer; any other value must equal the pending's (else `pending_mismatch`).
   */
  readonly debitAccountId: number;
  /** As `debitAccountId`, for the account credited. */
  readonly creditAccountId: number;
  /**
   * `single`/`pending`/`post_pending`: 1 … AMOUNT_MINOR_MAX (a post at most the pending amount).
   * `void_pending`: 0 or exactly the pending amount; either way the whole pending amount is released and stored.
   */
  readonly amountMinor: number;
  /** For `post_pending`/`void_pending`, must equal the pending's code. */
  readonly code: TransferCode;
  /** Required for `post_pending`/`void_pending`, refused on `single`/`pending`. */
  readonly pendingId?: string;
  /** Free text for the bank (STAN/RRN…), 1 … REFERENCE_LENGTH_MAX characters. */
  readonly reference?: string;
};

/**
 * Why a transfer was refused. The rules run in this order and the first failing one is reported:
 * id_invalid → (id already stored: exists | exists_with_different_body, judged by body alone) → kind_or_code_invalid
 * → pending_id_invalid → reference_invalid → amount_invalid → account_not_found (an id that is not an integer)
 * → accounts_must_differ; then for single/pending:
 * account_not_found → currency_mismatch → account_not_open → insufficient_funds → overflow; for post/void:
 * pending_not_found → pending_mismatch → pending_already_resolved → amount_exceeds_pending → amount_invalid (a void
 * of part of the hold) → overflow. A post/void is not refused for a frozen or closed account: the hold it resolves
 * was authorised while the account was open.
 */
export type LedgerErrorCode =
  | 'exists_with_different_body'
  | 'account_not_found'
  | 'accounts_must_differ'
  | 'currency_mismatch'
  | 'amount_invalid'
  | 'insufficient_funds'
  | 'account_not_open'
  | 'pending_not_found'
  | 'pending_already_resolved'
  | 'amount_exceeds_pending'
  | 'linked_batch_too_large'
  // Beyond the first list: input the types cannot rule out at run time.
  /** `id` is not a lowercase UUIDv7. */
  | 'id_invalid'
  /** `kind` or `code` is not one of the listed values. */
  | 'kind_or_code_invalid'
  /** `pendingId` missing on a post/void, present on a single/pending, or naming the transfer itself. */
  | 'pending_id_invalid'
  /** A post/void names accounts or a code other than its pending's. */
  | 'pending_mismatch'
  /** `reference` is empty, longer than REFERENCE_LENGTH_MAX or holds control characters. */
  | 'reference_invalid'
  /** A counter would pass Number.MAX_SAFE_INTEGER and stop being exact. */
  | 'overflow';

export type CreateTransfersResult =
  | { readonly ok: true; readonly results: readonly ('created' | 'exists')[] }
  /** Nothing of the batch was applied; `index` is the first transfer refused. */
  | { readonly ok: false; readonly index: number; readonly code: LedgerErrorCode };

export type CustomerAccountKind = 'checking' | 'savings';
/**
 * The kiosk's own accounts, one per kind and currency: cash in the dispenser cassettes, notes diverted to the reject
 * bin, notes taken in by the deposit acceptor (all assets that mirror device contents), the bank's settlement side,
 * and overs/unders for cash differences found at reconciliation.
 */
export type InternalAccountKind = 'kiosk_cash' | 'kiosk_rejects' | 'kiosk_deposits' | 'settlement' | 'overs_unders';
export type AccountKind = CustomerAccountKind | InternalAccountKind;
export type AccountStatus = 'open' | 'frozen' | 'closed';

export type LedgerAccount = {
  readonly id: number;
  /** null for the kiosk's internal accounts. */
  readonly customerId: number | null;
  readonly accountNumber: string | null;
  readonly label: string;
  readonly kind: AccountKind;
  /**
   * Customer accounts are liabilities (credit-normal); kiosk cash, rejects and deposits are assets (debit-normal);
   * settlement and overs/unders are shown debit-normal. The side only decides the sign of `balanceMinor`, never a rule.
   */
  readonly normalSide: 'debit' | 'credit';
  readonly currency: string;
  readonly status: AccountStatus;
  /** How far below zero a customer account may go; 0 for internal accounts. */
  readonly overdraftLimitMinor: number;
  readonly debitsPendingMinor: number;
  readonly debitsPostedMinor: number;
  readonly creditsPendingMinor: number;
  readonly creditsPostedMinor: number;
  /** Posted balance on the account's normal side. */
  readonly balanceMinor: number;
};

export type TransferRecord = {
  /** Local commit order, monotonic; the order to replay and sync in. */
  readonly seq: number;
  readonly id: string;
  readonly kind: TransferKind;
  readonly debitAccountId: number;
  readonly creditAccountId: number;
  /** For a post: the amount posted. For a void: the whole amount released. */
  readonly amountMinor: number;
  /** For a post/void: the amount of the pending it resolved; null otherwise. */
  readonly pendingAmountMinor: number | null;
  readonly code: TransferCode;
  readonly pendingId: string | null;
  /** Id of the first transfer of the linked batch it was created in; null when the batch held one transfer. */
  readonly linkedId: string | null;
  readonly reference: string | null;
  readonly createdAtMs: number;
};

export type BalanceMismatch = {
  readonly accountId: number;
  readonly field: 'debits_pending_minor' | 'debits_posted_minor' | 'credits_pending_minor' | 'credits_posted_minor';
  readonly cached: number;
  readonly computed: number;
};

export type VerifyBalancesResult = { readonly ok: true } | { readonly ok: false; readonly mismatches: readonly BalanceMismatch[] };

/** Most transfers in one linked (all-or-nothing) batch: bounds the time one write transaction holds the lock. */
export const LINKED_BATCH_MAX = 1_000;

/** Largest amount of one transfer: the largest integer a JS number and an SQLite INTEGER both hold exactly. */
export const AMOUNT_MINOR_MAX = Number.MAX_SAFE_INTEGER;

/** Longest free-text reference (ISO 8583 STAN/RRN and bank references fit with room). */
export const REFERENCE_LENGTH_MAX = 64;

/** Most transfers one `recentTransfers` call returns (the mini statement shows about ten). */
export const RECENT_TRANSFERS_MAX = 100;

/** Most mismatches `verifyBalances` reports; one is enough to take the kiosk out of service. */
export const BALANCE_MISMATCHES_MAX = 100;
