// The simulated devices behave like the contract says: each injected fault produces exactly the documented outcome
// (per-cassette counts, device status), bad input is refused with a typed error, and no test waits on a real timer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NoteMix } from '../../electron/cash/note-mix.ts';
import { TAKE_TIMEOUT_MS_MAX } from '../../electron/devices/cash-dispenser.ts';
import {
  DEPOSIT_DENOMINATIONS_MAX,
  DEPOSIT_NOTES_MAX,
  type NoteCount,
} from '../../electron/devices/deposit-acceptor.ts';
import { DeviceInputError, DeviceStateError, INJECTED_FAULTS_MAX } from '../../electron/devices/device-types.ts';
import {
  createSimulatedDispenser,
  type SimulatedDispenserOptions,
} from '../../electron/devices/simulated-cash-dispenser.ts';
import { createSimulatedDepositAcceptor } from '../../electron/devices/simulated-deposit-acceptor.ts';

/** An instant sleep that remembers what it was asked to wait. */
function fakeSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** A sleep the test releases by hand, to observe a device mid-operation. */
function heldSleep() {
  let release: () => void = () => {};
  const sleep = (_ms: number) => new Promise<void>((resolve) => (release = resolve));
  return { sleep, release: () => release() };
}

// 2 × 50.00 from cassette 1 and 3 × 20.00 from cassette 2: 160.00 in 5 notes.
const MIX: NoteMix = [
  { cassetteId: 1, denominationMinor: 5000, notes: 2 },
  { cassetteId: 2, denominationMinor: 2000, notes: 3 },
];

function dispenser(options: SimulatedDispenserOptions = {}) {
  const clock = fakeSleep();
  const device = createSimulatedDispenser({
    dispenseMs: 2_000,
    takeAfterMs: 1_000,
    retractMs: 500,
    sleep: clock.sleep,
    ...options,
  });
  return { device, waits: clock.waits };
}

