// Physical keypad for the touch keypad screens: digits 0–9, Enter, Escape = Cancel, Backspace = Clear.
import { useWindowKeydown } from './use-window-keydown.ts';

export type KeypadActions = {
  readonly onDigit: (digit: string) => void;
  readonly onClear: () => void;
  readonly onCancel: () => void;
  readonly onEnter: () => void;
};

export function useKeypadKeys(actions: KeypadActions, enabled = true): void {
  useWindowKeydown((event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const { key } = event;
    const isDigit = key.length === 1 && key >= '0' && key <= '9';
    if (!isDigit && key !== 'Enter' && key !== 'Escape' && key !== 'Backspace') return;
    // Swallow the key so a focused on-screen button does not act on the same Enter a second time.
    event.preventDefault();
    if (event.repeat) return; // a held key is one press, not a burst of digits
    if (isDigit) actions.onDigit(key);
    else if (key === 'Enter') actions.onEnter();
    else if (key === 'Escape') actions.onCancel();
    else actions.onClear();
  }, enabled);
}
