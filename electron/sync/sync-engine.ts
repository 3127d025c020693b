// The kiosk's bank sync engine. Invariants:
// - every request the bank must see is an outbox row committed in the same SQLite transaction as the ledger change
//   it reports (the teller calls the hooks below inside its transactions), so a crash cannot keep one without the
//   other;
// - the drainer sends rows in seq order (local monotonic, never a clock), each with its stored body and key, so a
//   retry is byte-identical and the bank applies it exactly once; a 4xx other than 429 parks the row for staff;
// - an online authorisation is written (held) before it is sent; an unanswered one is replayed and voided later, so
//   the bank never keeps a hold the kiosk does not know;
// - drain and pull never overlap, and a bank balance is booked locally only for an account with nothing in flight
//   while its page was read and applied: no open row names it (as payer or as a transfer's recipient) and no online
//   request naming it closed since the page was requested (online requests run beside the pull, so the page may show
//   one the kiosk has not booked yet, or miss one it has). Such an account's state is kept and tried again at the end
//   of every pull, so it is booked once the kiosk's side has settled even if the bank never reports it again.
//
// Decisions: withdrawals go online first (the bank's answer is authoritative; offline, stand-in within floor
// limits, forwarded as an advice). Deposits are store-and-forward: the notes are already in the kiosk, so an online
// "no" could not give them back; the whole deposit goes as one advice and a later decline becomes an exception.
// Transfers are online only (no cash is at stake, so nothing justifies standing in): the bank books or declines; a
// transfer without an answer is replayed and then reversed, since the customer was told it did not happen.
// Enrolments made by staff are store-and-forward, written in the enrolment's own transaction.
import {
  adviceResponseSchema,
  authoriseResponseSchema,
  BATCH_ITEMS_MAX,
  batchResponseSchema,
  type ChangesResponse,
  CHANGES_PAGE_MAX,
  changesResponseSchema,
  completeResponseSchema,
  enrolmentResponseSchema,
  kioskTransferResponseSchema,
  pinAttemptResponseSchema,
  reversalResponseSchema,
  type AccountState,
  type AdviceRequest,
  type AuthoriseRequest,
  type CardState,
  type CompleteRequest,
  type EnrolmentRequest,
  type KioskTransferRequest,
  type PinAttemptRequest,
  type ReversalRequest,
} from '../../shared/bank-api/index.ts';
import { uuidv7 } from '../../shared/ids.ts';
import type { ErrorCode, SyncStatus } from '../../shared/ipc/index.ts';
import type { CardRepo } from '../cards/card-repo.ts';
import type { Clock } from '../core/kiosk-core-types.ts';
import type { Db } from '../db/open-database.ts';
import type { Journal } from '../journal/journal.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { CustomerEnrolment } from '../staff/staff-cards.ts';
import type { Logger } from '../log/logger.ts';
import type { KioskSettings } from '../settings/kiosk-settings.ts';
import type {
  AuthorisedWithdrawal,
  CardAccountView,
  Customer,
  PreparedTransfer,
  Refusal,
  TellerSyncHooks,
  TransferAuthorisation,
  WithdrawalAuthorisation,
} from '../transactions/teller.ts';
import { businessDayOf } from '../transactions/trace-numbers.ts';
import type { BankClient } from './bank-client.ts';
import { DECLINE_TO_ERROR, refusalToError } from './decline-codes.ts';
import { bankCardKey } from './provisioning.ts';
import { createSyncStore, OUTBOX_OPEN_ROWS_MAX, type OutboxRow } from './sync-store.ts';


/** What the feed's account state is booked from (all a deferred state keeps). */
type AccountFacts = Pick<AccountState, 'accountNumber' | 'currency' | 'status' | 'balanceMinor' | 'overdraftLimitMinor'>;

/** Changes pages applied per pull run; the rest waits for the next run. */
export const PULL_PAGES_PER_RUN = 20;
/** Drain passes between prunes of acknowledged rows. */
const PRUNE_EVERY_PASSES = 50;

const PATHS = {
  authorise: '/v1/kiosk/authorisations',
  complete: '/v1/kiosk/completions',
  advice: '/v1/kiosk/advices',
  pin_attempt: '/v1/kiosk/cards/pin-attempts',
  transfer: '/v1/kiosk/transfers',
  reversal: '/v1/kiosk/reversals',
  enrol: '/v1/kiosk/enrolments',
} as const;
const SCHEMAS = {
  authorise: authoriseResponseSchema,
  complete: completeResponseSchema,
  advice: adviceResponseSchema,
  pin_attempt: pinAttemptResponseSchema,
  transfer: kioskTransferResponseSchema,
  reversal: reversalResponseSchema,
  enrol: enrolmentResponseSchema,
} as const;
/** What the batch endpoint carries; a PIN report or an enrolment goes on its own. */
const BATCHED_OPS: ReadonlySet<OutboxRow['op']> = new Set(['authorise', 'complete', 'advice', 'reversal', 'transfer']);

export type QueueLimits = {
  /** Open rows at which the kiosk goes out of service (customers can no longer add rows). */
  readonly outOfServiceAt: number;
  /** Open rows at which it comes back. */
  readonly backInServiceAt: number;
};

export const DEFAULT_QUEUE_LIMITS: QueueLimits = {
  outOfServiceAt: Math.floor(OUTBOX_OPEN_ROWS_MAX * 0.9),
  backInServiceAt: Math.floor(OUTBOX_OPEN_ROWS_MAX * 0.8),
};

