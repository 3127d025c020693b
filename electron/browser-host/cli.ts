// `npm run dev:browser`: boots the kiosk core on a data dir and serves the kiosk to Chromium on loopback.
// Prints one JSON line `{"ready":true,"url":…}` when it is up (tests read it) and the URL for a person to open.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createKioskCore, DISPENSER_STATE_FILE } from '../core/kiosk-core.ts';
import { KioskStartupError } from '../core/kiosk-core-types.ts';
import { DeviceInputError } from '../devices/device-types.ts';
import { createSimulatedDispenser, type DispenserFault } from '../devices/simulated-cash-dispenser.ts';
import { createFileLogger } from '../log/logger.ts';
import { createKeychainSecretStore } from '../secrets/secret-store.ts';
import { type KioskSettings, SettingsError } from '../settings/kiosk-settings.ts';
import { provisionBankDevice } from '../sync/provisioning.ts';
import { startBrowserHost } from './browser-host.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: process.env.ATM_DATA_DIR ?? join(repoRoot, '.data', 'kiosk') },
    port: { type: 'string', default: process.env.ATM_HOST_PORT ?? '5180' },
    mode: { type: 'string', default: 'demo' },
    // Development and e2e only (the browser host is never packaged): settings over the stored ones, and dispenser
    // faults armed in order, e.g. '[{"kind":"jam_before_present"}]'. Both are validated before use.
    settings: { type: 'string' },
    'dispenser-faults': { type: 'string' },
    // Provisioning for a bank: the device bundle printed by `node bank/cli.ts device create` (or the demo bank's
    // <data-dir>/devices/kiosk-demo-01.json) goes into the keychain, the URL and device id into the settings.
    'bank-url': { type: 'string' },
    'bank-bundle': { type: 'string' },
  },
});

const port = Number(values.port);
const mode = values.mode;
if (!Number.isInteger(port) || port < 0 || port > 65_535 || (mode !== 'demo' && mode !== 'live')) {
  process.stderr.write('usage: cli.ts [--data-dir DIR] [--port N] [--mode demo|live] [--bank-url URL --bank-bundle FILE]\n');
  process.exit(2);
}

function parseJsonOption(name: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    process.stderr.write(`--${name} must be JSON\n`);
    process.exit(2);
  }
}

const settingsOverrides = parseJsonOption('settings', values.settings) as Partial<KioskSettings> | undefined;
const dispenserFaults = parseJsonOption('dispenser-faults', values['dispenser-faults']);
if (dispenserFaults !== undefined && !Array.isArray(dispenserFaults)) {
  process.stderr.write('--dispenser-faults must be a JSON array of faults\n');
  process.exit(2);
}

const dataDir = resolve(values['data-dir']);
const logger = createFileLogger(join(dataDir, 'logs'));
if ((values['bank-url'] === undefined) !== (values['bank-bundle'] === undefined)) {
  process.stderr.write('--bank-url and --bank-bundle go together (provisioning for a bank)\n');
  process.exit(2);
}
try {
  if (values['bank-url'] !== undefined && values['bank-bundle'] !== undefined) {
    const bundle = parseJsonOption('bank-bundle', readFileSync(resolve(values['bank-bundle']), 'utf8'));
    const { deviceId } = provisionBankDevice({
      dataDir,
      openSecretStore: (installationId) => createKeychainSecretStore(installationId),
      bundle,
      bankUrl: values['bank-url'],
    });
    process.stderr.write(`Provisioned for ${values['bank-url']} as ${deviceId}\n`);
  }
  const core = await createKioskCore({
    dataDir,
    logger,
    mode,
    // The browser host is a development tool, never packaged: its live mode runs on the simulators.
    simulatedDevicesInLiveMode: true,
    version: process.env.npm_package_version ?? '0.0.0-dev',
    openSecretStore: (installationId) => createKeychainSecretStore(installationId),
    ...(settingsOverrides ? { settingsOverrides } : {}),
    ...(dispenserFaults
      ? {
          devices: {
            // The simulator checks each fault's shape and refuses a bad one (DeviceInputError) before start-up ends.
            dispenser: createSimulatedDispenser({
              dispenseMs: 400,
              takeAfterMs: 0,
              retractMs: 400,
              faults: (dispenserFaults as DispenserFault[]).map((fault) => ({ fault, mode: 'once' as const })),
              stateFile: join(dataDir, DISPENSER_STATE_FILE),
            }),
          },
        }
      : {}),
  });
  const host = await startBrowserHost({
    core,
    logger,
    port,
    rendererDir: join(repoRoot, 'dist', 'renderer'),
    shimFile: join(repoRoot, 'dist', 'browser-host', 'atm-shim.js'),
  });
  process.stdout.write(`${JSON.stringify({ ready: true, url: host.url, kioskId: core.kioskId })}\n`);
  process.stdout.write(`ATM Kiosk (browser host) for ${dataDir}\nOpen in Chromium: ${host.url}\n`);
  const stop = () => {
    void host
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (cause) {
  if (
    cause instanceof KioskStartupError ||
    cause instanceof SettingsError ||
    cause instanceof DeviceInputError ||
    (cause instanceof Error && cause.name === 'ZodError')
  ) {
    process.stderr.write(`ATM Kiosk cannot start: ${cause.message}\n`);
    process.exit(1);
  }
  throw cause;
}
