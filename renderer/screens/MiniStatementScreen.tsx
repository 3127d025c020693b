// Mini statement: the last transactions of one account, newest first, as main lists them. Descriptions come from
// the row's code through the dictionary; amounts are signed from the customer's side. Picking another account
// asks main for its statement. F1 = back to the menu, F2 = done.
import { AccountPicker } from '../components/AccountPicker.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useFunctionKeys } from '../hooks/use-function-keys.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

export function MiniStatementScreen() {
  const t = useT();
  const format = useFormat();
  const intents = useIntents();
  const statement = useAtmStore(sessionSelectors.statement);
  const accounts = useAtmStore(sessionSelectors.accounts) ?? [];
  const currency = useAtmStore(sessionSelectors.currency);
  const chooseAccount = useAtmStore((s) => s.chooseAccount);
  useFunctionKeys([intents.backToMenu, intents.finish]);

  const account = accounts.find((candidate) => candidate.accountRef === statement?.accountRef);
  const rowCurrency = account?.currency ?? currency;
  const rows = statement?.rows ?? [];

  return (
    <ScreenLayout title={t('statement.title')} className="screen--statement">
      <div className="statement-layout">
        <div className="statement">
          {account ? (
            <p className="statement__account">
              {account.accountLabel} <span className="account__number">{account.maskedAccountNumber}</span>
            </p>
          ) : null}
          {rows.length > 0 ? (
            <table className="statement__table" data-speak>
              <thead>
                <tr>
                  <th scope="col">{t('statement.date')}</th>
                  <th scope="col">{t('statement.description')}</th>
                  <th scope="col" className="statement__amount">
                    {t('statement.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={index} data-testid="statement-row" data-code={row.code} data-pending={row.pending}>
                    <td>{format.date(row.at)}</td>
                    <td>
                      {t(`statement.code.${row.code}`)}
                      {row.pending ? (
                        <span className="badge" data-testid="statement-pending">
                          {t('statement.pending')}
                        </span>
                      ) : null}
                    </td>
                    <td
                      className={row.amountMinor < 0 ? 'statement__amount statement__amount--out' : 'statement__amount'}
                    >
                      {format.signedMoney(row.amountMinor, rowCurrency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="screen__text" data-speak>
              {t('statement.empty')}
            </p>
          )}
        </div>
        <div className="statement-side">
          {accounts.length > 1 ? (
            <AccountPicker
              label={t('statement.accountLabel')}
              accounts={accounts}
              selectedRef={statement?.accountRef ?? null}
              testIdPrefix="statement-account-"
              onSelect={(accountRef) => {
                chooseAccount(accountRef);
                if (accountRef !== statement?.accountRef) intents.showStatement({ accountRef });
              }}
            />
          ) : null}
          <div className="actions actions--column">
            <button
              type="button"
              className="button button--secondary"
              data-testid="statement-menu"
              onClick={intents.backToMenu}
            >
              {t('common.back')}
            </button>
            <button
              type="button"
              className="button button--primary"
              data-testid="statement-done"
              onClick={intents.finish}
            >
              {t('common.done')}
            </button>
          </div>
        </div>
      </div>
    </ScreenLayout>
  );
}
