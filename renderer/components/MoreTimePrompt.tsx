// "Do you need more time?": shown over any screen that waits for the customer once main's inactivity deadline is
// near, with a visible countdown. "More time" sends keepAlive (main re-arms its timer and pushes a new deadline);
// "No" cancels. When the countdown runs out main ends the step itself — the renderer never decides a timeout.
import { useEffect, useEffectEvent, useState } from 'react';
import { CUSTOMER_WAITING_STATES, type SessionState } from '../../shared/ipc/session.ts';
import { fill, useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

/** The prompt appears this long before the deadline: time to read it, reach the screen and press. */
export const MORE_TIME_PROMPT_MS = 15_000;
const TICK_MS = 250;

/** Steps where main ends the session for inactivity and keepAlive is accepted. */
const PROMPTED_STATES: ReadonlySet<SessionState> = new Set(CUSTOMER_WAITING_STATES);

type Countdown = { readonly deadlineMs: number; readonly armedAtMs: number; readonly nowMs: number };

/**
 * Ticks towards `deadlineMs` a few times a second, remembering when this deadline was first seen (so the prompt's
 * window can be a share of the whole wait); null without a deadline.
 */
function useCountdown(deadlineMs: number | null): Countdown | null {
  const [countdown, setCountdown] = useState<Countdown | null>(null);
  useEffect(() => {
    if (deadlineMs === null) return;
    const armedAtMs = Date.now();
    const tick = () => setCountdown({ deadlineMs, armedAtMs, nowMs: Date.now() });
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, TICK_MS);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [deadlineMs]);
  return countdown && countdown.deadlineMs === deadlineMs ? countdown : null;
}

export function MoreTimePrompt() {
  const state = useAtmStore(sessionSelectors.state);
  const deadlineMs = useAtmStore(sessionSelectors.timeoutAtMs);
  const countdown = useCountdown(PROMPTED_STATES.has(state) ? deadlineMs : null);
  if (!countdown) return null;
  // Short timeouts (a kiosk set to 10 s) get the prompt for their second half only, never from the first moment.
  const windowMs = Math.min(MORE_TIME_PROMPT_MS, (countdown.deadlineMs - countdown.armedAtMs) / 2);
  const msLeft = countdown.deadlineMs - countdown.nowMs;
  return msLeft <= windowMs ? <MoreTimeDialog secondsLeft={Math.max(0, Math.ceil(msLeft / 1000))} /> : null;
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
    <div
      className="more-time"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="more-time-title"
      aria-describedby="more-time-countdown"
      data-testid="more-time"
    >
      <div className="more-time__panel">
        <h2 id="more-time-title" className="more-time__title">
          {t('moreTime.title')}
        </h2>
        <p
          id="more-time-countdown"
          className="more-time__countdown"
          aria-live="polite"
          data-testid="more-time-countdown"
        >
          {fill(t('moreTime.countdown'), { seconds: secondsLeft })}
        </p>
        <div className="more-time__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => intents.keepAlive()}
            data-testid="more-time-yes"
          >
            {t('moreTime.yes')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => intents.cancel()}
            data-testid="more-time-no"
          >
            {t('moreTime.no')}
          </button>
        </div>
      </div>
    </div>
  );
}
