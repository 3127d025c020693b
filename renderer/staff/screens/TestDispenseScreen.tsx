// Test dispense: a few notes from one cassette into the staff member's hand (booked out of the kiosk cash account),
// to prove the dispenser picks and presents.
import { useState } from 'react';
import { useFormat } from '../../i18n/format.ts';
import { fill, useT } from '../../i18n/index.ts';
import { StaffError } from '../StaffError.tsx';
import { Fact, Facts, Loading } from '../StaffTable.tsx';
import { useStaffAction, useStaffQuery } from '../staff-call.ts';

/** As the contract allows: 1 to 5 notes. */
const NOTE_CHOICES = [1, 2, 3, 4, 5] as const;

export function TestDispenseScreen() {
  const t = useT();
  const format = useFormat();
  const dashboard = useStaffQuery('dashboard');
  const dispense = useStaffAction('testDispense');
  const [position, setPosition] = useState<number | null>(null);
  const [notes, setNotes] = useState(1);
  const cassettes = dashboard.value?.cassettes ?? [];
  const currency = dashboard.value?.currency ?? 'EUR';
  const chosen = position ?? cassettes[0]?.position ?? null;

  return (
    <div className="staff-screen">
      <h1 className="staff-screen__title">{t('staff.testDispense.title')}</h1>
      <p className="staff-screen__text">{t('staff.testDispense.hint')}</p>
      {!dashboard.value && !dashboard.error ? <Loading /> : null}
      <div className="staff-choices" role="group" aria-label={t('staff.testDispense.cassette')}>
        {cassettes.map((cassette) => (
          <button
            key={cassette.position}
            type="button"
            className="staff-button staff-toggle"
            aria-pressed={chosen === cassette.position}
            data-testid={`dispense-cassette-${cassette.position}`}
            onClick={() => setPosition(cassette.position)}
          >
            {fill(t('staff.testDispense.cassetteChoice'), {
              position: cassette.position,
              note: format.money(cassette.denominationMinor, cassette.currency),
              count: cassette.count,
            })}
          </button>
        ))}
      </div>
      <div className="staff-choices" role="group" aria-label={t('staff.testDispense.notes')}>
        {NOTE_CHOICES.map((choice) => (
          <button
            key={choice}
            type="button"
            className="staff-button staff-toggle"
            aria-pressed={notes === choice}
            data-testid={`dispense-notes-${choice}`}
            onClick={() => setNotes(choice)}
          >
            {fill(t('staff.common.notes'), { notes: choice })}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="staff-button staff-button--primary"
        data-testid="dispense-submit"
        disabled={chosen === null || dispense.busy}
        onClick={() => {
          if (chosen === null) return;
          void dispense.run({ position: chosen, notes }).then(() => dashboard.reload());
        }}
      >
        {t('staff.testDispense.submit')}
      </button>
      <StaffError code={dispense.error} />
      {dispense.value ? (
        <Facts testId="dispense-result">
          <Fact
            label={t('staff.testDispense.outcome')}
            testId="dispense-outcome"
            flagged={dispense.value.outcome !== 'presented'}
          >
            <span data-outcome={dispense.value.outcome}>
              {t(`staff.testDispense.outcome.${dispense.value.outcome}`)}
            </span>
          </Fact>
          <Fact label={t('staff.testDispense.presented')}>{dispense.value.presentedNotes}</Fact>
          <Fact label={t('staff.testDispense.rejected')}>{dispense.value.rejectedNotes}</Fact>
          <Fact label={t('staff.testDispense.amount')} testId="dispense-amount">
            {format.money(dispense.value.amountMinor, currency)}
          </Fact>
        </Facts>
      ) : null}
    </div>
  );
}
