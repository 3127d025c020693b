// The on-screen keyboard staff use on a kiosk with no physical keyboard: large keys, letters, digits and a few
// symbols, a shift for capitals, Backspace and Done; a digits-only layout for numeric fields. What is typed stays in
// the field's own state (a password is masked by its field, never shown here); a connected keyboard types into the
// same field. Keys never take focus, so the field being typed into keeps it.
import { type MouseEvent, useState } from 'react';
import { useT } from '../i18n/index.ts';

const ROWS_LOWER = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;
const ROWS_SYMBOLS = ['!@#$%^&*()', '-_=+[]{};', ':\'",.<>/?', '\\|`~'] as const;
const ROWS_NUMERIC = ['123', '456', '789'] as const;
const ZERO = '0';

export type KeyboardLayout = 'text' | 'numeric';

type OnScreenKeyboardProps = {
  readonly layout?: KeyboardLayout;
  readonly onKey: (character: string) => void;
  readonly onBackspace: () => void;
  readonly onDone: () => void;
  /** Puts the keyboard away without submitting. */
  readonly onHide?: () => void;
  readonly doneLabel: string;
  readonly doneDisabled?: boolean;
};

/** Keeps focus (and the caret) in the field while a key is pressed. */
function keepFocus(event: MouseEvent<HTMLButtonElement>): void {
  event.preventDefault();
}

export function OnScreenKeyboard({
  layout = 'text',
  onKey,
  onBackspace,
  onDone,
  onHide,
  doneLabel,
  doneDisabled = false,
}: OnScreenKeyboardProps) {
  const t = useT();
  const [shift, setShift] = useState(false);
  const [symbols, setSymbols] = useState(false);
  const numeric = layout === 'numeric';
  const rows = numeric ? ROWS_NUMERIC : symbols ? ROWS_SYMBOLS : ROWS_LOWER;
  const press = (character: string) => {
    onKey(shift ? character.toUpperCase() : character);
    if (shift) setShift(false);
  };
  return (
    <div
      className={numeric ? 'osk osk--numeric' : 'osk'}
      role="group"
      aria-label={t('staff.keyboard.label')}
      data-testid="osk"
      data-layout={layout}
    >
      {rows.map((row) => (
        <div className="osk__row" key={row}>
          {[...row].map((character) => {
            const shown = shift ? character.toUpperCase() : character;
            return (
              <button
                type="button"
                key={character}
                className="osk__key"
                data-testid={`osk-${shown}`}
                onMouseDown={keepFocus}
                onClick={() => press(character)}
              >
                {shown}
              </button>
            );
          })}
        </div>
      ))}
      <div className="osk__row">
        {numeric ? null : (
          <>
            <button
              type="button"
              className="osk__key osk__key--wide"
              aria-pressed={shift}
              data-testid="osk-shift"
              onMouseDown={keepFocus}
              onClick={() => setShift(!shift)}
            >
              {t('staff.keyboard.shift')}
            </button>
            <button
              type="button"
              className="osk__key osk__key--wide"
              aria-pressed={symbols}
              data-testid="osk-symbols"
              onMouseDown={keepFocus}
              onClick={() => setSymbols(!symbols)}
            >
              {t('staff.keyboard.symbols')}
            </button>
            <button
              type="button"
              className="osk__key osk__key--space"
              data-testid="osk-space"
              onMouseDown={keepFocus}
              onClick={() => onKey(' ')}
            >
              {t('staff.keyboard.space')}
            </button>
          </>
        )}
        <button
          type="button"
          className="osk__key osk__key--wide"
          data-testid="osk-backspace"
          onMouseDown={keepFocus}
          onClick={onBackspace}
        >
          {t('staff.keyboard.backspace')}
        </button>
        {/* The numeric pad is a phone pad: 0 between Delete and Done, four rows in all. */}
        {numeric ? (
          <button
            type="button"
            className="osk__key"
            data-testid="osk-0"
            onMouseDown={keepFocus}
            onClick={() => press(ZERO)}
          >
            {ZERO}
          </button>
        ) : null}
        <button
          type="button"
          className="osk__key osk__key--wide osk__key--done"
          data-testid="osk-done"
          disabled={doneDisabled}
          onMouseDown={keepFocus}
          onClick={onDone}
        >
          {doneLabel}
        </button>
        {onHide ? (
          <button
            type="button"
            className="osk__key osk__key--wide"
            data-testid="osk-hide"
            onMouseDown={keepFocus}
            onClick={onHide}
          >
            {t('staff.keyboard.hide')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
