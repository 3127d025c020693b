// The note mix sums exactly, respects every cassette's count and the 40-note limit, uses the fewest notes (checked
// against an exhaustive search) and is null exactly when no mix exists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASSETTES_MAX,
  FAST_CASH_PRESETS_MAX,
  NOTES_PER_DISPENSE_MAX,
  dispensablePresets,
  mixAmountMinor,
  mixNoteCount,
  planNoteMix,
  type CassetteStock,
  type NoteMix,
} from '../../electron/cash/note-mix.ts';

const DENOMINATIONS = [500, 1000, 2000, 5000, 10000] as const;

type Best = { notes: number; byDenomination: number[] } | null;

/**
 * Exhaustive search over every per-cassette note count (no tables, no cleverness): the fewest notes, and among
 * those the largest count of the largest denomination, then the next… — the planner's documented tie-break.
 */
function bruteForce(amountMinor: number, cassettes: readonly CassetteStock[]): Best {
  const denominations = [...new Set(cassettes.map((cassette) => cassette.denominationMinor))].sort((a, b) => b - a);
  let best: Best = null;
  const taken = cassettes.map(() => 0);
  const visit = (index: number, remaining: number, notes: number): void => {
    if (notes > NOTES_PER_DISPENSE_MAX) return;
    if (index === cassettes.length) {
      if (remaining !== 0) return;
      const byDenomination = denominations.map((denomination) =>
        cassettes.reduce(
          (sum, cassette, at) => sum + (cassette.denominationMinor === denomination ? (taken[at] ?? 0) : 0),
          0,
        ),
      );
      if (best === null || notes < best.notes) {
        best = { notes, byDenomination };
        return;
      }
      if (notes === best.notes) {
        const current = best;
        const position = byDenomination.findIndex((count, at) => count !== current.byDenomination[at]);
        if (position >= 0 && (byDenomination[position] ?? 0) > (current.byDenomination[position] ?? 0)) {
          best = { notes, byDenomination };
        }
      }
      return;
    }
    const cassette = cassettes[index];
    if (cassette === undefined) return;
    const most = Math.min(
      cassette.count,
      Math.floor(remaining / cassette.denominationMinor),
      NOTES_PER_DISPENSE_MAX - notes,
    );
    for (let count = 0; count <= most; count++) {
      taken[index] = count;
      visit(index + 1, remaining - count * cassette.denominationMinor, notes + count);
    }
    taken[index] = 0;
  };
  if (Number.isSafeInteger(amountMinor) && amountMinor > 0) visit(0, amountMinor, 0);
  return best;
}

function expectValid(mix: NoteMix, amountMinor: number, cassettes: readonly CassetteStock[]): void {
  expect(mixAmountMinor(mix)).toBe(amountMinor);
  expect(mixNoteCount(mix)).toBeLessThanOrEqual(NOTES_PER_DISPENSE_MAX);
  const ids = new Set<number>();
  for (const line of mix) {
    expect(ids.has(line.cassetteId)).toBe(false);
    ids.add(line.cassetteId);
    const cassette = cassettes.find((candidate) => candidate.cassetteId === line.cassetteId);
    expect(cassette).toBeDefined();
    expect(line.denominationMinor).toBe(cassette?.denominationMinor);
    expect(line.notes).toBeGreaterThan(0);
    expect(line.notes).toBeLessThanOrEqual(cassette?.count ?? 0);
  }
}

