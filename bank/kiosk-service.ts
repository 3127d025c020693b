// What the bank does for a kiosk: authorise (hold), complete (post/void), advices, reversals, the shared PIN-attempt
// counter, the changes feed and settlement totals. Every function is synchronous and runs inside the transaction
// the idempotency store opens, so the money movement and its stored response commit together.
import type {
  AccountState,
  AdviceRequest,
  AdviceResponse,
  AuthoriseRequest,
  AuthoriseResponse,
  CardState,
  Change,
  ChangesResponse,
  CompleteRequest,
  CompleteResponse,
  DeclineCode,
  EnrolmentRequest,
  EnrolmentResponse,
  KioskTransferRequest,
  KioskTransferResponse,
  PinAttemptRequest,
  PinAttemptResponse,
  ReversalRequest,
  ReversalResponse,
  TotalsResponse,
} from '../shared/bank-api/index.ts';
import { PIN_ATTEMPTS_MAX } from '../shared/bank-api/index.ts';
import { BankError } from './errors.ts';
import { type AccountRow, availableOf, balanceOf, type BankLedger, businessDayOf } from './store/ledger.ts';
import type { Db } from './store/open-store.ts';

/** The issuer's daily cash limit for a card opened at a kiosk (branch staff cannot set it). */
export const ENROLLED_CARD_DAILY_LIMIT_MINOR = 50_000;

type CardRow = {
  id: number;
  customer_id: number;
  pan_hmac: string;
  pan_last4: string;
  expires_yymm: string;
  status: 'active' | 'blocked' | 'retained';
  pin_failed_attempts: number;
  daily_withdrawal_limit_minor: number;
  change_seq: number;
};

const CARD_COLUMNS =
  'id, customer_id, pan_hmac, pan_last4, expires_yymm, status, pin_failed_attempts, daily_withdrawal_limit_minor, change_seq';

