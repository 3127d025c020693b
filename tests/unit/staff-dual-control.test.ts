// Dual control that one supervisor cannot undo alone: while it is on, switching it off, changing the bank connection,
// and creating or resetting a staff account each need a second, different staff member's password and authenticator
// code, and the journal names them. The settings document is bounded before it is read.
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_KEYS_MAX, staffChannels } from '../../shared/ipc/staff.ts';
import { NEW_PASSWORD, OPERATOR, SUPERVISOR, type StaffFixture, createStaffFixture } from '../support/staff-fixture.ts';

let fixture: StaffFixture | undefined;
afterEach(() => {
  fixture?.cleanup();
  fixture = undefined;
});

const TOTP_STEP_MS = 30_000;

describe('dual control', () => {
  it('needs a second person to switch it off, to change the bank, and to create or reset an account', async () => {
    // The fixture's dual-control switch reads its own settings, as the core's does.
    const created: { fixture?: StaffFixture } = {};
    fixture = await createStaffFixture({
      requireDualControl: () => created.fixture?.settings().staffDualControl ?? false,
    });
    const f = fixture;
    created.fixture = f;
    const { handlers, value } = f;
    // Both demo staff finish set-up, then the supervisor works while the operator stands by to confirm.
    await f.loginAs(OPERATOR);
    value(await handlers.logout({}));
    await f.loginAs(SUPERVISOR);
    const operator = () => {
      f.clock.advance(TOTP_STEP_MS); // a confirmer's code is used once
      return { staffId: OPERATOR.staffId, password: NEW_PASSWORD, totpCode: f.codeFor(OPERATOR) };
    };

    // Switching it on takes one person.
    expect(value(await handlers.updateSettings({ patch: { staffDualControl: true } })).changed).toEqual([
      'staffDualControl',
    ]);

    // Off, or another bank: refused without a confirmer, and nothing changes.
    const refusals = [
      await handlers.updateSettings({ patch: { staffDualControl: false } }),
      await handlers.updateSettings({ patch: { bank: { url: 'https://bank.example', deviceId: 'kiosk-x01' } } }),
      await handlers.createStaff({
        staffId: 'new.person',
        displayName: 'New Person',
        role: 'supervisor',
        initialPassword: 'Harbour-Violet-Engine-42',
      }),
      await handlers.resetStaff({ staffId: OPERATOR.staffId, initialPassword: 'Harbour-Violet-Engine-42' }),
      // Confirming oneself is not a second person.
      await handlers.updateSettings({
        patch: { staffDualControl: false },
        confirmer: { staffId: SUPERVISOR.staffId, password: NEW_PASSWORD, totpCode: f.codeFor(SUPERVISOR) },
      }),
    ];
    for (const refused of refusals) expect(refused).toMatchObject({ ok: false, error: { code: 'STAFF_DUAL_CONTROL_REQUIRED' } });
    expect(f.settings()).toMatchObject({ staffDualControl: true, bank: { url: null } });
    expect(value(await handlers.listStaff({})).staff.map((account) => account.staffId)).not.toContain('new.person');

    // With the operator confirming, each goes through and the journal names the confirmer.
    expect(
      value(
        await handlers.createStaff({
          staffId: 'new.person',
          displayName: 'New Person',
          role: 'operator',
          initialPassword: 'Harbour-Violet-Engine-42',
          confirmer: operator(),
        }),
      ),
    ).toMatchObject({ staffId: 'new.person', totpEnrolled: false, mustChangePassword: true });
    value(
      await handlers.resetStaff({ staffId: 'new.person', initialPassword: 'Copper-Meadow-Signal-57', confirmer: operator() }),
    );
    expect(
      value(await handlers.updateSettings({ patch: { staffDualControl: false }, confirmer: operator() })).changed,
    ).toEqual(['staffDualControl']);
    // Once off, a setting is one person's again.
    value(await handlers.updateSettings({ patch: { staffIdleTimeoutMs: 90_000 } }));

    const confirmedBy = (kind: 'staff.account_created' | 'staff.account_reset' | 'config.changed') =>
      f.journal
        .query({ kind, limit: 10 })
        .map((entry) => ({ by: entry.staffId, confirmedBy: entry.data.confirmedBy ?? null }));
    expect(confirmedBy('staff.account_created')).toEqual([{ by: SUPERVISOR.staffId, confirmedBy: OPERATOR.staffId }]);
    expect(confirmedBy('staff.account_reset')).toEqual([{ by: SUPERVISOR.staffId, confirmedBy: OPERATOR.staffId }]);
    expect(confirmedBy('config.changed')).toEqual([
      { by: SUPERVISOR.staffId, confirmedBy: null },
      { by: SUPERVISOR.staffId, confirmedBy: OPERATOR.staffId },
      { by: SUPERVISOR.staffId, confirmedBy: null },
    ]);
  });

  it('refuses a settings document with more keys than the kiosk has settings, before reading it', () => {
    const many = Object.fromEntries(Array.from({ length: SETTINGS_KEYS_MAX + 1 }, (_, index) => [`key${'a'.repeat(index % 30)}x${String.fromCharCode(97 + (index % 26))}`, true]));
    expect(Object.keys(many).length).toBeGreaterThan(SETTINGS_KEYS_MAX);
    expect(staffChannels.updateSettings.request.safeParse({ patch: many }).success).toBe(false);
    expect(staffChannels.updateSettings.request.safeParse({ patch: { staffDualControl: true } }).success).toBe(true);
  });
});
