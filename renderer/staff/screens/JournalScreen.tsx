// The journal viewer: filters (date range, kind, last four digits of the card, STAN, staff id), newest first in
// pages, export of the whole journal to a file in the data dir (its name shown), and verification of the chain.
import { type FormEvent, useState } from 'react';
import { fill, useT } from '../../i18n/index.ts';
import { StaffError } from '../StaffError.tsx';
import { StaffField } from '../StaffField.tsx';
import { JournalTable } from '../StaffTable.tsx';
import { type StaffRequest } from '../staff-api.ts';
import { useStaffAction } from '../staff-call.ts';

/** Rows per page. */
export const JOURNAL_PAGE_ROWS = 20;

type Filters = { from: string; to: string; kind: string; panLast4: string; stan: string; staffId: string };
const NO_FILTERS: Filters = { from: '', to: '', kind: '', panLast4: '', stan: '', staffId: '' };

/** A typed date (YYYY-MM-DD, local time) as the start or the end of that day in ISO form; null if not a date. */
function dayBoundary(text: string, end: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Which filters are typed but not usable, so the search stays off until they are fixed. */
function invalidFilters(filters: Filters): (keyof Filters)[] {
  const bad: (keyof Filters)[] = [];
  if (filters.from !== '' && dayBoundary(filters.from, false) === null) bad.push('from');
  if (filters.to !== '' && dayBoundary(filters.to, true) === null) bad.push('to');
  if (filters.kind !== '' && !/^[a-z_]+\.[a-z_]+$/.test(filters.kind)) bad.push('kind');
  if (filters.panLast4 !== '' && !/^\d{4}$/.test(filters.panLast4)) bad.push('panLast4');
  if (filters.stan !== '' && !/^\d{6}$/.test(filters.stan)) bad.push('stan');
  if (filters.staffId !== '' && !/^[A-Za-z0-9._-]{3,32}$/.test(filters.staffId)) bad.push('staffId');
  return bad;
}

function queryOf(filters: Filters, beforeSeq: number | null): StaffRequest<'queryJournal'> {
  return {
    from: filters.from === '' ? null : dayBoundary(filters.from, false),
    to: filters.to === '' ? null : dayBoundary(filters.to, true),
    kind: filters.kind === '' ? null : filters.kind,
    panLast4: filters.panLast4 === '' ? null : filters.panLast4,
    stan: filters.stan === '' ? null : filters.stan,
    staffId: filters.staffId === '' ? null : filters.staffId,
    beforeSeq,
    limit: JOURNAL_PAGE_ROWS,
  };
}

export function JournalScreen() {
  const t = useT();
  const query = useStaffAction('queryJournal');
  const exporting = useStaffAction('exportJournal');
  const verify = useStaffAction('verifyJournal');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  /** The filters of the page shown, so paging keeps them even while new ones are being typed. */
  const [applied, setApplied] = useState<Filters | null>(null);
  const [page, setPage] = useState(1);
  const bad = invalidFilters(filters);
  const set = (name: keyof Filters) => (value: string) => setFilters((current) => ({ ...current, [name]: value }));

  const search = (event?: FormEvent) => {
    event?.preventDefault();
    if (bad.length > 0 || query.busy) return;
    setApplied(filters);
    setPage(1);
    void query.run(queryOf(filters, null));
  };

  const older = () => {
    const before = query.value?.nextBeforeSeq ?? null;
    if (!applied || before === null) return;
    setPage((n) => n + 1);
    void query.run(queryOf(applied, before));
  };

  return (
    <div className="staff-screen staff-screen--wide">
      <h1 className="staff-screen__title">{t('staff.journal.title')}</h1>
      <form className="staff-form staff-form--grid" onSubmit={search} data-testid="journal-filters">
        <StaffField
          label={t('staff.journal.from')}
          value={filters.from}
          onChange={set('from')}
          testId="journal-from"
          maxLength={10}
          hint={t('staff.journal.dateHint')}
        />
        <StaffField
          label={t('staff.journal.to')}
          value={filters.to}
          onChange={set('to')}
          testId="journal-to"
          maxLength={10}
          hint={t('staff.journal.dateHint')}
        />
        <StaffField
          label={t('staff.journal.kind')}
          value={filters.kind}
          onChange={set('kind')}
          testId="journal-kind"
          maxLength={64}
          hint={t('staff.journal.kindHint')}
        />
        <StaffField
          label={t('staff.journal.last4')}
          value={filters.panLast4}
          onChange={set('panLast4')}
          testId="journal-last4"
          numeric
          maxLength={4}
        />
        <StaffField
          label={t('staff.journal.stan')}
          value={filters.stan}
          onChange={set('stan')}
          testId="journal-stan"
          numeric
          maxLength={6}
        />
        <StaffField
          label={t('staff.journal.staffId')}
          value={filters.staffId}
          onChange={set('staffId')}
          testId="journal-staff"
          maxLength={32}
        />
        <div className="staff-actions">
          <button
            type="submit"
            className="staff-button staff-button--primary"
            data-testid="journal-search"
            disabled={bad.length > 0 || query.busy}
          >
            {t('staff.journal.search')}
          </button>
          <button
            type="button"
            className="staff-button"
            data-testid="journal-clear"
            onClick={() => setFilters(NO_FILTERS)}
          >
            {t('staff.journal.clear')}
          </button>
        </div>
      </form>
      {bad.length > 0 ? (
        <p className="error-text" role="alert" data-testid="journal-invalid">
          {fill(t('staff.journal.invalid'), { fields: bad.map((name) => t(`staff.journal.field.${name}`)).join(', ') })}
        </p>
      ) : null}
      <StaffError code={query.error ?? exporting.error ?? verify.error} />
      <div className="staff-actions">
        <button
          type="button"
          className="staff-button"
          data-testid="journal-export"
          disabled={exporting.busy}
          onClick={() => void exporting.run({ fromSeq: null, toSeq: null })}
        >
          {t('staff.journal.export')}
        </button>
        <button
          type="button"
          className="staff-button"
          data-testid="journal-verify"
          disabled={verify.busy}
          onClick={() => void verify.run({})}
        >
          {t('staff.journal.verify')}
        </button>
      </div>
      {exporting.value ? (
        <p
          className="staff-screen__text staff-ok"
          role="status"
          data-testid="journal-exported"
          data-file={exporting.value.fileName}
        >
          {fill(t('staff.journal.exported'), { file: exporting.value.fileName, rows: exporting.value.rows })}
        </p>
      ) : null}
      {verify.value ? (
        <p
          className={verify.value.ok ? 'staff-screen__text staff-ok' : 'error-text'}
          role="status"
          data-testid="journal-verified"
          data-ok={String(verify.value.ok)}
        >
          {verify.value.ok
            ? fill(t('staff.journal.verifiedOk'), { rows: verify.value.rows ?? 0 })
            : fill(t('staff.journal.verifiedBroken'), {
                seq: verify.value.brokenAtSeq ?? 0,
                reason: verify.value.reason ?? '',
              })}
        </p>
      ) : null}
      {query.value ? (
        <>
          <p className="staff-screen__text" data-testid="journal-page">
            {fill(t('staff.journal.page'), { page, rows: query.value.rows.length })}
          </p>
          <JournalTable rows={query.value.rows} testId="journal-rows" />
          <div className="staff-actions">
            <button
              type="button"
              className="staff-button"
              data-testid="journal-newest"
              disabled={page === 1 || query.busy}
              onClick={() => search()}
            >
              {t('staff.journal.newest')}
            </button>
            <button
              type="button"
              className="staff-button"
              data-testid="journal-older"
              disabled={query.value.nextBeforeSeq === null || query.busy}
              onClick={older}
            >
              {t('staff.journal.older')}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
