// What may enter the electronic journal: an entry is validated and normalised into the row's fields before any SQL
// runs. Invariant: nothing that passes carries a card number, a PIN, a password or a secret, and every field is
// bounded in size.
import { luhnValid } from '../../shared/card.ts';

/** Kinds are `<domain>.<event>`: an open set, but one shape, so a viewer can filter and group them. */
export const JOURNAL_KIND_PATTERN = /^[a-z_]+\.[a-z_]+$/;
export const JOURNAL_KIND_LENGTH_MAX = 64;
/** The only card-number form the journal holds, exactly as `maskPan` (shared/card.ts) produces it. */
export const JOURNAL_MASKED_PAN_PATTERN = /^•••• \d{4}$/;
/** Sessions are identified by a UUID (`crypto.randomUUID()` in the session service). */
export const JOURNAL_SESSION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** System trace audit number, ISO 8583 field 11: six digits. */
export const JOURNAL_STAN_PATTERN = /^\d{6}$/;
export const JOURNAL_STAFF_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const JOURNAL_CURRENCY_PATTERN = /^[A-Z]{3}$/;
/**
 * Eleven digits: no amount at a kiosk comes near it, and a card number (twelve digits or more) cannot hide in an
 * amount.
 */
export const JOURNAL_AMOUNT_MINOR_MAX = 99_999_999_999;
/** Largest integer in `data`, for the same reason as the amount: a number can never be read as a card number. */
export const JOURNAL_DATA_INTEGER_MAX = JOURNAL_AMOUNT_MINOR_MAX;
/** `data` holds a few extra scalars per entry, never a document. */
export const JOURNAL_DATA_KEYS_MAX = 16;
export const JOURNAL_DATA_KEY_PATTERN = /^[a-z][A-Za-z0-9_]{0,39}$/;
/** Longest text value in `data`. */
export const JOURNAL_TEXT_LENGTH_MAX = 200;
/** Largest canonical `data` JSON, in UTF-8 bytes. */
export const JOURNAL_DATA_BYTES_MAX = 2_048;
/** Card numbers are 12–19 digits (ISO/IEC 7812); a longer run could hold one, so it is refused as well. */
export const CARD_NUMBER_DIGITS_MIN = 12;
export const CARD_NUMBER_DIGITS_MAX = 19;

/** Kinds the kiosk writes today; `kind` also accepts any other string of the same shape. */
export type KnownJournalKind =
  | 'session.started'
  | 'session.ended'
  | 'card.inserted'
  | 'card.refused'
  | 'card.returned'
  | 'card.retained'
  | 'pin.verified'
  | 'pin.failed'
  | 'transaction.requested'
  | 'transaction.approved'
  | 'transaction.declined'
  | 'cash.presented'
  | 'cash.taken'
  | 'cash.retracted'
  | 'cash.retract_mismatch'
  | 'deposit.released'
  | 'deposit.recovered'
  | 'deposit.unresolved'
  | 'withdrawal.recovered'
  | 'receipt.printed'
  | 'device.fault'
  | 'staff.action'
  | 'staff.login'
  | 'staff.login_failed'
  | 'staff.locked'
  | 'staff.logout'
  | 'staff.forbidden'
  | 'staff.password_changed'
  | 'staff.totp_enrolled'
  | 'staff.account_created'
  | 'staff.account_reset'
  | 'staff.cassette_total'
  | 'staff.cash_counted'
  | 'staff.cash_added'
  | 'staff.trial_cassette_total'
  | 'staff.day_total'
  | 'staff.trial_day_total'
  | 'staff.card_released'
  | 'staff.card_unlocked'
  | 'staff.enrolment_started'
  | 'staff.enrolment_cancelled'
  | 'staff.customer_enrolled'
  | 'staff.journal_viewed'
  | 'staff.journal_exported'
  | 'staff.journal_verified'
  | 'staff.diagnostics_exported'
  | 'staff.sync_viewed'
  | 'staff.sync_issue_resolved'
  | 'staff.sync_now'
  | 'staff.service_changed'
  | 'staff.test_dispense'
  | 'staff.test_dispense_recovered'
  | 'staff.test_dispense_unresolved'
  | 'staff.device_fault'
  | 'staff.device_reset'
  | 'config.changed'
  | 'kiosk.in_service'
  | 'kiosk.out_of_service';

export type JournalDataValue = string | number | boolean | null;

/** One journal entry as a caller states it; the appender adds seq, time and the chain. */
export type JournalEntry = {
  readonly kind: KnownJournalKind | (string & {});
  readonly sessionId?: string | null;
  readonly stan?: string | null;
  /** `•••• 1234` only (see `maskPan`); a full card number is refused wherever it appears. */
  readonly maskedPan?: string | null;
  readonly staffId?: string | null;
  /** Integer minor units; requires `currency`. */
  readonly amountMinor?: number | null;
  readonly currency?: string | null;
  /** Extra scalars: integer numbers, short text, booleans, null. Keys naming a PIN, password or secret are refused. */
  readonly data?: Readonly<Record<string, JournalDataValue>>;
};

