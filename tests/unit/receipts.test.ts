// Receipts from layout to paper: the lines a customer holds (every transaction kind and language, 42 columns, never a
// card number), the PDF saved when there is no printer (real files in temp dirs), the inert HTML page Chromium prints,
// and the Electron printer against the recording fake `electron` module (silent print, printToPDF, failure, hang).
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ElectronReceiptPrinterOptions,
  PRINT_PENDING_MAX,
  PRINT_TIMEOUT_MS,
  createElectronReceiptPrinter,
} from '../../electron/receipt-printer.ts';
import {
  RECEIPT_FILES_MAX,
  createPdfFileReceiptPrinter,
  saveReceiptFile,
} from '../../electron/receipts/pdf-file-printer.ts';
import { RECEIPT_HTML_CSP, renderReceiptHtml } from '../../electron/receipts/receipt-html.ts';
import { RECEIPT_COLUMNS, type ReceiptDocument, layoutReceipt } from '../../electron/receipts/receipt-layout.ts';
import { RECEIPT_PAGE_WIDTH_PT, renderReceiptPdf, toWinAnsi } from '../../electron/receipts/receipt-pdf.ts';
import type { Receipt, TransactionKind } from '../../shared/ipc/index.ts';
import { LANGUAGES, LOCALE_OF, type LanguageCode } from '../../shared/languages.ts';
import { formatMinor } from '../../shared/money.ts';
import type { BrowserWindowConstructor } from '../../electron/window.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import * as fake from './fakes/fake-electron.ts';

vi.mock('electron', async () => (await import('./fakes/fake-electron.ts')).fakeElectronModule);

const CREATED_AT_MS = Date.UTC(2026, 10, 24, 9, 30, 5);
const fixedNow = () => CREATED_AT_MS;

const KINDS: readonly TransactionKind[] = [
  'withdrawal',
  'deposit',
  'transfer',
  'balance',
  'mini_statement',
  'pin_change',
];

const HEADINGS: Readonly<Record<LanguageCode, Readonly<Record<TransactionKind, string>>>> = {
  en: {
    withdrawal: 'CASH WITHDRAWAL',
    deposit: 'CASH DEPOSIT',
    transfer: 'TRANSFER',
    balance: 'BALANCE INQUIRY',
    mini_statement: 'MINI STATEMENT',
    pin_change: 'PIN CHANGE',
  },
  es: {
    withdrawal: 'RETIRADA DE EFECTIVO',
    deposit: 'INGRESO DE EFECTIVO',
    transfer: 'TRANSFERENCIA',
    balance: 'CONSULTA DE SALDO',
    mini_statement: 'ÚLTIMOS MOVIMIENTOS',
    pin_change: 'CAMBIO DE PIN',
  },
  fr: {
    withdrawal: 'RETRAIT D’ESPÈCES',
    deposit: 'DÉPÔT D’ESPÈCES',
    transfer: 'VIREMENT',
    balance: 'CONSULTATION DE SOLDE',
    mini_statement: 'DERNIÈRES OPÉRATIONS',
    pin_change: 'CHANGEMENT DE CODE',
  },
};

const MONEY_KINDS: ReadonlySet<TransactionKind> = new Set(['withdrawal', 'deposit', 'transfer']);

/** A receipt as the teller produces one; money kinds move 1 234,56 € (a thousands separator in every locale). */
function receiptFor(transaction: TransactionKind, overrides: Partial<Receipt> = {}): Receipt {
  const movesMoney = MONEY_KINDS.has(transaction);
  return {
    kioskId: 'KIOSK-0042',
    stan: '004217',
    rrn: '633109004217',
    at: '2026-11-24T09:30:05.000Z',
    transaction,
    maskedPan: '•••• 4242',
    accountLabel: transaction === 'pin_change' ? null : 'Current •••• 9876',
    requestedMinor: movesMoney ? 123_456 : 0,
    completedMinor: movesMoney ? 123_456 : 0,
    feeMinor: transaction === 'transfer' ? 150 : 0,
    currency: 'EUR',
    availableMinor: transaction === 'pin_change' ? null : 9_876_543,
    outcome: 'completed',
    code: null,
    ...overrides,
  };
}

