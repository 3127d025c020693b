// Renders a laid-out receipt as a one-page PDF the width of an 80 mm roll, with the PDF standard Courier fonts so no
// font file ships and every viewer shows the same columns. Same document and clock in, same bytes out.
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';
import {
  MM_PER_PT,
  RECEIPT_FONT_SIZE_PT,
  RECEIPT_LINE_HEIGHT_PT,
  RECEIPT_LINES_MAX,
  RECEIPT_MARGIN_MM,
  RECEIPT_PAGE_WIDTH_MM,
  receiptPageHeightMm,
} from './receipt-html.ts';
import { RECEIPT_COLUMNS, type ReceiptDocument } from './receipt-layout.ts';

export const RECEIPT_PAGE_WIDTH_PT = RECEIPT_PAGE_WIDTH_MM / MM_PER_PT;
const MARGIN_PT = RECEIPT_MARGIN_MM / MM_PER_PT;
/** Courier's descender is 0.157 em: sitting the baseline a quarter line up keeps it inside the line box. */
const BASELINE_RAISE_PT = RECEIPT_LINE_HEIGHT_PT / 4;
export const PDF_PRODUCER = 'ATM Kiosk';

export type ReceiptPdfOptions = {
  /** Stamped as the PDF's creation and modification date (epoch ms); fixed in tests for byte-identical output. */
  readonly now?: () => number;
};

/**
 * The standard fonts encode WinAnsi only. French number formatting brings U+202F/U+00A0 (shown as spaces), typographic
 * apostrophes become ASCII ones; anything else the font cannot encode prints as '?' rather than failing the receipt.
 */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2212': '-',
};

export function toWinAnsi(text: string, encodable: ReadonlySet<number>): string {
  let out = '';
  for (const character of text.normalize('NFC')) {
    const substitute = SUBSTITUTES[character] ?? character;
    const codePoint = substitute.codePointAt(0) ?? 0;
    out += encodable.has(codePoint) ? substitute : '?';
  }
  return out;
}

/** At most RECEIPT_COLUMNS characters: a line wider than the roll is cut, as the printer itself would. */
function clip(text: string): string {
  const characters = [...text];
  return characters.length > RECEIPT_COLUMNS ? characters.slice(0, RECEIPT_COLUMNS).join('') : text;
}

export async function renderReceiptPdf(
  document: ReceiptDocument,
  options: ReceiptPdfOptions = {},
): Promise<Uint8Array> {
  if (document.lines.length > RECEIPT_LINES_MAX) throw new RangeError('receipt too long');
  const createdAt = new Date((options.now ?? Date.now)());

  // updateMetadata: false, so pdf-lib stamps neither its own name nor the wall clock.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(document.fileStem);
  pdf.setProducer(PDF_PRODUCER);
  pdf.setCreator(PDF_PRODUCER);
  pdf.setLanguage(document.language);
  pdf.setCreationDate(createdAt);
  pdf.setModificationDate(createdAt);

  const regular = await pdf.embedFont(StandardFonts.Courier);
  const bold = await pdf.embedFont(StandardFonts.CourierBold);
  const encodable: ReadonlyMap<PDFFont, ReadonlySet<number>> = new Map([
    [regular, new Set(regular.getCharacterSet())],
    [bold, new Set(bold.getCharacterSet())],
  ]);

  const heightPt = receiptPageHeightMm(document.lines.length) / MM_PER_PT;
  const page = pdf.addPage([RECEIPT_PAGE_WIDTH_PT, heightPt]);
  document.lines.forEach((line, index) => {
    const font = line.emphasis ? bold : regular;
    const text = toWinAnsi(clip(line.text), encodable.get(font) ?? new Set());
    if (text.trim() === '') return;
    const y = heightPt - MARGIN_PT - (index + 1) * RECEIPT_LINE_HEIGHT_PT + BASELINE_RAISE_PT;
    page.drawText(text, { x: MARGIN_PT, y, size: RECEIPT_FONT_SIZE_PT, font });
  });

  return pdf.save();
}
