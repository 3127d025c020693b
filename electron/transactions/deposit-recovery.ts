// Interrupted-deposit recovery at start-up: a deposit whose durable record was written but never resolved (the
// software died while the acceptor counted, or before the credit committed) is settled by what the acceptor itself
// recorded, before anyone is served:
//   - its record of this operation says what it kept        → book exactly those notes (journalled as recovered);
//   - its record of this operation says nothing was kept    → decline;
//   - its last operation is one this kiosk started earlier  → this one never reached it: decline.
// An acceptor that keeps no record, or whose record is of an operation it cannot place (a later or foreign one), or
// an account that can no longer take the credit, cannot be settled without guessing: the deposit stays unresolved
// for staff and the kiosk stays out of service. Bookings go through the teller, so the bank hears of them exactly
// like a live deposit.
import type { CardRepo } from '../cards/card-repo.ts';
import type { Db } from '../db/open-database.ts';
import type { AcceptorMemory, DepositAcceptor, DepositOutcome } from '../devices/deposit-acceptor.ts';
import type { Logger } from '../log/logger.ts';
import { createDepositOperations, type UnresolvedDepositOperation } from './deposit-operations.ts';
import type { Customer, Teller } from './teller.ts';

export type DepositRecoveryDeps = {
  readonly db: Db;
  readonly teller: Teller;
  readonly cards: CardRepo;
  readonly acceptor: DepositAcceptor;
  readonly logger: Logger;
};

export type DepositRecoveryResult = { readonly settled: number; readonly left: number };

type Verdict =
  | { readonly action: 'booked'; readonly outcome: DepositOutcome }
  | { readonly action: 'declined_nothing_kept' | 'declined_never_reached' }
  | { readonly action: 'left_for_staff'; readonly why: string };

function verdictFor(
  operation: UnresolvedDepositOperation,
  memory: AcceptorMemory,
  seqOf: (id: string) => number | null,
): Verdict {
  if (!memory.known) return { action: 'left_for_staff', why: 'acceptor_keeps_no_record' };
  const record = memory.record;
  if (record === null) return { action: 'left_for_staff', why: 'acceptor_has_no_record' };
  if (record.operationId === operation.id) {
    if (record.outcome === null || record.outcome.acceptedAmountMinor <= 0) return { action: 'declined_nothing_kept' };
    return { action: 'booked', outcome: record.outcome };
  }
  // The device records every operation as it takes the bunch, in order: if its last one is one this kiosk started
  // before this one, this one never reached it. Anything else (later, foreign, unnamed) it cannot speak for.
  const lastSeq = record.operationId === null ? null : seqOf(record.operationId);
  if (lastSeq !== null && lastSeq < operation.seq) return { action: 'declined_never_reached' };
  return { action: 'left_for_staff', why: 'acceptor_record_of_another_operation' };
}

type Settlement = { readonly settled: string } | { readonly left: string };

/** Settles one operation by its verdict, or says why it is left for staff. */
function settle(deps: DepositRecoveryDeps, operation: UnresolvedDepositOperation, verdict: Verdict): Settlement {
  const customer: Customer = {
    sessionId: operation.sessionId,
    cardId: operation.cardId,
    maskedPan: operation.maskedPan,
  };
  if (verdict.action === 'left_for_staff') return { left: verdict.why };
  if (verdict.action !== 'booked') {
    deps.teller.declineDepositOperation(customer, operation.id, {
      kind: 'deposit.recovered',
      data: { action: verdict.action, operation_id: operation.id },
    });
    return { settled: verdict.action };
  }
  const account = deps.cards.findById(operation.cardId)
    ? deps.teller.accountsOf(operation.cardId).find((candidate) => candidate.accountId === operation.accountId)
    : undefined;
  // Notes are in the kiosk but the account cannot take them now: staff decide, the kiosk does not.
  if (!account?.open) return { left: 'account_unavailable' };
  const booked = deps.teller.deposit(customer, account, verdict.outcome, { id: operation.id, recovered: true });
  return 'ok' in booked ? { left: 'booking_refused' } : { settled: verdict.action };
}

export function recoverInterruptedDeposits(deps: DepositRecoveryDeps): DepositRecoveryResult {
  const operations = createDepositOperations(deps.db);
  const rows = operations.unresolved();
  const memory: AcceptorMemory = deps.acceptor.lastDeposit?.() ?? { known: false };
  let settled = 0;
  for (const row of rows) {
    let settlement: Settlement;
    try {
      settlement = settle(
        deps,
        row,
        verdictFor(row, memory, (id) => operations.seqOf(id)),
      );
    } catch (cause) {
      // Never guessed, never lost: whatever was rolled back, the record stays unresolved for staff.
      deps.logger.error('interrupted deposit could not be settled', {
        sessionId: row.sessionId,
        error: cause instanceof Error ? cause.name : 'unknown',
      });
      settlement = { left: 'recovery_failed' };
    }
    if ('settled' in settlement) {
      deps.logger.warn('interrupted deposit settled', { sessionId: row.sessionId, reason: settlement.settled });
      settled += 1;
      continue;
    }
    deps.teller.journalEntry(
      { sessionId: row.sessionId, cardId: row.cardId, maskedPan: row.maskedPan },
      'deposit.unresolved',
      { data: { operation_id: row.id, reason: settlement.left } },
    );
    deps.logger.error('interrupted deposit left for staff', { sessionId: row.sessionId, reason: settlement.left });
  }
  return { settled, left: rows.length - settled };
}
