// What every device driver shares: its status, its typed errors and the injectable sleep, plus the fault queue the
// simulators use. Drivers take time only through `sleep`, so a simulator runs instantly under test.

export type DeviceState = 'ready' | 'busy' | 'fault';

export type DeviceStatus = {
  readonly state: DeviceState;
  /** Why the device is in fault (e.g. 'jam'), null otherwise. Cleared only by a device reset (staff). */
  readonly fault: string | null;
};

/** Waits `ms` milliseconds. Drivers never call timers directly so tests can pass an instant one. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Longest simulated operation time (dispensing, counting, a customer taking notes) a simulator accepts. */
export const SIMULATED_DELAY_MS_MAX = 60_000;

/** Most faults a simulator holds queued at once. */
export const INJECTED_FAULTS_MAX = 32;

/** A call to a device with arguments outside its contract (a programming error, never a device condition). */
export class DeviceInputError extends Error {
  readonly code = 'INVALID_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'DeviceInputError';
  }
}

export type DeviceStateErrorCode = 'BUSY' | 'NOTES_IN_SLOT' | 'NOTHING_PRESENTED';

/** A call the device cannot take in its current state (e.g. a dispense while notes wait in the slot). */
export class DeviceStateError extends Error {
  readonly code: DeviceStateErrorCode;
  constructor(code: DeviceStateErrorCode, message: string) {
    super(message);
    this.name = 'DeviceStateError';
    this.code = code;
  }
}

/** 'once': the next matching operation fails, then the fault is gone; 'sticky': every one fails until cleared. */
export type FaultMode = 'once' | 'sticky';

export type InjectedFault<F> = { readonly fault: F; readonly mode: FaultMode };

export function isCountIn(value: number, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}

export function validateDelayMs(name: string, value: number): number {
  if (!isCountIn(value, 0, SIMULATED_DELAY_MS_MAX)) {
    throw new DeviceInputError(`${name} must be an integer in 0..${SIMULATED_DELAY_MS_MAX} ms`);
  }
  return value;
}

/**
 * Faults waiting to happen, first in first out. Each operation takes the first queued fault of the kinds it can
 * suffer; a one-shot fault is used up by that, a sticky one stays.
 */
export function createFaultQueue<F extends { readonly kind: string }>(
  validate: (fault: F) => void,
  initial: readonly InjectedFault<F>[] = [],
) {
  const queue: InjectedFault<F>[] = [];
  const inject = (fault: F, mode: FaultMode = 'once'): void => {
    if (queue.length >= INJECTED_FAULTS_MAX) throw new DeviceInputError(`at most ${INJECTED_FAULTS_MAX} faults queued`);
    if (mode !== 'once' && mode !== 'sticky') throw new DeviceInputError(`unknown fault mode ${String(mode)}`);
    validate(fault);
    queue.push({ fault, mode });
  };
  for (const entry of initial) inject(entry.fault, entry.mode);
  return {
    inject,
    take<K extends F['kind']>(kinds: readonly K[]): Extract<F, { kind: K }> | null {
      const index = queue.findIndex((entry) => (kinds as readonly string[]).includes(entry.fault.kind));
      const entry = queue[index];
      if (entry === undefined) return null;
      if (entry.mode === 'once') queue.splice(index, 1);
      return entry.fault as Extract<F, { kind: K }>;
    },
    clear(): void {
      queue.length = 0;
    },
    pending(): readonly InjectedFault<F>[] {
      return [...queue];
    },
  };
}
