// The customer receipt on screen, laid out like an 80 mm printer roll: one narrow monospace column, label left and
// value right. Everything on it comes from `snapshot.receipt`; the card shows masked, as main sent it.
import type { Receipt as ReceiptData, TransactionKind } from '../../shared/ipc/session.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.ts';
import { REFUSAL_TEXT } from '../i18n/refusal-text.ts';

/** Kinds that move money; the others print no amounts (a fee, if any, still prints). */
const MOVES_MONEY: ReadonlySet<TransactionKind> = new Set(['withdrawal', 'deposit', 'transfer']);

type ReceiptProps = {
  readonly receipt: ReceiptData;
  /** Print the refusal explanation on the receipt (off where the screen already shows it large). */
  readonly showReason?: boolean;
};

export function Receipt({ receipt, showReason = true }: ReceiptProps) {
  const t = useT();
  const format = useFormat();
  const money = (amountMinor: number) => format.money(amountMinor, receipt.currency);
  const movesMoney = MOVES_MONEY.has(receipt.transaction);

  return (
    <section className="receipt" data-testid="receipt" aria-label={t('receipt.label')}>
      <h2 className="receipt__heading">{t('receipt.heading')}</h2>
      <dl className="receipt__block">
        <Line label={t('receipt.kiosk')} value={receipt.kioskId} testId="receipt-kiosk" />
        <Line label={t('receipt.date')} value={format.dateTime(receipt.at)} testId="receipt-date" />
        <Line label={t('receipt.stan')} value={receipt.stan} testId="receipt-stan" />
        <Line label={t('receipt.rrn')} value={receipt.rrn} testId="receipt-rrn" />
        <Line label={t('receipt.card')} value={receipt.maskedPan} testId="receipt-card" />
        {receipt.accountLabel ? <Line label={t('receipt.account')} value={receipt.accountLabel} /> : null}
      </dl>
      <p className="receipt__type" data-testid="receipt-type">
        {t(`transaction.${receipt.transaction}`)}
      </p>
      <dl className="receipt__block">
        {movesMoney ? (
          <>
            <Line label={t('receipt.requested')} value={money(receipt.requestedMinor)} testId="receipt-requested" />
            <Line label={t('receipt.completed')} value={money(receipt.completedMinor)} testId="receipt-completed" />
          </>
        ) : null}
        {movesMoney || receipt.feeMinor !== 0 ? (
          <Line label={t('receipt.fee')} value={money(receipt.feeMinor)} testId="receipt-fee" />
        ) : null}
        {receipt.availableMinor !== null ? (
          <Line label={t('receipt.available')} value={money(receipt.availableMinor)} testId="receipt-available" />
        ) : null}
      </dl>
      <dl className="receipt__block">
        <div className="receipt__line receipt__line--strong" data-outcome={receipt.outcome}>
          <dt>{t('receipt.outcome')}</dt>
          <dd data-testid="receipt-outcome">{t(`receipt.outcome.${receipt.outcome}`)}</dd>
        </div>
      </dl>
      {showReason && receipt.code ? (
        <p className="receipt__reason" data-testid="receipt-reason" data-code={receipt.code}>
          {t(REFUSAL_TEXT[receipt.code])}
        </p>
      ) : null}
    </section>
  );
}

function Line({ label, value, testId }: { readonly label: string; readonly value: string; readonly testId?: string }) {
  return (
    <div className="receipt__line">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
