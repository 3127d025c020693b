// Session contract: the customer's intents (card inserted, PIN submitted, transaction chosen, cancel) and the
// snapshot main pushes back. The renderer never commands; main decides every step from its own session state.
import { z } from 'zod';
import { PIN_LENGTH_MAX } from '../card.ts';
import { LANGUAGES } from '../languages.ts';
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
  /** Fast cash presets and other amount. */
  'withdrawal_amount',
  /** Note counts per denomination for a cash deposit. */
  'deposit_notes',
  /** From account, recipient and amount of a transfer. */
  'transfer_details',
  /** The recipient's masked name, amount and fee, for the customer to confirm. */
  'transfer_confirm',
  'pin_change',
  /** Main is deciding (authorising, dispensing, counting notes). */
  'processing',
  /** Card before cash: the card is out and waits to be taken. */
  'take_card',
  /** The cash is presented and waits to be taken. */
  'take_cash',
  'balance',
  'mini_statement',
  /** A transaction ended (done, partly done, or refused); the receipt is in the snapshot. */
  'transaction_result',
  'card_refused',
  'card_retained',
  'goodbye',
  /**
   * The screen for a kiosk out of service. Being out of service is the kiosk's status (system.status, with its
   * reason); main's session stays idle meanwhile and refuses customer cards, and the renderer shows this screen.
   */
  'out_of_service',
] as const;
export const SessionStateSchema = z.enum(SESSION_STATES);

/**
 * Steps that wait for the customer: main ends the session when nobody answers in time (and takes keepAlive), the
 * renderer offers "Do you need more time?" before it does.
 */
export const CUSTOMER_WAITING_STATES: readonly SessionState[] = [
  'pin_entry',
  'menu',
  'withdrawal_amount',
  'deposit_notes',
  'transfer_details',
  'transfer_confirm',
  'pin_change',
  'balance',
  'mini_statement',
  'transaction_result',
];
export type SessionState = z.infer<typeof SessionStateSchema>;

export const TransactionKindSchema = z.enum([
  'withdrawal',
  'deposit',
  'transfer',
  'balance',
  'mini_statement',
  'pin_change',
]);
export type TransactionKind = z.infer<typeof TransactionKindSchema>;

/** Opaque per-session handle for one of the card's accounts (`a1`, `a2`…); the renderer never sees account ids. */
export const AccountRefSchema = z.string().regex(/^a\d{1,2}$/);

export const AccountBalanceSchema = z.strictObject({
  accountRef: AccountRefSchema,
  accountLabel: z.string().min(1).max(40),
  maskedAccountNumber: z.string().max(20),
  currency: CurrencySchema,
  ledgerMinor: AmountMinorSchema,
  availableMinor: AmountMinorSchema,
});
export type AccountBalance = z.infer<typeof AccountBalanceSchema>;

const AmountSchema = z.number().int().positive().max(100_000_000);

