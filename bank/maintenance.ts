// The bank's own housekeeping, so nothing grows or stays blocked forever: a sweep voids holds that outlived the hold
// age (card schemes' authorisation expiry) and prunes stored idempotent responses, dead notifications and expired
// refresh-token / password-reset records past their retention. Each task does at most maintenanceBatchMax items per run in its own short synchronous transaction; a
// run that hit a bound is followed soon by another, otherwise the next waits maintenanceIntervalMs.
import type { BankLimits } from './config.ts';
import type { CustomerService } from './customer-service.ts';
import type { IdempotencyStore } from './store/idempotency.ts';
import type { BankLedger } from './store/ledger.ts';
import type { Db } from './store/open-store.ts';

/** Pause before the next run when the last one hit a bound: the backlog drains without holding the store. */
export const MAINTENANCE_CATCH_UP_MS = 1_000;

export type MaintenanceLog = {
  info(data: object, message: string): void;
  error(data: object, message: string): void;
};

export type MaintenanceReport = {
  readonly holdsExpired: number;
  /** Holds that could not be voided (left for the next run and logged); 0 unless the store is damaged. */
  readonly holdsFailed: number;
  readonly idempotencyKeysPruned: number;
  readonly notificationsPruned: number;
  /** Expired refresh tokens and password-reset records. */
  readonly credentialsPruned: number;
  /** Some task stopped at its bound: there may be more to do. */
  readonly more: boolean;
};

export type MaintenanceDeps = {
  readonly db: Db;
  readonly ledger: BankLedger;
  readonly idempotency: IdempotencyStore;
  readonly customers: CustomerService;
  readonly limits: BankLimits;
  readonly now: () => number;
  readonly log: MaintenanceLog;
};

export function createMaintenance(deps: MaintenanceDeps) {
  const { db, ledger, idempotency, customers, limits, now, log } = deps;
  const batchMax = limits.maintenanceBatchMax;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  // One transaction for the batch (one commit), a savepoint per hold so one bad hold cannot undo or block the rest.
  const expireHolds = db.transaction((): { expired: number; failed: number; found: number } => {
    const holdIds = ledger.openHoldsPlacedBefore(Math.floor(now()) - limits.holdMaxAgeMs + 1, batchMax);
    let expired = 0;
    for (const pendingId of holdIds) {
      try {
        db.transaction(() => ledger.expireHold(pendingId, limits.holdMaxAgeMs))();
        expired += 1;
      } catch (error) {
        log.error(
          { pendingId, errName: (error as Error).name, errMessage: (error as Error).message },
          'hold expiry failed',
        );
      }
    }
    return { expired, failed: holdIds.length - expired, found: holdIds.length };
  });

  /** One bounded sweep; synchronous, so it never interleaves with a request's transaction. */
  function runOnce(): MaintenanceReport {
    const holds = expireHolds.immediate();
    const idempotencyKeysPruned = idempotency.pruneAnsweredBefore(
      Math.floor(now()) - limits.idempotencyRetentionMs,
      batchMax,
    );
    const notificationsPruned = customers.pruneNotifications(limits.notificationRetentionMs, batchMax);
    const credentialsPruned = customers.pruneExpiredCredentials(limits.notificationRetentionMs, batchMax);
    const report: MaintenanceReport = {
      holdsExpired: holds.expired,
      holdsFailed: holds.failed,
      idempotencyKeysPruned,
      notificationsPruned,
      credentialsPruned,
      // Holds that keep failing do not count: they would otherwise turn the catch-up into a loop.
      more:
        (holds.found === batchMax && holds.expired > 0) ||
        idempotencyKeysPruned === batchMax ||
        notificationsPruned === batchMax ||
        credentialsPruned === batchMax,
    };
    if (holds.found + idempotencyKeysPruned + notificationsPruned + credentialsPruned > 0)
      log.info(report, 'maintenance sweep');
    return report;
  }

  function schedule(delayMs: number) {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
    // The sweep never keeps the process alive on its own.
    timer.unref();
  }

  function tick() {
    timer = null;
    if (stopped) return;
    let more = false;
    try {
      more = runOnce().more;
    } catch (error) {
      log.error({ errName: (error as Error).name, errMessage: (error as Error).message }, 'maintenance sweep failed');
    }
    // A failing run is retried after the full interval, never in a tight loop.
    schedule(more ? MAINTENANCE_CATCH_UP_MS : limits.maintenanceIntervalMs);
  }

  return {
    runOnce,
    /** Runs a sweep now, then periodically until stop(). */
    start(): void {
      if (stopped || timer !== null) return;
      tick();
    },
    /** Clears the timer; no run starts afterwards (call before closing the store). */
    stop(): void {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    /** A next run is scheduled. */
    isScheduled(): boolean {
      return timer !== null;
    },
  };
}

export type Maintenance = ReturnType<typeof createMaintenance>;
