// The layout of every keypad screen: what is being typed on the left, the touch keypad on the right, and the
// physical keypad (digits, Enter, Esc, Backspace) wired to the same actions while the panel is shown.
import type { ReactNode } from 'react';
import { type KeypadActions, useKeypadKeys } from '../hooks/use-keypad-keys.ts';
import { Keypad } from './Keypad.tsx';

type KeypadPanelProps = KeypadActions & {
  readonly title: string;
  readonly enterDisabled: boolean;
  /** Shuffled digit order for PIN entry (from main's snapshot), or null for the phone layout. */
  readonly digits?: readonly string[] | null;
  readonly children?: ReactNode;
};

export function KeypadPanel({ title, enterDisabled, digits = null, children, ...actions }: KeypadPanelProps) {
  useKeypadKeys(actions);
  return (
    <div className="screen screen--keypad">
      <div className="keypad-screen__info">
        <h1 className="screen__title">{title}</h1>
        {children}
      </div>
      <Keypad {...actions} enterDisabled={enterDisabled} digits={digits} />
    </div>
  );
}
