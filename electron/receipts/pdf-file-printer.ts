// The receipt "printer" that saves PDFs into a folder: the browser host's and the tests' printer, and what the
// Electron shell uses when no printer is configured. A receipt file appears whole or not at all (written under a
// temporary name, then linked into place), an existing receipt is never overwritten, and the folder is bounded.
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrintOutcome, ReceiptPrinter } from '../devices/receipt-printer.ts';
import type { ReceiptDocument } from './receipt-layout.ts';
import { renderReceiptPdf } from './receipt-pdf.ts';

/** Past this many files the folder is not being emptied; refusing is better than filling the disk. */
export const RECEIPT_FILES_MAX = 10_000;
/** `stem.pdf`, `stem-2.pdf` … `stem-100.pdf`: the same receipt reprinted more often than this is a fault. */
export const RECEIPT_NAME_COPIES_MAX = 100;
/** Layout stems are `[A-Za-z0-9_-]`; anything else (a separator, `..`) never reaches the file system. */
const SAFE_STEM = /^[A-Za-z0-9_-]{1,120}$/;

export const RECEIPT_DIR_MODE = 0o700;
export const RECEIPT_FILE_MODE = 0o600;

/** A refusal with a reason fit for the customer-facing outcome (no paths, no card data). */
export class ReceiptSaveError extends Error {
  readonly reason: string;
  constructor(reason: string, options?: ErrorOptions) {
    super(reason, options);
    this.name = 'ReceiptSaveError';
    this.reason = reason;
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** Short reasons only: an I/O error's message carries the path, which is not for the screen or the journal. */
export function saveFailureReason(error: unknown): string {
  if (error instanceof ReceiptSaveError) return error.reason;
  switch (errorCode(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk full';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'ENOTDIR':
    case 'EEXIST':
      return 'receipt folder not writable';
    default:
      return 'receipt could not be saved';
  }
}

/** File systems without hard links (FAT, some network shares) say so with these codes. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** Puts `temp` at `target` unless `target` exists; false when it does. */
async function claimName(temp: string, target: string): Promise<boolean> {
  try {
    // link() fails with EEXIST instead of replacing, atomically: two saves of one receipt can never collide.
    await link(temp, target);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code === undefined || !NO_HARD_LINKS.has(code)) throw error;
  }
  // Without hard links: check, then rename. Racy only against another writer of the same name outside this process.
  const exists = await stat(target).then(
    () => true,
    (error: unknown) => {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    },
  );
  if (exists) return false;
  await rename(temp, target);
  return true;
}

/** Makes a rename or link durable on POSIX; Windows cannot open a directory and needs nothing. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the file itself was already synced.
  }
}

export type ReceiptFolderLimits = {
  /** Files (of any kind) the folder may hold before saving is refused; RECEIPT_FILES_MAX unless a test lowers it. */
  readonly filesMax?: number;
};

/**
 * Saves `bytes` as `<stem>.pdf` in `dir` (created 0700 if missing, file 0600), or `<stem>-2.pdf`, `-3` … when that
 * name is taken, and returns the file name (no directory). Throws ReceiptSaveError or the I/O error otherwise.
 */
export async function saveReceiptFile(
  dir: string,
  stem: string,
  bytes: Uint8Array,
  { filesMax = RECEIPT_FILES_MAX }: ReceiptFolderLimits = {},
): Promise<string> {
  if (!SAFE_STEM.test(stem)) throw new ReceiptSaveError('invalid receipt name');
  await mkdir(dir, { recursive: true, mode: RECEIPT_DIR_MODE });
  if ((await readdir(dir)).length >= filesMax) throw new ReceiptSaveError('receipt folder full');

  // A dot file ending in .tmp: never mistaken for a receipt, and what a crash mid-write leaves behind.
  const temp = join(dir, `.${stem}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', RECEIPT_FILE_MODE);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let copy = 1; copy <= RECEIPT_NAME_COPIES_MAX; copy += 1) {
      const fileName = copy === 1 ? `${stem}.pdf` : `${stem}-${copy}.pdf`;
      if (await claimName(temp, join(dir, fileName))) {
        await syncDirectory(dir);
        return fileName;
      }
    }
    throw new ReceiptSaveError('too many copies of this receipt');
  } finally {
    // After link() the temp name is a second name for the receipt; after rename() it is already gone.
    await unlink(temp).catch(() => undefined);
  }
}

export type PdfFileReceiptPrinterOptions = ReceiptFolderLimits & {
  /** Creation date stamped into each PDF (epoch ms). */
  readonly now?: () => number;
};

/** Saves every receipt as a PDF in `dir`: `{ kind: 'saved', fileName }`, or `failed` with a short reason. */
export function createPdfFileReceiptPrinter(dir: string, options: PdfFileReceiptPrinterOptions = {}): ReceiptPrinter {
  return {
    async print(document: ReceiptDocument): Promise<PrintOutcome> {
      let bytes: Uint8Array;
      try {
        bytes = await renderReceiptPdf(document, { ...(options.now ? { now: options.now } : {}) });
      } catch {
        return { kind: 'failed', reason: 'receipt could not be rendered' };
      }
      try {
        return { kind: 'saved', fileName: await saveReceiptFile(dir, document.fileStem, bytes, options) };
      } catch (error) {
        return { kind: 'failed', reason: saveFailureReason(error) };
      }
    },
  };
}
