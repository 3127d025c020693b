// Main menu: one large button per transaction main offers, in the order main lists them (never re-sorted here, so
// the order is main's one decision and speech guidance and muscle memory hold), then Exit last. F1–F8 press them
// in the same order, like an ATM's side buttons.
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useFunctionKeys } from '../hooks/use-function-keys.ts';
import { useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { sessionSelectors, useAtmStore } from '../store/index.ts';

export function MenuScreen() {
  const t = useT();
  const intents = useIntents();
  const transactions = useAtmStore(sessionSelectors.transactions);

  const options = [
    ...[...new Set(transactions)].map((transaction) => ({
      testId: `menu-${transaction}`,
      label: t(`transaction.${transaction}`),
      run: () => intents.chooseTransaction({ transaction }),
    })),
    { testId: 'menu-exit', label: t('menu.exit'), run: intents.finish },
  ];
  useFunctionKeys(options.map((option) => option.run));

  return (
    <ScreenLayout title={t('menu.title')} className="screen--menu">
      <div className="menu">
        {options.map((option) => (
          <button
            key={option.testId}
            type="button"
            className={option.testId === 'menu-exit' ? 'button button--exit' : 'button button--primary'}
            data-testid={option.testId}
            onClick={option.run}
          >
            {option.label}
          </button>
        ))}
      </div>
    </ScreenLayout>
  );
}
