// Keyboard-wedge magnetic stripe reader: it "types" track 2 (`;PAN=YYMM…?`) and presses Enter. Keystrokes are
// buffered in a ref, never in the store, and the buffer is dropped after a send or a pause in typing.
import { useEffect, useRef } from 'react';
import { useWindowKeydown } from './use-window-keydown.ts';

/** What a reader types for track 2; main does the real parsing (Luhn, expiry). */
const TRACK2_PATTERN = /^;?\d{12,19}=\d{4}\d*\??$/;
/** The contract's upper bound for `track2`; a longer burst is not a card. */
const TRACK2_LENGTH_MAX = 40;
/** A reader types a whole track in well under this; a pause means the keys came from somewhere else. */
const SWIPE_IDLE_MS = 1000;

export function useCardSwipe(onSwipe: (track2: string) => void, enabled: boolean): void {
  const buffer = useRef('');
  const idleTimer = useRef<number | undefined>(undefined);

  const clear = () => {
    buffer.current = '';
    window.clearTimeout(idleTimer.current);
  };

  useWindowKeydown((event) => {
    if (event.key === 'Enter') {
      const track2 = buffer.current;
      clear();
      if (track2.length <= TRACK2_LENGTH_MAX && TRACK2_PATTERN.test(track2)) {
        event.preventDefault(); // the Enter ends the swipe; it must not also press a focused button
        onSwipe(track2);
      }
      return;
    }
    if (event.key.length !== 1 || !/[0-9;=?]/.test(event.key)) return; // Shift and other non-characters
    // The start sentinel begins a fresh track, whatever stray keys came before it.
    const next = event.key === ';' ? ';' : buffer.current + event.key;
    buffer.current = next.length > TRACK2_LENGTH_MAX ? '' : next;
    window.clearTimeout(idleTimer.current);
    idleTimer.current = window.setTimeout(clear, SWIPE_IDLE_MS);
  }, enabled);

  // Leaving the screen (or disabling the reader) must not leave half a card number behind.
  useEffect(() => {
    if (!enabled) return;
    return () => {
      buffer.current = '';
      window.clearTimeout(idleTimer.current);
    };
  }, [enabled]);
}
