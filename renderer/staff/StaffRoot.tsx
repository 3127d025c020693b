// The staff maintenance mode: the login panel (opened by the corner hold on the idle or out-of-service screen) or a
// staff session from main's snapshot — first the forced password change and the authenticator enrolment, then the
// home menu of the functions the session's `allowed` list permits. The on-screen keyboard docks under it all.
import { type ReactNode, useRef } from 'react';
import { type StaffScreen, staffSelectors, useAtmStore } from '../store/index.ts';
import { KeyboardDock } from './KeyboardDock.tsx';
import { StaffHeader } from './StaffHeader.tsx';
import { PasswordChangeScreen } from './screens/PasswordChangeScreen.tsx';
import { StaffHomeScreen } from './screens/StaffHomeScreen.tsx';
import { StaffLoginScreen } from './screens/StaffLoginScreen.tsx';
import { TotpEnrolmentScreen } from './screens/TotpEnrolmentScreen.tsx';
import { DashboardScreen } from './screens/DashboardScreen.tsx';
import { DayTotalsScreen } from './screens/DayTotalsScreen.tsx';
import { DevicesScreen } from './screens/DevicesScreen.tsx';
import { EnrolmentScreen } from './screens/EnrolmentScreen.tsx';
import { JournalScreen } from './screens/JournalScreen.tsx';
import { ReplenishmentScreen } from './screens/ReplenishmentScreen.tsx';
import { ResetPinScreen } from './screens/ResetPinScreen.tsx';
import { RetainedCardsScreen } from './screens/RetainedCardsScreen.tsx';
import { RetractRefundsScreen } from './screens/RetractRefundsScreen.tsx';
import { ServiceScreen } from './screens/ServiceScreen.tsx';
import { SettingsScreen } from './screens/SettingsScreen.tsx';
import { StaffAccountsScreen } from './screens/StaffAccountsScreen.tsx';
import { SyncScreen } from './screens/SyncScreen.tsx';
import { TestDispenseScreen } from './screens/TestDispenseScreen.tsx';
import { SCREEN_METHOD } from './screen-methods.ts';
import { staffKeepAlive } from './staff-call.ts';
import { useActivity } from './use-activity.ts';
import './staff.css';

function renderFunction(screen: Exclude<StaffScreen, 'home'>): ReactNode {
  switch (screen) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'replenishment':
      return <ReplenishmentScreen />;
    case 'dayTotals':
      return <DayTotalsScreen />;
    case 'testDispense':
      return <TestDispenseScreen />;
    case 'retainedCards':
      return <RetainedCardsScreen />;
    case 'retractRefunds':
      return <RetractRefundsScreen />;
    case 'resetPin':
      return <ResetPinScreen />;
    case 'enrolment':
      return <EnrolmentScreen />;
    case 'journal':
      return <JournalScreen />;
    case 'service':
      return <ServiceScreen />;
    case 'devices':
      return <DevicesScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'staffAccounts':
      return <StaffAccountsScreen />;
    default:
      return screen satisfies never;
  }
}

export function StaffRoot() {
  const mode = useAtmStore(staffSelectors.mode);
  const session = useAtmStore(staffSelectors.session);
  const screen = useAtmStore(staffSelectors.screen);
  const rootRef = useRef<HTMLDivElement>(null);
  useActivity(rootRef, staffKeepAlive, mode === 'session');

  let shown: string;
  let content: ReactNode;
  if (!session) {
    shown = 'login';
    content = <StaffLoginScreen />;
  } else if (session.mustChangePassword) {
    shown = 'password';
    content = <PasswordChangeScreen />;
  } else if (session.mustEnrolTotp) {
    shown = 'totp';
    content = <TotpEnrolmentScreen />;
  } else if (screen !== 'home' && session.allowed.includes(SCREEN_METHOD[screen])) {
    shown = screen;
    content = renderFunction(screen);
  } else {
    shown = 'home';
    content = <StaffHomeScreen />;
  }

  return (
    <div className="staff" ref={rootRef} data-staff-screen={shown} data-testid="staff-root">
      <StaffHeader home={shown === 'home'} />
      {/* Keyed by screen so a half-typed form never carries over to another function. */}
      <div className="staff__body" key={shown}>
        {content}
      </div>
      <KeyboardDock />
    </div>
  );
}