export type SyncEngineOptions = {
  readonly db: Db;
  readonly ledger: Ledger;
  readonly cards: CardRepo;
  readonly settings: () => KioskSettings;
  readonly clock: Clock;
  /** [0, 1): the backoff's jitter (injectable so tests are deterministic). */
  readonly random: () => number;
  readonly logger: Logger;
  /** Exceptions and staff decisions on parked rows are journalled (absent in benchmarks). */
  readonly journal?: Journal;
  /** null: standalone kiosk, no bank. */
  readonly client: BankClient | null;
  readonly cardLookupKey: Buffer | null;
  readonly onStatusChange: () => void;
  readonly queueLimits?: QueueLimits;
  /** Send several rows per request through the batch endpoint (default true). */
  readonly batching?: boolean;
};

export type ParkedRow = {
  readonly seq: number;
  readonly op: OutboxRow['op'];
  readonly requestKey: string;
  readonly reason: string | null;
  readonly attempts: number;
};

/** What the session asks the engine (network I/O happens here, never inside a transaction). */
export type SessionSync = {
  /** While the bank is offline: what this card may still withdraw on stand-in (null when online or connecting). */
  standInRoomMinor(cardId: number): number | null;
  /** The card is in the reader: remember its bank key (the PAN itself is never stored). */
  cardRead(cardId: number, pan: string): void;
  /** Tells the bank's shared counter; `retain` means keep the card. Offline, it is queued for later. */
  reportPin(cardId: number, outcome: 'failure' | 'success'): Promise<{ readonly retain: boolean }>;
  /** Online authorisation, or stand-in when the bank cannot answer. */
  authoriseWithdrawal(request: {
    readonly cardId: number;
    readonly account: CardAccountView;
    readonly amountMinor: number;
  }): Promise<{ readonly ok: true; readonly authorisation: WithdrawalAuthorisation } | Refusal>;
  /** The bank approved but the kiosk did not hold (session gone, local refusal): the bank's hold is voided. */
  abandon(authorisation: WithdrawalAuthorisation): void;
  /** Online only: the bank books the transfer or declines it; no answer is a refusal (and a reversal later). */
  authoriseTransfer(request: {
    readonly cardId: number;
    readonly transfer: PreparedTransfer;
  }): Promise<{ readonly ok: true; readonly authorisation: TransferAuthorisation } | Refusal>;
  /** The bank booked a transfer the kiosk then did not (session gone, local refusal): the bank reverses it. */
  abandonTransfer(authorisation: TransferAuthorisation): void;
};

