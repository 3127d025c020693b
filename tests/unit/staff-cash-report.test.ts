// The staff cash reports: Cassette Total and Trial Cassette Total print a 42-column report (kiosk, time, staff id,
// per cassette loaded/dispensed/rejected/remaining and value, bins, totals; "TRIAL — COUNTERS NOT RESET" on a trial)
// through the receipt printer after the counters are recorded. The browser host's and the tests' printer saves it as
// a PDF in <dataDir>/receipts; the print is journalled; a printer fault comes back as a warning and the total stands.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../electron/demo/demo-data.ts';
import type { ReceiptPrinter } from '../../electron/devices/receipt-printer.ts';
import { containsCardNumber } from '../../electron/journal/journal-entry.ts';
import { PRINT_REASON_LENGTH_MAX, printWithDeadline } from '../../electron/receipts/print-with-deadline.ts';
import { RECEIPT_COLUMNS, type ReceiptDocument, centred, pair } from '../../electron/receipts/receipt-layout.ts';
import {
  type CassetteReport,
  DAY_CLOSED_NOTICE,
  DAY_TRIAL_NOTICE,
  type DayTotalReport,
  RESET_NOTICE,
  TRIAL_NOTICE,
  VARIANCE_FLAG,
  layoutCassetteReport,
  layoutDayTotalReport,
} from '../../electron/receipts/staff-report-layout.ts';
import { STAFF_REPORT_PRINT_TIMEOUT_MS, STAFF_REPORTS_DIR } from '../../electron/staff/staff-service.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { OPERATOR, type StaffFixture, createStaffFixture } from '../support/staff-fixture.ts';

let fixture: StaffFixture | undefined;
afterEach(() => {
  fixture?.cleanup();
  fixture = undefined;
});

const AT = '2026-11-24T09:00:00.000Z';
const texts = (document: ReceiptDocument) => document.lines.map((line) => line.text);
const width = (text: string) => [...text].length;

/** The demo cassettes after a few test dispenses (see `dispenseSome`): what both kinds of test expect. */
const KNOWN_CASSETTES: CassetteReport['cassettes'] = [
  { position: 1, denominationMinor: 1_000, loadedNotes: 500, dispensedNotes: 0, rejectedNotes: 1, remainingNotes: 499 },
  { position: 2, denominationMinor: 2_000, loadedNotes: 500, dispensedNotes: 3, rejectedNotes: 0, remainingNotes: 497 },
  { position: 3, denominationMinor: 5_000, loadedNotes: 300, dispensedNotes: 2, rejectedNotes: 0, remainingNotes: 298 },
];

function report(overrides: Partial<CassetteReport> = {}): CassetteReport {
  return {
    kind: 'cassette_total',
    kioskId: 'KTEST01',
    staffId: 'operator1',
    at: AT,
    currency: 'EUR',
    cycleId: 7,
    cassettes: KNOWN_CASSETTES,
    retractBinNotes: 2,
    cashAccountMinor: 2_983_000,
    rejectsAccountMinor: 11_000,
    ...overrides,
  };
}

/** `label … value` lines as the layout writes them, figures indented under their heading. */
const line = (label: string, value: string) => pair(label, value).map((entry) => entry.text);
const item = (label: string, value: string) => line(`  ${label}`, value);

