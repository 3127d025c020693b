// The kiosk core's outward shape: what the Electron shell and the browser host get from `createKioskCore`. The core
// imports nothing from `electron`; it takes its dependencies (data dir, secret store, clock) as parameters.
import type { EventName, EventPayload } from '../../shared/ipc/index.ts';
import type { HandlerTable } from '../ipc/router.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { CashDispenser } from '../devices/cash-dispenser.ts';
import type { DepositAcceptor } from '../devices/deposit-acceptor.ts';
import type { ReceiptPrinter } from '../devices/receipt-printer.ts';
import type { KioskSettings } from '../settings/kiosk-settings.ts';
import type { BankTransport } from '../sync/bank-transport.ts';
import type { SyncEngine, QueueLimits } from '../sync/sync-engine.ts';

export type Clock = {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export type KioskCoreOptions = {
  /** Holds kiosk.db and logs/. Created when missing. */
  readonly dataDir: string;
  /** Opens the device-secret store for this installation (the OS keychain in production and in tests). */
  readonly openSecretStore: (installationId: string) => SecretStore;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** `demo` seeds the demo customers into an empty database and enables the simulated card reader. */
  readonly mode: 'demo' | 'live';
  readonly version: string;
  /**
   * Device drivers; the simulators when absent. A live kiosk without both drivers serves no customer (out of service),
   * unless `simulatedDevicesInLiveMode` says this is a development run.
   */
  readonly devices?: {
    readonly dispenser?: CashDispenser;
    readonly acceptor?: DepositAcceptor & { readonly denominationsMinor: readonly number[] };
  };
  /** Development only (the browser host, an unpackaged Electron run): a live kiosk may run on the simulators. */
  readonly simulatedDevicesInLiveMode?: boolean;
  /** Settings over the stored ones (tests, command-line). */
  readonly settingsOverrides?: Partial<KioskSettings>;
  /**
   * Where receipts go: a printer, or a factory given the configured printer name (settings) and the receipts folder
   * (the Electron shell's, which prints through Chromium). By default each receipt is saved as a PDF under
   * `<dataDir>/receipts`.
   */
  readonly receiptPrinter?: ReceiptPrinter | ((printerName: string | null, receiptsDir: string) => ReceiptPrinter);
  /** Bank sync seams (used only when settings.bank.url is set): transport, jitter source, queue limits, batching. */
  readonly sync?: {
    readonly transport?: BankTransport;
    readonly random?: () => number;
    readonly queueLimits?: QueueLimits;
    readonly batching?: boolean;
  };
};

/** What staff screens and tools get of the sync engine (all bounded lists; nothing here moves money). */
export type KioskSyncControl = Pick<
  SyncEngine,
  | 'status'
  | 'drainNow'
  | 'pullNow'
  | 'listParked'
  | 'retryParked'
  | 'discardParked'
  | 'listExceptions'
  | 'resolveException'
  | 'idle'
  | 'nextAttemptAtMs'
>;

export type KioskCore = {
  readonly kioskId: string;
  readonly handlers: HandlerTable;
  /** Bank sync status and staff actions (a standalone kiosk reports mode `standalone` and an empty queue). */
  readonly sync: KioskSyncControl;
  /** Events main pushes to the renderer (session snapshots, status). Returns unsubscribe. */
  subscribe(listener: CoreEventListener): () => void;
  /** Ends any session (card returned) — used when the renderer is replaced after a crash. */
  resetSession(reason: string): void;
  /**
   * Keeps customers out until a supervisor puts the kiosk back in service (the shell calls it when the page keeps
   * crashing). Journalled, pushed to the screen, and remembered across restarts.
   */
  takeOutOfService(reason: string): void;
  /**
   * Stops the kiosk: every handler is refused from now on; work already running (a device step, a receipt being
   * saved, the integrity check) finishes, within `waitMs` (CLOSE_WAIT_MS unless given); then the database closes.
   * Safe to call twice: the second call gets the first one's promise.
   */
  close(options?: { readonly waitMs?: number }): Promise<void>;
};

/** Start-up failures that must stop the kiosk with a clear message instead of running degraded. */
export class KioskStartupError extends Error {
  readonly code: 'SECRET_STORE_UNAVAILABLE' | 'DEVICE_SECRETS_MISSING' | 'DATABASE_TOO_NEW' | 'DATABASE_DAMAGED';
  constructor(code: KioskStartupError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KioskStartupError';
    this.code = code;
  }
}
