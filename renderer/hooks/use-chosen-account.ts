// Which of the card's accounts a picker shows as chosen: the one the customer last picked this session if main
// still lists it, else the first. The choice is only a default for the next intent; main validates every ref.
import type { AccountBalance } from '../../shared/ipc/session.ts';
import { uiSelectors, useAtmStore } from '../store/index.ts';

export function useChosenAccount(
  accounts: readonly AccountBalance[],
): readonly [AccountBalance | null, (accountRef: string) => void] {
  const preferred = useAtmStore(uiSelectors.accountRef);
  const chooseAccount = useAtmStore((s) => s.chooseAccount);
  const chosen = accounts.find((account) => account.accountRef === preferred) ?? accounts[0] ?? null;
  return [chosen, chooseAccount];
}