describe('the cassette report layout', () => {
  it('fits every line in 42 columns and prints the figures of each cassette, the bins and the totals', () => {
    const document = layoutCassetteReport(report());
    const lines = texts(document);
    for (const text of lines) expect(width(text), text).toBeLessThanOrEqual(RECEIPT_COLUMNS);
    expect(document.language).toBe('en');
    expect(lines.slice(0, 2).map((text) => text.trim())).toEqual(['ATM KIOSK', 'CASSETTE TOTAL']);
    const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(AT));
    expect(lines).toEqual(
      expect.arrayContaining([
        ...line('Kiosk', 'KTEST01'),
        ...line('Date/time', when),
        ...line('Staff', 'operator1'),
        ...line('Replenishment', '#7'),
      ]),
    );

    // Cassette 2 (€20): 500 loaded, 3 dispensed, none rejected, 497 left worth €9,940.00 — in that order.
    const start = lines.indexOf(line('CASSETTE 2', '€20.00')[0] ?? '');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start, start + 6)).toEqual([
      ...line('CASSETTE 2', '€20.00'),
      ...item('Loaded', '500'),
      ...item('Dispensed', '3'),
      ...item('Rejected', '0'),
      ...item('Remaining', '497'),
      ...item('Value', '€9,940.00'),
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        ...line('CASSETTE 1', '€10.00'),
        ...item('Rejected', '1'),
        ...item('Value', '€4,990.00'),
        ...line('CASSETTE 3', '€50.00'),
        ...item('Value', '€14,900.00'),
      ]),
    );

    const totals = lines.indexOf('TOTALS');
    expect(lines.slice(totals)).toEqual([
      'TOTALS',
      ...item('Notes loaded', '1300'),
      ...item('Notes dispensed', '5'),
      ...item('Notes rejected', '1'),
      ...item('Notes remaining', '1294'),
      ...item('Cassettes value', '€29,830.00'),
      ...item('Rejected value', '€10.00'),
      ...line('Retract bin notes', '2'),
      ...line('Cash account', '€29,830.00'),
      ...line('Rejects account', '€110.00'),
      ...line('Cassettes = cash account', 'YES'),
      ...line('To count', '€29,940.00'),
      '-'.repeat(RECEIPT_COLUMNS),
      expect.stringContaining(RESET_NOTICE),
    ]);
    expect(lines.join('\n')).not.toContain('TRIAL');
    expect(document.fileStem).toBe('cassette-total-KTEST01-20261124-090000');
  });

  it('marks a trial report TRIAL — COUNTERS NOT RESET, and a cash account that does not match', () => {
    const document = layoutCassetteReport(
      report({ kind: 'trial_cassette_total', cycleId: null, cashAccountMinor: 2_982_000 }),
    );
    const lines = texts(document);
    for (const text of lines) expect(width(text), text).toBeLessThanOrEqual(RECEIPT_COLUMNS);
    expect(lines[1]?.trim()).toBe('TRIAL CASSETTE TOTAL');
    expect(lines.filter((text) => text.trim() === TRIAL_NOTICE)).toHaveLength(2);
    expect(TRIAL_NOTICE).toBe('TRIAL — COUNTERS NOT RESET');
    expect(lines).toEqual(expect.arrayContaining([...line('Cassettes = cash account', 'NO')]));
    expect(lines.join('\n')).not.toContain(RESET_NOTICE);
    expect(lines.join('\n')).not.toContain('Replenishment');
    expect(lines.join('\n')).not.toContain('To count');
    expect(document.fileStem).toBe('trial-cassette-total-KTEST01-20261124-090000');
  });

  it('stays within 42 columns with eight full cassettes, big amounts and long ids', () => {
    const cassettes = Array.from({ length: 8 }, (_, index) => ({
      position: index + 1,
      denominationMinor: 10_000,
      loadedNotes: 10_000,
      dispensedNotes: 9_999,
      rejectedNotes: 99_999,
      remainingNotes: 10_000,
    }));
    for (const currency of ['EUR', 'CHF', 'JPY', 'GBP', 'USD']) {
      const lines = texts(
        layoutCassetteReport(
          report({
            currency,
            cassettes,
            kioskId: 'K'.repeat(32),
            staffId: 's'.repeat(32),
            cycleId: 2_147_483_647,
            retractBinNotes: 100_000,
            cashAccountMinor: 99_999_999_999,
            rejectsAccountMinor: 99_999_999_999,
          }),
        ),
      );
      for (const text of lines) expect(width(text), `${currency}: ${text}`).toBeLessThanOrEqual(RECEIPT_COLUMNS);
    }
  });
});

const WIN_ANSI_HIGH: Readonly<Record<number, string>> = { 0x80: '€', 0x97: '—' };

