// PIN entry. The PIN exists only in this component's ref until Enter hands it to `submitPin`; React state and the
// store see its length alone, and nothing on screen or in the accessibility tree shows which digit was pressed.
import { useShallow } from 'zustand/react/shallow';
import { KeypadPanel } from '../components/KeypadPanel.tsx';
import { PinDots } from '../components/PinDots.tsx';
import { usePinBuffer } from '../hooks/use-pin-buffer.ts';
import { useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

export function PinEntryScreen() {
  const t = useT();
  const intents = useIntents();
  const keypadDigits = useAtmStore(sessionSelectors.pinKeypadDigits);
  const maskedPan = useAtmStore(sessionSelectors.maskedPan);
  const refusalCode = useAtmStore(sessionSelectors.refusalCode);
  const pinPolicy = useAtmStore(useShallow(sessionSelectors.pinPolicy));
  const pin = usePinBuffer(pinPolicy.max);

  return (
    <KeypadPanel
      digits={keypadDigits}
      title={t('pin.title')}
      enterDisabled={pin.length < pinPolicy.min}
      onDigit={(digit) => {
        if (pin.push(digit)) intents.keepAlive();
      }}
      onClear={() => {
        pin.clear();
        intents.keepAlive();
      }}
      onCancel={() => {
        pin.clear();
        intents.cancel();
      }}
      onEnter={() => {
        if (pin.length < pinPolicy.min) return;
        // `take` forgets the digits before the call, whatever main answers.
        intents.submitPin({ pin: pin.take() });
      }}
    >
      {maskedPan ? (
        <p className="card-line">
          <span className="card-line__label">{t('pin.cardLabel')}</span>{' '}
          <span className="card-line__pan" data-testid="masked-pan">
            {maskedPan}
          </span>
        </p>
      ) : null}
      <PinDots length={pin.length} slots={Math.max(pinPolicy.min, pin.length)} label={t('pin.dotsLabel')} />
      {refusalCode === 'PIN_INCORRECT' ? (
        <p className="error-text" role="alert" data-testid="pin-error">
          {t('pin.incorrect')}
        </p>
      ) : null}
      <p className="screen__text" data-speak>
        {t('pin.hint')}
      </p>
    </KeypadPanel>
  );
}
