// The kiosk takes no cards. Also used when the renderer could not start, so it reads no session data.
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { type MessageKey, useT } from '../i18n/index.ts';

type OutOfServiceScreenProps = {
  readonly titleKey?: MessageKey;
  readonly bodyKey?: MessageKey;
};

export function OutOfServiceScreen({
  titleKey = 'outOfService.title',
  bodyKey = 'outOfService.body',
}: OutOfServiceScreenProps) {
  const t = useT();
  return (
    <ScreenLayout title={t(titleKey)} className="screen--message">
      <p className="screen__text" data-speak>
        {t(bodyKey)}
      </p>
    </ScreenLayout>
  );
}
