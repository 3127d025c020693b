// Balance: each account's available and ledger balance as main reported them, formatted for the session's
// language. F1 = another transaction, F2 = done, matching the buttons' order.
import type { AccountBalance } from '../../shared/ipc/session.ts';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useFunctionKeys } from '../hooks/use-function-keys.ts';
import { type Formatters, useFormat } from '../i18n/format.ts';
import { type Translate, useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

export function BalanceScreen() {
  const t = useT();
  const format = useFormat();
  const intents = useIntents();
  const accounts = useAtmStore(sessionSelectors.accounts) ?? [];
  useFunctionKeys([intents.backToMenu, intents.finish]);

  return (
    <ScreenLayout title={t('balance.title')} className="screen--balance">
      {accounts.length > 0 ? (
        <ul className="accounts">
          {accounts.map((account) => (
            <AccountRow key={account.accountRef} account={account} format={format} t={t} />
          ))}
        </ul>
      ) : (
        <p className="screen__text">{t('balance.noAccounts')}</p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="balance-menu"
          onClick={intents.backToMenu}
        >
          {t('common.another')}
        </button>
        <button type="button" className="button button--primary" data-testid="balance-done" onClick={intents.finish}>
          {t('common.done')}
        </button>
      </div>
    </ScreenLayout>
  );
}

type AccountRowProps = { readonly account: AccountBalance; readonly format: Formatters; readonly t: Translate };

function AccountRow({ account, format, t }: AccountRowProps) {
  const amount = (amountMinor: number) => format.money(amountMinor, account.currency);
  return (
    <li className="account" data-testid="balance-account" data-account-ref={account.accountRef} data-speak>
      <div className="account__name">
        <span className="account__label">{account.accountLabel}</span>
        <span className="account__number">{account.maskedAccountNumber}</span>
      </div>
      <dl className="account__amounts">
        <div className="account__amount account__amount--available">
          <dt>{t('balance.available')}</dt>
          <dd>{amount(account.availableMinor)}</dd>
        </div>
        <div className="account__amount">
          <dt>{t('balance.ledger')}</dt>
          <dd>{amount(account.ledgerMinor)}</dd>
        </div>
      </dl>
    </li>
  );
}
