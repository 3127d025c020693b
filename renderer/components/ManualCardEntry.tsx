// Typing a card number on the touch keypad, for cards the reader cannot take. The digits live in a ref and leave
// this component only in the `insertCard` intent; what renders is a masked form showing at most the last four.
import { useRef, useState } from 'react';
import { PAN_PATTERN } from '../../shared/card.ts';
import type { KeypadActions } from '../hooks/use-keypad-keys.ts';
import { useT } from '../i18n/index.ts';
import { KeypadPanel } from './KeypadPanel.tsx';

/** Card numbers are 12–19 digits (ISO/IEC 7812), as in shared/card.ts. */
const PAN_LENGTH_MIN = 12;
const PAN_LENGTH_MAX = 19;
const DIGITS_SHOWN = 4;
const MASK_CHAR = '•';

/** `••••••••1234` in groups of four, so the customer can check the tail without the number being readable. */
function maskTyped(digits: string): string {
  const masked = MASK_CHAR.repeat(Math.max(0, digits.length - DIGITS_SHOWN)) + digits.slice(-DIGITS_SHOWN);
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

type ManualCardEntryProps = {
  readonly onSubmit: (pan: string) => void;
  readonly onCancel: () => void;
};

export function ManualCardEntry({ onSubmit, onCancel }: ManualCardEntryProps) {
  const t = useT();
  const digits = useRef('');
  const [typed, setTyped] = useState({ length: 0, masked: '' });

  const update = (next: string) => {
    digits.current = next;
    setTyped({ length: next.length, masked: maskTyped(next) });
  };

  const actions: KeypadActions = {
    onDigit: (digit) => {
      if (digits.current.length < PAN_LENGTH_MAX) update(digits.current + digit);
    },
    onClear: () => update(''),
    onCancel: () => {
      update('');
      onCancel();
    },
    onEnter: () => {
      const pan = digits.current;
      if (!PAN_PATTERN.test(pan)) return;
      update('');
      onSubmit(pan);
    },
  };

  return (
    <KeypadPanel {...actions} title={t('manual.title')} enterDisabled={typed.length < PAN_LENGTH_MIN}>
      <p className="screen__text">{t('manual.hint')}</p>
      {/* Not an <output>: that is a live region, and headphone users should not hear the digits read back. */}
      <div
        className="typed-number"
        role="textbox"
        aria-readonly="true"
        aria-label={t('manual.numberLabel')}
        data-testid="manual-pan"
      >
        {typed.masked}
      </div>
    </KeypadPanel>
  );
}
