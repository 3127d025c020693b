// End of a session: the card comes back; main returns to idle by itself after a few seconds.
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useT } from '../i18n/index.ts';

export function GoodbyeScreen() {
  const t = useT();
  return <ScreenLayout title={t('goodbye.title')} className="screen--message" />;
}
