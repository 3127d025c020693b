// Kiosk ↔ bank sync contract: online authorisation (a hold), completion (post / partial post / void), stand-in
// advices, reversals, the shared PIN-attempt counter, batch push, the changes feed and settlement totals.
// Every money request carries `Idempotency-Key` equal to its `transferId` (the UUIDv7 the kiosk persisted first).
import { z } from 'zod';
import {
  accountNumberSchema,
  amountMinorSchema,
  BATCH_ITEMS_MAX,
  businessDaySchema,
  CHANGES_PAGE_MAX,
  cardKeySchema,
  currencySchema,
  isoTimestampSchema,
  signedMinorSchema,
  uuidSchema,
} from './common.ts';
import { bankErrorCodeSchema } from './errors.ts';

export const DECLINE_CODES = [
  'card_unknown',
  'card_blocked',
  'card_retained',
  'card_expired',
  'account_not_linked',
  'account_unavailable',
  'currency_mismatch',
  'insufficient_funds',
  'limit_exceeded',
  'recipient_unavailable',
] as const;
export const declineCodeSchema = z.enum(DECLINE_CODES);
export type DeclineCode = z.infer<typeof declineCodeSchema>;

const referenceSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x20-\x7e]+$/)
  .optional()
  .describe('STAN/RRN or kiosk trace number.');

// ---- authorise (online withdrawal hold) -------------------------------------------------------------------------
export const authoriseRequestSchema = z.strictObject({
  transferId: uuidSchema,
  cardKey: cardKeySchema,
  accountNumber: accountNumberSchema,
  amountMinor: amountMinorSchema,
  currency: currencySchema,
  reference: referenceSchema,
});
export type AuthoriseRequest = z.infer<typeof authoriseRequestSchema>;

export const authoriseResponseSchema = z.object({
  transferId: uuidSchema,
  outcome: z.enum(['approved', 'declined']),
  declineCode: declineCodeSchema.nullable(),
  amountMinor: z.number().int(),
  currency: currencySchema,
  balanceMinor: signedMinorSchema
    .nullable()
    .describe('Posted balance after the hold (null when declined before the account was read).'),
  availableMinor: signedMinorSchema.nullable(),
});
export type AuthoriseResponse = z.infer<typeof authoriseResponseSchema>;

// ---- complete (resolve a hold exactly once) ---------------------------------------------------------------------
export const COMPLETION_REASONS = [
  'dispensed',
  'partial_dispense',
  'cancelled',
  'fault',
  'timeout',
  'host_decline',
] as const;
export const completeRequestSchema = z.strictObject({
  transferId: uuidSchema.describe('Id of the post/void transfer itself (not the hold).'),
  pendingId: uuidSchema,
  action: z.enum(['post', 'void']),
  amountMinor: amountMinorSchema.optional().describe('post: 1 … held amount (default the whole hold); void: ignored.'),
  reason: z.enum(COMPLETION_REASONS),
});
export type CompleteRequest = z.infer<typeof completeRequestSchema>;

export const completeResponseSchema = z.object({
  transferId: uuidSchema,
  pendingId: uuidSchema,
  action: z.enum(['post', 'void']),
  postedMinor: z.number().int().min(0),
  releasedMinor: z.number().int().min(0),
  balanceMinor: signedMinorSchema,
  availableMinor: signedMinorSchema,
});
export type CompleteResponse = z.infer<typeof completeResponseSchema>;

// ---- advice (a completed kiosk transaction: stand-in withdrawal, or a deposit) ---------------------------------
export const adviceRequestSchema = z.strictObject({
  transferId: uuidSchema,
  kind: z.enum(['withdrawal', 'deposit']),
  standIn: z.boolean().describe('true when the kiosk approved it offline within its floor limits.'),
  cardKey: cardKeySchema,
  accountNumber: accountNumberSchema,
  amountMinor: amountMinorSchema,
  currency: currencySchema,
  occurredAt: isoTimestampSchema.describe("Kiosk's clock; informative only (the bank orders by its own sequence)."),
  reference: referenceSchema,
});
export type AdviceRequest = z.infer<typeof adviceRequestSchema>;

