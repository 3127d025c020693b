// The deposit (note) acceptor's contract. Every inserted note ends in exactly one of `accepted` (kept, to be
// credited) or `rejected` (given back to the customer), so a deposit is credited for `acceptedAmountMinor` only.
import { DENOMINATION_MINOR_MAX } from '../cash/note-mix.ts';
import { DeviceInputError, isCountIn, type DeviceStatus } from './device-types.ts';

/** Most notes in one inserted bunch (the acceptor's feeder capacity). */
export const DEPOSIT_NOTES_MAX = 100;

/** Most distinct denominations listed for one bunch. */
export const DEPOSIT_DENOMINATIONS_MAX = 16;

export type NoteCount = {
  readonly denominationMinor: number;
  readonly count: number;
};

/**
 * - `counted`: every note was either accepted or rejected (unrecognised, unfit or suspect notes are rejected).
 * - `jammed`: the acceptor stopped; notes counted before the jam are accepted or rejected as usual and every note
 *   after it is given back (in `rejected`); the acceptor is in fault.
 *
 * Both lists hold one entry per denomination with count > 0, largest denomination first.
 */
export type DepositOutcome = {
  readonly kind: 'counted' | 'jammed';
  readonly accepted: readonly NoteCount[];
  readonly rejected: readonly NoteCount[];
  readonly acceptedNotes: number;
  readonly acceptedAmountMinor: number;
  readonly rejectedNotes: number;
};

export type DepositAcceptor = {
  /**
   * Counts an inserted bunch. Device conditions resolve as outcomes; a faulted acceptor gives every note back as a
   * `jammed` outcome with nothing accepted. Throws DeviceInputError for a malformed bunch, DeviceStateError if busy.
   */
  accept(notes: readonly NoteCount[]): Promise<DepositOutcome>;
  status(): DeviceStatus;
};

/** Checks a bunch against the acceptor's limits; throws DeviceInputError. Returns its note total. */
export function validateDepositNotes(notes: readonly NoteCount[]): number {
  if (!Array.isArray(notes) || notes.length === 0 || notes.length > DEPOSIT_DENOMINATIONS_MAX) {
    throw new DeviceInputError(`a bunch lists 1..${DEPOSIT_DENOMINATIONS_MAX} denominations`);
  }
  let total = 0;
  for (const entry of notes) {
    if (!isCountIn(entry.denominationMinor, 1, DENOMINATION_MINOR_MAX)) {
      throw new DeviceInputError(`denomination must be 1..${DENOMINATION_MINOR_MAX}`);
    }
    if (!isCountIn(entry.count, 1, DEPOSIT_NOTES_MAX))
      throw new DeviceInputError(`count must be 1..${DEPOSIT_NOTES_MAX}`);
    total += entry.count;
  }
  if (total > DEPOSIT_NOTES_MAX) throw new DeviceInputError(`a bunch holds at most ${DEPOSIT_NOTES_MAX} notes`);
  return total;
}
