// Roles on every staff channel, driven by the contract's own tables: no session → STAFF_SESSION_REQUIRED, an
// operator on a supervisor channel → STAFF_FORBIDDEN, set-up pending → STAFF_SETUP_REQUIRED; and every accepted
// staff action leaves a journal row naming the staff member.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DispenseOutcome } from '../../electron/devices/cash-dispenser.ts';
import { createTeller } from '../../electron/transactions/teller.ts';
import { createTraceNumbers } from '../../electron/transactions/trace-numbers.ts';
import { createTransactionRepo } from '../../electron/transactions/transaction-repo.ts';
import { STAFF_ACCESS, type StaffAccess, type StaffMethod, staffChannels } from '../../shared/ipc/staff.ts';
import { secretFromBase32, totpAt } from '../../electron/staff/totp.ts';
import { NEW_PASSWORD, OPERATOR, SUPERVISOR, type StaffFixture, createStaffFixture } from '../support/staff-fixture.ts';
import { SAMPLE_REQUESTS } from '../support/staff-requests.ts';

let fixture: StaffFixture;
afterEach(() => fixture?.cleanup());

const METHODS = Object.keys(staffChannels) as StaffMethod[];
const accessOf = (method: StaffMethod): StaffAccess => STAFF_ACCESS[method];
const sessionMethods = METHODS.filter((method) => accessOf(method).session);

