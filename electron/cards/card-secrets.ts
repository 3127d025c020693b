// Card number → lookup key, and PIN → argon2id hash. The card number is keyed-hashed so the database never holds
// it; the PIN is hashed with the keychain pepper as argon2's secret so a copied database cannot be brute-forced.
import argon2 from 'argon2';
import { createHmac } from 'node:crypto';

/**
 * argon2id cost, measured on a 2-core kiosk: 64 MiB, 2 passes, 2 lanes verifies in ~76 ms (p50); 3 passes was
 * ~97 ms, too close to the 100 ms budget under load. `npm run bench` reports the current figure.
 */
export const PIN_HASH_PARAMS = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 2, parallelism: 2 } as const;

export function panLookupKey(panHmacKey: Buffer, pan: string): string {
  return createHmac('sha256', panHmacKey).update(pan, 'utf8').digest('hex');
}

export type PinHasher = {
  hash(pin: string): Promise<string>;
  verify(pinHash: string, pin: string): Promise<boolean>;
  /** True when the stored hash uses weaker parameters than the current ones (rehash after a good verify). */
  needsRehash(pinHash: string): boolean;
};

export function createPinHasher(pinPepper: Buffer): PinHasher {
  return {
    hash: (pin) => argon2.hash(pin, { ...PIN_HASH_PARAMS, secret: pinPepper }),
    verify: async (pinHash, pin) => {
      try {
        return await argon2.verify(pinHash, pin, { secret: pinPepper });
      } catch {
        // A malformed stored hash verifies nothing.
        return false;
      }
    },
    needsRehash: (pinHash) => argon2.needsRehash(pinHash, PIN_HASH_PARAMS),
  };
}