/** The text each `Tj` of the PDF's one page draws, decoded from pdf-lib's hex WinAnsi strings. */
async function pdfTextLines(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes);
  const streams = pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFRawStream => object instanceof PDFRawStream)
    .map((stream) => inflateSync(stream.contents).toString('latin1'))
    .filter((content) => content.includes(' Tj'));
  return [...streams.join('\n').matchAll(/<([0-9A-F]*)> Tj/g)].map(([, hex = '']) =>
    Buffer.from(hex, 'hex').reduce((text, byte) => text + (WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte)), ''),
  );
}

/** Nothing a customer owns: no card number (in any form the journal would refuse), account number or name. */
function expectNoCustomerData(lines: readonly string[]) {
  const text = lines.join('\n');
  expect(containsCardNumber(text)).toBe(false);
  for (const customer of DEMO_CUSTOMERS) {
    expect(text).not.toContain(customer.displayName);
    for (const card of customer.cards) expect(text).not.toContain(card.pan);
    for (const account of customer.accounts) expect(text).not.toContain(account.accountNumber);
  }
}

/**
 * Test dispenses that leave the demo cassettes as KNOWN_CASSETTES: 3 × €20 taken, one €10 note rejected by a jam,
 * 2 × €50 presented but not taken (retracted into the retract bin).
 */
async function dispenseSome(f: StaffFixture) {
  f.value(await f.handlers.testDispense({ position: 2, notes: 3 }));
  f.dispenser.injectFault({ kind: 'jam_before_present', pickedNotes: 1 });
  f.value(await f.handlers.testDispense({ position: 1, notes: 2 }));
  f.value(await f.handlers.resetDevice({ device: 'dispenser' }));
  f.dispenser.injectFault({ kind: 'not_taken' });
  f.value(await f.handlers.testDispense({ position: 3, notes: 2 }));
}

const receiptsDir = (f: StaffFixture) => join(f.dataDir, STAFF_REPORTS_DIR);

describe('Cassette Total prints its report', () => {
  it('saves the report as a PDF in the receipts folder after recording the counters, and journals the print', async () => {
    fixture = await createStaffFixture();
    const f = fixture;
    await f.loginAs(OPERATOR);
    await dispenseSome(f);

    const total = f.value(await f.handlers.cassetteTotal({}));
    expect(total.printout).toEqual({
      kind: 'saved',
      fileName: expect.stringMatching(/^cassette-total-KTEST01-.*\.pdf$/),
    });
    if (total.printout.kind !== 'saved') throw new Error('not saved');

    // The counters were recorded and reset whatever the printer did.
    expect(f.cassettes.totalValueMinor('EUR')).toBe(0);
    expect(f.snapshots.at(-1)?.replenishment).toEqual({ cycleId: total.cycleId, state: 'totalled' });

    const expected = layoutCassetteReport(report({ staffId: OPERATOR.staffId, at: total.at, cycleId: total.cycleId }));
    const printed = await pdfTextLines(await readFile(join(receiptsDir(f), total.printout.fileName)));
    expect(printed).toEqual(texts(expected).filter((text) => text.trim() !== ''));
    expectNoCustomerData(printed);

    const [recorded] = f.journal.query({ kind: 'staff.cassette_total', limit: 5 });
    const [print] = f.journal.query({ kind: 'receipt.printed', limit: 5 });
    expect(print).toMatchObject({
      staffId: OPERATOR.staffId,
      data: {
        report: 'cassette_total',
        cycle: total.cycleId,
        delivery: 'saved',
        file: total.printout.fileName,
        reason: null,
      },
    });
    // The print is journalled after the total it reports on.
    expect(print?.seq ?? 0).toBeGreaterThan(recorded?.seq ?? Number.POSITIVE_INFINITY);
    expect(f.journal.verify()).toMatchObject({ ok: true });
  });

  it('returns a printer fault as a warning, journals it, and keeps the total recorded', async () => {
    fixture = await createStaffFixture();
    const f = fixture;
    await f.loginAs(OPERATOR);
    // A file where the receipts folder should be: the PDF printer cannot save anything.
    await writeFile(receiptsDir(f), 'not a folder');

    const total = f.value(await f.handlers.cassetteTotal({}));
    expect(total.printout).toEqual({ kind: 'failed', reason: 'receipt folder not writable' });
    expect(total.cashAccountMinor).toBe(3_000_000);
    expect(f.cassettes.totalValueMinor('EUR')).toBe(0);
    expect(f.db.prepare('SELECT id, state FROM replenishment_cycles').all()).toEqual([
      { id: total.cycleId, state: 'totalled' },
    ]);
    expect(f.journal.query({ kind: 'receipt.printed', limit: 5 })[0]).toMatchObject({
      staffId: OPERATOR.staffId,
      data: { report: 'cassette_total', delivery: 'failed', reason: 'receipt folder not writable', file: null },
    });
    expect(f.logger.lines.some((entry) => entry.includes('staff report not printed'))).toBe(true);

    // The replenishment goes on to the count.
    const counted = f.value(
      await f.handlers.enterCounts({
        cassettes: [
          { position: 1, notes: 500, rejects: 0 },
          { position: 2, notes: 500, rejects: 0 },
          { position: 3, notes: 300, rejects: 0 },
        ],
        retractBin: [],
        confirmer: null,
      }),
    );
    expect(counted.varianceMinor).toBe(0);
  });
});

