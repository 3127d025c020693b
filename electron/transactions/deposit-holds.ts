// The held part of cash deposits: what a deposit brings above the immediate allowance is credited as a pending
// transfer (counted but not yet available) and released — posted in full — once its hold period has passed, by a
// bounded sweep on the core's clock. Invariant: each release is one synchronous transaction holding the ledger's post,
// the hold row's release and the journal row, so a crash leaves all or none of them; the ledger's resolve-once index
// makes a second credit of the same hold impossible whatever runs twice.
import { uuidv7 } from '../../shared/ids.ts';
import type { Clock } from '../core/kiosk-core-types.ts';
import type { Db } from '../db/open-database.ts';
import type { Journal } from '../journal/journal.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { Logger } from '../log/logger.ts';

/** Most holds one sweep releases: bounds how long the sweep keeps the database (and a waiting customer) busy. */
export const DEPOSIT_RELEASES_PER_RUN = 50;
/** How often the sweep looks for due holds; a hold is released at most this long after it falls due. */
export const DEPOSIT_RELEASE_INTERVAL_MS = 5 * 60_000;
/** A sweep that hit DEPOSIT_RELEASES_PER_RUN runs again this soon, so a backlog drains without one long run. */
export const DEPOSIT_RELEASE_BACKLOG_DELAY_MS = 1_000;

type DueHold = {
  pending_id: string;
  transaction_id: string;
  release_at_ms: number;
  amount_minor: number;
  reference: string | null;
  created_at_ms: number;
  stan: string;
  rrn: string;
  currency: string;
  pan_last4: string;
};

/** What one sweep did; `full` means it stopped at its bound and more holds may be due. */
export type DepositReleaseRun = { readonly released: number; readonly examined: number; readonly full: boolean };

/** An RRN as the journal can hold it: twelve bare digits may pass the Luhn check the journal refuses. */
const journalRrn = (rrn: string) => `${rrn.slice(0, 6)}-${rrn.slice(6)}`;

