// Cards, their accounts and the PIN lockout counter. Statements are prepared once; every change to a card's
// attempts or status happens in one synchronous transaction so a crash never leaves half a lockout.
import type { Db } from '../db/open-database.ts';

/** Consecutive wrong PINs after which the card is retained. */
export const PIN_ATTEMPTS_MAX = 3;

export type CardStatus = 'active' | 'blocked' | 'retained';
/** Why a card went into the retain bin (retained_cards.reason). */
export type RetainReason = 'pin_attempts_exceeded' | 'card_not_taken';

export type CardRecord = {
  readonly id: number;
  readonly customerId: number;
  readonly panLast4: string;
  readonly expiresYymm: string;
  readonly status: CardStatus;
  readonly pinHash: string;
  readonly pinFailedAttempts: number;
};

export type CardAccount = {
  /** The ledger account id (electron/ledger), for creating transfers; never shown to the renderer. */
  readonly accountId: number;
  readonly accountNumber: string;
  readonly label: string;
  readonly currency: string;
  readonly ledgerBalanceMinor: number;
  readonly pendingDebitsMinor: number;
  readonly status: 'open' | 'frozen' | 'closed';
};

export type PinFailureOutcome = { readonly failedAttempts: number; readonly retained: boolean };

type CardRow = {
  id: number;
  customer_id: number;
  pan_last4: string;
  expires_yymm: string;
  status: CardStatus;
  pin_hash: string;
  pin_failed_attempts: number;
};

function toRecord(row: CardRow): CardRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    panLast4: row.pan_last4,
    expiresYymm: row.expires_yymm,
    status: row.status,
    pinHash: row.pin_hash,
    pinFailedAttempts: row.pin_failed_attempts,
  };
}

