// An amount typed on the keypad, handed on in integer minor units. Whole units (cash: 120 → 12000 for EUR) or
// minor units filling from the right as on a till (transfers: 1234 → 12.34). The exponent comes from
// shared/money.ts; an amount in a currency it does not know can be typed but not submitted.
import type { ReactNode } from 'react';
import { currencyExponent } from '../../shared/money.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.ts';
import { NumberEntry } from './NumberEntry.tsx';

/** The contract's bound for an amount (`AmountSchema` in shared/ipc/session.ts), in minor units. */
const AMOUNT_MINOR_MAX = 100_000_000;

function minorPerTypedUnit(currency: string, wholeUnits: boolean): number | null {
  try {
    return wholeUnits ? 10 ** currencyExponent(currency) : 1;
  } catch {
    return null;
  }
}

type AmountEntryProps = {
  readonly title: string;
  readonly hint: string;
  readonly currency: string;
  readonly wholeUnits: boolean;
  readonly initialMinor?: number | null;
  readonly onSubmit: (amountMinor: number) => void;
  readonly onCancel: () => void;
  readonly children?: ReactNode;
};

export function AmountEntry({
  title,
  hint,
  currency,
  wholeUnits,
  initialMinor,
  onSubmit,
  onCancel,
  children,
}: AmountEntryProps) {
  const t = useT();
  const format = useFormat();
  const scale = minorPerTypedUnit(currency, wholeUnits);
  const toMinor = (digits: string) => (scale === null ? 0 : Number(digits) * scale);
  const initialDigits =
    scale !== null && initialMinor && initialMinor % scale === 0 ? String(initialMinor / scale) : undefined;

  return (
    <NumberEntry
      title={title}
      hint={hint}
      label={t('amount.label')}
      testId="amount-display"
      initialDigits={initialDigits}
      accept={(next) => !next.startsWith('0') && toMinor(next) <= AMOUNT_MINOR_MAX}
      canSubmit={(digits) => scale !== null && toMinor(digits) > 0}
      display={(digits) => (scale === null ? digits : format.money(toMinor(digits), currency))}
      onSubmit={(digits) => onSubmit(toMinor(digits))}
      onCancel={onCancel}
    >
      {children}
    </NumberEntry>
  );
}
