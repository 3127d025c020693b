// Session contract: the customer's intents (card inserted, PIN submitted, transaction chosen, cancel) and the
// snapshot main pushes back. The renderer never commands; main decides every step from its own session state.
import { z } from 'zod';
import { PIN_LENGTH_MAX } from '../card.ts';
import { channel, event } from './define.ts';
import { ErrorCodeSchema } from './envelope.ts';

/** An amount in minor units: a safe integer, never a float. */
export const AmountMinorSchema = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/** ISO 4217 alphabetic code. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/);

export const SESSION_STATES = [
  'idle',
  'pin_entry',
  'verifying_pin',
  'menu',
  'balance',
  'card_refused',
  'card_retained',
  'goodbye',
  'out_of_service',
] as const;
export const SessionStateSchema = z.enum(SESSION_STATES);
export type SessionState = z.infer<typeof SessionStateSchema>;

export const TransactionKindSchema = z.enum(['balance']);
export type TransactionKind = z.infer<typeof TransactionKindSchema>;

export const AccountBalanceSchema = z.strictObject({
  accountLabel: z.string().min(1).max(40),
  maskedAccountNumber: z.string().max(20),
  currency: CurrencySchema,
  ledgerMinor: AmountMinorSchema,
  availableMinor: AmountMinorSchema,
});
export type AccountBalance = z.infer<typeof AccountBalanceSchema>;

export const SessionSnapshotSchema = z.strictObject({
  /** Increases with every change, so a late reply never overwrites a newer pushed snapshot. */
  revision: z.number().int().nonnegative(),
  /** Random per session; null at idle. */
  sessionId: z.string().uuid().nullable(),
  state: SessionStateSchema,
  /** Masked card number of the card in the reader (never the full number). */
  card: z.strictObject({ maskedPan: z.string().max(24) }).nullable(),
  pinLengthMin: z.number().int().min(4).max(PIN_LENGTH_MAX),
  pinLengthMax: z.number().int().min(4).max(PIN_LENGTH_MAX),
  /** Why the last intent was refused, for the screen to explain; cleared by the next accepted intent. */
  refusal: z.strictObject({ code: ErrorCodeSchema }).nullable(),
  transactions: z.array(TransactionKindSchema).max(16),
  accounts: z.array(AccountBalanceSchema).max(20).nullable(),
  /** When main will end the session for inactivity (epoch ms, main's clock); null when nothing waits. */
  timeoutAtMs: z.number().int().nonnegative().nullable(),
});
export type SessionSnapshot = z.infer<typeof SessionSnapshotSchema>;

const Empty = z.strictObject({});

/** How the card reached the kiosk: the demo reader (tap a demo card), a keyboard-wedge stripe reader, or typed. */
export const CardInsertSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('demo'), demoCardId: z.string().regex(/^[a-z0-9-]{1,32}$/) }),
  z.strictObject({ source: z.literal('track2'), track2: z.string().regex(/^[0-9;=?]{1,40}$/) }),
  z.strictObject({ source: z.literal('manual'), pan: z.string().regex(/^\d{12,19}$/) }),
]);
export type CardInsert = z.infer<typeof CardInsertSchema>;

export const sessionChannels = {
  getSnapshot: channel('atm:session:getSnapshot', Empty, SessionSnapshotSchema),
  insertCard: channel('atm:session:insertCard', CardInsertSchema, SessionSnapshotSchema),
  submitPin: channel(
    'atm:session:submitPin',
    z.strictObject({ pin: z.string().regex(new RegExp(`^\\d{4,${PIN_LENGTH_MAX}}$`)) }),
    SessionSnapshotSchema,
  ),
  chooseTransaction: channel(
    'atm:session:chooseTransaction',
    z.strictObject({ transaction: TransactionKindSchema }),
    SessionSnapshotSchema,
  ),
  backToMenu: channel('atm:session:backToMenu', Empty, SessionSnapshotSchema),
  finish: channel('atm:session:finish', Empty, SessionSnapshotSchema),
  cancel: channel('atm:session:cancel', Empty, SessionSnapshotSchema),
  /** The customer is still there (a key was pressed); resets the inactivity timeout. Carries no key data. */
  keepAlive: channel('atm:session:keepAlive', Empty, SessionSnapshotSchema),
} as const;

export const sessionEvents = {
  changed: event('atm:event:session.changed', SessionSnapshotSchema),
} as const;
