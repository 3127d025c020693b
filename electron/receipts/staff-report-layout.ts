// Lays out the staff reports — Cassette Total and Trial Cassette Total for the replenishment cycle, Day Total and Trial
// Day Total for the balancing period — for the same 80 mm roll and printer as customer receipts: 42 columns, in
// English (a staff report belongs to no customer session). The report types hold only counters, amounts, times, the
// kiosk id and the staff id, so no card number, PIN or account number can reach the paper.
import { LOCALE_OF } from '../../shared/languages.ts';
import { formatMinor } from '../../shared/money.ts';
import { RULE, type ReceiptDocument, type ReceiptLine, centred, pair } from './receipt-layout.ts';

export type CassetteReportKind = 'cassette_total' | 'trial_cassette_total';

/** One cassette's counters since it was last loaded. */
export type CassetteReportLine = {
  readonly position: number;
  readonly denominationMinor: number;
  /** Notes put in at the last load. */
  readonly loadedNotes: number;
  /** Notes presented (to customers, or to staff in a test dispense) since that load. */
  readonly dispensedNotes: number;
  /** Notes picked from this cassette and diverted to the reject bin since that load. */
  readonly rejectedNotes: number;
  /** Notes in the cassette (for a Cassette Total: as they stood before the counters were reset). */
  readonly remainingNotes: number;
};

export type CassetteReport = {
  readonly kind: CassetteReportKind;
  readonly kioskId: string;
  /** The staff member who ran the total (a staff id is not secret). */
  readonly staffId: string;
  /** ISO time of the total. */
  readonly at: string;
  readonly currency: string;
  /** The replenishment cycle the Cassette Total opened, or the Trial Cassette Total closed; null for none. */
  readonly cycleId: number | null;
  readonly cassettes: readonly CassetteReportLine[];
  readonly retractBinNotes: number;
  /** The kiosk cash account: what the books say the cassettes hold. */
  readonly cashAccountMinor: number;
  /** The kiosk rejects account: what the books say the reject and retract bins hold. */
  readonly rejectsAccountMinor: number;
};

const LOCALE = LOCALE_OF.en;

const TITLES: Readonly<Record<CassetteReportKind, string>> = {
  cassette_total: 'CASSETTE TOTAL',
  trial_cassette_total: 'TRIAL CASSETTE TOTAL',
};

/** The file name stem's first part; the stem stays inside the PDF printer's `[A-Za-z0-9_-]` names. */
const STEMS: Readonly<Record<CassetteReportKind, string>> = {
  cassette_total: 'cassette-total',
  trial_cassette_total: 'trial-cassette-total',
};

export const TRIAL_NOTICE = 'TRIAL — COUNTERS NOT RESET';
export const RESET_NOTICE = 'COUNTERS RECORDED AND RESET';

const STEM_LENGTH_MAX = 120;

function indented(label: string, value: string): ReceiptLine[] {
  return pair(`  ${label}`, value);
}

/** Note counts print plain (no grouping), as staff write them on the count sheet. */
const notes = (count: number): string => String(count);

/** An ISO time as staff read it on paper; the text as given when it is not a time. */
function readableTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? iso
    : new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeStyle: 'medium' }).format(at);
}

/** Every staff report starts the same way: what it is, which kiosk, when, and who ran it. */
function reportHeader(title: string, kioskId: string, at: string, staffId: string): ReceiptLine[] {
  return [
    { text: centred('ATM KIOSK'), emphasis: true },
    { text: centred(title), emphasis: true },
    ...pair('Kiosk', kioskId),
    ...pair('Date/time', readableTime(at)),
    ...pair('Staff', staffId),
  ];
}

/** `<kind>-<kiosk>-<yyyymmdd-hhmmss>`, inside the PDF printer's `[A-Za-z0-9_-]` names. */
function reportFileStem(kindStem: string, kioskId: string, at: string): string {
  const time = new Date(at);
  const stamp = Number.isNaN(time.getTime())
    ? 'undated'
    : time.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${kindStem}-${kioskId}-${stamp}`.replace(/[^A-Za-z0-9-]/g, '_').slice(0, STEM_LENGTH_MAX);
}

export function layoutCassetteReport(report: CassetteReport): ReceiptDocument {
  const money = (amountMinor: number) => formatMinor(amountMinor, report.currency, LOCALE);
  const trial = report.kind === 'trial_cassette_total';

  const lines: ReceiptLine[] = reportHeader(TITLES[report.kind], report.kioskId, report.at, report.staffId);
  if (report.cycleId !== null) lines.push(...pair('Replenishment', `#${report.cycleId}`));
  if (trial) lines.push({ text: centred(TRIAL_NOTICE), emphasis: true });

  const totals = { loaded: 0, dispensed: 0, rejected: 0, remaining: 0, valueMinor: 0, rejectedMinor: 0 };
  for (const cassette of report.cassettes) {
    const valueMinor = cassette.remainingNotes * cassette.denominationMinor;
    const rejectedMinor = cassette.rejectedNotes * cassette.denominationMinor;
    totals.loaded += cassette.loadedNotes;
    totals.dispensed += cassette.dispensedNotes;
    totals.rejected += cassette.rejectedNotes;
    totals.remaining += cassette.remainingNotes;
    totals.valueMinor += valueMinor;
    totals.rejectedMinor += rejectedMinor;
    lines.push(
      RULE,
      ...pair(`CASSETTE ${cassette.position}`, money(cassette.denominationMinor)).map((line) => ({
        ...line,
        emphasis: true,
      })),
      ...indented('Loaded', notes(cassette.loadedNotes)),
      ...indented('Dispensed', notes(cassette.dispensedNotes)),
      ...indented('Rejected', notes(cassette.rejectedNotes)),
      ...indented('Remaining', notes(cassette.remainingNotes)),
      ...indented('Value', money(valueMinor)),
    );
  }

  const cassettesMatch = totals.valueMinor === report.cashAccountMinor;
  lines.push(
    RULE,
    { text: 'TOTALS', emphasis: true },
    ...indented('Notes loaded', notes(totals.loaded)),
    ...indented('Notes dispensed', notes(totals.dispensed)),
    ...indented('Notes rejected', notes(totals.rejected)),
    ...indented('Notes remaining', notes(totals.remaining)),
    ...indented('Cassettes value', money(totals.valueMinor)),
    ...indented('Rejected value', money(totals.rejectedMinor)),
    ...pair('Retract bin notes', notes(report.retractBinNotes)),
    ...pair('Cash account', money(report.cashAccountMinor)),
    ...pair('Rejects account', money(report.rejectsAccountMinor)),
    ...pair('Cassettes = cash account', cassettesMatch ? 'YES' : 'NO'),
  );
  // What the count after a Cassette Total should find: the cassettes' and the bins' book value.
  if (!trial) lines.push(...pair('To count', money(report.cashAccountMinor + report.rejectsAccountMinor)));
  lines.push(RULE, { text: centred(trial ? TRIAL_NOTICE : RESET_NOTICE), emphasis: true });

  return { lines, fileStem: reportFileStem(STEMS[report.kind], report.kioskId, report.at), language: 'en' };
}

