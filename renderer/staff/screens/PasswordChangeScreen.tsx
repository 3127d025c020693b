// The forced change of an initial password (and nothing else is possible until it is done). Main applies the
// policy — length, common passwords, the staff id, reuse — and answers STAFF_PASSWORD_POLICY; the renderer only
// checks that the two new entries agree. All three fields are cleared after every attempt.
import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { StaffError } from '../StaffError.tsx';
import { StaffField } from '../StaffField.tsx';
import { useStaffAction } from '../staff-call.ts';

/** What main's policy asks for at least; shown as a hint and used to keep the button off below it. */
const PASSWORD_LENGTH_MIN = 12;

export function PasswordChangeScreen() {
  const t = useT();
  const change = useStaffAction('changePassword');
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const ready = currentPassword.length > 0 && newPassword.length >= PASSWORD_LENGTH_MIN && again.length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || change.busy) return;
    const request = { currentPassword, newPassword };
    const same = newPassword === again;
    setCurrentPassword('');
    setNewPassword('');
    setAgain('');
    setMismatch(!same);
    if (same) void change.run(request);
  };

  return (
    <form className="staff-screen" onSubmit={submit} data-testid="staff-password-change">
      <h1 className="staff-screen__title">{t('staff.password.title')}</h1>
      <p className="staff-screen__text">{t('staff.password.hint')}</p>
      <div className="staff-form">
        <StaffField
          label={t('staff.password.current')}
          value={currentPassword}
          onChange={setCurrentPassword}
          testId="staff-password-current"
          secret
          maxLength={128}
          autoFocus
        />
        <StaffField
          label={t('staff.password.new')}
          value={newPassword}
          onChange={setNewPassword}
          testId="staff-password-new"
          secret
          maxLength={128}
        />
        <StaffField
          label={t('staff.password.again')}
          value={again}
          onChange={setAgain}
          testId="staff-password-again"
          secret
          maxLength={128}
        />
      </div>
      {mismatch ? (
        <p className="error-text staff-error" role="alert" data-testid="staff-error" data-code="mismatch">
          {t('staff.password.mismatch')}
        </p>
      ) : (
        <StaffError code={change.error} overrides={{ STAFF_AUTH_FAILED: 'staff.password.currentWrong' }} />
      )}
      <div className="staff-actions">
        <button
          type="submit"
          className="staff-button staff-button--primary"
          data-testid="staff-password-submit"
          disabled={!ready || change.busy}
        >
          {change.busy ? t('staff.common.checking') : t('staff.password.submit')}
        </button>
      </div>
    </form>
  );
}
