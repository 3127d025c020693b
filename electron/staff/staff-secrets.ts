// The staff key (AES-256-GCM) that seals TOTP secrets in the database, kept in the OS keychain beside the device
// secrets. A copied database alone yields neither passwords (argon2id + pepper) nor authenticator secrets.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KioskStartupError } from '../core/kiosk-core-types.ts';
import type { SecretStore } from '../secrets/secret-store.ts';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_PREFIX = 'v1:';

/** Keychain name of the staff key, for tools that remove an installation's secrets. */
export const STAFF_SECRET_NAMES: readonly string[] = ['staff-totp-key'];

/**
 * Loads the staff key, creating it only when `mayCreate` (no TOTP secret has been sealed with an earlier key).
 * A missing key with sealed secrets in the database fails closed rather than quietly disabling staff login.
 */
export function loadStaffSecretKey(store: SecretStore, mayCreate: boolean): Buffer {
  const name = STAFF_SECRET_NAMES[0] ?? 'staff-totp-key';
  const stored = store.get(name);
  if (stored !== null) {
    const key = Buffer.from(stored, 'base64');
    if (key.length !== KEY_BYTES)
      throw new KioskStartupError(
        'DEVICE_SECRETS_MISSING',
        `The device secret "${name}" in the OS keychain is malformed.`,
      );
    return key;
  }
  if (!mayCreate) {
    throw new KioskStartupError(
      'DEVICE_SECRETS_MISSING',
      `The device secret "${name}" is missing from the OS keychain, so staff authenticators cannot be checked. ` +
        'Restore the keychain, or reset every staff account.',
    );
  }
  const key = randomBytes(KEY_BYTES);
  store.set(name, key.toString('base64'));
  return key;
}

/** Seals `plain` under `key`, bound to `context` (the staff id) so a sealed value cannot be moved to another row. */
export function seal(key: Buffer, plain: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Opens a sealed value; null when it was tampered with, moved, or sealed under another key. */
export function unseal(key: Buffer, sealed: string, context: string): Buffer | null {
  if (!sealed.startsWith(SEALED_PREFIX)) return null;
  const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}
