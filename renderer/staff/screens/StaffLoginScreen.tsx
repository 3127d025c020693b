// Staff login: staff id, password (masked) and the authenticator's current code, typed on the on-screen keyboard or
// a connected one. Main checks all three together and says only "failed" or "locked". The password and code are
// dropped after every attempt. Opened by a staff card, the id comes filled in (still editable; the card proves nothing). Left untouched, the panel closes by itself so the kiosk returns to its customers.
import { type FormEvent, useEffect, useState } from 'react';
import { StaffIdSchema } from '../../../shared/ipc/staff.ts';
import { fill, useT } from '../../i18n/index.ts';
import { staffSelectors, useAtmStore } from '../../store/index.ts';
import { StaffError } from '../StaffError.tsx';
import { StaffField } from '../StaffField.tsx';
import { useStaffAction } from '../staff-call.ts';
import { useActivity } from '../use-activity.ts';

/** The login panel closes after this long without a touch or key: nobody is logged in to keep it open for. */
export const STAFF_LOGIN_IDLE_MS = 60_000;

export function StaffLoginScreen() {
  const t = useT();
  const closeStaffLogin = useAtmStore((s) => s.closeStaffLogin);
  const login = useStaffAction('login');
  const fromCard = useAtmStore(staffSelectors.loginStaffId);
  const [staffId, setStaffId] = useState(fromCard ?? '');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  /** Counts touches and keys anywhere (the docked keyboard too); each one restarts the panel's timer. */
  const [activity, setActivity] = useState(0);
  useActivity('document', () => setActivity((n) => n + 1), true);
  useEffect(() => {
    const timer = window.setTimeout(closeStaffLogin, STAFF_LOGIN_IDLE_MS);
    return () => window.clearTimeout(timer);
  }, [activity, closeStaffLogin]);

  // The code is optional only for an account that has no authenticator yet (main decides).
  const ready =
    StaffIdSchema.safeParse(staffId).success && password.length > 0 && (totpCode === '' || /^\d{6}$/.test(totpCode));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || login.busy) return;
    const credentials = { staffId, password, totpCode: totpCode === '' ? null : totpCode };
    setPassword('');
    setTotpCode('');
    void login.run(credentials);
  };

  return (
    <form className="staff-screen staff-login" onSubmit={submit} data-testid="staff-login">
      <h1 className="staff-screen__title">{t('staff.login.title')}</h1>
      <p className="staff-screen__text" data-testid={fromCard === null ? undefined : 'staff-login-from-card'}>
        {fromCard === null ? t('staff.login.hint') : fill(t('staff.login.fromCard'), { staffId: fromCard })}
      </p>
      <div className="staff-form staff-form--row">
        <StaffField
          label={t('staff.login.staffId')}
          value={staffId}
          onChange={setStaffId}
          testId="staff-login-id"
          maxLength={32}
          autoFocus={fromCard === null}
        />
        <StaffField
          label={t('staff.login.password')}
          value={password}
          onChange={setPassword}
          testId="staff-login-password"
          secret
          maxLength={128}
          autoFocus={fromCard !== null}
        />
        <StaffField
          label={t('staff.login.totp')}
          value={totpCode}
          onChange={setTotpCode}
          testId="staff-login-totp"
          numeric
          maxLength={6}
          hint={t('staff.login.totpHint')}
        />
      </div>
      <StaffError code={login.error} />
      <div className="staff-actions">
        <button
          type="submit"
          className="staff-button staff-button--primary"
          data-testid="staff-login-submit"
          disabled={!ready || login.busy}
        >
          {login.busy ? t('staff.common.checking') : t('staff.login.submit')}
        </button>
        <button type="button" className="staff-button" data-testid="staff-login-cancel" onClick={closeStaffLogin}>
          {t('staff.common.cancel')}
        </button>
      </div>
    </form>
  );
}
