// Cash deposits survive a crash: a durable operation row is written before the acceptor takes a note, the booking
// resolves it in the credit's own transaction, and start-up recovery settles an interrupted one by the acceptor's
// non-volatile record — booked for exactly the notes it kept, declined when it kept none, left for staff (kiosk out
// of service) when it cannot say. Real core, SQLite, argon2 and keychain; a state-file-backed simulated acceptor.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCEPTOR_STATE_FILE } from '../../electron/core/kiosk-core.ts';
import type { KioskCore } from '../../electron/core/kiosk-core-types.ts';
import { DEMO_ACCEPTED_DENOMINATIONS } from '../../electron/demo/seed-demo-cash.ts';
import type { DepositAcceptor, DepositRecord } from '../../electron/devices/deposit-acceptor.ts';
import { createSimulatedDispenser } from '../../electron/devices/simulated-cash-dispenser.ts';
import {
  createSimulatedDepositAcceptor,
  type SimulatedAcceptor,
} from '../../electron/devices/simulated-deposit-acceptor.ts';
import { INTERRUPTED_DEPOSIT_REASON } from '../../electron/transactions/deposit-operations.ts';
import type { Envelope, SessionSnapshot } from '../../shared/ipc/index.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';

const ANA = { demoCardId: 'ana', pan: '4000001234567899', pin: '4921', accountNumber: '10000001' };
const instant = async () => {};
const never = () => new Promise<void>(() => {});
/** Three 20.00 notes; one is rejected as unfit where a test says so, so "exactly those notes" is 40.00. */
const BUNCH = [{ denominationMinor: 2_000, count: 3 }];

type KioskAcceptor = DepositAcceptor & { readonly denominationsMinor: readonly number[] };

let fixture: CoreFixture;
afterEach(() => fixture?.cleanup());

const stateFile = () => join(fixture.dataDir, ACCEPTOR_STATE_FILE);

function simulatedAcceptor(options: { sleep?: () => Promise<void>; stateFile?: string } = {}): SimulatedAcceptor {
  return createSimulatedDepositAcceptor({
    denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS,
    sleep: options.sleep ?? instant,
    ...(options.stateFile ? { stateFile: options.stateFile } : {}),
  });
}

function forKiosk(acceptor: DepositAcceptor): KioskAcceptor {
  return Object.assign(acceptor, { denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS });
}

/** A driver that hands the bunch to the device (which counts and keeps it) and then never reports back. */
function silentAfterKeeping(device: SimulatedAcceptor): KioskAcceptor {
  return forKiosk({
    accept: async (notes, operationId) => {
      await device.accept(notes, operationId);
      return new Promise<never>(() => {});
    },
    lastDeposit: () => device.lastDeposit(),
    status: () => device.status(),
  });
}

async function start(clock: FakeClock, acceptor: KioskAcceptor): Promise<KioskCore> {
  return fixture.start(clock, { devices: { dispenser: createSimulatedDispenser({ sleep: instant }), acceptor } });
}

