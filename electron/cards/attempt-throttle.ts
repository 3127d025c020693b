// The kiosk-wide throttle on failed attempts across cards (DESIGN §4). Three wrong PINs retain one card, but someone
// with many card numbers (a skimmed list, a keyboard-wedge device typing track 2) could try two PINs on each, and
// learn which numbers exist from the "card unknown" answer. Wrong PINs and unknown cards on this kiosk are counted
// together; past ATTEMPT_FAILURES_MAX in ATTEMPT_WINDOW_MS, cards are refused before any lookup until
// ATTEMPT_BLOCK_MS after the last counted failure. The count is read from the journal, so it survives a restart and
// cannot be reset by one.
import type { Db } from '../db/open-database.ts';
import type { Journal } from '../journal/journal.ts';
import type { Logger } from '../log/logger.ts';

/** Failed attempts (wrong PINs and unknown cards, any card) the kiosk takes within the window. */
export const ATTEMPT_FAILURES_MAX = 10;
export const ATTEMPT_WINDOW_MS = 15 * 60_000;
/** How long cards are refused after the last counted failure once the limit is reached. */
export const ATTEMPT_BLOCK_MS = 15 * 60_000;

/** The journal's `card.refused` reason for a card number this kiosk does not know (counted). */
export const UNKNOWN_CARD_REASON = 'CARD_UNKNOWN';
/** The journal's `card.refused` reason while the throttle holds (not counted, or it would never end). */
export const THROTTLED_REASON = 'ATTEMPTS_THROTTLED';

export type AttemptThrottle = {
  /** When cards will be taken again, or null when they are taken now. */
  blockedUntilMs(): number | null;
  /** Journals a card number nobody here knows: a counted failure. */
  unknownCard(maskedPan: string): void;
  /** Journals a card refused because the throttle holds (not counted). */
  refusedWhileBlocked(maskedPan: string | null): void;
};

export function createAttemptThrottle(deps: {
  readonly db: Db;
  readonly journal: Journal;
  readonly now: () => number;
  readonly logger: Logger;
}): AttemptThrottle {
  // Newest first, at most the limit: the recorded_at index bounds the scan to the window.
  const recentFailures = deps.db.prepare<{ since: string; limit: number }, { recorded_at: string }>(
    `SELECT recorded_at FROM journal
      WHERE recorded_at >= @since
        AND (kind = 'pin.failed' OR (kind = 'card.refused' AND json_extract(data, '$.reason') = '${UNKNOWN_CARD_REASON}'))
      ORDER BY recorded_at DESC LIMIT @limit`,
  );
  let loggedBlockUntil: number | null = null;
  return {
    blockedUntilMs() {
      const now = deps.now();
      const rows = recentFailures.all({
        since: new Date(now - ATTEMPT_WINDOW_MS).toISOString(),
        limit: ATTEMPT_FAILURES_MAX,
      });
      const newest = rows[0];
      if (rows.length < ATTEMPT_FAILURES_MAX || !newest) return null;
      const until = Date.parse(newest.recorded_at) + ATTEMPT_BLOCK_MS;
      if (until <= now) return null;
      if (loggedBlockUntil !== until) {
        loggedBlockUntil = until;
        deps.logger.warn('cards refused: too many failed attempts at this kiosk', {
          to: new Date(until).toISOString(),
        });
      }
      return until;
    },
    unknownCard(maskedPan) {
      deps.journal.append({ kind: 'card.refused', maskedPan, data: { reason: UNKNOWN_CARD_REASON } });
    },
    refusedWhileBlocked(maskedPan) {
      deps.journal.append({ kind: 'card.refused', maskedPan, data: { reason: THROTTLED_REASON } });
    },
  };
}
