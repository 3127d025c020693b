// Typing a number that is not secret (an amount, a recipient's account number) on the keypad. The digits are
// plain component state; what shows is the caller's `display` form of them. Cancel closes the keypad without
// submitting; every key press tells main the customer is still there.
import { type ReactNode, useState } from 'react';
import { useIntents } from '../intents.ts';
import { KeypadPanel } from './KeypadPanel.tsx';

export type NumberEntryProps = {
  readonly title: string;
  readonly hint: string;
  /** Accessible name of the typed value. */
  readonly label: string;
  readonly testId: string;
  readonly initialDigits?: string;
  /** Whether the digits may grow to `next` (length, range, no leading zero). */
  readonly accept: (next: string) => boolean;
  readonly canSubmit: (digits: string) => boolean;
  readonly display: (digits: string) => string;
  readonly onSubmit: (digits: string) => void;
  readonly onCancel: () => void;
  readonly children?: ReactNode;
};

export function NumberEntry(props: NumberEntryProps) {
  const { title, hint, label, testId, accept, canSubmit, display, onSubmit, onCancel, children } = props;
  const intents = useIntents();
  const [digits, setDigits] = useState(props.initialDigits ?? '');

  return (
    <KeypadPanel
      title={title}
      enterDisabled={!canSubmit(digits)}
      onDigit={(digit) => {
        const next = digits + digit;
        if (!accept(next)) return;
        setDigits(next);
        intents.keepAlive();
      }}
      onClear={() => {
        setDigits('');
        intents.keepAlive();
      }}
      onCancel={onCancel}
      onEnter={() => {
        if (canSubmit(digits)) onSubmit(digits);
      }}
    >
      <div className="typed-number" role="textbox" aria-readonly="true" aria-label={label} data-testid={testId}>
        {digits ? display(digits) : ''}
      </div>
      <p className="screen__text">{hint}</p>
      {children}
    </KeypadPanel>
  );
}
