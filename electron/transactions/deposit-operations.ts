// Deposit operations: the durable "notes are going into the acceptor" record written before the acceptor is asked to
// take a bunch, and resolved exactly once — booked in the same transaction as the credit, or declined. Invariant: a
// deposit whose notes may be in the kiosk always has either a resolved row with its outcome or an unresolved one
// that start-up recovery settles by the acceptor's own record (see deposit-recovery.ts).
import type { Db } from '../db/open-database.ts';

export type DepositOperationStatus = 'in_progress' | 'booked' | 'declined';

export type NewDepositOperation = {
  readonly id: string;
  readonly sessionId: string;
  readonly cardId: number;
  readonly maskedPan: string;
  readonly accountId: number;
  readonly currency: string;
  readonly insertedNotes: number;
  readonly insertedMinor: number;
  readonly now: string;
};

export type UnresolvedDepositOperation = {
  readonly seq: number;
  readonly id: string;
  readonly sessionId: string;
  readonly cardId: number;
  readonly maskedPan: string;
  readonly accountId: number;
  readonly insertedNotes: number;
  readonly insertedMinor: number;
  readonly createdAt: string;
};

/** A second resolution of the same operation: thrown inside the caller's transaction so nothing of it stays. */
export class DepositOperationResolvedError extends Error {
  constructor(id: string) {
    super(`deposit operation ${id} is not in progress`);
    this.name = 'DepositOperationResolvedError';
  }
}

/** Why the kiosk serves nobody while a deposit whose notes may be in the kiosk waits for reconciliation. */
export const INTERRUPTED_DEPOSIT_REASON = 'an interrupted deposit awaits reconciliation';

/** Most unresolved operations start-up recovery reads at once; one acceptor leaves at most one in practice. */
export const UNRESOLVED_DEPOSITS_MAX = 100;

export function createDepositOperations(db: Db) {
  const insert = db.prepare<NewDepositOperation>(
    `INSERT INTO deposit_operations (id, session_id, card_id, masked_pan, account_id, currency, inserted_notes,
       inserted_minor, status, created_at)
     VALUES (@id, @sessionId, @cardId, @maskedPan, @accountId, @currency, @insertedNotes, @insertedMinor,
       'in_progress', @now)`,
  );
  const resolve = db.prepare<{
    id: string;
    status: Exclude<DepositOperationStatus, 'in_progress'>;
    transactionId: string | null;
    now: string;
  }>(
    `UPDATE deposit_operations SET status = @status, transaction_id = @transactionId, resolved_at = @now
      WHERE id = @id AND status = 'in_progress'`,
  );
  const unresolved = db.prepare<{ limit: number }, UnresolvedDepositOperation>(
    `SELECT seq, id, session_id AS sessionId, card_id AS cardId, masked_pan AS maskedPan, account_id AS accountId,
            inserted_notes AS insertedNotes, inserted_minor AS insertedMinor, created_at AS createdAt
       FROM deposit_operations WHERE status = 'in_progress' ORDER BY seq LIMIT @limit`,
  );
  const unresolvedCount = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM deposit_operations WHERE status = 'in_progress'",
  );
  const seqOf = db.prepare<{ id: string }, { seq: number }>('SELECT seq FROM deposit_operations WHERE id = @id');

  return {
    /** Writes the in-progress row; the caller wraps it in its transaction with the journal entry. */
    begin(operation: NewDepositOperation): void {
      insert.run(operation);
    },
    /** Resolves an in-progress operation; throws DepositOperationResolvedError if it was already resolved. */
    resolve(id: string, status: 'booked' | 'declined', transactionId: string | null, now: string): void {
      if (resolve.run({ id, status, transactionId, now }).changes !== 1) throw new DepositOperationResolvedError(id);
    },
    /** Unresolved operations, oldest first, at most UNRESOLVED_DEPOSITS_MAX. */
    unresolved(): UnresolvedDepositOperation[] {
      return unresolved.all({ limit: UNRESOLVED_DEPOSITS_MAX });
    },
    unresolvedCount(): number {
      return unresolvedCount.get()?.n ?? 0;
    },
    /** The order an operation of this kiosk was started in, or null for an id this kiosk never issued. */
    seqOf(id: string): number | null {
      return seqOf.get({ id })?.seq ?? null;
    },
  };
}

export type DepositOperations = ReturnType<typeof createDepositOperations>;