function document(overrides: Partial<ReceiptDocument> = {}): ReceiptDocument {
  return { ...layoutReceipt(receiptFor('withdrawal'), 'en'), ...overrides };
}

const WIN_ANSI_HIGH: Readonly<Record<number, string>> = { 0x80: '€', 0x92: '’', 0x95: '•' };

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

let workDir: string;

beforeEach(async () => {
  fake.resetFakeElectron();
  workDir = await mkdtemp(join(tmpdir(), 'atm-receipts-'));
});

afterEach(async () => {
  await chmod(workDir, 0o700).catch(() => undefined);
  await rm(workDir, { recursive: true, force: true });
});

describe('receipt layout', () => {
  for (const language of LANGUAGES) {
    for (const kind of KINDS) {
      it(`${kind} in ${language}: identifies the kiosk, card and trace, says what was done, fits 42 columns`, () => {
        // Arrange
        const receipt = receiptFor(kind);
        const locale = LOCALE_OF[language];
        const money = (minor: number) => formatMinor(minor, 'EUR', locale);

        // Act
        const { lines, fileStem, language: documentLanguage } = layoutReceipt(receipt, language);
        const texts = lines.map((line) => line.text);
        const all = texts.join('\n');

        // Assert
        expect(documentLanguage).toBe(language);
        expect(fileStem).toBe('receipt-KIOSK-0042-20261124-004217');
        for (const text of texts) expect([...text].length).toBeLessThanOrEqual(RECEIPT_COLUMNS);
        expect(all).toContain('KIOSK-0042');
        expect(all).toContain('•••• 4242');
        expect(all).toMatch(/STAN +004217/);
        expect(all).toMatch(/RRN +633109004217/);
        const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(
          new Date(receipt.at),
        );
        expect(texts).toContain(when);
        expect(lines.find((line) => line.text === HEADINGS[language][kind])?.emphasis).toBe(true);
        if (MONEY_KINDS.has(kind)) {
          expect(texts.filter((text) => text.endsWith(money(123_456)))).toHaveLength(2);
        } else {
          expect(all).not.toContain(money(123_456));
        }
        if (kind === 'transfer') expect(all).toContain(money(150));
        if (receipt.availableMinor !== null) expect(all).toContain(money(receipt.availableMinor));
        else expect(all).not.toContain(money(9_876_543));
      });
    }
  }

  it('never carries a card number: the only long digit run is the 12-digit RRN', () => {
    for (const language of LANGUAGES) {
      for (const kind of KINDS) {
        const all = layoutReceipt(receiptFor(kind), language)
          .lines.map((line) => line.text)
          .join('\n');
        const runs = all.match(/\d+/g) ?? [];
        expect(runs.filter((run) => run.length >= 13)).toEqual([]);
        expect(runs.filter((run) => run.length === 12)).toEqual(['633109004217']);
      }
    }
  });

  it('puts a value too long for its line on a line of its own, right-aligned, and names the reason for a decline', () => {
    const receipt = receiptFor('withdrawal', {
      accountLabel: 'A'.repeat(40),
      outcome: 'declined',
      code: 'INSUFFICIENT_FUNDS',
    });
    const { lines } = layoutReceipt(receipt, 'es');
    const texts = lines.map((line) => line.text);
    expect(texts).toContain(`  ${'A'.repeat(40)}`);
    expect(texts.some((text) => /^Motivo +INSUFFICIENT_FUNDS$/.test(text))).toBe(true);
    expect(texts.some((text) => /^Estado +Denegada$/.test(text))).toBe(true);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(RECEIPT_COLUMNS);
  });
});

