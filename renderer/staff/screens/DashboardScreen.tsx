// The dashboard: cassettes and their value against the kiosk cash account, rejects and the retract bin, bank sync,
// devices, the journal's fill and last rows, and why customers are kept out. Read-only; Refresh asks again.
import { useFormat } from '../../i18n/format.ts';
import { fill, useT } from '../../i18n/index.ts';
import { StaffError } from '../StaffError.tsx';
import { Fact, Facts, JournalTable, Loading } from '../StaffTable.tsx';
import { CassetteTable } from '../CassetteTable.tsx';
import { DeviceList } from '../DeviceList.tsx';
import { useStaffQuery } from '../staff-call.ts';

export function DashboardScreen() {
  const t = useT();
  const format = useFormat();
  const dashboard = useStaffQuery('dashboard');
  const view = dashboard.value;
  return (
    <div className="staff-screen staff-screen--wide">
      <div className="staff-screen__head">
        <h1 className="staff-screen__title">{t('staff.dashboard.title')}</h1>
        <button
          type="button"
          className="staff-button"
          data-testid="dashboard-refresh"
          onClick={dashboard.reload}
          disabled={dashboard.busy}
        >
          {t('staff.common.refresh')}
        </button>
      </div>
      <StaffError code={dashboard.error} />
      {view ? (
        <div className="staff-grid" data-testid="dashboard">
          <section className="staff-card" aria-labelledby="dash-service">
            <h2 id="dash-service" className="staff-card__title">
              {t('staff.dashboard.service')}
            </h2>
            <Facts>
              <Fact label={t('staff.dashboard.kiosk')}>{view.kioskId}</Fact>
              <Fact
                label={t('staff.dashboard.afterSession')}
                testId="dashboard-service"
                flagged={view.outOfServiceReason !== null}
              >
                {view.outOfServiceReason === null
                  ? t('staff.dashboard.inService')
                  : fill(t('staff.dashboard.outOfService'), { reason: view.outOfServiceReason })}
              </Fact>
              <Fact label={t('staff.dashboard.replenishment')} testId="dashboard-replenishment">
                {view.replenishment
                  ? t(`staff.replenishment.state.${view.replenishment.state}`)
                  : t('staff.dashboard.noReplenishment')}
              </Fact>
            </Facts>
          </section>
          <section className="staff-card" aria-labelledby="dash-cash">
            <h2 id="dash-cash" className="staff-card__title">
              {t('staff.dashboard.cash')}
            </h2>
            <Facts>
              <Fact label={t('staff.dashboard.cassettesValue')} testId="dashboard-cassettes-value">
                {format.money(view.cassettesValueMinor, view.currency)}
              </Fact>
              <Fact
                label={t('staff.dashboard.cashAccount')}
                testId="dashboard-cash-account"
                flagged={!view.cashMatches}
              >
                {format.money(view.cashAccountMinor, view.currency)}
              </Fact>
              <Fact label={t('staff.dashboard.cashCheck')} testId="dashboard-cash-matches" flagged={!view.cashMatches}>
                {t(view.cashMatches ? 'staff.common.matches' : 'staff.common.mismatch')}
              </Fact>
              <Fact label={t('staff.dashboard.rejectsValue')}>
                {format.money(view.rejectsValueMinor, view.currency)}
              </Fact>
              <Fact label={t('staff.dashboard.rejectsAccount')}>
                {format.money(view.rejectsAccountMinor, view.currency)}
              </Fact>
              <Fact label={t('staff.dashboard.retractBin')} testId="dashboard-retract-bin">
                {fill(t('staff.common.notes'), { notes: view.retractBinNotes })}
              </Fact>
            </Facts>
          </section>
          <section className="staff-card staff-card--wide" aria-labelledby="dash-cassettes">
            <h2 id="dash-cassettes" className="staff-card__title">
              {t('staff.dashboard.cassettes')}
            </h2>
            <CassetteTable cassettes={view.cassettes} testId="dashboard-cassettes" />
          </section>
          <section className="staff-card" aria-labelledby="dash-sync">
            <h2 id="dash-sync" className="staff-card__title">
              {t('staff.dashboard.sync')}
            </h2>
            <Facts testId="dashboard-sync">
              <Fact label={t('staff.sync.mode')} testId="dashboard-sync-mode" flagged={view.sync.mode === 'offline'}>
                {t(`staff.sync.mode.${view.sync.mode}`)}
              </Fact>
              <Fact label={t('staff.sync.queue')}>{view.sync.queueLength}</Fact>
              <Fact label={t('staff.sync.parked')} flagged={view.sync.parked > 0}>
                {view.sync.parked}
              </Fact>
              <Fact label={t('staff.sync.exceptions')} flagged={view.sync.exceptions > 0}>
                {view.sync.exceptions}
              </Fact>
              {view.sync.lastError ? <Fact label={t('staff.sync.lastError')}>{view.sync.lastError}</Fact> : null}
            </Facts>
          </section>
          <section className="staff-card" aria-labelledby="dash-devices">
            <h2 id="dash-devices" className="staff-card__title">
              {t('staff.dashboard.devices')}
            </h2>
            <DeviceList devices={view.devices} />
          </section>
          <section className="staff-card staff-card--wide" aria-labelledby="dash-journal">
            <h2 id="dash-journal" className="staff-card__title">
              {t('staff.dashboard.journal')}
            </h2>
            <p
              className={view.journal.nearCapacity ? 'staff-screen__text staff-flag' : 'staff-screen__text'}
              data-testid="dashboard-journal-fill"
            >
              {fill(t('staff.dashboard.journalFill'), { rows: view.journal.rows, capacity: view.journal.capacityRows })}
            </p>
            <JournalTable rows={view.recentJournal} testId="dashboard-journal" />
          </section>
        </div>
      ) : dashboard.error ? null : (
        <Loading />
      )}
    </div>
  );
}
