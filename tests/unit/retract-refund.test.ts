// Refunds of partial retracts: the customer took some of the presented notes, the dispenser pulled the rest back,
// the whole presented amount was posted and the mismatch flagged. Staff count the retract bin and refund what it
// holds — once per withdrawal, at most the presented amount — through the supervisor's staff channels, against the
// real core (SQLite, argon2, keychain, simulated dispenser with faults); and with a bank, the refund reaches it as
// exactly one reversal of the posted withdrawal.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core-types.ts';
import { DEMO_ACCEPTED_DENOMINATIONS } from '../../electron/demo/seed-demo-cash.ts';
import { DEMO_STAFF } from '../../electron/demo/seed-demo-staff.ts';
import { createSimulatedDispenser, type SimulatedDispenser } from '../../electron/devices/simulated-cash-dispenser.ts';
import { createSimulatedDepositAcceptor } from '../../electron/devices/simulated-deposit-acceptor.ts';
import { createIpcRouter } from '../../electron/ipc/router.ts';
import { createLedger } from '../../electron/ledger/ledger.ts';
import { createMemoryLogger } from '../../electron/log/logger.ts';
import type { KioskSettings } from '../../electron/settings/kiosk-settings.ts';
import { secretFromBase32, totpAt } from '../../electron/staff/totp.ts';
import type { Envelope, SessionSnapshot } from '../../shared/ipc/index.ts';
import { type FakeClock, createFakeClock } from '../support/fake-clock.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';
import {
  bankBalance,
  CARDS,
  createSyncFixture,
  endSession,
  eventually,
  kioskBalance,
  type SyncedKiosk,
  signIn as signInSynced,
  value as syncedValue,
} from '../support/sync-fixture.ts';

const ANA = { demoCardId: 'ana', pin: '4921', checking: '10000001' };
const NEW_PASSWORD = 'Correct-Lantern-Orbit-93';
const instant = async () => {};

