// Deposit: the demo acceptor. The customer counts the notes "put in" with +/- per denomination main accepts, up to
// main's note limit, and picks the account; Deposit sends the counts. Main validates and credits; the counts are
// plain component state because they are only a simulation of what a real acceptor would report.
import { useState } from 'react';
import { AccountPicker } from '../components/AccountPicker.tsx';
import { RefusalMessage } from '../components/RefusalMessage.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useChosenAccount } from '../hooks/use-chosen-account.ts';
import { useFormat } from '../i18n/format.ts';
import { fill, useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

/** The contract's bound for one denomination's count in `submitDeposit`. */
const NOTES_PER_DENOMINATION_MAX = 200;

export function DepositNotesScreen() {
  const t = useT();
  const format = useFormat();
  const intents = useIntents();
  const accounts = useAtmStore(sessionSelectors.accounts) ?? [];
  const currency = useAtmStore(sessionSelectors.currency);
  const deposit = useAtmStore(sessionSelectors.deposit);
  const refusalCode = useAtmStore(sessionSelectors.refusalCode);
  const [account, chooseAccount] = useChosenAccount(accounts);
  const [counts, setCounts] = useState<Readonly<Record<number, number>>>({});

  const denominations = deposit?.denominationsMinor ?? [];
  const notesMax = deposit?.notesMax ?? 0;
  const countOf = (denominationMinor: number) => counts[denominationMinor] ?? 0;
  const notesTotal = denominations.reduce((sum, d) => sum + countOf(d), 0);
  const amountTotal = denominations.reduce((sum, d) => sum + d * countOf(d), 0);
  const money = (amountMinor: number) => format.money(amountMinor, currency);

  const change = (denominationMinor: number, by: 1 | -1) => {
    setCounts((current) => ({ ...current, [denominationMinor]: (current[denominationMinor] ?? 0) + by }));
    intents.keepAlive();
  };
  const submit = () => {
    if (!account || notesTotal === 0) return;
    const notes = denominations
      .filter((d) => countOf(d) > 0)
      .map((denominationMinor) => ({ denominationMinor, count: countOf(denominationMinor) }));
    intents.submitDeposit({ accountRef: account.accountRef, notes });
  };

  return (
    <ScreenLayout title={t('deposit.title')} className="screen--form">
      <p className="screen__text" data-speak>
        {t('deposit.hint')}
      </p>
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
      <ul className="counters">
        {denominations.map((denominationMinor) => {
          const amount = money(denominationMinor);
          const count = countOf(denominationMinor);
          return (
            <li key={denominationMinor} className="counter">
              <span className="counter__value">{amount}</span>
              <div className="counter__controls">
                <button
                  type="button"
                  className="counter__button"
                  aria-label={fill(t('deposit.remove'), { amount })}
                  data-testid={`deposit-remove-${denominationMinor}`}
                  disabled={count === 0}
                  onClick={() => change(denominationMinor, -1)}
                >
                  {t('deposit.removeSign')}
                </button>
                <output
                  className="counter__count"
                  aria-label={fill(t('deposit.countLabel'), { amount, count })}
                  data-testid={`deposit-count-${denominationMinor}`}
                >
                  {count}
                </output>
                <button
                  type="button"
                  className="counter__button"
                  aria-label={fill(t('deposit.add'), { amount })}
                  data-testid={`deposit-add-${denominationMinor}`}
                  disabled={notesTotal >= notesMax || count >= NOTES_PER_DENOMINATION_MAX}
                  onClick={() => change(denominationMinor, 1)}
                >
                  {t('deposit.addSign')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <p className="deposit-total">
        <span className="deposit-total__label">{t('deposit.total')}</span>{' '}
        <span className="deposit-total__amount" data-testid="deposit-total">
          {money(amountTotal)}
        </span>{' '}
        <span className="deposit-total__notes">
          {fill(t('deposit.notesCount'), { count: notesTotal, max: notesMax })}
        </span>
      </p>
      <RefusalMessage code={refusalCode} />
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="deposit-back"
          onClick={intents.backToMenu}
        >
          {t('common.back')}
        </button>
        <button type="button" className="button button--exit" data-testid="deposit-cancel" onClick={intents.cancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="deposit-submit"
          disabled={!account || notesTotal === 0}
          onClick={submit}
        >
          {t('deposit.submit')}
        </button>
      </div>
    </ScreenLayout>
  );
}
