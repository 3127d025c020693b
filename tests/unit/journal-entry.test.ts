// What the journal refuses: a card number in any field (plain or grouped), any field named like a PIN, password or
// secret, and anything unbounded — and a refusal writes nothing. Masked card numbers and ordinary ids pass.
import fc from 'fast-check';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { type Db, openDatabase } from '../../electron/db/open-database.ts';
import {
  JOURNAL_DATA_BYTES_MAX,
  JOURNAL_DATA_KEYS_MAX,
  JOURNAL_TEXT_LENGTH_MAX,
  type JournalEntry,
  JournalEntryError,
  containsCardNumber,
  looksLikeSecretKey,
  validateJournalEntry,
} from '../../electron/journal/journal-entry.ts';
import { type Journal, createJournal } from '../../electron/journal/journal.ts';
import { luhnValid, maskPan } from '../../shared/card.ts';

const PAN = '4000001234567899';
const SESSION = '0b7e4a52-2c4f-4d8e-9a31-5f2d8c6e1a90';

let dir: string;
let db: Db;
let journal: Journal;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atm-journal-entry-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  migrate(db, migrations);
  journal = createJournal(db, { now: () => Date.UTC(2026, 10, 24, 9, 0, 0) });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Appends and returns the refusal, asserting nothing reached the table. */
function refusal(entry: JournalEntry): JournalEntryError {
  const rowsBefore = journal.status().rows;
  let caught: unknown;
  try {
    journal.append(entry);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(JournalEntryError);
  expect(journal.status().rows).toBe(rowsBefore);
  return caught as JournalEntryError;
}

function withLuhnDigit(body: string): string {
  for (let digit = 0; digit <= 9; digit++) if (luhnValid(`${body}${digit}`)) return `${body}${digit}`;
  throw new Error('unreachable: one check digit always fits');
}

/** Any card number of 12–19 digits, as typed or as printed in groups of four separated by spaces or hyphens. */
const cardNumber = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 18 }),
    fc.constantFrom('', ' ', '-'),
  )
  .map(([body, separator]) => {
    const pan = withLuhnDigit(body);
    return { pan, written: separator === '' ? pan : (pan.match(/\d{1,4}/g) ?? []).join(separator) };
  });
const words = fc.string({ unit: fc.constantFrom(...'abcdefghij :'), maxLength: 40 });

