// The cash dispenser's contract. Every outcome reports, per cassette, exactly how many notes were presented and how
// many were diverted to the reject bin (the rest never left the cassette), so the cassette counts and the ledger
// can be settled from the outcome alone.
import {
  CASSETTES_MAX,
  DENOMINATION_MINOR_MAX,
  NOTES_PER_DISPENSE_MAX,
  type NoteMix,
  type NotesByCassette,
} from '../cash/note-mix.ts';
import { DeviceInputError, isCountIn, type DeviceStatus } from './device-types.ts';

/** Longest a dispenser waits for the customer to take presented notes before reporting 'not_taken'. */
export const TAKE_TIMEOUT_MS_MAX = 120_000;

/**
 * - `presented`: every note of the mix is in the slot; nothing rejected.
 * - `partial`: some notes (≥ 1, fewer than asked) are in the slot; every other picked note went to the reject bin.
 *   The ledger posts `presentedAmountMinor` only.
 * - `jammed_before_present`: nothing is in the slot. Notes picked before the jam went to the reject bin
 *   (`rejected`, possibly all zero); notes not picked stayed in their cassettes. The hold is voided.
 *
 * `presented` and `rejected` list every cassette of the mix, in mix order, zeros included.
 */
export type DispenseOutcome = {
  readonly kind: 'presented' | 'partial' | 'jammed_before_present';
  readonly presented: readonly NotesByCassette[];
  readonly rejected: readonly NotesByCassette[];
  readonly presentedNotes: number;
  readonly presentedAmountMinor: number;
  readonly rejectedNotes: number;
};

/** Nothing left the cassettes: what a dispenser that threw, or never served a withdrawal, amounts to. */
export const NOTHING_DISPENSED: DispenseOutcome = {
  kind: 'jammed_before_present',
  presented: [],
  rejected: [],
  presentedNotes: 0,
  presentedAmountMinor: 0,
  rejectedNotes: 0,
};

/**
 * - `retracted`: `notes` notes are in the retract bin (fewer than presented if the customer took some at the last
 *   moment).
 * - `nothing_to_retract`: the slot was empty; `notes` is 0.
 * - `jammed`: the retract stopped; `notes` reached the bin, the device is in fault and staff must check the slot.
 */
export type RetractOutcome = {
  readonly kind: 'retracted' | 'nothing_to_retract' | 'jammed';
  readonly notes: number;
};

export type DispenserStatus = DeviceStatus & {
  /** Notes presented and waiting in the slot. */
  readonly notesInSlot: number;
};

/**
 * The device's own non-volatile record of its last dispense (as XFS CDM "present status" gives it): which operation,
 * what was picked, and where the notes are now. It survives a crash of the kiosk software, so an interrupted
 * withdrawal can be settled by what the device did rather than guessed.
 */
export type DispenseRecord = {
  /** The id the kiosk passed to `dispense` (the withdrawal's hold id). */
  readonly operationId: string | null;
  readonly mix: NoteMix;
  readonly outcome: DispenseOutcome;
  /** `in_slot`: presented and still there; `taken`; `retracted`; `none`: nothing was presented (a jam). */
  readonly slot: 'in_slot' | 'taken' | 'retracted' | 'none';
  readonly retractedNotes: number;
};

/** `known: false`: the device keeps no such record, so nothing can be concluded from it. */
export type DispenserMemory = { readonly known: false } | { readonly known: true; readonly record: DispenseRecord | null };

export type CashDispenser = {
  /**
   * Picks the mix and presents it. Device conditions (jam, partial pick, a dispenser already in fault) resolve as
   * outcomes, never as rejections; a faulted dispenser reports `jammed_before_present` with nothing picked.
   * Throws DeviceInputError for a malformed mix and DeviceStateError when notes still wait in the slot or it is busy.
   */
  dispense(mix: NoteMix, operationId?: string): Promise<DispenseOutcome>;
  /** The device's record of its last dispense; drivers without one may leave this out. */
  lastDispense?(): DispenserMemory;
  /** Waits up to `timeoutMs` for the customer to take the presented notes. */
  waitForTake(timeoutMs: number): Promise<'taken' | 'not_taken'>;
  /** Pulls notes left in the slot into the retract bin. */
  retract(): Promise<RetractOutcome>;
  status(): DispenserStatus;
};

/** Checks a mix against the dispenser's limits; throws DeviceInputError. Returns its note total. */
export function validateDispenseMix(mix: NoteMix): number {
  if (!Array.isArray(mix) || mix.length === 0 || mix.length > CASSETTES_MAX) {
    throw new DeviceInputError(`a mix has 1..${CASSETTES_MAX} lines`);
  }
  const cassettes = new Set<number>();
  let notes = 0;
  for (const line of mix) {
    if (!Number.isSafeInteger(line.cassetteId)) throw new DeviceInputError('cassette id must be an integer');
    if (cassettes.has(line.cassetteId))
      throw new DeviceInputError(`cassette ${line.cassetteId} appears twice in the mix`);
    cassettes.add(line.cassetteId);
    if (!isCountIn(line.denominationMinor, 1, DENOMINATION_MINOR_MAX)) {
      throw new DeviceInputError(`cassette ${line.cassetteId}: denomination must be 1..${DENOMINATION_MINOR_MAX}`);
    }
    if (!isCountIn(line.notes, 1, NOTES_PER_DISPENSE_MAX)) {
      throw new DeviceInputError(`cassette ${line.cassetteId}: notes must be 1..${NOTES_PER_DISPENSE_MAX}`);
    }
    notes += line.notes;
  }
  if (notes > NOTES_PER_DISPENSE_MAX)
    throw new DeviceInputError(`a dispense carries at most ${NOTES_PER_DISPENSE_MAX} notes`);
  return notes;
}

export function validateTakeTimeout(timeoutMs: number): void {
  if (!isCountIn(timeoutMs, 1, TAKE_TIMEOUT_MS_MAX)) {
    throw new DeviceInputError(`take timeout must be an integer in 1..${TAKE_TIMEOUT_MS_MAX} ms`);
  }
}
