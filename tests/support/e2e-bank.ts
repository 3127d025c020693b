// A reference bank for end-to-end tests that can go away and come back: real SQLite in a temp dir, real argon2 (test
// costs), one registered device, on 127.0.0.1. `stop()` closes the server but keeps its store, port and secrets;
// `start()` brings it back on the same port and data, so a kiosk pointed at it (and its cached device token) works
// again without being told. Also provisions a browser-host kiosk for it the way the host itself would.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HashParams } from '../../bank/auth/hashing.ts';
import { type BankSecrets, generateSecrets } from '../../bank/auth/secrets.ts';
import { type BankServer, buildBankServer } from '../../bank/server.ts';
import { DEVICE_SECRET_NAMES } from '../../electron/secrets/device-secrets.ts';
import { createKeychainSecretStore, KEYCHAIN_SERVICE } from '../../electron/secrets/secret-store.ts';
import { type BankSettings, DEFAULT_BANK_SETTINGS } from '../../electron/settings/kiosk-settings.ts';
import { STAFF_SECRET_NAMES } from '../../electron/staff/staff-secrets.ts';
import { BANK_SECRET_NAMES, type BankDeviceBundle, provisionBankDevice } from '../../electron/sync/provisioning.ts';
import type { z } from 'zod';
import type { balanceSchema } from '../../shared/bank-api/customer.ts';
import { createBankClient, customerLogin } from './bank-client.ts';

/**
 * Real argon2id at the cost tests/support/bank-server.ts uses (not imported from there: that module does not compile
 * under the e2e project's DOM lib, whose fetch refuses a Buffer body).
 */
const E2E_HASH_PARAMS: HashParams = { memoryCost: 4_096, timeCost: 1, parallelism: 1 };

export type BankBalance = z.infer<typeof balanceSchema>;

export type BankTransferRow = {
  readonly id: string;
  readonly kind: 'single' | 'pending' | 'post_pending' | 'void_pending';
  readonly code: string;
  readonly origin: 'online' | 'stand_in' | 'customer' | 'seed';
  readonly amount_minor: number;
  readonly pending_id: string | null;
};

export type E2eBank = {
  /** Stays the same across stop/start. */
  readonly url: string;
  readonly deviceId: string;
  readonly dataDir: string;
  /** What `node bank/cli.ts device create` prints for this device: the kiosk's provisioning input. */
  readonly bundle: BankDeviceBundle;
  /** Closes the server (the kiosk then gets connection refused); the store and port are kept for `start`. */
  stop(): Promise<void>;
  /** Listens again on the same port with the same store and secrets. */
  start(): Promise<void>;
  /** Every transfer the bank booked for its device, oldest first, from its store opened read-only. */
  transfers(): BankTransferRow[];
  /** A demo customer's balance through the customer API (the bank must be running). */
  balance(customer: { email: string; password: string }, accountNumber: string): Promise<BankBalance>;
  /** Stops the bank and removes its data dir. */
  close(): Promise<void>;
};

