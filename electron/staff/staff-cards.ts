// Staff card functions: the retained-cards bin (list, release with who and why), unlocking a card's PIN counter, and
// enrolment of a new customer, account and card. The enrolment PIN is typed by the customer, hashed before the
// transaction and stored only as its argon2id hash; the staff member's screen never shows it.
import { randomInt } from 'node:crypto';
import { luhnValid, maskPan, parseTrack2 } from '../../shared/card.ts';
import { type PinHasher, panLookupKey } from '../cards/card-secrets.ts';
import type { CardRepo } from '../cards/card-repo.ts';
import { pinPolicyViolation } from '../cards/pin-policy.ts';
import type { Db } from '../db/open-database.ts';
import { type Audit, StaffRefusal } from './staff-refusal.ts';

/** Most retained cards one listing returns. */
export const RETAINED_LIST_MAX = 100;
/** How long an open enrolment waits for the customer's PIN. */
export const ENROLMENT_PIN_TIMEOUT_MS = 3 * 60_000;
/** Tries at a free account number before giving up (8 random digits: a collision is already rare). */
const ACCOUNT_NUMBER_TRIES = 20;

export type StaffCardInput =
  { readonly source: 'track2'; readonly track2: string } | { readonly source: 'manual'; readonly pan: string };
export type EnrolmentCardInput =
  | { readonly source: 'track2'; readonly track2: string }
  | { readonly source: 'manual'; readonly pan: string; readonly expiresYymm: string };

export type EnrolmentInput = {
  readonly holderName: string;
  readonly accountLabel: string;
  readonly accountKind: 'checking' | 'savings';
  readonly card: EnrolmentCardInput;
};

/** An enrolment waiting for the PIN. The card number is held here (for the PIN policy) until it ends. */
export type PendingEnrolment = {
  readonly id: number;
  readonly pan: string;
  readonly panHmac: string;
  readonly expiresYymm: string;
  readonly holderName: string;
  readonly accountLabel: string;
  readonly accountKind: 'checking' | 'savings';
  readonly expiresAtMs: number;
};

export type EnrolledIds = { readonly customerId: number; readonly accountId: number; readonly cardId: number };

/** What the bank must hear of an enrolment (the card number only in memory, to key the card at the bank). */
export type CustomerEnrolment = {
  readonly cardId: number;
  readonly accountId: number;
  readonly pan: string;
  readonly expiresYymm: string;
  readonly holderName: string;
  readonly accountNumber: string;
  readonly accountLabel: string;
  readonly accountKind: 'checking' | 'savings';
};

export type StaffCardsDeps = {
  readonly db: Db;
  readonly cards: CardRepo;
  readonly panHmacKey: Buffer;
  /** Whether a card number's lookup key is a staff card's (never also a customer card). */
  readonly isStaffCard?: (panHmac: string) => boolean;
  readonly pinHasher: PinHasher;
  readonly currency: () => string;
  readonly pinLength: () => { readonly lengthMin: number; readonly lengthMax: number };
  readonly now: () => number;
};

function isExpiredYymm(yymm: string, nowMs: number): boolean {
  const now = new Date(nowMs);
  const current = (now.getUTCFullYear() % 100) * 100 + now.getUTCMonth() + 1;
  return Number(yymm) < current;
}

