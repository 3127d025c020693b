// argon2id for customer passwords and card PINs, with the bank's pepper as argon2's secret. Production parameters
// are the defaults; tests inject cheaper ones through BankServerOptions.hashing (still real argon2id).
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

export type HashParams = { readonly memoryCost: number; readonly timeCost: number; readonly parallelism: number };

/** OWASP's strongest listed argon2id row (m = 46 MiB class) raised to 64 MiB, t = 3: ~150 ms on a 2-core server. */
export const PASSWORD_HASH_PARAMS: HashParams = { memoryCost: 65_536, timeCost: 3, parallelism: 1 };
/** Same as the kiosk's PIN_HASH_PARAMS (electron/cards/card-secrets.ts), so a hash means the same on both ends. */
export const PIN_HASH_PARAMS: HashParams = { memoryCost: 65_536, timeCost: 2, parallelism: 2 };

export type Hasher = {
  hash(secret: string): Promise<string>;
  verify(hash: string, secret: string): Promise<boolean>;
};

export function createHasher(pepper: Uint8Array, params: HashParams): Hasher {
  const secret = Buffer.from(pepper);
  return {
    hash: (value) => argon2.hash(value, { type: argon2.argon2id, ...params, secret }),
    verify: async (hash, value) => {
      try {
        return await argon2.verify(hash, value, { secret });
      } catch {
        return false;
      }
    },
  };
}

/**
 * A real argon2id hash of 32 random bytes nobody keeps: the PIN record of a card whose PIN lives only at the kiosk
 * that enrolled it (kiosk enrolment). No PIN verifies against it at the bank.
 */
export function lockedPinHash(): Promise<string> {
  return argon2.hash(randomBytes(32), { type: argon2.argon2id, ...PIN_HASH_PARAMS });
}