export function createSyncEngine(options: SyncEngineOptions) {
  const { db, ledger, cards, clock, logger, client } = options;
  const now = () => clock.now();
  const store = createSyncStore(db, now);
  const limits = options.queueLimits ?? DEFAULT_QUEUE_LIMITS;
  const bank = () => options.settings().bank;
  const currency = () => options.settings().currency;

  let mode: SyncStatus['mode'] = client ? 'connecting' : 'standalone';
  let lastError: string | null = client ? 'not yet connected' : null;
  let failures = 0;
  let retryTimer: unknown = null;
  let pullTimer: unknown = null;
  let nextAttemptAtMs: number | null = null;
  let draining = false;
  let wanted = false;
  let closed = false;
  let queueFull = false;
  let passes = 0;
  let chain: Promise<unknown> = Promise.resolve();
  /**
   * While a changes page is being read and applied: the accounts of online requests that closed meanwhile (their
   * booking may be on one side of the page's snapshot and not the other). Null between pages; pulls never overlap.
   */
  let closedDuringPage: Set<number> | null = null;

  const accountNumberOf = db.prepare<{ id: number }, { account_number: string | null }>(
    'SELECT account_number FROM accounts WHERE id = @id',
  );
  const accountByNumber = db.prepare<
    { number: string },
    { id: number; currency: string; status: string; overdraft_limit_minor: number; comparable_minor: number }
  >(
    `SELECT id, currency, status, overdraft_limit_minor,
            credits_posted_minor + credits_pending_minor - debits_posted_minor AS comparable_minor
       FROM accounts WHERE account_number = @number AND customer_id IS NOT NULL`,
  );
  const updateAccount = db.prepare<{ id: number; status: string; overdraft: number }>(
    'UPDATE accounts SET status = @status, overdraft_limit_minor = @overdraft WHERE id = @id',
  );

  /** Drain and pull take turns: a pull never reads balances while a send is in flight. */
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  };

  const changed = () => {
    if (!closed) options.onStatusChange();
  };

  const noteOnline = () => {
    failures = 0;
    if (mode !== 'online' || lastError !== null) {
      mode = 'online';
      lastError = null;
      // The bank answered something else (a PIN report, the feed): the queue need not wait out its backoff.
      if (retryTimer !== null) {
        clock.clearTimeout(retryTimer);
        retryTimer = null;
        nextAttemptAtMs = null;
        kickSoon();
      }
      changed();
    }
  };

  const noteOffline = (reason: string) => {
    const text = reason.slice(0, 200);
    if (mode !== 'offline' || lastError !== text) {
      if (mode !== 'offline') logger.warn('bank unavailable', { reason: text });
      mode = 'offline';
      lastError = text;
      changed();
    }
  };

  const checkCapacity = () => {
    const open = store.openRows();
    const next = queueFull ? open > limits.backInServiceAt : open >= limits.outOfServiceAt;
    if (next !== queueFull) {
      queueFull = next;
      const reason = next ? 'bank queue nearly full' : 'bank queue has room again';
      logger[next ? 'error' : 'info'](reason, { attempts: open });
      options.journal?.append({ kind: next ? 'kiosk.out_of_service' : 'kiosk.in_service', data: { reason } });
      changed();
    }
  };

  // ---- the drainer -------------------------------------------------------------------------------------------

  /** Starts a drain after the current synchronous work (a teller transaction) has committed or rolled back. */
  const kickSoon = () => queueMicrotask(kick);

  function kick() {
    if (closed || !client) return;
    // New rows count toward the capacity even while the drain waits out a backoff.
    checkCapacity();
    if (draining) {
      wanted = true;
      return;
    }
    if (retryTimer !== null) return;
    draining = true;
    void serial(drainLoop)
      .catch((cause: unknown) => {
        if (!closed) logger.error('outbox drain failed', { error: cause instanceof Error ? cause.name : 'unknown' });
      })
      .finally(() => {
        draining = false;
        if (closed) return;
        checkCapacity();
        changed();
        if (wanted && retryTimer === null) {
          wanted = false;
          kick();
        }
      });
  }

  function scheduleRetry(retryAfterMs: number | null) {
    failures += 1;
    const settings = bank();
    const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.min(failures - 1, 30));
    // Full jitter: anywhere in [0, ceiling), so kiosks that lost the bank together do not return together.
    let delayMs = Math.floor(options.random() * ceiling);
    if (retryAfterMs !== null) delayMs = Math.max(delayMs, retryAfterMs);
    nextAttemptAtMs = now() + delayMs;
    retryTimer = clock.setTimeout(() => {
      retryTimer = null;
      nextAttemptAtMs = null;
      kick();
    }, delayMs);
  }

  type SendOutcome = { readonly kind: 'sent' } | { readonly kind: 'failed'; readonly retryAfterMs: number | null };

  async function drainLoop(): Promise<void> {
    for (;;) {
      if (closed) return;
      const rows = store.nextPending(BATCH_ITEMS_MAX);
      if (rows.length === 0) {
        if (++passes % PRUNE_EVERY_PASSES === 0) store.pruneDone();
        return;
      }
      const outcome = await sendRows(rows);
      if (outcome.kind === 'failed') {
        scheduleRetry(outcome.retryAfterMs);
        return;
      }
      noteOnline();
      checkCapacity();
      if (++passes % PRUNE_EVERY_PASSES === 0) store.pruneDone();
    }
  }

  async function sendRows(rows: readonly OutboxRow[]): Promise<SendOutcome> {
    const first = rows[0];
    if (!first) return { kind: 'sent' };
    const group: OutboxRow[] = [];
    for (const row of rows) {
      if (!BATCHED_OPS.has(row.op)) break;
      group.push(row);
    }
    if (options.batching === false || group.length <= 1) return sendSingle(first);
    return sendBatch(group);
  }

  async function sendSingle(row: OutboxRow): Promise<SendOutcome> {
    if (!client) return { kind: 'failed', retryAfterMs: null };
    const result = await client.call('POST', PATHS[row.op], SCHEMAS[row.op], {
      body: row.body,
      idempotencyKey: row.requestKey,
    });
    if (result.kind === 'unavailable') {
      store.noteAttempt(row.seq, result.reason);
      noteOffline(result.reason);
      return { kind: 'failed', retryAfterMs: result.retryAfterMs };
    }
    db.transaction(() => {
      if (result.kind === 'ok') settleRow(row, result.body);
      else refuseRow(row, result.status, result.code);
    })();
    return { kind: 'sent' };
  }

  async function sendBatch(group: readonly OutboxRow[]): Promise<SendOutcome> {
    if (!client) return { kind: 'failed', retryAfterMs: null };
    // Item bodies go in exactly as stored; the batch key is fresh per attempt (each item is exactly-once by its own
    // transferId, whichever batch or single request carries it).
    const body = `{"items":[${group.map((row) => `{"op":"${row.op}","body":${row.body}}`).join(',')}]}`;
    const result = await client.call('POST', '/v1/kiosk/batch', batchResponseSchema, {
      body,
      idempotencyKey: uuidv7(now()),
    });
    if (result.kind === 'unavailable') {
      db.transaction(() => group.forEach((row) => store.noteAttempt(row.seq, result.reason)))();
      noteOffline(result.reason);
      return { kind: 'failed', retryAfterMs: result.retryAfterMs };
    }
    if (result.kind === 'refused') {
      // The batch as a whole was refused (e.g. one item fails the schema): send one by one so only that row parks.
      for (const row of group) {
        const single = await sendSingle(row);
        if (single.kind === 'failed') return single;
      }
      return { kind: 'sent' };
    }
    let retry = false;
    db.transaction(() => {
      for (const item of result.body.results) {
        const row = group[item.index];
        if (!row || row.requestKey !== item.transferId) continue;
        if (item.status >= 200 && item.status < 300 && item.result) settleRow(row, item.result);
        else if (item.status >= 400 && item.status < 500 && item.status !== 429)
          refuseRow(row, item.status, item.error?.code ?? `http_${item.status}`);
        else retry = true;
      }
    })();
    return retry ? { kind: 'failed', retryAfterMs: null } : { kind: 'sent' };
  }

  /** The bank answered 2xx: the row is done; an advice's decline becomes an exception for staff. */
  function settleRow(row: OutboxRow, answer: unknown) {
    if (!store.markDone(row.seq, 'pending', JSON.stringify(answer))) return;
    if (row.op === 'advice') {
      const parsed = adviceResponseSchema.safeParse(answer);
      const request = JSON.parse(row.body) as AdviceRequest;
      if (parsed.success && parsed.data.outcome === 'declined') {
        store.standInAnswered(row.requestKey, 'declined');
        store.recordException({
          kind: 'advice_declined',
          outboxSeq: row.seq,
          accountId: row.accountId,
          amountMinor: request.amountMinor,
          currency: request.currency,
          reason: parsed.data.declineCode ?? 'declined',
        });
        logger.warn('bank declined an advice', { code: parsed.data.declineCode ?? 'declined', reason: request.kind });
        // In the advice's transaction: the journal shows the exception exactly when the table does.
        options.journal?.append({
          kind: 'sync.exception',
          amountMinor: request.amountMinor,
          currency: request.currency,
          data: { transaction: request.kind, code: parsed.data.declineCode ?? 'declined', outbox_seq: row.seq },
        });
      } else {
        store.standInAnswered(row.requestKey, 'forwarded');
      }
    } else if (row.op === 'pin_attempt') {
      const parsed = pinAttemptResponseSchema.safeParse(answer);
      if (parsed.success && parsed.data.retain) retainByBankKey(parsed.data.cardKey, parsed.data.failedAttempts);
    }
  }

  /**
   * A 4xx: retrying the same bytes cannot help. Done all the same: the undo of a replayed request the bank never
   * booked, and a void of a hold the bank already let expire (same end state: nothing posted).
   */
  function refuseRow(row: OutboxRow, status: number, code: string) {
    const nothingToUndo = row.voidOfReplay && (code === 'not_found' || code === 'invalid_state');
    const voidOfExpiredHold = row.op === 'complete' && code === 'already_resolved' && isVoid(row);
    if (nothingToUndo || voidOfExpiredHold) {
      store.markDone(row.seq, 'pending', JSON.stringify({ status, code }));
      return;
    }
    store.park(row.seq, `${status} ${code}`);
    logger.warn('outbox row parked', { code, reason: row.op });
  }

  function isVoid(row: OutboxRow): boolean {
    return (JSON.parse(row.body) as CompleteRequest).action === 'void';
  }

  /** A late PIN report retained the card at the bank; the card itself left with its holder, so no bin entry. */
  function retainByBankKey(key: string, failedAttempts: number) {
    const card = cards.findByBankCardKey(key);
    if (card && card.status === 'active') {
      cards.applyBankCardState(
        card.id,
        { status: 'retained', pinFailedAttempts: failedAttempts, dailyWithdrawalLimitMinor: null },
        new Date(now()).toISOString(),
      );
    }
  }

  // ---- online authorisation and stand-in ----------------------------------------------------------------------

  /** An online request's row is done (answered, booked or never sent); a page being read leaves its accounts alone. */
  function closeHeld(seq: number, response: string) {
    if (!store.markDone(seq, 'held', response) || closedDuringPage === null) return;
    const row = store.row(seq);
    for (const accountId of [row?.accountId, row?.counterpartyAccountId]) {
      if (typeof accountId === 'number') closedDuringPage.add(accountId);
    }
  }

  /**
   * Releases an online request that got no usable answer: it is replayed later (same key, so the bank's state becomes
   * definite), then undone — a hold voided, a transfer reversed. "No such hold/transfer" then means nothing was booked.
   */
  function releaseForReversal(row: OutboxRow | null) {
    if (!row || (row.op !== 'authorise' && row.op !== 'transfer')) return;
    db.transaction(() => {
      if (!store.release(row.seq)) return;
      const originalId = (JSON.parse(row.body) as { transferId: string }).transferId;
      const undo: { op: 'complete'; body: CompleteRequest } | { op: 'reversal'; body: ReversalRequest } =
        row.op === 'authorise'
          ? {
              op: 'complete',
              body: { transferId: uuidv7(now()), pendingId: originalId, action: 'void', reason: 'timeout' },
            }
          : { op: 'reversal', body: { transferId: uuidv7(now()), originalId, reason: 'not_completed' } };
      store.enqueue({
        requestKey: undo.body.transferId,
        op: undo.op,
        body: JSON.stringify(undo.body),
        accountId: row.accountId,
        counterpartyAccountId: row.counterpartyAccountId,
        voidOfReplay: true,
      });
    })();
    kickSoon();
  }

  /**
   * An online request without an answer: if it certainly never reached the bank (no connection, no token) it is
   * simply done; otherwise the bank may have applied it, so it is replayed and undone.
   */
  function settleUnanswered(seq: number, result: { readonly notApplied?: boolean }) {
    if (result.notApplied === true) closeHeld(seq, '{"notSent":true}');
    else releaseForReversal(store.row(seq));
  }

  type OnlineAnswer =
    | { readonly kind: 'approved'; readonly seq: number }
    | { readonly kind: 'refused'; readonly code: ErrorCode }
    | { readonly kind: 'unanswered' };

  /**
   * An online authorisation or transfer: written (held) before it is sent, so a crash mid-request leaves a row that
   * start-up replays and undoes. Approved: the row stays held until the teller's transaction acknowledges it. A
   * decline or a 4xx (the bank stores and holds nothing for a 4xx) is done at once. No answer: offline, and the row is
   * settled by settleUnanswered. A transfer's row names the recipient's account too: the bank credits it as well.
   */
  async function askOnline(
    op: 'authorise' | 'transfer',
    request: AuthoriseRequest | KioskTransferRequest,
    accountId: number,
    counterpartyAccountId: number | null = null,
  ): Promise<OnlineAnswer> {
    if (!client) return { kind: 'unanswered' };
    const body = JSON.stringify(request);
    const seq = store.enqueue({
      requestKey: request.transferId,
      op,
      body,
      accountId,
      counterpartyAccountId,
      status: 'held',
    });
    checkCapacity();
    const result = await client.call('POST', PATHS[op], SCHEMAS[op], {
      body,
      idempotencyKey: request.transferId,
      timeoutMs: bank().authoriseTimeoutMs,
    });
    if (result.kind === 'ok') {
      noteOnline();
      if (result.body.outcome === 'approved') return { kind: 'approved', seq };
      closeHeld(seq, JSON.stringify(result.body));
      return { kind: 'refused', code: DECLINE_TO_ERROR[result.body.declineCode ?? 'card_unknown'] };
    }
    if (result.kind === 'refused') {
      closeHeld(seq, JSON.stringify({ status: result.status, code: result.code }));
      logger.warn('bank refused an online request', { code: result.code, reason: op });
      return { kind: 'refused', code: refusalToError(result.code) };
    }
    noteOffline(result.reason);
    settleUnanswered(seq, result);
    return { kind: 'unanswered' };
  }

  /**
   * What this card may still draw on stand-in now: the lowest of its per-card floor-limit room, what the bank's daily
   * limit leaves after the day's online and stand-in withdrawals, and the kiosk's floor-limit room.
   */
  function standInRoom(cardId: number): number {
    const settings = bank();
    const today = businessDayOf(now());
    const standInUsed = store.standInUsedByCard(cardId, today);
    const bankLimit = cards.bankDailyWithdrawalLimitOf(cardId);
    // The bank counts the withdrawals it approved online against the same limit: an advice past it would be declined
    // (limit_exceeded) after the cash is gone.
    const bankRoom =
      bankLimit === null
        ? Number.MAX_SAFE_INTEGER
        : bankLimit - store.onlineWithdrawnByCard(cardId, today) - standInUsed;
    const cardRoom = Math.min(settings.standInPerCardMinor - standInUsed, bankRoom);
    const kioskRoom = settings.standInPerKioskMinor - store.standInOutstanding();
    return Math.max(0, Math.min(cardRoom, kioskRoom));
  }

  function standInRefusal(cardId: number, amountMinor: number): ErrorCode | null {
    return amountMinor > standInRoom(cardId) ? 'HOST_UNAVAILABLE' : null;
  }


  const sessionSync: SessionSync = {
    standInRoomMinor: (cardId) => (mode === 'offline' ? standInRoom(cardId) : null),

    cardRead(cardId, pan) {
      if (options.cardLookupKey) cards.setBankCardKey(cardId, bankCardKey(options.cardLookupKey, pan));
    },

    async reportPin(cardId, outcome) {
      const cardKey = cards.bankCardKeyOf(cardId);
      if (!client || !cardKey) return { retain: false };
      const request: PinAttemptRequest = { cardKey, outcome };
      const body = JSON.stringify(request);
      const requestKey = uuidv7(now());
      const result = await client.call('POST', PATHS.pin_attempt, pinAttemptResponseSchema, {
        body,
        idempotencyKey: requestKey,
        timeoutMs: bank().authoriseTimeoutMs,
      });
      if (result.kind === 'ok') {
        noteOnline();
        return { retain: result.body.retain };
      }
      if (result.kind === 'unavailable') {
        // The local counter decides for now; the bank hears of the attempt when it is back (same key, once).
        noteOffline(result.reason);
        store.enqueue({ requestKey, op: 'pin_attempt', body, accountId: null });
        checkCapacity();
        kickSoon();
        return { retain: false };
      }
      logger.warn('bank refused a PIN attempt report', { code: result.code });
      return { retain: false };
    },

    async authoriseWithdrawal({ cardId, account, amountMinor }) {
      if (!client) return { ok: true, authorisation: { mode: 'local' } };
      const cardKey = cards.bankCardKeyOf(cardId);
      const accountNumber = accountNumberOf.get({ id: account.accountId })?.account_number ?? null;
      if (!cardKey || !accountNumber) return { ok: false, code: 'CARD_UNKNOWN' };
      const request: AuthoriseRequest = {
        transferId: uuidv7(now()),
        cardKey,
        accountNumber,
        amountMinor,
        currency: currency(),
      };
      const answer = await askOnline('authorise', request, account.accountId);
      if (answer.kind === 'approved')
        return { ok: true, authorisation: { mode: 'online', pendingId: request.transferId, outboxSeq: answer.seq } };
      if (answer.kind === 'refused') return { ok: false, code: answer.code };
      const refusal = standInRefusal(cardId, amountMinor);
      if (refusal) return { ok: false, code: refusal };
      return { ok: true, authorisation: { mode: 'stand_in', pendingId: request.transferId } };
    },

    abandon(authorisation) {
      if (authorisation.mode === 'online') releaseForReversal(store.row(authorisation.outboxSeq));
    },

    async authoriseTransfer({ cardId, transfer }) {
      if (!client) return { ok: true, authorisation: { mode: 'local' } };
      const cardKey = cards.bankCardKeyOf(cardId);
      const fromAccountNumber = accountNumberOf.get({ id: transfer.from.accountId })?.account_number ?? null;
      const toAccountNumber = accountNumberOf.get({ id: transfer.toAccountId })?.account_number ?? null;
      if (!cardKey || !fromAccountNumber || !toAccountNumber) return { ok: false, code: 'ACCOUNT_UNKNOWN' };
      const request: KioskTransferRequest = {
        transferId: uuidv7(now()),
        cardKey,
        fromAccountNumber,
        toAccountNumber,
        amountMinor: transfer.amountMinor,
        currency: currency(),
      };
      const answer = await askOnline('transfer', request, transfer.from.accountId, transfer.toAccountId);
      if (answer.kind === 'approved')
        return { ok: true, authorisation: { mode: 'online', transferId: request.transferId, outboxSeq: answer.seq } };
      // No stand-in for transfers.
      return { ok: false, code: answer.kind === 'refused' ? answer.code : 'HOST_UNAVAILABLE' };
    },

    abandonTransfer(authorisation) {
      if (authorisation.mode === 'online') releaseForReversal(store.row(authorisation.outboxSeq));
    },
  };

  // ---- teller hooks (inside the teller's transactions) --------------------------------------------------------

  const adviceFor = (
    customer: Customer,
    accountId: number,
    kind: 'withdrawal' | 'deposit',
    transferId: string,
    amountMinor: number,
    atMs: number,
    reference: string,
    standIn: boolean,
  ): AdviceRequest => {
    const cardKey = cards.bankCardKeyOf(customer.cardId);
    const accountNumber = accountNumberOf.get({ id: accountId })?.account_number;
    // No key means the kiosk was never provisioned for this card; throwing rolls the money back with it.
    if (!cardKey || !accountNumber) throw new Error('the card or account has no bank identity');
    return {
      transferId,
      kind,
      standIn,
      cardKey,
      accountNumber,
      amountMinor,
      currency: currency(),
      occurredAt: new Date(atMs).toISOString(),
      reference,
    };
  };

  const enqueueAdvice = (advice: AdviceRequest, accountId: number) => {
    store.enqueue({ requestKey: advice.transferId, op: 'advice', body: JSON.stringify(advice), accountId });
  };

  // For retractRefunded: how the bank heard of a withdrawal's post.
  const standInOfHold = db.prepare<{ pendingId: string }, { advice_key: string | null; state: string }>(
    'SELECT advice_key, state FROM sync_stand_ins WHERE pending_id = @pendingId',
  );
  const completeRequest = db.prepare<{ key: string }, { body: string }>(
    "SELECT body FROM sync_outbox WHERE op = 'complete' AND request_key = @key",
  );

  const tellerHooks: TellerSyncHooks = {
    withdrawalHeld(withdrawal: AuthorisedWithdrawal, customer: Customer) {
      const authorisation = withdrawal.authorisation;
      if (authorisation.mode === 'online') {
        closeHeld(authorisation.outboxSeq, '{"outcome":"approved"}');
      } else if (authorisation.mode === 'stand_in') {
        store.standInHeld({
          pendingId: withdrawal.pendingId,
          cardId: customer.cardId,
          accountId: withdrawal.account.accountId,
          businessDay: withdrawal.trace.businessDay,
          amountMinor: withdrawal.amountMinor,
        });
      }
    },

    withdrawalResolved(withdrawal, customer, resolution) {
      const authorisation = withdrawal.authorisation;
      if (authorisation.mode === 'online') {
        const request: CompleteRequest =
          resolution.action === 'post'
            ? {
                transferId: resolution.transferId,
                pendingId: withdrawal.pendingId,
                action: 'post',
                amountMinor: resolution.amountMinor,
                reason: resolution.reason,
              }
            : {
                transferId: resolution.transferId,
                pendingId: withdrawal.pendingId,
                action: 'void',
                reason: resolution.reason,
              };
        store.enqueue({
          requestKey: request.transferId,
          op: 'complete',
          body: JSON.stringify(request),
          accountId: withdrawal.account.accountId,
        });
      } else if (authorisation.mode === 'stand_in') {
        if (resolution.action === 'post') {
          const advice = adviceFor(
            customer,
            withdrawal.account.accountId,
            'withdrawal',
            resolution.transferId,
            resolution.amountMinor,
            resolution.atMs,
            withdrawal.trace.rrn,
            true,
          );
          enqueueAdvice(advice, withdrawal.account.accountId);
          store.standInSettled(withdrawal.pendingId, resolution.amountMinor, advice.transferId);
        } else {
          store.standInSettled(withdrawal.pendingId, 0, null);
        }
      } else {
        return;
      }
      kickSoon();
    },

    transferBooked(authorisation) {
      if (authorisation.mode === 'online') closeHeld(authorisation.outboxSeq, '{"outcome":"approved"}');
    },

    retractRefunded(refund) {
      // The bank knows the posted withdrawal by the id the kiosk posted it under: the transferId of the complete
      // (post) request for an online hold, of the advice for a stand-in (withdrawalResolved sends the teller's post
      // id in both). Checked here against what was recorded, so a refund never reverses the wrong transfer.
      const standIn = standInOfHold.get({ pendingId: refund.pendingId });
      if (standIn) {
        // Declined: the bank never booked the withdrawal, so there is nothing to reverse; the exception for staff
        // stands, and the next pull after it is settled books the difference.
        if (standIn.state === 'declined') return;
        if (standIn.advice_key !== refund.postTransferId) throw new Error('the stand-in was forwarded under another id');
      } else {
        // The post may have been pruned long after it was acknowledged; a row still there must be this hold's post.
        const post = completeRequest.get({ key: refund.postTransferId });
        const body = post ? (JSON.parse(post.body) as CompleteRequest) : null;
        if (body && (body.pendingId !== refund.pendingId || body.action !== 'post'))
          throw new Error('the post was sent for another hold');
      }
      const request: ReversalRequest = {
        transferId: refund.transferId,
        originalId: refund.postTransferId,
        amountMinor: refund.amountMinor,
        reason: 'dispense_fault',
      };
      store.enqueue({
        requestKey: request.transferId,
        op: 'reversal',
        body: JSON.stringify(request),
        accountId: refund.accountId,
      });
      kickSoon();
    },

    depositBooked(customer, deposit) {
      if (!client) return;
      enqueueAdvice(
        adviceFor(
          customer,
          deposit.accountId,
          'deposit',
          deposit.transferId,
          deposit.amountMinor,
          deposit.atMs,
          deposit.reference,
          false,
        ),
        deposit.accountId,
      );
      kickSoon();
    },
  };

  // ---- the changes feed -----------------------------------------------------------------------------------------

  /**
   * Whether the kiosk's own requests could explain a difference for this account: a row still open for it (either
   * side of a transfer), an online request for it that closed while the page was read (see closedDuringPage), or an
   * exception staff have not settled.
   */
  const accountInFlight = (accountId: number): boolean =>
    store.accountHasOpenRows(accountId) ||
    (closedDuringPage?.has(accountId) ?? false) ||
    store.accountHasException(accountId);

  function applyAccount(state: AccountFacts) {
    const local = accountByNumber.get({ number: state.accountNumber });
    if (!local || local.currency !== state.currency) return;
    if (local.overdraft_limit_minor !== state.overdraftLimitMinor) {
      updateAccount.run({ id: local.id, status: local.status, overdraft: state.overdraftLimitMinor });
    }
    const difference = state.balanceMinor - local.comparable_minor;
    if (difference === 0) {
      store.clearDeferredAccount(local.id);
    } else if (accountInFlight(local.id)) {
      // Wait, keeping the bank's state: the end of each pull tries it again (the bank may never report the account
      // again, e.g. when the page already showed the transfer the kiosk booked after it).
      const facts: AccountFacts = {
        accountNumber: state.accountNumber,
        currency: state.currency,
        status: state.status,
        balanceMinor: state.balanceMinor,
        overdraftLimitMinor: state.overdraftLimitMinor,
      };
      store.deferAccount(local.id, JSON.stringify(facts));
    } else {
      store.clearDeferredAccount(local.id);
      const settlement = ledger.internalAccountId('settlement', local.currency);
      const booked = ledger.createTransfers([
        {
          id: uuidv7(now()),
          kind: 'single',
          debitAccountId: difference > 0 ? settlement : local.id,
          creditAccountId: difference > 0 ? local.id : settlement,
          amountMinor: Math.abs(difference),
          code: 'cash_adjustment',
          reference: 'bank-sync',
        },
      ]);
      if (!booked.ok) {
        store.recordException({
          kind: 'adjustment_refused',
          outboxSeq: null,
          accountId: local.id,
          amountMinor: Math.abs(difference),
          currency: local.currency,
          reason: booked.code,
        });
      }
    }
    if (local.status !== state.status)
      updateAccount.run({ id: local.id, status: state.status, overdraft: state.overdraftLimitMinor });
  }

  function applyCard(state: CardState) {
    const card = cards.findByBankCardKey(state.cardKey);
    if (!card) return;
    cards.applyBankCardState(
      card.id,
      {
        status: state.status,
        pinFailedAttempts: state.pinFailedAttempts,
        dailyWithdrawalLimitMinor: state.dailyWithdrawalLimitMinor,
      },
      new Date(now()).toISOString(),
    );
  }

  /**
   * One page in one transaction with its cursor: a crash re-applies the whole page or none of it. The last page of
   * the feed also tries the deferred accounts again: a deferred state is the bank's latest for its account (a newer
   * report would have replaced it on the way here), so it is judged like a state of this page.
   */
  const applyPage = db.transaction((cursor: number, page: ChangesResponse) => {
    if (store.cursor() !== cursor) return;
    for (const change of page.changes) {
      if (change.type === 'account') applyAccount(change.account);
      else applyCard(change.card);
    }
    if (!page.hasMore) {
      for (const state of store.deferredAccountStates()) applyAccount(JSON.parse(state) as AccountFacts);
    }
    store.setCursor(page.nextCursor);
  });

  async function pullOnce(): Promise<boolean> {
    if (!client || closed) return false;
    for (let page = 0; page < PULL_PAGES_PER_RUN; page++) {
      const cursor = store.cursor();
      // From the request on: the page's snapshot is taken somewhere between here and its answer.
      closedDuringPage = new Set();
      try {
        const result = await client.call(
          'GET',
          `/v1/kiosk/changes?cursor=${cursor}&limit=${CHANGES_PAGE_MAX}`,
          changesResponseSchema,
        );
        if (result.kind !== 'ok') {
          noteOffline(result.kind === 'unavailable' ? result.reason : `${result.status} ${result.code}`);
          return false;
        }
        noteOnline();
        if (closed) return false;
        applyPage(cursor, result.body);
        if (!result.body.hasMore) break;
      } finally {
        closedDuringPage = null;
      }
    }
    changed();
    return true;
  }

  function schedulePull() {
    if (closed || !client) return;
    pullTimer = clock.setTimeout(() => {
      pullTimer = null;
      void serial(pullOnce)
        .catch(() => {
          if (!closed) logger.error('bank pull failed', {});
        })
        .finally(schedulePull);
    }, bank().pullIntervalMs);
  }

  /**
   * Staff enrolled a customer: inside the enrolment's transaction, the card gets its bank key (from the card number,
   * which is not kept) and the enrolment is queued for the bank. A throw rolls the enrolment back with it.
   */
  function customerEnrolled(enrolled: CustomerEnrolment) {
    if (!options.cardLookupKey) throw new Error('a bank is configured but the card lookup key is missing');
    const cardKey = bankCardKey(options.cardLookupKey, enrolled.pan);
    cards.setBankCardKey(enrolled.cardId, cardKey);
    const request: EnrolmentRequest = {
      enrolmentId: uuidv7(now()),
      holderName: enrolled.holderName,
      account: {
        accountNumber: enrolled.accountNumber,
        label: enrolled.accountLabel,
        kind: enrolled.accountKind,
        currency: currency(),
      },
      card: { cardKey, panLast4: enrolled.pan.slice(-4), expiresYymm: enrolled.expiresYymm },
    };
    store.enqueue({
      requestKey: request.enrolmentId,
      op: 'enrol',
      body: JSON.stringify(request),
      accountId: enrolled.accountId,
    });
    kickSoon();
  }

  return {
    enabled: client !== null,
    tellerHooks: client ? tellerHooks : null,
    sessionSync: client ? sessionSync : null,
    /** For staff enrolment (null without a bank). */
    customerEnrolled: client ? customerEnrolled : null,

    /** Crash recovery (held online requests are replayed and voided), then a first drain and pull. */
    start() {
      if (!client) return;
      for (const row of store.heldRows()) releaseForReversal(row);
      checkCapacity();
      kick();
      void serial(pullOnce)
        .catch(() => {
          if (!closed) logger.error('bank pull failed', {});
        })
        .finally(schedulePull);
    },

    /** Drains now (or waits for the drain under way) and reports what is left; for staff "sync now" and tests. */
    async drainNow(): Promise<{ readonly pending: number; readonly parked: number }> {
      if (client && retryTimer !== null) {
        clock.clearTimeout(retryTimer);
        retryTimer = null;
        nextAttemptAtMs = null;
      }
      kick();
      await serial(async () => undefined);
      const counts = store.counts();
      return { pending: counts.pending + counts.held, parked: counts.parked };
    },

    /** Pulls changes now (serialised with the drain). */
    pullNow(): Promise<boolean> {
      return serial(pullOnce);
    },

    status(): SyncStatus {
      const counts = store.counts();
      const settings = bank();
      return {
        mode,
        queueLength: counts.pending + counts.held,
        parked: counts.parked,
        exceptions: store.openExceptionCount(),
        lastError,
        standIn:
          mode === 'offline'
            ? { perCardMinor: settings.standInPerCardMinor, perKioskMinor: settings.standInPerKioskMinor }
            : null,
      };
    },

    /**
     * How a hold was authorised, read back from the sync tables (crash recovery settles it the same way): a stand-in
     * has its row, an online hold its authorisation request in the outbox; anything else is local.
     */
    authorisationOf(pendingId: string): WithdrawalAuthorisation {
      if (!client) return { mode: 'local' };
      if (db.prepare('SELECT 1 FROM sync_stand_ins WHERE pending_id = ?').get(pendingId))
        return { mode: 'stand_in', pendingId };
      const authorise = db
        .prepare("SELECT seq FROM sync_outbox WHERE op = 'authorise' AND request_key = ?")
        .get(pendingId) as { seq: number } | undefined;
      return authorise ? { mode: 'online', pendingId, outboxSeq: authorise.seq } : { mode: 'local' };
    },

    /** Why customers must wait (the queue is nearly full), or null. */
    outOfServiceReason(): string | null {
      return queueFull ? 'bank queue nearly full' : null;
    },

    /** When the next retry is due (backoff or Retry-After), for diagnostics and tests. */
    nextAttemptAtMs(): number | null {
      return nextAttemptAtMs;
    },

    listParked(limit = 50): ParkedRow[] {
      return store.rowsWithStatus('parked', limit).map((row) => ({
        seq: row.seq,
        op: row.op,
        requestKey: row.requestKey,
        reason: row.lastError,
        attempts: row.attempts,
      }));
    },
    /** Staff: send a parked row again (same body, same key). */
    retryParked(seq: number): boolean {
      const moved = db.transaction(() => {
        if (!store.retryParked(seq)) return false;
        options.journal?.append({ kind: 'staff.action', data: { action: 'sync_retry_parked', outbox_seq: seq } });
        return true;
      })();
      if (moved) {
        changed();
        kickSoon();
      }
      return moved;
    },
    /** Staff: give a parked row up; the bank never hears of it (journalled with who decided). */
    discardParked(seq: number, staffId: string): boolean {
      const moved = db.transaction(() => {
        if (!store.discardParked(seq)) return false;
        options.journal?.append({
          kind: 'staff.action',
          staffId,
          data: { action: 'sync_discard_parked', outbox_seq: seq },
        });
        return true;
      })();
      if (moved) {
        logger.warn('parked outbox row discarded', { reason: `seq ${seq}` });
        changed();
      }
      return moved;
    },
    listExceptions: (limit?: number) => store.openExceptions(limit),
    /** Staff: an exception was settled (e.g. the customer was contacted, or a correction was booked). */
    resolveException(id: number, staffId: string): boolean {
      const resolved = db.transaction(() => {
        if (!store.resolveException(id, staffId)) return false;
        options.journal?.append({
          kind: 'staff.action',
          staffId,
          data: { action: 'sync_resolve_exception', exception_id: id },
        });
        return true;
      })();
      if (resolved) changed();
      return resolved;
    },

    close() {
      closed = true;
      if (retryTimer !== null) clock.clearTimeout(retryTimer);
      if (pullTimer !== null) clock.clearTimeout(pullTimer);
      retryTimer = null;
      pullTimer = null;
    },
    /** Resolves when the drain and pull under way (if any) have finished. */
    idle(): Promise<void> {
      return serial(async () => undefined);
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
