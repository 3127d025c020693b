// A staff service on a fresh temp database with the demo bank, demo cash and demo staff; real argon2, the real OS
// keychain (device secrets and the staff key), simulated devices with an instant sleep, and a fake clock.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionState } from '../../shared/ipc/session.ts';
import type { StaffSnapshot } from '../../shared/ipc/staff.ts';
import type { Envelope } from '../../shared/ipc/envelope.ts';
import { createCardRepo } from '../../electron/cards/card-repo.ts';
import { type PinHasher, createPinHasher } from '../../electron/cards/card-secrets.ts';
import { createCassetteRepo } from '../../electron/cash/cassette-repo.ts';
import { migrate, type Migration } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { migration0080 } from '../../electron/db/migrations/0080-staff.ts';
import { type Db, openDatabase } from '../../electron/db/open-database.ts';
import { seedDemoCashIfEmpty } from '../../electron/demo/seed-demo-cash.ts';
import { seedDemoDataIfEmpty } from '../../electron/demo/seed-demo-data.ts';
import { DEMO_STAFF } from '../../electron/demo/seed-demo-staff.ts';
import { createSimulatedDispenser, type SimulatedDispenser } from '../../electron/devices/simulated-cash-dispenser.ts';
import { createSimulatedDepositAcceptor } from '../../electron/devices/simulated-deposit-acceptor.ts';
import { createJournal } from '../../electron/journal/journal.ts';
import { createLedger } from '../../electron/ledger/ledger.ts';
import { createMemoryLogger } from '../../electron/log/logger.ts';
import { DEVICE_SECRET_NAMES, loadDeviceSecrets } from '../../electron/secrets/device-secrets.ts';
import { createKeychainSecretStore } from '../../electron/secrets/secret-store.ts';
import { type KioskSettings, loadSettings, saveSettings } from '../../electron/settings/kiosk-settings.ts';
import type { BankTotalsSource } from '../../electron/staff/staff-cash.ts';
import { STAFF_SECRET_NAMES } from '../../electron/staff/staff-secrets.ts';
import { prepareStaff } from '../../electron/staff/staff-setup.ts';
import { type StaffServiceDeps, createStaffService } from '../../electron/staff/staff-service.ts';
import { secretFromBase32, totpAt } from '../../electron/staff/totp.ts';
import { createTeller } from '../../electron/transactions/teller.ts';
import { createTraceNumbers } from '../../electron/transactions/trace-numbers.ts';
import { createTransactionRepo } from '../../electron/transactions/transaction-repo.ts';
import { type FakeClock, createFakeClock } from './fake-clock.ts';
import { TEST_KEYCHAIN_SERVICE } from './kiosk-fixture.ts';

/** Migration 80 until migrations/index.ts registers it. */
export const STAFF_MIGRATIONS: readonly Migration[] = migrations.some(
  (migration) => migration.version === migration0080.version,
)
  ? migrations
  : [...migrations, migration0080];

