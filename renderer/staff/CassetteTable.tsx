// The cassettes as main reports them: position, note, count, rejects, status and value.
import type { z } from 'zod';
import type { CassetteViewSchema } from '../../shared/ipc/staff.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.ts';

export type CassetteView = z.output<typeof CassetteViewSchema>;

export function CassetteTable({
  cassettes,
  testId,
}: {
  readonly cassettes: readonly CassetteView[];
  readonly testId: string;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <table className="staff-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('staff.cassette.position')}</th>
          <th scope="col">{t('staff.cassette.note')}</th>
          <th scope="col">{t('staff.cassette.count')}</th>
          <th scope="col">{t('staff.cassette.rejects')}</th>
          <th scope="col">{t('staff.cassette.status')}</th>
          <th scope="col">{t('staff.cassette.value')}</th>
        </tr>
      </thead>
      <tbody>
        {cassettes.map((cassette) => (
          <tr
            key={cassette.position}
            data-testid={`${testId}-${cassette.position}`}
            data-count={cassette.count}
            data-status={cassette.status}
          >
            <td>{cassette.position}</td>
            <td>{format.money(cassette.denominationMinor, cassette.currency)}</td>
            <td className="staff-table__number">{cassette.count}</td>
            <td className="staff-table__number">{cassette.rejects}</td>
            <td className={cassette.status === 'ok' ? undefined : 'staff-flag'}>
              {t(`staff.cassette.status.${cassette.status}`)}
            </td>
            <td className="staff-table__number">{format.money(cassette.valueMinor, cassette.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
