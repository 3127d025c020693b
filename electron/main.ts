// Main-process entry: the kiosk's lifecycle. One instance, deny-by-default security before any page exists, fail
// closed when the core cannot start, and a crashed or hung page replaced by a fresh one at the idle screen.
import { join } from 'node:path';
import type { App, BrowserWindow, Dialog, Menu, Protocol, Session } from 'electron';
import { type KioskCore, type KioskCoreOptions, KioskStartupError } from './core/kiosk-core-types.ts';
import { createIpcRouter } from './ipc/router.ts';
import { createTrustedSenderPredicate, registerElectronIpc } from './ipc/register-electron-ipc.ts';
import { type Logger, createFileLogger } from './log/logger.ts';
import { APP_ENTRY_URL, APP_ORIGIN, originOf, registerAppProtocol, registerAppScheme } from './protocol.ts';
import { createElectronReceiptPrinter } from './receipt-printer.ts';
import { createPdfFileReceiptPrinter } from './receipts/pdf-file-printer.ts';
import { createKeychainSecretStore } from './secrets/secret-store.ts';
import { createTrustedUrlCheck, hardenSession, hardenWebContents } from './security.ts';
import { type BrowserWindowConstructor, createKioskWindow, devRendererUrl } from './window.ts';

export const STARTUP_ERROR_TITLE = 'ATM Kiosk cannot start';
/** Shown for faults that are not a known start-up condition; their details go to the log, not to the screen. */
const UNEXPECTED_STARTUP_MESSAGE = 'An unexpected fault stopped the kiosk during start-up.';
/** A page that keeps dying is not fixed by reloading it: past this many replacements a minute, exit for the supervisor. */
export const WINDOW_REPLACEMENTS_MAX = 5;
export const WINDOW_REPLACEMENT_PERIOD_MS = 60_000;

/** The parts of the `electron` module the shell uses (everything but ipcMain, which lives in ipc/). */
export type ShellElectron = {
  readonly app: App;
  readonly BrowserWindow: BrowserWindowConstructor;
  readonly dialog: Pick<Dialog, 'showErrorBox'>;
  readonly Menu: Pick<typeof Menu, 'setApplicationMenu'>;
  readonly protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  readonly session: { readonly defaultSession: Session };
};

export type KioskShellDeps = {
  readonly electron: ShellElectron;
  readonly createCore: (options: KioskCoreOptions) => Promise<KioskCore>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now?: () => number;
};

export type KioskShell = {
  /** Settles once start-up has finished: window shown, or the app told to quit/exit. Never rejects. */
  readonly ready: Promise<void>;
  kioskWindow(): BrowserWindow | null;
};

/**
 * Starts the shell. Everything Electron needs before `ready` (single-instance lock, the privileged scheme, guards on
 * new web contents) happens synchronously here; the rest waits for `ready`. Not `await`ed at top level on purpose:
 * Electron emits `ready` only after the ESM entry has finished evaluating.
 */
