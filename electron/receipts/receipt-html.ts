// The receipt as an HTML page for Chromium to print or save as PDF, and the page geometry every output shares.
// The page is inert: every text is escaped and its CSP allows inline styles only, so no script can ever run in it.
import type { ReceiptDocument } from './receipt-layout.ts';

/** An 80 mm roll; 4 mm margins leave the ~72 mm most 80 mm thermal heads print. */
export const RECEIPT_PAGE_WIDTH_MM = 80;
export const RECEIPT_MARGIN_MM = 4;
/** Courier's advance is 0.6 em, so 42 columns at 8 pt take 201.6 pt (71.1 mm) of the 72 mm printable width. */
export const RECEIPT_FONT_SIZE_PT = 8;
export const RECEIPT_LINE_HEIGHT_PT = 9.6;
/** Keeps a page inside every printer's and PDF's limits (PDF pages stop at 200 in); a real receipt has ~25 lines. */
export const RECEIPT_LINES_MAX = 400;

export const MM_PER_PT = 25.4 / 72;

/** Page height fitted to the lines plus the margins, plus one spare line so rounding never spills a second page. */
export function receiptPageHeightMm(lineCount: number): number {
  return 2 * RECEIPT_MARGIN_MM + (lineCount + 1) * RECEIPT_LINE_HEIGHT_PT * MM_PER_PT;
}

export const RECEIPT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? '');
}

/** A complete, self-contained HTML document (no external resources) with one `<pre>` line per receipt line. */
export function renderReceiptHtml(document: ReceiptDocument): string {
  if (document.lines.length > RECEIPT_LINES_MAX) throw new RangeError('receipt too long');
  const lines = document.lines
    .map((line) => {
      const text = escapeHtml(line.text);
      return line.emphasis ? `<b>${text}</b>` : text;
    })
    .join('\n');
  // `size: 80mm auto` is not valid CSS (Chromium would drop it), so the page names its fitted height.
  const pageHeightMm = receiptPageHeightMm(document.lines.length).toFixed(2);
  return `<!doctype html>
<html lang="${escapeHtml(document.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(RECEIPT_HTML_CSP)}">
<title>${escapeHtml(document.fileStem)}</title>
<style>
@page { size: ${RECEIPT_PAGE_WIDTH_MM}mm ${pageHeightMm}mm; margin: ${RECEIPT_MARGIN_MM}mm; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
pre {
  margin: 0;
  font-family: "Courier New", Courier, "Liberation Mono", "DejaVu Sans Mono", monospace;
  font-size: ${RECEIPT_FONT_SIZE_PT}pt;
  line-height: ${RECEIPT_LINE_HEIGHT_PT}pt;
  white-space: pre;
}
b { font-weight: bold; }
</style>
</head>
<body><pre>${lines}</pre></body>
</html>
`;
}
