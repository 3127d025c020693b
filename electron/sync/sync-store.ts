// The sync tables behind prepared statements: the outbox (one bank request per row, drained in seq order), stand-in
// approvals, exceptions for staff and the changes cursor. Every write here runs inside its caller's transaction
// when there is one — the teller's, so an outbox row commits or rolls back with the money it reports.
import type { Db } from '../db/open-database.ts';
import { OUTBOX_OPEN_ROWS_MAX } from '../db/migrations/0070-sync.ts';

export { OUTBOX_OPEN_ROWS_MAX };

export type OutboxOp = 'authorise' | 'complete' | 'advice' | 'pin_attempt' | 'transfer' | 'reversal' | 'enrol';
export type OutboxStatus = 'held' | 'pending' | 'done' | 'parked' | 'discarded';

export type OutboxRow = {
  readonly seq: number;
  readonly requestKey: string;
  readonly op: OutboxOp;
  /** The exact JSON sent, every time. */
  readonly body: string;
  readonly accountId: number | null;
  /** The other account the request moves money for (a transfer's recipient), if any. */
  readonly counterpartyAccountId: number | null;
  readonly voidOfReplay: boolean;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly lastError: string | null;
};

export type StandInState = 'held' | 'queued' | 'forwarded' | 'voided' | 'declined';

export type SyncException = {
  readonly id: number;
  readonly kind: 'advice_declined' | 'adjustment_refused';
  readonly outboxSeq: number | null;
  readonly accountId: number | null;
  readonly amountMinor: number;
  readonly currency: string | null;
  readonly reason: string;
  readonly createdAtMs: number;
};

/** Acknowledged rows kept for staff and diagnostics; older ones are pruned as the drain goes. */
export const OUTBOX_DONE_KEPT = 10_000;
/** Rows a staff list returns at most. */
export const STAFF_LIST_MAX = 200;

type RawRow = {
  seq: number;
  request_key: string;
  op: OutboxOp;
  body: string;
  account_id: number | null;
  counterparty_account_id: number | null;
  void_of_replay: number;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
};

const ROW_COLUMNS =
  'seq, request_key, op, body, account_id, counterparty_account_id, void_of_replay, status, attempts, last_error';

function toRow(raw: RawRow): OutboxRow {
  return {
    seq: raw.seq,
    requestKey: raw.request_key,
    op: raw.op,
    body: raw.body,
    accountId: raw.account_id,
    counterpartyAccountId: raw.counterparty_account_id,
    voidOfReplay: raw.void_of_replay === 1,
    status: raw.status,
    attempts: raw.attempts,
    lastError: raw.last_error,
  };
}

