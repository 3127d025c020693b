// Staff activity: every touch or key inside the staff UI. In a session it tells main the staff member is still there
// (keepAlive, at most every few seconds — any other staff call resets main's timer too); at the login panel, which
// has no session yet, it keeps the panel from closing.
import { type RefObject, useEffect, useEffectEvent, useState } from 'react';

export function useActivity(
  scope: RefObject<HTMLElement | null> | 'document',
  onActivity: () => void,
  enabled: boolean,
): void {
  const handle = useEffectEvent(onActivity);
  useEffect(() => {
    const root = scope === 'document' ? document : scope.current;
    if (!enabled || !root) return;
    const listener = () => handle();
    root.addEventListener('pointerdown', listener, { capture: true });
    root.addEventListener('keydown', listener, { capture: true });
    return () => {
      root.removeEventListener('pointerdown', listener, { capture: true });
      root.removeEventListener('keydown', listener, { capture: true });
    };
  }, [scope, enabled]);
}

/** Seconds until `deadlineMs`, ticking once a second; null without a deadline. */
export function useSecondsLeft(deadlineMs: number | null): number | null {
  const [nowMs, setNowMs] = useState<number | null>(null);
  useEffect(() => {
    if (deadlineMs === null) return;
    const tick = () => setNowMs(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, 1_000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [deadlineMs]);
  if (deadlineMs === null || nowMs === null) return null;
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1_000));
}
