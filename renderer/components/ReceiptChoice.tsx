// The receipt question after a transaction: print it, show it on screen, or none. Printing is an intent — main
// lays the receipt out (in the customer's language) and prints it or saves it as a PDF — and its outcome comes back
// on the snapshot. "On screen" shows the same receipt the printer gets.
import { useState } from 'react';
import { useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, uiSelectors, useAtmStore } from '../store/index.ts';
import { Receipt } from './Receipt.tsx';

type Choice = 'undecided' | 'print' | 'screen' | 'none';

export function ReceiptChoice({
  showReason = true,
  withCash = false,
}: {
  readonly showReason?: boolean;
  readonly withCash?: boolean;
}) {
  const t = useT();
  const intents = useIntents();
  const receipt = useAtmStore(sessionSelectors.receipt);
  const delivery = useAtmStore(sessionSelectors.receiptDelivery);
  const language = useAtmStore(uiSelectors.language);
  // A receipt already printed (with the cash, say) is not offered again on the next screen.
  const [choice, setChoice] = useState<Choice>(delivery === null || delivery === 'failed' ? 'undecided' : 'print');
  // With the cash in the slot there is no receipt yet, but one can be asked for: it prints as the cash settles.
  if (!receipt && !withCash) return null;

  const print = () => {
    setChoice('print');
    intents.printReceipt({ language });
  };

  return (
    <section className="receipt-choice" aria-label={t('receiptChoice.label')} data-testid="receipt-choice">
      {choice === 'undecided' ? (
        <>
          <p className="receipt-choice__question">{t('receiptChoice.question')}</p>
          <div className="receipt-choice__options">
            <button type="button" className="button" onClick={print} data-testid="receipt-print">
              {t('receiptChoice.print')}
            </button>
            {receipt ? (
              <button type="button" className="button" onClick={() => setChoice('screen')} data-testid="receipt-screen">
                {t('receiptChoice.screen')}
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => setChoice('none')} data-testid="receipt-none">
              {t('receiptChoice.none')}
            </button>
          </div>
        </>
      ) : null}
      {choice === 'print' ? (
        <p
          className="receipt-choice__status"
          role="status"
          data-testid="receipt-delivery"
          data-delivery={delivery ?? 'pending'}
        >
          {delivery === 'queued'
            ? t('receiptChoice.queued')
            : delivery === 'printed'
              ? t('receiptChoice.printed')
              : delivery === 'saved'
                ? t('receiptChoice.saved')
                : delivery === 'failed'
                  ? t('receiptChoice.failed')
                  : t('receiptChoice.printing')}
        </p>
      ) : null}
      {receipt && (choice === 'screen' || (choice === 'print' && delivery === 'failed')) ? (
        <Receipt receipt={receipt} showReason={showReason} />
      ) : null}
    </section>
  );
}