describe('Trial Cassette Total prints its report', () => {
  it('prints the counters as they stand, marked as a trial, and changes nothing', async () => {
    fixture = await createStaffFixture();
    const f = fixture;
    await f.loginAs(OPERATOR);
    await dispenseSome(f);
    const before = f.cassettes.list();

    const trial = f.value(await f.handlers.trialCassetteTotal({}));
    expect(trial).toMatchObject({ matches: true, closedCycleId: null, printout: { kind: 'saved' } });
    if (trial.printout.kind !== 'saved') throw new Error('not saved');
    expect(f.cassettes.list()).toEqual(before);

    const printed = await pdfTextLines(await readFile(join(receiptsDir(f), trial.printout.fileName)));
    const expected = layoutCassetteReport(
      report({ kind: 'trial_cassette_total', staffId: OPERATOR.staffId, at: trial.at, cycleId: null }),
    );
    expect(printed).toEqual(texts(expected).filter((text) => text.trim() !== ''));
    expect(printed.map((text) => text.trim())).toContain(TRIAL_NOTICE);
    expectNoCustomerData(printed);
    expect(f.journal.query({ kind: 'receipt.printed', limit: 5 })[0]).toMatchObject({
      staffId: OPERATOR.staffId,
      data: { report: 'trial_cassette_total', cycle: null, delivery: 'saved' },
    });
  });

  it('names the cycle it closes after a replenishment, the counters starting from the new load', async () => {
    fixture = await createStaffFixture();
    const f = fixture;
    await f.loginAs(OPERATOR);
    const total = f.value(await f.handlers.cassetteTotal({}));
    f.value(
      await f.handlers.enterCounts({
        cassettes: [
          { position: 1, notes: 500, rejects: 0 },
          { position: 2, notes: 500, rejects: 0 },
          { position: 3, notes: 300, rejects: 0 },
        ],
        retractBin: [],
        confirmer: null,
      }),
    );
    f.value(
      await f.handlers.addCash({
        cassettes: [
          { position: 1, denominationMinor: 1_000, notes: 600 },
          { position: 2, denominationMinor: 2_000, notes: 400 },
          { position: 3, denominationMinor: 5_000, notes: 200 },
        ],
        confirmer: null,
      }),
    );
    const trial = f.value(await f.handlers.trialCassetteTotal({}));
    expect(trial.closedCycleId).toBe(total.cycleId);
    if (trial.printout.kind !== 'saved') throw new Error('not saved');
    const printed = await pdfTextLines(await readFile(join(receiptsDir(f), trial.printout.fileName)));
    expect(printed).toEqual(expect.arrayContaining([...line('Replenishment', `#${total.cycleId}`)]));
    const start = printed.indexOf(line('CASSETTE 1', '€10.00')[0] ?? '');
    expect(printed.slice(start + 1, start + 5)).toEqual([
      ...item('Loaded', '600'),
      ...item('Dispensed', '0'),
      ...item('Rejected', '0'),
      ...item('Remaining', '600'),
    ]);
  });
});

