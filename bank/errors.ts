// Errors the bank's handlers throw: a closed code (shared/bank-api/errors.ts), an HTTP status, and a message that is
// safe to show (never a secret, SQL or a stack). The error handler turns anything else into `internal`.
import type { BankErrorCode } from '../shared/bank-api/errors.ts';

const STATUS: Readonly<Record<BankErrorCode, number>> = {
  invalid_request: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  totp_required: 401,
  ip_blocked: 403,
  feature_disabled: 403,
  not_found: 404,
  conflict: 409,
  idempotency_key_reused: 409,
  idempotency_key_mismatch: 400,
  already_resolved: 409,
  invalid_state: 409,
  insufficient_funds: 422,
  amount_invalid: 422,
  currency_mismatch: 422,
  account_unavailable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export class BankError extends Error {
  readonly code: BankErrorCode;
  readonly statusCode: number;
  constructor(code: BankErrorCode, message: string) {
    super(message);
    this.name = 'BankError';
    this.code = code;
    this.statusCode = STATUS[code];
  }
}

export function statusOf(code: BankErrorCode): number {
  return STATUS[code];
}

export function errorBody(code: BankErrorCode, message: string) {
  return { error: { code, message: message.slice(0, 200) } };
}
