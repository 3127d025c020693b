// Transfer, second step: main found the recipient and shows them masked, with the amount and fee, for the customer
// to confirm. Nothing moves until Confirm; Back returns to the menu and Cancel ends the session.
import { RefusalMessage } from '../components/RefusalMessage.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

export function TransferConfirmScreen() {
  const t = useT();
  const format = useFormat();
  const intents = useIntents();
  const transfer = useAtmStore(sessionSelectors.transfer);
  const accounts = useAtmStore(sessionSelectors.accounts) ?? [];
  const currency = useAtmStore(sessionSelectors.currency);
  const refusalCode = useAtmStore(sessionSelectors.refusalCode);
  const from = accounts.find((account) => account.accountRef === transfer?.fromAccountRef);
  const money = (amountMinor: number) => format.money(amountMinor, from?.currency ?? currency);

  return (
    <ScreenLayout title={t('transferConfirm.title')} className="screen--form">
      {transfer ? (
        <dl className="summary" data-speak>
          <SummaryRow
            label={t('transferConfirm.recipient')}
            value={transfer.recipientMaskedName}
            testId="confirm-recipient"
          />
          <SummaryRow
            label={t('transferConfirm.account')}
            value={transfer.recipientMaskedAccount}
            testId="confirm-account"
          />
          {from ? (
            <SummaryRow label={t('transferConfirm.from')} value={`${from.accountLabel} ${from.maskedAccountNumber}`} />
          ) : null}
          <SummaryRow label={t('transferConfirm.amount')} value={money(transfer.amountMinor)} testId="confirm-amount" />
          <SummaryRow label={t('transferConfirm.fee')} value={money(transfer.feeMinor)} testId="confirm-fee" />
          <SummaryRow
            label={t('transferConfirm.total')}
            value={money(transfer.amountMinor + transfer.feeMinor)}
            testId="confirm-total"
            strong
          />
        </dl>
      ) : (
        <p className="screen__text">{t('transferConfirm.missing')}</p>
      )}
      <RefusalMessage code={refusalCode} />
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="transfer-back"
          onClick={intents.backToMenu}
        >
          {t('common.back')}
        </button>
        <button type="button" className="button button--exit" data-testid="transfer-cancel" onClick={intents.cancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="transfer-confirm"
          disabled={!transfer}
          onClick={intents.confirmTransfer}
        >
          {t('transferConfirm.confirm')}
        </button>
      </div>
    </ScreenLayout>
  );
}

type SummaryRowProps = {
  readonly label: string;
  readonly value: string;
  readonly testId?: string;
  readonly strong?: boolean;
};

function SummaryRow({ label, value, testId, strong = false }: SummaryRowProps) {
  return (
    <div className={strong ? 'summary__row summary__row--strong' : 'summary__row'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
