// Provisioning a kiosk for a bank: the bank's device bundle `{deviceId, deviceSecret, cardLookupKey}` (bank/cli.ts
// `device create`) goes into the OS keychain (secret and key) and the settings (device id, URL, CA). Nothing of the
// bundle's secrets ever reaches the database, a log or the renderer.
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { deviceIdSchema, deviceSecretSchema } from '../../shared/bank-api/index.ts';
import { KioskStartupError } from '../core/kiosk-core-types.ts';
import { migrate } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';
import { type Db, openDatabase } from '../db/open-database.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { DEFAULT_BANK_SETTINGS, loadSettings, saveSettings } from '../settings/kiosk-settings.ts';

export const BANK_SECRET_NAMES = { deviceSecret: 'bank-device-secret', cardLookupKey: 'bank-card-lookup-key' } as const;

export const bankDeviceBundleSchema = z.strictObject({
  deviceId: deviceIdSchema,
  deviceSecret: deviceSecretSchema,
  cardLookupKey: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BankDeviceBundle = z.infer<typeof bankDeviceBundleSchema>;

export type BankCredentials = {
  readonly deviceSecret: string;
  /** The bank's card lookup key: cardKey = HMAC-SHA256(key, PAN). Not the kiosk's own PAN HMAC key. */
  readonly cardLookupKey: Buffer;
};

/** The card's key at the bank, computed while the card number is in the reader; only this HMAC is stored. */
export function bankCardKey(cardLookupKey: Buffer, pan: string): string {
  return createHmac('sha256', cardLookupKey).update(pan, 'utf8').digest('hex');
}

/** The bank credentials in the keychain, or null when this installation was never provisioned. */
export function loadBankCredentials(store: SecretStore): BankCredentials | null {
  const deviceSecret = store.get(BANK_SECRET_NAMES.deviceSecret);
  const lookupKey = store.get(BANK_SECRET_NAMES.cardLookupKey);
  if (deviceSecret === null || lookupKey === null) return null;
  if (!/^[0-9a-f]{64}$/.test(lookupKey) || !deviceSecretSchema.safeParse(deviceSecret).success) {
    throw new KioskStartupError(
      'DEVICE_SECRETS_MISSING',
      'The bank credentials in the OS keychain are malformed; provision the kiosk again.',
    );
  }
  return { deviceSecret, cardLookupKey: Buffer.from(lookupKey, 'hex') };
}

/** Same key and rule as the core: one installation id per data dir, created on first use. */
export function installationIdOf(db: Db): string {
  return db.transaction(() => {
    const row = db.prepare("SELECT value FROM kiosk_meta WHERE key = 'installation_id'").get() as
      { value: string } | undefined;
    if (row) return row.value;
    const id = randomUUID();
    db.prepare("INSERT INTO kiosk_meta (key, value) VALUES ('installation_id', ?)").run(id);
    return id;
  })();
}

export type ProvisionOptions = {
  readonly dataDir: string;
  readonly openSecretStore: (installationId: string) => SecretStore;
  readonly bundle: unknown;
  readonly bankUrl: string;
  /** PEM text or a PEM file path; null = the system's trust store. */
  readonly caCertificate?: string | null;
};

/**
 * Stores a bank device bundle for the kiosk on `dataDir` (run while the kiosk is stopped): the secret and the card
 * lookup key in the keychain, then the device id and bank URL in the settings. Throws on a malformed bundle or
 * settings before anything is written.
 */
export function provisionBankDevice(options: ProvisionOptions): { readonly deviceId: string } {
  const bundle = bankDeviceBundleSchema.parse(options.bundle);
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, 'kiosk.db'));
  try {
    migrate(db, migrations);
    const current = loadSettings(db);
    const next = {
      ...current,
      bank: {
        ...DEFAULT_BANK_SETTINGS,
        ...current.bank,
        url: options.bankUrl,
        deviceId: bundle.deviceId,
        caCertificate: options.caCertificate ?? current.bank.caCertificate,
      },
    };
    const store = options.openSecretStore(installationIdOf(db));
    db.transaction(() => {
      saveSettings(db, next);
      // Keychain writes last inside the transaction: a failure there leaves the settings unchanged.
      store.set(BANK_SECRET_NAMES.deviceSecret, bundle.deviceSecret);
      store.set(BANK_SECRET_NAMES.cardLookupKey, bundle.cardLookupKey);
    })();
    return { deviceId: bundle.deviceId };
  } finally {
    db.close();
  }
}
