// Replenishment in the order operators work: (1) Cassette Total prints the counters and zeroes them, (2) the notes
// counted in each cassette, its rejects and the retract bin, (3) Add Cash per cassette by note count, (4) Trial
// Cassette Total, which closes the cycle. The step comes from main's snapshot, so a cycle left open (even by a
// crash) resumes at the right step; each step's printout stays on screen for the next one, and both totals say
// whether their paper report printed (a printer problem is a warning: the total stands).
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useFormat } from '../../i18n/format.ts';
import { fill, type MessageKey, useT } from '../../i18n/index.ts';
import { staffSelectors, useAtmStore } from '../../store/index.ts';
import { CassetteTable } from '../CassetteTable.tsx';
import {
  type Confirmer,
  ConfirmerFields,
  NO_CONFIRMER,
  confirmerCredentials,
  confirmerReady,
} from '../ConfirmerFields.tsx';
import { ReportPrintoutNotice } from '../ReportPrintoutNotice.tsx';
import { StaffError } from '../StaffError.tsx';
import { StaffField } from '../StaffField.tsx';
import { Fact, Facts, Loading } from '../StaffTable.tsx';
import { useStaffAction, useStaffQuery } from '../staff-call.ts';

const STEPS = [
  'staff.replenishment.step.total',
  'staff.replenishment.step.count',
  'staff.replenishment.step.load',
  'staff.replenishment.step.trial',
] as const satisfies readonly MessageKey[];

const count = (text: string) => (text === '' ? 0 : Number(text));

