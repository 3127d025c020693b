// Display formatting in the session's language: money through shared/money.ts (integer minor units in, text out)
// and main's ISO timestamps through Intl.DateTimeFormat. A value that cannot be formatted shows a placeholder
// rather than blanking the screen.
import { useMemo } from 'react';
import { formatMinor } from '../../shared/money.ts';
import { useLocale, useT } from './index.ts';

export type Formatters = {
  readonly money: (amountMinor: number, currency: string) => string;
  /** With an explicit `+` for money coming in, as statements show it. */
  readonly signedMoney: (amountMinor: number, currency: string) => string;
  readonly date: (iso: string) => string;
  readonly dateTime: (iso: string) => string;
};

export function useFormat(): Formatters {
  const t = useT();
  const locale = useLocale();
  return useMemo(() => {
    const money = (amountMinor: number, currency: string) => {
      // formatMinor refuses currencies it has no exponent for; one odd amount must not blank the whole screen.
      try {
        return formatMinor(amountMinor, currency, locale);
      } catch {
        return t('common.amountUnavailable');
      }
    };
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
    const timestamp = (format: Intl.DateTimeFormat) => (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
    return {
      money,
      signedMoney: (amountMinor, currency) => (amountMinor > 0 ? '+' : '') + money(amountMinor, currency),
      date: timestamp(dateFormat),
      dateTime: timestamp(dateTimeFormat),
    };
  }, [t, locale]);
}
