// Explains why main refused the last intent, by code (never by message text). Renders nothing without a code.
import type { ErrorCode } from '../../shared/ipc/envelope.ts';
import { type MessageKey, useT } from '../i18n/index.ts';
import { REFUSAL_TEXT } from '../i18n/refusal-text.ts';

type RefusalMessageProps = {
  readonly code: ErrorCode | null;
  /** Screen-specific wording for some codes (PIN_INCORRECT reads differently during a PIN change). */
  readonly overrides?: Partial<Record<ErrorCode, MessageKey>>;
};

export function RefusalMessage({ code, overrides }: RefusalMessageProps) {
  const t = useT();
  if (!code) return null;
  return (
    <p className="error-text" role="alert" data-testid="refusal-message" data-code={code}>
      {t(overrides?.[code] ?? REFUSAL_TEXT[code])}
    </p>
  );
}
