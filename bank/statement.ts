// Account statements as CSV and PDF. Amounts are formatted from integer minor units with string arithmetic (never a
// float); CSV cells that a spreadsheet would run as a formula are defused.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { CustomerAccount, HistoryEntry } from '../shared/bank-api/index.ts';
import { currencyExponent } from '../shared/money.ts';

export type Statement = {
  readonly customerName: string;
  readonly account: CustomerAccount;
  readonly from: string;
  readonly to: string;
  readonly rows: readonly HistoryEntry[];
  readonly truncated: boolean;
};

/** 123456, 2 → "1234.56"; −5, 2 → "-0.05". */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

/** Signed effect on the customer's balance: credits add, debits subtract; holds and releases move nothing posted. */
function postedEffect(row: HistoryEntry): number {
  if (row.kind === 'pending' || row.kind === 'void_pending') return 0;
  return row.direction === 'credit' ? row.amountMinor : -row.amountMinor;
}

export function statementCsv(statement: Statement): string {
  const currency = statement.account.currency;
  const lines = [['date', 'transfer_id', 'description', 'kind', 'debit', 'credit', 'currency'].join(',')];
  for (const row of statement.rows) {
    const amount = minorToDecimal(row.amountMinor, currency);
    lines.push(
      [
        row.createdAt,
        row.transferId,
        row.description,
        row.kind,
        row.direction === 'debit' ? amount : '',
        row.direction === 'credit' ? amount : '',
        currency,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

const WIN_ANSI_SAFE = /[^\x20-\x7e\xa0-\xff—–•€]/g;
const PAGE = { width: 595, height: 842, margin: 50, lineHeight: 14 } as const;

export async function statementPdf(statement: Statement, generatedAtMs: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Statement ${statement.account.accountNumber} ${statement.from} – ${statement.to}`);
  pdf.setCreationDate(new Date(generatedAtMs));
  pdf.setModificationDate(new Date(generatedAtMs));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const currency = statement.account.currency;
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const line = (text: string, options: { x?: number; size?: number; bold?: boolean; keep?: boolean } = {}) => {
    if (y < PAGE.margin) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
    }
    page.drawText(text.replace(WIN_ANSI_SAFE, '?'), {
      x: options.x ?? PAGE.margin,
      y,
      size: options.size ?? 9,
      font: options.bold ? bold : font,
    });
    if (!options.keep) y -= PAGE.lineHeight;
  };
  line('ATM Bank — account statement', { size: 16, bold: true });
  y -= 6;
  line(
    `${statement.customerName} · ${statement.account.label} ${statement.account.accountNumber} (${currency})`.replace(
      '·',
      '-',
    ),
    { size: 11 },
  );
  line(`Period ${statement.from} to ${statement.to}`, { size: 11 });
  y -= 6;
  line('Date', { bold: true, keep: true });
  line('Description', { x: 170, bold: true, keep: true });
  line('Debit', { x: 400, bold: true, keep: true });
  line('Credit', { x: 480, bold: true });
  let net = 0;
  for (const row of statement.rows) {
    const amount = minorToDecimal(row.amountMinor, currency);
    net += postedEffect(row);
    line(row.createdAt.replace('T', ' ').slice(0, 19), { keep: true });
    line(row.description.slice(0, 45), { x: 170, keep: true });
    line(row.direction === 'debit' ? amount : '', { x: 400, keep: true });
    line(row.direction === 'credit' ? amount : '');
  }
  y -= 6;
  line(`Net posted movement in period: ${minorToDecimal(net, currency)} ${currency}`, { bold: true });
  line(`Current balance: ${minorToDecimal(statement.account.balanceMinor, currency)} ${currency}`, { bold: true });
  if (statement.truncated) line('This statement was truncated; request a shorter period.');
  return pdf.save();
}
