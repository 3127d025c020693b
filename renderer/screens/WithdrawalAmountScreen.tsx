// Withdrawal: pick the account (when the card has several), then a fast-cash amount main says the cassettes can
// make, or "Other amount" on the keypad in whole currency units. Main checks funds, limits and the note mix and
// explains a refusal through `snapshot.refusal`. F1–F8 press the amount buttons in order.
import { useState } from 'react';
import { AccountPicker } from '../components/AccountPicker.tsx';
import { AmountEntry } from '../components/AmountEntry.tsx';
import { RefusalMessage } from '../components/RefusalMessage.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useChosenAccount } from '../hooks/use-chosen-account.ts';
import { useFunctionKeys } from '../hooks/use-function-keys.ts';
import { useFormat } from '../i18n/format.ts';
import { fill, useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

export function WithdrawalAmountScreen() {
  const t = useT();
  const format = useFormat();
  const intents = useIntents();
  const accounts = useAtmStore(sessionSelectors.accounts) ?? [];
  const currency = useAtmStore(sessionSelectors.currency);
  const withdrawal = useAtmStore(sessionSelectors.withdrawal);
  const refusalCode = useAtmStore(sessionSelectors.refusalCode);
  const [account, chooseAccount] = useChosenAccount(accounts);
  const [otherOpen, setOtherOpen] = useState(false);
  const fastCash = withdrawal?.fastCashMinor ?? [];
  const maxHint = withdrawal
    ? fill(t('withdrawal.maxHint'), { amount: format.money(withdrawal.maxMinor, currency) })
    : '';

  const withdraw = (amountMinor: number) => {
    if (account) intents.selectWithdrawal({ amountMinor, accountRef: account.accountRef });
  };
  const openOther = () => {
    setOtherOpen(true);
    intents.keepAlive();
  };
  useFunctionKeys([...fastCash.map((amountMinor) => () => withdraw(amountMinor)), openOther], !otherOpen && !!account);

  if (otherOpen) {
    return (
      <AmountEntry
        title={t('withdrawal.otherTitle')}
        hint={t('withdrawal.otherHint')}
        currency={currency}
        wholeUnits
        onSubmit={(amountMinor) => {
          setOtherOpen(false);
          withdraw(amountMinor);
        }}
        onCancel={() => setOtherOpen(false)}
      >
        {maxHint ? <p className="screen__text">{maxHint}</p> : null}
      </AmountEntry>
    );
  }

  return (
    <ScreenLayout title={t('withdrawal.title')} className="screen--form">
      {accounts.length > 1 ? (
        <AccountPicker
          label={t('account.pickLabel')}
          accounts={accounts}
          selectedRef={account?.accountRef ?? null}
          onSelect={(accountRef) => {
            chooseAccount(accountRef);
            intents.keepAlive();
          }}
        />
      ) : null}
      {account ? null : <p className="screen__text">{t('account.none')}</p>}
      <div className="fast-cash" role="group" aria-label={t('withdrawal.fastCashLabel')}>
        {fastCash.map((amountMinor) => (
          <button
            key={amountMinor}
            type="button"
            className="button button--primary"
            data-testid={`fast-cash-${amountMinor}`}
            disabled={!account}
            onClick={() => withdraw(amountMinor)}
          >
            {format.money(amountMinor, currency)}
          </button>
        ))}
        <button
          type="button"
          className="button button--secondary"
          data-testid="withdrawal-other"
          disabled={!account}
          onClick={openOther}
        >
          {t('withdrawal.other')}
        </button>
      </div>
      {maxHint ? (
        <p className="screen__text" data-speak>
          {maxHint}
        </p>
      ) : null}
      <RefusalMessage code={refusalCode} />
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="withdrawal-back"
          onClick={intents.backToMenu}
        >
          {t('common.back')}
        </button>
        <button type="button" className="button button--exit" data-testid="withdrawal-cancel" onClick={intents.cancel}>
          {t('common.cancel')}
        </button>
      </div>
    </ScreenLayout>
  );
}
