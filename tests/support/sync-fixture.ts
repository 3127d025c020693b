// A kiosk provisioned for a real local bank (tests/support/bank-server.ts): a temp data dir, the real OS keychain
// (test service), the bank's device bundle stored through the kiosk's own provisioning path, instant simulated
// devices, and the IPC router in front of the core so tests drive it the way the renderer does.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKioskCore } from '../../electron/core/kiosk-core.ts';
import type { Clock, KioskCore, KioskCoreOptions } from '../../electron/core/kiosk-core-types.ts';
import { DEMO_ACCEPTED_DENOMINATIONS } from '../../electron/demo/seed-demo-cash.ts';
import { createSimulatedDispenser, type DispenserFault } from '../../electron/devices/simulated-cash-dispenser.ts';
import { createSimulatedDepositAcceptor } from '../../electron/devices/simulated-deposit-acceptor.ts';
import { createIpcRouter } from '../../electron/ipc/router.ts';
import { createMemoryLogger } from '../../electron/log/logger.ts';
import { DEVICE_SECRET_NAMES } from '../../electron/secrets/device-secrets.ts';
import { createKeychainSecretStore, type SecretStore } from '../../electron/secrets/secret-store.ts';
import {
  type BankSettings,
  DEFAULT_BANK_SETTINGS,
  type KioskSettings,
} from '../../electron/settings/kiosk-settings.ts';
import { BANK_SECRET_NAMES, provisionBankDevice } from '../../electron/sync/provisioning.ts';
import type { Envelope, ErrorCode, SessionSnapshot } from '../../shared/ipc/index.ts';
import { type StartedBank, startBankServer } from './bank-server.ts';
import { TEST_KEYCHAIN_SERVICE } from './kiosk-fixture.ts';

const instant = async () => {};

/** Fast sync settings for tests: short timeouts and backoff, no interval pull (tests pull when they mean to). */
export const TEST_BANK_SETTINGS: Omit<BankSettings, 'url' | 'deviceId'> = {
  ...DEFAULT_BANK_SETTINGS,
  authoriseTimeoutMs: 400,
  requestTimeoutMs: 1_500,
  retryBaseMs: 10,
  retryMaxMs: 150,
  pullIntervalMs: 3_600_000,
};

export type SyncedKiosk = {
  readonly core: KioskCore;
  readonly dataDir: string;
  readonly logger: ReturnType<typeof createMemoryLogger>;
  call(method: string, payload?: unknown): Promise<Envelope<SessionSnapshot>>;
  /** A read-only handle on the kiosk database (close it). */
  db(): Database.Database;
  /** Closes the core and starts a new one on the same data dir (a restart). */
  restart(): Promise<SyncedKiosk>;
};

export type SyncedKioskOptions = {
  readonly deviceId?: string;
  readonly bank?: Partial<BankSettings>;
  readonly settings?: Partial<KioskSettings>;
  readonly clock?: Clock;
  readonly sync?: KioskCoreOptions['sync'];
  /** Kiosk URL for the bank (default: bank.url, i.e. the fault proxy when there is one). */
  readonly url?: string;
  /** Dispenser faults armed at boot, in order, each once (armed again on restart). */
  readonly dispenserFaults?: readonly DispenserFault[];
};

export function createSyncFixture() {
  const dirs: string[] = [];
  const stores: SecretStore[] = [];
  const cores: KioskCore[] = [];
  const banks: StartedBank[] = [];

  const openSecretStore = (installationId: string) => {
    const store = createKeychainSecretStore(installationId, TEST_KEYCHAIN_SERVICE);
    stores.push(store);
    return store;
  };

  async function boot(dataDir: string, bank: StartedBank, options: SyncedKioskOptions): Promise<SyncedKiosk> {
    const deviceId = options.deviceId ?? bank.deviceId;
    const logger = createMemoryLogger();
    const acceptor = createSimulatedDepositAcceptor({
      denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS,
      sleep: instant,
    });
    const core = await createKioskCore({
      dataDir,
      logger,
      mode: 'demo',
      version: 'test',
      openSecretStore,
      ...(options.clock ? { clock: options.clock } : {}),
      devices: {
        dispenser: createSimulatedDispenser({
          sleep: instant,
          ...(options.dispenserFaults
            ? { faults: options.dispenserFaults.map((fault) => ({ fault, mode: 'once' as const })) }
            : {}),
        }),
        acceptor: Object.assign(acceptor, { denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS }),
      },
      settingsOverrides: {
        ...options.settings,
        bank: { ...TEST_BANK_SETTINGS, url: options.url ?? bank.url, deviceId, ...options.bank },
      },
      ...(options.sync ? { sync: options.sync } : {}),
    });
    cores.push(core);
    const router = createIpcRouter({
      handlers: core.handlers,
      isTrustedSender: () => true,
      logger: createMemoryLogger(),
    });
    const sender = { kind: 'browser-host', connectionId: 't', authenticated: true } as const;
    return {
      core,
      dataDir,
      logger,
      call: (method, payload = {}) =>
        router.handle(`atm:session:${method}`, payload, sender) as Promise<Envelope<SessionSnapshot>>,
      db: () => new Database(join(dataDir, 'kiosk.db'), { readonly: true }),
      async restart() {
        await core.close();
        return boot(dataDir, bank, options);
      },
    };
  }

  return {
    /** Provisions a fresh kiosk for `bank` with the bank's device bundle and starts it. */
    async start(bank: StartedBank, options: SyncedKioskOptions = {}): Promise<SyncedKiosk> {
      const dataDir = mkdtempSync(join(tmpdir(), 'atm-sync-'));
      dirs.push(dataDir);
      const deviceId = options.deviceId ?? bank.deviceId;
      provisionBankDevice({
        dataDir,
        openSecretStore,
        bankUrl: options.url ?? bank.url,
        bundle: {
          deviceId,
          deviceSecret: bank.devices[deviceId],
          cardLookupKey: Buffer.from(bank.secrets.cardLookupKey).toString('hex'),
        },
      });
      return boot(dataDir, bank, options);
    },
    /** A real bank for this test (see tests/support/bank-server.ts), closed by `cleanup`. */
    async startBank(options?: Parameters<typeof startBankServer>[0]): Promise<StartedBank> {
      const bank = await startBankServer(options);
      banks.push(bank);
      return bank;
    },
    async cleanup() {
      for (const core of cores) await core.close();
      for (const store of stores) {
        for (const name of [...DEVICE_SECRET_NAMES, ...Object.values(BANK_SECRET_NAMES)]) {
          try {
            store.delete(name);
          } catch {
            // already gone
          }
        }
      }
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      for (const bank of banks.splice(0)) await bank.close();
    },
  };
}

