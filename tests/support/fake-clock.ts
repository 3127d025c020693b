// A clock the test moves by hand, so timeouts are tested without sleeping.
import type { Clock } from '../../electron/core/kiosk-core-types.ts';

export type FakeClock = Clock & { advance(ms: number): void };

export function createFakeClock(startMs = Date.UTC(2026, 10, 24, 9, 0, 0)): FakeClock {
  let nowMs = startMs;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => nowMs,
    setTimeout(callback, delayMs) {
      const handle = nextHandle++;
      timers.set(handle, { at: nowMs + delayMs, callback });
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = nowMs + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        nowMs = due[1].at;
        due[1].callback();
      }
      nowMs = until;
    },
  };
}
