// Suspect-transaction recovery at start-up: a withdrawal whose hold was placed but never settled (the software died
// between the hold and the customer taking or leaving the cash) is settled by what the dispenser itself recorded,
// before any new cash is handed out:
//   - the device never served this withdrawal (its last dispense is another one)  → void the hold;
//   - it jammed before presenting                                                  → void; picked notes to rejects;
//   - the notes are still in the slot                                              → retract them, then void;
//   - it recorded them taken                                                       → post what was presented;
//   - it recorded them retracted                                                   → settle as a retract.
// A dispenser that keeps no such record cannot tell, so the withdrawal stays for staff (the kiosk stays out of
// service with the hold in place). Every settlement goes through the teller, so the bank hears of it exactly like a
// live one (completion or advice through the outbox).
import type { CardRepo } from '../cards/card-repo.ts';
import { type CashDispenser, NOTHING_DISPENSED } from '../devices/cash-dispenser.ts';
import type { Db } from '../db/open-database.ts';
import type { Logger } from '../log/logger.ts';
import type { AuthorisedWithdrawal, Customer, Teller, WithdrawalAuthorisation } from './teller.ts';

type InterruptedRow = {
  readonly id: string;
  readonly session_id: string;
  readonly card_id: number;
  readonly account_id: number | null;
  readonly amount_minor: number;
  readonly stan: string;
  readonly rrn: string;
  readonly business_day: string;
  readonly pending_transfer_id: string | null;
  readonly created_at: string;
};

export type RecoveryDeps = {
  readonly db: Db;
  readonly teller: Teller;
  readonly cards: CardRepo;
  readonly dispenser: CashDispenser;
  readonly logger: Logger;
  /** How the hold was authorised (local, online, stand-in), so its settlement reaches the bank the right way. */
  readonly authorisationOf: (pendingId: string) => WithdrawalAuthorisation;
};

export type RecoveryResult = { readonly settled: number; readonly left: number };

export async function recoverInterruptedWithdrawals(deps: RecoveryDeps): Promise<RecoveryResult> {
  const rows = deps.db
    .prepare(
      `SELECT id, session_id, card_id, account_id, amount_minor, stan, rrn, business_day, pending_transfer_id, created_at
         FROM customer_transactions WHERE kind = 'withdrawal' AND status = 'authorised' ORDER BY created_at`,
    )
    .all() as InterruptedRow[];
  const memory = deps.dispenser.lastDispense?.() ?? { known: false as const };
  let settled = 0;
  for (const row of rows) {
    const card = deps.cards.findById(row.card_id);
    const account = deps.teller.accountsOf(row.card_id).find((candidate) => candidate.accountId === row.account_id);
    if (!memory.known || !card || !account || row.pending_transfer_id === null) continue;
    const customer: Customer = { sessionId: row.session_id, cardId: row.card_id, maskedPan: `•••• ${card.panLast4}` };
    const record = memory.record?.operationId === row.pending_transfer_id ? memory.record : null;
    const withdrawal: AuthorisedWithdrawal = {
      transactionId: row.id,
      pendingId: row.pending_transfer_id,
      trace: { stan: row.stan, rrn: row.rrn, businessDay: row.business_day },
      atMs: Date.parse(row.created_at),
      account,
      amountMinor: row.amount_minor,
      mix: record?.mix ?? [],
      authorisation: deps.authorisationOf(row.pending_transfer_id),
    };
    let action: string;
    if (!record) {
      deps.teller.failWithdrawal(customer, withdrawal, NOTHING_DISPENSED, 'DISPENSER_FAULT');
      action = 'voided_not_dispensed';
    } else if (record.slot === 'in_slot') {
      const retract = await deps.dispenser.retract();
      deps.teller.retractWithdrawal(customer, withdrawal, record.outcome, retract.notes);
      action = 'retracted';
    } else if (record.slot === 'taken') {
      deps.teller.completeWithdrawal(customer, withdrawal, record.outcome);
      action = 'posted_taken';
    } else if (record.slot === 'retracted') {
      deps.teller.retractWithdrawal(customer, withdrawal, record.outcome, record.retractedNotes);
      action = 'retracted';
    } else {
      deps.teller.failWithdrawal(customer, withdrawal, record.outcome, 'DISPENSER_FAULT');
      action = 'voided_jam';
    }
    deps.teller.journalEntry(customer, 'withdrawal.recovered', { stan: row.stan, data: { action } });
    deps.logger.warn('interrupted withdrawal settled', { sessionId: row.session_id, reason: action });
    settled += 1;
  }
  return { settled, left: rows.length - settled };
}
