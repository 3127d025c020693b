// The service switch: whether the kiosk goes back into service when this staff session ends, or stays out of
// service with a reason customers' screens are kept on. It takes effect at logout (main decides; the kiosk is out of
// service while staff work on it anyway).
import { type FormEvent, useState } from 'react';
import { fill, useT } from '../../i18n/index.ts';
import { staffSelectors, useAtmStore } from '../../store/index.ts';
import { StaffError } from '../StaffError.tsx';
import { StaffField } from '../StaffField.tsx';
import { useStaffAction, useStaffQuery } from '../staff-call.ts';

export function ServiceScreen() {
  const t = useT();
  const session = useAtmStore(staffSelectors.session);
  const dashboard = useStaffQuery('dashboard');
  const setService = useStaffAction('setService');
  const [reason, setReason] = useState('');
  const inService = session?.resumeInService ?? false;
  const reasonOk = reason.trim() !== '' && !/\d{12,}/.test(reason);
  const currentReason = inService ? null : (dashboard.value?.outOfServiceReason ?? null);

  const outOfService = (event: FormEvent) => {
    event.preventDefault();
    if (!reasonOk || setService.busy) return;
    void setService.run({ inService: false, reason: reason.trim() }).then((result) => {
      if (result.ok) {
        setReason('');
        dashboard.reload();
      }
    });
  };

  return (
    <div className="staff-screen">
      <h1 className="staff-screen__title">{t('staff.service.title')}</h1>
      <p
        className="staff-screen__text staff-screen__text--strong"
        data-testid="service-state"
        data-in-service={String(inService)}
      >
        {inService
          ? t('staff.service.willResume')
          : currentReason
            ? fill(t('staff.service.willStayOutWith'), { reason: currentReason })
            : t('staff.service.willStayOut')}
      </p>
      <p className="staff-screen__text">{t('staff.service.hint')}</p>
      <button
        type="button"
        className="staff-button staff-button--primary"
        data-testid="service-in"
        disabled={inService || setService.busy}
        onClick={() => void setService.run({ inService: true }).then(() => dashboard.reload())}
      >
        {t('staff.service.in')}
      </button>
      <form className="staff-card" onSubmit={outOfService}>
        <StaffField
          label={t('staff.service.reason')}
          value={reason}
          onChange={setReason}
          testId="service-reason"
          maxLength={120}
        />
        <button
          type="submit"
          className="staff-button staff-button--danger"
          data-testid="service-out"
          disabled={!reasonOk || setService.busy}
        >
          {t('staff.service.out')}
        </button>
      </form>
      <StaffError code={setService.error ?? dashboard.error} />
    </div>
  );
}