export function value(envelope: Envelope<SessionSnapshot>): SessionSnapshot {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}`);
  return envelope.value;
}

export function refusalOf(envelope: Envelope<SessionSnapshot>): ErrorCode | null {
  return envelope.ok ? null : envelope.error.code;
}

export const CARDS = {
  ana: { demoCardId: 'ana', pan: '4000001234567899', pin: '4921', checking: '10000001', savings: '10000002' },
  ben: { demoCardId: 'ben', pan: '4000002345678906', pin: '7305', checking: '20000001' },
  chloe: { demoCardId: 'chloe', pan: '4000004567890128', pin: '618402', checking: '30000001' },
} as const;

/** Card in, PIN; returns the PIN step's envelope. The session must be idle. */
export async function signIn(
  kiosk: SyncedKiosk,
  card: { demoCardId: string; pin: string },
): Promise<Envelope<SessionSnapshot>> {
  value(await kiosk.call('insertCard', { source: 'demo', demoCardId: card.demoCardId }));
  return kiosk.call('submitPin', { pin: card.pin });
}

/** A whole withdrawal from the menu: amount, card taken, cash taken. Returns null or the refusal code. */
export async function withdraw(kiosk: SyncedKiosk, amountMinor: number, accountRef = 'a1'): Promise<ErrorCode | null> {
  value(await kiosk.call('chooseTransaction', { transaction: 'withdrawal' }));
  const selected = await kiosk.call('selectWithdrawal', { amountMinor, accountRef });
  if (!selected.ok) {
    await kiosk.call('backToMenu');
    return selected.error.code;
  }
  value(await kiosk.call('cardTaken'));
  value(await kiosk.call('cashTaken'));
  return null;
}

/** A deposit from the menu, then back to the menu. Returns null or the refusal code. */
export async function deposit(
  kiosk: SyncedKiosk,
  notes: { denominationMinor: number; count: number }[],
  accountRef = 'a1',
): Promise<ErrorCode | null> {
  value(await kiosk.call('chooseTransaction', { transaction: 'deposit' }));
  const result = await kiosk.call('submitDeposit', { accountRef, notes });
  if (!result.ok) return result.error.code;
  value(await kiosk.call('backToMenu'));
  return null;
}

/** Ends whatever session there is (card returned) so the next insert starts from idle. */
export function endSession(kiosk: SyncedKiosk): void {
  kiosk.core.resetSession('test');
}

/** The kiosk's posted balance of an account (credit-normal), from its own ledger. */
export function kioskBalance(kiosk: SyncedKiosk, accountNumber: string): number {
  const db = kiosk.db();
  try {
    const row = db
      .prepare('SELECT credits_posted_minor - debits_posted_minor AS balance FROM accounts WHERE account_number = ?')
      .get(accountNumber) as { balance: number };
    return row.balance;
  } finally {
    db.close();
  }
}

/** The bank's posted balance of an account, read from its SQLite file. */
export function bankBalance(bank: StartedBank, accountNumber: string): number {
  const db = new Database(join(bank.dataDir, 'bank.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT * FROM accounts WHERE account_number = ?').get(accountNumber) as Record<
      string,
      number
    >;
    return (row.credits_posted_minor ?? 0) - (row.debits_posted_minor ?? 0);
  } finally {
    db.close();
  }
}

/** Rows of the bank's transfers table for a device (read-only). */
export function bankTransfers(
  bank: StartedBank,
  deviceId: string,
): { id: string; kind: string; code: string; amount_minor: number; pending_id: string | null }[] {
  const db = new Database(join(bank.dataDir, 'bank.db'), { readonly: true });
  try {
    return db
      .prepare('SELECT id, kind, code, amount_minor, pending_id FROM transfers WHERE device_id = ? ORDER BY rowid')
      .all(deviceId) as { id: string; kind: string; code: string; amount_minor: number; pending_id: string | null }[];
  } finally {
    db.close();
  }
}

/** Waits (polling, bounded) until `check` holds; for background work such as the drain. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  stepMs = 20,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
