// Work the core has started and not finished: a handler awaiting a device or the printer, a receipt being saved, the
// background integrity check. Closing the kiosk waits for it (within a deadline) so that what it does next — the
// journal row for a printed receipt, the ledger row for dispensed notes — lands on an open database, and so that no
// file is still being written into the data directory once close() has resolved.
import type { HandlerTable } from '../ipc/router.ts';

/** How long close() waits for work in flight: longer than any device or print deadline the core sets itself. */
export const CLOSE_WAIT_MS = 30_000;

export type WorkInFlight = {
  /** Counts `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once everything tracked (including work started while waiting) has settled, or after `waitMs`. */
  settled(waitMs?: number): Promise<'settled' | 'timed_out'>;
};

export function createWorkInFlight(): WorkInFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      const entry = work.then(
        () => undefined,
        () => undefined,
      );
      running.add(entry);
      void entry.then(() => running.delete(entry));
      return work;
    },
    async settled(waitMs = CLOSE_WAIT_MS) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A real timer on purpose: shutting down is bounded in wall time, whatever clock the kiosk's rules run on.
      const deadline = new Promise<'timed_out'>((resolve) => {
        timer = setTimeout(() => resolve('timed_out'), waitMs);
        timer.unref();
      });
      const drained = (async (): Promise<'settled'> => {
        while (running.size > 0) {
          await Promise.all(running);
          // What a finished step does next (the journal row after a print) runs in the microtasks that follow it,
          // and may start more work: look again after they have run.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        return 'settled';
      })();
      try {
        return await Promise.race([drained, deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * The same handler table with every asynchronous handler's result tracked, so close() waits for a request that is
 * still talking to a device or the printer. While `refusal()` returns an answer (the kiosk is closing) every handler
 * gives that answer and starts nothing.
 */
export function trackHandlers(table: HandlerTable, work: WorkInFlight, refusal: () => unknown): HandlerTable {
  const wrapGroup = (group: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(group).map(([name, handler]) => [
        name,
        typeof handler === 'function'
          ? (...args: unknown[]) => {
              const refused = refusal();
              if (refused !== undefined) return refused;
              const result: unknown = handler(...args);
              return result instanceof Promise ? work.track(result) : result;
            }
          : handler,
      ]),
    );
  // Same keys, same signatures: each handler is only wrapped, so the table keeps its type.
  return Object.fromEntries(
    Object.entries(table).map(([groupName, group]) => [groupName, wrapGroup(group as Record<string, unknown>)]),
  ) as HandlerTable;
}
