// A deterministic cash dispenser for development, demos and tests, with injectable faults (jam, partial pick, notes
// not taken, partial or jammed retract). Its outcomes keep the contract's accounting exact: for every cassette,
// presented + rejected never exceeds the notes asked of it, and notes are attributed to cassettes in mix order.
import { loadDeviceRecord, saveDeviceRecord } from './device-record-file.ts';
import { NOTES_PER_DISPENSE_MAX, type NoteMix } from '../cash/note-mix.ts';
import {
  validateDispenseMix,
  validateTakeTimeout,
  type CashDispenser,
  type DispenseOutcome,
  type DispenseRecord,
  type DispenserMemory,
  type DispenserStatus,
  type RetractOutcome,
} from './cash-dispenser.ts';
import {
  DeviceInputError,
  DeviceStateError,
  createFaultQueue,
  isCountIn,
  realSleep,
  validateDelayMs,
  type FaultMode,
  type InjectedFault,
  type Sleep,
} from './device-types.ts';

/**
 * - `jam_before_present`: the first `pickedNotes` notes of the mix (default 0) are picked then diverted to the reject
 *   bin; nothing is presented; the dispenser goes into fault ('jam').
 * - `partial`: the first `presentedNotes` notes of the mix are presented, every other note is picked and diverted to
 *   the reject bin; the dispenser goes into fault ('partial_dispense'). If the mix has no more than
 *   `presentedNotes` notes, all but the last are presented; a one-note mix becomes a jam with that note rejected.
 * - `not_taken`: the next wait for take times out and the notes stay in the slot.
 * - `retract_partial`: the next retract pulls back at most `notes` notes (the customer took the rest).
 * - `retract_jam`: the next retract stops after `notes` notes (default 0) reached the bin; fault ('retract_jam').
 */
export type DispenserFault =
  | { readonly kind: 'jam_before_present'; readonly pickedNotes?: number }
  | { readonly kind: 'partial'; readonly presentedNotes: number }
  | { readonly kind: 'not_taken' }
  | { readonly kind: 'retract_partial'; readonly notes: number }
  | { readonly kind: 'retract_jam'; readonly notes?: number };

export type SimulatedDispenserOptions = {
  readonly sleep?: Sleep;
  /** Time to pick and present a bundle. */
  readonly dispenseMs?: number;
  /** When the simulated customer takes the notes; a take timeout shorter than this reports 'not_taken'. */
  readonly takeAfterMs?: number;
  readonly retractMs?: number;
  /** Faults armed from the start, in order. */
  readonly faults?: readonly InjectedFault<DispenserFault>[];
  /**
   * Where the simulator keeps its non-volatile record of the last dispense (like a real dispenser's memory), so a
   * new instance after a crash knows what happened and whether notes wait in the slot. Without it the simulator
   * remembers nothing across instances and says so (`lastDispense().known === false`).
   */
  readonly stateFile?: string;
};

export type SimulatedDispenser = CashDispenser & {
  injectFault(fault: DispenserFault, mode?: FaultMode): void;
  /** Drops every queued fault (the device's own fault state stays until `resetDevice`). */
  clearInjectedFaults(): void;
  injectedFaults(): readonly InjectedFault<DispenserFault>[];
  /** What staff do after clearing a jam: the device is ready again and the slot is empty. */
  resetDevice(): void;
};

/** Realistic defaults for demos; tests pass an instant `sleep`. */
export const SIMULATED_DISPENSE_MS = 2_000;
export const SIMULATED_TAKE_AFTER_MS = 1_500;
export const SIMULATED_RETRACT_MS = 1_500;

type Phase = 'idle' | 'dispensing' | 'presenting' | 'waiting' | 'retracting';

