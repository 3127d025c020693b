// The touch keypad shared by PIN entry and manual card entry: digits in phone layout plus Cancel, Clear and Enter
// in a side column, as on a bank's PIN pad. Digit keys look identical whether pressed or not (see `keepFocus`),
// and in headphone mode every press, touch or physical, plays the same tone (see useKeypadFeedback).
import type { MouseEvent } from 'react';
import { useKeypadFeedback } from '../accessibility/use-keypad-feedback.ts';
import type { KeypadActions } from '../hooks/use-keypad-keys.ts';
import { useWindowKeydown } from '../hooks/use-window-keydown.ts';
import { useT } from '../i18n/index.ts';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;

type KeypadProps = KeypadActions & {
  readonly enterDisabled: boolean;
  /** The digits in the order to show them (main's shuffled PIN layout); the phone layout when absent. */
  readonly digits?: readonly string[] | null;
};

/**
 * Keeps a tapped digit key from taking focus: a focus ring left on it, shown as soon as a physical key is
 * pressed, would tell an onlooker which digit was tapped last.
 */
function keepFocus(event: MouseEvent<HTMLButtonElement>): void {
  event.preventDefault();
}

/** The physical keys useKeypadKeys acts on, so the tone sounds exactly when the keypad takes a key. */
function isKeypadKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return false;
  const { key } = event;
  return (key.length === 1 && key >= '0' && key <= '9') || ['Enter', 'Escape', 'Backspace'].includes(key);
}

export function Keypad({ onDigit, onClear, onCancel, onEnter, enterDisabled, digits }: KeypadProps) {
  const t = useT();
  const feedback = useKeypadFeedback();
  useWindowKeydown((event) => {
    if (isKeypadKey(event)) feedback();
  });
  const withFeedback = (action: () => void) => () => {
    feedback();
    action();
  };
  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')} data-layout={digits ? 'shuffled' : 'standard'}>
      {(digits ?? DIGITS).map((digit) => (
        <button
          key={digit}
          type="button"
          className={`key key--digit key--d${digit}`}
          data-testid={`key-${digit}`}
          data-speech="silent"
          onMouseDown={keepFocus}
          onClick={withFeedback(() => onDigit(digit))}
        >
          {digit}
        </button>
      ))}
      <button type="button" className="key key--cancel" data-testid="key-cancel" onClick={withFeedback(onCancel)}>
        {t('keypad.cancel')}
      </button>
      <button type="button" className="key key--clear" data-testid="key-clear" onClick={withFeedback(onClear)}>
        {t('keypad.clear')}
      </button>
      <button
        type="button"
        className="key key--enter"
        data-testid="key-enter"
        disabled={enterDisabled}
        onClick={withFeedback(onEnter)}
      >
        {t('keypad.enter')}
      </button>
    </div>
  );
}