describe('simulated cash dispenser', () => {
  it('presents the whole mix, then the customer takes it', async () => {
    const { device, waits } = dispenser();

    const outcome = await device.dispense(MIX);

    expect(outcome).toEqual({
      kind: 'presented',
      presented: [
        { cassetteId: 1, notes: 2 },
        { cassetteId: 2, notes: 3 },
      ],
      rejected: [
        { cassetteId: 1, notes: 0 },
        { cassetteId: 2, notes: 0 },
      ],
      presentedNotes: 5,
      presentedAmountMinor: 16000,
      rejectedNotes: 0,
    });
    expect(device.status()).toEqual({ state: 'ready', fault: null, notesInSlot: 5 });
    expect(await device.waitForTake(30_000)).toBe('taken');
    expect(device.status()).toEqual({ state: 'ready', fault: null, notesInSlot: 0 });
    expect(await device.retract()).toEqual({ kind: 'nothing_to_retract', notes: 0 });
    expect(waits).toEqual([2_000, 1_000]);
  });

  it('jam_before_present: nothing presented, the picked notes (in mix order) rejected, device in fault', async () => {
    const { device } = dispenser();
    device.injectFault({ kind: 'jam_before_present', pickedNotes: 3 });

    const outcome = await device.dispense(MIX);

    expect(outcome).toEqual({
      kind: 'jammed_before_present',
      presented: [
        { cassetteId: 1, notes: 0 },
        { cassetteId: 2, notes: 0 },
      ],
      rejected: [
        { cassetteId: 1, notes: 2 },
        { cassetteId: 2, notes: 1 },
      ],
      presentedNotes: 0,
      presentedAmountMinor: 0,
      rejectedNotes: 3,
    });
    expect(device.status()).toEqual({ state: 'fault', fault: 'jam', notesInSlot: 0 });
    await expect(device.waitForTake(1_000)).rejects.toMatchObject({ code: 'NOTHING_PRESENTED' });
  });

  it('a faulted dispenser picks nothing until reset', async () => {
    const { device, waits } = dispenser();
    device.injectFault({ kind: 'jam_before_present' });
    expect((await device.dispense(MIX)).rejectedNotes).toBe(0);

    const again = await device.dispense(MIX);
    expect(again.kind).toBe('jammed_before_present');
    expect(again.presentedNotes + again.rejectedNotes).toBe(0);
    expect(waits).toEqual([2_000]);

    device.resetDevice();
    expect(device.status()).toEqual({ state: 'ready', fault: null, notesInSlot: 0 });
    expect((await device.dispense(MIX)).kind).toBe('presented');
  });

  it('partial: the first k notes presented, every other note rejected, device in fault, notes still takeable', async () => {
    const { device } = dispenser();
    device.injectFault({ kind: 'partial', presentedNotes: 3 });

    const outcome = await device.dispense(MIX);

    expect(outcome).toEqual({
      kind: 'partial',
      presented: [
        { cassetteId: 1, notes: 2 },
        { cassetteId: 2, notes: 1 },
      ],
      rejected: [
        { cassetteId: 1, notes: 0 },
        { cassetteId: 2, notes: 2 },
      ],
      presentedNotes: 3,
      presentedAmountMinor: 12000,
      rejectedNotes: 2,
    });
    expect(device.status()).toEqual({ state: 'fault', fault: 'partial_dispense', notesInSlot: 3 });
    expect(await device.waitForTake(30_000)).toBe('taken');
  });

  it('partial never presents the whole mix, and a one-note partial is a jam with that note rejected', async () => {
    const { device } = dispenser();
    device.injectFault({ kind: 'partial', presentedNotes: 40 });
    const most = await device.dispense(MIX);
    expect([most.kind, most.presentedNotes, most.rejectedNotes]).toEqual(['partial', 4, 1]);

    const { device: single } = dispenser();
    single.injectFault({ kind: 'partial', presentedNotes: 1 });
    const one = await single.dispense([{ cassetteId: 7, denominationMinor: 2000, notes: 1 }]);
    expect(one).toMatchObject({
      kind: 'jammed_before_present',
      presentedNotes: 0,
      rejected: [{ cassetteId: 7, notes: 1 }],
    });
  });

  it('not_taken: the wait times out, the notes stay in the slot, and retract pulls them all back', async () => {
    const { device, waits } = dispenser();
    device.injectFault({ kind: 'not_taken' });
    await device.dispense(MIX);

    expect(await device.waitForTake(30_000)).toBe('not_taken');
    expect(device.status().notesInSlot).toBe(5);
    expect(await device.retract()).toEqual({ kind: 'retracted', notes: 5 });
    expect(device.status()).toEqual({ state: 'ready', fault: null, notesInSlot: 0 });
    expect(waits).toEqual([2_000, 30_000, 500]);
  });

  it('a customer slower than the timeout is not_taken without any fault', async () => {
    const { device } = dispenser({ takeAfterMs: 45_000 });
    await device.dispense(MIX);
    expect(await device.waitForTake(30_000)).toBe('not_taken');
    expect(await device.waitForTake(60_000)).toBe('taken');
  });

  it('retract_partial and retract_jam report exactly the notes that reached the bin', async () => {
    const { device } = dispenser({ takeAfterMs: 60_000 });
    device.injectFault({ kind: 'retract_partial', notes: 2 });
    await device.dispense(MIX);
    await device.waitForTake(1_000);
    expect(await device.retract()).toEqual({ kind: 'retracted', notes: 2 });

    device.injectFault({ kind: 'retract_jam', notes: 1 });
    await device.dispense(MIX);
    expect(await device.retract()).toEqual({ kind: 'jammed', notes: 1 });
    expect(device.status()).toEqual({ state: 'fault', fault: 'retract_jam', notesInSlot: 0 });
  });

  it('one-shot faults are used once, sticky ones until cleared, in the order armed (also at construction)', async () => {
    const { device } = dispenser({ faults: [{ fault: { kind: 'not_taken' }, mode: 'sticky' }] });
    await device.dispense(MIX);
    expect(await device.waitForTake(5_000)).toBe('not_taken');
    expect(await device.waitForTake(5_000)).toBe('not_taken');
    device.clearInjectedFaults();
    expect(await device.waitForTake(5_000)).toBe('taken');

    device.injectFault({ kind: 'partial', presentedNotes: 1 });
    device.injectFault({ kind: 'jam_before_present', pickedNotes: 2 });
    expect(device.injectedFaults()).toHaveLength(2);
    expect((await device.dispense(MIX)).kind).toBe('partial');
    await device.retract();
    device.resetDevice();
    expect((await device.dispense(MIX)).kind).toBe('jammed_before_present');
    device.resetDevice();
    expect((await device.dispense(MIX)).kind).toBe('presented');
    expect(device.injectedFaults()).toEqual([]);
  });

  it('refuses calls out of turn with DeviceStateError', async () => {
    const held = heldSleep();
    const device = createSimulatedDispenser({ sleep: held.sleep });
    const first = device.dispense(MIX);
    expect(device.status().state).toBe('busy');
    await expect(device.dispense(MIX)).rejects.toMatchObject({ code: 'BUSY' });
    held.release();
    await first;
    await expect(device.dispense(MIX)).rejects.toBeInstanceOf(DeviceStateError);
    await expect(device.dispense(MIX)).rejects.toMatchObject({ code: 'NOTES_IN_SLOT' });
  });

  it('refuses malformed mixes, timeouts and faults with DeviceInputError', async () => {
    const { device } = dispenser();
    const bad: NoteMix[] = [
      [],
      [{ cassetteId: 1, denominationMinor: 5000, notes: 0 }],
      [{ cassetteId: 1, denominationMinor: 5000, notes: 1.5 }],
      [{ cassetteId: 1, denominationMinor: 0, notes: 1 }],
      [{ cassetteId: 1, denominationMinor: 5000, notes: 41 }],
      [
        { cassetteId: 1, denominationMinor: 5000, notes: 30 },
        { cassetteId: 2, denominationMinor: 2000, notes: 11 },
      ],
      [
        { cassetteId: 1, denominationMinor: 5000, notes: 1 },
        { cassetteId: 1, denominationMinor: 5000, notes: 1 },
      ],
    ];
    for (const mix of bad)
      await expect(device.dispense(mix), JSON.stringify(mix)).rejects.toBeInstanceOf(DeviceInputError);

    await device.dispense(MIX);
    for (const timeout of [0, -1, 1.5, TAKE_TIMEOUT_MS_MAX + 1]) {
      await expect(device.waitForTake(timeout)).rejects.toBeInstanceOf(DeviceInputError);
    }
    expect(() => device.injectFault({ kind: 'partial', presentedNotes: 0 })).toThrow(DeviceInputError);
    expect(() => device.injectFault({ kind: 'jam_before_present', pickedNotes: 41 })).toThrow(DeviceInputError);
    expect(() => device.injectFault({ kind: 'melt' } as never)).toThrow(DeviceInputError);
    for (let index = 0; index < INJECTED_FAULTS_MAX; index++) device.injectFault({ kind: 'not_taken' });
    expect(() => device.injectFault({ kind: 'not_taken' })).toThrow(DeviceInputError);
    expect(() => createSimulatedDispenser({ dispenseMs: -1 })).toThrow(DeviceInputError);
  });
});