const cassettesArb = fc
  .array(fc.record({ denominationMinor: fc.constantFrom(...DENOMINATIONS), count: fc.integer({ min: 0, max: 60 }) }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((list): CassetteStock[] => list.map((cassette, index) => ({ cassetteId: index + 1, ...cassette })));

const amountArb = fc.oneof(
  fc.integer({ min: 1, max: 80 }).map((steps) => steps * 500),
  fc.integer({ min: 1, max: 800 }).map((steps) => steps * 500),
  fc.integer({ min: -1_000, max: 450_000 }),
);

/** Cassettes with an amount drawn from their own notes, so most cases have a mix (if it fits in 40 notes). */
const makeableArb = cassettesArb.chain((cassettes) =>
  fc.tuple(
    fc.constant(cassettes),
    fc
      .tuple(...cassettes.map((cassette) => fc.integer({ min: 0, max: Math.min(cassette.count, 15) })))
      .map((counts) =>
        counts.reduce((sum, count, index) => sum + count * (cassettes[index]?.denominationMinor ?? 0), 0),
      ),
  ),
);

describe('planNoteMix (properties)', () => {
  it('is valid, minimal, breaks ties as documented, and is null exactly when no mix exists', () => {
    fc.assert(
      fc.property(cassettesArb, amountArb, (cassettes, amountMinor) => {
        const mix = planNoteMix(amountMinor, cassettes);
        const best = bruteForce(amountMinor, cassettes);
        if (best === null) {
          expect(mix).toBeNull();
          return;
        }
        expect(mix).not.toBeNull();
        if (mix === null) return;
        expectValid(mix, amountMinor, cassettes);
        expect(mixNoteCount(mix)).toBe(best.notes);
        const denominations = [...new Set(cassettes.map((cassette) => cassette.denominationMinor))].sort(
          (a, b) => b - a,
        );
        const byDenomination = denominations.map((denomination) =>
          mix.filter((line) => line.denominationMinor === denomination).reduce((sum, line) => sum + line.notes, 0),
        );
        expect(byDenomination).toEqual(best.byDenomination);
      }),
      { numRuns: 400 },
    );
  });

  it('finds the shortest mix for amounts drawn from the cassettes themselves', () => {
    fc.assert(
      fc.property(makeableArb, ([cassettes, amountMinor]) => {
        const mix = planNoteMix(amountMinor, cassettes);
        const best = bruteForce(amountMinor, cassettes);
        expect(mix === null).toBe(best === null);
        if (mix === null || best === null) return;
        expectValid(mix, amountMinor, cassettes);
        expect(mixNoteCount(mix)).toBe(best.notes);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order the cassettes are listed in', () => {
    fc.assert(
      fc.property(
        cassettesArb.chain((cassettes) =>
          fc.tuple(fc.constant(cassettes), fc.shuffledSubarray(cassettes, { minLength: cassettes.length })),
        ),
        amountArb,
        ([cassettes, shuffled], amountMinor) => {
          expect(planNoteMix(amountMinor, shuffled)).toEqual(planNoteMix(amountMinor, cassettes));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('respects a lower notesMax', () => {
    fc.assert(
      fc.property(
        cassettesArb,
        amountArb,
        fc.integer({ min: 1, max: NOTES_PER_DISPENSE_MAX }),
        (cassettes, amountMinor, notesMax) => {
          const mix = planNoteMix(amountMinor, cassettes, { notesMax });
          const unlimited = planNoteMix(amountMinor, cassettes);
          if (unlimited === null || mixNoteCount(unlimited) > notesMax) {
            expect(mix).toBeNull();
          } else {
            expect(mix).toEqual(unlimited);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

const stock = (...entries: [cassetteId: number, denominationMinor: number, count: number][]): CassetteStock[] =>
  entries.map(([cassetteId, denominationMinor, count]) => ({ cassetteId, denominationMinor, count }));

describe('planNoteMix (examples)', () => {
  const fiftyTwentyTen = stock([1, 5000, 10], [2, 2000, 10], [3, 1000, 10]);

  it('makes 80.00 from 50/20/10 as 50 + 20 + 10', () => {
    expect(planNoteMix(8000, fiftyTwentyTen)).toEqual([
      { cassetteId: 1, denominationMinor: 5000, notes: 1 },
      { cassetteId: 2, denominationMinor: 2000, notes: 1 },
      { cassetteId: 3, denominationMinor: 1000, notes: 1 },
    ]);
  });

  it('makes 60.00 from 50s and 20s as 3 × 20, because a 50 would leave 10 that cannot be made', () => {
    expect(planNoteMix(6000, stock([1, 5000, 10], [2, 2000, 10]))).toEqual([
      { cassetteId: 2, denominationMinor: 2000, notes: 3 },
    ]);
  });

  it('falls back to smaller notes when a cassette runs out', () => {
    // One 50 would leave 150.00, which 20s cannot make: all 20s instead.
    expect(planNoteMix(20000, stock([1, 5000, 1], [2, 2000, 10]))).toEqual([
      { cassetteId: 2, denominationMinor: 2000, notes: 10 },
    ]);
    expect(planNoteMix(10000, stock([1, 5000, 1], [2, 2000, 10]))).toEqual([
      { cassetteId: 2, denominationMinor: 2000, notes: 5 },
    ]);
    expect(planNoteMix(10000, stock([1, 5000, 0], [2, 2000, 4], [3, 1000, 10]))).toEqual([
      { cassetteId: 2, denominationMinor: 2000, notes: 4 },
      { cassetteId: 3, denominationMinor: 1000, notes: 2 },
    ]);
  });

  it('refuses an amount that needs more than 40 notes, and accepts exactly 40', () => {
    const fives = stock([1, 500, 60]);
    expect(planNoteMix(40 * 500, fives)).toEqual([{ cassetteId: 1, denominationMinor: 500, notes: 40 }]);
    expect(planNoteMix(41 * 500, fives)).toBeNull();
  });

  it('refuses amounts that are not positive integers or not a multiple of any combination', () => {
    for (const amount of [0, -2000, 2000.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(planNoteMix(amount, fiftyTwentyTen), String(amount)).toBeNull();
    }
    expect(planNoteMix(1250, fiftyTwentyTen)).toBeNull();
    expect(planNoteMix(3000, stock([1, 2000, 10]))).toBeNull();
    expect(planNoteMix(2000, [])).toBeNull();
    expect(planNoteMix(2000, stock([1, 2000, 0]))).toBeNull();
  });

  it('breaks a tie between equally short mixes towards the larger denomination', () => {
    // 30.00 is 20 + 10 or 15 + 15: both two notes.
    expect(planNoteMix(3000, stock([1, 1500, 10], [2, 2000, 10], [3, 1000, 10]))).toEqual([
      { cassetteId: 2, denominationMinor: 2000, notes: 1 },
      { cassetteId: 3, denominationMinor: 1000, notes: 1 },
    ]);
  });

  it('takes one denomination from the fullest of its cassettes first, so twin cassettes empty evenly', () => {
    expect(planNoteMix(8 * 2000, stock([1, 2000, 10], [2, 2000, 4]))).toEqual([
      { cassetteId: 1, denominationMinor: 2000, notes: 7 },
      { cassetteId: 2, denominationMinor: 2000, notes: 1 },
    ]);
    // Twin cassettes pool their notes for the 40-note limit and for the count.
    expect(mixNoteCount(planNoteMix(30 * 2000, stock([1, 2000, 20], [2, 2000, 20])) ?? [])).toBe(30);
  });

  it('refuses in bounded time when the denominations share only a tiny step', () => {
    const started = performance.now();
    expect(planNoteMix(40 * 10_000_000, stock([1, 1, 100], [2, 10_000_000, 100]))).toBeNull();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rejects malformed cassettes as a programming error', () => {
    expect(() => planNoteMix(2000, stock([1, 2000, -1]))).toThrow(RangeError);
    expect(() => planNoteMix(2000, stock([1, 2000, 1.5]))).toThrow(RangeError);
    expect(() => planNoteMix(2000, stock([1, 0, 10]))).toThrow(RangeError);
    expect(() => planNoteMix(2000, stock([1, 2000, 10], [1, 1000, 10]))).toThrow(RangeError);
    const tooMany = Array.from({ length: CASSETTES_MAX + 1 }, (_, index): [number, number, number] => [
      index + 1,
      2000,
      1,
    ]);
    expect(() => planNoteMix(2000, stock(...tooMany))).toThrow(RangeError);
    expect(() => planNoteMix(2000, stock([1, 2000, 10]), { notesMax: 41 })).toThrow(RangeError);
    expect(() => planNoteMix(2000, stock([1, 2000, 10]), { notesMax: 0 })).toThrow(RangeError);
  });
});

describe('dispensablePresets', () => {
  it('keeps the fast-cash presets the cassettes can make now, in order', () => {
    const cassettes = stock([1, 5000, 2], [2, 2000, 1]);
    expect(dispensablePresets([2000, 5000, 10000, 15000, 30000, 12000], cassettes)).toEqual([2000, 5000, 10000, 12000]);
    expect(dispensablePresets([2000, 5000], [])).toEqual([]);
  });

  it('refuses an unbounded preset list', () => {
    const presets = Array.from({ length: FAST_CASH_PRESETS_MAX + 1 }, (_, index) => (index + 1) * 1000);
    expect(() => dispensablePresets(presets, stock([1, 1000, 10]))).toThrow(RangeError);
  });
});