describe('the day total report', () => {
  const day = (overrides: Partial<DayTotalReport> = {}): DayTotalReport => ({
    kind: 'day_total',
    kioskId: 'KTEST01',
    staffId: 'operator1',
    at: AT,
    currency: 'EUR',
    periodFrom: '2026-11-23T09:00:00.000Z',
    periodTo: AT,
    kiosk: {
      withdrawals: { count: 3, amountMinor: 18_000 },
      deposits: { count: 1, amountMinor: 5_000 },
      transfers: { count: 2, amountMinor: 40_000 },
      feesMinor: 50,
    },
    bank: { withdrawals: { count: 3, amountMinor: 18_000 }, deposits: { count: 1, amountMinor: 5_000 } },
    varianceMinor: 0,
    flagged: false,
    ...overrides,
  });

  it('prints both sides of the period, the variance and PERIOD CLOSED, within 42 columns', () => {
    const document = layoutDayTotalReport(day());
    const lines = texts(document);
    for (const text of lines) expect(width(text), text).toBeLessThanOrEqual(RECEIPT_COLUMNS);
    expect(lines[1]?.trim()).toBe('DAY TOTAL');
    expect(lines).toEqual(
      expect.arrayContaining([
        ...line('Kiosk', 'KTEST01'),
        ...line('Staff', 'operator1'),
        ...item('Withdrawals (3)', '€180.00'),
        ...item('Deposits (1)', '€50.00'),
        ...item('Transfers (2)', '€400.00'),
        ...item('Fees', '€0.50'),
        ...item('Net cash out', '€130.00'),
        ...line('Variance (kiosk - bank)', '€0.00'),
      ]),
    );
    // The kiosk's and the bank's withdrawals both print.
    expect(lines.filter((text) => text === item('Withdrawals (3)', '€180.00')[0])).toHaveLength(2);
    expect(lines.at(-1)?.trim()).toBe(DAY_CLOSED_NOTICE);
    expect(lines.join('\n')).not.toContain(VARIANCE_FLAG);
    expect(document.fileStem).toBe('day-total-KTEST01-20261124-090000');
  });

  it('flags a variance, says where a trial would book it, and prints N/A without bank totals', () => {
    const trial = texts(
      layoutDayTotalReport(day({ kind: 'trial_day_total', varianceMinor: -2_000, flagged: true })),
    );
    expect(trial[1]?.trim()).toBe('TRIAL DAY TOTAL');
    expect(trial.filter((text) => text.trim() === DAY_TRIAL_NOTICE)).toHaveLength(2);
    expect(trial.join('\n')).not.toContain(DAY_CLOSED_NOTICE);
    expect(trial).toEqual(
      expect.arrayContaining([
        ...line('Variance (kiosk - bank)', '-€20.00'),
        centred(VARIANCE_FLAG),
        ...line('Would book to', 'overs/unders'),
      ]),
    );
    const over = texts(layoutDayTotalReport(day({ varianceMinor: 1_000, flagged: true })));
    expect(over).toEqual(expect.arrayContaining([...line('Variance (kiosk - bank)', '+€10.00'), ...line('Booked to', 'overs/unders')]));

    const standalone = texts(layoutDayTotalReport(day({ bank: null, varianceMinor: null })));
    expect(standalone).toEqual(
      expect.arrayContaining([...item('Totals', 'NOT AVAILABLE'), ...line('Variance (kiosk - bank)', 'N/A')]),
    );
    for (const text of [...trial, ...over, ...standalone]) expect(width(text), text).toBeLessThanOrEqual(RECEIPT_COLUMNS);
  });
});

