// Lays out the staff reports of the replenishment cycle (Cassette Total and Trial Cassette Total) for the same 80 mm
// roll and printer as customer receipts: 42 columns, in English (a staff report belongs to no customer session). The
// report type holds only counters, amounts, the kiosk id and the staff id, so no card number, PIN or account number
// can reach the paper.
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

export function layoutCassetteReport(report: CassetteReport): ReceiptDocument {
  const money = (amountMinor: number) => formatMinor(amountMinor, report.currency, LOCALE);
  const at = new Date(report.at);
  const dated = !Number.isNaN(at.getTime());
  const when = dated
    ? new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeStyle: 'medium' }).format(at)
    : report.at;
  const trial = report.kind === 'trial_cassette_total';

  const lines: ReceiptLine[] = [
    { text: centred('ATM KIOSK'), emphasis: true },
    { text: centred(TITLES[report.kind]), emphasis: true },
    ...pair('Kiosk', report.kioskId),
    ...pair('Date/time', when),
    ...pair('Staff', report.staffId),
  ];
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

  const stamp = dated ? at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-') : 'undated';
  const fileStem = `${STEMS[report.kind]}-${report.kioskId}-${stamp}`
    .replace(/[^A-Za-z0-9-]/g, '_')
    .slice(0, STEM_LENGTH_MAX);
  return { lines, fileStem, language: 'en' };
}