function validateFault(fault: DispenserFault): void {
  const notesOk = (value: number | undefined, min: number) =>
    value === undefined || isCountIn(value, min, NOTES_PER_DISPENSE_MAX);
  switch (fault.kind) {
    case 'jam_before_present':
      if (!notesOk(fault.pickedNotes, 0))
        throw new DeviceInputError(`pickedNotes must be 0..${NOTES_PER_DISPENSE_MAX}`);
      return;
    case 'partial':
      if (!isCountIn(fault.presentedNotes, 1, NOTES_PER_DISPENSE_MAX)) {
        throw new DeviceInputError(`presentedNotes must be 1..${NOTES_PER_DISPENSE_MAX}`);
      }
      return;
    case 'not_taken':
      return;
    case 'retract_partial':
      if (!isCountIn(fault.notes, 0, NOTES_PER_DISPENSE_MAX))
        throw new DeviceInputError(`notes must be 0..${NOTES_PER_DISPENSE_MAX}`);
      return;
    case 'retract_jam':
      if (!notesOk(fault.notes, 0)) throw new DeviceInputError(`notes must be 0..${NOTES_PER_DISPENSE_MAX}`);
      return;
    default:
      throw new DeviceInputError(`unknown dispenser fault ${String((fault as { kind: unknown }).kind)}`);
  }
}

/** Spreads `total` notes over the mix lines in mix order, each line giving at most its own notes. */
function firstNotes(mix: NoteMix, total: number): number[] {
  let left = total;
  return mix.map((line) => {
    const notes = Math.min(line.notes, left);
    left -= notes;
    return notes;
  });
}

function outcome(
  kind: DispenseOutcome['kind'],
  mix: NoteMix,
  presented: readonly number[],
  rejected: readonly number[],
): DispenseOutcome {
  const at = (list: readonly number[], index: number) => list[index] ?? 0;
  return {
    kind,
    presented: mix.map((line, index) => ({ cassetteId: line.cassetteId, notes: at(presented, index) })),
    rejected: mix.map((line, index) => ({ cassetteId: line.cassetteId, notes: at(rejected, index) })),
    presentedNotes: presented.reduce((sum, notes) => sum + notes, 0),
    presentedAmountMinor: mix.reduce((sum, line, index) => sum + at(presented, index) * line.denominationMinor, 0),
    rejectedNotes: rejected.reduce((sum, notes) => sum + notes, 0),
  };
}


