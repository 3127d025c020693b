// PIN entry. The PIN exists only in this component's ref until Enter hands it to `submitPin`; React state and the
// store see its length alone, and nothing on screen or in the accessibility tree shows which digit was pressed.
import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Keypad } from '../components/Keypad.tsx';
import { type KeypadActions, useKeypadKeys } from '../hooks/use-keypad-keys.ts';
import { useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

export function PinEntryScreen() {
  const t = useT();
  const intents = useIntents();
  const maskedPan = useAtmStore(sessionSelectors.maskedPan);
  const refusalCode = useAtmStore(sessionSelectors.refusalCode);
  const pinPolicy = useAtmStore(useShallow(sessionSelectors.pinPolicy));
  const pin = useRef('');
  const [length, setLength] = useState(0);

  const setPin = (next: string) => {
    pin.current = next;
    setLength(next.length);
  };

  const actions: KeypadActions = {
    onDigit: (digit) => {
      if (pin.current.length >= pinPolicy.max) return;
      setPin(pin.current + digit);
      intents.keepAlive();
    },
    onClear: () => {
      setPin('');
      intents.keepAlive();
    },
    onCancel: () => {
      setPin('');
      intents.cancel();
    },
    onEnter: () => {
      const entered = pin.current;
      if (entered.length < pinPolicy.min) return;
      setPin(''); // forget it before the call, whatever main answers
      intents.submitPin({ pin: entered });
    },
  };
  useKeypadKeys(actions);

  return (
    <div className="screen screen--keypad">
      <div className="keypad-screen__info">
        <h1 className="screen__title">{t('pin.title')}</h1>
        {maskedPan ? (
          <p className="card-line">
            <span className="card-line__label">{t('pin.cardLabel')}</span>{' '}
            <span className="card-line__pan" data-testid="masked-pan">
              {maskedPan}
            </span>
          </p>
        ) : null}
        <PinDots length={length} slots={Math.max(pinPolicy.min, length)} label={t('pin.dotsLabel')} />
        {refusalCode === 'PIN_INCORRECT' ? (
          <p className="error-text" role="alert" data-testid="pin-error">
            {t('pin.incorrect')}
          </p>
        ) : null}
        <p className="screen__text">{t('pin.hint')}</p>
      </div>
      <Keypad {...actions} enterDisabled={length < pinPolicy.min} />
    </div>
  );
}

/**
 * One CSS dot per slot, filled up to the PIN's length; a newly filled dot animates, which is the press feedback.
 * The row is a single image with a constant name, so assistive tech hears neither digits nor counts.
 */
function PinDots({
  length,
  slots,
  label,
}: {
  readonly length: number;
  readonly slots: number;
  readonly label: string;
}) {
  return (
    <div className="pin-dots" data-testid="pin-dots" role="img" aria-label={label}>
      {Array.from({ length: slots }, (_, index) => (
        <span key={index} className="pin-dot" data-filled={index < length ? 'true' : 'false'} />
      ))}
    </div>
  );
}
