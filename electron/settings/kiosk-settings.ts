// Kiosk settings: every limit, timeout and preset the customer flow obeys, validated by zod on the way in (from the
// database, and later from staff). A stored value that fails validation is refused, never half-applied.
import { z } from 'zod';
import { PIN_LENGTH_MAX } from '../../shared/card.ts';
import type { Db } from '../db/open-database.ts';
import { DEPOSIT_NOTES_MAX } from '../devices/deposit-acceptor.ts';

const Minor = z.number().int().nonnegative().max(100_000_000);
const Ms = z.number().int().min(1_000).max(600_000);

export const FAST_CASH_PRESETS_MAX = 8;

const HOUR_MS = 3_600_000;
/**
 * How long the held part of a cash deposit waits before it becomes available. At least an hour: the hold is what
 * lets the notes be checked (at the next cassette count or business day) before they can leave again as cash, so a
 * kiosk cannot be set to hold nothing; at most 30 days, past which a bank owes the customer an answer anyway.
 */
export const DEPOSIT_HOLD_MS_MIN = HOUR_MS;
export const DEPOSIT_HOLD_MS_MAX = 30 * 24 * HOUR_MS;
export const DEPOSIT_HOLD_MS_DEFAULT = 24 * HOUR_MS;

/**
 * The remote bank. `url: null` is the standalone kiosk (the embedded bank, no sync). The device secret and the
 * bank's card lookup key are never settings: they live in the OS keychain (electron/sync/provisioning.ts).
 */
export const BankSettingsSchema = z.strictObject({
  // HTTPS, or plain HTTP only to this machine (the development bank): the device secret travels to this host.
  url: z
    .string()
    .max(300)
    .regex(/^(https:\/\/[^\s]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/[^\s]*)?)$/)
    .nullable(),
  deviceId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{2,63}$/)
    .nullable(),
  /** Extra CA certificates to trust for the bank (PEM text, or the path of a PEM file); null = the system's. */
  caCertificate: z.string().min(1).max(65_536).nullable(),
  /** An online authorisation not answered in this time is treated as offline (stand-in rules apply). */
  authoriseTimeoutMs: z.number().int().min(100).max(30_000),
  /** Any other request to the bank (outbox, PIN counter, changes). */
  requestTimeoutMs: z.number().int().min(100).max(120_000),
  /** Offline approvals: per card and business day, and outstanding (approved but not yet forwarded) per kiosk. */
  standInPerCardMinor: Minor,
  standInPerKioskMinor: Minor,
  /** How often the kiosk pulls account and card changes (also once at start). */
  pullIntervalMs: z.number().int().min(1_000).max(3_600_000),
  /** Full-jitter exponential backoff between failed outbox sends: base and cap. */
  retryBaseMs: z.number().int().min(10).max(60_000),
  retryMaxMs: z.number().int().min(100).max(3_600_000),
});
export type BankSettings = z.infer<typeof BankSettingsSchema>;

export const DEFAULT_BANK_SETTINGS: BankSettings = {
  url: null,
  deviceId: null,
  caCertificate: null,
  authoriseTimeoutMs: 2_500,
  requestTimeoutMs: 10_000,
  standInPerCardMinor: 20_000,
  standInPerKioskMinor: 100_000,
  pullIntervalMs: 60_000,
  retryBaseMs: 500,
  retryMaxMs: 60_000,
};

