// Staff cards: the card a staff member inserts at the idle or out-of-service screen to open the staff login with
// their id filled in (password and authenticator code are still required). The number is stored only as its HMAC
// under the customer cards' lookup key plus its last four digits, so the same lookup tells a staff card from a
// customer card; a number is one or the other, never both (checked here for a clear refusal, and by triggers).
import { luhnValid, maskPan, parseTrack2 } from '../../shared/card.ts';
import { panLookupKey } from '../cards/card-secrets.ts';
import type { CardRepo } from '../cards/card-repo.ts';
import type { Db } from '../db/open-database.ts';
import { type Audit, StaffRefusal } from './staff-refusal.ts';

export type StaffCardBindInput =
  { readonly source: 'track2'; readonly track2: string } | { readonly source: 'manual'; readonly pan: string };

export type StaffCardBindingDeps = {
  readonly db: Db;
  readonly cards: CardRepo;
  readonly panHmacKey: Buffer;
  readonly now: () => number;
};

/** The staff account a card number is bound to, looked up by the number's HMAC. */
export type StaffCardMatch = { readonly staffId: string; readonly maskedPan: string };

export function createStaffCardBinding(deps: StaffCardBindingDeps) {
  const { db, cards } = deps;
  const staffExists = db.prepare<{ staffId: string }, { n: number }>(
    "SELECT count(*) AS n FROM staff_accounts WHERE staff_id = @staffId AND status = 'active'",
  );
  const byHmac = db.prepare<{ panHmac: string }, { staffId: string; last4: string }>(
    'SELECT staff_id AS staffId, pan_last4 AS last4 FROM staff_cards WHERE pan_hmac = @panHmac',
  );
  const byStaff = db.prepare<{ staffId: string }, { last4: string }>(
    'SELECT pan_last4 AS last4 FROM staff_cards WHERE staff_id = @staffId',
  );
  const insert = db.prepare<{ staffId: string; panHmac: string; last4: string; by: string; at: string }>(
    `INSERT INTO staff_cards (staff_id, pan_hmac, pan_last4, bound_by, bound_at)
     VALUES (@staffId, @panHmac, @last4, @by, @at)`,
  );
  const remove = db.prepare<{ staffId: string }>('DELETE FROM staff_cards WHERE staff_id = @staffId');

  const panOf = (card: StaffCardBindInput): string => {
    if (card.source === 'track2') {
      const parsed = parseTrack2(card.track2);
      if (!parsed) throw new StaffRefusal('CARD_UNREADABLE', 'The card could not be read.');
      return parsed.pan;
    }
    if (!luhnValid(card.pan)) throw new StaffRefusal('CARD_UNREADABLE', 'That card number is not valid.');
    return card.pan;
  };

  return {
    /** The staff account bound to this card number, or null (a customer card, or an unknown one). */
    match(pan: string): StaffCardMatch | null {
      const row = byHmac.get({ panHmac: panLookupKey(deps.panHmacKey, pan) });
      return row ? { staffId: row.staffId, maskedPan: maskPan(pan) } : null;
    },

    /** Whether a lookup key (HMAC) belongs to a staff card: enrolment refuses such a number as a customer card. */
    isStaffCard(panHmac: string): boolean {
      return byHmac.get({ panHmac }) !== undefined;
    },

    /** The masked card bound to a staff account, if any. */
    cardOf(staffId: string): string | null {
      const row = byStaff.get({ staffId });
      return row ? `•••• ${row.last4}` : null;
    },

    /** Binds a card to a staff account, replacing the account's previous card; the number is kept only as its HMAC. */
    bind: (staffId: string, card: StaffCardBindInput, boundBy: string, audit: Audit): { maskedPan: string } => {
      const pan = panOf(card);
      const panHmac = panLookupKey(deps.panHmacKey, pan);
      const maskedPan = maskPan(pan);
      return db.transaction(() => {
        if ((staffExists.get({ staffId })?.n ?? 0) === 0)
          throw new StaffRefusal('INVALID_STATE', 'No such active staff account.');
        if (cards.findByLookupKey(panHmac))
          throw new StaffRefusal('CARD_ALREADY_ENROLLED', 'This card is a customer card.');
        const holder = byHmac.get({ panHmac });
        if (holder && holder.staffId !== staffId)
          throw new StaffRefusal('CARD_ALREADY_ENROLLED', 'This card is bound to another staff account.');
        const previous = byStaff.get({ staffId });
        remove.run({ staffId });
        insert.run({ staffId, panHmac, last4: pan.slice(-4), by: boundBy, at: new Date(deps.now()).toISOString() });
        audit({
          kind: 'staff.card_bound',
          maskedPan,
          data: { account: staffId, replaced: previous ? `•••• ${previous.last4}` : null },
        });
        return { maskedPan };
      })();
    },

    /** Removes a staff account's card: from then on that number is an unknown card. */
    unbind: (staffId: string, audit: Audit): { maskedPan: string } => {
      return db.transaction(() => {
        const previous = byStaff.get({ staffId });
        if (!previous) throw new StaffRefusal('INVALID_STATE', 'That staff account has no card.');
        remove.run({ staffId });
        const maskedPan = `•••• ${previous.last4}`;
        audit({ kind: 'staff.card_unbound', maskedPan, data: { account: staffId } });
        return { maskedPan };
      })();
    },
  };
}

export type StaffCardBinding = ReturnType<typeof createStaffCardBinding>;
