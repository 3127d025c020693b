// The teller: every customer money operation as one synchronous SQLite transaction that moves the ledger, the
// cassette counts, the customer-transaction record (with its STAN/RRN) and the electronic journal together, so a
// crash leaves all of them before or all of them after. Device I/O and argon2 happen outside, in the session.
import type { AccountBalance, ErrorCode, Receipt, TransactionKind } from '../../shared/ipc/index.ts';
import { uuidv7 } from '../../shared/ids.ts';
import type { CardRepo, RetainReason } from '../cards/card-repo.ts';
import type { CassetteRepo } from '../cash/cassette-repo.ts';
import { dispensablePresets, type NoteMix, planNoteMix } from '../cash/note-mix.ts';
import type { Db } from '../db/open-database.ts';
import type { DispenseOutcome } from '../devices/cash-dispenser.ts';
import type { DepositOutcome, NoteCount } from '../devices/deposit-acceptor.ts';
import type { Journal } from '../journal/journal.ts';
import type { JournalEntry } from '../journal/journal-entry.ts';
import type { Ledger, LedgerErrorCode, TransferInput } from '../ledger/ledger.ts';
import type { KioskSettings } from '../settings/kiosk-settings.ts';
import { createDepositHolds, DEPOSIT_RELEASES_PER_RUN, type DepositReleaseRun } from './deposit-holds.ts';
import { createDepositOperations } from './deposit-operations.ts';
import { transferLimitRefusal, withdrawalLimitRefusal } from './limits.ts';
import { businessDayOf, type createTraceNumbers, type TraceNumbers } from './trace-numbers.ts';
import type { CustomerTransactionKind, TransactionRepo } from './transaction-repo.ts';

/** Transfers shown in the mini statement. */
export const MINI_STATEMENT_ROWS = 10;

export type TellerDeps = {
  readonly db: Db;
  readonly ledger: Ledger;
  readonly cassettes: CassetteRepo;
  readonly journal: Journal;
  readonly transactions: TransactionRepo;
  readonly trace: ReturnType<typeof createTraceNumbers>;
  readonly cards: CardRepo;
  readonly settings: () => KioskSettings;
  readonly kioskId: string;
  readonly now: () => number;
  /** The bank sync engine's hooks, called inside the teller's transactions; absent for a standalone kiosk. */
  readonly sync?: TellerSyncHooks | null;
};

/**
 * Who approved a withdrawal: the kiosk alone (standalone), the bank online (its hold has the same id as ours), or
 * the kiosk standing in for an unreachable bank within its floor limits.
 */
export type WithdrawalAuthorisation =
  | { readonly mode: 'local' }
  | { readonly mode: 'online'; readonly pendingId: string; readonly outboxSeq: number }
  | { readonly mode: 'stand_in'; readonly pendingId: string };

const LOCAL_AUTHORISATION: WithdrawalAuthorisation = { mode: 'local' };

/** Who approved a transfer: the kiosk alone (standalone) or the bank, which booked it under the same id. */
export type TransferAuthorisation =
  | { readonly mode: 'local' }
  | { readonly mode: 'online'; readonly transferId: string; readonly outboxSeq: number };

/** Why a hold was resolved, in the bank's words (shared/bank-api COMPLETION_REASONS). */
export type HoldResolutionReason = 'dispensed' | 'partial_dispense' | 'fault' | 'timeout';

export type HoldResolution = {
  readonly transferId: string;
  readonly action: 'post' | 'void';
  readonly amountMinor: number;
  readonly reason: HoldResolutionReason;
  readonly atMs: number;
};

/**
 * What the sync engine hears from the teller, always inside the teller's transaction: whatever it writes (outbox
 * rows, stand-in records) commits or rolls back with the money, and a throw here rolls the money back.
 */
export type TellerSyncHooks = {
  withdrawalHeld(withdrawal: AuthorisedWithdrawal, customer: Customer): void;
  withdrawalResolved(withdrawal: AuthorisedWithdrawal, customer: Customer, resolution: HoldResolution): void;
  transferBooked(authorisation: TransferAuthorisation): void;
  depositBooked(
    customer: Customer,
    deposit: { readonly accountId: number; readonly transferId: string; readonly amountMinor: number; readonly reference: string; readonly atMs: number },
  ): void;
  /** Staff refunded part of a partially retracted withdrawal (refundRetracted): the bank reverses that much of it. */
  retractRefunded(refund: RetractRefund): void;
};

/**
 * A refund of notes found in the retract bin after a partial retract, as the sync engine hears of it. The kiosk's post
 * of the presented amount has the id the bank knows the withdrawal by (resolveHold hands it to withdrawalResolved as
 * the complete request's or the stand-in advice's transferId).
 */
export type RetractRefund = {
  /** The refund's own ledger transfer: also the bank reversal's transferId (its Idempotency-Key). */
  readonly transferId: string;
  /** The withdrawal's hold. */
  readonly pendingId: string;
  /** The post of the presented amount: the reversal's originalId. */
  readonly postTransferId: string;
  readonly accountId: number;
  readonly amountMinor: number;
};

/** Most retract mismatches one staff listing returns. */
export const RETRACT_MISMATCHES_LIST_MAX = 50;

/** A withdrawal whose retract brought back fewer notes than were presented, and its refund if staff booked one. */
export type RetractMismatch = {
  /** The withdrawal's customer-transaction id: what staff name it by (never the card number). */
  readonly transactionId: string;
  readonly stan: string;
  readonly rrn: string;
  readonly at: string;
  readonly maskedPan: string;
  readonly currency: string;
  /** Posted to the customer at the retract: everything presented. */
  readonly presentedMinor: number;
  /** From the mismatch's journal row (null if that row cannot be found). */
  readonly presentedNotes: number | null;
  readonly retractedNotes: number;
  readonly refund: { readonly amountMinor: number; readonly stan: string; readonly at: string } | null;
};

export type RetractRefundRequest = {
  readonly transactionId: string;
  /** What staff found in the retract bin for this withdrawal: 1 … the presented amount. */
  readonly amountMinor: number;
  readonly staffId: string;
  /** A second staff member who confirmed it (dual control), or null. */
  readonly confirmedBy: string | null;
  readonly note: string | null;
};