export const ReceiptSchema = z.strictObject({
  kioskId: z.string().max(32),
  stan: z.string().regex(/^\d{6}$/),
  rrn: z.string().regex(/^\d{12}$/),
  /** ISO date-time of the transaction (main's clock). */
  at: z.string().max(40),
  transaction: TransactionKindSchema,
  maskedPan: z.string().max(24),
  accountLabel: z.string().max(40).nullable(),
  /** What was asked for and what was done (a partial dispense completes less). */
  requestedMinor: AmountMinorSchema,
  completedMinor: AmountMinorSchema,
  feeMinor: AmountMinorSchema,
  currency: CurrencySchema,
  availableMinor: AmountMinorSchema.nullable(),
  outcome: z.enum(['completed', 'partial', 'declined', 'reversed']),
  /** Why it was declined or reversed. */
  code: ErrorCodeSchema.nullable(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export const StatementRowSchema = z.strictObject({
  at: z.string().max(40),
  code: z.enum([
    'opening_balance',
    'withdrawal',
    'deposit',
    'transfer',
    'fee',
    'reversal',
    'replenishment',
    'cash_adjustment',
  ]),
  /** Signed from the customer's side: negative leaves the account. */
  amountMinor: AmountMinorSchema,
  pending: z.boolean(),
});

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
  /** What the menu offers; empty until the PIN is verified. */
  transactions: z.array(TransactionKindSchema).max(16),
  /** The card's accounts with balances, after the PIN is verified. */
  accounts: z.array(AccountBalanceSchema).max(20).nullable(),
  currency: CurrencySchema,
  /**
   * At withdrawal_amount: the fast-cash amounts the cassettes can make now, and the per-withdrawal maximum; while the
   * bank is offline, `standInMinor` is what this card may still draw on stand-in (null otherwise).
   */
  withdrawal: z
    .strictObject({
      fastCashMinor: z.array(AmountSchema).max(8),
      maxMinor: AmountSchema,
      standInMinor: AmountMinorSchema.nullable(),
    })
    .nullable(),
  /** At deposit_notes: the denominations the acceptor takes and the note limit. */
  deposit: z
    .strictObject({ denominationsMinor: z.array(AmountSchema).max(10), notesMax: z.number().int().positive() })
    .nullable(),
  /** At transfer_confirm. */
  transfer: z
    .strictObject({
      fromAccountRef: AccountRefSchema,
      recipientMaskedName: z.string().max(60),
      recipientMaskedAccount: z.string().max(20),
      amountMinor: AmountSchema,
      feeMinor: AmountMinorSchema,
    })
    .nullable(),
  /** At mini_statement: newest first, at most 10. */
  statement: z.strictObject({ accountRef: AccountRefSchema, rows: z.array(StatementRowSchema).max(10) }).nullable(),
  /** After a transaction (and while cash or card wait to be taken). */
  receipt: ReceiptSchema.nullable(),
  /** When main will end the current step for inactivity (epoch ms, main's clock); null when nothing waits. */
  timeoutAtMs: z.number().int().nonnegative().nullable(),
  /**
   * At PIN entry and PIN change when the shuffled keypad setting is on: the digits in the order the keypad shows
   * them (main draws the order once per session, so an onlooker cannot learn a PIN from finger positions).
   */
  pinKeypad: z.strictObject({ digits: z.array(z.string().regex(/^\d$/)).length(10) }).nullable(),
  /**
   * What became of the current receipt after the customer asked for it on paper; null until then. `queued`: asked
   * for while the cash waits in the slot, it prints as the withdrawal settles.
   */
  receiptDelivery: z.enum(['queued', 'printed', 'saved', 'failed']).nullable(),
  /** At take_cash: what the dispenser presented (less than asked for after a partial dispense). */
  cash: z.strictObject({ amountMinor: AmountMinorSchema, partial: z.boolean() }).nullable(),
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

const PinSchema = z.string().regex(new RegExp(`^\\d{4,${PIN_LENGTH_MAX}}$`));

export const TransferRequestSchema = z.strictObject({
  fromAccountRef: AccountRefSchema,
  to: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('own'), accountRef: AccountRefSchema }),
    z.strictObject({ kind: z.literal('account_number'), accountNumber: z.string().regex(/^\d{6,34}$/) }),
  ]),
  amountMinor: AmountSchema,
});

export const DepositRequestSchema = z.strictObject({
  accountRef: AccountRefSchema,
  notes: z
    .array(z.strictObject({ denominationMinor: AmountSchema, count: z.number().int().min(1).max(200) }))
    .min(1)
    .max(10),
});

export const sessionChannels = {
  getSnapshot: channel('atm:session:getSnapshot', Empty, SessionSnapshotSchema),
  insertCard: channel('atm:session:insertCard', CardInsertSchema, SessionSnapshotSchema),
  submitPin: channel('atm:session:submitPin', z.strictObject({ pin: PinSchema }), SessionSnapshotSchema),
  chooseTransaction: channel(
    'atm:session:chooseTransaction',
    z.strictObject({ transaction: TransactionKindSchema }),
    SessionSnapshotSchema,
  ),
  /** A fast-cash preset or another amount, from one of the card's accounts. */
  selectWithdrawal: channel(
    'atm:session:selectWithdrawal',
    z.strictObject({ amountMinor: AmountSchema, accountRef: AccountRefSchema }),
    SessionSnapshotSchema,
  ),
  /** The notes the customer put in the acceptor, as the simulated acceptor counts them. */
  submitDeposit: channel('atm:session:submitDeposit', DepositRequestSchema, SessionSnapshotSchema),
  requestTransfer: channel('atm:session:requestTransfer', TransferRequestSchema, SessionSnapshotSchema),
  confirmTransfer: channel('atm:session:confirmTransfer', Empty, SessionSnapshotSchema),
  showStatement: channel(
    'atm:session:showStatement',
    z.strictObject({ accountRef: AccountRefSchema }),
    SessionSnapshotSchema,
  ),
  /** The current PIN and the new one twice; each crosses IPC once, in this one call. */
  changePin: channel(
    'atm:session:changePin',
    z.strictObject({ currentPin: PinSchema, newPin: PinSchema, newPinAgain: PinSchema }),
    SessionSnapshotSchema,
  ),
  /** The card reader reports the ejected card was taken (the demo reader: the customer taps "take card"). */
  cardTaken: channel('atm:session:cardTaken', Empty, SessionSnapshotSchema),
  /** The dispenser reports the presented cash was taken (the demo dispenser: the customer taps "take cash"). */
  cashTaken: channel('atm:session:cashTaken', Empty, SessionSnapshotSchema),
  /** Print the current receipt, laid out in the customer's language; at most once per receipt once it succeeded. */
  printReceipt: channel(
    'atm:session:printReceipt',
    z.strictObject({ language: z.enum(LANGUAGES) }),
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
