// Transfer, first step: from which account, to whom (another of the card's accounts, or another customer's account
// number typed on the keypad) and how much (keypad, with cents). Continue sends the request; main looks up the
// recipient and answers with `transfer_confirm` or a refusal (ACCOUNT_UNKNOWN, limits, funds).
import { useState } from 'react';
import { AccountPicker, Choice } from '../components/AccountPicker.tsx';
import { AmountEntry } from '../components/AmountEntry.tsx';
import { NumberEntry } from '../components/NumberEntry.tsx';
import { RefusalMessage } from '../components/RefusalMessage.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useChosenAccount } from '../hooks/use-chosen-account.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

/** Account numbers as the contract takes them (`accountNumber` in TransferRequestSchema). */
const ACCOUNT_NUMBER_DIGITS = { min: 6, max: 34 } as const;

type Recipient =
  | { readonly kind: 'own'; readonly accountRef: string }
  | { readonly kind: 'account_number'; readonly accountNumber: string };

/** `1234 5678 90`: grouped so the customer can check a long number against their paper. */
function groupDigits(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function TransferDetailsScreen() {
  const t = useT();
  const format = useFormat();
  const intents = useIntents();
  const accounts = useAtmStore(sessionSelectors.accounts) ?? [];
  const currency = useAtmStore(sessionSelectors.currency);
  const refusalCode = useAtmStore(sessionSelectors.refusalCode);
  const [from, chooseFrom] = useChosenAccount(accounts);
  const [to, setTo] = useState<Recipient | null>(null);
  const [accountNumber, setAccountNumber] = useState('');
  const [amountMinor, setAmountMinor] = useState<number | null>(null);
  const [keypad, setKeypad] = useState<'account_number' | 'amount' | null>(null);

  const ownRecipients = accounts.filter((account) => account.accountRef !== from?.accountRef);
  // Picking as "from" the account chosen as recipient leaves no recipient.
  const recipient = to?.kind === 'own' && to.accountRef === from?.accountRef ? null : to;
  const ready = from !== null && recipient !== null && amountMinor !== null;

  const openKeypad = (which: 'account_number' | 'amount') => {
    setKeypad(which);
    intents.keepAlive();
  };
  const submit = () => {
    if (!ready) return;
    intents.requestTransfer({
      fromAccountRef: from.accountRef,
      to: recipient.kind === 'own' ? recipient : { kind: 'account_number', accountNumber: recipient.accountNumber },
      amountMinor,
    });
  };

  if (keypad === 'account_number') {
    return (
      <NumberEntry
        title={t('transfer.numberTitle')}
        hint={t('transfer.numberHint')}
        label={t('transfer.numberTitle')}
        testId="account-number-display"
        initialDigits={accountNumber}
        accept={(next) => next.length <= ACCOUNT_NUMBER_DIGITS.max}
        canSubmit={(digits) => digits.length >= ACCOUNT_NUMBER_DIGITS.min}
        display={groupDigits}
        onSubmit={(digits) => {
          setAccountNumber(digits);
          setTo({ kind: 'account_number', accountNumber: digits });
          setKeypad(null);
        }}
        onCancel={() => setKeypad(null)}
      />
    );
  }
  if (keypad === 'amount') {
    return (
      <AmountEntry
        title={t('transfer.amountTitle')}
        hint={t('transfer.amountHint')}
        currency={currency}
        wholeUnits={false}
        initialMinor={amountMinor}
        onSubmit={(amount) => {
          setAmountMinor(amount);
          setKeypad(null);
        }}
        onCancel={() => setKeypad(null)}
      />
    );
  }

  return (
    <ScreenLayout title={t('transfer.title')} className="screen--form">
      {accounts.length > 1 ? (
        <AccountPicker
          label={t('transfer.fromLabel')}
          accounts={accounts}
          selectedRef={from?.accountRef ?? null}
          onSelect={(accountRef) => {
            chooseFrom(accountRef);
            intents.keepAlive();
          }}
        />
      ) : null}
      {from ? null : <p className="screen__text">{t('account.none')}</p>}
      <AccountPicker
        label={t('transfer.toLabel')}
        accounts={ownRecipients}
        selectedRef={recipient?.kind === 'own' ? recipient.accountRef : null}
        onSelect={(accountRef) => {
          setTo({ kind: 'own', accountRef });
          intents.keepAlive();
        }}
        testIdPrefix="transfer-to-"
      >
        <Choice
          pressed={recipient?.kind === 'account_number'}
          testId="transfer-to-other"
          label={t('transfer.toOther')}
          detail={accountNumber ? groupDigits(accountNumber) : undefined}
          onPress={() => openKeypad('account_number')}
        />
      </AccountPicker>
      <div className="picker">
        <span className="picker__label">{t('transfer.amountLabel')}</span>
        <div className="picker__options">
          <Choice
            testId="transfer-amount"
            label={amountMinor === null ? t('transfer.amountEmpty') : format.money(amountMinor, currency)}
            onPress={() => openKeypad('amount')}
          />
        </div>
      </div>
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
          data-testid="transfer-continue"
          disabled={!ready}
          onClick={submit}
        >
          {t('transfer.continue')}
        </button>
      </div>
    </ScreenLayout>
  );
}
