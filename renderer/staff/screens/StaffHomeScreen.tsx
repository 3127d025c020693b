// The staff home: one large button per function the session may use (main's `allowed` list — an operator sees the
// cash functions, a supervisor everything), always in the same order.
import { fill, useT } from '../../i18n/index.ts';
import { STAFF_SCREENS, staffSelectors, useAtmStore } from '../../store/index.ts';
import { SCREEN_METHOD } from '../screen-methods.ts';

export function StaffHomeScreen() {
  const t = useT();
  const session = useAtmStore(staffSelectors.session);
  const allowed = useAtmStore(staffSelectors.allowed);
  const showStaffScreen = useAtmStore((s) => s.showStaffScreen);
  const offered = STAFF_SCREENS.filter((screen) => allowed.includes(SCREEN_METHOD[screen]));
  return (
    <div className="staff-screen">
      <h1 className="staff-screen__title">{fill(t('staff.home.title'), { name: session?.displayName ?? '' })}</h1>
      <p
        className="staff-screen__text"
        data-testid="staff-resume"
        data-in-service={String(session?.resumeInService ?? false)}
      >
        {t(session?.resumeInService ? 'staff.home.resumeInService' : 'staff.home.resumeOutOfService')}
      </p>
      <nav className="staff-menu" aria-label={t('staff.home.menuLabel')}>
        {offered.map((screen) => (
          <button
            key={screen}
            type="button"
            className="staff-button staff-menu__item"
            data-testid={`staff-menu-${screen}`}
            onClick={() => showStaffScreen(screen)}
          >
            {t(`staff.menu.${screen}`)}
          </button>
        ))}
      </nav>
    </div>
  );
}