export const adviceResponseSchema = z.object({
  transferId: uuidSchema,
  outcome: z
    .enum(['applied', 'declined'])
    .describe('declined: nothing was booked; the kiosk records an exception for staff.'),
  declineCode: declineCodeSchema.nullable(),
  balanceMinor: signedMinorSchema.nullable(),
});
export type AdviceResponse = z.infer<typeof adviceResponseSchema>;

// ---- reversal -------------------------------------------------------------------------------------------------
export const REVERSAL_REASONS = ['dispense_fault', 'customer_dispute', 'duplicate', 'not_completed', 'other'] as const;
export const reversalRequestSchema = z.strictObject({
  transferId: uuidSchema,
  originalId: uuidSchema.describe(
    'The posted transfer (advice, post of a hold or transfer) being reversed; reversed at most once.',
  ),
  amountMinor: amountMinorSchema.optional().describe('Default: the whole original amount.'),
  reason: z.enum(REVERSAL_REASONS),
});
export type ReversalRequest = z.infer<typeof reversalRequestSchema>;

export const reversalResponseSchema = z.object({
  transferId: uuidSchema,
  originalId: uuidSchema,
  amountMinor: z.number().int().positive(),
  balanceMinor: signedMinorSchema,
});
export type ReversalResponse = z.infer<typeof reversalResponseSchema>;

export const cardStatusSchema = z.enum(['active', 'blocked', 'retained']);

// ---- transfer (online only: the bank books it or declines) ----------------------------------------------------
export const kioskTransferRequestSchema = z.strictObject({
  transferId: uuidSchema,
  cardKey: cardKeySchema,
  fromAccountNumber: accountNumberSchema.describe("One of the card's accounts."),
  toAccountNumber: accountNumberSchema.describe('Any open account at the bank in the same currency.'),
  amountMinor: amountMinorSchema,
  currency: currencySchema,
  reference: referenceSchema,
});
export type KioskTransferRequest = z.infer<typeof kioskTransferRequestSchema>;

export const kioskTransferResponseSchema = z.object({
  transferId: uuidSchema,
  outcome: z.enum(['approved', 'declined']).describe('approved: booked at once; declined: nothing was booked.'),
  declineCode: declineCodeSchema.nullable(),
  amountMinor: z.number().int(),
  currency: currencySchema,
  balanceMinor: signedMinorSchema.nullable().describe('The source account after the transfer (null when declined).'),
  availableMinor: signedMinorSchema.nullable(),
});
export type KioskTransferResponse = z.infer<typeof kioskTransferResponseSchema>;

// ---- enrolment (a customer, account and card opened at a kiosk by branch staff) -------------------------------
export const enrolmentRequestSchema = z.strictObject({
  enrolmentId: uuidSchema.describe('Generated by the kiosk; also the Idempotency-Key.'),
  holderName: z.string().trim().min(1).max(60),
  account: z.strictObject({
    accountNumber: accountNumberSchema,
    label: z.string().trim().min(1).max(40),
    kind: z.enum(['checking', 'savings']),
    currency: currencySchema,
  }),
  card: z.strictObject({
    cardKey: cardKeySchema,
    panLast4: z.string().regex(/^\d{4}$/),
    expiresYymm: z.string().regex(/^\d{4}$/),
  }),
});
export type EnrolmentRequest = z.infer<typeof enrolmentRequestSchema>;

export const enrolmentResponseSchema = z.object({
  enrolmentId: uuidSchema,
  accountNumber: accountNumberSchema,
  cardKey: cardKeySchema,
  status: cardStatusSchema,
  dailyWithdrawalLimitMinor: z.number().int().min(0).describe("The issuer's limit for the new card."),
});
export type EnrolmentResponse = z.infer<typeof enrolmentResponseSchema>;

// ---- PIN attempts (the counter shared by every kiosk) ------------------------------------------------------------
export const pinAttemptRequestSchema = z.strictObject({
  cardKey: cardKeySchema,
  outcome: z.enum(['failure', 'success']),
});
export type PinAttemptRequest = z.infer<typeof pinAttemptRequestSchema>;

export const pinAttemptResponseSchema = z.object({
  cardKey: cardKeySchema,
  failedAttempts: z.number().int().min(0),
  attemptsRemaining: z.number().int().min(0),
  status: cardStatusSchema,
  retain: z.boolean().describe('true: keep the card (status retained); the kiosk must not return it.'),
});
export type PinAttemptResponse = z.infer<typeof pinAttemptResponseSchema>;