function value(envelope: Envelope<SessionSnapshot>): SessionSnapshot {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}`);
  return envelope.value;
}

async function atDeposit(core: KioskCore): Promise<void> {
  value(await core.handlers.session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId }));
  value(await core.handlers.session.submitPin({ pin: ANA.pin }));
  value(await core.handlers.session.chooseTransaction({ transaction: 'deposit' }));
}

const submit = (core: KioskCore) => core.handlers.session.submitDeposit({ accountRef: 'a1', notes: BUNCH });

/** What the books, the operation rows and the journal say of Ana's deposits. */
function books() {
  const db = new Database(join(fixture.dataDir, 'kiosk.db'), { readonly: true });
  try {
    const account = db
      .prepare(
        `SELECT credits_posted_minor + credits_pending_minor - debits_posted_minor AS credited FROM accounts
          WHERE account_number = ?`,
      )
      .get(ANA.accountNumber) as { credited: number };
    const operations = db
      .prepare(
        `SELECT o.status, o.inserted_minor, o.masked_pan, t.status AS transaction_status, t.amount_minor
           FROM deposit_operations AS o LEFT JOIN customer_transactions AS t ON t.id = o.transaction_id ORDER BY o.seq`,
      )
      .all();
    const journal = (kind: string) =>
      (db.prepare('SELECT data FROM journal WHERE kind = ? ORDER BY seq').all(kind) as { data: string }[]).map(
        (row) => JSON.parse(row.data) as Record<string, unknown>,
      );
    const deposits = db
      .prepare("SELECT count(*) AS n FROM customer_transactions WHERE kind = 'deposit' AND status = 'completed'")
      .get() as { n: number };
    return {
      credited: account.credited,
      operations,
      recovered: journal('deposit.recovered').map((data) => data['action']),
      unresolved: journal('deposit.unresolved').map((data) => data['reason']),
      completedDeposits: deposits.n,
      rowsText: JSON.stringify(db.prepare('SELECT * FROM deposit_operations').all()),
    };
  } finally {
    db.close();
  }
}

function deviceRecord(): DepositRecord | null {
  if (!existsSync(stateFile())) return null;
  return (JSON.parse(readFileSync(stateFile(), 'utf8')) as { record: DepositRecord | null }).record;
}

async function status(core: KioskCore) {
  const envelope = await core.handlers.system.getStatus({});
  if (!envelope.ok) throw new Error('no status');
  return envelope.value;
}

/** The process dies mid-deposit; a new one starts on the same data dir with `acceptor`. */
async function crashAndRestart(core: KioskCore, clock: FakeClock, acceptor: KioskAcceptor): Promise<KioskCore> {
  await core.close({ waitMs: 0 }); // nothing still running gets to finish
  return start(clock, acceptor);
}

describe('deposit crash recovery', () => {
  it('a crash after the acceptor kept the notes, before the booking: credited at start-up exactly once', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const device = simulatedAcceptor({ stateFile: stateFile() });
    device.injectFault({ kind: 'reject', notes: 1 });
    const core = await start(clock, silentAfterKeeping(device));
    await atDeposit(core);
    const before = books().credited;
    void submit(core);
    await expect.poll(() => deviceRecord()?.outcome?.acceptedAmountMinor).toBe(4_000);
    expect(books()).toMatchObject({ credited: before, operations: [{ status: 'in_progress', inserted_minor: 6_000 }] });

    const restarted = await crashAndRestart(core, clock, forKiosk(simulatedAcceptor({ stateFile: stateFile() })));
    expect(await status(restarted)).toMatchObject({ inService: true, outOfServiceReason: null });
    expect(books()).toMatchObject({
      credited: before + 4_000,
      operations: [{ status: 'booked', transaction_status: 'completed', amount_minor: 4_000, masked_pan: '•••• 7899' }],
      recovered: ['booked'],
      unresolved: [],
      completedDeposits: 1,
    });

    // A second start finds nothing left to settle: still one credit.
    const again = await crashAndRestart(restarted, clock, forKiosk(simulatedAcceptor({ stateFile: stateFile() })));
    expect(await status(again)).toMatchObject({ inService: true });
    expect(books()).toMatchObject({ credited: before + 4_000, recovered: ['booked'], completedDeposits: 1 });
  });

  it('a crash while the acceptor still counted (nothing kept yet): declined at start-up, nothing credited', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const core = await start(clock, forKiosk(simulatedAcceptor({ sleep: never, stateFile: stateFile() })));
    await atDeposit(core);
    const before = books().credited;
    void submit(core);
    await expect.poll(() => deviceRecord()).toMatchObject({ outcome: null });

    const restarted = await crashAndRestart(core, clock, forKiosk(simulatedAcceptor({ stateFile: stateFile() })));
    expect(await status(restarted)).toMatchObject({ inService: true });
    expect(books()).toMatchObject({
      credited: before,
      operations: [{ status: 'declined', transaction_status: null }],
      recovered: ['declined_nothing_kept'],
      completedDeposits: 0,
    });
  });

  it.each([
    ['keeps no record', () => forKiosk(simulatedAcceptor())],
    [
      'has a record of another operation',
      () => {
        writeFileSync(stateFile(), JSON.stringify({ record: { operationId: uuidv7(), outcome: null } }));
        return forKiosk(simulatedAcceptor({ stateFile: stateFile() }));
      },
    ],
  ])('an acceptor that %s cannot say: out of service for staff, nothing credited', async (_, acceptorAfter) => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const core = await start(clock, silentAfterKeeping(simulatedAcceptor({ stateFile: stateFile() })));
    await atDeposit(core);
    const before = books().credited;
    void submit(core);
    await expect.poll(() => deviceRecord()?.outcome?.acceptedAmountMinor).toBe(6_000);
    await core.close({ waitMs: 0 });

    const restarted = await start(clock, acceptorAfter());
    expect(await status(restarted)).toMatchObject({ inService: false, outOfServiceReason: INTERRUPTED_DEPOSIT_REASON });
    expect(await restarted.handlers.session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SERVICE' },
    });
    expect(books()).toMatchObject({
      credited: before,
      operations: [{ status: 'in_progress' }],
      recovered: [],
      completedDeposits: 0,
    });
    expect(books().unresolved).toHaveLength(1);
  });

  it('the normal path credits once, leaves no unresolved operation, and no card number or PIN in the new rows', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const core = await start(clock, forKiosk(simulatedAcceptor({ stateFile: stateFile() })));
    await atDeposit(core);
    const before = books().credited;
    const done = value(await submit(core));
    expect(done).toMatchObject({ state: 'transaction_result', receipt: { completedMinor: 6_000 } });
    expect(deviceRecord()).toMatchObject({ outcome: { acceptedAmountMinor: 6_000 } });
    const after = books();
    expect(after).toMatchObject({
      credited: before + 6_000,
      operations: [{ status: 'booked', transaction_status: 'completed', amount_minor: 6_000 }],
      recovered: [],
      completedDeposits: 1,
    });
    for (const secret of [ANA.pan, ANA.pin]) {
      expect(after.rowsText).not.toContain(secret);
      expect(readFileSync(stateFile(), 'utf8')).not.toContain(secret);
    }

    // The booked operation is not settled again at the next start.
    const restarted = await crashAndRestart(core, clock, forKiosk(simulatedAcceptor({ stateFile: stateFile() })));
    expect(await status(restarted)).toMatchObject({ inService: true });
    expect(books()).toMatchObject({ credited: before + 6_000, recovered: [], completedDeposits: 1 });
    // Resolved once, kept for good, whoever writes.
    const writer = new Database(join(fixture.dataDir, 'kiosk.db'));
    try {
      expect(() =>
        writer.exec("UPDATE deposit_operations SET status = 'declined', transaction_id = NULL, resolved_at = 'now'"),
      ).toThrow(/resolved once/);
      expect(() => writer.exec('DELETE FROM deposit_operations')).toThrow(/kept/);
    } finally {
      writer.close();
    }
  });

  it('a booking that fails after the notes were kept: refused, out of service at once, credited once at restart', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const core = await start(clock, forKiosk(simulatedAcceptor({ stateFile: stateFile() })));
    await atDeposit(core);
    const before = books().credited;
    // The database refuses the deposit's record (a fault the teller does not expect), once the notes are counted.
    const saboteur = new Database(join(fixture.dataDir, 'kiosk.db'));
    saboteur.exec(`CREATE TRIGGER test_fail_deposit BEFORE INSERT ON customer_transactions WHEN NEW.kind = 'deposit'
                   BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    expect(await submit(core)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(value(await core.handlers.session.getSnapshot({}))).toMatchObject({
      state: 'take_card',
      refusal: { code: 'INTERNAL' },
    });
    expect(await status(core)).toMatchObject({ inService: false, outOfServiceReason: INTERRUPTED_DEPOSIT_REASON });
    expect(books()).toMatchObject({
      credited: before,
      operations: [{ status: 'in_progress' }],
      unresolved: ['booking_failed'],
    });
    saboteur.exec('DROP TRIGGER test_fail_deposit');
    saboteur.close();

    const restarted = await crashAndRestart(core, clock, forKiosk(simulatedAcceptor({ stateFile: stateFile() })));
    expect(await status(restarted)).toMatchObject({ inService: true });
    expect(books()).toMatchObject({
      credited: before + 6_000,
      operations: [{ status: 'booked' }],
      recovered: ['booked'],
      completedDeposits: 1,
    });
  });

  it('a driver failing outside its contract before the device took the bunch: declined at restart as never reached', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const device = simulatedAcceptor({ stateFile: stateFile() });
    let failing = false;
    const core = await start(
      clock,
      forKiosk({
        accept: async (notes, operationId) => {
          if (failing) throw new Error('driver lost the device');
          return device.accept(notes, operationId);
        },
        lastDeposit: () => device.lastDeposit(),
        status: () => device.status(),
      }),
    );
    await atDeposit(core);
    const before = books().credited;
    value(await submit(core)); // an earlier deposit the device recorded
    value(await core.handlers.session.backToMenu({}));
    value(await core.handlers.session.chooseTransaction({ transaction: 'deposit' }));
    failing = true;
    expect(await submit(core)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await status(core)).toMatchObject({ inService: false, outOfServiceReason: INTERRUPTED_DEPOSIT_REASON });
    expect(books()).toMatchObject({ unresolved: ['acceptor_failed'] });

    const restarted = await crashAndRestart(core, clock, forKiosk(simulatedAcceptor({ stateFile: stateFile() })));
    expect(await status(restarted)).toMatchObject({ inService: true });
    expect(books()).toMatchObject({
      credited: before + 6_000,
      operations: [{ status: 'booked' }, { status: 'declined' }],
      recovered: ['declined_never_reached'],
      completedDeposits: 1,
    });
  });
});

describe('simulated acceptor memory', () => {
  it('without a state file it says it knows nothing; with one a new instance reads the last operation', async () => {
    fixture = createCoreFixture();
    expect(simulatedAcceptor().lastDeposit()).toEqual({ known: false });
    const first = simulatedAcceptor({ stateFile: stateFile() });
    expect(first.lastDeposit()).toEqual({ known: true, record: null });
    const operationId = uuidv7();
    const outcome = await first.accept(BUNCH, operationId);
    expect(simulatedAcceptor({ stateFile: stateFile() }).lastDeposit()).toEqual({
      known: true,
      record: { operationId, outcome },
    });
  });
});