describe('receipt PDF', () => {
  it('is one page of an 80 mm roll, fitted to the lines, titled with the file stem', async () => {
    const receipt = document();
    const bytes = await renderReceiptPdf(receipt, { now: fixedNow });

    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect(width).toBeCloseTo(226.77, 2);
    expect(RECEIPT_PAGE_WIDTH_PT).toBeCloseTo(226.77, 2);
    // 4 mm margins top and bottom, 9.6 pt per line plus one spare.
    expect(height).toBeCloseTo(2 * 11.339 + (receipt.lines.length + 1) * 9.6, 1);
    expect(pdf.getTitle()).toBe(receipt.fileStem);
    expect(pdf.getProducer()).toBe('ATM Kiosk');
    expect(pdf.getCreationDate()?.getTime()).toBe(CREATED_AT_MS);
  });

  it('draws every non-blank line as laid out', async () => {
    const receipt = document();
    const drawn = await pdfTextLines(await renderReceiptPdf(receipt, { now: fixedNow }));
    expect(drawn).toEqual(receipt.lines.map((line) => line.text).filter((text) => text.trim() !== ''));
  });

  it('renders French and Spanish (narrow no-break spaces, ’, accents, €, •) with the WinAnsi substitutions', async () => {
    const french = layoutReceipt(receiptFor('withdrawal'), 'fr');
    expect(french.lines.some((line) => line.text.includes('\u202f'))).toBe(true);
    const drawn = await pdfTextLines(await renderReceiptPdf(french, { now: fixedNow }));
    expect(drawn).toContain("RETRAIT D'ESPÈCES");
    expect(drawn.some((text) => text.endsWith('1 234,56 €'))).toBe(true);
    expect(drawn.some((text) => text.endsWith('•••• 4242'))).toBe(true);

    const spanish = layoutReceipt(receiptFor('mini_statement'), 'es');
    expect(await pdfTextLines(await renderReceiptPdf(spanish, { now: fixedNow }))).toContain('ÚLTIMOS MOVIMIENTOS');
  });

  it('maps what WinAnsi cannot encode: spaces and apostrophes to ASCII, anything else to ?', async () => {
    const pdf = await PDFDocument.create();
    const courier = await pdf.embedFont('Courier');
    const encodable = new Set(courier.getCharacterSet());
    expect(toWinAnsi('1\u202f234,56\u00a0€', encodable)).toBe('1 234,56 €');
    expect(toWinAnsi('D’ESPÈCES •••• 4242', encodable)).toBe("D'ESPÈCES •••• 4242");
    expect(toWinAnsi('日本 🏧 ok', encodable)).toBe('?? ? ok');
    // A decomposed accent is composed first, so it prints as the letter and not as '?'.
    expect(toWinAnsi('E\u0301', encodable)).toBe('É');
    await expect(renderReceiptPdf(document({ lines: [{ text: '日本 🏧 ok' }] }))).resolves.toBeInstanceOf(Uint8Array);
  });

  it('is byte-for-byte the same for the same document and clock', async () => {
    const receipt = layoutReceipt(receiptFor('deposit'), 'fr');
    const first = await renderReceiptPdf(receipt, { now: fixedNow });
    const second = await renderReceiptPdf(receipt, { now: fixedNow });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });
});