/** An entry's fields as stored: snake_case columns, `data` as canonical JSON (keys sorted). */
export type JournalEntryFields = {
  readonly kind: string;
  readonly session_id: string | null;
  readonly stan: string | null;
  readonly masked_pan: string | null;
  readonly staff_id: string | null;
  readonly amount_minor: number | null;
  readonly currency: string | null;
  readonly data: string;
};

export type JournalEntryProblem = 'unknown_field' | 'secret_field' | 'card_number' | 'format' | 'too_large';

/**
 * An entry the journal refuses; nothing was written. `field` names the offending field (`data.<key>` for data), and
 * neither it nor the message ever repeats the offending value, so the error itself is safe to log.
 */
export class JournalEntryError extends Error {
  readonly field: string;
  readonly problem: JournalEntryProblem;
  constructor(field: string, problem: JournalEntryProblem, message: string) {
    super(`Journal entry refused (${field}): ${message}`);
    this.name = 'JournalEntryError';
    this.field = field;
    this.problem = problem;
  }
}

const ENTRY_FIELDS = new Set(['kind', 'sessionId', 'stan', 'maskedPan', 'staffId', 'amountMinor', 'currency', 'data']);

/** A key is echoed in an error only when it cannot itself carry a number or odd characters. */
function printableKey(key: string): string {
  return /^[A-Za-z_]{1,40}$/.test(key) ? key : '(unprintable key)';
}

/** Words of a camelCase or snake_case key, lower-cased: `newPinBlock` → new, pin, block. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/**
 * True when a key names a PIN, password or secret. `pin` is matched at the start of a word (pin, pinBlock, new_pin,
 * pinpad) so that words merely containing it (shipping, mapping) pass; the others anywhere in the key. This refuses
 * some harmless keys (pinAttempts: use `attempts`) rather than let a secret through.
 */
export function looksLikeSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (/passw|passphrase|passcode|secret|token/.test(lower)) return true;
  return keyWords(key).some((word) => word.startsWith('pin') || /^(pwd|otp|totp|cvv\d?|cvc\d?)$/.test(word));
}

/** Card numbers as printed: 4-4-4(-4)(-1..4) or Amex's 4-6-5, separated by single spaces or hyphens. */
const GROUPED_CARD_NUMBER = /(?<!\d)(?:\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?|\d{4}[ -]\d{6}[ -]\d{4,5})(?!\d)/g;

/**
 * True when text holds something that may be a card number: a run of 12–19 digits passing Luhn (alone or written
 * in groups), or any digit run longer than a card number, which could hide one. Non-Luhn runs of 12–19 digits pass.
 */
export function containsCardNumber(text: string): boolean {
  for (const [run] of text.matchAll(/\d+/g)) {
    if (run.length > CARD_NUMBER_DIGITS_MAX) return true;
    if (run.length >= CARD_NUMBER_DIGITS_MIN && luhnValid(run)) return true;
  }
  for (const [grouped] of text.matchAll(GROUPED_CARD_NUMBER)) {
    if (luhnValid(grouped.replace(/[ -]/g, ''))) return true;
  }
  return false;
}

// Control, format (bidi overrides, zero-width), private-use and lone-surrogate characters: they would spoof what a
// viewer shows, and a lone surrogate does not survive UTF-8 storage, which would break the row's hash.
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;

/**
 * Machine identifiers whose shape already shows they are not a card number: a UUID (session and transfer ids) or a
 * sha256 hex digest. Scanning them would refuse about one random UUID in 800 and one digest in 110 (measured),
 * as their digit groups pass Luhn by chance; a card number put somewhere by mistake never has either shape.
 */
const NOT_A_CARD_NUMBER = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64})$/i;

function checkText(field: string, value: string, lengthMax: number): void {
  if (value.length > lengthMax) throw new JournalEntryError(field, 'too_large', `longer than ${lengthMax} characters.`);
  if (UNSAFE_CHARACTERS.test(value))
    throw new JournalEntryError(field, 'format', 'contains control or format characters.');
  if (!NOT_A_CARD_NUMBER.test(value) && containsCardNumber(value)) {
    throw new JournalEntryError(field, 'card_number', 'looks like a card number; journal only masked card numbers.');
  }
}

function optionalText(field: string, value: unknown, pattern: RegExp): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new JournalEntryError(field, 'format', 'must be text.');
  checkText(field, value, JOURNAL_TEXT_LENGTH_MAX);
  if (!pattern.test(value)) throw new JournalEntryError(field, 'format', `does not match ${String(pattern)}.`);
  return value;
}

