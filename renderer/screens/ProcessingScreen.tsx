// Shown while main decides (verifying the PIN, authorising, dispensing, counting notes); main moves on by itself,
// so this screen has nothing to press.
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { type MessageKey, useT } from '../i18n/index.ts';

export function ProcessingScreen({ titleKey = 'processing.title' }: { readonly titleKey?: MessageKey }) {
  const t = useT();
  return (
    <ScreenLayout title={t(titleKey)} className="screen--message">
      <div className="spinner" aria-hidden="true" />
    </ScreenLayout>
  );
}
