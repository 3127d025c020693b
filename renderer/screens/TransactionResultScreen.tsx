// A transaction ended (completed, partly completed, declined or reversed): why it was not completed if it was not,
// the receipt choice (print, on screen, none), and the choice of another transaction or done. F1 = another transaction, F2 = done.
import type { Receipt as ReceiptData } from '../../shared/ipc/session.ts';
import { ReceiptChoice } from '../components/ReceiptChoice.tsx';
import { RefusalMessage } from '../components/RefusalMessage.tsx';
import { useFunctionKeys } from '../hooks/use-function-keys.ts';
import { type MessageKey, useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

const TITLE: Readonly<Record<ReceiptData['outcome'], MessageKey>> = {
  completed: 'result.title.completed',
  partial: 'result.title.partial',
  declined: 'result.title.declined',
  reversed: 'result.title.reversed',
};

export function TransactionResultScreen() {
  const t = useT();
  const intents = useIntents();
  const receipt = useAtmStore(sessionSelectors.receipt);
  const refusalCode = useAtmStore(sessionSelectors.refusalCode);
  useFunctionKeys([intents.backToMenu, intents.finish]);

  return (
    <div className="screen screen--result">
      <div className="result">
        <div className="result__summary">
          <h1 className="screen__title" data-testid="result-title" data-outcome={receipt?.outcome}>
            {t(receipt ? TITLE[receipt.outcome] : 'result.title.unknown')}
          </h1>
          <RefusalMessage code={receipt?.code ?? refusalCode} />
          <div className="actions actions--column">
            <button
              type="button"
              className="button button--secondary"
              data-testid="result-menu"
              onClick={intents.backToMenu}
            >
              {t('common.another')}
            </button>
            <button type="button" className="button button--primary" data-testid="result-done" onClick={intents.finish}>
              {t('common.done')}
            </button>
          </div>
        </div>
        <ReceiptChoice showReason={false} />
      </div>
    </div>
  );
}
