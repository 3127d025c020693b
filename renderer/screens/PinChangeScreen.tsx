// PIN change: the current PIN, the new one, and the new one again, each typed on the keypad behind masked dots.
// Finished steps wait in a ref and the step being typed in the PIN buffer; none of the digits reach state, the
// store or the DOM. The third Enter forgets all three and sends them in one `changePin`; whatever main answers,
// the screen starts again at the first step. Cancel ends the session, as on PIN entry.
import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { KeypadPanel } from '../components/KeypadPanel.tsx';
import { PinDots } from '../components/PinDots.tsx';
import { RefusalMessage } from '../components/RefusalMessage.tsx';
import { usePinBuffer } from '../hooks/use-pin-buffer.ts';
import { fill, type MessageKey, useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

const STEPS = [
  'pinChange.step.current',
  'pinChange.step.new',
  'pinChange.step.again',
] as const satisfies readonly MessageKey[];

export function PinChangeScreen() {
  const t = useT();
  const intents = useIntents();
  const keypadDigits = useAtmStore(sessionSelectors.pinKeypadDigits);
  const refusalCode = useAtmStore(sessionSelectors.refusalCode);
  const pinPolicy = useAtmStore(useShallow(sessionSelectors.pinPolicy));
  const pin = usePinBuffer(pinPolicy.max);
  /** The PINs of the steps already finished, in order. */
  const finished = useRef<string[]>([]);
  const [step, setStep] = useState(0);

  const restart = () => {
    finished.current = [];
    pin.clear();
    setStep(0);
  };

  const enter = () => {
    if (pin.length < pinPolicy.min) return;
    finished.current.push(pin.take());
    if (finished.current.length < STEPS.length) {
      setStep(finished.current.length);
      intents.keepAlive();
      return;
    }
    const [currentPin = '', newPin = '', newPinAgain = ''] = finished.current;
    restart(); // forget them before the call, whatever main answers
    intents.changePin({ currentPin, newPin, newPinAgain });
  };

  return (
    <KeypadPanel
      digits={keypadDigits}
      title={t('pinChange.title')}
      enterDisabled={pin.length < pinPolicy.min}
      onDigit={(digit) => {
        if (pin.push(digit)) intents.keepAlive();
      }}
      onClear={() => {
        pin.clear();
        intents.keepAlive();
      }}
      onCancel={() => {
        restart();
        intents.cancel();
      }}
      onEnter={enter}
    >
      {/* Spoken, so a headphone user hears which of the three PINs to type next. */}
      <p className="step-line" data-testid="pin-change-step" data-step={step + 1} data-speak>
        <span className="step-line__count">{fill(t('pinChange.stepOf'), { step: step + 1, steps: STEPS.length })}</span>
        <span className="step-line__text">{t(STEPS[step] ?? 'pinChange.step.current')}</span>
      </p>
      <PinDots length={pin.length} slots={Math.max(pinPolicy.min, pin.length)} label={t('pin.dotsLabel')} />
      {step === 0 ? <RefusalMessage code={refusalCode} overrides={{ PIN_INCORRECT: 'pinChange.incorrect' }} /> : null}
      <p className="screen__text">{fill(t('pinChange.policy'), { min: pinPolicy.min, max: pinPolicy.max })}</p>
      <button
        type="button"
        className="button button--secondary"
        data-testid="pin-change-back"
        onClick={() => {
          restart();
          intents.backToMenu();
        }}
      >
        {t('common.back')}
      </button>
    </KeypadPanel>
  );
}
