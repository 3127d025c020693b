// The card stays in the machine (too many wrong PINs); main returns to idle by itself after a few seconds.
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useT } from '../i18n/index.ts';

export function CardRetainedScreen() {
  const t = useT();
  return (
    <ScreenLayout title={t('retained.title')} className="screen--message">
      <p className="screen__text screen__text--large" data-speak>
        {t('retained.body')}
      </p>
    </ScreenLayout>
  );
}