export const KioskSettingsSchema = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/),
    /** Largest single withdrawal. */
    withdrawalMaxMinor: Minor.min(1),
    /** Per card and business day. */
    dailyWithdrawalMaxMinor: Minor.min(1),
    dailyWithdrawalCountMax: z.number().int().min(1).max(50),
    /** Per card and business day, transfers out of the card's accounts (fees excluded). */
    dailyTransferMaxMinor: Minor.min(1),
    /** Fee for a transfer to another customer's account, booked to settlement as one linked batch. */
    transferFeeMinor: Minor,
    fastCashPresetsMinor: z.array(Minor.min(1)).min(1).max(FAST_CASH_PRESETS_MAX),
    /** Cash deposits: this much of each deposit is available at once; the rest is held pending the count check. */
    depositImmediateMinor: Minor,
    /**
     * The held rest becomes available this long after the deposit (1 hour … 30 days). Fixed per deposit when it is
     * booked: a change applies to later deposits only.
     */
    depositHoldMs: z.number().int().min(DEPOSIT_HOLD_MS_MIN).max(DEPOSIT_HOLD_MS_MAX),
    /** Notes accepted in one deposit; the acceptor itself takes at most DEPOSIT_NOTES_MAX in one bunch. */
    depositNotesMax: z.number().int().min(1).max(DEPOSIT_NOTES_MAX),
    pinLengthMin: z.number().int().min(4).max(PIN_LENGTH_MAX),
    pinLengthMax: z.number().int().min(4).max(PIN_LENGTH_MAX),
    manualCardEntry: z.boolean(),
    inactivityTimeoutMs: Ms,
    endScreenMs: Ms,
    /** How long cash waits in the slot before it is retracted. */
    cashTakeTimeoutMs: Ms,
    /** How long an ejected card waits before it is retained. */
    cardTakeTimeoutMs: Ms,
    /** PIN keypad digits in a fresh random order each session. */
    shuffledPinKeypad: z.boolean(),
    /** The OS printer receipts go to; null saves each receipt as a PDF in the data dir instead. */
    receiptPrinterName: z.string().min(1).max(128).nullable(),
    /** Replenishment counts and loads need a second staff member's credentials. */
    staffDualControl: z.boolean(),
    /** A staff session with no call for this long ends (2 minutes by default). */
    staffIdleTimeoutMs: Ms,
    bank: BankSettingsSchema,
  })
  .refine((settings) => settings.pinLengthMin <= settings.pinLengthMax, { message: 'pinLengthMin > pinLengthMax' })
  .refine((settings) => settings.withdrawalMaxMinor <= settings.dailyWithdrawalMaxMinor, {
    message: 'withdrawalMaxMinor exceeds the daily maximum',
  })
  .refine((settings) => settings.bank.url === null || settings.bank.deviceId !== null, {
    message: 'a bank URL needs a device id',
  });

export type KioskSettings = z.infer<typeof KioskSettingsSchema>;

export const DEFAULT_SETTINGS: KioskSettings = {
  currency: 'EUR',
  withdrawalMaxMinor: 50_000,
  dailyWithdrawalMaxMinor: 100_000,
  dailyWithdrawalCountMax: 5,
  dailyTransferMaxMinor: 250_000,
  transferFeeMinor: 50,
  fastCashPresetsMinor: [2_000, 5_000, 10_000, 20_000],
  depositImmediateMinor: 20_000,
  depositHoldMs: DEPOSIT_HOLD_MS_DEFAULT,
  depositNotesMax: 100,
  pinLengthMin: 4,
  pinLengthMax: 6,
  manualCardEntry: false,
  inactivityTimeoutMs: 30_000,
  endScreenMs: 5_000,
  cashTakeTimeoutMs: 30_000,
  cardTakeTimeoutMs: 30_000,
  shuffledPinKeypad: false,
  receiptPrinterName: null,
  staffDualControl: false,
  staffIdleTimeoutMs: 120_000,
  bank: DEFAULT_BANK_SETTINGS,
};

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Reads the stored settings over the defaults; a stored document that fails the schema throws SettingsError. */
export function loadSettings(db: Db, overrides: Partial<KioskSettings> = {}): KioskSettings {
  const row = db.prepare("SELECT value FROM kiosk_meta WHERE key = 'settings'").get() as { value: string } | undefined;
  let stored: unknown = {};
  if (row) {
    try {
      stored = JSON.parse(row.value);
    } catch {
      throw new SettingsError('The stored settings are not valid JSON.');
    }
  }
  const parsed = KioskSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(stored as object), ...overrides });
  if (!parsed.success) {
    throw new SettingsError(`The settings are invalid: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  }
  return parsed.data;
}

/** Validates and stores settings; returns what was stored. Nothing is written when validation fails. */
export function saveSettings(db: Db, settings: unknown): KioskSettings {
  const parsed = KioskSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    throw new SettingsError(`The settings are invalid: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  }
  db.prepare(
    "INSERT INTO kiosk_meta (key, value) VALUES ('settings', @value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run({ value: JSON.stringify(parsed.data) });
  return parsed.data;
}