export async function startE2eBank(options: { readonly deviceId?: string } = {}): Promise<E2eBank> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atm-e2e-bank-'));
  const storePath = join(dataDir, 'bank.db');
  const secrets: BankSecrets = generateSecrets();
  const deviceId = options.deviceId ?? 'kiosk-e2e-01';

  const build = () =>
    buildBankServer({
      storePath,
      secrets,
      seedDemo: true,
      hashing: { password: E2E_HASH_PARAMS, pin: E2E_HASH_PARAMS },
      logger: false,
    });

  let server: BankServer | null = await build();
  const deviceSecret = server.bank.devices.create(deviceId);
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  const port = Number(new URL(url).port);

  const stop = async () => {
    const running = server;
    server = null;
    await running?.close();
  };

  return {
    url,
    deviceId,
    dataDir,
    bundle: { deviceId, deviceSecret, cardLookupKey: Buffer.from(secrets.cardLookupKey).toString('hex') },
    stop,
    async start() {
      if (server) return;
      const next = await build();
      try {
        await next.listen({ host: '127.0.0.1', port });
      } catch (cause) {
        await next.close();
        throw cause;
      }
      server = next;
    },
    transfers() {
      const db = new Database(storePath, { readonly: true, fileMustExist: true });
      try {
        return db
          .prepare<[string], BankTransferRow>(
            'SELECT id, kind, code, origin, amount_minor, pending_id FROM transfers WHERE device_id = ? ORDER BY seq',
          )
          .all(deviceId);
      } finally {
        db.close();
      }
    },
    async balance(customer, accountNumber) {
      const client = createBankClient(url);
      const login = await customerLogin(client, customer.email, customer.password);
      const response = await client.get<BankBalance>(`/v1/accounts/${accountNumber}/balance`, {
        token: login.accessToken,
      });
      if (response.status !== 200) throw new Error(`balance of ${accountNumber}: ${response.status}`);
      return response.body;
    },
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Bank settings for a kiosk under test: the bank's URL and device, quick timeouts and retries, and a pull every
 * second so the kiosk notices the bank going and coming back without a customer having to ask. `settings.bank` is
 * replaced as a whole by a settings override, so this is the full object.
 */
export function e2eBankSettings(bank: E2eBank, overrides: Partial<BankSettings> = {}): BankSettings {
  return {
    ...DEFAULT_BANK_SETTINGS,
    url: bank.url,
    deviceId: bank.deviceId,
    authoriseTimeoutMs: 1_000,
    requestTimeoutMs: 2_000,
    retryBaseMs: 50,
    retryMaxMs: 500,
    pullIntervalMs: 1_000,
    ...overrides,
  };
}

export type ProvisionedKiosk = {
  readonly installationId: string;
  /** Removes this installation's entries from the keychain (run after the host has stopped). */
  forget(): void;
};

/**
 * Provisions the kiosk on `dataDir` for `bank` before the browser host first starts there, exactly as
 * `cli.ts --bank-url … --bank-bundle …` would: the device secret and card lookup key go into the OS keychain under the
 * host's own service name (KEYCHAIN_SERVICE, which the host does not let anyone change) and account
 * `<installationId>:<name>`, the URL and device id into the stored settings. The installation id is a fresh UUID kept
 * in this data dir's database, so kiosks of concurrent tests never see each other's entries.
 */
export function provisionKioskForBank(dataDir: string, bank: E2eBank): ProvisionedKiosk {
  let installationId: string | null = null;
  provisionBankDevice({
    dataDir,
    openSecretStore: (id) => {
      installationId = id;
      return createKeychainSecretStore(id, KEYCHAIN_SERVICE);
    },
    bundle: bank.bundle,
    bankUrl: bank.url,
  });
  if (installationId === null) throw new Error('provisioning did not open the secret store');
  const id: string = installationId;
  return {
    installationId: id,
    forget() {
      const store = createKeychainSecretStore(id, KEYCHAIN_SERVICE);
      for (const name of [...Object.values(BANK_SECRET_NAMES), ...DEVICE_SECRET_NAMES, ...STAFF_SECRET_NAMES]) {
        try {
          store.delete(name);
        } catch {
          // never created (or already gone)
        }
      }
    },
  };
}

export type KioskSyncState = {
  /** The bank's changes-feed cursor the kiosk has applied: above 0 once a pull has reached the bank. */
  readonly changesCursor: number;
  /** Outbox rows still to go to the bank (pending, or held while an authorisation is in flight). */
  readonly open: number;
  /** Outbox rows the bank refused, waiting for staff. */
  readonly parked: number;
  /** Stand-in withdrawals by state (held, queued, forwarded, voided, declined). */
  readonly standIns: Readonly<Record<string, number>>;
};

/** The kiosk's side of the sync, from its database opened read-only while the host runs. */
export function kioskSyncState(kioskDataDir: string): KioskSyncState {
  const db = new Database(join(kioskDataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    const cursor = db
      .prepare<[], { changes_cursor: number }>('SELECT changes_cursor FROM sync_state WHERE id = 1')
      .get();
    const byStatus = db
      .prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM sync_outbox GROUP BY status')
      .all();
    const count = (...statuses: string[]) =>
      byStatus.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row.n, 0);
    const standIns = db
      .prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM sync_stand_ins GROUP BY state')
      .all();
    return {
      changesCursor: cursor?.changes_cursor ?? 0,
      open: count('pending', 'held'),
      parked: count('parked'),
      standIns: Object.fromEntries(standIns.map((row) => [row.state, row.n])),
    };
  } finally {
    db.close();
  }
}
