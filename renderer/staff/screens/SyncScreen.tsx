// Bank sync for supervisors: the kiosk's queue to the bank, the requests the bank refused (parked, with its reason)
// and the stand-ins it declined afterwards (exceptions). Each can be sent again, given up, or marked settled; "Sync
// now" sends what waits and pulls the bank's changes. Main does every action and journals it with the staff id.
import { useFormat } from '../../i18n/format.ts';
import { fill, useT } from '../../i18n/index.ts';
import { StaffError } from '../StaffError.tsx';
import { Loading } from '../StaffTable.tsx';
import { useStaffAction, useStaffQuery } from '../staff-call.ts';

export function SyncScreen() {
  const t = useT();
  const format = useFormat();
  const issues = useStaffQuery('syncIssues');
  const resolve = useStaffAction('resolveSyncIssue');
  const syncNow = useStaffAction('syncNow');
  const act = (request: Parameters<typeof resolve.run>[0]) => void resolve.run(request).then(() => issues.reload());
  const parked = issues.value?.parked ?? [];
  const exceptions = issues.value?.exceptions ?? [];

  return (
    <div className="staff-screen staff-screen--wide">
      <div className="staff-screen__head">
        <h1 className="staff-screen__title">{t('staff.sync.title')}</h1>
        <button
          type="button"
          className="staff-button staff-button--primary"
          data-testid="sync-now"
          disabled={syncNow.busy}
          onClick={() => void syncNow.run({}).then(() => issues.reload())}
        >
          {t('staff.sync.now')}
        </button>
      </div>
      <StaffError code={issues.error ?? resolve.error ?? syncNow.error} />
      {syncNow.value ? (
        <p className="staff-screen__text" role="status" data-testid="sync-result">
          {fill(t('staff.sync.result'), { pending: syncNow.value.pending, parked: syncNow.value.parked })}
        </p>
      ) : null}
      {!issues.value && !issues.error ? <Loading /> : null}
      <h2 className="staff-card__title">{t('staff.sync.parkedList')}</h2>
      {issues.value && parked.length === 0 ? <p className="staff-screen__text">{t('staff.sync.none')}</p> : null}
      {parked.length > 0 ? (
        <table className="staff-table" data-testid="sync-parked">
          <thead>
            <tr>
              <th scope="col">{t('staff.sync.col.request')}</th>
              <th scope="col">{t('staff.sync.col.reason')}</th>
              <th scope="col">{t('staff.sync.col.attempts')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('staff.sync.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {parked.map((row) => (
              <tr key={row.seq} data-testid="sync-parked-row">
                <td>{fill(t('staff.sync.request'), { op: row.op, seq: row.seq })}</td>
                <td>{row.reason ?? t('staff.sync.noReason')}</td>
                <td>{row.attempts}</td>
                <td>
                  <button type="button" className="staff-button" onClick={() => act({ action: 'retry', seq: row.seq })}>
                    {t('staff.sync.retry')}
                  </button>
                  <button
                    type="button"
                    className="staff-button"
                    onClick={() => act({ action: 'discard', seq: row.seq })}
                  >
                    {t('staff.sync.discard')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2 className="staff-card__title">{t('staff.sync.exceptionList')}</h2>
      {issues.value && exceptions.length === 0 ? <p className="staff-screen__text">{t('staff.sync.none')}</p> : null}
      {exceptions.length > 0 ? (
        <table className="staff-table" data-testid="sync-exceptions">
          <thead>
            <tr>
              <th scope="col">{t('staff.sync.col.when')}</th>
              <th scope="col">{t('staff.sync.col.amount')}</th>
              <th scope="col">{t('staff.sync.col.reason')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('staff.sync.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {exceptions.map((row) => (
              <tr key={row.id} data-testid="sync-exception-row">
                <td>{format.dateTime(row.at)}</td>
                <td>{row.currency ? format.money(row.amountMinor, row.currency) : row.amountMinor}</td>
                <td>{row.reason}</td>
                <td>
                  <button type="button" className="staff-button" onClick={() => act({ action: 'resolve', id: row.id })}>
                    {t('staff.sync.resolve')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
