// Screen text for every error code main can return. The mapping is total: a code added to the contract without
// a text here is a compile error, so no refusal ever reaches the customer unexplained.
import type { ErrorCode } from '../../shared/ipc/envelope.ts';
import type { MessageKey } from './en.ts';

export const REFUSAL_TEXT: Readonly<Record<ErrorCode, MessageKey>> = {
  BAD_REQUEST: 'refusal.tryAgain',
  UNKNOWN_CHANNEL: 'refusal.tryAgain',
  FORBIDDEN_SENDER: 'refusal.tryAgain',
  INTERNAL: 'refusal.tryAgain',
  SESSION_BUSY: 'refusal.SESSION_BUSY',
  INVALID_STATE: 'refusal.INVALID_STATE',
  CARD_UNREADABLE: 'refusal.CARD_UNREADABLE',
  CARD_UNKNOWN: 'refusal.CARD_UNKNOWN',
  CARD_EXPIRED: 'refusal.CARD_EXPIRED',
  CARD_BLOCKED: 'refusal.CARD_BLOCKED',
  CARD_RETAINED: 'refusal.CARD_RETAINED',
  MANUAL_ENTRY_DISABLED: 'refusal.MANUAL_ENTRY_DISABLED',
  PIN_INCORRECT: 'pin.incorrect',
  INSUFFICIENT_FUNDS: 'refusal.INSUFFICIENT_FUNDS',
  LIMIT_PER_WITHDRAWAL: 'refusal.LIMIT_PER_WITHDRAWAL',
  LIMIT_DAILY_AMOUNT: 'refusal.LIMIT_DAILY_AMOUNT',
  LIMIT_DAILY_COUNT: 'refusal.LIMIT_DAILY_COUNT',
  LIMIT_DAILY_TRANSFER: 'refusal.LIMIT_DAILY_TRANSFER',
  AMOUNT_NOT_DISPENSABLE: 'refusal.AMOUNT_NOT_DISPENSABLE',
  AMOUNT_INVALID: 'refusal.AMOUNT_INVALID',
  ACCOUNT_FROZEN: 'refusal.ACCOUNT_FROZEN',
  ACCOUNT_UNKNOWN: 'refusal.ACCOUNT_UNKNOWN',
  PIN_POLICY: 'refusal.PIN_POLICY',
  PIN_MISMATCH: 'refusal.PIN_MISMATCH',
  DISPENSER_FAULT: 'refusal.DISPENSER_FAULT',
  CASH_RETRACTED: 'refusal.CASH_RETRACTED',
  DEPOSIT_REJECTED: 'refusal.DEPOSIT_REJECTED',
  SESSION_TIMEOUT: 'refusal.SESSION_TIMEOUT',
  OUT_OF_SERVICE: 'refusal.OUT_OF_SERVICE',
};