function demoStaff(role: 'supervisor' | 'operator') {
  const found = DEMO_STAFF.find((staff) => staff.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return found;
}
const SUPERVISOR = demoStaff('supervisor');
const OPERATOR = demoStaff('operator');

function ok<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

function refusal(envelope: Envelope<unknown>): string {
  if (envelope.ok) throw new Error('expected a refusal');
  return envelope.error.code;
}

/** Logs a demo staff member in through the core's staff handlers, replacing the initial password the first time. */
async function staffLogin(core: KioskCore, staff: (typeof DEMO_STAFF)[number], nowMs: () => number) {
  const handlers = core.handlers.staff;
  const snapshot = ok(
    await handlers.login({
      staffId: staff.staffId,
      password: staff.initialPassword,
      totpCode: totpAt(secretFromBase32(staff.totpSecretBase32), nowMs()),
    }),
  );
  if (snapshot.session?.mustChangePassword)
    ok(await handlers.changePassword({ currentPassword: staff.initialPassword, newPassword: NEW_PASSWORD }));
  return handlers;
}

describe('refund of a partial retract (standalone kiosk)', () => {
  type Kiosk = {
    core: KioskCore;
    clock: FakeClock;
    dispenser: SimulatedDispenser;
    call: (method: string, payload?: unknown) => Promise<Envelope<SessionSnapshot>>;
    db: () => Database.Database;
  };
  let fixture: CoreFixture;
  afterEach(() => fixture?.cleanup());

  async function startKiosk(settingsOverrides: Partial<KioskSettings> = {}): Promise<Kiosk> {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const dispenser = createSimulatedDispenser({ sleep: instant });
    const acceptor = createSimulatedDepositAcceptor({
      denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS,
      sleep: instant,
    });
    const core = await fixture.start(clock, {
      devices: { dispenser, acceptor: Object.assign(acceptor, { denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS }) },
      settingsOverrides,
    });
    const router = createIpcRouter({
      handlers: core.handlers,
      isTrustedSender: () => true,
      logger: createMemoryLogger(),
    });
    const sender = { kind: 'browser-host', connectionId: 't', authenticated: true } as const;
    return {
      core,
      clock,
      dispenser,
      call: (method, payload = {}) =>
        router.handle(`atm:session:${method}`, payload, sender) as Promise<Envelope<SessionSnapshot>>,
      db: () => new Database(join(fixture.dataDir, 'kiosk.db'), { readonly: true }),
    };
  }

  async function signIn(kiosk: Kiosk) {
    ok(await kiosk.call('insertCard', { source: 'demo', demoCardId: ANA.demoCardId }));
    return ok(await kiosk.call('submitPin', { pin: ANA.pin }));
  }

  /** Ana withdraws 80.00 (50 + 20 + 10), takes her card, leaves the cash, and the retract brings back one note. */
  async function partialRetract(kiosk: Kiosk) {
    await signIn(kiosk);
    ok(await kiosk.call('chooseTransaction', { transaction: 'withdrawal' }));
    ok(await kiosk.call('selectWithdrawal', { amountMinor: 8_000, accountRef: 'a1' }));
    ok(await kiosk.call('cardTaken'));
    kiosk.dispenser.injectFault({ kind: 'retract_partial', notes: 1 });
    kiosk.clock.advance(30_000);
    await expect.poll(async () => ok(await kiosk.call('getSnapshot')).state).toBe('goodbye');
    kiosk.clock.advance(10_000);
    await expect.poll(async () => ok(await kiosk.call('getSnapshot')).state).toBe('idle');
  }

  /** Ana withdraws 20.00 and takes it: a withdrawal with no mismatch. */
  async function plainWithdrawal(kiosk: Kiosk) {
    await signIn(kiosk);
    ok(await kiosk.call('chooseTransaction', { transaction: 'withdrawal' }));
    ok(await kiosk.call('selectWithdrawal', { amountMinor: 2_000, accountRef: 'a1' }));
    ok(await kiosk.call('cardTaken'));
    ok(await kiosk.call('cashTaken'));
    kiosk.clock.advance(10_000);
    await expect.poll(async () => ok(await kiosk.call('getSnapshot')).state).toBe('idle');
  }

  /** Posted balances by account kind or number (customer accounts credit-normal, the kiosk's debit-normal). */
  function balances(kiosk: Kiosk) {
    const db = kiosk.db();
    try {
      // An internal account is created on first use: none yet is a balance of 0.
      const of = (where: string) =>
        (
          db
            .prepare(`SELECT debits_posted_minor - credits_posted_minor AS balance FROM accounts WHERE ${where}`)
            .get() as { balance: number } | undefined
        )?.balance ?? 0;
      return {
        customer: -of(`account_number = '${ANA.checking}'`),
        rejects: of("kind = 'kiosk_rejects'"),
        oversUnders: of("kind = 'overs_unders'"),
      };
    } finally {
      db.close();
    }
  }

  /** Σ debits = Σ credits, the cached balances match the transfers, and the kiosk cash account equals the cassettes. */
  function expectBooksBalance(kiosk: Kiosk) {
    const db = kiosk.db();
    try {
      const sums = db
        .prepare(
          'SELECT sum(debits_posted_minor) AS dp, sum(credits_posted_minor) AS cp, sum(debits_pending_minor) AS dq, sum(credits_pending_minor) AS cq FROM accounts',
        )
        .get() as { dp: number; cp: number; dq: number; cq: number };
      expect(sums.dp).toBe(sums.cp);
      expect(sums.dq).toBe(sums.cq);
      const cash = db
        .prepare("SELECT debits_posted_minor - credits_posted_minor AS balance FROM accounts WHERE kind = 'kiosk_cash'")
        .get() as { balance: number };
      const cassettes = db.prepare('SELECT sum(count * denomination_minor) AS value FROM cassettes').get() as {
        value: number;
      };
      expect(cash.balance).toBe(cassettes.value);
      expect(createLedger(db, { now: kiosk.clock.now }).verifyBalances()).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  }

  it('credits the customer from the rejects account once, journals the staff id, and refuses what it must', async () => {
    const kiosk = await startKiosk();
    await partialRetract(kiosk);
    await plainWithdrawal(kiosk);
    const before = balances(kiosk);
    kiosk.clock.advance(30_000);
    const staff = await staffLogin(kiosk.core, SUPERVISOR, kiosk.clock.now);

    const listed = ok(await staff.listRetractRefunds({})).refunds;
    expect(listed).toHaveLength(1);
    const [mismatch] = listed;
    if (!mismatch) throw new Error('no mismatch listed');
    expect(mismatch).toMatchObject({
      maskedPan: '•••• 7899',
      currency: 'EUR',
      presentedMinor: 8_000,
      presentedNotes: 3,
      retractedNotes: 1,
      refund: null,
    });
    expect(mismatch.stan).toMatch(/^\d{6}$/);

    // More than was presented, or nothing at all: refused, nothing booked.
    const tooMuch = { transactionId: mismatch.transactionId, amountMinor: 8_001, note: null, confirmer: null };
    expect(refusal(await staff.refundRetract(tooMuch))).toBe('AMOUNT_INVALID');
    // A withdrawal without a retract mismatch: refused.
    const plain = kiosk.db();
    const { id: plainId } = plain
      .prepare(
        "SELECT id FROM customer_transactions WHERE kind = 'withdrawal' AND refusal_code IS NULL AND status = 'completed'",
      )
      .get() as { id: string };
    plain.close();
    expect(refusal(await staff.refundRetract({ ...tooMuch, transactionId: plainId, amountMinor: 1_000 }))).toBe(
      'INVALID_STATE',
    );
    expect(balances(kiosk)).toEqual(before);

    // The bin held a 50 note of this withdrawal.
    const refunded = ok(
      await staff.refundRetract({ ...tooMuch, amountMinor: 5_000, note: 'Counted with the branch manager' }),
    );
    expect(refunded).toMatchObject({
      transactionId: mismatch.transactionId,
      stan: mismatch.stan,
      maskedPan: '•••• 7899',
      amountMinor: 5_000,
      presentedMinor: 8_000,
    });
    const after = balances(kiosk);
    expect(after.customer).toBe(before.customer + 5_000);
    // The notes are in the retract bin: their value is now on the account that stands for the bins.
    expect(after.rejects).toBe(before.rejects + 5_000);
    expect(after.oversUnders).toBe(before.oversUnders);
    expectBooksBalance(kiosk);

    // Refunded once: a second refund, even of a smaller amount, is refused and changes nothing.
    expect(refusal(await staff.refundRetract({ ...tooMuch, amountMinor: 1_000 }))).toBe('INVALID_STATE');
    expect(balances(kiosk)).toEqual(after);
    expect(ok(await staff.listRetractRefunds({})).refunds).toMatchObject([
      { transactionId: mismatch.transactionId, refund: { amountMinor: 5_000, stan: refunded.refundStan } },
    ]);

    const db = kiosk.db();
    try {
      const rows = db
        .prepare(
          `SELECT kind, status, amount_minor, completed_minor, reversal_of, stan FROM customer_transactions
            WHERE reversal_of IS NOT NULL`,
        )
        .all();
      expect(rows).toEqual([
        {
          kind: 'withdrawal',
          status: 'reversed',
          amount_minor: 5_000,
          completed_minor: 0,
          reversal_of: mismatch.transactionId,
          stan: refunded.refundStan,
        },
      ]);
      const journalled = db
        .prepare(
          "SELECT staff_id, stan, masked_pan, amount_minor, data FROM journal WHERE kind = 'cash.retract_refunded'",
        )
        .all() as { staff_id: string; stan: string; masked_pan: string; amount_minor: number; data: string }[];
      expect(journalled).toHaveLength(1);
      expect(journalled[0]).toMatchObject({
        staff_id: SUPERVISOR.staffId,
        stan: mismatch.stan,
        masked_pan: '•••• 7899',
        amount_minor: 5_000,
      });
      expect(JSON.parse(journalled[0]?.data ?? '{}')).toMatchObject({
        transaction_id: mismatch.transactionId,
        rrn: `${mismatch.rrn.slice(0, 6)}-${mismatch.rrn.slice(6)}`,
        refund_stan: refunded.refundStan,
        presented_minor: 8_000,
        debited: 'kiosk_rejects',
        note: 'Counted with the branch manager',
      });
      // Standalone: nothing for a bank.
      expect(db.prepare('SELECT count(*) AS n FROM sync_outbox').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }

    // The database itself refuses a second refund row for the same withdrawal, whatever the code checks.
    const writer = new Database(join(fixture.dataDir, 'kiosk.db'));
    try {
      expect(() =>
        writer
          .prepare(
            `INSERT INTO customer_transactions (id, session_id, card_id, kind, account_id, amount_minor, currency,
               business_day, stan, rrn, status, reversal_of, created_at, updated_at)
             SELECT '01890a5d-ac96-774b-bcce-b302099a8057', session_id, card_id, 'withdrawal', account_id, 1, currency,
               business_day, '999998', '999999999998', 'reversed', reversal_of, created_at, updated_at
               FROM customer_transactions WHERE reversal_of IS NOT NULL`,
          )
          .run(),
      ).toThrow(/UNIQUE constraint failed: customer_transactions\.reversal_of/);
    } finally {
      writer.close();
    }

    // An operator may neither list nor refund.
    ok(await staff.logout({}));
    kiosk.clock.advance(30_000);
    const operator = await staffLogin(kiosk.core, OPERATOR, kiosk.clock.now);
    expect(refusal(await operator.listRetractRefunds({}))).toBe('STAFF_FORBIDDEN');
    expect(refusal(await operator.refundRetract({ ...tooMuch, amountMinor: 1_000 }))).toBe('STAFF_FORBIDDEN');
  });

  it('after a Cassette Total has emptied the bin, the refund cancels the over the count found', async () => {
    const kiosk = await startKiosk();
    await partialRetract(kiosk);
    kiosk.clock.advance(30_000);
    const staff = await staffLogin(kiosk.core, SUPERVISOR, kiosk.clock.now);
    const total = ok(await staff.cassetteTotal({}));
    expect(total.retractBinNotes).toBe(1);
    // Every cassette counts as expected; the retract bin holds one 10 note the books knew nothing of: an over.
    const counted = ok(
      await staff.enterCounts({
        cassettes: total.cassettes.map((line) => ({
          position: line.position,
          notes: line.notes,
          rejects: line.rejects,
        })),
        retractBin: [{ denominationMinor: 1_000, notes: 1 }],
        confirmer: null,
      }),
    );
    expect(counted.varianceMinor).toBe(1_000);
    const before = balances(kiosk);

    const [mismatch] = ok(await staff.listRetractRefunds({})).refunds;
    if (!mismatch) throw new Error('no mismatch listed');
    ok(
      await staff.refundRetract({
        transactionId: mismatch.transactionId,
        amountMinor: 1_000,
        note: null,
        confirmer: null,
      }),
    );
    const after = balances(kiosk);
    expect(after.customer).toBe(before.customer + 1_000);
    // The notes went back to the vault with the total: the rejects account is left alone and the over is undone.
    expect(after.rejects).toBe(before.rejects);
    expect(after.oversUnders).toBe(before.oversUnders + 1_000);
    const db = kiosk.db();
    const { data } = db.prepare("SELECT data FROM journal WHERE kind = 'cash.retract_refunded'").get() as {
      data: string;
    };
    db.close();
    expect(JSON.parse(data)).toMatchObject({ debited: 'overs_unders' });
    expectBooksBalance(kiosk);
  });

  it('with dual control on, a refund needs a second staff member', async () => {
    const kiosk = await startKiosk({ staffDualControl: true });
    const { core, clock } = kiosk;
    await partialRetract(kiosk);
    clock.advance(30_000);
    const staff = await staffLogin(core, SUPERVISOR, clock.now);
    const [mismatch] = ok(await staff.listRetractRefunds({})).refunds;
    if (!mismatch) throw new Error('no mismatch listed');
    const request = { transactionId: mismatch.transactionId, amountMinor: 2_000, note: null, confirmer: null };
    expect(refusal(await staff.refundRetract(request))).toBe('STAFF_DUAL_CONTROL_REQUIRED');
    expect(ok(await staff.listRetractRefunds({})).refunds[0]?.refund).toBeNull();
  });
});

describe('refund of a partial retract with a bank', () => {
  const fixture = createSyncFixture();
  afterEach(() => fixture.cleanup());
  const PARTIAL_RETRACT = [{ kind: 'not_taken' }, { kind: 'retract_partial', notes: 1 }] as const;

  /** Ana withdraws 80.00, takes her card but not the cash; the retract brings back one note. */
  async function partialRetract(kiosk: SyncedKiosk) {
    syncedValue(await signInSynced(kiosk, CARDS.ana));
    syncedValue(await kiosk.call('chooseTransaction', { transaction: 'withdrawal' }));
    syncedValue(await kiosk.call('selectWithdrawal', { amountMinor: 8_000, accountRef: 'a1' }));
    syncedValue(await kiosk.call('cardTaken'));
    expect(refusal(await kiosk.call('cashTaken'))).toBe('CASH_RETRACTED');
    endSession(kiosk);
  }

  async function refundAsSupervisor(kiosk: SyncedKiosk, amountMinor: number) {
    const staff = await staffLogin(kiosk.core, SUPERVISOR, Date.now);
    const [mismatch] = ok(await staff.listRetractRefunds({})).refunds;
    if (!mismatch) throw new Error('no mismatch listed');
    const refunded = ok(
      await staff.refundRetract({ transactionId: mismatch.transactionId, amountMinor, note: null, confirmer: null }),
    );
    ok(await staff.logout({}));
    return refunded;
  }

  /** The post of the withdrawal's hold in the kiosk's ledger (the id the bank must know it by). */
  function localPostId(kiosk: SyncedKiosk): string {
    const db = kiosk.db();
    try {
      return (
        db.prepare("SELECT id FROM transfers WHERE kind = 'post_pending' AND code = 'withdrawal'").get() as {
          id: string;
        }
      ).id;
    } finally {
      db.close();
    }
  }

  function bankReversals(bank: { dataDir: string }) {
    const db = new Database(join(bank.dataDir, 'bank.db'), { readonly: true });
    try {
      return db
        .prepare("SELECT reversal_of, amount_minor, kind FROM transfers WHERE code = 'reversal' ORDER BY rowid")
        .all() as { reversal_of: string; amount_minor: number; kind: string }[];
    } finally {
      db.close();
    }
  }

  function outbox(kiosk: SyncedKiosk) {
    const db = kiosk.db();
    try {
      return db.prepare("SELECT op, status, body FROM sync_outbox WHERE op = 'reversal'").all() as {
        op: string;
        status: string;
        body: string;
      }[];
    } finally {
      db.close();
    }
  }

  it('online: the bank reverses the post exactly once by the refunded amount, and both books agree', async () => {
    const bank = await fixture.startBank();
    const kiosk = await fixture.start(bank, { dispenserFaults: [...PARTIAL_RETRACT] });
    await kiosk.core.sync.idle();
    const before = bankBalance(bank, CARDS.ana.checking);
    await partialRetract(kiosk);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    expect(bankBalance(bank, CARDS.ana.checking)).toBe(before - 8_000);

    await refundAsSupervisor(kiosk, 5_000);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    // Drained again: still exactly one reversal.
    await kiosk.core.sync.drainNow();

    const post = localPostId(kiosk);
    expect(bankReversals(bank)).toEqual([{ reversal_of: post, amount_minor: 5_000, kind: 'single' }]);
    const [row] = outbox(kiosk);
    expect(row?.status).toBe('done');
    expect(JSON.parse(row?.body ?? '{}')).toMatchObject({
      originalId: post,
      amountMinor: 5_000,
      reason: 'dispense_fault',
    });
    expect(bankBalance(bank, CARDS.ana.checking)).toBe(before - 8_000 + 5_000);
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(bankBalance(bank, CARDS.ana.checking));
    expect(kiosk.core.sync.status()).toMatchObject({ parked: 0, exceptions: 0 });
  });

  it('stand-in: the reversal names the advice the bank booked', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank, { dispenserFaults: [...PARTIAL_RETRACT] });
    await kiosk.core.sync.idle();
    const before = bankBalance(bank, CARDS.ana.checking);
    bank.setFaults({ rates: { drop_before_apply: 1 } });
    await partialRetract(kiosk);
    const db = kiosk.db();
    const standIn = db.prepare('SELECT advice_key, state FROM sync_stand_ins').get() as { advice_key: string };
    db.close();
    expect(standIn).toMatchObject({ state: 'queued', advice_key: localPostId(kiosk) });

    // Refunded while the bank is still away: the reversal queues behind the advice.
    await refundAsSupervisor(kiosk, 2_000);
    bank.setFaults(null);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    await kiosk.core.sync.drainNow();

    expect(bankReversals(bank)).toEqual([{ reversal_of: standIn.advice_key, amount_minor: 2_000, kind: 'single' }]);
    expect(bankBalance(bank, CARDS.ana.checking)).toBe(before - 8_000 + 2_000);
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(bankBalance(bank, CARDS.ana.checking));
    expect(kiosk.core.sync.status()).toMatchObject({ parked: 0, exceptions: 0 });
  });
});