export type RetractRefundResult =
  | {
      readonly ok: true;
      readonly refund: {
        readonly transactionId: string;
        readonly refundTransactionId: string;
        readonly stan: string;
        readonly refundStan: string;
        readonly refundRrn: string;
        readonly maskedPan: string;
        readonly amountMinor: number;
        readonly presentedMinor: number;
        readonly currency: string;
        readonly at: string;
      };
    }
  | {
      readonly ok: false;
      readonly code: ErrorCode;
      readonly reason:
        | 'not_found'
        | 'no_retract_mismatch'
        | 'already_refunded'
        | 'amount_invalid'
        | 'amount_above_presented'
        | 'ledger';
    };

/** Who is asking: the session and its card (masked). */
export type Customer = { readonly sessionId: string; readonly cardId: number; readonly maskedPan: string };

/** One of the card's accounts as the session sees it: `ref` is what the renderer gets instead of an id. */
export type CardAccountView = AccountBalance & { readonly accountId: number; readonly open: boolean };

/** A withdrawal whose funds are held and whose notes are planned, waiting for the dispenser. */
export type AuthorisedWithdrawal = {
  readonly transactionId: string;
  readonly pendingId: string;
  readonly trace: TraceNumbers;
  readonly atMs: number;
  readonly account: CardAccountView;
  readonly amountMinor: number;
  readonly mix: NoteMix;
  readonly authorisation: WithdrawalAuthorisation;
};

export type PreparedTransfer = {
  readonly from: CardAccountView;
  readonly toAccountId: number;
  readonly recipientMaskedName: string;
  readonly recipientMaskedAccount: string;
  readonly amountMinor: number;
  readonly feeMinor: number;
};

export type Refusal = { readonly ok: false; readonly code: ErrorCode };

/**
 * The durable deposit operation a booking resolves (see deposit-operations.ts): `recovered` when start-up recovery
 * books it from the acceptor's record rather than the session from the acceptor's answer.
 */
export type DepositOperationRef = { readonly id: string; readonly recovered?: boolean };

function maskAccountNumber(accountNumber: string): string {
  return `•••• ${accountNumber.slice(-4)}`;
}

/** "Ana García" → "A** G*****": enough for the customer to recognise a recipient, not to learn a name. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter((part) => part.length > 0)
    .map((part) => `${[...part][0] ?? ''}${'*'.repeat(Math.max(0, [...part].length - 1))}`)
    .join(' ');
}

function refusalOf(code: LedgerErrorCode): ErrorCode {
  switch (code) {
    case 'insufficient_funds':
      return 'INSUFFICIENT_FUNDS';
    case 'account_not_open':
      return 'ACCOUNT_FROZEN';
    case 'account_not_found':
      return 'ACCOUNT_UNKNOWN';
    default:
      return 'INTERNAL';
  }
}

/** Thrown inside a teller transaction to roll everything back and report a refusal. */
class Declined extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode) {
    super(code);
    this.code = code;
  }
}

