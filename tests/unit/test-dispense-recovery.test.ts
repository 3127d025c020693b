// Staff test dispenses survive a crash: a durable row is written before the dispenser moves a note, what left the
// cassettes is booked as soon as it reports, and start-up recovery settles an interrupted one by the dispenser's own
// record — retracted to the bins when the notes are still in the slot, booked as taken when it saw them taken, left
// for staff (kiosk out of service) when it cannot say. Real core, SQLite, argon2 and keychain; a state-file-backed
// simulated dispenser that a new instance reads after the "crash".
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DISPENSER_STATE_FILE } from '../../electron/core/kiosk-core.ts';
import type { KioskCore } from '../../electron/core/kiosk-core-types.ts';
import { createSimulatedDispenser, type SimulatedDispenser } from '../../electron/devices/simulated-cash-dispenser.ts';
import { INTERRUPTED_TEST_DISPENSE_REASON } from '../../electron/transactions/test-dispense-recovery.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';
import { OPERATOR, type StaffFixture, createStaffFixture } from '../support/staff-fixture.ts';

const instant = async () => {};
const never = <T>() => new Promise<T>(() => {});
/** Cassette 2 holds 20.00 notes; three of them are the test. */
const POSITION = 2;
const NOTES = 3;
const VALUE = NOTES * 2_000;

let core: CoreFixture | undefined;
let staff: StaffFixture | undefined;
/** The cash, rejects and settlement accounts' ids, read while the staff fixture's database is open. */
let accountIds: readonly number[] = [];
afterEach(async () => {
  staff?.cleanup();
  await core?.cleanup();
  staff = undefined;
  core = undefined;
});

const stateFile = () => {
  if (!core) throw new Error('no kiosk data dir yet');
  return join(core.dataDir, DISPENSER_STATE_FILE);
};
const recording = (): SimulatedDispenser => createSimulatedDispenser({ sleep: instant, stateFile: stateFile() });

type Books = {
  cash: number;
  rejects: number;
  settlement: number;
  cassetteNotes: number;
  cassettesValue: number;
  retractBin: number;
  rows: { status: string; presented_notes: number | null; retracted_notes: number | null }[];
  recovered: string[];
  unresolved: string[];
};

/** The books as a fresh reader of the data dir sees them: net debits of the internal accounts, cassettes, rows. */
function books(): Books {
  const db = new Database(join(core?.dataDir ?? '', 'kiosk.db'), { readonly: true });
  try {
    const ids = accountIds;
    const net = (id: number | undefined) =>
      (
        db
          .prepare('SELECT debits_posted_minor - credits_posted_minor AS n FROM accounts WHERE id = ?')
          .get(id ?? -1) as { n: number }
      ).n;
    const cassette = db.prepare('SELECT count FROM cassettes WHERE position = ?').get(POSITION) as { count: number };
    const value = db.prepare('SELECT sum(count * denomination_minor) AS v FROM cassettes').get() as { v: number };
    const bin = db.prepare('SELECT coalesce(sum(notes), 0) AS n FROM retract_bin').get() as { n: number };
    const data = (kind: string, key: string) =>
      (db.prepare('SELECT data FROM journal WHERE kind = ? ORDER BY seq').all(kind) as { data: string }[]).map((row) =>
        String((JSON.parse(row.data) as Record<string, unknown>)[key]),
      );
    return {
      cash: net(ids[0]),
      rejects: net(ids[1]),
      settlement: net(ids[2]),
      cassetteNotes: cassette.count,
      cassettesValue: value.v,
      retractBin: bin.n,
      rows: db
        .prepare('SELECT status, presented_notes, retracted_notes FROM test_dispenses ORDER BY seq')
        .all() as Books['rows'],
      recovered: data('staff.test_dispense_recovered', 'action'),
      unresolved: data('staff.test_dispense_unresolved', 'reason'),
    };
  } finally {
    db.close();
  }
}

/**
 * A kiosk whose staff member starts a test dispense through `dispenser` (a wrapper over a recording simulator that
 * stops answering at some step); once the row is booked (or, with `booked` false, written), the process dies.
 */
