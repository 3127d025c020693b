// Every limit the bank server enforces, as named settings with production defaults (TigerBeetle: put a limit on
// everything). Tests and the benchmark override some through BankServerOptions.limits; validateLimits refuses a
// combination the bank cannot run safely with.
export type BankLimits = {
  /** Largest request body accepted (a full batch of BATCH_ITEMS_MAX items fits well inside). */
  readonly bodyLimitBytes: number;
  /** Requests per window per authenticated device/customer, or per socket address when anonymous. */
  readonly rateLimitMax: number;
  readonly rateLimitWindowMs: number;
  /** Stricter per-address limit on the credential endpoints (token, login, refresh, reset). */
  readonly authRateLimitMax: number;
  /** Authentication failures from one address within the window that block it for blockMs. */
  readonly authFailuresMax: number;
  readonly authFailureWindowMs: number;
  readonly ipBlockMs: number;
  /** Addresses tracked by the IP blocklist (oldest dropped first). */
  readonly ipBlockEntriesMax: number;
  readonly deviceTokenTtlS: number;
  readonly accessTokenTtlS: number;
  readonly refreshTokenTtlS: number;
  /**
   * A hold (pending withdrawal) still unresolved this long after it was placed is voided by the bank itself, so a
   * kiosk that never completes (lost, decommissioned, offline for good) cannot block the customer's funds forever.
   */
  readonly holdMaxAgeMs: number;
  /**
   * Stored idempotent responses are kept this long, then pruned. Must cover every retry a kiosk can still make of
   * the same request (its outbox retries until the bank answers, across any outage it can ride out) and the hold
   * age, so a completion retried while its hold can still be resolved always gets its stored answer.
   */
  readonly idempotencyRetentionMs: number;
  /**
   * Notification outbox rows are deleted this long after they were delivered (`sent_at_ms`, set by the sender), or
   * this long after their content expired (a reset token's lifetime) if they were never delivered.
   */
  readonly notificationRetentionMs: number;
  /** How often the maintenance sweep (hold expiry, pruning) runs; it also runs once at start. */
  readonly maintenanceIntervalMs: number;
  /** Most holds expired / idempotency keys pruned / notifications pruned in one sweep, each (bounded work per run). */
  readonly maintenanceBatchMax: number;
  /**
   * How often the mail sender looks for due outbox messages (when SMTP is configured). A reset request also nudges
   * it at once, so this only paces retries and catches what a nudge missed.
   */
  readonly notificationSendIntervalMs: number;
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_LIMITS: BankLimits = {
  bodyLimitBytes: 128 * 1024,
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
  authRateLimitMax: 20,
  authFailuresMax: 10,
  authFailureWindowMs: 15 * 60_000,
  ipBlockMs: 15 * 60_000,
  ipBlockEntriesMax: 10_000,
  deviceTokenTtlS: 10 * 60,
  accessTokenTtlS: 15 * 60,
  refreshTokenTtlS: 30 * 24 * 60 * 60,
  // Card schemes expire an unpresented authorisation after about 7 days; a kiosk resolves its hold within minutes.
  holdMaxAgeMs: 7 * DAY_MS,
  // Far beyond any kiosk retry horizon (its outbox drains within minutes once the bank is reachable) and four times
  // the hold age; after this a retry of a money request is still never booked twice (the transfer id is unique in
  // the ledger) but gets a refusal instead of the stored answer.
  idempotencyRetentionMs: 30 * DAY_MS,
  // Long enough to diagnose a failed mail sender; short, because a message holds an address and a (dead) token.
  notificationRetentionMs: DAY_MS,
  maintenanceIntervalMs: 60_000,
  maintenanceBatchMax: 500,
  // Retries wait their own backoff (seconds to minutes); a 15 s look keeps them close to it without busy polling.
  notificationSendIntervalMs: 15_000,
};

/** Inclusive bounds of the background-work settings; outside them validateLimits refuses to start. */
export const MAINTENANCE_BOUNDS = {
  // Under an hour a hold could expire while its customer is still at the kiosk; over 31 days is past every scheme.
  holdMaxAgeMs: { min: HOUR_MS, max: 31 * DAY_MS },
  idempotencyRetentionMs: { min: DAY_MS, max: 366 * DAY_MS },
  notificationRetentionMs: { min: HOUR_MS, max: 90 * DAY_MS },
  maintenanceIntervalMs: { min: 1_000, max: HOUR_MS },
  maintenanceBatchMax: { min: 1, max: 10_000 },
  // Over 10 minutes a retry would routinely land after a reset token's 30-minute lifetime.
  notificationSendIntervalMs: { min: 1_000, max: 10 * 60_000 },
} as const satisfies Partial<Record<keyof BankLimits, { min: number; max: number }>>;

/**
 * Returns the limits if every one is a positive safe integer, the maintenance settings are within
 * MAINTENANCE_BOUNDS and stored responses outlive holds; otherwise throws a RangeError naming the setting.
 */
export function validateLimits(limits: BankLimits): BankLimits {
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || (value as number) <= 0) {
      throw new RangeError(`Bank setting ${name} must be a positive integer (got ${String(value)}).`);
    }
  }
  for (const [name, { min, max }] of Object.entries(MAINTENANCE_BOUNDS)) {
    const value = limits[name as keyof typeof MAINTENANCE_BOUNDS];
    if (value < min || value > max) {
      throw new RangeError(`Bank setting ${name} must be between ${min} and ${max} (got ${value}).`);
    }
  }
  // A kiosk back from an outage its holds survived must find the stored answers of what it sent before it.
  if (limits.idempotencyRetentionMs < limits.holdMaxAgeMs) {
    throw new RangeError('Bank setting idempotencyRetentionMs must be at least holdMaxAgeMs.');
  }
  return limits;
}

/**
 * Endpoints carried over from the original demo API that a deployment must not offer: with one off, its routes
 * answer `403 feature_disabled` and change nothing. Both are off unless the bank is started for a demo or for
 * development (`node bank/cli.ts --demo`, or the flags in bank/cli.ts).
 */
export type BankFeatures = {
  /** `POST /v1/customers`: anyone may create a customer (and an empty checking account) without proof of identity. */
  readonly openRegistration: boolean;
  /**
   * `POST /v1/accounts/{n}/deposits` and `/withdrawals`: a customer moves money between their account and the bank's
   * clearing account with no source of funds — money out of nowhere, fit only for a demo.
   */
  readonly customerCashEndpoints: boolean;
};

export const DEFAULT_FEATURES: BankFeatures = { openRegistration: false, customerCashEndpoints: false };

/** What the demo / development bank turns on (the original API's behaviour). */
export const DEMO_FEATURES: BankFeatures = { openRegistration: true, customerCashEndpoints: true };

/** Returns the features if each is a known one set to a boolean; otherwise throws a TypeError naming the setting. */
export function validateFeatures(features: BankFeatures): BankFeatures {
  for (const [name, value] of Object.entries(features)) {
    // A misspelt feature would otherwise be silently ignored and leave the real one at its default.
    if (!(name in DEFAULT_FEATURES)) throw new TypeError(`Unknown bank setting ${name}.`);
    if (typeof value !== 'boolean') {
      throw new TypeError(`Bank setting ${name} must be true or false (got ${String(value)}).`);
    }
  }
  return features;
}
