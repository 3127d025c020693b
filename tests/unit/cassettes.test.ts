// The cassettes hold what the kiosk can pay out: replenishment sets them, every dispense outcome is accounted
// note by note (presented leaves, rejected goes to the reject bin, the rest stays), a count never goes negative,
// and every counter equals the sum of its append-only movements — on a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CASSETTE_LOW_NOTES,
  CASSETTE_NOTES_MAX,
  CashAccountingError,
  createCassetteRepo,
  type CassetteLoad,
  type CassetteRepo,
} from '../../electron/cash/cassette-repo.ts';
import { planNoteMix, type NoteMix } from '../../electron/cash/note-mix.ts';
import { migrate } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { openDatabase, type Db } from '../../electron/db/open-database.ts';
import { createSimulatedDispenser } from '../../electron/devices/simulated-cash-dispenser.ts';

const NOW = '2025-06-01T09:00:00.000Z';
const LATER = '2025-06-01T10:00:00.000Z';
const TRANSFER_ID = '01973a2e-8c00-7000-8000-000000000001';

const STANDARD_LOAD: CassetteLoad[] = [
  { position: 1, denominationMinor: 5000, currency: 'EUR', count: 200 },
  { position: 2, denominationMinor: 2000, currency: 'EUR', count: 300 },
  { position: 3, denominationMinor: 1000, currency: 'EUR', count: 50 },
];

