// The result envelope every IPC call returns. Errors are data with a closed set of codes, so the renderer maps
// them to screens by code and nothing is ever thrown across the process boundary.
import { z } from 'zod';

/** Every error code a call can return. Adding one is a contract change: give it a screen text in the renderer. */
export const ERROR_CODES = [
  /** The payload failed the channel's schema. */
  'BAD_REQUEST',
  /** No such channel in the contract. */
  'UNKNOWN_CHANNEL',
  /** The call did not come from the kiosk window's main frame. */
  'FORBIDDEN_SENDER',
  /** Another intent of this session is still being decided. */
  'SESSION_BUSY',
  /** The intent does not fit the session's current step. */
  'INVALID_STATE',
  /** The card data could not be read (bad track 2, bad check digit). */
  'CARD_UNREADABLE',
  /** The card is not one this kiosk knows. */
  'CARD_UNKNOWN',
  /** The card's expiry date has passed. */
  'CARD_EXPIRED',
  /** The card is blocked by the bank. */
  'CARD_BLOCKED',
  /** The card was retained (too many wrong PINs); it never reaches PIN verification again. */
  'CARD_RETAINED',
  /** Manual card number entry is switched off in the settings. */
  'MANUAL_ENTRY_DISABLED',
  /** The PIN did not match; the session stays at PIN entry. */
  'PIN_INCORRECT',
  /** The account does not have the funds (available balance, overdraft included). */
  'INSUFFICIENT_FUNDS',
  /** Above the largest single withdrawal. */
  'LIMIT_PER_WITHDRAWAL',
  /** Above the card's daily withdrawal amount. */
  'LIMIT_DAILY_AMOUNT',
  /** Above the card's daily number of withdrawals. */
  'LIMIT_DAILY_COUNT',
  /** Above the card's daily transfer amount. */
  'LIMIT_DAILY_TRANSFER',
  /** The cassettes cannot make this amount (notes available, at most 40 notes). */
  'AMOUNT_NOT_DISPENSABLE',
  /** Zero, negative or otherwise not an amount this step accepts. */
  'AMOUNT_INVALID',
  /** The account is frozen or closed. */
  'ACCOUNT_FROZEN',
  /** No such account (transfer recipient), or not one this card may use. */
  'ACCOUNT_UNKNOWN',
  /** The new PIN breaks the PIN policy (length, trivial, the card's own digits). */
  'PIN_POLICY',
  /** The new PIN and its repetition differ. */
  'PIN_MISMATCH',
  /** The dispenser failed; nothing was debited. */
  'DISPENSER_FAULT',
  /** The cash was not taken in time and was retracted; the debit was reversed. */
  'CASH_RETRACTED',
  /** The deposit acceptor refused the notes or failed; nothing was credited. */
  'DEPOSIT_REJECTED',
  /** The session ended because the customer did not respond in time. */
  'SESSION_TIMEOUT',
  /** The kiosk is out of service. */
  'OUT_OF_SERVICE',
  /** The bank could not be reached and the request is above what the kiosk may approve offline (stand-in limits). */
  'HOST_UNAVAILABLE',
  /** Staff login refused: the id, password or authenticator code is wrong (which one is not said). */
  'STAFF_AUTH_FAILED',
  /** Too many failed staff logins: this staff id is locked for a while. */
  'STAFF_LOCKED',
  /** The staff member's role may not use this function. */
  'STAFF_FORBIDDEN',
  /** No staff session (never logged in, logged out, or ended for inactivity). */
  'STAFF_SESSION_REQUIRED',
  /** The initial password must be changed, or an authenticator enrolled, before anything else. */
  'STAFF_SETUP_REQUIRED',
  /** The new staff password breaks the policy (too short, too common, contains the staff id, reused). */
  'STAFF_PASSWORD_POLICY',
  /** This step needs a second staff member to confirm it (dual control), and a different one. */
  'STAFF_DUAL_CONTROL_REQUIRED',
  /** Staff mode cannot start now: a customer session is in progress, or another staff session is open. */
  'STAFF_NOT_AVAILABLE',
  /** The card offered for enrolment is already known to this kiosk. */
  'CARD_ALREADY_ENROLLED',
  /** The settings were refused by their schema; nothing changed. */
  'SETTINGS_INVALID',
  /** An unexpected fault in main; details go to the log, never to the renderer. */
  'INTERNAL',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const IpcErrorSchema = z.strictObject({ code: ErrorCodeSchema, message: z.string().max(500) });
export type IpcError = z.infer<typeof IpcErrorSchema>;

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err = { readonly ok: false; readonly error: IpcError };
export type Envelope<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string): Err {
  return { ok: false, error: { code, message } };
}

/** Schema of an envelope carrying `value`; used where an envelope itself crosses a boundary (the browser host). */
export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: IpcErrorSchema }),
  ]);
}
