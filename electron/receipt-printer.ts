// The receipt printer on the Electron shell: Chromium prints the receipt page silently to the configured printer,
// or saves it as a PDF (printToPDF) into the receipts folder when none is configured. Each receipt gets its own hidden,
// sandboxed, script-less window that is always destroyed; one print runs at a time and every print has a deadline.
import type { BrowserWindow, WebContents } from 'electron';
import { type Clock, systemClock } from './core/kiosk-core-types.ts';
import type { PrintOutcome, ReceiptPrinter } from './devices/receipt-printer.ts';
import { saveFailureReason, saveReceiptFile } from './receipts/pdf-file-printer.ts';
import {
  RECEIPT_LINES_MAX,
  RECEIPT_PAGE_WIDTH_MM,
  receiptPageHeightMm,
  renderReceiptHtml,
} from './receipts/receipt-html.ts';
import type { ReceiptDocument } from './receipts/receipt-layout.ts';
import type { BrowserWindowConstructor } from './window.ts';

/** A printer that never answers (driver hung, spooler stuck) must not hold the customer's session. */
export const PRINT_TIMEOUT_MS = 15_000;
/** Receipts waiting behind the one printing; more than this means the printer is not keeping up. */
export const PRINT_PENDING_MAX = 4;

const MICRONS_PER_MM = 1000;
const MM_PER_INCH = 25.4;

/** Hidden, sandboxed and with JavaScript off: the page is inert text and stays that way. */
export const RECEIPT_WINDOW_OPTIONS = {
  show: false,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    javascript: false,
    webSecurity: true,
  },
} as const;

export type ElectronReceiptPrinterOptions = {
  /** The OS printer's name; null saves receipts as PDFs in `receiptsDir` instead. */
  readonly printerName: string | null;
  /** Where saved receipts go when no printer is configured (the data dir's receipts folder). */
  readonly receiptsDir: string;
  /** Used when Chromium cannot produce the PDF (no printer configured only): renders the same lines with pdf-lib. */
  readonly fallback: ReceiptPrinter;
  /** Electron's BrowserWindow; loaded from `electron` on first use when not given (tests pass a fake). */
  readonly BrowserWindow?: BrowserWindowConstructor;
  readonly clock?: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  readonly timeoutMs?: number;
  readonly pendingMax?: number;
  /** Bounds the receipts folder like the PDF file printer does (RECEIPT_FILES_MAX by default). */
  readonly filesMax?: number;
};

/** Why a print stopped; each maps to the short reason the customer's screen and the journal get. */
class PrintStop extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

function printSilently(contents: WebContents, printerName: string, heightMm: number): Promise<PrintOutcome> {
  return new Promise((resolve) => {
    contents.print(
      {
        silent: true,
        deviceName: printerName,
        printBackground: false,
        margins: { marginType: 'none' },
        pageSize: { width: RECEIPT_PAGE_WIDTH_MM * MICRONS_PER_MM, height: Math.ceil(heightMm * MICRONS_PER_MM) },
      },
      (success, failureReason) => {
        // failureReason is Chromium's short text ("Print job canceled", "Invalid deviceName provided"): no user data.
        resolve(success ? { kind: 'printed' } : { kind: 'failed', reason: failureReason || 'print failed' });
      },
    );
  });
}

export function createElectronReceiptPrinter(options: ElectronReceiptPrinterOptions): ReceiptPrinter {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? PRINT_TIMEOUT_MS;
  const pendingMax = options.pendingMax ?? PRINT_PENDING_MAX;
  let BrowserWindowClass = options.BrowserWindow ?? null;
  // The tail of the print queue, and how many prints are waiting on it (not counting the one printing).
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;

  async function browserWindowClass(): Promise<BrowserWindowConstructor> {
    // Loaded lazily so this module imports under plain Node; only the shell on Electron ever prints through it.
    BrowserWindowClass ??= (await import('electron')).BrowserWindow;
    return BrowserWindowClass;
  }

  /** Runs `work` with a hidden receipt window, which is destroyed however `work` ends; rejects at the deadline. */
  async function withReceiptWindow<T>(html: string, work: (window: BrowserWindow) => Promise<T>): Promise<T> {
    let receiptWindow: BrowserWindow | null = null;
    let abandoned = false;
    let timer: unknown;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = clock.setTimeout(() => reject(new PrintStop('printer timed out')), timeoutMs);
    });
    const attempt = (async () => {
      const Window = await browserWindowClass();
      receiptWindow = new Window(RECEIPT_WINDOW_OPTIONS);
      // Past the deadline (Electron slow to load) nobody is left to destroy it: do it now.
      if (abandoned) {
        receiptWindow.destroy();
        throw new PrintStop('printer timed out');
      }
      await receiptWindow.loadURL('data:text/html;charset=utf-8,' + encodeURIComponent(html));
      return work(receiptWindow);
    })();
    // After the deadline the attempt may still settle; its late result is dropped, never unhandled.
    attempt.catch(() => undefined);
    try {
      return await Promise.race([attempt, deadline]);
    } finally {
      abandoned = true;
      clock.clearTimeout(timer);
      // Assigned inside `attempt`, which control-flow analysis cannot see.
      const created = receiptWindow as BrowserWindow | null;
      if (created !== null && !created.isDestroyed()) created.destroy();
    }
  }

  async function printNow(document: ReceiptDocument): Promise<PrintOutcome> {
    let html: string;
    try {
      html = renderReceiptHtml(document);
    } catch {
      return { kind: 'failed', reason: 'receipt could not be rendered' };
    }
    const heightMm = receiptPageHeightMm(document.lines.length);
    const { printerName } = options;

    if (printerName !== null) {
      try {
        return await withReceiptWindow(html, (window) => printSilently(window.webContents, printerName, heightMm));
      } catch (error) {
        return { kind: 'failed', reason: error instanceof PrintStop ? error.reason : 'print failed' };
      }
    }

    let bytes: Uint8Array;
    try {
      bytes = await withReceiptWindow(html, (window) =>
        window.webContents.printToPDF({
          pageSize: { width: RECEIPT_PAGE_WIDTH_MM / MM_PER_INCH, height: heightMm / MM_PER_INCH },
          // The page's own @page margins place the text; Chromium's default 1 cm would squeeze the 42 columns.
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          preferCSSPageSize: false,
          printBackground: false,
        }),
      );
    } catch {
      // Chromium could not render it (or hung): the same lines through pdf-lib still give the customer a receipt.
      return options.fallback.print(document);
    }
    try {
      return { kind: 'saved', fileName: await saveReceiptFile(options.receiptsDir, document.fileStem, bytes, options) };
    } catch (error) {
      return { kind: 'failed', reason: saveFailureReason(error) };
    }
  }

  return {
    print(document: ReceiptDocument): Promise<PrintOutcome> {
      if (document.lines.length > RECEIPT_LINES_MAX)
        return Promise.resolve({ kind: 'failed', reason: 'receipt too long' });
      if (pending >= pendingMax) return Promise.resolve({ kind: 'failed', reason: 'printer busy' });
      pending += 1;
      const run = tail.then(() => {
        pending -= 1;
        return printNow(document);
      });
      // printNow never rejects, but a queue must not stall on one that someday does.
      tail = run.catch(() => undefined);
      return run.catch((): PrintOutcome => ({ kind: 'failed', reason: 'print failed' }));
    },
  };
}