let dir: string;
let db: Db;
let repo: CassetteRepo;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atm-cash-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  migrate(db, migrations);
  repo = createCassetteRepo(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const idAt = (position: number): number => {
  const cassette = repo.list().find((candidate) => candidate.position === position);
  if (!cassette) throw new Error(`no cassette at ${position}`);
  return cassette.id;
};
const movementCount = (): number => (db.prepare('SELECT count(*) AS n FROM cash_movements').get() as { n: number }).n;
const codeOf = (action: () => unknown): string | null => {
  try {
    action();
  } catch (error) {
    if (error instanceof CashAccountingError) return error.code;
    throw error;
  }
  return null;
};

describe('replenishment (configure)', () => {
  it('loads three denominations, with statuses and the total value Σ count × denomination', () => {
    const report = repo.configure(STANDARD_LOAD, { now: NOW, reference: 'replenish-1' });

    expect(report.unloaded).toEqual([]);
    expect(
      repo.list().map(({ position, denominationMinor, currency, count, rejects, status }) => ({
        position,
        denominationMinor,
        currency,
        count,
        rejects,
        status,
      })),
    ).toEqual([
      { position: 1, denominationMinor: 5000, currency: 'EUR', count: 200, rejects: 0, status: 'ok' },
      { position: 2, denominationMinor: 2000, currency: 'EUR', count: 300, rejects: 0, status: 'ok' },
      { position: 3, denominationMinor: 1000, currency: 'EUR', count: 50, rejects: 0, status: 'low' },
    ]);
    expect(repo.totalValueMinor('EUR')).toBe(200 * 5000 + 300 * 2000 + 50 * 1000);
    expect(repo.totalValueMinor('USD')).toBe(0);
    expect(repo.verifyCounts()).toEqual([]);
  });

  it('reports what came out at the next replenishment, clears rejects and may change a denomination', () => {
    repo.configure(STANDARD_LOAD, { now: NOW });
    const one = idAt(1);
    const mix: NoteMix = [{ cassetteId: one, denominationMinor: 5000, notes: 4 }];
    repo.applyDispense(mix, [{ cassetteId: one, notes: 3 }], [{ cassetteId: one, notes: 1 }], { now: NOW });

    const report = repo.configure(
      [
        { position: 1, denominationMinor: 10000, currency: 'EUR', count: 100 },
        { position: 4, denominationMinor: 500, currency: 'EUR', count: 500 },
      ],
      { now: LATER },
    );

    expect(report.unloaded).toEqual([
      { cassetteId: one, position: 1, denominationMinor: 5000, currency: 'EUR', count: 196, rejects: 1 },
    ]);
    expect(
      report.cassettes.map((cassette) => [
        cassette.position,
        cassette.denominationMinor,
        cassette.count,
        cassette.rejects,
      ]),
    ).toEqual([
      [1, 10000, 100, 0],
      [2, 2000, 300, 0],
      [3, 1000, 50, 0],
      [4, 500, 500, 0],
    ]);
    expect(idAt(1)).toBe(one);
    expect(repo.verifyCounts()).toEqual([]);
  });

  it('refuses a malformed replenishment and writes nothing', () => {
    const bad: CassetteLoad[][] = [
      [],
      [{ position: 0, denominationMinor: 5000, currency: 'EUR', count: 1 }],
      [{ position: 9, denominationMinor: 5000, currency: 'EUR', count: 1 }],
      [STANDARD_LOAD[0] as CassetteLoad, { position: 1, denominationMinor: 2000, currency: 'EUR', count: 1 }],
      [{ position: 1, denominationMinor: 0, currency: 'EUR', count: 1 }],
      [{ position: 1, denominationMinor: 5000, currency: 'EUR', count: -1 }],
      [{ position: 1, denominationMinor: 5000, currency: 'EUR', count: CASSETTE_NOTES_MAX + 1 }],
      [{ position: 1, denominationMinor: 5000, currency: 'EUR', count: 1.5 }],
      [{ position: 1, denominationMinor: 5000, currency: 'XXX', count: 1 }],
    ];
    for (const loads of bad)
      expect(
        codeOf(() => repo.configure(loads, { now: NOW })),
        JSON.stringify(loads),
      ).toBe('INVALID_INPUT');
    expect(repo.list()).toEqual([]);
    expect(movementCount()).toBe(0);
  });
});

describe('usable cassettes and the note mix', () => {
  it('offers only cassettes of the currency that hold notes and are not faulted', () => {
    repo.configure(
      [
        ...STANDARD_LOAD,
        { position: 4, denominationMinor: 500, currency: 'EUR', count: 0 },
        { position: 5, denominationMinor: 2000, currency: 'USD', count: 10 },
      ],
      { now: NOW },
    );
    repo.markFault(idAt(2), NOW);

    expect(repo.usable('EUR')).toEqual([
      { cassetteId: idAt(1), denominationMinor: 5000, count: 200 },
      { cassetteId: idAt(3), denominationMinor: 1000, count: 50 },
    ]);
    expect(planNoteMix(6000, repo.usable('EUR'))).toEqual([
      { cassetteId: idAt(1), denominationMinor: 5000, notes: 1 },
      { cassetteId: idAt(3), denominationMinor: 1000, notes: 1 },
    ]);

    repo.clearFault(idAt(2), LATER);
    expect(repo.list().find((cassette) => cassette.position === 2)?.status).toBe('ok');
    expect(repo.usable('EUR')).toHaveLength(3);
  });
});

describe('applyDispense', () => {
  beforeEach(() => {
    repo.configure(STANDARD_LOAD, { now: NOW });
  });

  it('takes a fully presented mix out of the cassettes', () => {
    const mix = planNoteMix(8000, repo.usable('EUR'));
    if (!mix) throw new Error('no mix');
    const before = repo.totalValueMinor('EUR');

    const accounting = repo.applyDispense(
      mix,
      mix.map(({ cassetteId, notes }) => ({ cassetteId, notes })),
      [],
      {
        now: LATER,
        reference: TRANSFER_ID,
      },
    );

    expect(accounting).toEqual({
      presentedNotes: 3,
      presentedAmountMinor: 8000,
      rejectedNotes: 0,
      rejectedAmountMinor: 0,
    });
    expect(repo.list().map((cassette) => cassette.count)).toEqual([199, 299, 49]);
    expect(repo.totalValueMinor('EUR')).toBe(before - 8000);
    expect(repo.rejectValueMinor('EUR')).toBe(0);
    expect(repo.verifyCounts()).toEqual([]);
  });

  it('counts a partial dispense exactly: presented and rejected both leave, rejected land in rejects, unpicked stay', () => {
    const [one, two] = [idAt(1), idAt(2)];
    const mix: NoteMix = [
      { cassetteId: one, denominationMinor: 5000, notes: 2 },
      { cassetteId: two, denominationMinor: 2000, notes: 5 },
    ];
    const before = repo.totalValueMinor('EUR');

    const accounting = repo.applyDispense(
      mix,
      [
        { cassetteId: one, notes: 2 },
        { cassetteId: two, notes: 1 },
      ],
      [{ cassetteId: two, notes: 2 }],
      { now: LATER, reference: TRANSFER_ID },
    );

    expect(accounting).toEqual({
      presentedNotes: 3,
      presentedAmountMinor: 12000,
      rejectedNotes: 2,
      rejectedAmountMinor: 4000,
    });
    const [first, second] = repo.list();
    expect([first?.count, first?.rejects, second?.count, second?.rejects]).toEqual([198, 0, 297, 2]);
    // Nothing vanished: what left the dispensable cash is what was presented plus what is now in the reject bin.
    expect(before - repo.totalValueMinor('EUR')).toBe(accounting.presentedAmountMinor + repo.rejectValueMinor('EUR'));
    expect(repo.verifyCounts()).toEqual([]);
  });

  it('settles each simulated dispenser outcome (partial, jam) from the outcome alone', async () => {
    const dispenser = createSimulatedDispenser({ sleep: async () => {} });
    const mix = planNoteMix(9000, repo.usable('EUR'));
    if (!mix) throw new Error('no mix');

    dispenser.injectFault({ kind: 'partial', presentedNotes: 2 });
    const partial = await dispenser.dispense(mix);
    const settled = repo.applyDispense(mix, partial.presented, partial.rejected, { now: LATER });
    expect(settled.presentedAmountMinor).toBe(partial.presentedAmountMinor);
    expect(settled.rejectedNotes).toBe(partial.rejectedNotes);
    expect(repo.list().map((cassette) => [cassette.count, cassette.rejects])).toEqual([
      [199, 0],
      [298, 1],
      [50, 0],
    ]);

    await dispenser.retract();
    dispenser.resetDevice();
    dispenser.injectFault({ kind: 'jam_before_present', pickedNotes: 0 });
    const jam = await dispenser.dispense(mix);
    const movementsBefore = movementCount();
    expect(repo.applyDispense(mix, jam.presented, jam.rejected, { now: LATER })).toEqual({
      presentedNotes: 0,
      presentedAmountMinor: 0,
      rejectedNotes: 0,
      rejectedAmountMinor: 0,
    });
    expect(movementCount()).toBe(movementsBefore);
    expect(repo.verifyCounts()).toEqual([]);
  });

  it('refuses a dispense larger than a count and changes nothing, even for cassettes listed before it', () => {
    const [one, three] = [idAt(1), idAt(3)];
    const mix: NoteMix = [
      { cassetteId: one, denominationMinor: 5000, notes: 2 },
      { cassetteId: three, denominationMinor: 1000, notes: 20 },
    ];
    db.prepare('UPDATE cassettes SET count = 10 WHERE id = ?').run(three);
    const before = repo.list();
    const movementsBefore = movementCount();

    expect(
      codeOf(() =>
        repo.applyDispense(
          mix,
          [
            { cassetteId: one, notes: 2 },
            { cassetteId: three, notes: 20 },
          ],
          [],
          { now: LATER },
        ),
      ),
    ).toBe('COUNT_EXCEEDED');
    expect(repo.list()).toEqual(before);
    expect(movementCount()).toBe(movementsBefore);
  });

  it('empties a cassette to exactly zero and marks it empty; lets it run low', () => {
    const three = idAt(3);
    db.prepare('UPDATE cassettes SET count = 30 WHERE id = ?').run(three);
    const mix: NoteMix = [{ cassetteId: three, denominationMinor: 1000, notes: 30 }];
    repo.applyDispense(mix, [{ cassetteId: three, notes: 30 }], [], { now: LATER });
    expect(repo.list().find((cassette) => cassette.id === three)).toMatchObject({ count: 0, status: 'empty' });

    const two = idAt(2);
    const lowBy = 300 - CASSETTE_LOW_NOTES + 1;
    const twenties: NoteMix = [{ cassetteId: two, denominationMinor: 2000, notes: 40 }];
    for (let taken = 0; taken < lowBy; taken += 40) {
      const notes = Math.min(40, lowBy - taken);
      repo.applyDispense(twenties, [{ cassetteId: two, notes }], [], { now: LATER });
    }
    expect(repo.list().find((cassette) => cassette.id === two)).toMatchObject({
      count: CASSETTE_LOW_NOTES - 1,
      status: 'low',
    });
  });

  it('refuses a mix for another denomination (the cassette was reloaded since the plan) and an unknown cassette', () => {
    const one = idAt(1);
    expect(
      codeOf(() =>
        repo.applyDispense(
          [{ cassetteId: one, denominationMinor: 2000, notes: 1 }],
          [{ cassetteId: one, notes: 1 }],
          [],
          { now: LATER },
        ),
      ),
    ).toBe('DENOMINATION_MISMATCH');
    expect(
      codeOf(() =>
        repo.applyDispense(
          [{ cassetteId: 999, denominationMinor: 2000, notes: 1 }],
          [{ cassetteId: 999, notes: 1 }],
          [],
          { now: LATER },
        ),
      ),
    ).toBe('UNKNOWN_CASSETTE');
    expect(repo.verifyCounts()).toEqual([]);
  });

  it('refuses outcomes that do not fit the mix', () => {
    const [one, two] = [idAt(1), idAt(2)];
    const mix: NoteMix = [{ cassetteId: one, denominationMinor: 5000, notes: 2 }];
    const context = { now: LATER };
    const cases: [string, () => unknown][] = [
      [
        'more than asked',
        () => repo.applyDispense(mix, [{ cassetteId: one, notes: 2 }], [{ cassetteId: one, notes: 1 }], context),
      ],
      ['cassette not in mix', () => repo.applyDispense(mix, [{ cassetteId: two, notes: 1 }], [], context)],
      [
        'listed twice',
        () =>
          repo.applyDispense(
            mix,
            [
              { cassetteId: one, notes: 1 },
              { cassetteId: one, notes: 1 },
            ],
            [],
            context,
          ),
      ],
      ['negative', () => repo.applyDispense(mix, [{ cassetteId: one, notes: -1 }], [], context)],
      ['empty mix', () => repo.applyDispense([], [], [], context)],
      [
        '41-note mix',
        () => repo.applyDispense([{ cassetteId: one, denominationMinor: 5000, notes: 41 }], [], [], context),
      ],
      ['long reference', () => repo.applyDispense(mix, [], [], { now: LATER, reference: 'x'.repeat(65) })],
    ];
    for (const [name, action] of cases) expect(codeOf(action), name).toBe('INVALID_INPUT');
    expect(repo.verifyCounts()).toEqual([]);
  });

  it("joins the caller's transaction: rolled back with it, and a refused dispense can be caught inside it", () => {
    const one = idAt(1);
    const mix: NoteMix = [{ cassetteId: one, denominationMinor: 5000, notes: 1 }];
    const before = repo.list();

    expect(() =>
      db.transaction(() => {
        repo.applyDispense(mix, [{ cassetteId: one, notes: 1 }], [], { now: LATER });
        throw new Error('ledger post failed');
      })(),
    ).toThrow('ledger post failed');
    expect(repo.list()).toEqual(before);

    db.transaction(() => {
      const tooMany: NoteMix = [{ cassetteId: one, denominationMinor: 5000, notes: 1 }];
      db.prepare('UPDATE cassettes SET count = 0 WHERE id = ?').run(idAt(2));
      expect(
        codeOf(() =>
          repo.applyDispense(
            [{ cassetteId: idAt(2), denominationMinor: 2000, notes: 1 }],
            [{ cassetteId: idAt(2), notes: 1 }],
            [],
            { now: LATER },
          ),
        ),
      ).toBe('COUNT_EXCEEDED');
      repo.applyDispense(tooMany, [{ cassetteId: one, notes: 1 }], [], { now: LATER });
    })();
    expect(repo.list().find((cassette) => cassette.id === one)?.count).toBe(199);
  });
});

describe('retract bin', () => {
  it('counts retracted notes until staff empty it, with movements that add up', () => {
    repo.configure(STANDARD_LOAD, { now: NOW });
    expect(repo.applyRetract(3, { now: LATER, reference: TRANSFER_ID })).toBe(3);
    expect(repo.applyRetract(0, { now: LATER })).toBe(3);
    expect(repo.applyRetract(2, { now: LATER })).toBe(5);
    expect(repo.verifyCounts()).toEqual([]);

    expect(repo.emptyRetractBin({ now: LATER })).toBe(5);
    expect(repo.retractBinNotes()).toBe(0);
    expect(repo.emptyRetractBin({ now: LATER })).toBe(0);
    expect(repo.verifyCounts()).toEqual([]);
    expect(codeOf(() => repo.applyRetract(41, { now: LATER }))).toBe('INVALID_INPUT');
    expect(codeOf(() => repo.applyRetract(-1, { now: LATER }))).toBe('INVALID_INPUT');
  });
});

describe('integrity', () => {
  beforeEach(() => {
    repo.configure(STANDARD_LOAD, { now: NOW });
  });

  it('never lets a count go negative, even by hand', () => {
    expect(() => db.prepare('UPDATE cassettes SET count = -1 WHERE position = 1').run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare('UPDATE cassettes SET rejects = -1 WHERE position = 1').run()).toThrow(/CHECK constraint/);
  });

  it('keeps cash_movements append-only', () => {
    expect(() => db.prepare('UPDATE cash_movements SET count_delta = 0').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM cash_movements').run()).toThrow(/append-only/);
  });

  it('finds a counter edited behind its movements', () => {
    db.prepare('UPDATE cassettes SET count = count + 5 WHERE position = 2').run();
    db.prepare('INSERT INTO retract_bin (id, notes, updated_at) VALUES (1, 7, ?)').run(NOW);
    expect(repo.verifyCounts()).toEqual([
      { cassetteId: idAt(2), counter: 'count', stored: 305, fromMovements: 300 },
      { cassetteId: null, counter: 'retract_bin', stored: 7, fromMovements: 0 },
    ]);
  });
});