export function createSyncStore(db: Db, now: () => number) {
  const insertRow = db.prepare<{
    key: string;
    op: OutboxOp;
    body: string;
    accountId: number | null;
    counterpartyAccountId: number | null;
    voidOfReplay: number;
    status: OutboxStatus;
    at: number;
  }>(
    `INSERT INTO sync_outbox (request_key, op, body, account_id, counterparty_account_id, void_of_replay, status,
                              created_at_ms, updated_at_ms)
     VALUES (@key, @op, @body, @accountId, @counterpartyAccountId, @voidOfReplay, @status, @at, @at)`,
  );
  const pendingRows = db.prepare<{ limit: number }, RawRow>(
    `SELECT ${ROW_COLUMNS} FROM sync_outbox WHERE status = 'pending' ORDER BY seq LIMIT @limit`,
  );
  const rowBySeq = db.prepare<{ seq: number }, RawRow>(`SELECT ${ROW_COLUMNS} FROM sync_outbox WHERE seq = @seq`);
  const rowsWithStatus = db.prepare<{ status: OutboxStatus; limit: number }, RawRow>(
    `SELECT ${ROW_COLUMNS} FROM sync_outbox WHERE status = @status ORDER BY seq LIMIT @limit`,
  );
  const setStatus = db.prepare<{
    seq: number;
    from: OutboxStatus;
    to: OutboxStatus;
    error: string | null;
    response: string | null;
    at: number;
  }>(
    `UPDATE sync_outbox SET status = @to, last_error = coalesce(@error, last_error), response = coalesce(@response, response),
            updated_at_ms = @at
      WHERE seq = @seq AND status = @from`,
  );
  const noteAttempt = db.prepare<{ seq: number; error: string; at: number }>(
    `UPDATE sync_outbox SET attempts = attempts + 1, last_error = @error, updated_at_ms = @at WHERE seq = @seq AND status = 'pending'`,
  );
  const counts = db.prepare<[], { held: number; pending: number; parked: number }>(
    `SELECT coalesce(sum(status = 'held'), 0) AS held, coalesce(sum(status = 'pending'), 0) AS pending,
            coalesce(sum(status = 'parked'), 0) AS parked
       FROM sync_outbox WHERE status IN ('held', 'pending', 'parked')`,
  );
  const openRows = db.prepare<[], { open_rows: number }>('SELECT open_rows FROM sync_state WHERE id = 1');
  // Either side of a transfer counts; each test is answered by its own partial index.
  const accountHasOpenRows = db.prepare<{ accountId: number }, { one: number }>(
    `SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM sync_outbox
                                    WHERE account_id = @accountId AND status IN ('held', 'pending', 'parked')
                                      AND account_id IS NOT NULL)
                        OR EXISTS (SELECT 1 FROM sync_outbox
                                    WHERE counterparty_account_id = @accountId AND status IN ('held', 'pending', 'parked')
                                      AND counterparty_account_id IS NOT NULL)`,
  );
  const pruneDone = db.prepare<{ keep: number }>(
    `DELETE FROM sync_outbox
      WHERE status IN ('done', 'discarded')
        AND seq < (SELECT seq FROM sync_outbox WHERE status IN ('done', 'discarded') ORDER BY seq DESC LIMIT 1 OFFSET @keep)
        AND seq NOT IN (SELECT outbox_seq FROM sync_exceptions WHERE outbox_seq IS NOT NULL)`,
  );

  const insertStandIn = db.prepare<{
    pendingId: string;
    cardId: number;
    accountId: number;
    day: string;
    amount: number;
    at: number;
  }>(
    `INSERT INTO sync_stand_ins (pending_id, card_id, account_id, business_day, amount_minor, state, created_at_ms, updated_at_ms)
     VALUES (@pendingId, @cardId, @accountId, @day, @amount, 'held', @at, @at)`,
  );
  const settleStandIn = db.prepare<{
    pendingId: string;
    amount: number;
    adviceKey: string | null;
    state: StandInState;
    at: number;
  }>(
    `UPDATE sync_stand_ins SET amount_minor = @amount, advice_key = @adviceKey, state = @state, updated_at_ms = @at
      WHERE pending_id = @pendingId AND state = 'held'`,
  );
  const standInByAdvice = db.prepare<{ adviceKey: string; state: StandInState; at: number }>(
    `UPDATE sync_stand_ins SET state = @state, updated_at_ms = @at WHERE advice_key = @adviceKey AND state = 'queued'`,
  );
  const standInCardDay = db.prepare<{ cardId: number; day: string }, { total: number }>(
    `SELECT coalesce(sum(amount_minor), 0) AS total FROM sync_stand_ins
      WHERE card_id = @cardId AND business_day = @day AND state <> 'voided'`,
  );
  // What the bank already counts against a card's daily limit from this kiosk: the day's withdrawals it approved
  // online (every one without a stand-in row), authorised ones in full and settled ones as posted. Reached through
  // the customer transactions' card/day index, so the cost is the card's rows of one day.
  const onlineCardDay = db.prepare<{ cardId: number; day: string }, { total: number }>(
    `SELECT coalesce(sum(CASE t.status WHEN 'authorised' THEN t.amount_minor ELSE t.completed_minor END), 0) AS total
       FROM customer_transactions AS t
      WHERE t.card_id = @cardId AND t.business_day = @day AND t.kind = 'withdrawal'
        AND t.status IN ('authorised', 'completed')
        AND NOT EXISTS (SELECT 1 FROM sync_stand_ins AS s WHERE s.pending_id = t.pending_transfer_id)`,
  );
  const standInOutstanding = db.prepare<[], { total: number }>(
    `SELECT coalesce(sum(amount_minor), 0) AS total FROM sync_stand_ins WHERE state IN ('held', 'queued')`,
  );

  const insertException = db.prepare<{
    kind: SyncException['kind'];
    seq: number | null;
    accountId: number | null;
    amount: number;
    currency: string | null;
    reason: string;
    at: number;
  }>(
    `INSERT INTO sync_exceptions (kind, outbox_seq, account_id, amount_minor, currency, reason, created_at_ms)
     VALUES (@kind, @seq, @accountId, @amount, @currency, @reason, @at)`,
  );
  const openExceptions = db.prepare<
    { limit: number },
    {
      id: number;
      kind: SyncException['kind'];
      outbox_seq: number | null;
      account_id: number | null;
      amount_minor: number;
      currency: string | null;
      reason: string;
      created_at_ms: number;
    }
  >(
    `SELECT id, kind, outbox_seq, account_id, amount_minor, currency, reason, created_at_ms FROM sync_exceptions
      WHERE resolved_at_ms IS NULL ORDER BY id LIMIT @limit`,
  );
  const openExceptionCount = db.prepare<[], { n: number }>(
    'SELECT count(*) AS n FROM sync_exceptions WHERE resolved_at_ms IS NULL',
  );
  const accountHasException = db.prepare<{ accountId: number }, { one: number }>(
    'SELECT 1 AS one FROM sync_exceptions WHERE account_id = @accountId AND resolved_at_ms IS NULL LIMIT 1',
  );
  const resolveException = db.prepare<{ id: number; by: string; at: number }>(
    'UPDATE sync_exceptions SET resolved_at_ms = @at, resolved_by = @by WHERE id = @id AND resolved_at_ms IS NULL',
  );

  const upsertDeferred = db.prepare<{ accountId: number; state: string; at: number }>(
    `INSERT INTO sync_deferred_accounts (account_id, state, deferred_at_ms) VALUES (@accountId, @state, @at)
     ON CONFLICT (account_id) DO UPDATE SET state = excluded.state, deferred_at_ms = excluded.deferred_at_ms`,
  );
  const deleteDeferred = db.prepare<{ accountId: number }>(
    'DELETE FROM sync_deferred_accounts WHERE account_id = @accountId',
  );
  const deferredStates = db.prepare<[], { state: string }>(
    'SELECT state FROM sync_deferred_accounts ORDER BY account_id',
  );

  const readCursor = db.prepare<[], { changes_cursor: number }>('SELECT changes_cursor FROM sync_state WHERE id = 1');
  const writeCursor = db.prepare<{ cursor: number }>('UPDATE sync_state SET changes_cursor = @cursor WHERE id = 1');

  const move = (seq: number, from: OutboxStatus, to: OutboxStatus, extra: { error?: string; response?: string } = {}) =>
    setStatus.run({ seq, from, to, error: extra.error ?? null, response: extra.response ?? null, at: now() })
      .changes === 1;

  return {
    /** Queues one request (status pending, or held while it is being sent online). Returns its seq. */
    enqueue(row: {
      requestKey: string;
      op: OutboxOp;
      body: string;
      accountId: number | null;
      counterpartyAccountId?: number | null;
      voidOfReplay?: boolean;
      status?: 'pending' | 'held';
    }): number {
      return Number(
        insertRow.run({
          key: row.requestKey,
          op: row.op,
          body: row.body,
          accountId: row.accountId,
          counterpartyAccountId: row.counterpartyAccountId ?? null,
          voidOfReplay: row.voidOfReplay ? 1 : 0,
          status: row.status ?? 'pending',
          at: now(),
        }).lastInsertRowid,
      );
    },
    nextPending(limit: number): OutboxRow[] {
      return pendingRows.all({ limit }).map(toRow);
    },
    row(seq: number): OutboxRow | null {
      const raw = rowBySeq.get({ seq });
      return raw ? toRow(raw) : null;
    },
    rowsWithStatus(status: OutboxStatus, limit: number): OutboxRow[] {
      return rowsWithStatus.all({ status, limit: Math.min(limit, STAFF_LIST_MAX) }).map(toRow);
    },
    heldRows(): OutboxRow[] {
      return rowsWithStatus.all({ status: 'held', limit: OUTBOX_OPEN_ROWS_MAX }).map(toRow);
    },
    /** held/pending/parked → done, keeping the bank's answer. */
    markDone(seq: number, from: OutboxStatus, response: string): boolean {
      return move(seq, from, 'done', { response: response.length <= 4096 ? response : '{}' });
    },
    release(seq: number): boolean {
      return move(seq, 'held', 'pending');
    },
    park(seq: number, reason: string): boolean {
      return move(seq, 'pending', 'parked', { error: reason.slice(0, 200) });
    },
    retryParked(seq: number): boolean {
      return move(seq, 'parked', 'pending');
    },
    discardParked(seq: number): boolean {
      return move(seq, 'parked', 'discarded');
    },
    noteAttempt(seq: number, error: string): void {
      noteAttempt.run({ seq, error: error.slice(0, 200), at: now() });
    },
    counts(): { held: number; pending: number; parked: number } {
      return counts.get() ?? { held: 0, pending: 0, parked: 0 };
    },
    openRows(): number {
      return openRows.get()?.open_rows ?? 0;
    },
    accountHasOpenRows(accountId: number): boolean {
      return accountHasOpenRows.get({ accountId }) !== undefined;
    },
    pruneDone(): void {
      pruneDone.run({ keep: OUTBOX_DONE_KEPT });
    },

    standInHeld(row: {
      pendingId: string;
      cardId: number;
      accountId: number;
      businessDay: string;
      amountMinor: number;
    }): void {
      insertStandIn.run({
        pendingId: row.pendingId,
        cardId: row.cardId,
        accountId: row.accountId,
        day: row.businessDay,
        amount: row.amountMinor,
        at: now(),
      });
    },
    standInSettled(pendingId: string, amountMinor: number, adviceKey: string | null): void {
      settleStandIn.run({
        pendingId,
        amount: amountMinor,
        adviceKey,
        state: adviceKey ? 'queued' : 'voided',
        at: now(),
      });
    },
    standInAnswered(adviceKey: string, state: 'forwarded' | 'declined'): void {
      standInByAdvice.run({ adviceKey, state, at: now() });
    },
    standInUsedByCard(cardId: number, businessDay: string): number {
      return standInCardDay.get({ cardId, day: businessDay })?.total ?? 0;
    },
    /** The card's withdrawals the bank approved online on that business day (see onlineCardDay). */
    onlineWithdrawnByCard(cardId: number, businessDay: string): number {
      return onlineCardDay.get({ cardId, day: businessDay })?.total ?? 0;
    },
    standInOutstanding(): number {
      return standInOutstanding.get()?.total ?? 0;
    },

    recordException(exception: Omit<SyncException, 'id' | 'createdAtMs'>): number {
      return Number(
        insertException.run({
          kind: exception.kind,
          seq: exception.outboxSeq,
          accountId: exception.accountId,
          amount: exception.amountMinor,
          currency: exception.currency,
          reason: exception.reason.slice(0, 64),
          at: now(),
        }).lastInsertRowid,
      );
    },
    openExceptions(limit = STAFF_LIST_MAX): SyncException[] {
      return openExceptions.all({ limit: Math.min(limit, STAFF_LIST_MAX) }).map((row) => ({
        id: row.id,
        kind: row.kind,
        outboxSeq: row.outbox_seq,
        accountId: row.account_id,
        amountMinor: row.amount_minor,
        currency: row.currency,
        reason: row.reason,
        createdAtMs: row.created_at_ms,
      }));
    },
    openExceptionCount(): number {
      return openExceptionCount.get()?.n ?? 0;
    },
    accountHasException(accountId: number): boolean {
      return accountHasException.get({ accountId }) !== undefined;
    },
    resolveException(id: number, staffId: string): boolean {
      return resolveException.run({ id, by: staffId, at: now() }).changes === 1;
    },

    /** Keeps the bank's state of an account whose difference must wait (one per account: the latest wins). */
    deferAccount(accountId: number, state: string): void {
      upsertDeferred.run({ accountId, state, at: now() });
    },
    clearDeferredAccount(accountId: number): void {
      deleteDeferred.run({ accountId });
    },
    /** Every deferred state (at most one per customer account, so bounded by the accounts table). */
    deferredAccountStates(): string[] {
      return deferredStates.all().map((row) => row.state);
    },

    cursor(): number {
      return readCursor.get()?.changes_cursor ?? 0;
    },
    setCursor(cursor: number): void {
      writeCursor.run({ cursor });
    },
  };
}

export type SyncStore = ReturnType<typeof createSyncStore>;
