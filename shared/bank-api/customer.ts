// Customer API (the descendant of the Flask "ATM Interface"): registration, login with access + rotating refresh
// tokens, profile, password reset by out-of-band token, TOTP, accounts, money movements, history and statements.
import { z } from 'zod';
import {
  accountNumberSchema,
  amountMinorSchema,
  businessDaySchema,
  currencySchema,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  signedMinorSchema,
  uuidSchema,
} from './common.ts';

export const PASSWORD_LENGTH_MIN = 12;
export const PASSWORD_LENGTH_MAX = 128;
/** History and statements cover at most this many days per request. */
export const DATE_RANGE_DAYS_MAX = 366;
export const STATEMENT_ROWS_MAX = 5_000;

const emailSchema = z
  .string()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/)
  .describe('Login name.');
const passwordSchema = z.string().min(PASSWORD_LENGTH_MIN).max(PASSWORD_LENGTH_MAX);
const displayNameSchema = z.string().trim().min(1).max(60);
const totpCodeSchema = z.string().regex(/^\d{6}$/);

export const registerRequestSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;
export const registerResponseSchema = z.object({
  customerId: z.number().int().positive(),
  accountNumber: accountNumberSchema,
});

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(PASSWORD_LENGTH_MAX),
  totpCode: totpCodeSchema.optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z
    .string()
    .describe('Single use: each refresh returns a new one; reusing an old one revokes the family.'),
  tokenType: z.literal('Bearer'),
  expiresInS: z.number().int().positive(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const refreshRequestSchema = z.strictObject({ refreshToken: z.string().min(1).max(2_048) });

export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });
export const passwordResetAcceptedSchema = z.object({
  status: z.literal('accepted').describe('Always the same answer; the token goes out of band, never in a response.'),
});
export const passwordResetConfirmSchema = z.strictObject({
  token: z.string().min(16).max(128),
  newPassword: passwordSchema,
});

export const profileSchema = z.object({
  customerId: z.number().int().positive(),
  email: z.string().nullable(),
  displayName: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  totpEnabled: z.boolean(),
});
export type Profile = z.infer<typeof profileSchema>;

/** The allow-list: only these fields can be changed through the profile; anything else is refused. */
export const profileUpdateSchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{5,20}$/)
      .nullable()
      .optional(),
    address: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'Nothing to update.');
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

export const totpSetupResponseSchema = z.object({
  secret: z.string().describe('Base32 secret to enter in the authenticator app (shown once).'),
  otpauthUri: z.string(),
});
export type TotpSetupResponse = z.infer<typeof totpSetupResponseSchema>;
export const totpCodeRequestSchema = z.strictObject({ code: totpCodeSchema });

export const customerAccountSchema = z.object({
  accountNumber: accountNumberSchema,
  label: z.string(),
  kind: z.enum(['checking', 'savings']),
  currency: currencySchema,
  status: z.enum(['open', 'frozen', 'closed']),
  balanceMinor: signedMinorSchema,
  availableMinor: signedMinorSchema,
});
export type CustomerAccount = z.infer<typeof customerAccountSchema>;
export const accountListSchema = z.object({ accounts: z.array(customerAccountSchema) });

export const accountParamsSchema = z.strictObject({ accountNumber: accountNumberSchema });

export const balanceSchema = z.object({
  accountNumber: accountNumberSchema,
  currency: currencySchema,
  balanceMinor: signedMinorSchema,
  availableMinor: signedMinorSchema,
});

export const movementRequestSchema = z.strictObject({
  amountMinor: amountMinorSchema,
  reference: z.string().min(1).max(64).optional(),
});
export const transferRequestSchema = z.strictObject({
  fromAccountNumber: accountNumberSchema,
  toAccountNumber: accountNumberSchema,
  amountMinor: amountMinorSchema,
  reference: z.string().min(1).max(64).optional(),
});
export type TransferRequest = z.infer<typeof transferRequestSchema>;

export const movementResultSchema = z.object({
  transferId: uuidSchema,
  accountNumber: accountNumberSchema,
  amountMinor: z.number().int().positive(),
  balanceMinor: signedMinorSchema,
  availableMinor: signedMinorSchema,
  createdAt: z.string(),
});
export type MovementResult = z.infer<typeof movementResultSchema>;

export const historyQuerySchema = z.strictObject({
  from: businessDaySchema.optional().describe('First day included (UTC); default 30 days before `to`.'),
  to: businessDaySchema.optional().describe('Last day included (UTC); default today.'),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  before: z.coerce.number().int().min(1).optional().describe('nextBefore of the previous page (newest first).'),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const historyEntrySchema = z.object({
  seq: z.number().int().positive(),
  transferId: uuidSchema,
  createdAt: z.string(),
  kind: z.enum(['single', 'pending', 'post_pending', 'void_pending']),
  code: z.string(),
  direction: z.enum(['debit', 'credit']),
  amountMinor: z.number().int().positive(),
  description: z.string(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export const historyResponseSchema = z.object({
  accountNumber: accountNumberSchema,
  from: businessDaySchema,
  to: businessDaySchema,
  items: z.array(historyEntrySchema),
  nextBefore: z.number().int().positive().nullable(),
});
export type HistoryResponse = z.infer<typeof historyResponseSchema>;

export const statementQuerySchema = z.strictObject({
  from: businessDaySchema.optional(),
  to: businessDaySchema.optional(),
});
