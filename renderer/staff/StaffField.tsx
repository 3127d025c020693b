// A labelled text field for staff forms. It never autocompletes, spell-checks or capitalises (ids, passwords and
// codes are typed exactly), and it asks the OS for no touch keyboard: the docked on-screen keyboard serves it.
import { useEffect, useId, useRef } from 'react';
import { releaseKeyboard } from './KeyboardDock.tsx';

type StaffFieldProps = {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId: string;
  /** Masked as a password. */
  readonly secret?: boolean;
  /** Digits only: the keyboard shows its numeric layout and other characters are dropped. */
  readonly numeric?: boolean;
  readonly maxLength?: number;
  readonly autoFocus?: boolean;
  readonly disabled?: boolean;
  readonly hint?: string;
};

export function StaffField({
  label,
  value,
  onChange,
  testId,
  secret = false,
  numeric = false,
  maxLength,
  autoFocus,
  disabled,
  hint,
}: StaffFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const input = inputRef.current;
    return () => {
      if (input) releaseKeyboard(input);
    };
  }, []);
  return (
    <div className="staff-field">
      <label className="staff-field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        className="staff-field__input"
        type={secret ? 'password' : 'text'}
        value={value}
        onChange={(event) => onChange(numeric ? event.target.value.replace(/\D/g, '') : event.target.value)}
        data-testid={testId}
        data-keyboard={numeric ? 'numeric' : 'text'}
        inputMode="none"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={maxLength}
        // Only the first field of a form staff opened on purpose, so the keyboard is up at once.
        autoFocus={autoFocus}
        disabled={disabled}
        aria-describedby={hint ? hintId : undefined}
      />
      {hint ? (
        <span className="staff-field__hint" id={hintId}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