export function ReplenishmentScreen() {
  const t = useT();
  const format = useFormat();
  const cycle = useAtmStore(staffSelectors.replenishment);
  const dashboard = useStaffQuery('dashboard');
  const total = useStaffAction('cassetteTotal');
  const counts = useStaffAction('enterCounts');
  const load = useStaffAction('addCash');
  const trial = useStaffAction('trialCassetteTotal');
  const [typed, setTyped] = useState<Readonly<Record<string, string>>>({});
  const [confirmer, setConfirmer] = useState<Confirmer>(NO_CONFIRMER);
  const field = (name: string) => typed[name] ?? '';
  const setField = (name: string) => (value: string) => setTyped((current) => ({ ...current, [name]: value }));

  const step = trial.value
    ? 4
    : cycle === null
      ? 0
      : cycle.state === 'totalled'
        ? 1
        : cycle.state === 'counted'
          ? 2
          : 3;
  const cassettes = dashboard.value?.cassettes ?? [];
  const currency = dashboard.value?.currency ?? 'EUR';
  const denominations = [...new Set(cassettes.map((cassette) => cassette.denominationMinor))].sort((a, b) => a - b);
  const error = total.error ?? counts.error ?? load.error ?? trial.error ?? dashboard.error;
  /** The printout of the step just done, with the next step's form under it: brought into view as each step ends. */
  const newest = useRef<HTMLElement>(null);
  useEffect(() => {
    newest.current?.scrollIntoView({ block: 'start' });
  }, [step]);

  const afterStep = (ok: boolean) => {
    if (!ok) return;
    setTyped({});
    setConfirmer(NO_CONFIRMER);
    dashboard.reload();
  };

  const submitCounts = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmerReady(confirmer) || counts.busy) return;
    void counts
      .run({
        cassettes: cassettes.map((cassette) => ({
          position: cassette.position,
          notes: count(field(`notes-${cassette.position}`)),
          rejects: count(field(`rejects-${cassette.position}`)),
        })),
        retractBin: denominations
          .map((denominationMinor) => ({ denominationMinor, notes: count(field(`retract-${denominationMinor}`)) }))
          .filter((entry) => entry.notes > 0),
        confirmer: confirmerCredentials(confirmer),
      })
      .then((result) => afterStep(result.ok));
  };

  const submitLoad = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmerReady(confirmer) || load.busy) return;
    void load
      .run({
        cassettes: cassettes.map((cassette) => ({
          position: cassette.position,
          denominationMinor: cassette.denominationMinor,
          notes: count(field(`load-${cassette.position}`)),
        })),
        confirmer: confirmerCredentials(confirmer),
      })
      .then((result) => afterStep(result.ok));
  };

  return (
    <div className="staff-screen staff-screen--wide" data-testid="replenishment" data-step={step + 1}>
      <h1 className="staff-screen__title">{t('staff.replenishment.title')}</h1>
      <ol className="staff-steps">
        {STEPS.map((key, index) => (
          <li
            key={key}
            className="staff-steps__step"
            aria-current={index === step ? 'step' : undefined}
            data-done={index < step ? 'true' : undefined}
          >
            {fill(t('staff.replenishment.stepOf'), { step: index + 1 })} {t(key)}
          </li>
        ))}
      </ol>
      <StaffError code={error} />
      {!dashboard.value && !dashboard.error ? <Loading /> : null}

      {total.value ? (
        <section
          className="staff-card"
          aria-labelledby="rep-total"
          data-testid="cassette-total-result"
          ref={step === 1 ? newest : undefined}
        >
          <h2 id="rep-total" className="staff-card__title">
            {t('staff.replenishment.totalPrintout')}
          </h2>
          <table className="staff-table">
            <thead>
              <tr>
                <th scope="col">{t('staff.cassette.position')}</th>
                <th scope="col">{t('staff.cassette.note')}</th>
                <th scope="col">{t('staff.cassette.count')}</th>
                <th scope="col">{t('staff.cassette.rejects')}</th>
                <th scope="col">{t('staff.cassette.value')}</th>
              </tr>
            </thead>
            <tbody>
              {total.value.cassettes.map((line) => (
                <tr key={line.position}>
                  <td>{line.position}</td>
                  <td>{format.money(line.denominationMinor, total.value?.currency ?? currency)}</td>
                  <td className="staff-table__number">{line.notes}</td>
                  <td className="staff-table__number">{line.rejects}</td>
                  <td className="staff-table__number">
                    {format.money(line.valueMinor, total.value?.currency ?? currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Facts>
            <Fact label={t('staff.dashboard.cashAccount')} testId="cassette-total-cash">
              {format.money(total.value.cashAccountMinor, total.value.currency)}
            </Fact>
            <Fact label={t('staff.dashboard.rejectsAccount')}>
              {format.money(total.value.rejectsAccountMinor, total.value.currency)}
            </Fact>
            <Fact label={t('staff.dashboard.retractBin')}>
              {fill(t('staff.common.notes'), { notes: total.value.retractBinNotes })}
            </Fact>
          </Facts>
          <ReportPrintoutNotice printout={total.value.printout} testId="cassette-total-printout" />
        </section>
      ) : null}

      {step === 0 ? (
        <div className="staff-actions">
          <p className="staff-screen__text">{t('staff.replenishment.totalHint')}</p>
          <button
            type="button"
            className="staff-button staff-button--primary"
            data-testid="cassette-total"
            disabled={total.busy}
            onClick={() => void total.run({}).then((result) => afterStep(result.ok))}
          >
            {t('staff.replenishment.doTotal')}
          </button>
        </div>
      ) : null}

      {step === 1 ? (
        <form className="staff-card" onSubmit={submitCounts} data-testid="count-form">
          <h2 className="staff-card__title">{t('staff.replenishment.countTitle')}</h2>
          <p className="staff-screen__text">{t('staff.replenishment.countHint')}</p>
          <div className="staff-form staff-form--grid">
            {cassettes.map((cassette) => (
              <div key={cassette.position} className="staff-form__group">
                <StaffField
                  label={fill(t('staff.replenishment.countNotes'), {
                    position: cassette.position,
                    note: format.money(cassette.denominationMinor, cassette.currency),
                  })}
                  value={field(`notes-${cassette.position}`)}
                  onChange={setField(`notes-${cassette.position}`)}
                  testId={`count-notes-${cassette.position}`}
                  numeric
                  maxLength={6}
                />
                <StaffField
                  label={fill(t('staff.replenishment.countRejects'), { position: cassette.position })}
                  value={field(`rejects-${cassette.position}`)}
                  onChange={setField(`rejects-${cassette.position}`)}
                  testId={`count-rejects-${cassette.position}`}
                  numeric
                  maxLength={6}
                />
              </div>
            ))}
            {denominations.map((denominationMinor) => (
              <StaffField
                key={denominationMinor}
                label={fill(t('staff.replenishment.countRetract'), { note: format.money(denominationMinor, currency) })}
                value={field(`retract-${denominationMinor}`)}
                onChange={setField(`retract-${denominationMinor}`)}
                testId={`count-retract-${denominationMinor}`}
                numeric
                maxLength={6}
              />
            ))}
          </div>
          <ConfirmerFields value={confirmer} onChange={setConfirmer} />
          <button
            type="submit"
            className="staff-button staff-button--primary"
            data-testid="count-submit"
            disabled={counts.busy || cassettes.length === 0 || !confirmerReady(confirmer)}
          >
            {t('staff.replenishment.doCount')}
          </button>
        </form>
      ) : null}

      {counts.value ? (
        <section
          className="staff-card"
          aria-labelledby="rep-count"
          ref={step === 2 ? newest : undefined}
          data-testid="count-result"
          data-variance={counts.value.varianceMinor}
          data-flagged={String(counts.value.flagged)}
        >
          <h2 id="rep-count" className="staff-card__title">
            {t('staff.replenishment.countResult')}
          </h2>
          <Facts>
            <Fact label={t('staff.common.expected')}>{format.money(counts.value.expectedMinor, currency)}</Fact>
            <Fact label={t('staff.common.counted')}>{format.money(counts.value.countedMinor, currency)}</Fact>
            <Fact label={t('staff.common.variance')} testId="count-variance" flagged={counts.value.flagged}>
              {format.signedMoney(counts.value.varianceMinor, currency)}
              {counts.value.flagged ? ` ${t('staff.common.flagged')}` : ''}
            </Fact>
          </Facts>
        </section>
      ) : null}

      {step === 2 ? (
        <form className="staff-card" onSubmit={submitLoad} data-testid="load-form">
          <h2 className="staff-card__title">{t('staff.replenishment.loadTitle')}</h2>
          <p className="staff-screen__text">{t('staff.replenishment.loadHint')}</p>
          <div className="staff-form staff-form--grid">
            {cassettes.map((cassette) => (
              <StaffField
                key={cassette.position}
                label={fill(t('staff.replenishment.loadNotes'), {
                  position: cassette.position,
                  note: format.money(cassette.denominationMinor, cassette.currency),
                })}
                value={field(`load-${cassette.position}`)}
                onChange={setField(`load-${cassette.position}`)}
                testId={`load-notes-${cassette.position}`}
                numeric
                maxLength={5}
              />
            ))}
          </div>
          <ConfirmerFields value={confirmer} onChange={setConfirmer} />
          <button
            type="submit"
            className="staff-button staff-button--primary"
            data-testid="load-submit"
            disabled={load.busy || cassettes.length === 0 || !confirmerReady(confirmer)}
          >
            {t('staff.replenishment.doLoad')}
          </button>
        </form>
      ) : null}

      {load.value ? (
        <section
          className="staff-card"
          aria-labelledby="rep-load"
          data-testid="load-result"
          ref={step === 3 ? newest : undefined}
        >
          <h2 id="rep-load" className="staff-card__title">
            {fill(t('staff.replenishment.loaded'), { amount: format.money(load.value.loadedMinor, currency) })}
          </h2>
          <CassetteTable cassettes={load.value.cassettes} testId="load-cassettes" />
        </section>
      ) : null}

      {step === 3 || step === 0 ? (
        <div className="staff-actions">
          <button
            type="button"
            className={step === 3 ? 'staff-button staff-button--primary' : 'staff-button'}
            data-testid="trial-cassette-total"
            disabled={trial.busy}
            onClick={() => void trial.run({}).then((result) => afterStep(result.ok))}
          >
            {t('staff.replenishment.doTrial')}
          </button>
        </div>
      ) : null}

      {trial.value ? (
        <section
          className="staff-card"
          aria-labelledby="rep-trial"
          ref={step === 4 ? newest : undefined}
          data-testid="trial-result"
          data-matches={String(trial.value.matches)}
          data-closed={trial.value.closedCycleId ?? ''}
        >
          <h2 id="rep-trial" className="staff-card__title">
            {t(trial.value.closedCycleId === null ? 'staff.replenishment.trialTitle' : 'staff.replenishment.closed')}
          </h2>
          <CassetteTable cassettes={trial.value.cassettes} testId="trial-cassettes" />
          <Facts>
            <Fact label={t('staff.dashboard.cassettesValue')} testId="trial-cassettes-value">
              {format.money(trial.value.cassettesValueMinor, currency)}
            </Fact>
            <Fact label={t('staff.dashboard.cashAccount')}>{format.money(trial.value.cashAccountMinor, currency)}</Fact>
            <Fact label={t('staff.dashboard.cashCheck')} testId="trial-matches" flagged={!trial.value.matches}>
              {t(trial.value.matches ? 'staff.common.matches' : 'staff.common.mismatch')}
            </Fact>
          </Facts>
          <ReportPrintoutNotice printout={trial.value.printout} testId="trial-printout" />
          <button type="button" className="staff-button" data-testid="replenishment-again" onClick={trial.clear}>
            {t('staff.replenishment.again')}
          </button>
        </section>
      ) : null}
    </div>
  );
}
