// Staff cash functions: the replenishment cycle in the operators' order keeps the kiosk cash account equal to the
// cassettes after every step and books counted differences to overs/unders; dual control; Day Total against the
// bank's totals with the variance booked and flagged; test dispense.
import { afterEach, describe, expect, it } from 'vitest';
import type { BankDayTotals } from '../../electron/staff/staff-cash.ts';
import { NEW_PASSWORD, OPERATOR, SUPERVISOR, type StaffFixture, createStaffFixture } from '../support/staff-fixture.ts';

let fixture: StaffFixture;
afterEach(() => fixture?.cleanup());

const balance = (f: StaffFixture, kind: 'kiosk_cash' | 'kiosk_rejects' | 'overs_unders' | 'settlement') =>
  f.ledger.account(f.ledger.internalAccountId(kind, 'EUR'))?.balanceMinor ?? 0;
const cashMatches = (f: StaffFixture) => balance(f, 'kiosk_cash') === f.cassettes.totalValueMinor('EUR');

describe('replenishment', () => {
  it('runs Cassette Total → counts → Add Cash → Trial Cassette Total with the cash account equal to the cassettes throughout', async () => {
    fixture = await createStaffFixture();
    const f = fixture;
    const { handlers, value } = f;
    await f.loginAs(OPERATOR);
    expect(cashMatches(f)).toBe(true);
    expect(
      await handlers.addCash({ cassettes: [{ position: 1, denominationMinor: 1_000, notes: 10 }], confirmer: null }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    const total = value(await handlers.cassetteTotal({}));
    expect(total.cassettes.map((line) => [line.position, line.notes, line.valueMinor])).toEqual([
      [1, 500, 500_000],
      [2, 500, 1_000_000],
      [3, 300, 1_500_000],
    ]);
    expect(total.cashAccountMinor).toBe(3_000_000);
    expect(balance(f, 'kiosk_cash')).toBe(0);
    expect(f.cassettes.totalValueMinor('EUR')).toBe(0);
    expect(cashMatches(f)).toBe(true);
    expect(f.snapshots.at(-1)?.replenishment).toEqual({ cycleId: total.cycleId, state: 'totalled' });
    expect(await handlers.cassetteTotal({})).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    // Every cassette must be counted; position 1 is two notes short, and a €50 note turned up in the retract bin.
    expect(
      await handlers.enterCounts({
        cassettes: [{ position: 1, notes: 498, rejects: 0 }],
        retractBin: [],
        confirmer: null,
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const counted = value(
      await handlers.enterCounts({
        cassettes: [
          { position: 1, notes: 498, rejects: 0 },
          { position: 2, notes: 500, rejects: 0 },
          { position: 3, notes: 300, rejects: 0 },
        ],
        retractBin: [{ denominationMinor: 5_000, notes: 1 }],
        confirmer: null,
      }),
    );
    expect(counted).toMatchObject({
      expectedMinor: 3_000_000,
      countedMinor: 3_003_000,
      varianceMinor: 3_000,
      flagged: true,
    });
    expect(counted.cassettes[0]).toMatchObject({
      position: 1,
      expectedNotes: 500,
      countedNotes: 498,
      varianceMinor: -2_000,
    });
    // An over is a credit to overs/unders (shown debit-normal, so negative).
    expect(balance(f, 'overs_unders')).toBe(-3_000);

    const loaded = value(
      await handlers.addCash({
        cassettes: [
          { position: 1, denominationMinor: 1_000, notes: 1_000 },
          { position: 2, denominationMinor: 2_000, notes: 800 },
          { position: 3, denominationMinor: 5_000, notes: 400 },
        ],
        confirmer: null,
      }),
    );
    expect(loaded.loadedMinor).toBe(1_000_000 + 1_600_000 + 2_000_000);
    expect(balance(f, 'kiosk_cash')).toBe(loaded.loadedMinor);
    expect(cashMatches(f)).toBe(true);

    const trial = value(await handlers.trialCassetteTotal({}));
    expect(trial).toMatchObject({
      matches: true,
      cassettesValueMinor: 4_600_000,
      cashAccountMinor: 4_600_000,
      closedCycleId: total.cycleId,
    });
    expect(f.service.snapshot().replenishment).toBeNull();
    expect(f.ledger.verifyBalances()).toEqual({ ok: true });
    expect(f.cassettes.verifyCounts()).toEqual([]);
    const kinds = f.journal.query({ staffId: OPERATOR.staffId, limit: 100 }).map((row) => row.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'staff.cassette_total',
        'staff.cash_counted',
        'staff.cash_added',
        'staff.trial_cassette_total',
      ]),
    );

    // Logging out with the cash in order returns the (previously in-service) kiosk to service.
    value(await handlers.logout({}));
    expect(f.kiosk.outOfServiceReason).toBeNull();
  });

  it('keeps the kiosk out of service when the operator leaves a replenishment unfinished', async () => {
    fixture = await createStaffFixture();
    await fixture.loginAs(OPERATOR);
    fixture.value(await fixture.handlers.cassetteTotal({}));
    fixture.value(await fixture.handlers.logout({}));
    expect(fixture.kiosk.outOfServiceReason).toBe('replenishment not finished');
  });

  it('asks a second, different staff member to confirm counts and loads when dual control is on', async () => {
    fixture = await createStaffFixture({ requireDualControl: () => true });
    const f = fixture;
    const { handlers, value } = f;
    await f.loginAs(SUPERVISOR);
    value(await handlers.logout({}));
    await f.loginAs(OPERATOR);
    value(await handlers.cassetteTotal({}));
    const counts = {
      cassettes: [
        { position: 1, notes: 500, rejects: 0 },
        { position: 2, notes: 500, rejects: 0 },
        { position: 3, notes: 300, rejects: 0 },
      ],
      retractBin: [],
    };
    expect(await handlers.enterCounts({ ...counts, confirmer: null })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_DUAL_CONTROL_REQUIRED' },
    });
    expect(
      await handlers.enterCounts({
        ...counts,
        confirmer: { staffId: OPERATOR.staffId, password: NEW_PASSWORD, totpCode: f.codeFor(OPERATOR) },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'STAFF_DUAL_CONTROL_REQUIRED' },
    });
    expect(
      await handlers.enterCounts({
        ...counts,
        confirmer: { staffId: SUPERVISOR.staffId, password: 'wrong-password-1', totpCode: f.codeFor(SUPERVISOR) },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'STAFF_AUTH_FAILED' },
    });
    const ok = value(
      await handlers.enterCounts({
        ...counts,
        confirmer: { staffId: SUPERVISOR.staffId, password: NEW_PASSWORD, totpCode: f.codeFor(SUPERVISOR) },
      }),
    );
    expect(ok.varianceMinor).toBe(0);
    expect(f.journal.query({ kind: 'staff.cash_counted', limit: 5 })[0]).toMatchObject({
      staffId: OPERATOR.staffId,
      data: { confirmedBy: SUPERVISOR.staffId },
    });
  });

  it('test-dispenses notes to the staff member, booked out of the cash account', async () => {
    fixture = await createStaffFixture();
    const f = fixture;
    await f.loginAs(OPERATOR);
    const before = balance(f, 'kiosk_cash');
    expect(f.value(await f.handlers.testDispense({ position: 2, notes: 3 }))).toEqual({
      outcome: 'presented',
      presentedNotes: 3,
      rejectedNotes: 0,
      amountMinor: 6_000,
    });
    expect(balance(f, 'kiosk_cash')).toBe(before - 6_000);
    expect(cashMatches(f)).toBe(true);
    f.dispenser.injectFault({ kind: 'jam_before_present', pickedNotes: 1 });
    expect(f.value(await f.handlers.testDispense({ position: 1, notes: 2 }))).toMatchObject({
      outcome: 'jammed_before_present',
      rejectedNotes: 1,
      amountMinor: 0,
    });
    expect(cashMatches(f)).toBe(true);
    expect(f.value(await f.handlers.dashboard({})).devices[0]).toMatchObject({
      device: 'dispenser',
      state: 'fault',
      fault: 'jam',
    });
    f.value(await f.handlers.resetDevice({ device: 'dispenser' }));
    expect(f.dispenser.status().state).toBe('ready');
  });
});

describe('day totals', () => {
  const insertTransaction = (f: StaffFixture, kind: 'withdrawal' | 'deposit', amountMinor: number, stan: string) => {
    const card = f.db.prepare('SELECT id FROM cards LIMIT 1').get() as { id: number };
    const at = new Date(f.clock.now()).toISOString();
    f.db
      .prepare(
        `INSERT INTO customer_transactions (id, session_id, card_id, kind, amount_minor, completed_minor, currency, business_day, stan, rrn, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'EUR', ?, ?, ?, 'completed', ?, ?)`,
      )
      .run(
        crypto.randomUUID(),
        crypto.randomUUID(),
        card.id,
        kind,
        amountMinor,
        amountMinor,
        at.slice(0, 10),
        stan,
        `000000${stan}`,
        at,
        at,
      );
  };

  it('compares the kiosk totals with the bank: a variance is flagged, and booked to overs/unders only by Day Total', async () => {
    let bank: BankDayTotals | null = {
      withdrawals: { count: 2, amountMinor: 12_000 },
      deposits: { count: 1, amountMinor: 5_000 },
    };
    fixture = await createStaffFixture({ bankTotals: async () => bank });
    const f = fixture;
    insertTransaction(f, 'withdrawal', 10_000, '000001');
    insertTransaction(f, 'deposit', 5_000, '000002');
    f.clock.advance(1_000);
    await f.loginAs(OPERATOR);
    const trial = f.value(await f.handlers.trialDayTotal({}));
    expect(trial).toMatchObject({
      closed: false,
      flagged: true,
      varianceMinor: -2_000,
      kiosk: { withdrawals: { count: 1, amountMinor: 10_000 }, deposits: { count: 1, amountMinor: 5_000 } },
    });
    expect(balance(f, 'overs_unders')).toBe(0);

    const day = f.value(await f.handlers.dayTotal({}));
    expect(day).toMatchObject({ closed: true, flagged: true, varianceMinor: -2_000 });
    // The bank charged customers 2 000 more than the kiosk paid out: an over for the branch.
    expect(balance(f, 'overs_unders')).toBe(-2_000);
    expect(f.db.prepare('SELECT flagged, variance_minor, closed_by FROM day_totals').all()).toEqual([
      { flagged: 1, variance_minor: -2_000, closed_by: OPERATOR.staffId },
    ]);
    expect(f.journal.query({ kind: 'staff.day_total', limit: 5 })[0]).toMatchObject({
      staffId: OPERATOR.staffId,
      data: { flagged: true, varianceMinor: -2_000 },
    });

    // The next period starts where this one ended.
    bank = null;
    const next = f.value(await f.handlers.trialDayTotal({}));
    expect(next).toMatchObject({
      bank: null,
      varianceMinor: null,
      flagged: false,
      kiosk: { withdrawals: { count: 0 } },
    });
    expect(f.ledger.verifyBalances()).toEqual({ ok: true });
  });
});