describe('PDF file printer', () => {
  it('saves <stem>.pdf (0600, in a 0700 folder it creates) and leaves nothing else behind', async () => {
    const dir = join(workDir, 'receipts');
    const receipt = document();

    const outcome = await createPdfFileReceiptPrinter(dir, { now: fixedNow }).print(receipt);

    expect(outcome).toEqual({ kind: 'saved', fileName: `${receipt.fileStem}.pdf` });
    expect(await readdir(dir)).toEqual([`${receipt.fileStem}.pdf`]);
    const saved = await readFile(join(dir, `${receipt.fileStem}.pdf`));
    expect((await PDFDocument.load(saved)).getTitle()).toBe(receipt.fileStem);
    if (process.platform !== 'win32') {
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect((await stat(join(dir, `${receipt.fileStem}.pdf`))).mode & 0o777).toBe(0o600);
    }
  });

  it('never overwrites a receipt: a second print of the same document gets -2, a third -3', async () => {
    const printer = createPdfFileReceiptPrinter(workDir, { now: fixedNow });
    const receipt = document();
    const first = await printer.print(receipt);
    const firstBytes = await readFile(join(workDir, `${receipt.fileStem}.pdf`));

    const later = await Promise.all([printer.print(receipt), printer.print(receipt)]);

    expect(first).toEqual({ kind: 'saved', fileName: `${receipt.fileStem}.pdf` });
    expect(later.map((outcome) => (outcome.kind === 'saved' ? outcome.fileName : outcome.kind)).sort()).toEqual([
      `${receipt.fileStem}-2.pdf`,
      `${receipt.fileStem}-3.pdf`,
    ]);
    expect((await readFile(join(workDir, `${receipt.fileStem}.pdf`))).equals(firstBytes)).toBe(true);
    expect((await readdir(workDir)).sort()).toEqual([
      `${receipt.fileStem}-2.pdf`,
      `${receipt.fileStem}-3.pdf`,
      `${receipt.fileStem}.pdf`,
    ]);
  });

  it('ignores what a crash mid-write left behind: a stray temp file is never taken for a receipt', async () => {
    const receipt = document();
    await writeFile(join(workDir, `.${receipt.fileStem}.00000000-0000-0000-0000-000000000000.tmp`), '%PDF-1.7 half');

    const outcome = await createPdfFileReceiptPrinter(workDir, { now: fixedNow }).print(receipt);

    expect(outcome).toEqual({ kind: 'saved', fileName: `${receipt.fileStem}.pdf` });
  });

  it('refuses once the folder holds its limit of files (10 000 unless lowered, as here, to keep the test fast)', async () => {
    expect(RECEIPT_FILES_MAX).toBe(10_000);
    const printer = createPdfFileReceiptPrinter(workDir, { filesMax: 3, now: fixedNow });
    await writeFile(join(workDir, 'not-a-receipt.txt'), '');
    const saved = [await printer.print(document()), await printer.print(document())];

    const outcome = await printer.print(document());

    expect(saved.map((result) => result.kind)).toEqual(['saved', 'saved']);
    expect(outcome).toEqual({ kind: 'failed', reason: 'receipt folder full' });
    expect(await readdir(workDir)).toHaveLength(3);
  });

  it('fails with a short reason, and no path, when the folder cannot be written', async () => {
    const notAFolder = join(workDir, 'occupied');
    await writeFile(notAFolder, 'a file where the folder should be');

    const outcome = await createPdfFileReceiptPrinter(join(notAFolder, 'receipts')).print(document());

    expect(outcome).toEqual({ kind: 'failed', reason: 'receipt folder not writable' });
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('fails on a read-only folder', async () => {
    await chmod(workDir, 0o500);

    const outcome = await createPdfFileReceiptPrinter(workDir).print(document());

    expect(outcome).toEqual({ kind: 'failed', reason: 'receipt folder not writable' });
  });

  it('refuses a file stem that could leave the folder', async () => {
    await expect(saveReceiptFile(join(workDir, 'receipts'), '../escape', new Uint8Array([1]))).rejects.toThrow(
      'invalid receipt name',
    );
    const outcome = await createPdfFileReceiptPrinter(join(workDir, 'receipts')).print(
      document({ fileStem: '../../escape' }),
    );
    expect(outcome).toEqual({ kind: 'failed', reason: 'invalid receipt name' });
    // Refused before anything touches the disk.
    expect(await readdir(workDir)).toEqual([]);
  });
});

describe('receipt HTML', () => {
  it('is an inert page: escaped text, a CSP without scripts, the customer’s language, an 80 mm page', () => {
    const html = renderReceiptHtml(
      document({
        lines: [{ text: 'ATM KIOSK', emphasis: true }, { text: '<script>alert("x")</script> & <img src=x onerror=y>' }],
        fileStem: 'receipt-</title><script>',
        language: 'fr',
      }),
    );

    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${RECEIPT_HTML_CSP.replaceAll("'", '&#39;')}">`,
    );
    expect(RECEIPT_HTML_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(html).not.toContain('script-src');
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    // Two lines: 4 mm margins top and bottom plus three 9.6 pt lines (one spare).
    expect(html).toContain(`@page { size: 80mm ${(8 + (3 * 9.6 * 25.4) / 72).toFixed(2)}mm; margin: 4mm; }`);
    expect(html).toContain('white-space: pre;');
    expect(html).toContain('monospace');
    expect(html).toContain('<b>ATM KIOSK</b>');
  });
});

describe('Electron receipt printer', () => {
  const electronPrinter = (options: Omit<ElectronReceiptPrinterOptions, 'BrowserWindow'>) =>
    createElectronReceiptPrinter({
      ...options,
      BrowserWindow: fake.FakeBrowserWindow as unknown as BrowserWindowConstructor,
    });
  const onlyWindow = () => {
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    const [window] = fake.FakeBrowserWindow.instances;
    if (!window) throw new Error('no window');
    return window;
  };
  const failingFallback = { print: vi.fn(async () => ({ kind: 'failed' as const, reason: 'not expected' })) };

  it('prints silently to the named printer in a hidden, sandboxed, script-less window, then destroys it', async () => {
    const printer = electronPrinter({ printerName: 'EPSON TM-T88VI', receiptsDir: workDir, fallback: failingFallback });
    const receipt = document();

    const outcome = await printer.print(receipt);

    expect(outcome).toEqual({ kind: 'printed' });
    const window = onlyWindow();
    expect(window.options).toEqual({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
      },
    });
    expect(window.loadedUrl?.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(window.loadedUrl?.slice('data:text/html;charset=utf-8,'.length) ?? '')).toBe(
      renderReceiptHtml(receipt),
    );
    expect(window.webContents.printCalls).toEqual([
      {
        silent: true,
        deviceName: 'EPSON TM-T88VI',
        printBackground: false,
        margins: { marginType: 'none' },
        pageSize: { width: 80_000, height: expect.any(Number) },
      },
    ]);
    const { pageSize } = window.webContents.printCalls[0] as { pageSize: { height: number } };
    expect(pageSize.height).toBeGreaterThan(receipt.lines.length * 9.6 * 352.7);
    expect(pageSize.height).toBeLessThan((receipt.lines.length + 4) * 9.6 * 352.8 + 8000);
    expect(window.destroyed).toBe(true);
    expect(failingFallback.print).not.toHaveBeenCalled();
  });

  it('reports a failed print with Chromium’s reason, and still destroys the window', async () => {
    fake.printerState.print = 'fail';
    fake.printerState.failureReason = 'Invalid deviceName provided';
    const printer = electronPrinter({ printerName: 'gone', receiptsDir: workDir, fallback: failingFallback });

    const outcome = await printer.print(document());

    expect(outcome).toEqual({ kind: 'failed', reason: 'Invalid deviceName provided' });
    expect(onlyWindow().destroyed).toBe(true);
  });

  it('gives up on a printer that never answers after the timeout, and prints the next receipt', async () => {
    fake.printerState.print = 'hang';
    const clock = createFakeClock();
    const printer = electronPrinter({ printerName: 'stuck', receiptsDir: workDir, fallback: failingFallback, clock });

    const hung = printer.print(document());
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.instances[0]?.webContents.printCalls).toHaveLength(1));
    clock.advance(PRINT_TIMEOUT_MS - 1);
    expect(fake.FakeBrowserWindow.instances[0]?.destroyed).toBe(false);
    clock.advance(1);

    expect(await hung).toEqual({ kind: 'failed', reason: 'printer timed out' });
    expect(onlyWindow().destroyed).toBe(true);
    fake.printerState.print = 'succeed';
    expect(await printer.print(document())).toEqual({ kind: 'printed' });
  });

  it('prints one receipt at a time and refuses more than the queue holds', async () => {
    fake.printerState.print = 'hang';
    const clock = createFakeClock();
    const printer = electronPrinter({ printerName: 'slow', receiptsDir: workDir, fallback: failingFallback, clock });

    const first = printer.print(document());
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.instances).toHaveLength(1));
    const queued = Array.from({ length: PRINT_PENDING_MAX }, () => printer.print(document()));
    const refused = await printer.print(document());
    fake.printerState.print = 'succeed';
    clock.advance(PRINT_TIMEOUT_MS);

    expect(refused).toEqual({ kind: 'failed', reason: 'printer busy' });
    expect(await first).toEqual({ kind: 'failed', reason: 'printer timed out' });
    expect(await Promise.all(queued)).toEqual(Array.from({ length: PRINT_PENDING_MAX }, () => ({ kind: 'printed' })));
    // Each window was gone before the next was made: the fake records them in creation order.
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1 + PRINT_PENDING_MAX);
    expect(fake.FakeBrowserWindow.instances.every((window) => window.destroyed)).toBe(true);
  });

  it('without a printer, saves Chromium’s PDF (printToPDF, 80 mm wide) into the receipts folder', async () => {
    const dir = join(workDir, 'receipts');
    const printer = electronPrinter({ printerName: null, receiptsDir: dir, fallback: failingFallback });
    const receipt = document();

    const outcome = await printer.print(receipt);

    expect(outcome).toEqual({ kind: 'saved', fileName: `${receipt.fileStem}.pdf` });
    expect(await readFile(join(dir, `${receipt.fileStem}.pdf`))).toEqual(Buffer.from(fake.printerState.pdfBytes));
    const window = onlyWindow();
    expect(window.webContents.printCalls).toEqual([]);
    expect(window.webContents.printToPdfCalls).toEqual([
      expect.objectContaining({
        pageSize: { width: expect.closeTo(3.15, 2), height: expect.any(Number) },
        printBackground: false,
      }),
    ]);
    expect(window.destroyed).toBe(true);
    expect(await printer.print(receipt)).toEqual({ kind: 'saved', fileName: `${receipt.fileStem}-2.pdf` });
  });

  it('falls back to the pdf-lib receipt when Chromium cannot make the PDF', async () => {
    fake.printerState.printToPdf = 'fail';
    const dir = join(workDir, 'receipts');
    const printer = electronPrinter({
      printerName: null,
      receiptsDir: dir,
      fallback: createPdfFileReceiptPrinter(dir, { now: fixedNow }),
    });
    const receipt = document();

    const outcome = await printer.print(receipt);

    expect(outcome).toEqual({ kind: 'saved', fileName: `${receipt.fileStem}.pdf` });
    const saved = await PDFDocument.load(await readFile(join(dir, `${receipt.fileStem}.pdf`)), {
      updateMetadata: false,
    });
    expect(saved.getProducer()).toBe('ATM Kiosk');
    expect(onlyWindow().destroyed).toBe(true);
  });

  it('uses BrowserWindow from the electron module when none is passed', async () => {
    const printer = createElectronReceiptPrinter({
      printerName: 'EPSON',
      receiptsDir: workDir,
      fallback: failingFallback,
    });
    expect(await printer.print(document())).toEqual({ kind: 'printed' });
    expect(onlyWindow()).toBeInstanceOf(fake.FakeBrowserWindow);
  });
});