function yymmOf(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getUTCFullYear() % 100).padStart(2, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function createKioskService(db: Db, ledger: BankLedger, now: () => number) {
  const cardByKey = db.prepare<{ key: string }, CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE pan_hmac = @key`);
  const cardById = db.prepare<{ id: number }, CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE id = @id`);
  const linked = db.prepare<{ card: number; account: number }, { one: number }>(
    'SELECT 1 AS one FROM card_accounts WHERE card_id = @card AND account_id = @account',
  );
  const cardAccountNumbers = db.prepare<{ card: number }, { account_number: string }>(
    `SELECT a.account_number FROM card_accounts AS ca JOIN accounts AS a ON a.id = ca.account_id
      WHERE ca.card_id = @card ORDER BY a.account_number`,
  );
  const withdrawnToday = db.prepare<{ card: number; day: string }, { total: number }>(
    `SELECT coalesce(sum(CASE WHEN t.kind = 'single' THEN t.amount_minor
                         ELSE coalesce((SELECT CASE r.kind WHEN 'post_pending' THEN r.amount_minor ELSE 0 END
                                          FROM transfers AS r WHERE r.pending_id = t.id), t.amount_minor) END), 0) AS total
       FROM transfers AS t
      WHERE t.card_id = @card AND t.business_day = @day AND t.code = 'withdrawal' AND t.kind IN ('single', 'pending')`,
  );
  const updateAttempts = db.prepare<{ id: number; attempts: number; status: CardRow['status']; at: number }>(
    'UPDATE cards SET pin_failed_attempts = @attempts, status = @status, updated_at_ms = @at WHERE id = @id',
  );
  const changedRows = db.prepare<
    { cursor: number; limit: number },
    { type: 'account' | 'card'; seq: number; id: number }
  >(
    `SELECT 'account' AS type, change_seq AS seq, id FROM accounts WHERE change_seq > @cursor AND customer_id IS NOT NULL
     UNION ALL
     SELECT 'card' AS type, change_seq AS seq, id FROM cards WHERE change_seq > @cursor
     ORDER BY seq LIMIT @limit`,
  );
  const insertCustomer = db.prepare<{ name: string; at: number }>(
    'INSERT INTO customers (email, password_hash, display_name, created_at_ms) VALUES (NULL, NULL, @name, @at)',
  );
  const insertAccount = db.prepare<{ customer: number; number: string; label: string; kind: string; currency: string }>(
    `INSERT INTO accounts (customer_id, account_number, label, kind, currency, status)
     VALUES (@customer, @number, @label, @kind, @currency, 'open')`,
  );
  const insertCard = db.prepare<{
    customer: number;
    key: string;
    last4: string;
    expires: string;
    pinHash: string;
    limit: number;
    at: number;
  }>(
    `INSERT INTO cards (customer_id, pan_hmac, pan_last4, expires_yymm, status, pin_hash, daily_withdrawal_limit_minor, updated_at_ms)
     VALUES (@customer, @key, @last4, @expires, 'active', @pinHash, @limit, @at)`,
  );
  const linkCard = db.prepare<{ card: number; account: number }>(
    'INSERT INTO card_accounts (card_id, account_id) VALUES (@card, @account)',
  );
  const counter = db.prepare<[], { seq: number }>('SELECT seq FROM change_counter WHERE id = 1');
  const customerName = db.prepare<{ id: number }, { display_name: string }>(
    'SELECT display_name FROM customers WHERE id = @id',
  );
  const totals = db.prepare<
    { device: string; day: string },
    {
      currency: string;
      withdrawals_count: number;
      withdrawals_minor: number;
      deposits_count: number;
      deposits_minor: number;
      reversals_count: number;
      reversals_minor: number;
      holds_count: number;
      holds_minor: number;
      outstanding_count: number;
      outstanding_minor: number;
    }
  >(
    `SELECT a.currency,
            count(*) FILTER (WHERE t.code = 'withdrawal' AND t.kind IN ('single', 'post_pending')) AS withdrawals_count,
            coalesce(sum(t.amount_minor) FILTER (WHERE t.code = 'withdrawal' AND t.kind IN ('single', 'post_pending')), 0) AS withdrawals_minor,
            count(*) FILTER (WHERE t.code = 'deposit' AND t.kind = 'single') AS deposits_count,
            coalesce(sum(t.amount_minor) FILTER (WHERE t.code = 'deposit' AND t.kind = 'single'), 0) AS deposits_minor,
            count(*) FILTER (WHERE t.code = 'reversal') AS reversals_count,
            coalesce(sum(t.amount_minor) FILTER (WHERE t.code = 'reversal'), 0) AS reversals_minor,
            count(*) FILTER (WHERE t.kind = 'pending') AS holds_count,
            coalesce(sum(t.amount_minor) FILTER (WHERE t.kind = 'pending'), 0) AS holds_minor,
            count(*) FILTER (WHERE t.kind = 'pending' AND NOT EXISTS (SELECT 1 FROM transfers AS r WHERE r.pending_id = t.id)) AS outstanding_count,
            coalesce(sum(t.amount_minor) FILTER (WHERE t.kind = 'pending' AND NOT EXISTS (SELECT 1 FROM transfers AS r WHERE r.pending_id = t.id)), 0) AS outstanding_minor
       FROM transfers AS t JOIN accounts AS a ON a.id = t.debit_account_id
      WHERE t.device_id = @device AND t.business_day = @day
      GROUP BY a.currency ORDER BY a.currency`,
  );

  /** The card and account checks every kiosk movement passes, first failure wins; null = all passed. */
  function decline(
    card: CardRow | undefined,
    account: AccountRow | null,
    request: { amountMinor: number; currency: string },
    movement: 'withdrawal' | 'deposit' | 'transfer',
  ): DeclineCode | null {
    if (!card) return 'card_unknown';
    if (card.status === 'blocked') return 'card_blocked';
    if (card.status === 'retained') return 'card_retained';
    if (card.expires_yymm < yymmOf(now())) return 'card_expired';
    if (!account || account.customer_id === null || !linked.get({ card: card.id, account: account.id }))
      return 'account_not_linked';
    if (account.status !== 'open') return 'account_unavailable';
    if (account.currency !== request.currency) return 'currency_mismatch';
    if (movement === 'deposit') return null;
    if (availableOf(account) < request.amountMinor) return 'insufficient_funds';
    if (movement === 'transfer') return null;
    const used = withdrawnToday.get({ card: card.id, day: businessDayOf(now()) })?.total ?? 0;
    if (used + request.amountMinor > card.daily_withdrawal_limit_minor) return 'limit_exceeded';
    return null;
  }

  /**
   * A movement id the ledger already holds whose stored answer was pruned (idempotency retention): answering afresh
   * could decline what was booked, so the request is refused as a conflict for staff, never judged again.
   */
  function refuseBookedId(transferId: string) {
    if (ledger.transfer(transferId))
      throw new BankError('conflict', 'This transfer id was already booked; its stored answer is no longer kept.');
  }

  type OnlineBase = { transferId: string; amountMinor: number; currency: string };
  /** Why the bank said no; balances only with a funds or limit decline, which they explain. */
  const declinedAnswer = (base: OnlineBase, code: DeclineCode | null, payer: AccountRow | null) => {
    const explains = code === 'insufficient_funds' || code === 'limit_exceeded';
    return {
      ...base,
      outcome: 'declined' as const,
      declineCode: code ?? 'card_unknown',
      balanceMinor: explains && payer ? balanceOf(payer) : null,
      availableMinor: explains && payer ? availableOf(payer) : null,
    };
  };
  /** The payer's balances once the movement is booked. */
  const approvedAnswer = (base: OnlineBase, payerId: number) => {
    const after = mustAccount(payerId);
    return {
      ...base,
      outcome: 'approved' as const,
      declineCode: null,
      balanceMinor: balanceOf(after),
      availableMinor: availableOf(after),
    };
  };

  function mustAccount(id: number): AccountRow {
    const account = ledger.account(id);
    if (!account) throw new Error(`account ${id} vanished`);
    return account;
  }

  function cardState(card: CardRow): CardState {
    return {
      cardKey: card.pan_hmac,
      panLast4: card.pan_last4,
      expiresYymm: card.expires_yymm,
      status: card.status,
      pinFailedAttempts: card.pin_failed_attempts,
      dailyWithdrawalLimitMinor: card.daily_withdrawal_limit_minor,
      accountNumbers: cardAccountNumbers.all({ card: card.id }).map((row) => row.account_number),
    };
  }

  function accountState(account: AccountRow): AccountState {
    return {
      accountNumber: account.account_number ?? '',
      customerName:
        account.customer_id === null ? '' : (customerName.get({ id: account.customer_id })?.display_name ?? ''),
      label: account.label,
      kind: account.kind === 'savings' ? 'savings' : 'checking',
      currency: account.currency,
      status: account.status,
      balanceMinor: balanceOf(account),
      availableMinor: availableOf(account),
      overdraftLimitMinor: account.overdraft_limit_minor,
    };
  }

  const changesSnapshot = db.transaction((cursor: number, limit: number): ChangesResponse => {
    const rows = changedRows.all({ cursor, limit });
    const changes: Change[] = [];
    for (const row of rows) {
      if (row.type === 'account') {
        const account = ledger.account(row.id);
        if (account) changes.push({ type: 'account', seq: row.seq, account: accountState(account) });
      } else {
        const card = cardById.get({ id: row.id });
        if (card) changes.push({ type: 'card', seq: row.seq, card: cardState(card) });
      }
    }
    const hasMore = rows.length === limit;
    const last = rows.at(-1)?.seq ?? cursor;
    // A short page is the end of the feed as of this snapshot: jump to the counter so skipped internal-account
    // changes are not scanned again.
    const nextCursor = hasMore ? last : Math.max(cursor, counter.get()?.seq ?? cursor);
    return { changes, nextCursor, hasMore };
  });

  return {
    authorise(deviceId: string, request: AuthoriseRequest): AuthoriseResponse {
      refuseBookedId(request.transferId);
      const card = cardByKey.get({ key: request.cardKey });
      const account = ledger.accountByNumber(request.accountNumber);
      const declined = decline(card, account, request, 'withdrawal');
      const base = { transferId: request.transferId, amountMinor: request.amountMinor, currency: request.currency };
      if (declined || !card || !account) return declinedAnswer(base, declined, account);
      ledger.applyMovement({
        id: request.transferId,
        kind: 'pending',
        debitAccountId: account.id,
        creditAccountId: ledger.internalAccountId('atm_cash', account.currency),
        amountMinor: request.amountMinor,
        code: 'withdrawal',
        origin: 'online',
        deviceId,
        cardId: card.id,
        reference: request.reference ?? null,
      });
      return approvedAnswer(base, account.id);
    },

    complete(deviceId: string, request: CompleteRequest): CompleteResponse {
      const resolved = ledger.resolvePending({
        id: request.transferId,
        pendingId: request.pendingId,
        action: request.action,
        amountMinor: request.action === 'post' ? request.amountMinor : undefined,
        deviceId,
      });
      const customer = mustAccount(resolved.pending.debit_account_id);
      return {
        transferId: request.transferId,
        pendingId: request.pendingId,
        action: request.action,
        postedMinor: resolved.postedMinor,
        releasedMinor: resolved.releasedMinor,
        balanceMinor: balanceOf(customer),
        availableMinor: availableOf(customer),
      };
    },

    advice(deviceId: string, request: AdviceRequest): AdviceResponse {
      refuseBookedId(request.transferId);
      const card = cardByKey.get({ key: request.cardKey });
      const account = ledger.accountByNumber(request.accountNumber);
      const withdrawal = request.kind === 'withdrawal';
      const declined = decline(card, account, request, request.kind);
      if (declined || !card || !account) {
        return {
          transferId: request.transferId,
          outcome: 'declined',
          declineCode: declined ?? 'card_unknown',
          balanceMinor: null,
        };
      }
      const cash = ledger.internalAccountId('atm_cash', account.currency);
      ledger.applyMovement({
        id: request.transferId,
        kind: 'single',
        debitAccountId: withdrawal ? account.id : cash,
        creditAccountId: withdrawal ? cash : account.id,
        amountMinor: request.amountMinor,
        code: request.kind,
        origin: request.standIn ? 'stand_in' : 'online',
        deviceId,
        cardId: card.id,
        reference: request.reference ?? null,
      });
      return {
        transferId: request.transferId,
        outcome: 'applied',
        declineCode: null,
        balanceMinor: balanceOf(mustAccount(account.id)),
      };
    },

    reversal(deviceId: string, request: ReversalRequest): ReversalResponse {
      const original = ledger.transfer(request.originalId);
      if (!original || original.device_id !== deviceId) throw new BankError('not_found', 'No such transfer.');
      const reversible =
        (original.kind === 'single' || original.kind === 'post_pending') &&
        (original.code === 'withdrawal' || original.code === 'deposit' || original.code === 'transfer');
      if (!reversible)
        throw new BankError(
          'invalid_state',
          'Only a posted withdrawal, deposit or transfer can be reversed; void a hold instead.',
        );
      if (ledger.isReversed(original.id)) throw new BankError('already_resolved', 'The transfer was already reversed.');
      const amountMinor = request.amountMinor ?? original.amount_minor;
      if (amountMinor > original.amount_minor)
        throw new BankError('amount_invalid', 'A reversal cannot exceed the original amount.');
      ledger.applyMovement({
        id: request.transferId,
        kind: 'single',
        debitAccountId: original.credit_account_id,
        creditAccountId: original.debit_account_id,
        amountMinor,
        code: 'reversal',
        origin: 'online',
        deviceId,
        cardId: original.card_id,
        reversalOf: original.id,
        reference: original.reference,
      });
      // The customer the kiosk served: the payer of a withdrawal or transfer, the payee of a deposit.
      const customerId = original.code === 'deposit' ? original.credit_account_id : original.debit_account_id;
      return {
        transferId: request.transferId,
        originalId: original.id,
        amountMinor,
        balanceMinor: balanceOf(mustAccount(customerId)),
      };
    },

    /** A customer's transfer from one of the card's accounts to any open account in the same currency. */
    transfer(deviceId: string, request: KioskTransferRequest): KioskTransferResponse {
      refuseBookedId(request.transferId);
      const card = cardByKey.get({ key: request.cardKey });
      const from = ledger.accountByNumber(request.fromAccountNumber);
      const to = ledger.accountByNumber(request.toAccountNumber);
      const base = { transferId: request.transferId, amountMinor: request.amountMinor, currency: request.currency };
      let declined = decline(card, from, request, 'transfer');
      if (
        !declined &&
        (!to ||
          to.customer_id === null ||
          to.status !== 'open' ||
          to.currency !== request.currency ||
          to.id === from?.id)
      )
        declined = 'recipient_unavailable';
      if (declined || !card || !from || !to) return declinedAnswer(base, declined, from);
      ledger.applyMovement({
        id: request.transferId,
        kind: 'single',
        debitAccountId: from.id,
        creditAccountId: to.id,
        amountMinor: request.amountMinor,
        code: 'transfer',
        origin: 'online',
        deviceId,
        cardId: card.id,
        reference: request.reference ?? null,
      });
      return approvedAnswer(base, from.id);
    },

    /**
     * Opens the customer, account and active card a kiosk enrolled. The PIN stays at that kiosk (only its hash, under
     * the kiosk's pepper), so the bank's PIN record is a locked hash. A taken account number or card is a conflict.
     */
    enrol(request: EnrolmentRequest, lockedPinHash: string): EnrolmentResponse {
      if (cardByKey.get({ key: request.card.cardKey }))
        throw new BankError('conflict', 'This card is already registered.');
      if (ledger.accountByNumber(request.account.accountNumber))
        throw new BankError('conflict', 'This account number is taken.');
      const at = Math.floor(now());
      const customer = Number(insertCustomer.run({ name: request.holderName, at }).lastInsertRowid);
      const account = Number(
        insertAccount.run({
          customer,
          number: request.account.accountNumber,
          label: request.account.label,
          kind: request.account.kind,
          currency: request.account.currency,
        }).lastInsertRowid,
      );
      const card = Number(
        insertCard.run({
          customer,
          key: request.card.cardKey,
          last4: request.card.panLast4,
          expires: request.card.expiresYymm,
          pinHash: lockedPinHash,
          limit: ENROLLED_CARD_DAILY_LIMIT_MINOR,
          at,
        }).lastInsertRowid,
      );
      linkCard.run({ card, account });
      return {
        enrolmentId: request.enrolmentId,
        accountNumber: request.account.accountNumber,
        cardKey: request.card.cardKey,
        status: 'active',
        dailyWithdrawalLimitMinor: ENROLLED_CARD_DAILY_LIMIT_MINOR,
      };
    },

    pinAttempt(request: PinAttemptRequest): PinAttemptResponse {
      const card = cardByKey.get({ key: request.cardKey });
      if (!card) throw new BankError('not_found', 'No such card.');
      let attempts = card.pin_failed_attempts;
      let status = card.status;
      if (request.outcome === 'failure') {
        attempts += 1;
        if (attempts >= PIN_ATTEMPTS_MAX && status === 'active') status = 'retained';
      } else if (status === 'active') {
        attempts = 0;
      }
      if (attempts !== card.pin_failed_attempts || status !== card.status) {
        updateAttempts.run({ id: card.id, attempts, status, at: Math.floor(now()) });
      }
      return {
        cardKey: card.pan_hmac,
        failedAttempts: attempts,
        attemptsRemaining: Math.max(0, PIN_ATTEMPTS_MAX - attempts),
        status,
        retain: status === 'retained',
      };
    },

    changes(cursor: number, limit: number): ChangesResponse {
      return changesSnapshot(cursor, limit);
    },

    totals(deviceId: string, businessDay: string): TotalsResponse {
      return {
        deviceId,
        businessDay,
        currencies: totals.all({ device: deviceId, day: businessDay }).map((row) => ({
          currency: row.currency,
          withdrawals: { count: row.withdrawals_count, amountMinor: row.withdrawals_minor },
          deposits: { count: row.deposits_count, amountMinor: row.deposits_minor },
          reversals: { count: row.reversals_count, amountMinor: row.reversals_minor },
          holdsOpened: { count: row.holds_count, amountMinor: row.holds_minor },
          holdsOutstanding: { count: row.outstanding_count, amountMinor: row.outstanding_minor },
        })),
      };
    },
  };
}

export type KioskService = ReturnType<typeof createKioskService>;
