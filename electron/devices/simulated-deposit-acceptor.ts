// A deterministic deposit acceptor for development, demos and tests. Notes are examined one by one in the order
// given; notes of a denomination it does not know are always rejected, and injected faults reject or jam on cue.
import { loadDeviceRecord, saveDeviceRecord } from './device-record-file.ts';
import {
  DEPOSIT_DENOMINATIONS_MAX,
  DEPOSIT_NOTES_MAX,
  validateDepositNotes,
  type AcceptorMemory,
  type DepositAcceptor,
  type DepositOutcome,
  type DepositRecord,
  type NoteCount,
} from './deposit-acceptor.ts';
import { DENOMINATION_MINOR_MAX } from '../cash/note-mix.ts';
import {
  DeviceInputError,
  DeviceStateError,
  createFaultQueue,
  isCountIn,
  realSleep,
  validateDelayMs,
  type DeviceStatus,
  type FaultMode,
  type InjectedFault,
  type Sleep,
} from './device-types.ts';

/**
 * - `reject`: the next `notes` notes that would be accepted (only of `denominationMinor`, if given) are rejected as
 *   unfit; applies to one bunch.
 * - `jam`: the acceptor jams after examining `afterNotes` notes of the next bunch; the rest are given back and the
 *   acceptor is in fault ('jam') until reset.
 */
export type AcceptorFault =
  | { readonly kind: 'reject'; readonly notes: number; readonly denominationMinor?: number }
  | { readonly kind: 'jam'; readonly afterNotes: number };

export type SimulatedAcceptorOptions = {
  /** Denominations the acceptor recognises; anything else is rejected. */
  readonly denominationsMinor: readonly number[];
  readonly sleep?: Sleep;
  /** Time to count one bunch. */
  readonly countMs?: number;
  readonly faults?: readonly InjectedFault<AcceptorFault>[];
  /**
   * Where the simulator keeps its non-volatile record of the last operation (like a real acceptor's memory), so a new
   * instance after a crash knows what the interrupted deposit kept. Without it the simulator remembers nothing across
   * instances and says so (`lastDeposit().known === false`).
   */
  readonly stateFile?: string;
};

export type SimulatedAcceptor = DepositAcceptor & {
  /** Always present: `known` only with a state file. */
  lastDeposit(): AcceptorMemory;
  injectFault(fault: AcceptorFault, mode?: FaultMode): void;
  clearInjectedFaults(): void;
  injectedFaults(): readonly InjectedFault<AcceptorFault>[];
  resetDevice(): void;
};

export const SIMULATED_COUNT_MS = 2_000;

function validateFault(fault: AcceptorFault): void {
  switch (fault.kind) {
    case 'reject':
      if (!isCountIn(fault.notes, 1, DEPOSIT_NOTES_MAX))
        throw new DeviceInputError(`notes must be 1..${DEPOSIT_NOTES_MAX}`);
      if (fault.denominationMinor !== undefined && !isCountIn(fault.denominationMinor, 1, DENOMINATION_MINOR_MAX)) {
        throw new DeviceInputError(`denomination must be 1..${DENOMINATION_MINOR_MAX}`);
      }
      return;
    case 'jam':
      if (!isCountIn(fault.afterNotes, 0, DEPOSIT_NOTES_MAX))
        throw new DeviceInputError(`afterNotes must be 0..${DEPOSIT_NOTES_MAX}`);
      return;
    default:
      throw new DeviceInputError(`unknown acceptor fault ${String((fault as { kind: unknown }).kind)}`);
  }
}

/** Merges per-denomination tallies into the outcome's shape: count > 0, largest denomination first. */
function listOf(tally: ReadonlyMap<number, number>): NoteCount[] {
  return [...tally.entries()]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => b - a)
    .map(([denominationMinor, count]) => ({ denominationMinor, count }));
}

