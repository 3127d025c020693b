// Starts the real kiosk core on a fresh temp data dir with the real OS keychain (scoped to that installation) and
// removes both afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKioskCore } from '../../electron/core/kiosk-core.ts';
import type { Clock, KioskCore, KioskCoreOptions } from '../../electron/core/kiosk-core-types.ts';
import { createFileLogger, createMemoryLogger } from '../../electron/log/logger.ts';
import { DEVICE_SECRET_NAMES } from '../../electron/secrets/device-secrets.ts';
import { createKeychainSecretStore, type SecretStore } from '../../electron/secrets/secret-store.ts';

/** What a test may add to the core's options: device simulators with faults, settings, a receipt printer, a log file. */
export type FixtureExtras = Pick<KioskCoreOptions, 'devices' | 'settingsOverrides' | 'receiptPrinter'> & {
  readonly fileLog?: boolean;
  /** Demo unless a test needs a live kiosk (no demo staff, cards or customers). */
  readonly mode?: KioskCoreOptions['mode'];
};

export type CoreFixture = {
  readonly dataDir: string;
  readonly logger: ReturnType<typeof createMemoryLogger>;
  start(clock?: Clock, extra?: FixtureExtras): Promise<KioskCore>;
  cleanup(): Promise<void>;
};

/** Keychain service used by tests, so they never touch a real kiosk's entries on a developer's machine. */
export const TEST_KEYCHAIN_SERVICE = 'atm-kiosk-test';

export function createCoreFixture(): CoreFixture {
  const dataDir = mkdtempSync(join(tmpdir(), 'atm-core-'));
  const logger = createMemoryLogger();
  const stores: SecretStore[] = [];
  const cores: KioskCore[] = [];
  return {
    dataDir,
    logger,
    async start(clock, extra = {}) {
      const core = await createKioskCore({
        dataDir,
        logger: extra.fileLog ? createFileLogger(join(dataDir, 'logs')) : logger,
        ...(extra.devices ? { devices: extra.devices } : {}),
        ...(extra.settingsOverrides ? { settingsOverrides: extra.settingsOverrides } : {}),
        ...(extra.receiptPrinter ? { receiptPrinter: extra.receiptPrinter } : {}),
        mode: extra.mode ?? 'demo',
        version: 'test',
        ...(clock ? { clock } : {}),
        openSecretStore: (installationId) => {
          const store = createKeychainSecretStore(installationId, TEST_KEYCHAIN_SERVICE);
          stores.push(store);
          return store;
        },
      });
      cores.push(core);
      return core;
    },
    async cleanup() {
      for (const core of cores) await core.close();
      for (const store of stores) for (const name of DEVICE_SECRET_NAMES) store.delete(name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