describe('card numbers', () => {
  it('refuses a Luhn-valid card number anywhere in a text value, plain or grouped, and writes nothing', () => {
    fc.assert(
      fc.property(cardNumber, words, words, ({ written }, before, after) => {
        const error = refusal({ kind: 'device.fault', data: { detail: `${before}${written}${after}` } });
        expect(error.problem).toBe('card_number');
        expect(error.field).toBe('data.detail');
        expect(`${error.message} ${error.field}`).not.toContain(written);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['maskedPan', { kind: 'card.inserted', maskedPan: PAN }],
    ['sessionId', { kind: 'session.started', sessionId: PAN }],
    ['stan', { kind: 'transaction.approved', stan: PAN }],
    ['staffId', { kind: 'staff.action', staffId: `staff-${PAN}` }],
    ['data.note', { kind: 'card.refused', data: { note: `track ;${PAN}=2512101?` } }],
  ] satisfies [string, JournalEntry][])('refuses a full card number in %s', (field, entry) => {
    const error = refusal(entry);
    expect(error).toMatchObject({ field, problem: 'card_number' });
    expect(error.message).not.toContain(PAN);
  });

  it('accepts the masked form, and UUIDs and digests whose digit groups pass Luhn by chance', () => {
    const transferId = '01934f6e-1234-7567-8901-234567890129'; // last group is a Luhn-valid 12-digit run
    expect(containsCardNumber(transferId)).toBe(true);
    const configHash = Array.from({ length: 1_000 }, (_, index) =>
      createHash('sha256').update(String(index)).digest('hex'),
    ).find(containsCardNumber);
    expect(configHash).toBeDefined();

    const head = journal.append({
      kind: 'transaction.approved',
      sessionId: SESSION,
      maskedPan: maskPan(PAN),
      data: { transferId, configHash: configHash ?? '', rrn: '12345678901' },
    });

    expect(head.seq).toBe(1);
    expect(journal.query({ limit: 1 })[0]).toMatchObject({ maskedPan: '•••• 7899', data: { transferId, configHash } });
    // About one random UUID in 800 holds a Luhn-valid run: without the exemption this would refuse a few sessions.
    db.transaction(() => {
      for (let index = 0; index < 5_000; index++) journal.append({ kind: 'session.started', sessionId: randomUUID() });
    })();
    expect(journal.status().rows).toBe(5_001);
  });

  it('lets a 12–19 digit run that fails Luhn through, and refuses a run longer than any card number', () => {
    expect(luhnValid('4000001234567898')).toBe(false);
    expect(journal.append({ kind: 'device.fault', data: { counter: 'c4000001234567898' } }).seq).toBe(1);
    expect(refusal({ kind: 'device.fault', data: { counter: '1'.repeat(20) } }).problem).toBe('card_number');
    expect(containsCardNumber('4000 0012 3456 7899')).toBe(true);
    expect(containsCardNumber('3782-822463-10005')).toBe(true); // Amex grouping 4-6-5
    expect(containsCardNumber('notes 10 20 50 100')).toBe(false);
  });

  it.each(['4000001234567899', '**** 7899', '•••• 789', '•••• 78990', 'XXXX XXXX XXXX 7899', ' •••• 7899'])(
    'refuses the masked card number %j unless it is exactly "•••• 1234"',
    (maskedPan) => {
      expect(refusal({ kind: 'card.inserted', maskedPan }).field).toBe('maskedPan');
    },
  );

  it('never takes a card number as a number: data integers stay below twelve digits', () => {
    expect(refusal({ kind: 'device.fault', data: { count: 4_000_001_234_567_899 } }).field).toBe('data.count');
    expect(refusal({ kind: 'device.fault', data: { at: Date.UTC(2026, 0, 1) } }).problem).toBe('format');
    expect(refusal({ kind: 'cash.taken', amountMinor: 400_000_123_456, currency: 'EUR' }).field).toBe('amountMinor');
  });
});

describe('PINs, passwords and secrets', () => {
  it.each([
    'pin',
    'PIN',
    'newPin',
    'pin_block',
    'pinBlock',
    'oldPIN',
    'password',
    'staffPassword',
    'secret',
    'clientSecret',
    'token',
    'apiToken',
    'otp',
    'cvv',
  ])('refuses a data field named %s, without repeating its value', (key) => {
    const error = refusal({ kind: 'pin.verified', sessionId: SESSION, data: { [key]: '4921' } });
    expect(error.problem).toBe('secret_field');
    expect(error.message).not.toContain('4921');
  });

  it('refuses a PIN or password attached to the entry itself', () => {
    const withPin = { kind: 'pin.failed', sessionId: SESSION, pin: '4921' } as JournalEntry;
    const withPassword = { kind: 'staff.action', staffId: 'staff-07', password: 'correct horse' } as JournalEntry;
    expect(refusal(withPin)).toMatchObject({ field: 'pin', problem: 'secret_field' });
    expect(refusal(withPassword)).toMatchObject({ field: 'password', problem: 'secret_field' });
  });

  it('lets words that merely contain the letters through', () => {
    expect(
      ['shipping', 'mapping', 'attempts', 'spinner', 'keyboardLayout', 'opinion'].filter(looksLikeSecretKey),
    ).toEqual([]);
    expect(
      journal.append({ kind: 'pin.failed', sessionId: SESSION, data: { attempts: 2, mapping: 'qwerty' } }).seq,
    ).toBe(1);
  });

  it("refuses the whole entry when it fails inside a caller's transaction, and the caller may go on", () => {
    db.transaction(() => {
      db.prepare("INSERT INTO kiosk_meta (key, value) VALUES ('ledger-change', 'x')").run();
      expect(() => journal.append({ kind: 'pin.failed', data: { pin: '4921' } })).toThrow(JournalEntryError);
    })();

    expect(db.prepare('SELECT count(*) AS n FROM kiosk_meta').get()).toEqual({ n: 1 });
    expect(journal.status().rows).toBe(0);
    expect(JSON.stringify(db.prepare('SELECT * FROM journal').all())).not.toContain('4921');
  });
});

describe('shape and bounds', () => {
  it.each<[string, JournalEntry, string]>([
    ['a kind without a domain', { kind: 'started' }, 'kind'],
    ['a kind with capitals', { kind: 'Session.Started' }, 'kind'],
    ['a kind with two dots', { kind: 'session.started.now' }, 'kind'],
    ['an unknown field', { kind: 'session.started', note: 'x' } as JournalEntry, 'note'],
    ['a session id that is not a UUID', { kind: 'session.started', sessionId: 'abc' }, 'sessionId'],
    ['a STAN of five digits', { kind: 'transaction.approved', stan: '12345' }, 'stan'],
    ['an amount without currency', { kind: 'cash.taken', amountMinor: 100 }, 'currency'],
    ['a currency without amount', { kind: 'cash.taken', currency: 'EUR' }, 'currency'],
    ['a fractional amount', { kind: 'cash.taken', amountMinor: 1.5, currency: 'EUR' }, 'amountMinor'],
    ['a negative amount', { kind: 'cash.taken', amountMinor: -1, currency: 'EUR' }, 'amountMinor'],
    ['a lower-case currency', { kind: 'cash.taken', amountMinor: 1, currency: 'eur' }, 'currency'],
    [
      'a nested data value',
      { kind: 'config.changed', data: { value: { a: 1 } } } as unknown as JournalEntry,
      'data.value',
    ],
    ['a float in data', { kind: 'config.changed', data: { ratio: 0.5 } }, 'data.ratio'],
    ['a control character', { kind: 'device.fault', data: { detail: 'line\nbreak' } }, 'data.detail'],
    ['a bidi override', { kind: 'device.fault', data: { detail: 'abc\u202edef' } }, 'data.detail'],
    ['a lone surrogate', { kind: 'device.fault', data: { detail: 'abc\ud800' } }, 'data.detail'],
    ['a data key with odd characters', { kind: 'device.fault', data: { 'bad key': 1 } }, 'data.(unprintable key)'],
    ['data as an array', { kind: 'device.fault', data: [1, 2] } as unknown as JournalEntry, 'data'],
  ])('refuses %s', (_name, entry, field) => {
    expect(refusal(entry).field).toBe(field);
  });

  it('bounds data by key count, text length and total size', () => {
    const keys = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${String.fromCharCode(97 + index)}`, index]));
    expect(journal.append({ kind: 'config.changed', data: keys(JOURNAL_DATA_KEYS_MAX) }).seq).toBe(1);
    expect(refusal({ kind: 'config.changed', data: keys(JOURNAL_DATA_KEYS_MAX + 1) })).toMatchObject({
      field: 'data',
      problem: 'too_large',
    });
    expect(refusal({ kind: 'config.changed', data: { text: 'x'.repeat(JOURNAL_TEXT_LENGTH_MAX + 1) } }).problem).toBe(
      'too_large',
    );
    const wide = Object.fromEntries(
      Array.from({ length: 12 }, (_, index) => [
        `field${String.fromCharCode(97 + index)}`,
        'é'.repeat(JOURNAL_TEXT_LENGTH_MAX),
      ]),
    );
    expect(Buffer.byteLength(JSON.stringify(wide))).toBeGreaterThan(JOURNAL_DATA_BYTES_MAX);
    expect(refusal({ kind: 'config.changed', data: wide })).toMatchObject({ field: 'data', problem: 'too_large' });
  });

  it('serialises data canonically: the same fields in any order give the same stored text', () => {
    const one = validateJournalEntry({ kind: 'config.changed', data: { b: 2, a: 'x', c: null } });
    const two = validateJournalEntry({ kind: 'config.changed', data: { c: null, a: 'x', b: 2 } });
    expect(one.data).toBe('{"a":"x","b":2,"c":null}');
    expect(two).toEqual(one);
  });
});
