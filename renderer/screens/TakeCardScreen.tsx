// Card before cash: the card is out of the reader and waits to be taken. A real reader tells main when it is;
// the demo reader has a button that stands for the customer pulling the card.
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, systemSelectors, useAtmStore } from '../store/index.ts';

export function TakeCardScreen() {
  const t = useT();
  const intents = useIntents();
  const isDemo = useAtmStore(systemSelectors.isDemo);
  const receipt = useAtmStore(sessionSelectors.receipt);
  const cashFollows = receipt?.transaction === 'withdrawal' && receipt.completedMinor > 0;

  return (
    <ScreenLayout title={t('takeCard.title')} className="screen--message">
      {cashFollows ? (
        <p className="screen__text screen__text--large" data-speak>
          {t('takeCard.cashFollows')}
        </p>
      ) : null}
      <div className="spinner" aria-hidden="true" />
      {isDemo ? (
        <button type="button" className="button button--demo" data-testid="take-card" onClick={intents.cardTaken}>
          {t('takeCard.demo')}
        </button>
      ) : null}
    </ScreenLayout>
  );
}
