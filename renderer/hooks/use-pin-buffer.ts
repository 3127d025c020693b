// The keypad buffer for a PIN: the digits live in a ref, and React state sees only their count (for the dots).
// `take()` hands the digits over and forgets them in the same step, so they never outlive the intent they go to.
import { useRef, useState } from 'react';

export type PinBuffer = {
  /** How many digits are typed; the only part of the PIN that may reach state, the DOM or the store. */
  readonly length: number;
  /** Appends a digit unless `maxLength` digits are already typed; returns whether it was taken. */
  readonly push: (digit: string) => boolean;
  readonly clear: () => void;
  /** The typed digits, leaving the buffer empty. */
  readonly take: () => string;
};

export function usePinBuffer(maxLength: number): PinBuffer {
  const digits = useRef('');
  const [length, setLength] = useState(0);
  const set = (next: string) => {
    digits.current = next;
    setLength(next.length);
  };
  return {
    length,
    push: (digit) => {
      if (digits.current.length >= maxLength) return false;
      set(digits.current + digit);
      return true;
    },
    clear: () => set(''),
    take: () => {
      const typed = digits.current;
      set('');
      return typed;
    },
  };
}
