// The note mix: which notes, from which cassettes, make an amount. Pure and bounded: a mix always sums exactly to
// the amount, never takes more notes than a cassette holds or than one dispense may carry, and uses the fewest notes.
// An amount that cannot be made returns null, so it is refused before any hold is placed.

/** Most notes one dispense may present: the dispenser's bundle limit (and what a customer can take in one hand). */
export const NOTES_PER_DISPENSE_MAX = 40;

/** Most cassettes the kiosk (and so one note mix) can have. */
export const CASSETTES_MAX = 8;

/** Largest note value accepted anywhere on the cash side, in minor units (100 000.00 in a 2-decimal currency). */
export const DENOMINATION_MINOR_MAX = 10_000_000;

/**
 * Bounds the planner's work: the amount, counted in units of the denominations' greatest common divisor, may not
 * exceed this. Real note sets stay far below it (40 × 100.00 over a 1.00 step is 4 000 units); an amount above it is
 * refused (null) rather than planned slowly. Work is at most this × NOTES_PER_DISPENSE_MAX × CASSETTES_MAX steps.
 */
export const NOTE_MIX_UNITS_MAX = 50_000;

/** Most fast-cash presets checked at once (the screen shows far fewer). */
export const FAST_CASH_PRESETS_MAX = 16;

/** A cassette's usable notes as the planner sees them (faulted cassettes are left out by the caller). */
export type CassetteStock = {
  readonly cassetteId: number;
  readonly denominationMinor: number;
  readonly count: number;
};

/** Notes to take from one cassette; `notes` is always > 0 in a planned mix. */
export type NoteMixLine = {
  readonly cassetteId: number;
  readonly denominationMinor: number;
  readonly notes: number;
};

/** Lines ordered by denomination (largest first), then cassette id. */
export type NoteMix = readonly NoteMixLine[];

/** A count of notes attributed to one cassette: what a dispenser presented, or diverted to the reject bin. */
export type NotesByCassette = {
  readonly cassetteId: number;
  readonly notes: number;
};

export type NoteMixOptions = {
  /** A lower per-dispense note limit (e.g. a smaller dispenser); never above NOTES_PER_DISPENSE_MAX. */
  readonly notesMax?: number;
};

/** Marks "cannot be made within the note limit" in the planner's tables (notes fit in a byte: ≤ 40). */
const UNREACHABLE = 255;

type Pool = {
  readonly denominationMinor: number;
  /** Notes usable from this denomination, already capped at the per-dispense limit. */
  readonly available: number;
  readonly cassettes: readonly CassetteStock[];
};

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

function validateCassettes(cassettes: readonly CassetteStock[]): void {
  if (cassettes.length > CASSETTES_MAX)
    throw new RangeError(`at most ${CASSETTES_MAX} cassettes, got ${cassettes.length}`);
  const ids = new Set<number>();
  for (const cassette of cassettes) {
    const { cassetteId, denominationMinor, count } = cassette;
    if (!Number.isSafeInteger(cassetteId)) throw new RangeError(`cassette id must be an integer, got ${cassetteId}`);
    if (ids.has(cassetteId)) throw new RangeError(`cassette ${cassetteId} is listed twice`);
    ids.add(cassetteId);
    if (
      !Number.isSafeInteger(denominationMinor) ||
      denominationMinor <= 0 ||
      denominationMinor > DENOMINATION_MINOR_MAX
    ) {
      throw new RangeError(`cassette ${cassetteId}: denomination must be an integer in 1..${DENOMINATION_MINOR_MAX}`);
    }
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError(`cassette ${cassetteId}: count must be a non-negative integer`);
  }
}

function resolveNotesMax(options: NoteMixOptions | undefined): number {
  const notesMax = options?.notesMax ?? NOTES_PER_DISPENSE_MAX;
  if (!Number.isSafeInteger(notesMax) || notesMax < 1 || notesMax > NOTES_PER_DISPENSE_MAX) {
    throw new RangeError(`notesMax must be an integer in 1..${NOTES_PER_DISPENSE_MAX}`);
  }
  return notesMax;
}

/** Cassettes of one denomination act as one pool for the count; ascending by denomination. */
function poolsOf(cassettes: readonly CassetteStock[], notesMax: number): Pool[] {
  const byDenomination = new Map<number, CassetteStock[]>();
  for (const cassette of cassettes) {
    if (cassette.count === 0) continue;
    const group = byDenomination.get(cassette.denominationMinor) ?? [];
    group.push(cassette);
    byDenomination.set(cassette.denominationMinor, group);
  }
  return [...byDenomination.entries()]
    .sort(([a], [b]) => a - b)
    .map(([denominationMinor, group]) => ({
      denominationMinor,
      available: Math.min(
        notesMax,
        group.reduce((sum, cassette) => sum + cassette.count, 0),
      ),
      cassettes: group,
    }));
}

/**
 * Takes `notes` from a denomination's cassettes one at a time from the fullest (lowest id on a tie), so twin
 * cassettes run down evenly and neither empties early while the other is full.
 */
