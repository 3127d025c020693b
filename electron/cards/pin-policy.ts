// The PIN policy for a new PIN: digits only, within the configured length, and not trivially guessable — not all
// one digit, not a run up or down the keypad (1234, 4321, 7890), not a piece of the card's own number.

export type PinPolicy = { readonly lengthMin: number; readonly lengthMax: number };

export type PinPolicyViolation = 'length' | 'not_digits' | 'repeated_digit' | 'sequence' | 'card_digits';

/** Returns why the PIN breaks the policy, or null when it is acceptable. `pan` is used transiently and not kept. */
export function pinPolicyViolation(pin: string, policy: PinPolicy, pan: string): PinPolicyViolation | null {
  if (!/^\d+$/.test(pin)) return 'not_digits';
  if (pin.length < policy.lengthMin || pin.length > policy.lengthMax) return 'length';
  const digits = [...pin].map(Number);
  if (digits.every((digit) => digit === digits[0])) return 'repeated_digit';
  for (const step of [1, 9]) {
    // 9 is −1 modulo 10: runs down (4321, 1098) as well as up (1234, 7890).
    if (digits.every((digit, index) => index === 0 || digit === ((digits[index - 1] ?? 0) + step) % 10)) return 'sequence';
  }
  if (pan.includes(pin)) return 'card_digits';
  return null;
}
