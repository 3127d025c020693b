// Trace numbers for every customer transaction: the STAN (6 digits, monotonic per kiosk, wrapping after 999999, so
// unique within a business day) and the RRN (ISO 8583 field 37 style: YDDDHH + STAN, unique across days). The RRN's
// year is one digit, so ten years on the same hour and STAN could come round again: a STAN whose RRN is already
// recorded is skipped, never reused (a clash would otherwise refuse every transaction for the rest of that hour).
import type { Db } from '../db/open-database.ts';

export const STAN_MAX = 999_999;
/** STANs skipped at most to find an unused RRN; past this something is wrong with the records, not the calendar. */
export const RRN_CLASH_SKIPS_MAX = 1_000;

export type TraceNumbers = { readonly stan: string; readonly rrn: string; readonly businessDay: string };

/** The business day of a moment: the kiosk runs its day on UTC so two kiosks of one bank agree. */
export function businessDayOf(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

function dayOfYear(date: Date): number {
  return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

export function createTraceNumbers(db: Db) {
  const read = db.prepare<[], { value: number }>("SELECT value FROM trace_counters WHERE name = 'stan'");
  const write = db.prepare<{ value: number }>(
    "INSERT INTO trace_counters (name, value) VALUES ('stan', @value) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
  );
  const rrnTaken = db.prepare<{ rrn: string }, { one: number }>(
    'SELECT 1 AS one FROM customer_transactions WHERE rrn = @rrn',
  );
  return {
    /** Takes the next STAN; call inside the transaction that records the customer transaction. */
    next(nowMs: number): TraceNumbers {
      const now = new Date(nowMs);
      const hourPrefix = `${now.getUTCFullYear() % 10}${String(dayOfYear(now)).padStart(3, '0')}${String(now.getUTCHours()).padStart(2, '0')}`;
      let value = read.get()?.value ?? 0;
      for (let skips = 0; skips <= RRN_CLASH_SKIPS_MAX; skips++) {
        value = value >= STAN_MAX ? 1 : value + 1;
        const stan = String(value).padStart(6, '0');
        const rrn = `${hourPrefix}${stan}`;
        if (rrnTaken.get({ rrn })) continue;
        write.run({ value });
        return { stan, rrn, businessDay: businessDayOf(nowMs) };
      }
      throw new Error(`no unused RRN within ${RRN_CLASH_SKIPS_MAX} STANs`);
    },
  };
}
