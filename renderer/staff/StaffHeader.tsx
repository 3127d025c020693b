// The band across the top of every staff screen: MAINTENANCE, who is logged in and as what, the time left before
// the session ends for inactivity (main's deadline), and Home / Log out. At the login panel: just the band.
import { fill, useT } from '../i18n/index.ts';
import { staffSelectors, useAtmStore } from '../store/index.ts';
import { staffCall } from './staff-call.ts';
import { useSecondsLeft } from './use-activity.ts';

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function StaffHeader({ home }: { readonly home: boolean }) {
  const t = useT();
  const session = useAtmStore(staffSelectors.session);
  const showStaffScreen = useAtmStore((s) => s.showStaffScreen);
  const secondsLeft = useSecondsLeft(session?.idleTimeoutAtMs ?? null);
  return (
    <header className="staff-band" data-testid="staff-band">
      <span className="staff-band__mode">{t('staff.band.mode')}</span>
      {session ? (
        <>
          <span className="staff-band__who" data-testid="staff-who" data-role={session.role}>
            {fill(t('staff.band.who'), {
              name: session.displayName,
              staffId: session.staffId,
              role: t(`staff.role.${session.role}`),
            })}
          </span>
          <span className="staff-band__idle" data-testid="staff-idle" aria-live="off">
            {secondsLeft === null ? null : fill(t('staff.band.idle'), { time: clock(secondsLeft) })}
          </span>
          <span className="staff-band__actions">
            {home ? null : (
              <button
                type="button"
                className="staff-button"
                data-testid="staff-home"
                onClick={() => showStaffScreen('home')}
              >
                {t('staff.band.home')}
              </button>
            )}
            <button
              type="button"
              className="staff-button staff-button--logout"
              data-testid="staff-logout"
              onClick={() => void staffCall('logout', {})}
            >
              {t('staff.band.logout')}
            </button>
          </span>
        </>
      ) : null}
    </header>
  );
}
