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

/**
 * The device's own non-volatile record of its last deposit operation (as XFS CIM's cash-in status gives it). It
 * survives a crash of the kiosk software, so a deposit cut off while counting, or before its credit was booked, is
 * settled by what the device kept rather than guessed.
 */
export type DepositRecord = {
  /** The id the kiosk passed to `accept` (the deposit operation's id). */
  readonly operationId: string | null;
  /**
   * What the device kept and gave back; null while it was still counting. A bunch interrupted then is given back
   * whole (nothing is stacked before the count ends), so null means nothing was kept.
   */
  readonly outcome: DepositOutcome | null;
};

/** `known: false`: the device keeps no such record, so nothing can be concluded from it. */
export type AcceptorMemory =
  { readonly known: false } | { readonly known: true; readonly record: DepositRecord | null };

export type DepositAcceptor = {
  /**
   * Counts an inserted bunch. Device conditions resolve as outcomes; a faulted acceptor gives every note back as a
   * `jammed` outcome with nothing accepted. Throws DeviceInputError for a malformed bunch, DeviceStateError if busy;
   * both before any note is taken. `operationId` names the operation in the device's record (see `lastDeposit`).
   */
  accept(notes: readonly NoteCount[], operationId?: string): Promise<DepositOutcome>;
  /**
   * The device's record of its last operation, updated from the moment `accept` takes a bunch (before any note is
   * kept) to its outcome. Real drivers report the device's own counts; drivers without a record may leave this out.
   */
  lastDeposit?(): AcceptorMemory;
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