/** A kiosk data dir (made by a core that started once) with staff logged in on `dispenser()`. */
async function staffOn(clock: FakeClock, dispenser: () => SimulatedDispenser): Promise<StaffFixture> {
  core = createCoreFixture();
  await (await core.start(clock, { devices: { dispenser: recording() } })).close();
  const f = await createStaffFixture({ dataDir: core.dataDir, clock, dispenser: dispenser() });
  staff = f;
  accountIds = (['kiosk_cash', 'kiosk_rejects', 'settlement'] as const).map((kind) =>
    f.ledger.internalAccountId(kind, 'EUR'),
  );
  await f.loginAs(OPERATOR);
  return f;
}

async function crashDuringTestDispense(
  clock: FakeClock,
  wrap: (device: SimulatedDispenser) => SimulatedDispenser,
  booked = true,
): Promise<Books> {
  const f = await staffOn(clock, () => wrap(recording()));
  const before = books();
  void f.handlers.testDispense({ position: POSITION, notes: NOTES });
  await expect
    .poll(() => {
      const row = books().rows.at(-1);
      return row !== undefined && (row.presented_notes !== null) === booked;
    })
    .toBe(true);
  f.db.close(); // the process dies: nothing still running writes again
  return before;
}

async function restart(clock: FakeClock, dispenser: SimulatedDispenser = recording()): Promise<KioskCore> {
  if (!core) throw new Error('no kiosk');
  return core.start(clock, { devices: { dispenser } });
}

const inSlotForever = (device: SimulatedDispenser): SimulatedDispenser => ({ ...device, waitForTake: never });

async function expectInService(kiosk: KioskCore, inService: boolean, reason: string | null = null) {
  expect(await kiosk.handlers.system.getStatus({})).toMatchObject({
    ok: true,
    value: { inService, outOfServiceReason: reason },
  });
}

