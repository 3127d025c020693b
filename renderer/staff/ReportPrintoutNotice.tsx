// What became of a cash total's printed report: printed (or saved as a PDF when the kiosk has no printer), or a
// printer problem. A problem is a warning, not a refusal: the total it reports on has been recorded all the same.
import type { ReportPrintout } from '../../shared/ipc/staff.ts';
import { fill, useT } from '../i18n/index.ts';

type ReportPrintoutNoticeProps = {
  readonly printout: ReportPrintout;
  readonly testId: string;
};

export function ReportPrintoutNotice({ printout, testId }: ReportPrintoutNoticeProps) {
  const t = useT();
  if (printout.kind === 'failed') {
    return (
      <p className="staff-screen__text staff-warning" role="alert" data-testid={testId} data-printout="failed">
        {fill(t('staff.report.failed'), { reason: printout.reason })}
      </p>
    );
  }
  return (
    <p className="staff-screen__text staff-ok" role="status" data-testid={testId} data-printout={printout.kind}>
      {printout.kind === 'saved'
        ? fill(t('staff.report.saved'), { file: printout.fileName })
        : t('staff.report.printed')}
    </p>
  );
}
