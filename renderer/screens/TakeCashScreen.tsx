// The cash is presented and waits to be taken; the amount is what main says was dispensed. A real dispenser
// tells main when the notes are taken; the demo dispenser has a button that stands for the customer taking them.
import { ReceiptChoice } from '../components/ReceiptChoice.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, systemSelectors, useAtmStore } from '../store/index.ts';

export function TakeCashScreen() {
  const t = useT();
  const format = useFormat();
  const intents = useIntents();
  const isDemo = useAtmStore(systemSelectors.isDemo);
  const cash = useAtmStore(sessionSelectors.cash);
  const currency = useAtmStore(sessionSelectors.currency);

  return (
    <ScreenLayout title={t('takeCash.title')} className="screen--message">
      {cash ? (
        <p className="big-amount" data-testid="take-cash-amount" data-speak>
          {format.money(cash.amountMinor, currency)}
        </p>
      ) : null}
      {cash?.partial ? (
        <p className="screen__text screen__text--large" data-speak>
          {t('takeCash.partial')}
        </p>
      ) : null}
      {isDemo ? (
        <button type="button" className="button button--demo" data-testid="take-cash" onClick={intents.cashTaken}>
          {t('takeCash.demo')}
        </button>
      ) : null}
      {/* Asked for here, the receipt prints as the cash is settled, the way customers expect at a cash machine. */}
      <ReceiptChoice withCash />
    </ScreenLayout>
  );
}
