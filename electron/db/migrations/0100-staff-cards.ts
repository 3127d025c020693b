// Schema 100: staff cards. A staff member may have one card that opens the staff login with their id filled in (the
// password and authenticator code are still required). Like customer cards, the number is stored only as its HMAC
// under the card lookup key plus the last four digits; and a number is either a staff card or a customer card, never
// both (triggers on both tables refuse the second use).
import type { Migration } from '../migrate.ts';

export const migration0100: Migration = {
  version: 100,
  name: 'staff-cards',
  up(db) {
    db.exec(`
      CREATE TABLE staff_cards (
        staff_id TEXT PRIMARY KEY REFERENCES staff_accounts(staff_id),
        pan_hmac TEXT NOT NULL UNIQUE CHECK (length(pan_hmac) = 64 AND pan_hmac NOT GLOB '*[^0-9a-f]*'),
        pan_last4 TEXT NOT NULL CHECK (length(pan_last4) = 4 AND pan_last4 NOT GLOB '*[^0-9]*'),
        bound_by TEXT NOT NULL,
        bound_at TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER staff_cards_not_customer_cards BEFORE INSERT ON staff_cards
      WHEN EXISTS (SELECT 1 FROM cards WHERE pan_hmac = NEW.pan_hmac)
      BEGIN SELECT RAISE(ABORT, 'card is a customer card'); END;

      CREATE TRIGGER staff_cards_pan_immutable BEFORE UPDATE OF pan_hmac ON staff_cards
      BEGIN SELECT RAISE(ABORT, 'unbind the staff card and bind the new one'); END;

      CREATE TRIGGER cards_not_staff_cards BEFORE INSERT ON cards
      WHEN EXISTS (SELECT 1 FROM staff_cards WHERE pan_hmac = NEW.pan_hmac)
      BEGIN SELECT RAISE(ABORT, 'card is a staff card'); END;

      CREATE TRIGGER cards_update_not_staff_cards BEFORE UPDATE OF pan_hmac ON cards
      WHEN EXISTS (SELECT 1 FROM staff_cards WHERE pan_hmac = NEW.pan_hmac)
      BEGIN SELECT RAISE(ABORT, 'card is a staff card'); END;
    `);
  },
};
