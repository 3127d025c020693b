// The bank's decline and refusal codes in the kiosk's words (shared/ipc ERROR_CODES), so a bank decline shows the
// same screen as the kiosk's own refusal for the same reason.
import type { DeclineCode } from '../../shared/bank-api/index.ts';
import type { ErrorCode } from '../../shared/ipc/index.ts';

export const DECLINE_TO_ERROR: Readonly<Record<DeclineCode, ErrorCode>> = {
  card_unknown: 'CARD_UNKNOWN',
  card_blocked: 'CARD_BLOCKED',
  card_retained: 'CARD_RETAINED',
  card_expired: 'CARD_EXPIRED',
  account_not_linked: 'ACCOUNT_UNKNOWN',
  account_unavailable: 'ACCOUNT_FROZEN',
  currency_mismatch: 'ACCOUNT_UNKNOWN',
  insufficient_funds: 'INSUFFICIENT_FUNDS',
  limit_exceeded: 'LIMIT_DAILY_AMOUNT',
  recipient_unavailable: 'ACCOUNT_UNKNOWN',
};

/** A 4xx refusal of an authorisation (nothing was held): the closest kiosk code. */
export function refusalToError(code: string): ErrorCode {
  switch (code) {
    case 'insufficient_funds':
      return 'INSUFFICIENT_FUNDS';
    case 'account_unavailable':
      return 'ACCOUNT_FROZEN';
    case 'amount_invalid':
      return 'AMOUNT_INVALID';
    case 'currency_mismatch':
    case 'not_found':
      return 'ACCOUNT_UNKNOWN';
    default:
      return 'HOST_UNAVAILABLE';
  }
}
