// Small building blocks the staff screens share: a key/value list, a loading line, and the journal rows table.
import type { ReactNode } from 'react';
import type { JournalRowView } from '../../shared/ipc/staff.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.ts';

export function Facts({ children, testId }: { readonly children: ReactNode; readonly testId?: string }) {
  return (
    <dl className="staff-facts" data-testid={testId}>
      {children}
    </dl>
  );
}

export function Fact({
  label,
  children,
  testId,
  flagged = false,
}: {
  readonly label: string;
  readonly children: ReactNode;
  readonly testId?: string;
  readonly flagged?: boolean;
}) {
  return (
    <div className={flagged ? 'staff-facts__row staff-facts__row--flagged' : 'staff-facts__row'}>
      <dt>{label}</dt>
      <dd data-testid={testId} data-flagged={flagged ? 'true' : undefined}>
        {children}
      </dd>
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p className="staff-screen__text" role="status" data-testid="staff-loading">
      {t('staff.common.loading')}
    </p>
  );
}

export function JournalTable({ rows, testId }: { readonly rows: readonly JournalRowView[]; readonly testId: string }) {
  const t = useT();
  const format = useFormat();
  if (rows.length === 0) {
    return (
      <p className="staff-screen__text" data-testid={`${testId}-empty`}>
        {t('staff.journal.none')}
      </p>
    );
  }
  return (
    <table className="staff-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('staff.journal.col.seq')}</th>
          <th scope="col">{t('staff.journal.col.time')}</th>
          <th scope="col">{t('staff.journal.col.kind')}</th>
          <th scope="col">{t('staff.journal.col.staff')}</th>
          <th scope="col">{t('staff.journal.col.card')}</th>
          <th scope="col">{t('staff.journal.col.stan')}</th>
          <th scope="col">{t('staff.journal.col.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.seq} data-testid="journal-row" data-kind={row.kind} data-seq={row.seq}>
            <td>{row.seq}</td>
            <td>{format.dateTime(row.recordedAt)}</td>
            <td className="staff-table__code">{row.kind}</td>
            <td>{row.staffId ?? ''}</td>
            <td>{row.maskedPan ?? ''}</td>
            <td>{row.stan ?? ''}</td>
            <td className="staff-table__number">
              {row.amountMinor !== null && row.currency ? format.money(row.amountMinor, row.currency) : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