export function startKioskShell({ electron, createCore, env, now = Date.now }: KioskShellDeps): KioskShell {
  const { app } = electron;
  let kioskWindow: BrowserWindow | null = null;
  const shell: KioskShell = { ready: Promise.resolve(), kioskWindow: () => kioskWindow };

  // A second kiosk would fight the first over the screen, the card reader and the database.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return shell;
  }
  registerAppScheme(electron.protocol);
  electron.Menu.setApplicationMenu(null);

  const isPackaged = app.isPackaged;
  const devUrl = devRendererUrl(env, isPackaged);
  const trustedOrigins = devUrl ? [APP_ORIGIN, originOf(devUrl) ?? APP_ORIGIN] : [APP_ORIGIN];
  const isTrustedUrl = createTrustedUrlCheck(trustedOrigins);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isTrustedUrl));
  app.on('second-instance', () => {
    if (!kioskWindow || kioskWindow.isDestroyed()) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  const boot = async (): Promise<void> => {
    const appPath = app.getAppPath();
    const userData = app.getPath('userData');
    hardenSession(electron.session.defaultSession);
    registerAppProtocol(electron.protocol, join(appPath, 'dist', 'renderer'));

    let logger: Logger | undefined;
    let core: KioskCore;
    try {
      logger = createFileLogger(join(userData, 'logs'));
      core = await createCore({
        dataDir: userData,
        openSecretStore: createKeychainSecretStore,
        logger,
        mode: env.ATM_MODE === 'live' ? 'live' : 'demo',
        version: app.getVersion(),
        // Receipts print silently to the configured printer through Chromium, or are saved with printToPDF.
        receiptPrinter: (printerName, receiptsDir) =>
          createElectronReceiptPrinter({
            printerName,
            receiptsDir,
            fallback: createPdfFileReceiptPrinter(receiptsDir),
            BrowserWindow: electron.BrowserWindow,
          }),
      });
    } catch (error) {
      // Fail closed: a kiosk without its keychain or with a damaged database must not take cards.
      const known = error instanceof KioskStartupError;
      logger?.error('kiosk start-up failed', { code: known ? error.code : 'UNEXPECTED', error: describe(error) });
      electron.dialog.showErrorBox(
        STARTUP_ERROR_TITLE,
        known ? error.message : `${UNEXPECTED_STARTUP_MESSAGE} The kiosk log has the details.`,
      );
      app.exit(1);
      return;
    }
    const log = logger;

    const router = createIpcRouter({
      handlers: core.handlers,
      isTrustedSender: createTrustedSenderPredicate({
        kioskWebContentsId: () => (kioskWindow && !kioskWindow.isDestroyed() ? kioskWindow.webContents.id : null),
        trustedOrigins,
      }),
      logger: log,
    });
    const unregisterIpc = registerElectronIpc({
      router,
      events: core,
      kioskWebContents: () => (kioskWindow && !kioskWindow.isDestroyed() ? kioskWindow.webContents : null),
    });
    app.on('will-quit', () => {
      unregisterIpc();
      core.close();
    });

    const replacements: number[] = [];
    const openWindow = (): BrowserWindow => {
      const window = createKioskWindow(electron.BrowserWindow, {
        isPackaged,
        preloadPath: join(appPath, 'dist', 'preload', 'preload.cjs'),
        url: devUrl ?? APP_ENTRY_URL,
        logger: log,
      });
      window.webContents.on('render-process-gone', (_event, details) =>
        replaceWindow(window, `renderer gone: ${details.reason}`),
      );
      window.on('unresponsive', () => replaceWindow(window, 'renderer unresponsive'));
      window.on('closed', () => {
        if (kioskWindow === window) kioskWindow = null;
      });
      kioskWindow = window;
      return window;
    };
    const replaceWindow = (failed: BrowserWindow, reason: string): void => {
      // Events from a window already replaced, or from pages closing while the app quits, need nothing.
      if (failed !== kioskWindow || quitting) return;
      log.warn('replacing the kiosk window', { reason });
      try {
        // Whatever the customer was doing ends here (card returned), so the new page starts at idle.
        core.resetSession(reason);
      } catch (error) {
        log.error('session reset after renderer failure failed', { error: describe(error) });
      }
      const since = now() - WINDOW_REPLACEMENT_PERIOD_MS;
      while (replacements.length > 0 && (replacements[0] ?? 0) < since) replacements.shift();
      if (replacements.length >= WINDOW_REPLACEMENTS_MAX) {
        log.error('kiosk window keeps failing; exiting for the supervisor to restart the app', { reason });
        app.exit(1);
        return;
      }
      replacements.push(now());
      // Open the new window first so `window-all-closed` never sees zero windows and quits the app.
      openWindow();
      if (!failed.isDestroyed()) failed.destroy();
    };
    openWindow();
  };

  const ready = app.whenReady().then(boot);
  // Anything that escapes boot (before the log exists) is still a failed start: fail closed, never an unhandled
  // rejection, and name the fault on screen since there is no log line to point to.
  const settled = ready.catch((error: unknown) => {
    electron.dialog.showErrorBox(STARTUP_ERROR_TITLE, `${UNEXPECTED_STARTUP_MESSAGE}\n${describe(error)}`);
    app.exit(1);
  });
  return { ...shell, ready: settled };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'non-error thrown';
}

// Module entry: only inside Electron, so tests can import `startKioskShell` with a mocked `electron`.
if (process.versions.electron) {
  const electron = await import('electron');
  startKioskShell({
    electron,
    // Imported when needed: the core loads SQLite, argon2 and the keychain, which the shell's tests never need.
    createCore: async (options) => (await import('./core/kiosk-core.ts')).createKioskCore(options),
    env: process.env,
  });
}