export type DayTotalReportKind = 'day_total' | 'trial_day_total';

type CountAndAmount = { readonly count: number; readonly amountMinor: number };

/** The balancing period's figures as Day Total and Trial Day Total found them (DayTotalResultSchema's numbers). */
export type DayTotalReport = {
  readonly kind: DayTotalReportKind;
  readonly kioskId: string;
  readonly staffId: string;
  /** ISO time of the total (the period's end). */
  readonly at: string;
  readonly currency: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly kiosk: {
    readonly withdrawals: CountAndAmount;
    readonly deposits: CountAndAmount;
    readonly transfers: CountAndAmount;
    readonly feesMinor: number;
  };
  /** The bank's totals for the same period; null for a standalone kiosk or when the bank did not answer. */
  readonly bank: { readonly withdrawals: CountAndAmount; readonly deposits: CountAndAmount } | null;
  /** Kiosk net cash minus the bank's; null without bank totals. */
  readonly varianceMinor: number | null;
  readonly flagged: boolean;
};

const DAY_TITLES: Readonly<Record<DayTotalReportKind, string>> = {
  day_total: 'DAY TOTAL',
  trial_day_total: 'TRIAL DAY TOTAL',
};

const DAY_STEMS: Readonly<Record<DayTotalReportKind, string>> = {
  day_total: 'day-total',
  trial_day_total: 'trial-day-total',
};

export const DAY_TRIAL_NOTICE = 'TRIAL — PERIOD NOT CLOSED';
export const DAY_CLOSED_NOTICE = 'PERIOD CLOSED';
export const VARIANCE_FLAG = '*** VARIANCE — CHECK ***';

export function layoutDayTotalReport(report: DayTotalReport): ReceiptDocument {
  const money = (amountMinor: number) => formatMinor(amountMinor, report.currency, LOCALE);
  const counted = (label: string, figures: CountAndAmount) =>
    indented(`${label} (${notes(figures.count)})`, money(figures.amountMinor));
  const trial = report.kind === 'trial_day_total';
  const lines: ReceiptLine[] = [
    ...reportHeader(DAY_TITLES[report.kind], report.kioskId, report.at, report.staffId),
    ...pair('From', readableTime(report.periodFrom)),
    ...pair('To', readableTime(report.periodTo)),
  ];
  if (trial) lines.push({ text: centred(DAY_TRIAL_NOTICE), emphasis: true });

  const kioskNetMinor = report.kiosk.withdrawals.amountMinor - report.kiosk.deposits.amountMinor;
  lines.push(
    RULE,
    { text: 'KIOSK', emphasis: true },
    ...counted('Withdrawals', report.kiosk.withdrawals),
    ...counted('Deposits', report.kiosk.deposits),
    ...counted('Transfers', report.kiosk.transfers),
    ...indented('Fees', money(report.kiosk.feesMinor)),
    ...indented('Net cash out', money(kioskNetMinor)),
    RULE,
    { text: 'BANK', emphasis: true },
  );
  if (report.bank) {
    lines.push(
      ...counted('Withdrawals', report.bank.withdrawals),
      ...counted('Deposits', report.bank.deposits),
      ...indented('Net cash out', money(report.bank.withdrawals.amountMinor - report.bank.deposits.amountMinor)),
    );
  } else {
    lines.push(...indented('Totals', 'NOT AVAILABLE'));
  }
  const variance =
    report.varianceMinor === null ? 'N/A' : `${report.varianceMinor > 0 ? '+' : ''}${money(report.varianceMinor)}`;
  lines.push(RULE, ...pair('Variance (kiosk - bank)', variance));
  if (report.flagged) {
    lines.push({ text: centred(VARIANCE_FLAG), emphasis: true });
    // Only a Day Total books it; a trial shows what the Day Total would book.
    lines.push(...pair(trial ? 'Would book to' : 'Booked to', 'overs/unders'));
  }
  lines.push(RULE, { text: centred(trial ? DAY_TRIAL_NOTICE : DAY_CLOSED_NOTICE), emphasis: true });
  return { lines, fileStem: reportFileStem(DAY_STEMS[report.kind], report.kioskId, report.at), language: 'en' };
}
