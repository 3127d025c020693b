// Shown while main verifies the PIN; main moves on by itself, so this screen has nothing to press.
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useT } from '../i18n/index.ts';

export function ProcessingScreen() {
  const t = useT();
  return (
    <ScreenLayout title={t('processing.title')} className="screen--message">
      <div className="spinner" aria-hidden="true" />
    </ScreenLayout>
  );
}
