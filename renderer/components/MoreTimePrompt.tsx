// "Do you need more time?": shown over any screen that waits for the customer once main's inactivity deadline is
// near, with a visible countdown. "More time" sends keepAlive (main re-arms its timer and pushes a new deadline);
// "No" cancels. When the countdown runs out main ends the step itself — the renderer never decides a timeout.
import { useEffect, useEffectEvent, useState } from 'react';
import type { SessionState } from '../../shared/ipc/session.ts';
import { fill, useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

/** The prompt appears this long before the deadline: time to read it, reach the screen and press. */
export const MORE_TIME_PROMPT_MS = 15_000;
const TICK_MS = 250;

/** Steps where main ends the session for inactivity and keepAlive is accepted. */
const PROMPTED_STATES: ReadonlySet<SessionState> = new Set([
  'pin_entry',
  'menu',
  'withdrawal_amount',
  'deposit_notes',
  'transfer_details',
  'transfer_confirm',
  'pin_change',
  'balance',
  'mini_statement',
  'transaction_result',
]);

/** Seconds left until `deadlineMs`, refreshed a few times a second; null without a deadline. */
function useSecondsLeft(deadlineMs: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadlineMs === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, [deadlineMs]);
  return deadlineMs === null ? null : Math.max(0, Math.ceil((deadlineMs - now) / 1000));
}

export function MoreTimePrompt() {
  const state = useAtmStore(sessionSelectors.state);
  const deadlineMs = useAtmStore(sessionSelectors.timeoutAtMs);
  const secondsLeft = useSecondsLeft(PROMPTED_STATES.has(state) ? deadlineMs : null);
  const open = secondsLeft !== null && secondsLeft * 1000 <= MORE_TIME_PROMPT_MS;
  return open ? <MoreTimeDialog secondsLeft={secondsLeft} /> : null;
}

function MoreTimeDialog({ secondsLeft }: { readonly secondsLeft: number }) {
  const t = useT();
  const intents = useIntents();
  // Enter answers "more time", Esc "no". Listening in the capture phase takes the key before the screen under
  // the dialog sees it (Enter must not also submit a half-typed amount).
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === 'Enter') intents.keepAlive();
    else if (event.key === 'Escape') intents.cancel();
    else return;
    event.preventDefault();
    event.stopPropagation();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener, { capture: true });
    return () => window.removeEventListener('keydown', listener, { capture: true });
  }, []);
  return (
    <div className="more-time" role="alertdialog" aria-modal="true" aria-labelledby="more-time-title" aria-describedby="more-time-countdown" data-testid="more-time">
      <div className="more-time__panel">
        <h2 id="more-time-title" className="more-time__title">
          {t('moreTime.title')}
        </h2>
        <p id="more-time-countdown" className="more-time__countdown" aria-live="polite" data-testid="more-time-countdown">
          {fill(t('moreTime.countdown'), { seconds: secondsLeft })}
        </p>
        <div className="more-time__actions">
          <button type="button" className="button button--primary" onClick={() => intents.keepAlive()} data-testid="more-time-yes">
            {t('moreTime.yes')}
          </button>
          <button type="button" className="button" onClick={() => intents.cancel()} data-testid="more-time-no">
            {t('moreTime.no')}
          </button>
        </div>
      </div>
    </div>
  );
}
