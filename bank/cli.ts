// Starts the reference bank on an embedded SQLite store in a data dir (default ./.bank-data). Without --demo it
// starts empty (devices come from `device create`, customers from kiosk enrolment) with the demo-only endpoints off;
// with --demo (`npm run bank`) it seeds the demo customers (published passwords), cards and the demo kiosk device on
// first start and turns on open registration and customer deposits/withdrawals. Also the admin CLI for devices:
//   node bank/cli.ts [serve] [--demo] [--data-dir DIR] [--host 127.0.0.1] [--port 8787]
//                    [--trusted-proxies 10.0.0.1,10.0.0.2] [--[no-]open-registration] [--[no-]customer-cash-endpoints]
//                    [--hold-max-age-hours 168] [--idempotency-retention-days 30] [--notification-retention-hours 24]
//                    [--maintenance-interval-s 60] [--notification-send-interval-s 15]
//   node bank/cli.ts device create|rotate|revoke|reinstate <device-id> [--data-dir DIR]
//   node bank/cli.ts device list [--data-dir DIR]
// Environment: BANK_DEMO, BANK_OPEN_REGISTRATION, BANK_CUSTOMER_CASH_ENDPOINTS (1/true or 0/false), BANK_DATA_DIR,
// BANK_HOST, BANK_PORT, BANK_TRUSTED_PROXIES, BANK_LOG_LEVEL, BANK_HOLD_MAX_AGE_HOURS,
// BANK_IDEMPOTENCY_RETENTION_DAYS, BANK_NOTIFICATION_RETENTION_HOURS, BANK_MAINTENANCE_INTERVAL_S,
// BANK_NOTIFICATION_SEND_INTERVAL_S, and BANK_SMTP_URL + BANK_MAIL_FROM to send password-reset codes by e-mail (the
// URL may hold the SMTP password, so it is read only from the environment, never from a flag others can see in ps).
// Output goes to stdout as JSON (never through a logger), so a provisioning script can read it.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEVICE_ID_PATTERN } from '../shared/bank-api/index.ts';
import { createDeviceRegistry } from './auth/devices.ts';
import { type BankSecrets, loadOrCreateSecrets } from './auth/secrets.ts';
import {
  type BankFeatures,
  type BankLimits,
  DEFAULT_FEATURES,
  DEFAULT_LIMITS,
  DEMO_FEATURES,
  validateLimits,
} from './config.ts';
import { DEMO_CUSTOMERS, DEMO_DEVICE_ID } from './demo-data.ts';
import { mailConfigFromEnv } from './notifications/mail-config.ts';
import { buildBankServer } from './server.ts';
import { openStore } from './store/open-store.ts';

const DEFAULT_PORT = 8787;
const DEFAULT_HOST = '127.0.0.1';

