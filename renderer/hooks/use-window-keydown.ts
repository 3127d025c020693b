// Listens to physical keys on the whole window while a screen is mounted. The handler may change every render
// (it closes over props and state); the listener is attached once and always calls the latest one.
import { useEffect, useEffectEvent } from 'react';

export function useWindowKeydown(onKeyDown: (event: KeyboardEvent) => void, enabled = true): void {
  const handle = useEffectEvent(onKeyDown);
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => handle(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
