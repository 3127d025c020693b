// A row of large toggle buttons, one per account (label and masked number). The chosen one is `aria-pressed`, so
// touch, screen readers and tests all see the same choice. Extra options (a transfer's "another customer's
// account") go in as children, built with `Choice`.
import { type ReactNode, useId } from 'react';
import type { AccountBalance } from '../../shared/ipc/session.ts';

type AccountPickerProps = {
  readonly label: string;
  readonly accounts: readonly AccountBalance[];
  readonly selectedRef: string | null;
  readonly onSelect: (accountRef: string) => void;
  /** Test ids are `<prefix><accountRef>`. */
  readonly testIdPrefix?: string;
  readonly children?: ReactNode;
};

export function AccountPicker({
  label,
  accounts,
  selectedRef,
  onSelect,
  testIdPrefix = 'account-',
  children,
}: AccountPickerProps) {
  const labelId = useId();
  return (
    <div className="picker" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="picker__label">
        {label}
      </span>
      <div className="picker__options">
        {accounts.map((account) => (
          <Choice
            key={account.accountRef}
            pressed={account.accountRef === selectedRef}
            testId={`${testIdPrefix}${account.accountRef}`}
            label={account.accountLabel}
            detail={account.maskedAccountNumber}
            onPress={() => onSelect(account.accountRef)}
          />
        ))}
        {children}
      </div>
    </div>
  );
}

type ChoiceProps = {
  /** Toggle state; leave it out for a button that opens something (an amount to type). */
  readonly pressed?: boolean;
  readonly testId: string;
  readonly label: string;
  readonly detail?: string;
  readonly onPress: () => void;
};

export function Choice({ pressed, testId, label, detail, onPress }: ChoiceProps) {
  return (
    <button type="button" className="choice" aria-pressed={pressed} data-testid={testId} onClick={onPress}>
      <span className="choice__label">{label}</span>
      {detail ? <span className="choice__detail">{detail}</span> : null}
    </button>
  );
}
