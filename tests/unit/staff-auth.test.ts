// Staff entry: password + TOTP, the forced change of the initial password, the password policy, lockout after five
// failures (15 minutes, journal alert), unknown ids costing the same argon2 work as known ones, one session at a
// time, never during a customer session, auto-exit after 2 minutes idle and the service state it leaves behind.
import { afterEach, describe, expect, it } from 'vitest';
import { commonPasswordCount, passwordPolicyViolation } from '../../electron/staff/password-policy.ts';
import { STAFF_IDLE_TIMEOUT_MS, STAFF_MAINTENANCE_REASON } from '../../electron/staff/staff-service.ts';
import { secretFromBase32, totpAt } from '../../electron/staff/totp.ts';
import { NEW_PASSWORD, OPERATOR, SUPERVISOR, type StaffFixture, createStaffFixture } from '../support/staff-fixture.ts';

let fixture: StaffFixture;
afterEach(() => fixture?.cleanup());

const journalRows = (f: StaffFixture, kind: string) => f.journal.query({ kind, limit: 100 });

describe('staff login', () => {
  it('needs id, password and the current authenticator code, then forces the initial password to be changed', async () => {
    fixture = await createStaffFixture();
    const { handlers, value } = fixture;
    const login = value(
      await handlers.login({
        staffId: SUPERVISOR.staffId,
        password: SUPERVISOR.initialPassword,
        totpCode: fixture.codeFor(SUPERVISOR),
      }),
    );
    expect(login.session).toMatchObject({
      staffId: SUPERVISOR.staffId,
      role: 'supervisor',
      mustChangePassword: true,
      mustEnrolTotp: false,
    });
    expect(login.session?.allowed.sort()).toEqual([
      'beginTotpEnrolment',
      'changePassword',
      'confirmTotpEnrolment',
      'getSnapshot',
      'keepAlive',
      'login',
      'logout',
    ]);
    expect(await handlers.dashboard({})).toMatchObject({ ok: false, error: { code: 'STAFF_SETUP_REQUIRED' } });

    // The policy: too short, common (even decorated), containing the staff id, or the same as before.
    for (const weak of [
      'Short-1',
      'Password2024!!',
      'P@ssw0rd-123456',
      'qwertyuiop1234',
      `my-${SUPERVISOR.staffId}-secret`,
      SUPERVISOR.initialPassword,
    ]) {
      expect(
        await handlers.changePassword({ currentPassword: SUPERVISOR.initialPassword, newPassword: weak }),
      ).toMatchObject({ ok: false, error: { code: 'STAFF_PASSWORD_POLICY' } });
    }
    expect(
      await handlers.changePassword({ currentPassword: 'wrong-current-password', newPassword: NEW_PASSWORD }),
    ).toMatchObject({ ok: false, error: { code: 'STAFF_AUTH_FAILED' } });
    const changed = value(
      await handlers.changePassword({ currentPassword: SUPERVISOR.initialPassword, newPassword: NEW_PASSWORD }),
    );
    expect(changed.session?.mustChangePassword).toBe(false);
    expect(changed.session?.allowed).toContain('updateSettings');
    expect((await handlers.dashboard({})).ok).toBe(true);

    // Next time the old password no longer works; the new one does.
    value(await handlers.logout({}));
    expect(
      await handlers.login({
        staffId: SUPERVISOR.staffId,
        password: SUPERVISOR.initialPassword,
        totpCode: fixture.codeFor(SUPERVISOR),
      }),
    ).toMatchObject({ ok: false, error: { code: 'STAFF_AUTH_FAILED' } });
    expect(
      value(
        await handlers.login({
          staffId: SUPERVISOR.staffId,
          password: NEW_PASSWORD,
          totpCode: fixture.codeFor(SUPERVISOR),
        }),
      ).session?.mustChangePassword,
    ).toBe(false);
  });

  it('refuses a wrong or replayed authenticator code with the same code as a wrong password', async () => {
    fixture = await createStaffFixture();
    const { handlers } = fixture;
    const code = fixture.codeFor(OPERATOR);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(
      await handlers.login({ staffId: OPERATOR.staffId, password: OPERATOR.initialPassword, totpCode: wrong }),
    ).toMatchObject({ ok: false, error: { code: 'STAFF_AUTH_FAILED' } });
    expect(
      await handlers.login({ staffId: OPERATOR.staffId, password: OPERATOR.initialPassword, totpCode: null }),
    ).toMatchObject({ ok: false, error: { code: 'STAFF_AUTH_FAILED' } });
    expect(
      await handlers.login({ staffId: OPERATOR.staffId, password: 'not-the-password', totpCode: code }),
    ).toMatchObject({ ok: false, error: { code: 'STAFF_AUTH_FAILED' } });
    expect(
      (await handlers.login({ staffId: OPERATOR.staffId, password: OPERATOR.initialPassword, totpCode: code })).ok,
    ).toBe(true);
    await handlers.logout({});
    // Same 30 s step: the code was used.
    expect(
      await handlers.login({ staffId: OPERATOR.staffId, password: OPERATOR.initialPassword, totpCode: code }),
    ).toMatchObject({ ok: false, error: { code: 'STAFF_AUTH_FAILED' } });
    expect(journalRows(fixture, 'staff.login_failed').every((row) => row.staffId === OPERATOR.staffId)).toBe(true);
  });

  it('locks a staff id for 15 minutes after 5 failures, with a journal alert', async () => {
    fixture = await createStaffFixture();
    const { handlers, clock } = fixture;
    const attempt = (password: string) =>
      handlers.login({ staffId: OPERATOR.staffId, password, totpCode: fixture.codeFor(OPERATOR) });
    for (let failure = 1; failure <= 4; failure++)
      expect(await attempt('wrong-password-000')).toMatchObject({ ok: false, error: { code: 'STAFF_AUTH_FAILED' } });
    expect(await attempt('wrong-password-000')).toMatchObject({ ok: false, error: { code: 'STAFF_LOCKED' } });
    const lockedAt = clock.now();
    // Locked: even the right password and code are refused.
    expect(await attempt(OPERATOR.initialPassword)).toMatchObject({ ok: false, error: { code: 'STAFF_LOCKED' } });
    const alerts = journalRows(fixture, 'staff.locked');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ staffId: OPERATOR.staffId, data: { alert: true, lockedMinutes: 15 } });
    // Others are not affected.
    expect(
      (
        await handlers.login({
          staffId: SUPERVISOR.staffId,
          password: SUPERVISOR.initialPassword,
          totpCode: fixture.codeFor(SUPERVISOR),
        })
      ).ok,
    ).toBe(true);
    await handlers.logout({});
    // codeFor moves 30 s on: this attempt lands one second before the lock ends, the next one after it.
    clock.advance(lockedAt + 15 * 60_000 - 31_000 - clock.now());
    expect(await attempt(OPERATOR.initialPassword)).toMatchObject({ ok: false, error: { code: 'STAFF_LOCKED' } });
    expect(await attempt(OPERATOR.initialPassword)).toMatchObject({ ok: true });
  });

  it('gives an unknown id the same argon2 work and the same answers as a known one, and locks it too', async () => {
    fixture = await createStaffFixture();
    const { handlers, passwordCalls } = fixture;
    const before = { ...passwordCalls };
    const known = await handlers.login({
      staffId: OPERATOR.staffId,
      password: 'wrong-password-000',
      totpCode: fixture.codeFor(OPERATOR),
    });
    const afterKnown = { ...passwordCalls };
    const unknown = await handlers.login({
      staffId: 'nobody42',
      password: 'wrong-password-000',
      totpCode: fixture.codeFor(OPERATOR),
    });
    expect(known).toEqual(unknown);
    expect(afterKnown.verify - before.verify).toBe(1);
    expect(passwordCalls.verify - afterKnown.verify).toBe(1);
    expect(passwordCalls.hash).toBe(afterKnown.hash);
    for (let failure = 2; failure <= 4; failure++)
      await handlers.login({ staffId: 'nobody42', password: 'x', totpCode: null });
    expect(await handlers.login({ staffId: 'nobody42', password: 'x', totpCode: null })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
    // The typed id of an unknown account is not journalled (it may be a mistyped password).
    expect(JSON.stringify(fixture.journal.query({ limit: 500 }))).not.toContain('nobody42');
  });

  it('allows one staff session at a time and never during a customer session', async () => {
    fixture = await createStaffFixture();
    const { handlers, kiosk } = fixture;
    kiosk.customerState = 'menu';
    expect(
      await handlers.login({
        staffId: OPERATOR.staffId,
        password: OPERATOR.initialPassword,
        totpCode: fixture.codeFor(OPERATOR),
      }),
    ).toMatchObject({ ok: false, error: { code: 'STAFF_NOT_AVAILABLE' } });
    kiosk.customerState = 'out_of_service';
    await fixture.loginAs(OPERATOR);
    expect(
      await handlers.login({
        staffId: SUPERVISOR.staffId,
        password: SUPERVISOR.initialPassword,
        totpCode: fixture.codeFor(SUPERVISOR),
      }),
    ).toMatchObject({ ok: false, error: { code: 'STAFF_NOT_AVAILABLE' } });
  });

  it('ends the session after 2 minutes idle and puts the kiosk back as it was', async () => {
    fixture = await createStaffFixture();
    const { handlers, clock, kiosk } = fixture;
    await fixture.loginAs(OPERATOR);
    expect(kiosk.outOfServiceReason).toBe(STAFF_MAINTENANCE_REASON);
    clock.advance(STAFF_IDLE_TIMEOUT_MS - 1_000);
    expect((await handlers.keepAlive({})).ok).toBe(true);
    clock.advance(STAFF_IDLE_TIMEOUT_MS - 1_000);
    expect((await handlers.dashboard({})).ok).toBe(true);
    clock.advance(STAFF_IDLE_TIMEOUT_MS);
    // The idle check queued by the timer runs before this call.
    expect(fixture.value(await handlers.getSnapshot({})).session).toBeNull();
    expect(await handlers.dashboard({})).toMatchObject({ ok: false, error: { code: 'STAFF_SESSION_REQUIRED' } });
    expect(kiosk.outOfServiceReason).toBeNull();
    expect(journalRows(fixture, 'staff.logout').at(-1)).toMatchObject({
      staffId: OPERATOR.staffId,
      data: { reason: 'idle_timeout' },
    });
    expect(fixture.snapshots.at(-1)?.session).toBeNull();
  });

  it('leaves a kiosk that was out of service out of service unless a supervisor says otherwise', async () => {
    fixture = await createStaffFixture();
    const { handlers, kiosk, value } = fixture;
    kiosk.outOfServiceReason = 'cash account does not match the cassettes';
    kiosk.customerState = 'out_of_service';
    await fixture.loginAs(OPERATOR);
    value(await handlers.logout({}));
    expect(kiosk.outOfServiceReason).toBe('cash account does not match the cassettes');
    expect(await fixture.loginAs(OPERATOR, NEW_PASSWORD)).toBeTruthy();
    expect(await handlers.setService({ inService: true })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_FORBIDDEN' },
    });
    value(await handlers.logout({}));
    await fixture.loginAs(SUPERVISOR);
    expect(value(await handlers.setService({ inService: true })).session?.resumeInService).toBe(true);
    value(await handlers.logout({}));
    expect(kiosk.outOfServiceReason).toBeNull();
    await fixture.loginAs(SUPERVISOR, NEW_PASSWORD);
    value(await handlers.setService({ inService: false, reason: 'cassette door repair' }));
    value(await handlers.logout({}));
    expect(kiosk.outOfServiceReason).toBe('cassette door repair');
  });

  it('enrols an authenticator for a new staff member: QR from main, secret stored sealed, code required after', async () => {
    fixture = await createStaffFixture();
    const { handlers, value, db, clock } = fixture;
    await fixture.loginAs(SUPERVISOR);
    value(
      await handlers.createStaff({
        staffId: 'newop',
        displayName: 'New Operator',
        role: 'operator',
        initialPassword: 'Maple-Harbour-Violet-81',
      }),
    );
    value(await handlers.logout({}));
    const first = value(
      await handlers.login({ staffId: 'newop', password: 'Maple-Harbour-Violet-81', totpCode: null }),
    );
    expect(first.session).toMatchObject({ mustChangePassword: true, mustEnrolTotp: true });
    value(await handlers.changePassword({ currentPassword: 'Maple-Harbour-Violet-81', newPassword: NEW_PASSWORD }));
    const enrolment = value(await handlers.beginTotpEnrolment({}));
    expect(enrolment.qrSvg.startsWith('<svg')).toBe(true);
    const base32 = /secret=([A-Z2-7]+)/.exec(enrolment.otpauthUri)?.[1] ?? '';
    const secret = secretFromBase32(base32);
    expect(await handlers.confirmTotpEnrolment({ totpCode: totpAt(secret, clock.now() + 5 * 60_000) })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_AUTH_FAILED' },
    });
    const done = value(await handlers.confirmTotpEnrolment({ totpCode: totpAt(secret, clock.now()) }));
    expect(done.session).toMatchObject({ mustEnrolTotp: false, mustChangePassword: false });
    const row = db
      .prepare("SELECT totp_secret_sealed, password_hash FROM staff_accounts WHERE staff_id = 'newop'")
      .get() as { totp_secret_sealed: string; password_hash: string };
    expect(row.totp_secret_sealed.startsWith('v1:')).toBe(true);
    expect(row.totp_secret_sealed).not.toContain(base32);
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    value(await handlers.logout({}));
    expect(await handlers.login({ staffId: 'newop', password: NEW_PASSWORD, totpCode: null })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_AUTH_FAILED' },
    });
    clock.advance(30_000);
    expect(
      (await handlers.login({ staffId: 'newop', password: NEW_PASSWORD, totpCode: totpAt(secret, clock.now()) })).ok,
    ).toBe(true);
    // No password, TOTP secret or code in the journal or the log.
    const everything = JSON.stringify(fixture.journal.query({ limit: 500 })) + fixture.logger.lines.join('\n');
    for (const secretText of [NEW_PASSWORD, 'Maple-Harbour-Violet-81', base32, SUPERVISOR.initialPassword])
      expect(everything).not.toContain(secretText);
  });
});