describe('a test dispense interrupted by a crash', () => {
  it('books what left the cassettes before the wait for the take: a crash then leaves books that match the cassettes', async () => {
    const clock = createFakeClock();
    const before = await crashDuringTestDispense(clock, inSlotForever);
    const after = books();
    expect(after.rows).toEqual([{ status: 'in_progress', presented_notes: NOTES, retracted_notes: null }]);
    expect(after.cassetteNotes).toBe(before.cassetteNotes - NOTES);
    expect(after.cash).toBe(before.cash - VALUE);
    expect(after.cash).toBe(after.cassettesValue);
    expect(after.settlement).toBe(before.settlement + VALUE); // provisionally taken
  });

  it('notes still in the slot are retracted to the bins at start-up; the kiosk serves again', async () => {
    const clock = createFakeClock();
    const before = await crashDuringTestDispense(clock, inSlotForever);
    const kiosk = await restart(clock);
    await expectInService(kiosk, true);
    const after = books();
    expect(after).toMatchObject({
      cash: before.cash - VALUE,
      rejects: before.rejects + VALUE,
      settlement: before.settlement,
      cassetteNotes: before.cassetteNotes - NOTES,
      retractBin: before.retractBin + NOTES,
      rows: [{ status: 'retracted', presented_notes: NOTES, retracted_notes: NOTES }],
      recovered: ['retracted'],
      unresolved: [],
    });
    expect(after.cash).toBe(after.cassettesValue);
  });

  it('notes the dispenser saw taken before the crash are booked as taken', async () => {
    const clock = createFakeClock();
    const before = await crashDuringTestDispense(clock, (device) => ({
      ...device,
      waitForTake: async (timeoutMs) => {
        await device.waitForTake(timeoutMs);
        return never();
      },
    }));
    await expectInService(await restart(clock), true);
    expect(books()).toMatchObject({
      cash: before.cash - VALUE,
      rejects: before.rejects,
      settlement: before.settlement + VALUE,
      retractBin: before.retractBin,
      rows: [{ status: 'taken', presented_notes: NOTES, retracted_notes: null }],
      recovered: ['taken'],
    });
  });

  it('a retract the dispenser made before the crash is booked to the bins', async () => {
    const clock = createFakeClock();
    const before = await crashDuringTestDispense(clock, (device) => ({
      ...device,
      waitForTake: async () => 'not_taken' as const,
      retract: async () => {
        await device.retract();
        return never();
      },
    }));
    await expectInService(await restart(clock), true);
    expect(books()).toMatchObject({
      cash: before.cash - VALUE,
      rejects: before.rejects + VALUE,
      settlement: before.settlement,
      retractBin: before.retractBin + NOTES,
      rows: [{ status: 'retracted', retracted_notes: NOTES }],
      recovered: ['retracted'],
    });
  });

  it('a crash before the booking committed: start-up books the dispense from the device record, then retracts', async () => {
    const clock = createFakeClock();
    const before = await crashDuringTestDispense(
      clock,
      (device) => ({
        ...device,
        dispense: async (mix, operationId) => {
          await device.dispense(mix, operationId);
          return never();
        },
      }),
      false,
    );
    expect(books().cash).toBe(before.cash); // the device holds notes the books do not know of yet
    await expectInService(await restart(clock), true);
    const after = books();
    expect(after).toMatchObject({
      cash: before.cash - VALUE,
      rejects: before.rejects + VALUE,
      settlement: before.settlement,
      cassetteNotes: before.cassetteNotes - NOTES,
      rows: [{ status: 'retracted', presented_notes: NOTES, retracted_notes: NOTES }],
      recovered: ['retracted'],
    });
    expect(after.cash).toBe(after.cassettesValue);
  });

  it('a dispenser that keeps no record: out of service for staff, journalled, nothing guessed', async () => {
    const clock = createFakeClock();
    const before = await crashDuringTestDispense(clock, inSlotForever);
    const kiosk = await restart(clock, createSimulatedDispenser({ sleep: instant }));
    await expectInService(kiosk, false, INTERRUPTED_TEST_DISPENSE_REASON);
    const after = books();
    expect(after).toMatchObject({
      cash: before.cash - VALUE,
      settlement: before.settlement + VALUE,
      rows: [{ status: 'in_progress' }],
      recovered: [],
      unresolved: ['dispenser_keeps_no_record'],
    });
    expect(after.cash).toBe(after.cassettesValue);
    expect(await kiosk.handlers.session.insertCard({ source: 'demo', demoCardId: 'ana' })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SERVICE' },
    });
  });

  it('is resolved exactly once: a second restart changes nothing, and the row refuses a second resolution', async () => {
    const clock = createFakeClock();
    await crashDuringTestDispense(clock, inSlotForever);
    await (await restart(clock)).close();
    const once = books();
    await expectInService(await restart(clock), true);
    expect(books()).toEqual(once);
    expect(once.recovered).toEqual(['retracted']);
    const db = new Database(join(core?.dataDir ?? '', 'kiosk.db'));
    try {
      expect(() => db.prepare("UPDATE test_dispenses SET status = 'taken', retracted_notes = NULL").run()).toThrow(
        /resolved once/,
      );
      expect(() => db.prepare('DELETE FROM test_dispenses').run()).toThrow(/kept/);
    } finally {
      db.close();
    }
  });
});

describe('a live test dispense', () => {
  it('notes left in the slot are retracted after the wait: the bins get them, the final books as before', async () => {
    const clock = createFakeClock();
    const f = await staffOn(clock, () => createSimulatedDispenser({ sleep: instant }));
    const before = books();
    f.dispenser.injectFault({ kind: 'not_taken' });
    f.dispenser.injectFault({ kind: 'retract_partial', notes: 2 });
    expect(f.value(await f.handlers.testDispense({ position: POSITION, notes: NOTES }))).toEqual({
      outcome: 'presented',
      presentedNotes: NOTES,
      rejectedNotes: 0,
      amountMinor: 2_000, // one note taken at the last moment
    });
    const after = books();
    expect(after).toMatchObject({
      cash: before.cash - VALUE,
      rejects: before.rejects + 4_000,
      settlement: before.settlement + 2_000,
      retractBin: before.retractBin + 2,
      rows: [{ status: 'retracted', presented_notes: NOTES, retracted_notes: 2 }],
    });
    expect(after.cash).toBe(after.cassettesValue);
    expect(f.journal.query({ kind: 'staff.test_dispense', limit: 5 })).toHaveLength(1);
  });
});