function demoStaff(role: 'supervisor' | 'operator') {
  const found = DEMO_STAFF.find((staff) => staff.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return found;
}
export const SUPERVISOR = demoStaff('supervisor');
export const OPERATOR = demoStaff('operator');
/** New passwords tests set at first login (they pass the policy). */
export const NEW_PASSWORD = 'Correct-Lantern-Orbit-93';

/** A hasher that counts its calls, so tests can assert which paths ran argon2. */
export function countingHasher(inner: PinHasher) {
  const calls = { hash: 0, verify: 0 };
  const hasher: PinHasher = {
    hash: (value) => {
      calls.hash += 1;
      return inner.hash(value);
    },
    verify: (hash, value) => {
      calls.verify += 1;
      return inner.verify(hash, value);
    },
    needsRehash: (hash) => inner.needsRehash(hash),
  };
  return { hasher, calls };
}

export type StaffFixtureOptions = Partial<Pick<StaffServiceDeps, 'bankTotals' | 'requireDualControl' | 'sync'>> & {
  readonly bankTotals?: BankTotalsSource;
  /** An existing data dir (the kiosk core's), instead of a fresh one. */
  readonly dataDir?: string;
  readonly clock?: FakeClock;
  /** A dispenser of the test's own (e.g. one keeping its record in a state file), instead of a fresh simulator. */
  readonly dispenser?: SimulatedDispenser;
};

export async function createStaffFixture(options: StaffFixtureOptions = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'atm-staff-'));
  const db: Db = openDatabase(join(dataDir, 'kiosk.db'));
  migrate(db, STAFF_MIGRATIONS);
  const installation = db.prepare("SELECT value FROM kiosk_meta WHERE key = 'installation_id'").get() as
    { value: string } | undefined;
  const installationId = installation?.value ?? randomUUID();
  if (!installation)
    db.prepare("INSERT INTO kiosk_meta (key, value) VALUES ('installation_id', ?)").run(installationId);
  const store = createKeychainSecretStore(installationId, TEST_KEYCHAIN_SERVICE);
  const hasCards = (db.prepare('SELECT count(*) AS n FROM cards').get() as { n: number }).n > 0;
  const secrets = loadDeviceSecrets(store, !hasCards);
  const clock = options.clock ?? createFakeClock();
  const pinHasher = createPinHasher(secrets.pinPepper);
  const password = countingHasher(createPinHasher(secrets.pinPepper));
  const nowIso = new Date(clock.now()).toISOString();
  await seedDemoDataIfEmpty(db, secrets.panHmacKey, pinHasher, nowIso);
  seedDemoCashIfEmpty(db, () => clock.now());
  const { staffKey } = await prepareStaff(db, store, { mode: 'demo', passwordHasher: password.hasher, nowIso });
  password.calls.hash = 0;

  let settings: KioskSettings = loadSettings(db, { manualCardEntry: true });
  const logger = createMemoryLogger();
  const dispenser =
    options.dispenser ??
    createSimulatedDispenser({
      sleep: async () => undefined,
      dispenseMs: 0,
      takeAfterMs: 0,
      retractMs: 0,
    });
  const acceptor = createSimulatedDepositAcceptor({
    denominationsMinor: [1_000, 2_000, 5_000],
    sleep: async () => undefined,
    countMs: 0,
  });
  const journal = createJournal(db, { now: () => clock.now() });
  const kiosk = { customerState: 'idle' as SessionState, outOfServiceReason: null as string | null };
  const snapshots: StaffSnapshot[] = [];
  const ledger = createLedger(db, { now: () => clock.now() });
  const cassettes = createCassetteRepo(db);
  const cards = createCardRepo(db);
  // Standalone: the teller staff mode refunds retracts through has no bank hooks.
  const teller = createTeller({
    db,
    ledger,
    cassettes,
    journal,
    cards,
    transactions: createTransactionRepo(db),
    trace: createTraceNumbers(db),
    settings: () => settings,
    kioskId: 'KTEST01',
    now: () => clock.now(),
    sync: null,
  });

  const service = createStaffService({
    db,
    ledger,
    cassettes,
    journal,
    cards,
    pinHasher,
    passwordHasher: password.hasher,
    panHmacKey: secrets.panHmacKey,
    staffKey,
    settings: () => settings,
    saveSettings: (next) => {
      settings = saveSettings(db, next);
      return settings;
    },
    devices: { dispenser, acceptor },
    retractRefunds: teller,
    clock,
    logger,
    kioskId: 'KTEST01',
    dataDir,
    customerSessionState: () => kiosk.customerState,
    outOfServiceReason: () => kiosk.outOfServiceReason,
    setOutOfService: (reason) => {
      kiosk.outOfServiceReason = reason;
    },
    onChange: (snapshot) => snapshots.push(snapshot),
    ...(options.bankTotals ? { bankTotals: options.bankTotals } : {}),
    ...(options.requireDualControl ? { requireDualControl: options.requireDualControl } : {}),
    ...(options.sync ? { sync: options.sync } : {}),
  });

  /** The current code of a demo staff member's authenticator; moves the clock to a fresh 30 s step first. */
  const codeFor = (staff: { totpSecretBase32: string }) => {
    clock.advance(30_000);
    return totpAt(secretFromBase32(staff.totpSecretBase32), clock.now());
  };

  const value = <T>(envelope: Envelope<T>): T => {
    if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value;
  };

  /** Logs a demo staff member in and, the first time, replaces the initial password. */
  const loginAs = async (staff: (typeof DEMO_STAFF)[number], passwordText?: string) => {
    const first = passwordText === undefined;
    const snapshot = value(
      await service.handlers.login({
        staffId: staff.staffId,
        password: passwordText ?? staff.initialPassword,
        totpCode: codeFor(staff),
      }),
    );
    if (first && snapshot.session?.mustChangePassword) {
      return value(
        await service.handlers.changePassword({ currentPassword: staff.initialPassword, newPassword: NEW_PASSWORD }),
      );
    }
    return snapshot;
  };

  return {
    dataDir,
    db,
    clock,
    logger,
    journal,
    ledger,
    cassettes,
    cards,
    dispenser,
    acceptor,
    kiosk,
    snapshots,
    secrets,
    staffKey,
    passwordCalls: password.calls,
    service,
    handlers: service.handlers,
    settings: () => settings,
    codeFor,
    value,
    loginAs,
    cleanup(removeDir = options.dataDir === undefined) {
      service.dispose();
      if (db.open) db.close();
      // On a kiosk core's data dir the core fixture owns the device secrets.
      for (const name of options.dataDir === undefined
        ? [...DEVICE_SECRET_NAMES, ...STAFF_SECRET_NAMES]
        : STAFF_SECRET_NAMES)
        store.delete(name);
      if (removeDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type StaffFixture = Awaited<ReturnType<typeof createStaffFixture>>;
