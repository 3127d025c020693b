// Authenticator enrolment: main makes a new secret and draws its QR code (SVG text), shown here only as an image
// (a data: URL — never injected as markup); the key is also shown for typing into an app by hand. The first code
// from the app proves it works, and only then does main store the secret.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { StaffError } from '../StaffError.tsx';
import { StaffField } from '../StaffField.tsx';
import { useStaffAction } from '../staff-call.ts';

/** The base32 key of an otpauth URI, in groups of four for reading aloud or typing; null if it has none. */
function secretOf(uri: string): string | null {
  try {
    const secret = new URL(uri).searchParams.get('secret');
    return secret ? (secret.match(/.{1,4}/g) ?? []).join(' ') : null;
  } catch {
    return null;
  }
}

export function TotpEnrolmentScreen() {
  const t = useT();
  const begin = useStaffAction('beginTotpEnrolment');
  const confirm = useStaffAction('confirmTotpEnrolment');
  const [code, setCode] = useState('');
  const started = useRef(false);
  const { run } = begin;

  useEffect(() => {
    // Once per screen: a second begin would replace the secret the staff member is scanning.
    if (started.current) return;
    started.current = true;
    void run({});
  }, [run]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code) || confirm.busy) return;
    setCode('');
    void confirm.run({ totpCode: code });
  };

  const enrolment = begin.value;
  const secret = enrolment ? secretOf(enrolment.otpauthUri) : null;
  return (
    <form className="staff-screen" onSubmit={submit} data-testid="staff-totp-enrolment">
      <h1 className="staff-screen__title">{t('staff.totp.title')}</h1>
      <p className="staff-screen__text">{t('staff.totp.hint')}</p>
      <div className="staff-totp">
        {enrolment ? (
          <img
            className="staff-totp__qr"
            src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt={t('staff.totp.qrAlt')}
            data-testid="staff-totp-qr"
          />
        ) : (
          <div className="spinner" aria-hidden="true" />
        )}
        <div className="staff-form">
          {secret ? (
            <p className="staff-totp__key">
              <span className="staff-field__label">{t('staff.totp.manualKey')}</span>
              <code className="staff-totp__secret" data-testid="staff-totp-secret">
                {secret}
              </code>
            </p>
          ) : null}
          <StaffField
            label={t('staff.totp.code')}
            value={code}
            onChange={setCode}
            testId="staff-totp-code"
            numeric
            maxLength={6}
          />
          <StaffError code={begin.error ?? confirm.error} overrides={{ STAFF_AUTH_FAILED: 'staff.totp.wrongCode' }} />
          <div className="staff-actions">
            <button
              type="submit"
              className="staff-button staff-button--primary"
              data-testid="staff-totp-submit"
              disabled={!/^\d{6}$/.test(code) || confirm.busy || !enrolment}
            >
              {t('staff.totp.submit')}
            </button>
          </div>
        </div>
      </div>
    </form>
  );
}
