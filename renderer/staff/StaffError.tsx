// A refusal from main on a staff screen: its text, by code (never by message text), and the code itself so staff can
// quote it to the help desk. Renders nothing without a code.
import type { ErrorCode } from '../../shared/ipc/envelope.ts';
import { type MessageKey, useT } from '../i18n/index.ts';
import { REFUSAL_TEXT } from '../i18n/refusal-text.ts';

type StaffErrorProps = {
  readonly code: ErrorCode | null;
  /** Screen-specific wording for some codes. */
  readonly overrides?: Partial<Record<ErrorCode, MessageKey>>;
};

export function StaffError({ code, overrides }: StaffErrorProps) {
  const t = useT();
  if (!code) return null;
  return (
    <p className="error-text staff-error" role="alert" data-testid="staff-error" data-code={code}>
      <span>{t(overrides?.[code] ?? REFUSAL_TEXT[code])}</span> <span className="staff-error__code">{code}</span>
    </p>
  );
}
