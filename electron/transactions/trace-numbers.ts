// Trace numbers for every customer transaction: the STAN (6 digits, monotonic per kiosk, wrapping after 999999, so
// unique within a business day) and the RRN (ISO 8583 field 37 style: YDDDHH + STAN, unique across days).
import type { Db } from '../db/open-database.ts';

export const STAN_MAX = 999_999;

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
  return {
    /** Takes the next STAN; call inside the transaction that records the customer transaction. */
    next(nowMs: number): TraceNumbers {
      const previous = read.get()?.value ?? 0;
      const value = previous >= STAN_MAX ? 1 : previous + 1;
      write.run({ value });
      const now = new Date(nowMs);
      const stan = String(value).padStart(6, '0');
      const rrn = `${now.getUTCFullYear() % 10}${String(dayOfYear(now)).padStart(3, '0')}${String(now.getUTCHours()).padStart(2, '0')}${stan}`;
      return { stan, rrn, businessDay: businessDayOf(nowMs) };
    },
  };
}