describe('password policy', () => {
  it('bundles a few thousand common passwords and checks length, decoration, substitution and the staff id', () => {
    expect(commonPasswordCount()).toBeGreaterThan(3_000);
    expect(passwordPolicyViolation('short-pass', 'op1')).toBe('length');
    expect(passwordPolicyViolation('aaaaaaaaaaaaaa', 'op1')).toBe('pattern');
    expect(passwordPolicyViolation('password1234', 'op1')).toBe('common');
    expect(passwordPolicyViolation('Sunshine2026!', 'op1')).toBe('common');
    expect(passwordPolicyViolation('1qaz2wsx3edc', 'op1')).toBe('common');
    expect(passwordPolicyViolation('Tr0ub4dor&3-Horse', 'op1')).toBeNull();
    expect(passwordPolicyViolation('operator1-is-me!', 'operator1')).toBe('contains_staff_id');
    expect(passwordPolicyViolation(NEW_PASSWORD, 'operator1')).toBeNull();
  });
});

describe('service state around a staff session', () => {
  it('keeps a fault the core found during the session instead of returning to service', async () => {
    fixture = await createStaffFixture();
    await fixture.loginAs(OPERATOR);
    fixture.kiosk.outOfServiceReason = 'database failed its integrity check';
    fixture.value(await fixture.handlers.logout({}));
    expect(fixture.kiosk.outOfServiceReason).toBe('database failed its integrity check');
  });
});
