// The bank API's error envelope and its closed set of codes. Clients branch on `code`, never on `message`; the
// message is for people and never carries a secret, SQL or a stack trace.
import { z } from 'zod';

export const BANK_ERROR_CODES = [
  /** The request did not match the documented schema (body, query, params or headers). */
  'invalid_request',
  /** Missing, malformed, expired or revoked bearer token, or a token of the wrong kind (device vs customer). */
  'unauthorized',
  /** Wrong device credentials, customer email/password, refresh token or reset token. */
  'invalid_credentials',
  /** Password was right but the account has a second factor and no (or a wrong) TOTP code was given. */
  'totp_required',
  /** Too many authentication failures from this address; see Retry-After. */
  'ip_blocked',
  /** This bank has the endpoint turned off (open registration, customer deposits/withdrawals by default). */
  'feature_disabled',
  /** No such resource for this caller (also what another customer's account looks like). */
  'not_found',
  /** The resource already exists (e.g. email taken) or a transfer id is used for a different movement. */
  'conflict',
  /** Same Idempotency-Key with a different request body. */
  'idempotency_key_reused',
  /** A money endpoint whose body carries a transferId was called with a different Idempotency-Key. */
  'idempotency_key_mismatch',
  /** The pending transfer was already posted or voided by another request (or the original already reversed). */
  'already_resolved',
  /** The referenced transfer is not in a state that allows this (e.g. reversing a hold). */
  'invalid_state',
  'insufficient_funds',
  'amount_invalid',
  'currency_mismatch',
  /** The account is frozen or closed. */
  'account_unavailable',
  'payload_too_large',
  'unsupported_media_type',
  /** Rate limit hit; see Retry-After. */
  'rate_limited',
  /** Unexpected server fault; safe to retry with the same Idempotency-Key. */
  'internal',
] as const;

export type BankErrorCode = (typeof BANK_ERROR_CODES)[number];

export const bankErrorCodeSchema = z.enum(BANK_ERROR_CODES);

export const errorBodySchema = z
  .object({
    error: z.object({
      code: bankErrorCodeSchema,
      message: z.string().max(200),
    }),
  })
  .describe('Error envelope: branch on error.code.');

export type ErrorBody = z.infer<typeof errorBodySchema>;