function outcomeOf(
  kind: DepositOutcome['kind'],
  accepted: ReadonlyMap<number, number>,
  rejected: ReadonlyMap<number, number>,
): DepositOutcome {
  const acceptedList = listOf(accepted);
  const rejectedList = listOf(rejected);
  return {
    kind,
    accepted: acceptedList,
    rejected: rejectedList,
    acceptedNotes: acceptedList.reduce((sum, entry) => sum + entry.count, 0),
    acceptedAmountMinor: acceptedList.reduce((sum, entry) => sum + entry.count * entry.denominationMinor, 0),
    rejectedNotes: rejectedList.reduce((sum, entry) => sum + entry.count, 0),
  };
}


export function createSimulatedDepositAcceptor(options: SimulatedAcceptorOptions): SimulatedAcceptor {
  const known = options.denominationsMinor;
  if (known.length === 0 || known.length > DEPOSIT_DENOMINATIONS_MAX) {
    throw new DeviceInputError(`the acceptor knows 1..${DEPOSIT_DENOMINATIONS_MAX} denominations`);
  }
  for (const denomination of known) {
    if (!isCountIn(denomination, 1, DENOMINATION_MINOR_MAX))
      throw new DeviceInputError(`denomination must be 1..${DENOMINATION_MINOR_MAX}`);
  }
  const recognised = new Set(known);
  const sleep = options.sleep ?? realSleep;
  const countMs = validateDelayMs('countMs', options.countMs ?? SIMULATED_COUNT_MS);
  const faults = createFaultQueue<AcceptorFault>(validateFault, options.faults);

  let busy = false;
  let deviceFault: string | null = null;
  const { stateFile } = options;
  let record = loadDeviceRecord<DepositRecord>(stateFile);
  const remember = (next: DepositRecord) => {
    record = next;
    if (stateFile) saveDeviceRecord(stateFile, next);
  };

  return {
    async accept(notes, operationId) {
      validateDepositNotes(notes);
      if (busy) throw new DeviceStateError('BUSY', 'the acceptor is counting');
      const operation = operationId ?? null;
      // The bunch is in the acceptor from here on: the record names it before any note can be kept.
      remember({ operationId: operation, outcome: null });
      const recorded = (result: DepositOutcome) => {
        remember({ operationId: operation, outcome: result });
        return result;
      };
      const accepted = new Map<number, number>();
      const rejected = new Map<number, number>();
      const add = (tally: Map<number, number>, denomination: number, count: number) =>
        tally.set(denomination, (tally.get(denomination) ?? 0) + count);
      if (deviceFault !== null) {
        for (const entry of notes) add(rejected, entry.denominationMinor, entry.count);
        return recorded(outcomeOf('jammed', accepted, rejected));
      }
      const rejectFault = faults.take(['reject']);
      const jamFault = faults.take(['jam']);
      busy = true;
      try {
        await sleep(countMs);
      } finally {
        busy = false;
      }
      let toReject = rejectFault?.notes ?? 0;
      let examined = 0;
      for (const entry of notes) {
        for (let note = 0; note < entry.count; note++) {
          const denomination = entry.denominationMinor;
          if (jamFault !== null && examined >= jamFault.afterNotes) {
            add(rejected, denomination, 1);
            continue;
          }
          examined++;
          const unfit =
            toReject > 0 &&
            (rejectFault?.denominationMinor === undefined || rejectFault.denominationMinor === denomination);
          if (!recognised.has(denomination)) {
            add(rejected, denomination, 1);
          } else if (unfit) {
            toReject--;
            add(rejected, denomination, 1);
          } else {
            add(accepted, denomination, 1);
          }
        }
      }
      if (jamFault !== null) {
        deviceFault = 'jam';
        return recorded(outcomeOf('jammed', accepted, rejected));
      }
      return recorded(outcomeOf('counted', accepted, rejected));
    },

    lastDeposit(): AcceptorMemory {
      return stateFile ? { known: true, record } : { known: false };
    },

    status(): DeviceStatus {
      if (deviceFault !== null) return { state: 'fault', fault: deviceFault };
      return { state: busy ? 'busy' : 'ready', fault: null };
    },

    injectFault(fault, mode = 'once') {
      faults.inject(fault, mode);
    },
    clearInjectedFaults() {
      faults.clear();
    },
    injectedFaults() {
      return faults.pending();
    },
    resetDevice() {
      if (busy) throw new DeviceStateError('BUSY', 'the acceptor is counting');
      deviceFault = null;
    },
  };
}