export function createSimulatedDispenser(options: SimulatedDispenserOptions = {}): SimulatedDispenser {
  const sleep = options.sleep ?? realSleep;
  const dispenseMs = validateDelayMs('dispenseMs', options.dispenseMs ?? SIMULATED_DISPENSE_MS);
  const takeAfterMs = validateDelayMs('takeAfterMs', options.takeAfterMs ?? SIMULATED_TAKE_AFTER_MS);
  const retractMs = validateDelayMs('retractMs', options.retractMs ?? SIMULATED_RETRACT_MS);
  const faults = createFaultQueue<DispenserFault>(validateFault, options.faults);

  const { stateFile } = options;
  let record = loadDeviceRecord<DispenseRecord>(stateFile);
  // Notes presented before the crash are still in the slot: the device comes back presenting them.
  let phase: Phase = record?.slot === 'in_slot' ? 'presenting' : 'idle';
  let notesInSlot = record?.slot === 'in_slot' ? record.outcome.presentedNotes : 0;
  let deviceFault: string | null = null;

  const remember = (next: DispenseRecord | null) => {
    record = next;
    if (stateFile) saveDeviceRecord(stateFile, next);
  };
  const settleRecord = (slot: DispenseRecord['slot'], retractedNotes = 0) => {
    if (record) remember({ ...record, slot, retractedNotes });
  };

  /** Runs `work` in a busy phase; if the injected sleep fails, the device returns to `restore` rather than sticking. */
  async function during<T>(busy: Phase, restore: Phase, work: () => Promise<T>): Promise<T> {
    phase = busy;
    try {
      return await work();
    } catch (error) {
      phase = restore;
      throw error;
    }
  }

  function refuseUnlessIdle(): void {
    if (phase === 'presenting') throw new DeviceStateError('NOTES_IN_SLOT', 'notes are still waiting in the slot');
    if (phase !== 'idle') throw new DeviceStateError('BUSY', `the dispenser is ${phase}`);
  }

  return {
    async dispense(mix, operationId) {
      const total = validateDispenseMix(mix);
      refuseUnlessIdle();
      const none = mix.map(() => 0);
      const recorded = (result: DispenseOutcome) => {
        remember({
          operationId: operationId ?? null,
          mix,
          outcome: result,
          slot: result.presentedNotes > 0 ? 'in_slot' : 'none',
          retractedNotes: 0,
        });
        return result;
      };
      if (deviceFault !== null) return recorded(outcome('jammed_before_present', mix, none, none));
      const fault = faults.take(['jam_before_present', 'partial']);
      return during('dispensing', 'idle', async () => {
        await sleep(dispenseMs);
        const presentable = fault?.kind === 'partial' ? Math.min(fault.presentedNotes, total - 1) : total;
        if (fault?.kind === 'jam_before_present' || presentable === 0) {
          const picked = fault?.kind === 'jam_before_present' ? Math.min(fault.pickedNotes ?? 0, total) : total;
          deviceFault = 'jam';
          phase = 'idle';
          return recorded(outcome('jammed_before_present', mix, none, firstNotes(mix, picked)));
        }
        const presented = firstNotes(mix, presentable);
        const rejected = mix.map((line, index) => line.notes - (presented[index] ?? 0));
        notesInSlot = presentable;
        phase = 'presenting';
        if (fault?.kind === 'partial') {
          deviceFault = 'partial_dispense';
          return recorded(outcome('partial', mix, presented, rejected));
        }
        return recorded(outcome('presented', mix, presented, rejected));
      });
    },

    async waitForTake(timeoutMs) {
      validateTakeTimeout(timeoutMs);
      if (phase === 'idle') throw new DeviceStateError('NOTHING_PRESENTED', 'no notes are waiting in the slot');
      if (phase !== 'presenting') throw new DeviceStateError('BUSY', `the dispenser is ${phase}`);
      const notTaken = faults.take(['not_taken']) !== null || takeAfterMs > timeoutMs;
      return during('waiting', 'presenting', async () => {
        if (notTaken) {
          await sleep(timeoutMs);
          phase = 'presenting';
          return 'not_taken' as const;
        }
        await sleep(takeAfterMs);
        notesInSlot = 0;
        phase = 'idle';
        settleRecord('taken');
        return 'taken' as const;
      });
    },

    async retract(): Promise<RetractOutcome> {
      if (phase === 'idle') return { kind: 'nothing_to_retract', notes: 0 };
      if (phase !== 'presenting') throw new DeviceStateError('BUSY', `the dispenser is ${phase}`);
      const fault = faults.take(['retract_partial', 'retract_jam']);
      return during('retracting', 'presenting', async () => {
        await sleep(retractMs);
        const inSlot = notesInSlot;
        notesInSlot = 0;
        phase = 'idle';
        if (fault?.kind === 'retract_jam') {
          deviceFault = 'retract_jam';
          const jammed = Math.min(fault.notes ?? 0, inSlot);
          settleRecord('retracted', jammed);
          return { kind: 'jammed', notes: jammed };
        }
        const notes = fault?.kind === 'retract_partial' ? Math.min(fault.notes, inSlot) : inSlot;
        settleRecord('retracted', notes);
        return { kind: 'retracted', notes };
      });
    },

    lastDispense(): DispenserMemory {
      return stateFile ? { known: true, record } : { known: false };
    },

    status(): DispenserStatus {
      if (deviceFault !== null) return { state: 'fault', fault: deviceFault, notesInSlot };
      const busy = phase === 'dispensing' || phase === 'waiting' || phase === 'retracting';
      return { state: busy ? 'busy' : 'ready', fault: null, notesInSlot };
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
      if (phase !== 'idle' && phase !== 'presenting') throw new DeviceStateError('BUSY', `the dispenser is ${phase}`);
      deviceFault = null;
      // Staff emptied the slot by hand: whatever was there is theirs to count, not the customer's.
      if (record?.slot === 'in_slot') settleRecord('retracted', notesInSlot);
      notesInSlot = 0;
      phase = 'idle';
    },
  };
}
