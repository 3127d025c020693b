// Trial Day Total (changes nothing) and Day Total (closes the period and books any variance to overs/unders): the
// kiosk's totals since the last Day Total against the bank's, with the variance shown and flagged. Day Total asks
// once more before it closes the day. Both print their figures on the receipt printer for the balancing record.
import { useState } from 'react';
import type { z } from 'zod';
import type { DayTotalResultSchema } from '../../../shared/ipc/staff.ts';
import { useFormat } from '../../i18n/format.ts';
import { fill, useT } from '../../i18n/index.ts';
import { ReportPrintoutNotice } from '../ReportPrintoutNotice.tsx';
import { StaffError } from '../StaffError.tsx';
import { Fact, Facts } from '../StaffTable.tsx';
import { useStaffAction } from '../staff-call.ts';

type DayTotal = z.output<typeof DayTotalResultSchema>;

export function DayTotalsScreen() {
  const t = useT();
  const trial = useStaffAction('trialDayTotal');
  const close = useStaffAction('dayTotal');
  const [confirming, setConfirming] = useState(false);
  const [shown, setShown] = useState<DayTotal | null>(null);
  const busy = trial.busy || close.busy;

  return (
    <div className="staff-screen staff-screen--wide">
      <h1 className="staff-screen__title">{t('staff.dayTotals.title')}</h1>
      <p className="staff-screen__text">{t('staff.dayTotals.hint')}</p>
      <div className="staff-actions">
        <button
          type="button"
          className="staff-button staff-button--primary"
          data-testid="trial-day-total"
          disabled={busy}
          onClick={() => {
            setConfirming(false);
            void trial.run({}).then((result) => result.ok && setShown(result.value));
          }}
        >
          {t('staff.dayTotals.trial')}
        </button>
        {confirming ? (
          <>
            <button
              type="button"
              className="staff-button staff-button--danger"
              data-testid="day-total-confirm"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                void close.run({}).then((result) => result.ok && setShown(result.value));
              }}
            >
              {t('staff.dayTotals.confirmClose')}
            </button>
            <button
              type="button"
              className="staff-button"
              data-testid="day-total-cancel"
              onClick={() => setConfirming(false)}
            >
              {t('staff.common.cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="staff-button"
            data-testid="day-total"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            {t('staff.dayTotals.close')}
          </button>
        )}
      </div>
      {confirming ? <p className="staff-screen__text staff-flag">{t('staff.dayTotals.closeWarning')}</p> : null}
      <StaffError code={trial.error ?? close.error} />
      {shown ? <DayTotalResult total={shown} /> : null}
    </div>
  );
}

function DayTotalResult({ total }: { readonly total: DayTotal }) {
  const t = useT();
  const format = useFormat();
  const money = (minor: number) => format.money(minor, total.currency);
  const line = (value: { count: number; amountMinor: number }) =>
    fill(t('staff.dayTotals.line'), { count: value.count, amount: money(value.amountMinor) });
  return (
    <section
      className="staff-card"
      data-testid="day-total-result"
      data-closed={String(total.closed)}
      data-flagged={String(total.flagged)}
    >
      <h2 className="staff-card__title">
        {t(total.closed ? 'staff.dayTotals.closedTitle' : 'staff.dayTotals.trialTitle')}
      </h2>
      <p className="staff-screen__text">
        {fill(t('staff.dayTotals.period'), {
          from: format.dateTime(total.periodFrom),
          to: format.dateTime(total.periodTo),
        })}
      </p>
      <div className="staff-grid">
        <Facts testId="day-total-kiosk">
          <Fact label={t('staff.dayTotals.kioskWithdrawals')} testId="day-total-withdrawals">
            {line(total.kiosk.withdrawals)}
          </Fact>
          <Fact label={t('staff.dayTotals.kioskDeposits')}>{line(total.kiosk.deposits)}</Fact>
          <Fact label={t('staff.dayTotals.kioskTransfers')}>{line(total.kiosk.transfers)}</Fact>
          <Fact label={t('staff.dayTotals.fees')}>{money(total.kiosk.feesMinor)}</Fact>
        </Facts>
        <Facts testId="day-total-bank">
          {total.bank ? (
            <>
              <Fact label={t('staff.dayTotals.bankWithdrawals')}>{line(total.bank.withdrawals)}</Fact>
              <Fact label={t('staff.dayTotals.bankDeposits')}>{line(total.bank.deposits)}</Fact>
            </>
          ) : (
            <Fact label={t('staff.dayTotals.bank')}>{t('staff.dayTotals.noBank')}</Fact>
          )}
          <Fact label={t('staff.common.variance')} testId="day-total-variance" flagged={total.flagged}>
            {total.varianceMinor === null
              ? t('staff.dayTotals.noVariance')
              : format.signedMoney(total.varianceMinor, total.currency)}
            {total.flagged ? ` ${t('staff.common.flagged')}` : ''}
          </Fact>
        </Facts>
      </div>
      <ReportPrintoutNotice printout={total.printout} testId="day-total-printout" />
    </section>
  );
}
