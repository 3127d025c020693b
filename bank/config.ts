// Every limit the bank server enforces, as named settings with production defaults (TigerBeetle: put a limit on
// everything). Tests and the benchmark override some through BankServerOptions.limits.
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
};

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
};
