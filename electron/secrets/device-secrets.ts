// The two device secrets and how they come to be: created once, for a new installation, in the OS keychain; after
// that only read. A database that has cards but whose secrets are gone cannot verify a PIN, so it fails closed.
import { randomBytes } from 'node:crypto';
import { KioskStartupError } from '../core/kiosk-core-types.ts';
import type { SecretStore } from './secret-store.ts';

export type DeviceSecrets = {
  /** argon2's `secret` input for every PIN hash: a stolen database alone cannot be brute-forced. */
  readonly pinPepper: Buffer;
  /** HMAC key that turns a card number into its lookup key. */
  readonly panHmacKey: Buffer;
};

const SECRET_BYTES = 32;
const NAMES = { pinPepper: 'pin-pepper', panHmacKey: 'pan-hmac-key' } as const;

/**
 * Loads the device secrets, creating them only when `mayCreate` (no card has been hashed with earlier secrets).
 */
export function loadDeviceSecrets(store: SecretStore, mayCreate: boolean): DeviceSecrets {
  const load = (name: string): Buffer => {
    const stored = store.get(name);
    if (stored !== null) {
      const bytes = Buffer.from(stored, 'base64');
      if (bytes.length !== SECRET_BYTES) {
        throw new KioskStartupError('DEVICE_SECRETS_MISSING', `The device secret "${name}" in the OS keychain is malformed.`);
      }
      return bytes;
    }
    if (!mayCreate) {
      throw new KioskStartupError(
        'DEVICE_SECRETS_MISSING',
        `The device secret "${name}" is missing from the OS keychain, so cards and PINs on this kiosk cannot be ` +
          'verified. Restore the keychain or re-enrol the kiosk.',
      );
    }
    const created = randomBytes(SECRET_BYTES);
    store.set(name, created.toString('base64'));
    return created;
  };
  return { pinPepper: load(NAMES.pinPepper), panHmacKey: load(NAMES.panHmacKey) };
}

/** Names of the secrets in the store, for tools that must remove an installation's secrets. */
export const DEVICE_SECRET_NAMES: readonly string[] = Object.values(NAMES);
