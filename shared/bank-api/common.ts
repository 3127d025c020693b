// Wire primitives shared by every bank API schema: money in integer minor units, ids, card lookup keys, the
// Idempotency-Key header and page bounds. Each bound is a named constant both ends can read.
import { z } from 'zod';

/** Header that makes a money-moving request exactly-once: same key + same body → the stored response. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,64}$/;

/** Largest single movement the API accepts (10 million in major units of a 2-decimal currency). */
export const AMOUNT_MINOR_MAX = 1_000_000_000;
/** Page sizes and batch sizes: every list is bounded. */
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 50;
export const CHANGES_PAGE_MAX = 500;
export const BATCH_ITEMS_MAX = 100;
/** Consecutive wrong PINs (across all kiosks) after which the card is retained. */
export const PIN_ATTEMPTS_MAX = 3;

export const amountMinorSchema = z.number().int().min(1).max(AMOUNT_MINOR_MAX).describe('Integer minor units (cents).');
/** Signed balances: may be negative on an overdrawn account. */
export const signedMinorSchema = z.number().int().describe('Integer minor units, signed.');
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .describe('ISO 4217 code.');
export const uuidSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  .describe('Lower-case UUID (the kiosk uses UUIDv7).');
export const accountNumberSchema = z.string().regex(/^\d{6,34}$/);
/** HMAC-SHA256 (hex) of the card number under the network's card lookup key: the only card identifier on the wire. */
export const cardKeySchema = z.string().regex(/^[0-9a-f]{64}$/);
export const businessDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('UTC calendar date YYYY-MM-DD.');
export const isoTimestampSchema = z.string().max(40).describe('ISO 8601 timestamp (UTC).');

export const idempotencyHeadersSchema = z.object({
  [IDEMPOTENCY_KEY_HEADER]: z.string().regex(IDEMPOTENCY_KEY_PATTERN).describe('Retry-safe request key (8–64 chars).'),
});

export const healthResponseSchema = z.object({ status: z.literal('ok'), version: z.string() });
