// A card main would not accept: the reason comes from `snapshot.refusal.code`, mapped to text by code (never by
// an error message), with a generic line when main gave no code.
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useT } from '../i18n/index.ts';
import { REFUSAL_TEXT } from '../i18n/refusal-text.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

export function CardRefusedScreen() {
  const t = useT();
  const code = useAtmStore(sessionSelectors.refusalCode);

  return (
    <ScreenLayout title={t('refused.title')} className="screen--message">
      <p
        className="screen__text screen__text--large"
        data-testid="refusal-message"
        data-code={code ?? undefined}
        data-speak
      >
        {t(code ? REFUSAL_TEXT[code] : 'refusal.generic')}
      </p>
      <p className="screen__text" data-speak>
        {t('refused.takeCard')}
      </p>
    </ScreenLayout>
  );
}
