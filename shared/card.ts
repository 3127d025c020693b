// Card-number rules shared by main and renderer: the Luhn check, masking, and track 2 parsing. The full number is
// handled only transiently; what is displayed or stored is the masked form.

/** Longest PIN any policy may set (ISO 9564 allows 4–12 digits); the active policy's range comes from main. */
export const PIN_LENGTH_MAX = 12;

/** Card numbers are 12–19 digits (ISO/IEC 7812). */
export const PAN_PATTERN = /^\d{12,19}$/;

export function luhnValid(pan: string): boolean {
  if (!PAN_PATTERN.test(pan)) return false;
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let digit = pan.charCodeAt(pan.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The only form of a card number that may be shown, logged or stored: the last four digits. */
export function maskPan(pan: string): string {
  return `•••• ${pan.slice(-4)}`;
}

export type Track2 = { readonly pan: string; readonly expiryYymm: string; readonly serviceCode: string };

/**
 * Parses ISO 7813 track 2 as a keyboard-wedge reader types it: `;PAN=YYMMSSS…?` (sentinels optional).
 * Returns null when it is not well formed, including a failed Luhn check.
 */
export function parseTrack2(raw: string): Track2 | null {
  const match = /^;?(\d{12,19})=(\d{4})(\d{3})\d*\??$/.exec(raw);
  if (!match) return null;
  const [, pan, expiryYymm, serviceCode] = match;
  if (pan === undefined || expiryYymm === undefined || serviceCode === undefined) return null;
  if (!luhnValid(pan)) return null;
  const month = Number(expiryYymm.slice(2));
  if (month < 1 || month > 12) return null;
  return { pan, expiryYymm, serviceCode };
}
