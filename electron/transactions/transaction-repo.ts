// Customer transactions: one row per customer request with its trace numbers and outcome. The daily limits are
// read from here, so a request counts against the limit from the moment it is authorised, not when it completes.
import type { TransactionKind } from '../../shared/ipc/index.ts';
import type { Db } from '../db/open-database.ts';

/** The customer transaction kinds are the contract's menu entries. */
export type CustomerTransactionKind = TransactionKind;
export type CustomerTransactionStatus = 'authorised' | 'completed' | 'declined' | 'reversed';

export type NewCustomerTransaction = {
  readonly id: string;
  readonly sessionId: string;
  readonly cardId: number;
  readonly kind: CustomerTransactionKind;
  readonly accountId: number | null;
  readonly counterpartyAccountId: number | null;
  readonly amountMinor: number;
  readonly feeMinor: number;
  readonly currency: string;
  readonly businessDay: string;
  readonly stan: string;
  readonly rrn: string;
  readonly status: CustomerTransactionStatus;
  readonly refusalCode: string | null;
  readonly pendingTransferId: string | null;
  readonly now: string;
};

export type DailyUsage = { readonly withdrawnMinor: number; readonly withdrawals: number; readonly transferredMinor: number };

export function createTransactionRepo(db: Db) {
  const insert = db.prepare<NewCustomerTransaction>(
    `INSERT INTO customer_transactions (id, session_id, card_id, kind, account_id, counterparty_account_id, amount_minor,
       completed_minor, fee_minor, currency, business_day, stan, rrn, status, refusal_code, pending_transfer_id,
       created_at, updated_at)
     VALUES (@id, @sessionId, @cardId, @kind, @accountId, @counterpartyAccountId, @amountMinor,
       CASE WHEN @status = 'completed' THEN @amountMinor ELSE 0 END, @feeMinor, @currency, @businessDay, @stan, @rrn,
       @status, @refusalCode, @pendingTransferId, @now, @now)`,
  );
  const finish = db.prepare<{ id: string; status: CustomerTransactionStatus; completedMinor: number; refusalCode: string | null; now: string }>(
    `UPDATE customer_transactions
        SET status = @status, completed_minor = @completedMinor, refusal_code = @refusalCode, updated_at = @now
      WHERE id = @id AND status = 'authorised'`,
  );
  const usage = db.prepare<{ cardId: number; businessDay: string }, { withdrawnMinor: number; withdrawals: number; transferredMinor: number }>(
    `SELECT
       coalesce(sum(CASE WHEN kind = 'withdrawal' THEN
         CASE status WHEN 'authorised' THEN amount_minor WHEN 'completed' THEN completed_minor ELSE 0 END END), 0) AS withdrawnMinor,
       coalesce(sum(CASE WHEN kind = 'withdrawal' AND status IN ('authorised', 'completed') THEN 1 ELSE 0 END), 0) AS withdrawals,
       coalesce(sum(CASE WHEN kind = 'transfer' AND status IN ('authorised', 'completed') THEN amount_minor ELSE 0 END), 0) AS transferredMinor
     FROM customer_transactions WHERE card_id = @cardId AND business_day = @businessDay`,
  );

  return {
    record(transaction: NewCustomerTransaction): void {
      insert.run(transaction);
    },
    /** Settles an authorised transaction exactly once; returns false if it was already settled. */
    settle(id: string, status: Exclude<CustomerTransactionStatus, 'authorised'>, completedMinor: number, refusalCode: string | null, now: string): boolean {
      return finish.run({ id, status, completedMinor, refusalCode, now }).changes === 1;
    },
    dailyUsage(cardId: number, businessDay: string): DailyUsage {
      return usage.get({ cardId, businessDay }) ?? { withdrawnMinor: 0, withdrawals: 0, transferredMinor: 0 };
    },
  };
}

export type TransactionRepo = ReturnType<typeof createTransactionRepo>;