export function createCardRepo(db: Db) {
  const byLookupKey = db.prepare<{ panHmac: string }, CardRow>(
    `SELECT id, customer_id, pan_last4, expires_yymm, status, pin_hash, pin_failed_attempts
       FROM cards WHERE pan_hmac = @panHmac`,
  );
  const byId = db.prepare<{ id: number }, CardRow>(
    `SELECT id, customer_id, pan_last4, expires_yymm, status, pin_hash, pin_failed_attempts FROM cards WHERE id = @id`,
  );
  const incrementAttempts = db.prepare<{ id: number; now: string }, { pin_failed_attempts: number }>(
    `UPDATE cards SET pin_failed_attempts = pin_failed_attempts + 1, updated_at = @now
      WHERE id = @id AND status = 'active' RETURNING pin_failed_attempts`,
  );
  const retain = db.prepare<{ id: number; now: string }>(
    `UPDATE cards SET status = 'retained', updated_at = @now WHERE id = @id`,
  );
  const logRetained = db.prepare<{ id: number; now: string; reason: RetainReason }>(
    `INSERT INTO retained_cards (card_id, retained_at, reason) VALUES (@id, @now, @reason)`,
  );
  const resetAttempts = db.prepare<{ id: number; now: string }>(
    `UPDATE cards SET pin_failed_attempts = 0, updated_at = @now WHERE id = @id AND pin_failed_attempts <> 0`,
  );
  const setPinHash = db.prepare<{ id: number; pinHash: string; now: string }>(
    `UPDATE cards SET pin_hash = @pinHash, updated_at = @now WHERE id = @id`,
  );
  // Balances come from the ledger's cached counters (customer accounts are credit-normal): the posted balance is
  // credits − debits posted, and holds are the pending debits.
  const accountsOfCard = db.prepare<{ cardId: number }, CardAccount>(
    `SELECT a.id AS accountId, a.account_number AS accountNumber, a.label, a.currency,
            a.credits_posted_minor - a.debits_posted_minor AS ledgerBalanceMinor,
            a.debits_pending_minor AS pendingDebitsMinor, a.status
       FROM card_accounts ca JOIN accounts a ON a.id = ca.account_id
      WHERE ca.card_id = @cardId AND a.status <> 'closed'
      ORDER BY a.id`,
  );

  const recordPinFailure = db.transaction((id: number, now: string): PinFailureOutcome => {
    const row = incrementAttempts.get({ id, now });
    if (!row) return { failedAttempts: 0, retained: false };
    if (row.pin_failed_attempts < PIN_ATTEMPTS_MAX) return { failedAttempts: row.pin_failed_attempts, retained: false };
    retain.run({ id, now });
    logRetained.run({ id, now, reason: 'pin_attempts_exceeded' });
    return { failedAttempts: row.pin_failed_attempts, retained: true };
  });

  const markReleased = db.prepare<{ id: number; now: string; releasedBy: string }>(
    `UPDATE retained_cards SET released_at = @now, released_by = @releasedBy WHERE card_id = @id AND released_at IS NULL`,
  );
  const reactivate = db.prepare<{ id: number; now: string }>(
    `UPDATE cards SET status = 'active', pin_failed_attempts = 0, updated_at = @now WHERE id = @id AND status = 'retained'`,
  );
  const releaseRetained = db.transaction((id: number, now: string, releasedBy: string): boolean => {
    const released = reactivate.run({ id, now }).changes === 1;
    if (released) markReleased.run({ id, now, releasedBy });
    return released;
  });

  const setBankKey = db.prepare<{ id: number; key: string }>(
    'UPDATE cards SET bank_card_key = @key WHERE id = @id AND bank_card_key IS NOT @key',
  );
  const byBankKey = db.prepare<{ key: string }, CardRow & { held_here: number }>(
    `SELECT id, customer_id, pan_last4, expires_yymm, status, pin_hash, pin_failed_attempts,
            EXISTS (SELECT 1 FROM retained_cards r WHERE r.card_id = cards.id AND r.released_at IS NULL) AS held_here
       FROM cards WHERE bank_card_key = @key`,
  );
  const bankKeyOf = db.prepare<{ id: number }, { bank_card_key: string | null }>('SELECT bank_card_key FROM cards WHERE id = @id');
  const bankLimitOf = db.prepare<{ id: number }, { limit: number | null }>(
    'SELECT bank_daily_withdrawal_limit_minor AS "limit" FROM cards WHERE id = @id',
  );
  const applyBankState = db.prepare<{ id: number; status: CardStatus; attempts: number; limit: number | null; now: string }>(
    `UPDATE cards SET status = @status, pin_failed_attempts = @attempts,
            bank_daily_withdrawal_limit_minor = coalesce(@limit, bank_daily_withdrawal_limit_minor), updated_at = @now
      WHERE id = @id`,
  );

  const retainCard = db.transaction((id: number, now: string, reason: RetainReason) => {
    retain.run({ id, now });
    logRetained.run({ id, now, reason });
  });

  return {
    findByLookupKey(panHmac: string): CardRecord | null {
      const row = byLookupKey.get({ panHmac });
      return row ? toRecord(row) : null;
    },
    findById(id: number): CardRecord | null {
      const row = byId.get({ id });
      return row ? toRecord(row) : null;
    },
    /** Counts a wrong PIN; the third in a row retains the card and logs it, in the same transaction. */
    recordPinFailure(id: number, now: string): PinFailureOutcome {
      return recordPinFailure(id, now);
    },
    /** Keeps a card the customer left in the slot; logged for staff to release. */
    retainCard(id: number, now: string, reason: RetainReason): void {
      retainCard(id, now, reason);
    },
    /** Staff give a retained card back to service (its PIN attempts start again); false when it was not retained. */
    releaseRetainedCard(id: number, now: string, releasedBy: string): boolean {
      return releaseRetained(id, now, releasedBy);
    },
    recordPinSuccess(id: number, now: string): void {
      resetAttempts.run({ id, now });
    },
    replacePinHash(id: number, pinHash: string, now: string): void {
      setPinHash.run({ id, pinHash, now });
    },
    accountsOf(cardId: number): CardAccount[] {
      return accountsOfCard.all({ cardId });
    },
    /** Remembers the card's key at the bank (an HMAC computed while the card was in the reader). */
    setBankCardKey(id: number, bankCardKey: string): void {
      setBankKey.run({ id, key: bankCardKey });
    },
    bankCardKeyOf(id: number): string | null {
      return bankKeyOf.get({ id })?.bank_card_key ?? null;
    },
    bankDailyWithdrawalLimitOf(id: number): number | null {
      return bankLimitOf.get({ id })?.limit ?? null;
    },
    /** The card with that bank key, and whether it sits in this kiosk's retain bin (a physical fact staff undo). */
    findByBankCardKey(bankCardKey: string): (CardRecord & { readonly retainedHere: boolean }) | null {
      const row = byBankKey.get({ key: bankCardKey });
      return row ? { ...toRecord(row), retainedHere: row.held_here === 1 } : null;
    },
    /**
     * The bank's view of a card (changes feed): status, shared PIN counter, daily limit. A card held in this kiosk's
     * retain bin stays retained until staff release it here.
     */
    applyBankCardState(id: number, state: { status: CardStatus; pinFailedAttempts: number; dailyWithdrawalLimitMinor: number | null }, now: string): void {
      const row = byBankKey.get({ key: bankKeyOf.get({ id })?.bank_card_key ?? '' });
      const status = row && row.held_here === 1 ? 'retained' : state.status;
      applyBankState.run({ id, status, attempts: state.pinFailedAttempts, limit: state.dailyWithdrawalLimitMinor, now });
    },
  };
}

export type CardRepo = ReturnType<typeof createCardRepo>;
