// Dual control: a second staff member confirms a cash step with their own id, password and code, typed on this
// screen. Off by default (the setting decides whether main insists); the credentials live in the form's state only
// until the step is sent.
import { useT } from '../i18n/index.ts';
import { StaffField } from './StaffField.tsx';

export type Confirmer = {
  readonly on: boolean;
  readonly staffId: string;
  readonly password: string;
  readonly totpCode: string;
};

export const NO_CONFIRMER: Confirmer = { on: false, staffId: '', password: '', totpCode: '' };

/** The request's `confirmer`: null when nobody confirms. */
export function confirmerCredentials(confirmer: Confirmer) {
  return confirmer.on
    ? {
        staffId: confirmer.staffId,
        password: confirmer.password,
        totpCode: confirmer.totpCode === '' ? null : confirmer.totpCode,
      }
    : null;
}

export function confirmerReady(confirmer: Confirmer): boolean {
  return (
    !confirmer.on ||
    (confirmer.staffId.length >= 3 && confirmer.password.length > 0 && /^\d{6}$/.test(confirmer.totpCode))
  );
}

export function ConfirmerFields({
  value,
  onChange,
}: {
  readonly value: Confirmer;
  readonly onChange: (next: Confirmer) => void;
}) {
  const t = useT();
  return (
    <fieldset className="staff-confirmer">
      <legend className="staff-field__label">{t('staff.confirmer.title')}</legend>
      <button
        type="button"
        className="staff-button staff-toggle"
        aria-pressed={value.on}
        data-testid="confirmer-toggle"
        onClick={() => onChange({ ...NO_CONFIRMER, on: !value.on })}
      >
        {t(value.on ? 'staff.confirmer.on' : 'staff.confirmer.off')}
      </button>
      {value.on ? (
        <div className="staff-form staff-form--row">
          <StaffField
            label={t('staff.login.staffId')}
            value={value.staffId}
            onChange={(staffId) => onChange({ ...value, staffId })}
            testId="confirmer-id"
            maxLength={32}
          />
          <StaffField
            label={t('staff.login.password')}
            value={value.password}
            onChange={(password) => onChange({ ...value, password })}
            testId="confirmer-password"
            secret
            maxLength={128}
          />
          <StaffField
            label={t('staff.login.totp')}
            value={value.totpCode}
            onChange={(totpCode) => onChange({ ...value, totpCode })}
            testId="confirmer-totp"
            numeric
            maxLength={6}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
