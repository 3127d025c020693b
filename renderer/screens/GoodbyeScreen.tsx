// End of a session: thanks, a reminder to take the card unless it already came out at `take_card`, why the
// session ended if main says (cash retracted, timeout), and the receipt choice for the last transaction if there is one.
// Main returns to idle by itself after a few seconds.
import { ReceiptChoice } from '../components/ReceiptChoice.tsx';
import { RefusalMessage } from '../components/RefusalMessage.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useT } from '../i18n/index.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

export function GoodbyeScreen() {
  const t = useT();
  const cardReturned = useAtmStore(sessionSelectors.cardReturned);
  const refusalCode = useAtmStore(sessionSelectors.refusalCode);
  const receipt = useAtmStore(sessionSelectors.receipt);

  return (
    <ScreenLayout title={t('goodbye.title')} className={receipt ? 'screen--goodbye' : 'screen--message'}>
      {cardReturned ? null : (
        <p className="screen__text screen__text--large" data-speak>
          {t('goodbye.takeCard')}
        </p>
      )}
      <RefusalMessage code={refusalCode} />
      {/* The receipt prints its own reason unless it is the one just shown large. */}
      {receipt ? <ReceiptChoice showReason={receipt.code !== refusalCode} /> : null}
    </ScreenLayout>
  );
}