function canonicalData(data: unknown): string {
  if (data === undefined || data === null) return '{}';
  if (typeof data !== 'object' || Array.isArray(data))
    throw new JournalEntryError('data', 'format', 'must be an object.');
  const prototype: unknown = Object.getPrototypeOf(data);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new JournalEntryError('data', 'format', 'must be a plain object.');
  }
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length > JOURNAL_DATA_KEYS_MAX) {
    throw new JournalEntryError('data', 'too_large', `more than ${JOURNAL_DATA_KEYS_MAX} keys.`);
  }
  const kept: Record<string, JournalDataValue> = {};
  // Sorted keys make the serialisation canonical: the same entry always hashes the same.
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, value] of entries) {
    const field = `data.${printableKey(key)}`;
    if (looksLikeSecretKey(key)) {
      throw new JournalEntryError(
        field,
        'secret_field',
        'names a PIN, password or secret; the journal never holds one.',
      );
    }
    if (!JOURNAL_DATA_KEY_PATTERN.test(key) || containsCardNumber(key)) {
      throw new JournalEntryError(field, 'format', `key does not match ${String(JOURNAL_DATA_KEY_PATTERN)}.`);
    }
    if (typeof value === 'string') {
      checkText(field, value, JOURNAL_TEXT_LENGTH_MAX);
    } else if (typeof value === 'number') {
      // Integers only: money is minor units and counts are whole. The bound is deterministic where a Luhn check
      // would refuse one large number in ten: times go in as ISO text, not epoch milliseconds.
      if (!Number.isSafeInteger(value) || Math.abs(value) > JOURNAL_DATA_INTEGER_MAX) {
        throw new JournalEntryError(field, 'format', `numbers must be integers within ±${JOURNAL_DATA_INTEGER_MAX}.`);
      }
    } else if (typeof value !== 'boolean' && value !== null) {
      throw new JournalEntryError(field, 'format', 'values must be text, integers, booleans or null.');
    }
    kept[key] = value;
  }
  const json = JSON.stringify(kept);
  if (Buffer.byteLength(json, 'utf8') > JOURNAL_DATA_BYTES_MAX) {
    throw new JournalEntryError('data', 'too_large', `larger than ${JOURNAL_DATA_BYTES_MAX} bytes.`);
  }
  return json;
}

/** Validates an entry and returns its stored fields, or throws `JournalEntryError`. Pure: touches no database. */
export function validateJournalEntry(entry: JournalEntry): JournalEntryFields {
  if (typeof entry !== 'object' || entry === null) throw new JournalEntryError('entry', 'format', 'must be an object.');
  // Callers in plain JS (or with a widened type) could attach anything: refuse what the journal does not know.
  for (const key of Object.keys(entry)) {
    if (looksLikeSecretKey(key)) {
      throw new JournalEntryError(
        printableKey(key),
        'secret_field',
        'names a PIN, password or secret; the journal never holds one.',
      );
    }
    if (!ENTRY_FIELDS.has(key))
      throw new JournalEntryError(printableKey(key), 'unknown_field', 'is not a journal field.');
  }

  const kind: unknown = entry.kind;
  if (typeof kind !== 'string' || kind.length > JOURNAL_KIND_LENGTH_MAX || !JOURNAL_KIND_PATTERN.test(kind)) {
    throw new JournalEntryError(
      'kind',
      'format',
      `must match ${String(JOURNAL_KIND_PATTERN)} (at most ${JOURNAL_KIND_LENGTH_MAX} characters).`,
    );
  }

  const maskedPan: unknown = entry.maskedPan;
  if (maskedPan !== undefined && maskedPan !== null) {
    // Checked before the general text rules so a full card number here gets the specific refusal.
    if (typeof maskedPan === 'string' && containsCardNumber(maskedPan)) {
      throw new JournalEntryError('maskedPan', 'card_number', 'is a full card number; pass maskPan(pan).');
    }
    if (typeof maskedPan !== 'string' || !JOURNAL_MASKED_PAN_PATTERN.test(maskedPan)) {
      throw new JournalEntryError('maskedPan', 'format', 'must be a masked card number such as "•••• 1234".');
    }
  }

  const amountMinor: unknown = entry.amountMinor ?? null;
  if (amountMinor !== null) {
    if (
      typeof amountMinor !== 'number' ||
      !Number.isSafeInteger(amountMinor) ||
      amountMinor < 0 ||
      amountMinor > JOURNAL_AMOUNT_MINOR_MAX
    ) {
      throw new JournalEntryError('amountMinor', 'format', `must be an integer from 0 to ${JOURNAL_AMOUNT_MINOR_MAX}.`);
    }
  }
  const currency = optionalText('currency', entry.currency, JOURNAL_CURRENCY_PATTERN);
  if ((amountMinor === null) !== (currency === null)) {
    throw new JournalEntryError('currency', 'format', 'an amount and its currency come together.');
  }

  return {
    kind,
    session_id: optionalText('sessionId', entry.sessionId, JOURNAL_SESSION_ID_PATTERN),
    stan: optionalText('stan', entry.stan, JOURNAL_STAN_PATTERN),
    masked_pan: (maskedPan as string | undefined) ?? null,
    staff_id: optionalText('staffId', entry.staffId, JOURNAL_STAFF_ID_PATTERN),
    amount_minor: amountMinor,
    currency,
    data: canonicalData(entry.data),
  };
}
