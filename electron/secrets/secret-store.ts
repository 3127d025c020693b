// Device secrets (PIN pepper, card-number HMAC key) live in the OS keychain. The core only sees this interface;
// production uses the keychain through @napi-rs/keyring and there is deliberately no file or memory fallback.
import { Entry } from '@napi-rs/keyring';
import { KioskStartupError } from '../core/kiosk-core-types.ts';

export type SecretStore = {
  /** Returns null when the secret does not exist. Throws KioskStartupError when the store cannot be reached. */
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
};

/** Keychain service name under which every kiosk secret is filed; the account is `<installationId>:<name>`. */
export const KEYCHAIN_SERVICE = 'atm-kiosk';

const UNAVAILABLE_MESSAGE =
  'The OS keychain (Secret Service, Windows Credential Manager or macOS Keychain) is not available. ' +
  'The kiosk keeps its device secrets only there and will not start without it.';

/**
 * Secrets of one installation, scoped by its installation id so two data dirs on one machine never share a pepper.
 */
export function createKeychainSecretStore(installationId: string, service = KEYCHAIN_SERVICE): SecretStore {
  // On Linux the library would otherwise fall back to the kernel keyring, which forgets everything at reboot:
  // pin the persistent Secret Service so a missing one fails closed instead.
  const entry = (name: string) => new Entry(service, `${installationId}:${name}`, { linux: { store: 'secret-service' } });
  const wrap = <T>(action: () => T): T => {
    try {
      return action();
    } catch (cause) {
      throw new KioskStartupError('SECRET_STORE_UNAVAILABLE', UNAVAILABLE_MESSAGE, { cause });
    }
  };
  return {
    get: (name) => wrap(() => entry(name).getPassword() ?? null),
    set: (name, value) =>
      wrap(() => {
        const item = entry(name);
        item.setPassword(value);
        // Some stores accept a write and drop it when no collection is unlocked: read back to fail closed.
        if (item.getPassword() !== value) throw new Error('keychain did not keep the secret');
      }),
    delete: (name) => wrap(() => void entry(name).deletePassword()),
  };
}