// ---- batch push -------------------------------------------------------------------------------------------------
export const batchItemSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('authorise'), body: authoriseRequestSchema }),
  z.strictObject({ op: z.literal('complete'), body: completeRequestSchema }),
  z.strictObject({ op: z.literal('advice'), body: adviceRequestSchema }),
  z.strictObject({ op: z.literal('reversal'), body: reversalRequestSchema }),
  z.strictObject({ op: z.literal('transfer'), body: kioskTransferRequestSchema }),
]);
export type BatchItem = z.infer<typeof batchItemSchema>;

export const batchRequestSchema = z.strictObject({ items: z.array(batchItemSchema).min(1).max(BATCH_ITEMS_MAX) });
export type BatchRequest = z.infer<typeof batchRequestSchema>;

export const batchItemResultSchema = z.object({
  index: z.number().int().min(0),
  transferId: uuidSchema,
  status: z.number().int().describe('The HTTP status the single endpoint would have returned.'),
  result: z
    .union([
      authoriseResponseSchema,
      completeResponseSchema,
      adviceResponseSchema,
      reversalResponseSchema,
      kioskTransferResponseSchema,
    ])
    .nullable(),
  error: z.object({ code: bankErrorCodeSchema, message: z.string() }).nullable(),
});
export type BatchItemResult = z.infer<typeof batchItemResultSchema>;
export const batchResponseSchema = z.object({ results: z.array(batchItemResultSchema) });
export type BatchResponse = z.infer<typeof batchResponseSchema>;

// ---- changes feed -----------------------------------------------------------------------------------------------
export const changesQuerySchema = z.strictObject({
  cursor: z.coerce.number().int().min(0).default(0).describe('nextCursor of the previous page; 0 for everything.'),
  limit: z.coerce.number().int().min(1).max(CHANGES_PAGE_MAX).default(CHANGES_PAGE_MAX),
});
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

export const accountStateSchema = z.object({
  accountNumber: accountNumberSchema,
  customerName: z.string(),
  label: z.string(),
  kind: z.enum(['checking', 'savings']),
  currency: currencySchema,
  status: z.enum(['open', 'frozen', 'closed']),
  balanceMinor: signedMinorSchema,
  availableMinor: signedMinorSchema,
  overdraftLimitMinor: z.number().int().min(0),
});
export type AccountState = z.infer<typeof accountStateSchema>;

export const cardStateSchema = z.object({
  cardKey: cardKeySchema,
  panLast4: z.string().regex(/^\d{4}$/),
  expiresYymm: z.string().regex(/^\d{4}$/),
  status: cardStatusSchema,
  pinFailedAttempts: z.number().int().min(0),
  dailyWithdrawalLimitMinor: z.number().int().min(0),
  accountNumbers: z.array(accountNumberSchema),
});
export type CardState = z.infer<typeof cardStateSchema>;

export const changeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('account'), seq: z.number().int().positive(), account: accountStateSchema }),
  z.object({ type: z.literal('card'), seq: z.number().int().positive(), card: cardStateSchema }),
]);
export type Change = z.infer<typeof changeSchema>;

export const changesResponseSchema = z.object({
  changes: z.array(changeSchema),
  nextCursor: z.number().int().min(0),
  hasMore: z.boolean(),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

// ---- settlement totals ----------------------------------------------------------------------------------------------
export const totalsQuerySchema = z.strictObject({ businessDay: businessDaySchema });
const countAmountSchema = z.object({ count: z.number().int().min(0), amountMinor: z.number().int().min(0) });
export const totalsResponseSchema = z.object({
  deviceId: z.string(),
  businessDay: businessDaySchema,
  currencies: z.array(
    z.object({
      currency: currencySchema,
      withdrawals: countAmountSchema.describe('Posted withdrawals: posts of holds plus withdrawal advices.'),
      deposits: countAmountSchema,
      reversals: countAmountSchema,
      holdsOpened: countAmountSchema,
      holdsOutstanding: countAmountSchema.describe('Holds of that day not yet posted or voided.'),
    }),
  ),
});
export type TotalsResponse = z.infer<typeof totalsResponseSchema>;
