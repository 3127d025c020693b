// Schema 60: a card is also retained when the customer leaves it in the slot (it is someone else's to take), not only
// after too many wrong PINs. SQLite cannot alter a CHECK, so retained_cards is rebuilt with its rows.
import type { Migration } from '../migrate.ts';

export const migration0060: Migration = {
  version: 60,
  name: 'retained-card-reasons',
  up(db) {
    db.exec(`
      CREATE TABLE retained_cards_v60 (
        id INTEGER PRIMARY KEY,
        card_id INTEGER NOT NULL REFERENCES cards(id),
        retained_at TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('pin_attempts_exceeded', 'card_not_taken')),
        released_at TEXT,
        released_by TEXT
      ) STRICT;
      INSERT INTO retained_cards_v60 (id, card_id, retained_at, reason, released_at, released_by)
        SELECT id, card_id, retained_at, reason, released_at, released_by FROM retained_cards;
      DROP TABLE retained_cards;
      ALTER TABLE retained_cards_v60 RENAME TO retained_cards;
    `);
  },
};