type AnyHandler = (request: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
const call = (f: StaffFixture, method: StaffMethod, request: unknown = SAMPLE_REQUESTS[method]) =>
  (f.handlers[method] as unknown as AnyHandler)(staffChannels[method].request.parse(request));

describe('the staff access table', () => {
  it('has exactly one entry per staff channel, and a valid sample request for each', () => {
    expect(Object.keys(STAFF_ACCESS).sort()).toEqual([...METHODS].sort());
    for (const method of METHODS) {
      expect(staffChannels[method].request.safeParse(SAMPLE_REQUESTS[method]).success, method).toBe(true);
      const access = accessOf(method);
      if (access.session) expect(access.roles.length, method).toBeGreaterThan(0);
    }
    // Supervisors may do everything an operator may.
    for (const method of sessionMethods) {
      const access = accessOf(method);
      if (access.session) expect(access.roles, method).toContain('supervisor');
    }
  });

  it('refuses every session channel without a staff session', async () => {
    fixture = await createStaffFixture();
    for (const method of sessionMethods) {
      expect(await call(fixture, method), method).toMatchObject({
        ok: false,
        error: { code: 'STAFF_SESSION_REQUIRED' },
      });
    }
  });

  it('refuses an operator every supervisor channel with STAFF_FORBIDDEN (journalled), and lets the cash ones through', async () => {
    fixture = await createStaffFixture();
    await fixture.loginAs(OPERATOR);
    const forbidden = sessionMethods.filter((method) => {
      const access = accessOf(method);
      return access.session && !access.roles.includes('operator');
    });
    expect(forbidden.length).toBeGreaterThan(10);
    for (const method of forbidden) {
      expect(await call(fixture, method), method).toMatchObject({ ok: false, error: { code: 'STAFF_FORBIDDEN' } });
    }
    const refusals = fixture.journal.query({ kind: 'staff.forbidden', limit: 100 });
    expect(refusals.map((row) => row.data.action).sort()).toEqual([...forbidden].sort());
    expect(refusals.every((row) => row.staffId === OPERATOR.staffId)).toBe(true);
    for (const method of sessionMethods.filter((name) => !forbidden.includes(name) && name !== 'logout')) {
      const result = await call(fixture, method);
      expect(result.error?.code ?? 'ok', method).not.toMatch(/^STAFF_(FORBIDDEN|SESSION_REQUIRED|SETUP_REQUIRED)$/);
    }
  });

  it('allows only the set-up channels until the initial password is changed', async () => {
    fixture = await createStaffFixture();
    fixture.value(
      await fixture.handlers.login({
        staffId: SUPERVISOR.staffId,
        password: SUPERVISOR.initialPassword,
        totpCode: fixture.codeFor(SUPERVISOR),
      }),
    );
    for (const method of sessionMethods) {
      const access = accessOf(method);
      if (!access.session || access.duringSetup) continue;
      expect(await call(fixture, method), method).toMatchObject({ ok: false, error: { code: 'STAFF_SETUP_REQUIRED' } });
    }
  });
});

/** A partial retract as a customer session leaves one: 80.00 presented, one note pulled back. Returns its id. */
function seedPartialRetract(f: StaffFixture, card: { id: number; last4: string }): string {
  const teller = createTeller({
    db: f.db,
    ledger: f.ledger,
    cassettes: f.cassettes,
    journal: f.journal,
    cards: f.cards,
    transactions: createTransactionRepo(f.db),
    trace: createTraceNumbers(f.db),
    settings: f.settings,
    kioskId: 'KTEST01',
    now: () => f.clock.now(),
  });
  const customer = { sessionId: randomUUID(), cardId: card.id, maskedPan: `•••• ${card.last4}` };
  const [account] = teller.accountsOf(card.id);
  if (!account) throw new Error('the card has no account');
  const held = teller.authoriseWithdrawal(customer, account, 8_000);
  if (!held.ok) throw new Error(`withdrawal refused: ${held.code}`);
  const presented = held.withdrawal.mix.map(({ cassetteId, notes }) => ({ cassetteId, notes }));
  const outcome: DispenseOutcome = {
    kind: 'presented',
    presented,
    rejected: [],
    presentedNotes: presented.reduce((sum, line) => sum + line.notes, 0),
    presentedAmountMinor: 8_000,
    rejectedNotes: 0,
  };
  teller.retractWithdrawal(customer, held.withdrawal, outcome, 1);
  return held.withdrawal.transactionId;
}

describe('the staff audit trail', () => {
  it('writes a journal row naming the staff member for every accepted staff action', async () => {
    fixture = await createStaffFixture();
    const f = fixture;
    // A retained card to release, and a card with wrong PINs to unlock.
    const ana = f.db.prepare("SELECT id FROM cards WHERE pan_last4 = '7899'").get() as { id: number };
    const ben = f.db.prepare("SELECT id FROM cards WHERE pan_last4 = '8906'").get() as { id: number };
    f.cards.retainCard(ana.id, new Date(f.clock.now()).toISOString(), 'pin_attempts_exceeded');
    f.cards.recordPinFailure(ben.id, new Date(f.clock.now()).toISOString());
    const retracted = seedPartialRetract(f, { id: ben.id, last4: '8906' });
    await f.loginAs(SUPERVISOR);
    let totpUri = '';
    const steps: [StaffMethod, unknown][] = [
      ['dashboard', {}],
      ['cassetteTotal', {}],
      [
        'enterCounts',
        {
          cassettes: [
            { position: 1, notes: 500, rejects: 0 },
            { position: 2, notes: 500, rejects: 0 },
            { position: 3, notes: 300, rejects: 0 },
          ],
          retractBin: [],
          confirmer: null,
        },
      ],
      [
        'addCash',
        {
          cassettes: [
            { position: 1, denominationMinor: 1_000, notes: 400 },
            { position: 2, denominationMinor: 2_000, notes: 400 },
          ],
          confirmer: null,
        },
      ],
      ['trialCassetteTotal', {}],
      ['trialDayTotal', {}],
      ['dayTotal', {}],
      ['testDispense', { position: 1, notes: 2 }],
      ['injectDeviceFault', SAMPLE_REQUESTS.injectDeviceFault],
      ['deviceStatus', {}],
      ['resetDevice', { device: 'dispenser' }],
      ['listRetainedCards', {}],
      ['releaseRetainedCard', { cardId: ana.id, reason: 'customer_identified', note: 'passport checked' }],
      ['listRetractRefunds', {}],
      ['refundRetract', { ...SAMPLE_REQUESTS.refundRetract, transactionId: retracted }],
      ['resetPinAttempts', SAMPLE_REQUESTS.resetPinAttempts],
      ['startEnrolment', SAMPLE_REQUESTS.startEnrolment],
      ['cancelEnrolment', {}],
      ['startEnrolment', SAMPLE_REQUESTS.startEnrolment],
      ['submitEnrolmentPin', SAMPLE_REQUESTS.submitEnrolmentPin],
      ['queryJournal', SAMPLE_REQUESTS.queryJournal],
      ['exportJournal', SAMPLE_REQUESTS.exportJournal],
      ['verifyJournal', {}],
      ['exportDiagnostics', {}],
      ['syncIssues', {}],
      ['resolveSyncIssue', { action: 'resolve', id: 1 }],
      ['syncNow', {}],
      ['setService', { inService: false, reason: 'end of day' }],
      ['getSettings', {}],
      ['updateSettings', SAMPLE_REQUESTS.updateSettings],
      ['listStaff', {}],
      ['createStaff', SAMPLE_REQUESTS.createStaff],
      ['resetStaff', SAMPLE_REQUESTS.resetStaff],
      ['bindStaffCard', SAMPLE_REQUESTS.bindStaffCard],
      ['unbindStaffCard', SAMPLE_REQUESTS.unbindStaffCard],
      ['beginTotpEnrolment', {}],
      ['confirmTotpEnrolment', null],
      ['changePassword', { currentPassword: NEW_PASSWORD, newPassword: 'Another-Quiet-River-58' }],
      ['logout', {}],
    ];
    const audited = METHODS.filter((method) => {
      const access = accessOf(method);
      return access.session && access.audited;
    });
    expect(audited.filter((method) => !steps.some(([step]) => step === method))).toEqual([]);

    for (const [method, request] of steps) {
      const before = f.journal.status().rows;
      let payload = request;
      if (method === 'confirmTotpEnrolment') {
        const secret = secretFromBase32(/secret=([A-Z2-7]+)/.exec(totpUri)?.[1] ?? '');
        payload = { totpCode: totpAt(secret, f.clock.now()) };
      }
      const result = await call(f, method, payload);
      expect(result, method).toMatchObject({ ok: true });
      if (method === 'beginTotpEnrolment')
        totpUri = (result as unknown as { value: { otpauthUri: string } }).value.otpauthUri;
      const rows = f.journal.query({ fromSeq: before + 1, limit: 50 });
      expect(rows.filter((row) => row.staffId === SUPERVISOR.staffId).length, method).toBeGreaterThan(0);
    }
    // Nothing was left to chance: the journal still verifies.
    expect(f.journal.verify()).toMatchObject({ ok: true });
  });
});