describe('Day Total and Trial Day Total print their report', () => {
  it('saves the figures on screen as a PDF after the total is taken, journals the print, and a fault never undoes it', async () => {
    fixture = await createStaffFixture({
      bankTotals: async () => ({
        withdrawals: { count: 0, amountMinor: 0 },
        deposits: { count: 0, amountMinor: 1_000 },
      }),
    });
    const f = fixture;
    await f.loginAs(OPERATOR);

    const trial = f.value(await f.handlers.trialDayTotal({}));
    expect(trial.printout).toEqual({ kind: 'saved', fileName: expect.stringMatching(/^trial-day-total-KTEST01-.*\.pdf$/) });
    if (trial.printout.kind !== 'saved') throw new Error('not saved');
    const { printout: _printout, ...figures } = trial;
    const expected = layoutDayTotalReport({
      ...figures,
      kind: 'trial_day_total',
      kioskId: 'KTEST01',
      staffId: OPERATOR.staffId,
      at: trial.periodTo,
    });
    const printed = await pdfTextLines(await readFile(join(receiptsDir(f), trial.printout.fileName)));
    expect(printed).toEqual(texts(expected).filter((text) => text.trim() !== ''));
    expect(printed).toContain(centred(VARIANCE_FLAG));
    expectNoCustomerData(printed);
    expect(f.journal.query({ kind: 'receipt.printed', limit: 5 })[0]).toMatchObject({
      staffId: OPERATOR.staffId,
      data: { report: 'trial_day_total', cycle: null, delivery: 'saved', file: trial.printout.fileName },
    });

    // The printer cannot save: the Day Total still closes the period and books the variance.
    await rm(receiptsDir(f), { recursive: true });
    await writeFile(receiptsDir(f), 'not a folder');
    const closed = f.value(await f.handlers.dayTotal({}));
    expect(closed).toMatchObject({ closed: true, flagged: true, varianceMinor: 1_000 });
    expect(closed.printout).toEqual({ kind: 'failed', reason: 'receipt folder not writable' });
    expect(f.db.prepare('SELECT count(*) AS n FROM day_totals').get()).toEqual({ n: 1 });
    expect(f.journal.query({ kind: 'receipt.printed', newestFirst: true, limit: 5 })[0]).toMatchObject({
      data: { report: 'day_total', delivery: 'failed', reason: 'receipt folder not writable', file: null },
    });
    expect(f.journal.verify()).toMatchObject({ ok: true });
  });
});

describe('printing with a deadline', () => {
  const document = layoutCassetteReport(report());

  it('turns a printer that never answers into a timeout once the deadline passes', async () => {
    const clock = createFakeClock();
    const hanging: ReceiptPrinter = { print: () => new Promise(() => undefined) };
    const outcome = printWithDeadline(hanging, document, { clock, timeoutMs: STAFF_REPORT_PRINT_TIMEOUT_MS });
    clock.advance(STAFF_REPORT_PRINT_TIMEOUT_MS);
    await expect(outcome).resolves.toEqual({ kind: 'failed', reason: 'printer timed out' });
  });

  it('turns a printer that throws into a failure, and bounds and fills in reasons', async () => {
    const clock = createFakeClock();
    const options = { clock, timeoutMs: 1_000 };
    const throwing: ReceiptPrinter = {
      print: () => {
        throw new Error('driver exploded at /dev/usb/lp0');
      },
    };
    await expect(printWithDeadline(throwing, document, options)).resolves.toEqual({
      kind: 'failed',
      reason: 'printer error',
    });
    const wordy: ReceiptPrinter = { print: async () => ({ kind: 'failed', reason: 'x'.repeat(1_000) }) };
    expect(await printWithDeadline(wordy, document, options)).toEqual({
      kind: 'failed',
      reason: 'x'.repeat(PRINT_REASON_LENGTH_MAX),
    });
    const silent: ReceiptPrinter = { print: async () => ({ kind: 'failed', reason: '' }) };
    expect(await printWithDeadline(silent, document, options)).toEqual({ kind: 'failed', reason: 'print failed' });
    const fine: ReceiptPrinter = { print: async () => ({ kind: 'printed' }) };
    expect(await printWithDeadline(fine, document, options)).toEqual({ kind: 'printed' });
  });
});
