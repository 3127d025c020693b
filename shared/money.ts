// Money is integer minor units everywhere (cents, pence); this module is the one place that knows a currency's
// exponent and turns minor units into display text. No floats ever hold an amount.
// It is free of zod so the renderer can use it without carrying the schemas.

/** ISO 4217 alphabetic code. */
export type Currency = string;

/** Minor-unit exponents for the currencies the kiosk handles; anything else is refused at the boundary. */
const CURRENCY_EXPONENT: Readonly<Record<string, number>> = { EUR: 2, USD: 2, GBP: 2, CHF: 2, JPY: 0 };

export function currencyExponent(currency: Currency): number {
  const exponent = CURRENCY_EXPONENT[currency];
  if (exponent === undefined) throw new RangeError(`unsupported currency ${currency}`);
  return exponent;
}

/**
 * Formats minor units for display with `Intl.NumberFormat`. The division happens only here, on the way to the
 * screen; the result is text and never flows back into arithmetic.
 */
export function formatMinor(amountMinor: number, currency: Currency, locale: string): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(amountMinor / 10 ** exponent);
}
