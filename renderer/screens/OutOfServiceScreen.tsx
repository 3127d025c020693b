// The kiosk takes no cards. Also used when the renderer could not start, so it reads no session data; only the real
// out-of-service state offers the staff entry (the corner hold).
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { type MessageKey, useT } from '../i18n/index.ts';
import { StaffCornerHold } from '../staff/StaffCornerHold.tsx';

type OutOfServiceScreenProps = {
  readonly titleKey?: MessageKey;
  readonly bodyKey?: MessageKey;
  readonly staffEntry?: boolean;
};

export function OutOfServiceScreen({
  titleKey = 'outOfService.title',
  bodyKey = 'outOfService.body',
  staffEntry = false,
}: OutOfServiceScreenProps) {
  const t = useT();
  return (
    <ScreenLayout title={t(titleKey)} className="screen--message">
      <p className="screen__text" data-speak>
        {t(bodyKey)}
      </p>
      {staffEntry ? <StaffCornerHold /> : null}
    </ScreenLayout>
  );
}