function out(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** What a kiosk needs to talk to this bank: its credentials and the card lookup key (for cardKey = HMAC(PAN)). */
function provisioningBundle(deviceId: string, deviceSecret: string, secrets: BankSecrets) {
  return { deviceId, deviceSecret, cardLookupKey: Buffer.from(secrets.cardLookupKey).toString('hex') };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  // --no-open-registration etc.: a demo bank with one of its features off.
  allowNegative: true,
  options: {
    demo: { type: 'boolean' },
    'open-registration': { type: 'boolean' },
    'customer-cash-endpoints': { type: 'boolean' },
    'data-dir': { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'trusted-proxies': { type: 'string' },
    'hold-max-age-hours': { type: 'string' },
    'idempotency-retention-days': { type: 'string' },
    'notification-retention-hours': { type: 'string' },
    'maintenance-interval-s': { type: 'string' },
    'notification-send-interval-s': { type: 'string' },
  },
});

/**
 * Maintenance and mail-sender settings from flags or environment, in ms; validateLimits refuses bad values before
 * anything starts.
 */
function backgroundLimits(): Partial<BankLimits> {
  const setting = (flag: string | undefined, env: string | undefined, unitMs: number): number | undefined =>
    flag === undefined && env === undefined ? undefined : Math.round(Number(flag ?? env) * unitMs);
  const entries = {
    holdMaxAgeMs: setting(values['hold-max-age-hours'], process.env.BANK_HOLD_MAX_AGE_HOURS, 3_600_000),
    idempotencyRetentionMs: setting(
      values['idempotency-retention-days'],
      process.env.BANK_IDEMPOTENCY_RETENTION_DAYS,
      86_400_000,
    ),
    notificationRetentionMs: setting(
      values['notification-retention-hours'],
      process.env.BANK_NOTIFICATION_RETENTION_HOURS,
      3_600_000,
    ),
    maintenanceIntervalMs: setting(values['maintenance-interval-s'], process.env.BANK_MAINTENANCE_INTERVAL_S, 1_000),
    notificationSendIntervalMs: setting(
      values['notification-send-interval-s'],
      process.env.BANK_NOTIFICATION_SEND_INTERVAL_S,
      1_000,
    ),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

/** An on/off setting: the flag if given, else the environment variable (1/true, 0/false), else undefined. */
function switchSetting(flag: boolean | undefined, envName: string): boolean | undefined {
  if (flag !== undefined) return flag;
  const env = process.env[envName]?.trim().toLowerCase();
  if (env === undefined || env === '') return undefined;
  if (env === '1' || env === 'true') return true;
  if (env === '0' || env === 'false') return false;
  return fail(`${envName} must be 1, true, 0 or false.`);
}

/** Demo mode's features (DEMO_FEATURES) or none (DEFAULT_FEATURES), each overridable by its own flag or variable. */
function featureSettings(demo: boolean): BankFeatures {
  const explicit = {
    openRegistration: switchSetting(values['open-registration'], 'BANK_OPEN_REGISTRATION'),
    customerCashEndpoints: switchSetting(values['customer-cash-endpoints'], 'BANK_CUSTOMER_CASH_ENDPOINTS'),
  };
  return {
    ...(demo ? DEMO_FEATURES : DEFAULT_FEATURES),
    ...Object.fromEntries(Object.entries(explicit).filter(([, value]) => value !== undefined)),
  };
}

const dataDir = resolve(values['data-dir'] ?? process.env.BANK_DATA_DIR ?? '.bank-data');
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const secrets = loadOrCreateSecrets(join(dataDir, 'bank-secrets.json'));
const storePath = join(dataDir, 'bank.db');
const [command = 'serve', verb, deviceId] = positionals;

if (command === 'device') {
  const db = openStore(storePath);
  try {
    const devices = createDeviceRegistry(db, secrets.hmacKey, Date.now);
    if (verb === 'list') {
      out(
        devices
          .list()
          .map((device) => ({ deviceId: device.id, status: device.status, secretVersion: device.secret_version })),
      );
    } else {
      if (!deviceId || !DEVICE_ID_PATTERN.test(deviceId))
        fail('Give a device id: lower-case letters, digits and dashes, 3–64 characters.');
      if (verb === 'create') out(provisioningBundle(deviceId, devices.create(deviceId), secrets));
      else if (verb === 'rotate') out(provisioningBundle(deviceId, devices.rotate(deviceId), secrets));
      else if (verb === 'revoke') devices.setStatus(deviceId, 'revoked');
      else if (verb === 'reinstate') devices.setStatus(deviceId, 'active');
      else fail('Usage: node bank/cli.ts device create|rotate|revoke|reinstate <device-id> | device list');
    }
  } finally {
    db.close();
  }
} else if (command === 'serve') {
  // The demo seed publishes its customers' passwords (bank/README.md), so it must be asked for, never a default.
  const demo = switchSetting(values.demo, 'BANK_DEMO') ?? false;
  const features = featureSettings(demo);
  const port = Number(values.port ?? process.env.BANK_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail('Invalid port.');
  const trustedProxies = (values['trusted-proxies'] ?? process.env.BANK_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const limits = backgroundLimits();
  let mail: ReturnType<typeof mailConfigFromEnv> = null;
  try {
    validateLimits({ ...DEFAULT_LIMITS, ...limits });
    mail = mailConfigFromEnv(process.env);
  } catch (error) {
    fail((error as Error).message);
  }
  const app = await buildBankServer({
    storePath,
    secrets,
    trustedProxies,
    limits,
    mail: mail ?? undefined,
    seedDemo: demo,
    features,
    logger: { level: process.env.BANK_LOG_LEVEL ?? 'info' },
  });
  const devicesDir = join(dataDir, 'devices');
  const bundlePath = join(devicesDir, `${DEMO_DEVICE_ID}.json`);
  if (!demo) {
    // A store first started with --demo keeps its demo customers: say so rather than serve them silently.
    const countDemo = app.bank.db.prepare<string[], { n: number }>(
      `SELECT count(*) AS n FROM customers WHERE email IN (${DEMO_CUSTOMERS.map(() => '?').join(', ')})`,
    );
    if ((countDemo.get(...DEMO_CUSTOMERS.map((customer) => customer.email))?.n ?? 0) > 0) {
      app.log.warn('this store holds the demo customers, whose passwords are published: do not deploy it');
    }
  } else if (!app.bank.devices.get(DEMO_DEVICE_ID) || !existsSync(bundlePath)) {
    // The demo kiosk's provisioning bundle is written once, next to the store, readable only by this user.
    mkdirSync(devicesDir, { recursive: true, mode: 0o700 });
    const secret = app.bank.devices.get(DEMO_DEVICE_ID)
      ? app.bank.devices.rotate(DEMO_DEVICE_ID)
      : app.bank.devices.create(DEMO_DEVICE_ID);
    writeFileSync(bundlePath, `${JSON.stringify(provisioningBundle(DEMO_DEVICE_ID, secret, secrets), null, 2)}\n`, {
      mode: 0o600,
    });
    chmodSync(bundlePath, 0o600);
    app.log.info({ bundlePath }, 'demo kiosk provisioning bundle written');
  }
  const close = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  const address = await app.listen({ host: values.host ?? process.env.BANK_HOST ?? DEFAULT_HOST, port });
  app.log.info({ address, dataDir, docs: `${address}/docs`, demo, features }, 'bank listening');
} else {
  fail(`Unknown command ${command}. Commands: serve, device.`);
}
