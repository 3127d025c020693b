// Staff entry gesture: press and hold the bottom-left corner (clear of the language and accessibility bar) of the idle
// or out-of-service screen for 3 s. A customer tapping the corner does nothing; lifting the finger, moving off the
// corner, a second touch or the window losing focus cancels the hold.
import { useEffect, useEffectEvent, useRef } from 'react';

export const CORNER_HOLD_MS = 3_000;
/** The corner's size in CSS pixels: big enough to find with a finger, too small to hit by accident while reading. */
export const CORNER_SIZE_PX = 96;

export function useCornerHold(onHeld: () => void, enabled: boolean): void {
  const fire = useEffectEvent(onHeld);
  const timer = useRef<number | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const cancel = () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
    const inCorner = (event: PointerEvent) =>
      event.clientX <= CORNER_SIZE_PX && event.clientY >= window.innerHeight - CORNER_SIZE_PX;
    const down = (event: PointerEvent) => {
      cancel();
      if (!event.isPrimary || !inCorner(event)) return;
      timer.current = window.setTimeout(() => {
        timer.current = null;
        fire();
      }, CORNER_HOLD_MS);
    };
    const move = (event: PointerEvent) => {
      if (!inCorner(event)) cancel();
    };
    window.addEventListener('pointerdown', down);
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', cancel);
    window.addEventListener('pointercancel', cancel);
    window.addEventListener('blur', cancel);
    return () => {
      cancel();
      window.removeEventListener('pointerdown', down);
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', cancel);
      window.removeEventListener('pointercancel', cancel);
      window.removeEventListener('blur', cancel);
    };
  }, [enabled]);
}
