// Lays out a receipt for an 80 mm roll: fixed-width lines (42 columns, the narrowest common 80 mm font) in the
// customer's language. Every printer and the on-disk PDF render these same lines, so what a customer holds matches
// the journal whatever the output. Only the masked card number ever reaches a receipt (the Receipt type has no other).
import type { Receipt } from '../../shared/ipc/index.ts';
import { LOCALE_OF, type LanguageCode } from '../../shared/languages.ts';
import { formatMinor } from '../../shared/money.ts';

export const RECEIPT_COLUMNS = 42;

export type ReceiptLine = {
  readonly text: string;
  /** Headings print bold where the output can. */
  readonly emphasis?: boolean;
};

export type ReceiptDocument = {
  readonly lines: readonly ReceiptLine[];
  /** A safe file name stem (no extension): kiosk id, business date and STAN. */
  readonly fileStem: string;
  readonly language: LanguageCode;
};

type Labels = {
  readonly title: string;
  readonly kiosk: string;
  readonly card: string;
  readonly account: string;
  readonly requested: string;
  readonly completed: string;
  readonly fee: string;
  readonly available: string;
  readonly status: string;
  readonly transactions: Readonly<Record<Receipt['transaction'], string>>;
  readonly outcomes: Readonly<Record<Receipt['outcome'], string>>;
  readonly reason: string;
  readonly footer: string;
};

const LABELS: Readonly<Record<LanguageCode, Labels>> = {
  en: {
    title: 'ATM KIOSK',
    kiosk: 'Kiosk',
    card: 'Card',
    account: 'Account',
    requested: 'Requested',
    completed: 'Completed',
    fee: 'Fee',
    available: 'Available balance',
    status: 'Status',
    transactions: {
      withdrawal: 'CASH WITHDRAWAL',
      deposit: 'CASH DEPOSIT',
      transfer: 'TRANSFER',
      balance: 'BALANCE INQUIRY',
      mini_statement: 'MINI STATEMENT',
      pin_change: 'PIN CHANGE',
    },
    outcomes: { completed: 'Completed', partial: 'Partly completed', declined: 'Declined', reversed: 'Reversed' },
    reason: 'Reason',
    footer: 'Thank you. Please keep this receipt.',
  },
  es: {
    title: 'CAJERO AUTOMÁTICO',
    kiosk: 'Cajero',
    card: 'Tarjeta',
    account: 'Cuenta',
    requested: 'Solicitado',
    completed: 'Realizado',
    fee: 'Comisión',
    available: 'Saldo disponible',
    status: 'Estado',
    transactions: {
      withdrawal: 'RETIRADA DE EFECTIVO',
      deposit: 'INGRESO DE EFECTIVO',
      transfer: 'TRANSFERENCIA',
      balance: 'CONSULTA DE SALDO',
      mini_statement: 'ÚLTIMOS MOVIMIENTOS',
      pin_change: 'CAMBIO DE PIN',
    },
    outcomes: { completed: 'Realizada', partial: 'Realizada en parte', declined: 'Denegada', reversed: 'Anulada' },
    reason: 'Motivo',
    footer: 'Gracias. Conserve este justificante.',
  },
  fr: {
    title: 'DISTRIBUTEUR',
    kiosk: 'Automate',
    card: 'Carte',
    account: 'Compte',
    requested: 'Demandé',
    completed: 'Effectué',
    fee: 'Frais',
    available: 'Solde disponible',
    status: 'Statut',
    transactions: {
      withdrawal: 'RETRAIT D’ESPÈCES',
      deposit: 'DÉPÔT D’ESPÈCES',
      transfer: 'VIREMENT',
      balance: 'CONSULTATION DE SOLDE',
      mini_statement: 'DERNIÈRES OPÉRATIONS',
      pin_change: 'CHANGEMENT DE CODE',
    },
    outcomes: { completed: 'Effectuée', partial: 'Effectuée en partie', declined: 'Refusée', reversed: 'Annulée' },
    reason: 'Motif',
    footer: 'Merci. Conservez ce ticket.',
  },
};

/** `label ........ value` on one line; a value too long for the line goes on its own, right-aligned. */
export function pair(label: string, value: string): ReceiptLine[] {
  const gap = RECEIPT_COLUMNS - label.length - value.length;
  if (gap >= 1) return [{ text: label + ' '.repeat(gap) + value }];
  return [{ text: label.slice(0, RECEIPT_COLUMNS) }, { text: value.slice(0, RECEIPT_COLUMNS).padStart(RECEIPT_COLUMNS) }];
}

export function centred(text: string): string {
  const clipped = text.slice(0, RECEIPT_COLUMNS);
  return ' '.repeat(Math.floor((RECEIPT_COLUMNS - clipped.length) / 2)) + clipped;
}

export const RULE: ReceiptLine = { text: '-'.repeat(RECEIPT_COLUMNS) };

/** Money movements show amounts; inquiries and PIN changes only say what was done. */
const MOVES_MONEY: ReadonlySet<Receipt['transaction']> = new Set(['withdrawal', 'deposit', 'transfer']);

export function layoutReceipt(receipt: Receipt, language: LanguageCode): ReceiptDocument {
  const labels = LABELS[language];
  const locale = LOCALE_OF[language];
  const money = (amountMinor: number) => formatMinor(amountMinor, receipt.currency, locale);
  const at = new Date(receipt.at);
  const when = Number.isNaN(at.getTime())
    ? receipt.at
    : new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(at);

  const lines: ReceiptLine[] = [
    { text: centred(labels.title), emphasis: true },
    ...pair(labels.kiosk, receipt.kioskId),
    { text: when },
    ...pair(labels.card, receipt.maskedPan),
    ...pair('STAN', receipt.stan),
    ...pair('RRN', receipt.rrn),
    RULE,
    { text: labels.transactions[receipt.transaction], emphasis: true },
  ];
  if (receipt.accountLabel) lines.push(...pair(labels.account, receipt.accountLabel));
  if (MOVES_MONEY.has(receipt.transaction)) {
    lines.push(...pair(labels.requested, money(receipt.requestedMinor)));
    lines.push(...pair(labels.completed, money(receipt.completedMinor)));
    if (receipt.feeMinor > 0) lines.push(...pair(labels.fee, money(receipt.feeMinor)));
  }
  if (receipt.availableMinor !== null) lines.push(...pair(labels.available, money(receipt.availableMinor)));
  lines.push(...pair(labels.status, labels.outcomes[receipt.outcome]));
  if (receipt.code) lines.push(...pair(labels.reason, receipt.code));
  lines.push(RULE, { text: centred(labels.footer) });

  const day = Number.isNaN(at.getTime()) ? 'undated' : at.toISOString().slice(0, 10).replaceAll('-', '');
  return { lines, fileStem: `receipt-${receipt.kioskId}-${day}-${receipt.stan}`.replace(/[^A-Za-z0-9-]/g, '_'), language };
}
