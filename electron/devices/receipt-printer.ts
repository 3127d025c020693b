// The receipt printer as the core sees it: it takes a laid-out receipt (lines of text for an 80 mm roll) and says
// what became of it. The Electron shell prints through Chromium to the configured printer, or saves a PDF when none
// is configured; the browser host and tests save the PDF to the data dir. The core never knows which.
import type { ReceiptDocument } from '../receipts/receipt-layout.ts';

export type PrintOutcome =
  | { readonly kind: 'printed' }
  /** No printer configured: the receipt was saved as a PDF (the file name only, inside the receipts folder). */
  | { readonly kind: 'saved'; readonly fileName: string }
  /** Paper out, printer offline, render failure: the customer is told; nothing else depends on it. */
  | { readonly kind: 'failed'; readonly reason: string };

export interface ReceiptPrinter {
  print(document: ReceiptDocument): Promise<PrintOutcome>;
}