export function createDepositHolds(deps: {
  readonly db: Db;
  readonly ledger: Ledger;
  readonly journal: Journal;
  readonly now: () => number;
}) {
  const { db, ledger, journal } = deps;
  const insertHold = db.prepare<{ pendingId: string; transactionId: string; releaseAtMs: number }>(
    `INSERT INTO deposit_holds (pending_id, transaction_id, release_at_ms)
     VALUES (@pendingId, @transactionId, @releaseAtMs)`,
  );
  // Oldest due first, read through the partial index of waiting holds; the rest are key lookups.
  const dueHolds = db.prepare<{ now: number; limit: number }, DueHold>(
    `SELECT h.pending_id, h.transaction_id, h.release_at_ms, p.amount_minor, p.reference, p.created_at_ms,
            t.stan, t.rrn, t.currency, c.pan_last4
       FROM deposit_holds AS h
       JOIN transfers AS p ON p.id = h.pending_id
       JOIN customer_transactions AS t ON t.id = h.transaction_id
       JOIN cards AS c ON c.id = t.card_id
      WHERE h.released_at_ms IS NULL AND h.release_at_ms <= @now
      ORDER BY h.release_at_ms, p.seq
      LIMIT @limit`,
  );
  const markReleased = db.prepare<{ pendingId: string; resolutionId: string; at: number }>(
    `UPDATE deposit_holds SET released_at_ms = @at, resolution_id = @resolutionId
      WHERE pending_id = @pendingId AND released_at_ms IS NULL`,
  );
  const resolutionOf = db.prepare<{ pendingId: string }, { id: string }>(
    'SELECT id FROM transfers WHERE pending_id = @pendingId',
  );

  /** Posts one due hold, or records the resolution it already has; true when it credited the customer now. */
  const releaseOne = db.transaction((hold: DueHold, atMs: number): boolean => {
    const id = uuidv7(atMs);
    // As a withdrawal's hold is posted: the accounts and code are the pending's, the reference its RRN.
    const posted = ledger.createTransfers([
      {
        id,
        kind: 'post_pending',
        debitAccountId: 0,
        creditAccountId: 0,
        amountMinor: hold.amount_minor,
        code: 'deposit',
        pendingId: hold.pending_id,
        ...(hold.reference === null ? {} : { reference: hold.reference }),
      },
    ]);
    if (!posted.ok) {
      const resolution =
        posted.code === 'pending_already_resolved' ? resolutionOf.get({ pendingId: hold.pending_id }) : undefined;
      if (!resolution) throw new Error(`the ledger refused a deposit hold's release: ${posted.code}`);
      // Resolved some other way (never by this sweep, whose post and row commit together): the hold stops waiting and
      // nothing is credited twice.
      markReleased.run({ pendingId: hold.pending_id, resolutionId: resolution.id, at: atMs });
      return false;
    }
    if (markReleased.run({ pendingId: hold.pending_id, resolutionId: id, at: atMs }).changes !== 1)
      throw new Error('a deposit hold was released twice');
    journal.append({
      kind: 'deposit.released',
      stan: hold.stan,
      maskedPan: `•••• ${hold.pan_last4}`,
      amountMinor: hold.amount_minor,
      currency: hold.currency,
      data: {
        transaction_id: hold.transaction_id,
        rrn: journalRrn(hold.rrn),
        deposited_at: new Date(hold.created_at_ms).toISOString(),
        due_at: new Date(hold.release_at_ms).toISOString(),
      },
    });
    return true;
  });

  return {
    /** Records a deposit's held part and when it falls due; call inside the deposit's transaction. */
    hold(hold: { readonly pendingId: string; readonly transactionId: string; readonly releaseAtMs: number }): void {
      insertHold.run(hold);
    },

    /**
     * Releases the holds due now, oldest first, at most `limit` (capped at DEPOSIT_RELEASES_PER_RUN), each in its own
     * transaction. Returns how many it credited and how many it took up (`examined` = the bound: more may be due). A
     * failure stops the run and is thrown; what was released before it stays released.
     */
    releaseDue(limit: number = DEPOSIT_RELEASES_PER_RUN): DepositReleaseRun {
      const bounded = Math.max(1, Math.min(Math.floor(limit), DEPOSIT_RELEASES_PER_RUN));
      const due = dueHolds.all({ now: deps.now(), limit: bounded });
      let released = 0;
      for (const hold of due) if (releaseOne(hold, deps.now())) released += 1;
      return { released, examined: due.length, full: due.length === bounded };
    },
  };
}

export type DepositHolds = ReturnType<typeof createDepositHolds>;

/**
 * Runs `releaseDue` at once and then every DEPOSIT_RELEASE_INTERVAL_MS on the core's clock (sooner while a backlog
 * remains), while `canRun` allows it (the books verified, the database open and intact). A failed run is logged and
 * tried again at the next interval.
 */
export function startDepositReleases(options: {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly releaseDue: (limit: number) => DepositReleaseRun;
  readonly canRun: () => boolean;
}): { stop(): void } {
  const { clock, logger } = options;
  let timer: unknown = null;
  let stopped = false;

  const sweep = () => {
    timer = null;
    if (stopped) return;
    let delayMs = DEPOSIT_RELEASE_INTERVAL_MS;
    if (options.canRun()) {
      try {
        const run = options.releaseDue(DEPOSIT_RELEASES_PER_RUN);
        if (run.released > 0) logger.info('deposit holds released', { attempts: run.released });
        if (run.full) delayMs = DEPOSIT_RELEASE_BACKLOG_DELAY_MS;
      } catch (cause) {
        logger.error('deposit hold release failed', { error: cause instanceof Error ? cause.name : 'unknown' });
      }
    }
    timer = clock.setTimeout(sweep, delayMs);
  };
  sweep();

  return {
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