export function createStaffCards(deps: StaffCardsDeps) {
  const { db, cards } = deps;
  const iso = () => new Date(deps.now()).toISOString();

  const listRetained = db.prepare<
    { limit: number },
    {
      cardId: number;
      last4: string;
      holderName: string;
      retainedAt: string;
      reason: 'pin_attempts_exceeded' | 'card_not_taken';
    }
  >(
    `SELECT r.card_id AS cardId, c.pan_last4 AS last4, cu.display_name AS holderName, r.retained_at AS retainedAt, r.reason
       FROM retained_cards r JOIN cards c ON c.id = r.card_id JOIN customers cu ON cu.id = c.customer_id
      WHERE r.released_at IS NULL ORDER BY r.id DESC LIMIT @limit`,
  );
  const noteRelease = db.prepare<{ cardId: number; at: string; by: string; reason: string; note: string | null }>(
    `UPDATE retained_cards SET release_reason = @reason, release_note = @note
      WHERE card_id = @cardId AND released_at = @at AND released_by = @by`,
  );
  const insertCustomer = db.prepare<{ name: string; at: string }, { id: number }>(
    'INSERT INTO customers (display_name, created_at) VALUES (@name, @at) RETURNING id',
  );
  const accountNumberTaken = db.prepare<{ number: string }, { n: number }>(
    'SELECT count(*) AS n FROM accounts WHERE account_number = @number',
  );
  const insertAccount = db.prepare<
    { customerId: number; number: string; label: string; kind: string; currency: string },
    { id: number }
  >(
    `INSERT INTO accounts (customer_id, account_number, label, kind, currency, status)
     VALUES (@customerId, @number, @label, @kind, @currency, 'open') RETURNING id`,
  );
  const insertCard = db.prepare<
    { customerId: number; panHmac: string; last4: string; expires: string; pinHash: string; at: string },
    { id: number }
  >(
    `INSERT INTO cards (customer_id, pan_hmac, pan_last4, expires_yymm, status, pin_hash, updated_at)
     VALUES (@customerId, @panHmac, @last4, @expires, 'active', @pinHash, @at) RETURNING id`,
  );
  const linkAccount = db.prepare<{ cardId: number; accountId: number }>(
    'INSERT INTO card_accounts (card_id, account_id) VALUES (@cardId, @accountId)',
  );

  const panOf = (card: StaffCardInput | EnrolmentCardInput): { pan: string; expiresYymm: string | null } => {
    if (card.source === 'track2') {
      const parsed = parseTrack2(card.track2);
      if (!parsed) throw new StaffRefusal('CARD_UNREADABLE', 'The card could not be read.');
      return { pan: parsed.pan, expiresYymm: parsed.expiryYymm };
    }
    if (!luhnValid(card.pan)) throw new StaffRefusal('CARD_UNREADABLE', 'That card number is not valid.');
    return { pan: card.pan, expiresYymm: 'expiresYymm' in card ? card.expiresYymm : null };
  };

  const newAccountNumber = (): string => {
    for (let attempt = 0; attempt < ACCOUNT_NUMBER_TRIES; attempt++) {
      const number = `9${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
      if ((accountNumberTaken.get({ number })?.n ?? 0) === 0) return number;
    }
    throw new Error('no free account number found');
  };

  let nextEnrolmentId = 1;

  return {
    listRetained() {
      return listRetained.all({ limit: RETAINED_LIST_MAX }).map((row) => ({
        cardId: row.cardId,
        maskedPan: `•••• ${row.last4}`,
        holderName: row.holderName,
        retainedAt: row.retainedAt,
        reason: row.reason,
      }));
    },

    release: db.transaction((cardId: number, staffId: string, reason: string, note: string | null, audit: Audit) => {
      const at = iso();
      const card = cards.findById(cardId);
      if (!card || !cards.releaseRetainedCard(cardId, at, staffId))
        throw new StaffRefusal('INVALID_STATE', 'That card is not in the retained bin.');
      noteRelease.run({ cardId, at, by: staffId, reason, note });
      const maskedPan = `•••• ${card.panLast4}`;
      audit({ kind: 'staff.card_released', maskedPan, data: { card: cardId, reason, note } });
      return { cardId, maskedPan };
    }),

    resetPinAttempts(card: StaffCardInput, audit: Audit) {
      const { pan } = panOf(card);
      const found = cards.findByLookupKey(panLookupKey(deps.panHmacKey, pan));
      if (!found) throw new StaffRefusal('CARD_UNKNOWN', 'This card is not known here.');
      if (found.status === 'retained') throw new StaffRefusal('INVALID_STATE', 'Release the retained card instead.');
      return db.transaction(() => {
        cards.recordPinSuccess(found.id, iso());
        audit({
          kind: 'staff.card_unlocked',
          maskedPan: maskPan(pan),
          data: { card: found.id, previousAttempts: found.pinFailedAttempts },
        });
        return { maskedPan: maskPan(pan), previousAttempts: found.pinFailedAttempts, status: found.status };
      })();
    },

    /** Checks the new card and opens an enrolment; nothing is stored until the customer's PIN arrives. */
    startEnrolment(input: EnrolmentInput, audit: Audit): PendingEnrolment {
      const { pan, expiresYymm } = panOf(input.card);
      if (!expiresYymm || isExpiredYymm(expiresYymm, deps.now()))
        throw new StaffRefusal('CARD_EXPIRED', 'This card has expired.');
      const panHmac = panLookupKey(deps.panHmacKey, pan);
      if (cards.findByLookupKey(panHmac) || deps.isStaffCard?.(panHmac) === true)
        throw new StaffRefusal('CARD_ALREADY_ENROLLED', 'This card is already registered.');
      const pending: PendingEnrolment = {
        id: nextEnrolmentId++,
        pan,
        panHmac,
        expiresYymm,
        holderName: input.holderName,
        accountLabel: input.accountLabel,
        accountKind: input.accountKind,
        expiresAtMs: deps.now() + ENROLMENT_PIN_TIMEOUT_MS,
      };
      audit({ kind: 'staff.enrolment_started', maskedPan: maskPan(pan), data: { accountKind: input.accountKind } });
      return pending;
    },

    /** Checks the PIN against the policy and hashes it (slow, outside any transaction). */
    async hashEnrolmentPin(pending: PendingEnrolment, pin: string, pinAgain: string): Promise<string> {
      if (pin !== pinAgain) throw new StaffRefusal('PIN_MISMATCH', 'The two PINs differ.');
      if (pinPolicyViolation(pin, deps.pinLength(), pending.pan) !== null)
        throw new StaffRefusal('PIN_POLICY', 'That PIN is not allowed.');
      return deps.pinHasher.hash(pin);
    },

    /**
     * Customer, account and active card in one transaction, with the journal row; `onEnrolled` runs inside it (the
     * bank sync queues the enrolment there), so a throw rolls the whole enrolment back.
     */
    completeEnrolment: db.transaction(
      (
        pending: PendingEnrolment,
        pinHash: string,
        audit: Audit,
        onEnrolled?: (enrolment: CustomerEnrolment) => void,
      ): EnrolledIds & { accountNumber: string; maskedPan: string } => {
        if (cards.findByLookupKey(pending.panHmac) || deps.isStaffCard?.(pending.panHmac) === true)
          throw new StaffRefusal('CARD_ALREADY_ENROLLED', 'This card is already registered.');
        const at = iso();
        const customerId = insertCustomer.get({ name: pending.holderName, at })?.id;
        if (customerId === undefined) throw new Error('customer insert returned no row');
        const accountNumber = newAccountNumber();
        const accountId = insertAccount.get({
          customerId,
          number: accountNumber,
          label: pending.accountLabel,
          kind: pending.accountKind,
          currency: deps.currency(),
        })?.id;
        if (accountId === undefined) throw new Error('account insert returned no row');
        const cardId = insertCard.get({
          customerId,
          panHmac: pending.panHmac,
          last4: pending.pan.slice(-4),
          expires: pending.expiresYymm,
          pinHash,
          at,
        })?.id;
        if (cardId === undefined) throw new Error('card insert returned no row');
        linkAccount.run({ cardId, accountId });
        onEnrolled?.({
          cardId,
          accountId,
          pan: pending.pan,
          expiresYymm: pending.expiresYymm,
          holderName: pending.holderName,
          accountNumber,
          accountLabel: pending.accountLabel,
          accountKind: pending.accountKind,
        });
        const maskedPan = maskPan(pending.pan);
        audit({
          kind: 'staff.customer_enrolled',
          maskedPan,
          data: { customer: customerId, account: accountId, card: cardId, accountKind: pending.accountKind },
        });
        return { customerId, accountId, cardId, accountNumber, maskedPan };
      },
    ),
  };
}

export type StaffCards = ReturnType<typeof createStaffCards>;
