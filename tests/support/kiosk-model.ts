// A kiosk for model-based tests: the real core (SQLite, argon2, the real OS keychain) with instant simulated devices
// the test injects faults into, a fake clock, a read-only handle on the database for the invariants, and crash-reopen
// (close the core, start a new one on the same data dir with fresh devices and a clock that continues from the old
// time). The demo bank is seeded once into a template data dir and copied per kiosk, so a property run pays for
// the argon2 seeding once rather than once per run; every copy shares the template's installation id, hence its
// device secrets in the (real) keychain, which `cleanup` deletes.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKioskCore, DATABASE_FILE } from '../../electron/core/kiosk-core.ts';
import type { KioskCore } from '../../electron/core/kiosk-core-types.ts';
import { DEMO_ACCEPTED_DENOMINATIONS } from '../../electron/demo/seed-demo-cash.ts';
import type { Sleep } from '../../electron/devices/device-types.ts';
import { createSimulatedDispenser, type SimulatedDispenser } from '../../electron/devices/simulated-cash-dispenser.ts';
import {
  createSimulatedDepositAcceptor,
  type SimulatedAcceptor,
} from '../../electron/devices/simulated-deposit-acceptor.ts';
import { createMemoryLogger } from '../../electron/log/logger.ts';
import { DEVICE_SECRET_NAMES } from '../../electron/secrets/device-secrets.ts';
import { createKeychainSecretStore, type SecretStore } from '../../electron/secrets/secret-store.ts';
import type { KioskSettings } from '../../electron/settings/kiosk-settings.ts';
import { createFakeClock, type FakeClock } from './fake-clock.ts';
import { TEST_KEYCHAIN_SERVICE } from './kiosk-fixture.ts';

const instant: Sleep = async () => {};

/** Lets promise chains the core started without awaiting them (timeouts, a session reset) run to their end. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 3; round++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export type ModelKiosk = {
  readonly dataDir: string;
  core: KioskCore;
  clock: FakeClock;
  dispenser: SimulatedDispenser;
  acceptor: SimulatedAcceptor;
  /** Read-only handle on kiosk.db: sees every committed change of the core, can change nothing. */
  readonly db: Database.Database;
  /** Closes the core without ending its session (a crash as far as the data is concerned) and starts a new one. */
  reopen(): Promise<void>;
  close(): Promise<void>;
};

export type KioskTemplate = {
  /** A kiosk on a fresh copy of the seeded data; `dispenserSleep` replaces the first dispenser's instant sleep. */
  newKiosk(
    settingsOverrides: Partial<KioskSettings>,
    options?: { readonly dispenserSleep?: Sleep },
  ): Promise<ModelKiosk>;
  cleanup(): void;
};

export async function createKioskTemplate(startMs?: number): Promise<KioskTemplate> {
  const templateDir = mkdtempSync(join(tmpdir(), 'atm-model-template-'));
  const dirs = [templateDir];
  const stores = new Map<string, SecretStore>();
  // The keychain is read through once per secret and remembered: every copy shares the template's installation id,
  // and each keychain call of @napi-rs/keyring holds a D-Bus socket until the garbage collector frees its Entry, so a
  // few hundred core starts in one process could pass 1 024 descriptors, where the binding's select() spins for ever.
  const remembered = new Map<string, string | null>();
  const openSecretStore = (installationId: string): SecretStore => {
    const store = stores.get(installationId) ?? createKeychainSecretStore(installationId, TEST_KEYCHAIN_SERVICE);
    stores.set(installationId, store);
    const key = (name: string) => `${installationId}:${name}`;
    return {
      get(name) {
        if (!remembered.has(key(name))) remembered.set(key(name), store.get(name));
        return remembered.get(key(name)) ?? null;
      },
      set(name, value) {
        store.set(name, value);
        remembered.set(key(name), value);
      },
      delete(name) {
        store.delete(name);
        remembered.delete(key(name));
      },
    };
  };
  const logger = createMemoryLogger();
  // Seeds the demo bank and cassettes; closing checkpoints the WAL into kiosk.db.
  await (
    await createKioskCore({
      dataDir: templateDir,
      logger,
      mode: 'demo',
      version: 'test',
      clock: createFakeClock(startMs),
      openSecretStore,
    })
  ).close();

  const startCore = async (
    dataDir: string,
    clock: FakeClock,
    settingsOverrides: Partial<KioskSettings>,
    dispenserSleep: Sleep = instant,
  ) => {
    const dispenser = createSimulatedDispenser({ sleep: dispenserSleep });
    const acceptor = createSimulatedDepositAcceptor({
      denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS,
      sleep: instant,
    });
    const core = await createKioskCore({
      dataDir,
      logger,
      mode: 'demo',
      version: 'test',
      clock,
      openSecretStore,
      settingsOverrides,
      devices: { dispenser, acceptor: Object.assign(acceptor, { denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS }) },
    });
    return { core, dispenser, acceptor };
  };

  return {
    async newKiosk(settingsOverrides, options = {}) {
      const dataDir = mkdtempSync(join(tmpdir(), 'atm-model-'));
      dirs.push(dataDir); // removed by close(), or by cleanup() if a run never got that far
      for (const suffix of ['', '-wal', '-shm']) {
        const from = join(templateDir, DATABASE_FILE + suffix);
        if (existsSync(from)) copyFileSync(from, join(dataDir, DATABASE_FILE + suffix));
      }
      const clock = createFakeClock(startMs);
      const started = await startCore(dataDir, clock, settingsOverrides, options.dispenserSleep);
      const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
      const kiosk: ModelKiosk = {
        dataDir,
        ...started,
        clock,
        db,
        async reopen() {
          await kiosk.core.close();
          const next = createFakeClock(kiosk.clock.now());
          Object.assign(kiosk, await startCore(dataDir, next, settingsOverrides), { clock: next });
        },
        async close() {
          await kiosk.core.close();
          if (db.open) db.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
      return kiosk;
    },
    cleanup() {
      for (const store of stores.values()) for (const name of DEVICE_SECRET_NAMES) store.delete(name);
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