function spread(pool: Pool, notes: number): NoteMixLine[] {
  const remaining = new Map(pool.cassettes.map((cassette) => [cassette.cassetteId, cassette.count]));
  const taken = new Map<number, number>();
  for (let note = 0; note < notes; note++) {
    let fullest: number | null = null;
    for (const [cassetteId, count] of remaining) {
      const best = fullest === null ? -1 : (remaining.get(fullest) ?? 0);
      if (count > best || (count === best && fullest !== null && cassetteId < fullest)) fullest = cassetteId;
    }
    if (fullest === null || (remaining.get(fullest) ?? 0) <= 0) {
      throw new Error('note mix: pool ran out while spreading (planner bug)');
    }
    remaining.set(fullest, (remaining.get(fullest) ?? 0) - 1);
    taken.set(fullest, (taken.get(fullest) ?? 0) + 1);
  }
  return [...taken.entries()].map(([cassetteId, count]) => ({
    cassetteId,
    denominationMinor: pool.denominationMinor,
    notes: count,
  }));
}

/**
 * Plans the notes for `amountMinor` from the usable cassettes, or returns null when no mix of at most the note limit
 * makes it exactly (also for an amount that is not a positive integer).
 *
 * Among all valid mixes it returns the one with the fewest notes; among those, the one with the most notes of the
 * largest denomination, then of the next largest, and so on (small notes are kept for the amounts only they can
 * make); within one denomination notes come from the fullest cassette first. The result is fully deterministic.
 *
 * Method: bounded change-making by dynamic programming over amount ÷ gcd(denominations), one table layer per
 * denomination, each entry the fewest notes (≤ the limit) making that sub-amount.
 */
export function planNoteMix(
  amountMinor: number,
  cassettes: readonly CassetteStock[],
  options?: NoteMixOptions,
): NoteMix | null {
  validateCassettes(cassettes);
  const notesMax = resolveNotesMax(options);
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) return null;

  const pools = poolsOf(cassettes, notesMax);
  const largest = pools.at(-1);
  if (largest === undefined) return null;
  if (amountMinor > notesMax * largest.denominationMinor) return null;
  const step = pools.reduce((divisor, pool) => gcd(divisor, pool.denominationMinor), 0);
  if (amountMinor % step !== 0) return null;
  const target = amountMinor / step;
  if (target > NOTE_MIX_UNITS_MAX) return null;

  // layers[i][t]: fewest notes making t units from pools 0..i (UNREACHABLE if more than notesMax are needed).
  const base = new Uint8Array(target + 1).fill(UNREACHABLE);
  base[0] = 0;
  const layers: Uint8Array[] = [];
  let previous = base;
  for (const pool of pools) {
    const unit = pool.denominationMinor / step;
    const layer = new Uint8Array(target + 1).fill(UNREACHABLE);
    for (let t = 0; t <= target; t++) {
      let best = UNREACHABLE;
      const most = Math.min(pool.available, Math.floor(t / unit));
      for (let j = 0; j <= most; j++) {
        const rest = previous[t - j * unit] ?? UNREACHABLE;
        if (rest !== UNREACHABLE && rest + j < best) best = rest + j;
      }
      layer[t] = best <= notesMax ? best : UNREACHABLE;
    }
    layers.push(layer);
    previous = layer;
  }
  if ((previous[target] ?? UNREACHABLE) === UNREACHABLE) return null;

  // Walk back from the largest denomination, taking as many of it as still allows an optimal rest.
  const lines: NoteMixLine[] = [];
  let remaining = target;
  for (let index = pools.length - 1; index >= 0; index--) {
    const pool = pools[index];
    const layer = layers[index];
    if (pool === undefined || layer === undefined) throw new Error('note mix: table out of range (planner bug)');
    const below = index === 0 ? base : layers[index - 1];
    if (below === undefined) throw new Error('note mix: table out of range (planner bug)');
    const unit = pool.denominationMinor / step;
    const goal = layer[remaining] ?? UNREACHABLE;
    let chosen = -1;
    for (let j = Math.min(pool.available, Math.floor(remaining / unit)); j >= 0; j--) {
      const rest = below[remaining - j * unit] ?? UNREACHABLE;
      if (rest !== UNREACHABLE && rest + j === goal) {
        chosen = j;
        break;
      }
    }
    if (chosen < 0) throw new Error('note mix: no optimal step found (planner bug)');
    remaining -= chosen * unit;
    if (chosen > 0) lines.push(...spread(pool, chosen).sort((a, b) => a.cassetteId - b.cassetteId));
  }
  if (remaining !== 0) throw new Error('note mix: amount not fully made (planner bug)');
  return lines;
}

/** The fast-cash presets (in the order given) that the cassettes can make right now. */
export function dispensablePresets(
  presetsMinor: readonly number[],
  cassettes: readonly CassetteStock[],
  options?: NoteMixOptions,
): number[] {
  if (presetsMinor.length > FAST_CASH_PRESETS_MAX) {
    throw new RangeError(`at most ${FAST_CASH_PRESETS_MAX} presets, got ${presetsMinor.length}`);
  }
  return presetsMinor.filter((preset) => planNoteMix(preset, cassettes, options) !== null);
}

export function mixNoteCount(mix: NoteMix): number {
  return mix.reduce((sum, line) => sum + line.notes, 0);
}

export function mixAmountMinor(mix: NoteMix): number {
  return mix.reduce((sum, line) => sum + line.notes * line.denominationMinor, 0);
}