export function createTeller(deps: TellerDeps) {
  const { db, ledger, cassettes, journal, transactions, cards } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();
  const currency = () => deps.settings().currency;
  const internal = (kind: 'kiosk_cash' | 'kiosk_rejects' | 'kiosk_deposits' | 'settlement') =>
    ledger.internalAccountId(kind, currency());

  const depositHolds = createDepositHolds({ db, ledger, journal, now: deps.now });
  const depositOperations = createDepositOperations(db);

  const accountByNumber = db.prepare<{ accountNumber: string }, { id: number; display_name: string; status: string }>(
    `SELECT a.id, c.display_name, a.status FROM accounts a JOIN customers c ON c.id = a.customer_id
      WHERE a.account_number = @accountNumber AND a.kind IN ('checking', 'savings')`,
  );

  const apply = (batch: readonly TransferInput[]) => {
    const result = ledger.createTransfers(batch);
    if (!result.ok) throw new Declined(refusalOf(result.code));
  };

  const record = (
    customer: Customer,
    kind: CustomerTransactionKind,
    trace: TraceNumbers,
    atMs: number,
    fields: {
      id?: string;
      accountId?: number | null;
      counterpartyAccountId?: number | null;
      amountMinor?: number;
      feeMinor?: number;
      status: 'authorised' | 'completed' | 'declined';
      refusalCode?: ErrorCode | null;
      pendingTransferId?: string | null;
    },
  ): string => {
    const id = fields.id ?? uuidv7(atMs);
    transactions.record({
      id,
      sessionId: customer.sessionId,
      cardId: customer.cardId,
      kind,
      accountId: fields.accountId ?? null,
      counterpartyAccountId: fields.counterpartyAccountId ?? null,
      amountMinor: fields.amountMinor ?? 0,
      feeMinor: fields.feeMinor ?? 0,
      currency: currency(),
      businessDay: trace.businessDay,
      stan: trace.stan,
      rrn: trace.rrn,
      status: fields.status,
      refusalCode: fields.refusalCode ?? null,
      pendingTransferId: fields.pendingTransferId ?? null,
      now: iso(atMs),
    });
    return id;
  };

  const journalEntry = (customer: Customer, kind: JournalEntry['kind'], extra: Omit<JournalEntry, 'kind'> = {}) =>
    journal.append({ kind, sessionId: customer.sessionId, maskedPan: customer.maskedPan, ...extra });

  const receipt = (
    transaction: TransactionKind,
    customer: Customer,
    trace: TraceNumbers,
    atMs: number,
    fields: {
      account: CardAccountView | null;
      requestedMinor: number;
      completedMinor: number;
      feeMinor?: number;
      outcome: Receipt['outcome'];
      code?: ErrorCode | null;
    },
  ): Receipt => ({
    kioskId: deps.kioskId,
    stan: trace.stan,
    rrn: trace.rrn,
    at: iso(atMs),
    transaction,
    maskedPan: customer.maskedPan,
    accountLabel: fields.account?.accountLabel ?? null,
    requestedMinor: fields.requestedMinor,
    completedMinor: fields.completedMinor,
    feeMinor: fields.feeMinor ?? 0,
    currency: currency(),
    availableMinor: fields.account ? ledger.availableMinor(fields.account.accountId) : null,
    outcome: fields.outcome,
    code: fields.code ?? null,
  });

  /**
   * Records a refusal with its own trace numbers, after the refused attempt was rolled back; a deposit operation is
   * resolved as declined in the same transaction.
   */
  const recordDecline = (customer: Customer, kind: CustomerTransactionKind, code: ErrorCode, amountMinor: number, accountId: number | null, operation: DepositOperationRef | null = null) =>
    db.transaction(() => {
      const atMs = deps.now();
      const trace = deps.trace.next(atMs);
      const transactionId = record(customer, kind, trace, atMs, { accountId, amountMinor, status: 'declined', refusalCode: code });
      if (operation) depositOperations.resolve(operation.id, 'declined', transactionId, iso(atMs));
      journalEntry(customer, 'transaction.declined', {
        stan: trace.stan,
        ...(amountMinor > 0 ? { amountMinor, currency: currency() } : {}),
        data: { transaction: kind, code },
      });
    })();

  /** Books notes that left the cassettes but not to the customer (rejected, retracted) into the rejects account. */
  const toRejects = (amountMinor: number, reference: string) => {
    if (amountMinor <= 0) return;
    apply([
      {
        id: uuidv7(deps.now()),
        kind: 'single',
        debitAccountId: internal('kiosk_rejects'),
        creditAccountId: internal('kiosk_cash'),
        amountMinor,
        code: 'cash_adjustment',
        reference,
      },
    ]);
  };

  /** Releases a withdrawal's hold in full (accounts and amount are taken from the pending transfer). */
  const voidHold = (withdrawal: AuthorisedWithdrawal, atMs: number): TransferInput => ({
    id: uuidv7(atMs),
    kind: 'void_pending',
    debitAccountId: 0,
    creditAccountId: 0,
    amountMinor: 0,
    code: 'withdrawal',
    pendingId: withdrawal.pendingId,
    reference: withdrawal.trace.rrn,
  });

  /** Posts what reached the customer (a partial post when short) or voids the hold, and tells the sync engine. */
  const resolveHold = (customer: Customer, withdrawal: AuthorisedWithdrawal, atMs: number, postedMinor: number, reason: HoldResolutionReason) => {
    const transfer: TransferInput =
      postedMinor > 0
        ? { id: uuidv7(atMs), kind: 'post_pending', debitAccountId: 0, creditAccountId: 0, amountMinor: postedMinor, code: 'withdrawal', pendingId: withdrawal.pendingId, reference: withdrawal.trace.rrn }
        : voidHold(withdrawal, atMs);
    apply([transfer]);
    deps.sync?.withdrawalResolved(withdrawal, customer, {
      transferId: transfer.id,
      action: postedMinor > 0 ? 'post' : 'void',
      amountMinor: postedMinor,
      reason: postedMinor > 0 ? (postedMinor === withdrawal.amountMinor ? 'dispensed' : 'partial_dispense') : reason,
      atMs,
    });
  };

  /** A partial retract: post what was presented, book nothing to rejects yet, and flag it for the staff count. */
  const retractMismatch = (customer: Customer, withdrawal: AuthorisedWithdrawal, outcome: DispenseOutcome, retractedNotes: number, presentedNotes: number): Receipt =>
    db.transaction(() => {
      const atMs = deps.now();
      const now = iso(atMs);
      const presented = outcome.presentedAmountMinor;
      const accounting = cassettes.applyDispense(withdrawal.mix, outcome.presented, outcome.rejected, { now, reference: withdrawal.pendingId });
      cassettes.applyRetract(retractedNotes, { now, reference: withdrawal.pendingId });
      resolveHold(customer, withdrawal, atMs, presented, 'timeout');
      toRejects(accounting.rejectedAmountMinor, withdrawal.trace.rrn);
      transactions.settle(withdrawal.transactionId, 'completed', presented, 'CASH_RETRACTED', now);
      journalEntry(customer, 'cash.retract_mismatch', {
        stan: withdrawal.trace.stan,
        amountMinor: presented,
        currency: currency(),
        data: { presented_notes: presentedNotes, retracted_notes: retractedNotes },
      });
      return receipt('withdrawal', customer, withdrawal.trace, withdrawal.atMs, {
        account: withdrawal.account,
        requestedMinor: withdrawal.amountMinor,
        completedMinor: presented,
        outcome: presented === withdrawal.amountMinor ? 'completed' : 'partial',
        code: 'CASH_RETRACTED',
      });
    })();

  // ---- refunds of partial retracts (staff count the retract bin and refund what it holds) ----------------------
  // A partial retract is a withdrawal settled 'completed' with CASH_RETRACTED (retractMismatch above; a full retract
  // is 'reversed'). The listing starts from the retract movements, which are few and reached through the
  // cassette_id index (bin movements have none); every other step is a key lookup, so it never scans the customer
  // transactions. A mismatch whose retract brought back no note put nothing in the bin and has nothing to refund.
  const retractMismatches = db.prepare<
    { limit: number },
    {
      id: string;
      stan: string;
      rrn: string;
      created_at: string;
      currency: string;
      completed_minor: number;
      pan_last4: string;
      retracted_notes: number;
      presented_notes: number | null;
      refund_minor: number | null;
      refund_stan: string | null;
      refund_at: string | null;
    }
  >(
    `SELECT w.id, w.stan, w.rrn, w.created_at, w.currency, w.completed_minor, c.pan_last4,
            m.retracted_delta AS retracted_notes,
            (SELECT json_extract(j.data, '$.presented_notes') FROM journal AS j
              WHERE j.stan = w.stan AND j.session_id = w.session_id AND j.kind = 'cash.retract_mismatch'
              ORDER BY j.seq DESC LIMIT 1) AS presented_notes,
            r.amount_minor AS refund_minor, r.stan AS refund_stan, r.created_at AS refund_at
       FROM cash_movements AS m
       JOIN transfers AS p ON p.id = m.reference AND p.kind = 'pending'
       JOIN customer_transactions AS w ON w.rrn = p.reference AND w.pending_transfer_id = p.id
       JOIN cards AS c ON c.id = w.card_id
       LEFT JOIN customer_transactions AS r ON r.reversal_of = w.id
      WHERE m.cassette_id IS NULL AND m.kind = 'retract'
        AND w.kind = 'withdrawal' AND w.status = 'completed' AND w.refusal_code = 'CASH_RETRACTED'
      ORDER BY m.id DESC LIMIT @limit`,
  );
  const refundTarget = db.prepare<
    { id: string },
    {
      id: string;
      session_id: string;
      card_id: number;
      kind: string;
      account_id: number | null;
      completed_minor: number;
      currency: string;
      stan: string;
      rrn: string;
      status: string;
      refusal_code: string | null;
      pending_transfer_id: string | null;
      pan_last4: string;
      refunded: number;
    }
  >(
    `SELECT w.id, w.session_id, w.card_id, w.kind, w.account_id, w.completed_minor, w.currency, w.stan, w.rrn, w.status,
            w.refusal_code, w.pending_transfer_id, c.pan_last4,
            EXISTS (SELECT 1 FROM customer_transactions AS r WHERE r.reversal_of = w.id) AS refunded
       FROM customer_transactions AS w JOIN cards AS c ON c.id = w.card_id
      WHERE w.id = @id`,
  );
  const retractMovementOf = db.prepare<{ pendingId: string }, { id: number; notes: number }>(
    `SELECT id, retracted_delta AS notes FROM cash_movements
      WHERE cassette_id IS NULL AND kind = 'retract' AND reference = @pendingId ORDER BY id DESC LIMIT 1`,
  );
  const retractBinEmptiedAfter = db.prepare<{ movementId: number }, { one: number }>(
    `SELECT 1 AS one FROM cash_movements
      WHERE cassette_id IS NULL AND kind = 'empty_retract_bin' AND id > @movementId LIMIT 1`,
  );
  const postOfHold = db.prepare<{ pendingId: string }, { id: string }>(
    `SELECT id FROM transfers WHERE pending_id = @pendingId AND kind = 'post_pending'`,
  );
  // The refund row: kind 'withdrawal', linked by reversal_of (UNIQUE: a withdrawal is refunded at most once, whatever
  // the code above checked). Status 'reversed' with nothing completed keeps it out of the daily limits and the day
  // totals, which count the withdrawal itself as it was posted (as the bank does, with its reversals apart).
  const insertRefund = db.prepare<{
    id: string;
    sessionId: string;
    cardId: number;
    accountId: number;
    amountMinor: number;
    currency: string;
    businessDay: string;
    stan: string;
    rrn: string;
    reversalOf: string;
    now: string;
  }>(
    `INSERT INTO customer_transactions (id, session_id, card_id, kind, account_id, counterparty_account_id,
       amount_minor, completed_minor, fee_minor, currency, business_day, stan, rrn, status, refusal_code,
       pending_transfer_id, reversal_of, created_at, updated_at)
     VALUES (@id, @sessionId, @cardId, 'withdrawal', @accountId, NULL, @amountMinor, 0, 0, @currency, @businessDay,
       @stan, @rrn, 'reversed', NULL, NULL, @reversalOf, @now, @now)`,
  );

  /** An RRN as the journal can hold it: twelve bare digits may pass the Luhn check the journal refuses. */
  const journalRrn = (rrn: string) => `${rrn.slice(0, 6)}-${rrn.slice(6)}`;

  type RefundRefusal = Extract<RetractRefundResult, { ok: false }>;
  /** Thrown inside the refund's transaction so nothing of it stays (not even a STAN); never escapes refundRetracted. */
  class RefundRefused extends Error {
    readonly refusal: RefundRefusal;
    constructor(code: ErrorCode, reason: RefundRefusal['reason']) {
      super(reason);
      this.refusal = { ok: false, code, reason };
    }
  }

  const refundInTransaction = db.transaction((request: RetractRefundRequest): RetractRefundResult => {
    const target = refundTarget.get({ id: request.transactionId });
    if (!target) throw new RefundRefused('INVALID_STATE', 'not_found');
    if (
      target.kind !== 'withdrawal' ||
      target.status !== 'completed' ||
      target.refusal_code !== 'CASH_RETRACTED' ||
      target.pending_transfer_id === null ||
      target.account_id === null
    )
      throw new RefundRefused('INVALID_STATE', 'no_retract_mismatch');
    if (target.refunded === 1) throw new RefundRefused('INVALID_STATE', 'already_refunded');
    const retract = retractMovementOf.get({ pendingId: target.pending_transfer_id });
    const post = postOfHold.get({ pendingId: target.pending_transfer_id });
    if (!retract || retract.notes <= 0 || !post) throw new RefundRefused('INVALID_STATE', 'no_retract_mismatch');
    if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor < 1)
      throw new RefundRefused('AMOUNT_INVALID', 'amount_invalid');
    if (request.amountMinor > target.completed_minor)
      throw new RefundRefused('AMOUNT_INVALID', 'amount_above_presented');

    const atMs = deps.now();
    const now = iso(atMs);
    const trace = deps.trace.next(atMs);
    const refundTransactionId = uuidv7(atMs);
    try {
      insertRefund.run({
        id: refundTransactionId,
        sessionId: target.session_id,
        cardId: target.card_id,
        accountId: target.account_id,
        amountMinor: request.amountMinor,
        currency: target.currency,
        businessDay: trace.businessDay,
        stan: trace.stan,
        rrn: trace.rrn,
        reversalOf: target.id,
        now,
      });
    } catch (cause) {
      if (cause instanceof Error && cause.message.includes('customer_transactions.reversal_of'))
        throw new RefundRefused('INVALID_STATE', 'already_refunded');
      throw cause;
    }
    // Where the refunded notes are in the books. A partial retract booked nothing for them (a note count has no
    // value), yet they sit in the retract bin, which the rejects account stands for: debiting rejects puts their
    // value there, as toRejects does for a full retract, so the next Cassette Total expects them and the count finds
    // no over. If a Cassette Total emptied the bin after this retract, the count already found them as an over
    // (credited to overs/unders): the refund then debits overs/unders, cancelling that over, instead of leaving the
    // rejects account holding notes the bin no longer has.
    const binEmptied = retractBinEmptiedAfter.get({ movementId: retract.id }) !== undefined;
    const source = binEmptied ? 'overs_unders' : 'kiosk_rejects';
    const transferId = uuidv7(atMs);
    const booked = ledger.createTransfers([
      {
        id: transferId,
        kind: 'single',
        debitAccountId: ledger.internalAccountId(source, target.currency),
        creditAccountId: target.account_id,
        amountMinor: request.amountMinor,
        code: 'reversal',
        reference: trace.rrn,
      },
    ]);
    if (!booked.ok) throw new RefundRefused(refusalOf(booked.code), 'ledger');
    const maskedPan = `•••• ${target.pan_last4}`;
    journal.append({
      kind: 'cash.retract_refunded',
      sessionId: target.session_id,
      stan: target.stan,
      maskedPan,
      staffId: request.staffId,
      amountMinor: request.amountMinor,
      currency: target.currency,
      data: {
        transaction_id: target.id,
        rrn: journalRrn(target.rrn),
        refund_stan: trace.stan,
        presented_minor: target.completed_minor,
        retracted_notes: retract.notes,
        debited: source,
        confirmed_by: request.confirmedBy,
        note: request.note,
      },
    });
    deps.sync?.retractRefunded({
      transferId,
      pendingId: target.pending_transfer_id,
      postTransferId: post.id,
      accountId: target.account_id,
      amountMinor: request.amountMinor,
    });
    return {
      ok: true,
      refund: {
        transactionId: target.id,
        refundTransactionId,
        stan: target.stan,
        refundStan: trace.stan,
        refundRrn: trace.rrn,
        maskedPan,
        amountMinor: request.amountMinor,
        presentedMinor: target.completed_minor,
        currency: target.currency,
        at: now,
      },
    };
  });

  return {
    accountsOf(cardId: number): CardAccountView[] {
      return cards.accountsOf(cardId).map((account, index) => ({
        accountId: account.accountId,
        accountRef: `a${index + 1}`,
        accountLabel: account.label,
        maskedAccountNumber: maskAccountNumber(account.accountNumber),
        currency: account.currency,
        ledgerMinor: account.ledgerBalanceMinor,
        availableMinor: ledger.availableMinor(account.accountId),
        open: account.status === 'open',
      }));
    },

    /** The fast-cash presets the cassettes can make now and the per-withdrawal maximum allows. */
    fastCashMinor(): number[] {
      const settings = deps.settings();
      const allowed = settings.fastCashPresetsMinor.filter((amount) => amount <= settings.withdrawalMaxMinor);
      return dispensablePresets(allowed, cassettes.usable(settings.currency));
    },

    /**
     * The kiosk's own rules for a withdrawal (notes, account, daily limits), checked before the bank is asked; a
     * refusal is recorded like any decline.
     */
    precheckWithdrawal(customer: Customer, account: CardAccountView, amountMinor: number): Refusal | null {
      const settings = deps.settings();
      const mix = planNoteMix(amountMinor, cassettes.usable(settings.currency));
      const code: ErrorCode | null = !mix
        ? 'AMOUNT_NOT_DISPENSABLE'
        : !account.open
          ? 'ACCOUNT_FROZEN'
          : withdrawalLimitRefusal(settings, transactions.dailyUsage(customer.cardId, businessDayOf(deps.now())), amountMinor);
      if (!code) return null;
      recordDecline(customer, 'withdrawal', code, amountMinor, account.accountId);
      return { ok: false, code };
    },

    /** Records a withdrawal the bank declined (or that could not be approved offline). */
    declineWithdrawal(customer: Customer, account: CardAccountView, amountMinor: number, code: ErrorCode): Refusal {
      recordDecline(customer, 'withdrawal', code, amountMinor, account.accountId);
      return { ok: false, code };
    },

    /** Plans notes, checks the rules, and holds the funds; a refusal changes nothing but its own record. */
    authoriseWithdrawal(
      customer: Customer,
      account: CardAccountView,
      amountMinor: number,
      authorisation: WithdrawalAuthorisation = LOCAL_AUTHORISATION,
    ): { ok: true; withdrawal: AuthorisedWithdrawal } | Refusal {
      const settings = deps.settings();
      // An amount the cassettes cannot make is refused before any rule or hold.
      const mix = planNoteMix(amountMinor, cassettes.usable(settings.currency));
      const code: ErrorCode | null = !mix ? 'AMOUNT_NOT_DISPENSABLE' : !account.open ? 'ACCOUNT_FROZEN' : null;
      if (code || !mix) {
        recordDecline(customer, 'withdrawal', code ?? 'AMOUNT_NOT_DISPENSABLE', amountMinor, account.accountId);
        return { ok: false, code: code ?? 'AMOUNT_NOT_DISPENSABLE' };
      }
      try {
        const withdrawal = db.transaction((): AuthorisedWithdrawal => {
          const atMs = deps.now();
          const trace = deps.trace.next(atMs);
          const limit = withdrawalLimitRefusal(settings, transactions.dailyUsage(customer.cardId, trace.businessDay), amountMinor);
          if (limit) throw new Declined(limit);
          // An online or stand-in hold keeps the id the bank was (or will be) asked with.
          const pendingId = authorisation.mode === 'local' ? uuidv7(atMs) : authorisation.pendingId;
          apply([
            {
              id: pendingId,
              kind: 'pending',
              debitAccountId: account.accountId,
              creditAccountId: internal('kiosk_cash'),
              amountMinor,
              code: 'withdrawal',
              reference: trace.rrn,
            },
          ]);
          const transactionId = record(customer, 'withdrawal', trace, atMs, {
            accountId: account.accountId,
            amountMinor,
            status: 'authorised',
            pendingTransferId: pendingId,
          });
          journalEntry(customer, 'transaction.approved', {
            stan: trace.stan,
            amountMinor,
            currency: settings.currency,
            data: {
              transaction: 'withdrawal',
              notes: mix.reduce((sum, line) => sum + line.notes, 0),
              // Who approved it, when a bank is configured (online, or the kiosk standing in for it).
              ...(authorisation.mode === 'local' ? {} : { authorisation: authorisation.mode }),
            },
          });
          const withdrawal: AuthorisedWithdrawal = { transactionId, pendingId, trace, atMs, account, amountMinor, mix, authorisation };
          deps.sync?.withdrawalHeld(withdrawal, customer);
          return withdrawal;
        })();
        return { ok: true, withdrawal };
      } catch (cause) {
        if (!(cause instanceof Declined)) throw cause;
        recordDecline(customer, 'withdrawal', cause.code, amountMinor, account.accountId);
        return { ok: false, code: cause.code };
      }
    },

    /** The customer took the presented notes: post what was presented (a partial post for a partial dispense). */
    completeWithdrawal(customer: Customer, withdrawal: AuthorisedWithdrawal, outcome: DispenseOutcome): Receipt {
      return db.transaction(() => {
        const atMs = deps.now();
        const now = iso(atMs);
        const presented = outcome.presentedAmountMinor;
        const accounting = cassettes.applyDispense(withdrawal.mix, outcome.presented, outcome.rejected, { now, reference: withdrawal.pendingId });
        resolveHold(customer, withdrawal, atMs, presented, 'fault');
        toRejects(accounting.rejectedAmountMinor, withdrawal.trace.rrn);
        transactions.settle(withdrawal.transactionId, 'completed', presented, null, now);
        journalEntry(customer, 'cash.taken', { stan: withdrawal.trace.stan, amountMinor: presented, currency: currency(), data: { rejected_notes: accounting.rejectedNotes } });
        return receipt('withdrawal', customer, withdrawal.trace, withdrawal.atMs, {
          account: withdrawal.account,
          requestedMinor: withdrawal.amountMinor,
          completedMinor: presented,
          outcome: presented === withdrawal.amountMinor ? 'completed' : 'partial',
        });
      })();
    },

    /** Nothing reached the customer (a jam before presenting): void the hold; picked notes go to the rejects. */
    failWithdrawal(customer: Customer, withdrawal: AuthorisedWithdrawal, outcome: DispenseOutcome, code: ErrorCode): Receipt {
      return db.transaction(() => {
        const atMs = deps.now();
        const now = iso(atMs);
        // Whatever was picked is in the reject bin now, presented or not.
        const picked = outcome.rejected.map((line) => ({
          cassetteId: line.cassetteId,
          notes: line.notes + (outcome.presented.find((shown) => shown.cassetteId === line.cassetteId)?.notes ?? 0),
        }));
        // No mix: the dispenser never served this withdrawal (crash recovery), so no note left a cassette.
        const accounting =
          withdrawal.mix.length === 0
            ? { presentedNotes: 0, presentedAmountMinor: 0, rejectedNotes: 0, rejectedAmountMinor: 0 }
            : cassettes.applyDispense(withdrawal.mix, [], picked, { now, reference: withdrawal.pendingId });
        resolveHold(customer, withdrawal, atMs, 0, 'fault');
        toRejects(accounting.rejectedAmountMinor, withdrawal.trace.rrn);
        transactions.settle(withdrawal.transactionId, 'declined', 0, code, now);
        journalEntry(customer, 'device.fault', { stan: withdrawal.trace.stan, data: { device: 'dispenser', code, rejected_notes: accounting.rejectedNotes } });
        return receipt('withdrawal', customer, withdrawal.trace, withdrawal.atMs, {
          account: withdrawal.account,
          requestedMinor: withdrawal.amountMinor,
          completedMinor: 0,
          outcome: 'declined',
          code,
        });
      })();
    },

    /**
     * Presented notes that were not taken (cash left in the slot, or a card never taken before the cash) are
     * retracted: void the hold; the notes that left the cassettes are booked to the rejects account.
     */
    retractWithdrawal(customer: Customer, withdrawal: AuthorisedWithdrawal, outcome: DispenseOutcome, retractedNotes: number, code: ErrorCode = 'CASH_RETRACTED'): Receipt {
      const presentedNotes = outcome.presented.reduce((sum, line) => sum + line.notes, 0);
      // Fewer notes came back than were presented: the customer took some, and a note count cannot say which
      // denominations. The presented amount is posted and the mismatch journalled; staff count the retract bin and
      // refund what it holds with a reversal (the industry's answer to "take some, leave the rest" retract fraud).
      if (retractedNotes < presentedNotes) return retractMismatch(customer, withdrawal, outcome, retractedNotes, presentedNotes);
      return db.transaction(() => {
        const atMs = deps.now();
        const now = iso(atMs);
        const accounting = cassettes.applyDispense(withdrawal.mix, outcome.presented, outcome.rejected, { now, reference: withdrawal.pendingId });
        cassettes.applyRetract(retractedNotes, { now, reference: withdrawal.pendingId });
        resolveHold(customer, withdrawal, atMs, 0, 'timeout');
        toRejects(accounting.presentedAmountMinor + accounting.rejectedAmountMinor, withdrawal.trace.rrn);
        transactions.settle(withdrawal.transactionId, 'reversed', 0, code, now);
        journalEntry(customer, 'cash.retracted', {
          stan: withdrawal.trace.stan,
          amountMinor: accounting.presentedAmountMinor,
          currency: currency(),
          data: { retracted_notes: retractedNotes },
        });
        return receipt('withdrawal', customer, withdrawal.trace, withdrawal.atMs, {
          account: withdrawal.account,
          requestedMinor: withdrawal.amountMinor,
          completedMinor: 0,
          outcome: 'reversed',
          code,
        });
      })();
    },

    /**
     * Writes the durable record of a deposit about to go into the acceptor (and journals the request) in one
     * transaction, before the acceptor is asked for anything. Returns the operation id to hand to the acceptor.
     */
    beginDeposit(customer: Customer, account: CardAccountView, notes: readonly NoteCount[]): string {
      return db.transaction(() => {
        const atMs = deps.now();
        const id = uuidv7(atMs);
        const insertedNotes = notes.reduce((sum, line) => sum + line.count, 0);
        const insertedMinor = notes.reduce((sum, line) => sum + line.count * line.denominationMinor, 0);
        depositOperations.begin({
          id,
          sessionId: customer.sessionId,
          cardId: customer.cardId,
          maskedPan: customer.maskedPan,
          accountId: account.accountId,
          currency: currency(),
          insertedNotes,
          insertedMinor,
          now: iso(atMs),
        });
        journalEntry(customer, 'transaction.requested', {
          amountMinor: insertedMinor,
          currency: currency(),
          data: { transaction: 'deposit', operation_id: id, notes: insertedNotes },
        });
        return id;
      })();
    },

    /**
     * Nothing of the bunch was kept (the acceptor refused it outright, or recovery found nothing kept): the operation
     * is resolved as declined, with the journal entry saying why, in one transaction.
     */
    declineDepositOperation(customer: Customer, operationId: string, entry: Pick<JournalEntry, 'kind' | 'data'>): void {
      db.transaction(() => {
        depositOperations.resolve(operationId, 'declined', null, iso(deps.now()));
        journalEntry(customer, entry.kind, entry.data ? { data: entry.data } : {});
      })();
    },

    /**
     * Credits counted notes: up to the immediate allowance at once, the rest held pending the count check and
     * released by releaseDueDeposits once the hold period (depositHoldMs, fixed now) has passed. With an operation,
     * its record is resolved in the same transaction, so a second booking of the same notes is impossible.
     */
    deposit(customer: Customer, account: CardAccountView, outcome: DepositOutcome, operation: DepositOperationRef | null = null): Receipt | Refusal {
      const amountMinor = outcome.acceptedAmountMinor;
      if (amountMinor <= 0) {
        recordDecline(customer, 'deposit', 'DEPOSIT_REJECTED', 0, account.accountId, operation);
        return { ok: false, code: 'DEPOSIT_REJECTED' };
      }
      try {
        return db.transaction(() => {
          const atMs = deps.now();
          const trace = deps.trace.next(atMs);
          const settings = deps.settings();
          // With a bank, funds availability is the bank's: it books the whole deposit at once, so a hold of the kiosk's
          // own would refuse withdrawals the bank approves. A standalone kiosk applies its allowance.
          const immediate = deps.sync ? amountMinor : Math.min(amountMinor, settings.depositImmediateMinor);
          const held = amountMinor - immediate;
          const releaseAtMs = atMs + settings.depositHoldMs;
          const base = { debitAccountId: internal('kiosk_deposits'), creditAccountId: account.accountId, code: 'deposit' as const, reference: trace.rrn };
          const batch: TransferInput[] = [];
          if (immediate > 0) batch.push({ ...base, id: uuidv7(atMs), kind: 'single', amountMinor: immediate });
          const heldId = uuidv7(atMs);
          if (held > 0) batch.push({ ...base, id: heldId, kind: 'pending', amountMinor: held });
          apply(batch);
          // Store-and-forward: the notes are already in the kiosk, so the bank hears of the whole deposit once. The
          // hold is the kiosk's own: its release later moves nothing the bank has not already booked.
          deps.sync?.depositBooked(customer, { accountId: account.accountId, transferId: batch[0]?.id ?? uuidv7(atMs), amountMinor, reference: trace.rrn, atMs });
          const transactionId = record(customer, 'deposit', trace, atMs, { accountId: account.accountId, amountMinor, status: 'completed' });
          if (operation) depositOperations.resolve(operation.id, 'booked', transactionId, iso(atMs));
          if (held > 0) depositHolds.hold({ pendingId: heldId, transactionId, releaseAtMs });
          journalEntry(customer, 'transaction.approved', {
            stan: trace.stan,
            amountMinor,
            currency: currency(),
            data: {
              transaction: 'deposit',
              notes: outcome.acceptedNotes,
              rejected_notes: outcome.rejectedNotes,
              held_minor: held,
              ...(held > 0 ? { held_until: iso(releaseAtMs) } : {}),
            },
          });
          if (operation?.recovered) {
            journalEntry(customer, 'deposit.recovered', {
              stan: trace.stan,
              amountMinor,
              currency: currency(),
              data: { action: 'booked', operation_id: operation.id, notes: outcome.acceptedNotes },
            });
          }
          return receipt('deposit', customer, trace, atMs, { account, requestedMinor: amountMinor, completedMinor: amountMinor, outcome: 'completed' });
        })();
      } catch (cause) {
        // A credit fails only on the account itself (frozen); nothing was booked and the notes go back.
        if (!(cause instanceof Declined)) throw cause;
        recordDecline(customer, 'deposit', cause.code, amountMinor, account.accountId, operation);
        return { ok: false, code: cause.code };
      }
    },

    /** Resolves the recipient for the confirmation screen; nothing is recorded yet. */
    prepareTransfer(from: CardAccountView, to: { kind: 'own'; account: CardAccountView } | { kind: 'account_number'; accountNumber: string }, amountMinor: number): { ok: true; transfer: PreparedTransfer } | Refusal {
      if (!from.open) return { ok: false, code: 'ACCOUNT_FROZEN' };
      if (to.kind === 'own') {
        if (to.account.accountId === from.accountId) return { ok: false, code: 'ACCOUNT_UNKNOWN' };
        return {
          ok: true,
          transfer: { from, toAccountId: to.account.accountId, recipientMaskedName: to.account.accountLabel, recipientMaskedAccount: to.account.maskedAccountNumber, amountMinor, feeMinor: 0 },
        };
      }
      const recipient = accountByNumber.get({ accountNumber: to.accountNumber });
      if (!recipient || recipient.id === from.accountId) return { ok: false, code: 'ACCOUNT_UNKNOWN' };
      if (recipient.status !== 'open') return { ok: false, code: 'ACCOUNT_FROZEN' };
      return {
        ok: true,
        transfer: {
          from,
          toAccountId: recipient.id,
          recipientMaskedName: maskName(recipient.display_name),
          recipientMaskedAccount: maskAccountNumber(to.accountNumber),
          amountMinor,
          // With a bank, its own tariff applies there; the kiosk adds no fee of its own.
          feeMinor: deps.sync ? 0 : deps.settings().transferFeeMinor,
        },
      };
    },

    /** The kiosk's own rules for a transfer, before the bank is asked; a refusal is recorded. */
    precheckTransfer(customer: Customer, transfer: PreparedTransfer): Refusal | null {
      const code: ErrorCode | null = !transfer.from.open
        ? 'ACCOUNT_FROZEN'
        : transferLimitRefusal(deps.settings(), transactions.dailyUsage(customer.cardId, businessDayOf(deps.now())), transfer.amountMinor);
      if (!code) return null;
      recordDecline(customer, 'transfer', code, transfer.amountMinor, transfer.from.accountId);
      return { ok: false, code };
    },

    /** Records a transfer the bank declined or could not be asked about. */
    declineTransfer(customer: Customer, transfer: PreparedTransfer, code: ErrorCode): Refusal {
      recordDecline(customer, 'transfer', code, transfer.amountMinor, transfer.from.accountId);
      return { ok: false, code };
    },

    /**
     * Moves the transfer and its fee as one linked batch: both or neither. A bank-approved transfer is booked under
     * the bank's id, and its outbox row is acknowledged in the same transaction.
     */
    transfer(customer: Customer, transfer: PreparedTransfer, authorisation: TransferAuthorisation = { mode: 'local' }): Receipt | Refusal {
      try {
        return db.transaction(() => {
          const atMs = deps.now();
          const trace = deps.trace.next(atMs);
          const limit = transferLimitRefusal(deps.settings(), transactions.dailyUsage(customer.cardId, trace.businessDay), transfer.amountMinor);
          if (limit) throw new Declined(limit);
          const id = authorisation.mode === 'online' ? authorisation.transferId : uuidv7(atMs);
          const batch: TransferInput[] = [
            { id, kind: 'single', debitAccountId: transfer.from.accountId, creditAccountId: transfer.toAccountId, amountMinor: transfer.amountMinor, code: 'transfer', reference: trace.rrn },
          ];
          if (transfer.feeMinor > 0) {
            batch.push({ id: uuidv7(atMs), kind: 'single', debitAccountId: transfer.from.accountId, creditAccountId: internal('settlement'), amountMinor: transfer.feeMinor, code: 'fee', reference: trace.rrn });
          }
          apply(batch);
          deps.sync?.transferBooked(authorisation);
          record(customer, 'transfer', trace, atMs, {
            accountId: transfer.from.accountId,
            counterpartyAccountId: transfer.toAccountId,
            amountMinor: transfer.amountMinor,
            feeMinor: transfer.feeMinor,
            status: 'completed',
          });
          journalEntry(customer, 'transaction.approved', {
            stan: trace.stan,
            amountMinor: transfer.amountMinor,
            currency: currency(),
            data: { transaction: 'transfer', fee_minor: transfer.feeMinor },
          });
          return receipt('transfer', customer, trace, atMs, {
            account: transfer.from,
            requestedMinor: transfer.amountMinor,
            completedMinor: transfer.amountMinor,
            feeMinor: transfer.feeMinor,
            outcome: 'completed',
          });
        })();
      } catch (cause) {
        if (!(cause instanceof Declined)) throw cause;
        recordDecline(customer, 'transfer', cause.code, transfer.amountMinor, transfer.from.accountId);
        return { ok: false, code: cause.code };
      }
    },

    /** Balance inquiry, mini statement and PIN change move no money but get trace numbers and a receipt. */
    recordService(customer: Customer, kind: 'balance' | 'mini_statement' | 'pin_change', account: CardAccountView | null): Receipt {
      return db.transaction(() => {
        const atMs = deps.now();
        const trace = deps.trace.next(atMs);
        record(customer, kind, trace, atMs, { accountId: account?.accountId ?? null, status: 'completed' });
        journalEntry(customer, 'transaction.approved', { stan: trace.stan, data: { transaction: kind } });
        return receipt(kind, customer, trace, atMs, { account, requestedMinor: 0, completedMinor: 0, outcome: 'completed' });
      })();
    },

    /** The account's last movements, signed from the customer's side; a resolved hold shows as its posting. */
    statement(account: CardAccountView) {
      const recent = ledger.recentTransfers(account.accountId, MINI_STATEMENT_ROWS * 3);
      const resolved = new Set(recent.flatMap((transfer) => (transfer.pendingId ? [transfer.pendingId] : [])));
      return recent
        .filter((transfer) => transfer.kind !== 'void_pending' && !(transfer.kind === 'pending' && resolved.has(transfer.id)))
        .slice(0, MINI_STATEMENT_ROWS)
        .map((transfer) => ({
          at: iso(transfer.createdAtMs),
          code: transfer.code,
          amountMinor: transfer.debitAccountId === account.accountId ? -transfer.amountMinor : transfer.amountMinor,
          pending: transfer.kind === 'pending',
        }));
    },

    /** Partial retracts, newest first (at most RETRACT_MISMATCHES_LIST_MAX), each with its refund if it has one. */
    retractMismatches(limit: number = RETRACT_MISMATCHES_LIST_MAX): RetractMismatch[] {
      const bounded = Math.max(1, Math.min(Math.floor(limit), RETRACT_MISMATCHES_LIST_MAX));
      return retractMismatches.all({ limit: bounded }).map((row) => ({
        transactionId: row.id,
        stan: row.stan,
        rrn: row.rrn,
        at: row.created_at,
        maskedPan: `•••• ${row.pan_last4}`,
        currency: row.currency,
        presentedMinor: row.completed_minor,
        presentedNotes: typeof row.presented_notes === 'number' ? row.presented_notes : null,
        retractedNotes: row.retracted_notes,
        refund:
          row.refund_minor !== null && row.refund_stan !== null && row.refund_at !== null
            ? { amountMinor: row.refund_minor, stan: row.refund_stan, at: row.refund_at }
            : null,
      }));
    },

    /**
     * Refunds what staff found in the retract bin for one partially retracted withdrawal (1 … the presented amount),
     * at most once, in one transaction: the refund row linked to the withdrawal, the ledger credit, the journal row
     * naming the staff member and the sync engine's reversal for the bank. A refusal changes nothing.
     */
    refundRetracted(request: RetractRefundRequest): RetractRefundResult {
      try {
        return refundInTransaction(request);
      } catch (cause) {
        if (cause instanceof RefundRefused) return cause.refusal;
        throw cause;
      }
    },

    /**
     * Makes the held part of deposits whose hold period has passed available: oldest due first, at most `limit`, each
     * its own transaction (post of the pending credit, hold row, journal). Called by the core's periodic sweep.
     */
    releaseDueDeposits(limit: number = DEPOSIT_RELEASES_PER_RUN): DepositReleaseRun {
      return depositHolds.releaseDue(limit);
    },

    journalEntry,
    /** Keeps a card left in the slot and journals it, in one transaction. */
    retainCard(customer: Customer, reason: RetainReason): void {
      db.transaction(() => {
        cards.retainCard(customer.cardId, iso(deps.now()), reason);
        journalEntry(customer, 'card.retained', { data: { reason } });
      })();
    },
  };
}

export type Teller = ReturnType<typeof createTeller>;
