// The root component: picks the screen from main's snapshot state once boot is done. It decides nothing itself;
// every transition comes from a snapshot main pushed. Staff maintenance mode replaces the customer screens while a
// staff session is open (or its login panel, opened from the idle or out-of-service screen). The accessibility bar sits above every screen, outside the
// keyed <main>, so language and display choices survive screen changes (the store resets them per session).
import { type ReactNode, useEffect, useLayoutEffect, useRef } from 'react';
import type { SessionState } from '../shared/ipc/session.ts';
import { AccessibilityBar } from './accessibility/AccessibilityBar.tsx';
import { useAccessibilityRoot } from './accessibility/use-accessibility-root.ts';
import { useSpeechGuidance } from './accessibility/use-speech-guidance.ts';
import { MoreTimePrompt } from './components/MoreTimePrompt.tsx';
import { NoticeBanner } from './components/NoticeBanner.tsx';
import { OfflineNotice } from './components/OfflineNotice.tsx';
import { ScreenLayout } from './components/ScreenLayout.tsx';
import { useT } from './i18n/index.ts';
import { type Intents, IntentsContext } from './intents.ts';
import { BalanceScreen } from './screens/BalanceScreen.tsx';
import { CardRefusedScreen } from './screens/CardRefusedScreen.tsx';
import { CardRetainedScreen } from './screens/CardRetainedScreen.tsx';
import { DepositNotesScreen } from './screens/DepositNotesScreen.tsx';
import { GoodbyeScreen } from './screens/GoodbyeScreen.tsx';
import { MenuScreen } from './screens/MenuScreen.tsx';
import { MiniStatementScreen } from './screens/MiniStatementScreen.tsx';
import { OutOfServiceScreen } from './screens/OutOfServiceScreen.tsx';
import { PinChangeScreen } from './screens/PinChangeScreen.tsx';
import { PinEntryScreen } from './screens/PinEntryScreen.tsx';
import { ProcessingScreen } from './screens/ProcessingScreen.tsx';
import { TakeCardScreen } from './screens/TakeCardScreen.tsx';
import { TakeCashScreen } from './screens/TakeCashScreen.tsx';
import { TransactionResultScreen } from './screens/TransactionResultScreen.tsx';
import { TransferConfirmScreen } from './screens/TransferConfirmScreen.tsx';
import { TransferDetailsScreen } from './screens/TransferDetailsScreen.tsx';
import { WelcomeScreen } from './screens/WelcomeScreen.tsx';
import { WithdrawalAmountScreen } from './screens/WithdrawalAmountScreen.tsx';
import { StaffRoot } from './staff/StaffRoot.tsx';
import { sessionSelectors, staffSelectors, systemSelectors, uiSelectors, useAtmStore } from './store/index.ts';

/** Customer states with nobody at the kiosk: the only ones from which the staff login may be shown. */
const STAFF_ENTRY_STATES: ReadonlySet<SessionState> = new Set(['idle', 'out_of_service']);

function renderScreen(state: SessionState): ReactNode {
  switch (state) {
    case 'idle':
      return <WelcomeScreen />;
    case 'pin_entry':
      return <PinEntryScreen />;
    case 'verifying_pin':
      return <ProcessingScreen titleKey="processing.pin" />;
    case 'menu':
      return <MenuScreen />;
    case 'withdrawal_amount':
      return <WithdrawalAmountScreen />;
    case 'deposit_notes':
      return <DepositNotesScreen />;
    case 'transfer_details':
      return <TransferDetailsScreen />;
    case 'transfer_confirm':
      return <TransferConfirmScreen />;
    case 'pin_change':
      return <PinChangeScreen />;
    case 'processing':
      return <ProcessingScreen />;
    case 'take_card':
      return <TakeCardScreen />;
    case 'take_cash':
      return <TakeCashScreen />;
    case 'balance':
      return <BalanceScreen />;
    case 'mini_statement':
      return <MiniStatementScreen />;
    case 'transaction_result':
      return <TransactionResultScreen />;
    case 'card_refused':
      return <CardRefusedScreen />;
    case 'card_retained':
      return <CardRetainedScreen />;
    case 'goodbye':
      return <GoodbyeScreen />;
    case 'out_of_service':
      return <OutOfServiceScreen staffEntry />;
    default:
      // A state added to the contract without a screen is a compile error here.
      return state satisfies never;
  }
}

export function App({ intents }: { readonly intents: Intents }) {
  const t = useT();
  const boot = useAtmStore(systemSelectors.boot);
  const state = useAtmStore(sessionSelectors.state);
  const sessionId = useAtmStore(sessionSelectors.sessionId);
  const language = useAtmStore(uiSelectors.language);
  const inService = useAtmStore((s) => systemSelectors.status(s)?.inService !== false);
  // Main keeps an out-of-service kiosk's session idle and refuses cards; the screen says so rather than invite one.
  const shownState: SessionState = state === 'idle' && !inService ? 'out_of_service' : state;
  const staffMode = useAtmStore(staffSelectors.mode);
  // A staff session owns the screen (main keeps customers out meanwhile); the login panel only over an empty kiosk.
  const staffShown = staffMode === 'session' || (staffMode === 'login' && STAFF_ENTRY_STATES.has(shownState));

  // Screen readers pick their voice from <html lang>, so it follows the session's language.
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useAccessibilityRoot();
  useSpeechGuidance();

  // <main> scrolls in large-text mode and lives for the whole session: each new screen starts at its top.
  const mainRef = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    mainRef.current?.scrollTo({ top: 0 });
  }, [shownState]);

  let screen: ReactNode;
  if (boot === 'ready' && staffShown) {
    screen = (
      <main key="staff" ref={mainRef} data-screen="staff">
        <StaffRoot />
      </main>
    );
  } else if (boot === 'ready') {
    screen = (
      // Keyed by session so nothing typed in one session (a half-entered PIN) can survive into the next.
      <main key={sessionId ?? 'no-session'} ref={mainRef} data-screen={shownState}>
        {renderScreen(shownState)}
      </main>
    );
  } else if (boot === 'booting') {
    screen = (
      <main data-screen="booting">
        <ScreenLayout title={t('app.booting.title')} className="screen--message">
          <div className="spinner" aria-hidden="true" />
        </ScreenLayout>
      </main>
    );
  } else {
    screen = (
      <main data-screen="failed">
        <OutOfServiceScreen titleKey="app.failed.title" bodyKey="app.failed.body" />
      </main>
    );
  }

  return (
    <IntentsContext value={intents}>
      <div id="app" data-app-state={boot}>
        <AccessibilityBar />
        {screen}
        <NoticeBanner />
        <OfflineNotice />
        {boot === 'ready' ? <MoreTimePrompt /> : null}
      </div>
    </IntentsContext>
  );
}

/** Shown when `window.atm` is missing: the page cannot do anything, so it says so plainly. */
export function ApiUnavailable() {
  return (
    <div id="app" data-app-state="failed">
      <main data-screen="unavailable">
        <OutOfServiceScreen titleKey="app.unavailable.title" bodyKey="app.unavailable.body" />
      </main>
    </div>
  );
}
