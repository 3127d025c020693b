// PIN policy: trivial PINs are refused, and anything else within the length is accepted — checked against an
// independent definition over every 4-digit PIN and random longer ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pinPolicyViolation } from '../../electron/cards/pin-policy.ts';

const POLICY = { lengthMin: 4, lengthMax: 6 };
const PAN = '4000001234567899';

/** A second, deliberately different formulation of "trivial". */
function isTrivial(pin: string, pan: string): boolean {
  const same = new Set(pin).size === 1;
  const up = '01234567890123456789'.includes(pin);
  const down = '98765432109876543210'.includes(pin);
  return same || up || down || pan.includes(pin);
}

describe('PIN policy', () => {
  it.each([
    ['1111', 'repeated_digit'],
    ['1234', 'sequence'],
    ['4321', 'sequence'],
    ['7890', 'sequence'],
    ['3210', 'sequence'],
    ['7899', 'card_digits'],
    ['123', 'length'],
    ['1234567', 'length'],
    ['12a4', 'not_digits'],
  ])('refuses %s (%s)', (pin, violation) => {
    expect(pinPolicyViolation(pin, POLICY, PAN)).toBe(violation);
  });

  it('accepts ordinary PINs', () => {
    for (const pin of ['4921', '7305', '618402', '2580']) expect(pinPolicyViolation(pin, POLICY, PAN)).toBeNull();
  });

  it('agrees with an independent definition on every 4-digit PIN', () => {
    for (let value = 0; value < 10_000; value++) {
      const pin = String(value).padStart(4, '0');
      expect(pinPolicyViolation(pin, POLICY, PAN) !== null, pin).toBe(isTrivial(pin, PAN));
    }
  });

  it('agrees on random PINs of every allowed length and random cards', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4,6}$/), fc.stringMatching(/^\d{16}$/), (pin, pan) => {
        expect(pinPolicyViolation(pin, POLICY, pan) !== null).toBe(isTrivial(pin, pan));
      }),
      { numRuns: 2_000 },
    );
  });
});
