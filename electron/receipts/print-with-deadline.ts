// Prints a document and always answers: a printer that throws becomes a failure, and one that does not answer in time
// becomes 'printer timed out'. For callers whose work must go on whatever the printer does (staff reports).
import type { Clock } from '../core/kiosk-core-types.ts';
import type { PrintOutcome, ReceiptPrinter } from '../devices/receipt-printer.ts';
import type { ReceiptDocument } from './receipt-layout.ts';

/** Longest reason passed on: printer drivers' texts are short, but nothing from outside goes on unbounded. */
export const PRINT_REASON_LENGTH_MAX = 120;

export async function printWithDeadline(
  printer: ReceiptPrinter,
  document: ReceiptDocument,
  { clock, timeoutMs }: { readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>; readonly timeoutMs: number },
): Promise<PrintOutcome> {
  let timer: unknown = null;
  const deadline = new Promise<PrintOutcome>((resolve) => {
    timer = clock.setTimeout(() => resolve({ kind: 'failed', reason: 'printer timed out' }), timeoutMs);
  });
  // A late answer after the deadline is dropped, never left unhandled.
  const attempt = Promise.resolve()
    .then(() => printer.print(document))
    .catch((): PrintOutcome => ({ kind: 'failed', reason: 'printer error' }));
  try {
    const outcome = await Promise.race([attempt, deadline]);
    return outcome.kind === 'failed'
      ? { kind: 'failed', reason: outcome.reason.slice(0, PRINT_REASON_LENGTH_MAX) || 'print failed' }
      : outcome;
  } finally {
    clock.clearTimeout(timer);
  }
}