describe('simulated deposit acceptor', () => {
  function acceptor() {
    const clock = fakeSleep();
    const device = createSimulatedDepositAcceptor({
      denominationsMinor: [1000, 2000, 5000],
      countMs: 3_000,
      sleep: clock.sleep,
    });
    return { device, waits: clock.waits };
  }

  it('accepts every recognised note and totals them', async () => {
    const { device, waits } = acceptor();
    const outcome = await device.accept([
      { denominationMinor: 2000, count: 3 },
      { denominationMinor: 5000, count: 1 },
    ]);
    expect(outcome).toEqual({
      kind: 'counted',
      accepted: [
        { denominationMinor: 5000, count: 1 },
        { denominationMinor: 2000, count: 3 },
      ],
      rejected: [],
      acceptedNotes: 4,
      acceptedAmountMinor: 11000,
      rejectedNotes: 0,
    });
    expect(device.status()).toEqual({ state: 'ready', fault: null });
    expect(waits).toEqual([3_000]);
  });

  it('gives back notes it does not recognise', async () => {
    const { device } = acceptor();
    const outcome = await device.accept([
      { denominationMinor: 10000, count: 2 },
      { denominationMinor: 1000, count: 1 },
    ]);
    expect(outcome).toMatchObject({
      kind: 'counted',
      accepted: [{ denominationMinor: 1000, count: 1 }],
      rejected: [{ denominationMinor: 10000, count: 2 }],
      acceptedAmountMinor: 1000,
    });
  });

  it('reject fault: rejects exactly the next n notes of the given denomination, once', async () => {
    const { device } = acceptor();
    device.injectFault({ kind: 'reject', notes: 2, denominationMinor: 2000 });
    const notes: NoteCount[] = [
      { denominationMinor: 5000, count: 1 },
      { denominationMinor: 2000, count: 3 },
    ];
    expect(await device.accept(notes)).toMatchObject({
      kind: 'counted',
      accepted: [
        { denominationMinor: 5000, count: 1 },
        { denominationMinor: 2000, count: 1 },
      ],
      rejected: [{ denominationMinor: 2000, count: 2 }],
      acceptedAmountMinor: 7000,
    });
    expect((await device.accept(notes)).rejectedNotes).toBe(0);
  });

  it('jam fault: notes examined before the jam count as usual, the rest are given back, device in fault', async () => {
    const { device } = acceptor();
    device.injectFault({ kind: 'jam', afterNotes: 2 });
    const outcome = await device.accept([
      { denominationMinor: 2000, count: 1 },
      { denominationMinor: 10000, count: 1 },
      { denominationMinor: 5000, count: 2 },
    ]);
    expect(outcome).toEqual({
      kind: 'jammed',
      accepted: [{ denominationMinor: 2000, count: 1 }],
      rejected: [
        { denominationMinor: 10000, count: 1 },
        { denominationMinor: 5000, count: 2 },
      ],
      acceptedNotes: 1,
      acceptedAmountMinor: 2000,
      rejectedNotes: 3,
    });
    expect(device.status()).toEqual({ state: 'fault', fault: 'jam' });

    const whileJammed = await device.accept([{ denominationMinor: 2000, count: 4 }]);
    expect(whileJammed).toMatchObject({
      kind: 'jammed',
      acceptedNotes: 0,
      rejected: [{ denominationMinor: 2000, count: 4 }],
    });
    device.resetDevice();
    expect((await device.accept([{ denominationMinor: 2000, count: 4 }])).acceptedNotes).toBe(4);
  });

  it('every inserted note ends up accepted or given back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            denominationMinor: fc.constantFrom(500, 1000, 2000, 5000),
            count: fc.integer({ min: 1, max: 20 }),
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.option(fc.integer({ min: 0, max: 60 })),
        fc.option(fc.integer({ min: 1, max: 30 })),
        async (notes, jamAfter, rejectNotes) => {
          const { device } = acceptor();
          if (jamAfter !== null) device.injectFault({ kind: 'jam', afterNotes: jamAfter });
          if (rejectNotes !== null) device.injectFault({ kind: 'reject', notes: rejectNotes });
          const outcome = await device.accept(notes);
          const inserted = notes.reduce((sum, entry) => sum + entry.count, 0);
          expect(outcome.acceptedNotes + outcome.rejectedNotes).toBe(inserted);
          for (const denomination of new Set(notes.map((entry) => entry.denominationMinor))) {
            const of = (list: readonly NoteCount[]) =>
              list.find((entry) => entry.denominationMinor === denomination)?.count ?? 0;
            const insertedOf = notes
              .filter((entry) => entry.denominationMinor === denomination)
              .reduce((sum, entry) => sum + entry.count, 0);
            expect(of(outcome.accepted) + of(outcome.rejected)).toBe(insertedOf);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses malformed bunches with DeviceInputError and a second bunch while counting with DeviceStateError', async () => {
    const { device } = acceptor();
    const bad: NoteCount[][] = [
      [],
      [{ denominationMinor: 2000, count: 0 }],
      [{ denominationMinor: 2000, count: DEPOSIT_NOTES_MAX + 1 }],
      [
        { denominationMinor: 2000, count: DEPOSIT_NOTES_MAX },
        { denominationMinor: 1000, count: 1 },
      ],
      [{ denominationMinor: -5, count: 1 }],
      Array.from({ length: DEPOSIT_DENOMINATIONS_MAX + 1 }, (_, index) => ({
        denominationMinor: (index + 1) * 100,
        count: 1,
      })),
    ];
    for (const notes of bad)
      await expect(device.accept(notes), JSON.stringify(notes)).rejects.toBeInstanceOf(DeviceInputError);
    expect(() => device.injectFault({ kind: 'jam', afterNotes: -1 })).toThrow(DeviceInputError);
    expect(() => createSimulatedDepositAcceptor({ denominationsMinor: [] })).toThrow(DeviceInputError);

    const held = heldSleep();
    const slow = createSimulatedDepositAcceptor({ denominationsMinor: [2000], sleep: held.sleep });
    const first = slow.accept([{ denominationMinor: 2000, count: 1 }]);
    expect(slow.status().state).toBe('busy');
    await expect(slow.accept([{ denominationMinor: 2000, count: 1 }])).rejects.toMatchObject({ code: 'BUSY' });
    held.release();
    expect((await first).acceptedNotes).toBe(1);
  });
});
