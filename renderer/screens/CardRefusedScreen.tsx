// A card main would not accept: the reason comes from `snapshot.refusal.code`, mapped to text by code (never by
// an error message), with a generic line for any code this screen does not know.
import type { ErrorCode } from '../../shared/ipc/envelope.ts';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { type MessageKey, useT } from '../i18n/index.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

const REFUSAL_TEXT: Partial<Record<ErrorCode, MessageKey>> = {
  CARD_UNKNOWN: 'refusal.CARD_UNKNOWN',
  CARD_EXPIRED: 'refusal.CARD_EXPIRED',
  CARD_BLOCKED: 'refusal.CARD_BLOCKED',
  CARD_RETAINED: 'refusal.CARD_RETAINED',
  CARD_UNREADABLE: 'refusal.CARD_UNREADABLE',
  MANUAL_ENTRY_DISABLED: 'refusal.MANUAL_ENTRY_DISABLED',
};

export function CardRefusedScreen() {
  const t = useT();
  const code = useAtmStore(sessionSelectors.refusalCode);
  const messageKey = (code ? REFUSAL_TEXT[code] : undefined) ?? 'refusal.generic';

  return (
    <ScreenLayout title={t('refused.title')} className="screen--message">
      <p className="screen__text screen__text--large" data-testid="refusal-message" data-code={code ?? undefined}>
        {t(messageKey)}
      </p>
      <p className="screen__text">{t('refused.takeCard')}</p>
    </ScreenLayout>
  );
}
