// Main-process entry: the kiosk's lifecycle. One instance, deny-by-default security before any page exists, fail
// closed when the core cannot start (an out-of-service page that names the fault), a crashed or hung page replaced
// by a fresh one at the idle screen, and a page that keeps failing turned into an out-of-service screen.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { App, BrowserWindow, Dialog, Menu, PowerSaveBlocker, Protocol, Session } from 'electron';
import { type KioskCore, type KioskCoreOptions, KioskStartupError } from './core/kiosk-core-types.ts';
import type { FirstSupervisorOptions } from './staff/first-supervisor.ts';
import { createIpcRouter } from './ipc/router.ts';
import { createTrustedSenderPredicate, registerElectronIpc } from './ipc/register-electron-ipc.ts';
import { type Logger, createFileLogger } from './log/logger.ts';
import { APP_ENTRY_URL, APP_ORIGIN, originOf, registerAppProtocol, registerAppScheme } from './protocol.ts';
import { createElectronReceiptPrinter } from './receipt-printer.ts';
import { createPdfFileReceiptPrinter } from './receipts/pdf-file-printer.ts';
import { createKeychainSecretStore } from './secrets/secret-store.ts';
import { createTrustedUrlCheck, hardenSession, hardenWebContents } from './security.ts';
import {
  type BrowserWindowConstructor,
  type OutOfServicePage,
  createKioskWindow,
  createOutOfServiceWindow,
  devRendererUrl,
} from './window.ts';

export const STARTUP_ERROR_TITLE = 'ATM Kiosk cannot start';
/** `atm-kiosk --create-supervisor <staff id>`: a live kiosk's first supervisor (electron/staff/first-supervisor.ts). */
export const CREATE_SUPERVISOR_FLAG = '--create-supervisor';
export const OUT_OF_SERVICE_HEADLINE = 'This machine is out of service';
export type StartupFault = KioskStartupError['code'] | 'UNEXPECTED';
/**
 * What staff read on the out-of-service page for each start-up fault, chosen by code (never by message text). The
 * core's own message follows in small print for the known faults; an unexpected fault's text stays in the log.
 */
export const STARTUP_FAULT_MESSAGES: Readonly<Record<StartupFault, string>> = {
  SECRET_STORE_UNAVAILABLE:
    'The OS keychain that holds the device secrets is not available. Start the keychain service and restart the kiosk.',
  DEVICE_SECRETS_MISSING: 'The device secrets are missing from the OS keychain. Provision the kiosk, then restart it.',
  DATABASE_TOO_NEW:
    'The kiosk database was written by a newer version of ATM Kiosk. This older version refuses to open it so that ' +
    'no data is lost: install the newer version again.',
  DATABASE_DAMAGED:
    'The kiosk database failed its checks and was not opened. Call support; the kiosk log has the details.',
  UNEXPECTED: 'An unexpected fault stopped the kiosk during start-up. The kiosk log has the details.',
};
/** A page that keeps dying is not fixed by reloading it: past this many replacements a minute, out of service. */
export const WINDOW_REPLACEMENTS_MAX = 5;
export const WINDOW_REPLACEMENT_PERIOD_MS = 60_000;
/**
 * Crash dumps hold renderer memory, where a PIN is typed, so the crash reporter is never started. Should anything
 * start it anyway, its dumps land here and are deleted at every start instead of piling up under the data dir.
 */
export const CRASH_DUMPS_DIR = 'crash-dumps';
export const REPEATED_FAILURE_MESSAGE =
  'The kiosk screen stopped working repeatedly, so the kiosk took itself out of service. Restart the kiosk; if it ' +
  'happens again, export the diagnostics and call support.';

/** The parts of the `electron` module the shell uses (everything but ipcMain, which lives in ipc/). */
export type ShellElectron = {
  readonly app: App;
  readonly BrowserWindow: BrowserWindowConstructor;
  readonly dialog: Pick<Dialog, 'showErrorBox'>;
  readonly Menu: Pick<typeof Menu, 'setApplicationMenu'>;
  readonly protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  readonly session: { readonly defaultSession: Session };
  readonly powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
};

export type KioskShellDeps = {
  readonly electron: ShellElectron;
  readonly createCore: (options: KioskCoreOptions) => Promise<KioskCore>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now?: () => number;
  /**
   * Records in the core (journal entry, status out of service) that the kiosk page keeps failing. Defaults to the
   * core's `takeOutOfService(reason)`.
   */
  readonly takeOutOfService?: (core: KioskCore, reason: string) => void;
  /** The command line after the executable; `--create-supervisor <staff id>` sets up a live kiosk's first supervisor. */
  readonly argv?: readonly string[];
  /** Creates the first supervisor (electron/staff/first-supervisor.ts unless a test gives another). */
  readonly createFirstSupervisor?: (options: FirstSupervisorOptions) => Promise<{ readonly password: string }>;
  /** Where the set-up command's answer goes: the console that started it. */
  readonly print?: (stream: 'stdout' | 'stderr', text: string) => void;
};

export type KioskShell = {
  /**
   * Settles once start-up has finished: the kiosk window or the out-of-service page shown, or the app told to
   * quit/exit. Never rejects.
   */
  readonly ready: Promise<void>;
  kioskWindow(): BrowserWindow | null;
};

/**
 * Starts the shell. Everything Electron needs before `ready` (single-instance lock, the privileged scheme, guards on
 * new web contents) happens synchronously here; the rest waits for `ready`. Not `await`ed at top level on purpose:
 * Electron emits `ready` only after the ESM entry has finished evaluating.
 */
export function startKioskShell({
  electron,
  createCore,
  env,
  now = Date.now,
  takeOutOfService = coreTakeOutOfService,
  argv = [],
  createFirstSupervisor = async (options) =>
    (await import('./staff/first-supervisor.ts')).createFirstSupervisor(options),
  print = (stream, text) => process[stream].write(text),
}: KioskShellDeps): KioskShell {
  const { app } = electron;
  let kioskWindow: BrowserWindow | null = null;
  const shell: KioskShell = { ready: Promise.resolve(), kioskWindow: () => kioskWindow };

  const supervisorFlag = argv.indexOf(CREATE_SUPERVISOR_FLAG);
  if (supervisorFlag >= 0) {
    // A set-up command, not a kiosk: no window, no IPC. The lock proves the kiosk is stopped (one writer at a time).
    const staffId = argv[supervisorFlag + 1] ?? '';
    const run = async (): Promise<number> => {
      if (!app.requestSingleInstanceLock()) {
        print('stderr', 'Stop the kiosk first: it is running on this machine.\n');
        return 1;
      }
      try {
        const { password } = await createFirstSupervisor({
          dataDir: app.getPath('userData'),
          openSecretStore: createKeychainSecretStore,
          staffId,
        });
        print(
          'stdout',
          `Supervisor "${staffId}" created. One-time password (shown once): ${password}\n` +
            'At the first sign-in in staff mode it must be changed and an authenticator enrolled.\n',
        );
        return 0;
      } catch (error) {
        const known = error instanceof Error && ['FirstSupervisorError', 'KioskStartupError'].includes(error.name);
        print('stderr', `${known ? (error as Error).message : `Set-up failed: ${describe(error)}`}\n`);
        return 1;
      }
    };
    return { ...shell, ready: run().then((code) => app.exit(code)) };
  }

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

  /** Makes `window` the one the shell focuses, sends events to and trusts (if its page is the app's). */
  const track = (window: BrowserWindow): BrowserWindow => {
    window.on('closed', () => {
      if (kioskWindow === window) kioskWindow = null;
    });
    kioskWindow = window;
    return window;
  };
  /** The out-of-service page in a new kiosk window; the process stays up so no supervisor restarts it in a loop. */
  const showOutOfService = (page: OutOfServicePage, logger: Logger | undefined): BrowserWindow =>
    track(createOutOfServiceWindow(electron.BrowserWindow, page, logger));
  /**
   * Fail closed on a start-up fault: no core, no IPC, an out-of-service page naming the fault. The app keeps running
   * on purpose: exiting would have systemd or Shell Launcher restart it into the same fault (and then reboot) in a
   * loop, while the page waits for staff. Only when not even the page can open does it fall back to a dialog + exit.
   */
  const failStartup = (fault: StartupFault, details: string, logger: Logger | undefined): void => {
    try {
      showOutOfService(
        {
          title: STARTUP_ERROR_TITLE,
          headline: OUT_OF_SERVICE_HEADLINE,
          message: STARTUP_FAULT_MESSAGES[fault],
          details,
        },
        logger,
      );
    } catch (error) {
      logger?.error('out-of-service page could not open', { error: describe(error) });
      electron.dialog.showErrorBox(STARTUP_ERROR_TITLE, `${STARTUP_FAULT_MESSAGES[fault]}\n${details}`);
      app.exit(1);
    }
  };

  const boot = async (): Promise<void> => {
    const appPath = app.getAppPath();
    const userData = app.getPath('userData');
    hardenSession(electron.session.defaultSession);
    registerAppProtocol(electron.protocol, join(appPath, 'dist', 'renderer'));
    // A kiosk screen that blanks looks broken; this holds for the out-of-service page too.
    const displayBlocker = electron.powerSaveBlocker.start('prevent-display-sleep');
    app.on('will-quit', () => electron.powerSaveBlocker.stop(displayBlocker));
    const crashDumps = join(userData, CRASH_DUMPS_DIR);
    app.setPath('crashDumps', crashDumps);

    let logger: Logger | undefined;
    let core: KioskCore;
    try {
      logger = createFileLogger(join(userData, 'logs'));
      try {
        rmSync(crashDumps, { recursive: true, force: true });
      } catch (error) {
        logger.warn('old crash dumps could not be deleted', { error: describe(error) });
      }
      core = await createCore({
        dataDir: userData,
        openSecretStore: createKeychainSecretStore,
        logger,
        mode: kioskMode(env, isPackaged),
        // An installed live kiosk without device drivers stays out of service; a development run may simulate.
        simulatedDevicesInLiveMode: !isPackaged,
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
      // Fail closed: a kiosk without its keychain or with a damaged or newer database must not take cards.
      const known = error instanceof KioskStartupError;
      logger?.error('kiosk start-up failed', { code: known ? error.code : 'UNEXPECTED', error: describe(error) });
      // The core's messages are written for the screen; anything else may carry paths and stays in the log.
      failStartup(known ? error.code : 'UNEXPECTED', known ? error.message : '', logger);
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
    // Quitting waits for the core to close: a receipt being saved or a device step finishes and is journalled first.
    let coreClosed = false;
    app.on('will-quit', (event) => {
      if (coreClosed) return;
      event.preventDefault();
      unregisterIpc();
      void core.close().finally(() => {
        coreClosed = true;
        app.quit();
      });
    });

    const replacements: number[] = [];
    let outOfService = false;
    /** Any page the kiosk shows is replaced when its renderer dies or hangs. */
    const watch = (window: BrowserWindow): BrowserWindow => {
      window.webContents.on('render-process-gone', (_event, details) =>
        replaceWindow(window, `renderer gone: ${details.reason}`),
      );
      window.on('unresponsive', () => replaceWindow(window, 'renderer unresponsive'));
      return window;
    };
    const openWindow = (): BrowserWindow =>
      watch(
        track(
          createKioskWindow(electron.BrowserWindow, {
            isPackaged,
            preloadPath: join(appPath, 'dist', 'preload', 'preload.cjs'),
            url: devUrl ?? APP_ENTRY_URL,
            logger: log,
          }),
        ),
      );
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
      if (outOfService) {
        // The static page itself failed: nothing in this process can show a screen, so let the supervisor restart it.
        log.error('out-of-service page failed; exiting for the supervisor to restart the app', { reason });
        app.exit(1);
        return;
      }
      const since = now() - WINDOW_REPLACEMENT_PERIOD_MS;
      while (replacements.length > 0 && (replacements[0] ?? 0) < since) replacements.shift();
      if (replacements.length >= WINDOW_REPLACEMENTS_MAX) {
        outOfService = true;
        const summary = `kiosk page failed ${replacements.length + 1} times within ${WINDOW_REPLACEMENT_PERIOD_MS / 1000} s (last: ${reason})`;
        log.error('kiosk window keeps failing; out of service', { reason: summary });
        try {
          takeOutOfService(core, summary);
        } catch (error) {
          log.error('the core could not record out of service', { error: describe(error) });
        }
        // Open the new window first so `window-all-closed` never sees zero windows and quits the app.
        watch(
          showOutOfService(
            {
              title: 'ATM Kiosk',
              headline: OUT_OF_SERVICE_HEADLINE,
              message: REPEATED_FAILURE_MESSAGE,
              details: summary,
            },
            log,
          ),
        );
      } else {
        replacements.push(now());
        openWindow();
      }
      if (!failed.isDestroyed()) failed.destroy();
    };
    openWindow();
  };

  const ready = app.whenReady().then(boot);
  // Anything that escapes boot (before the log exists) is still a failed start: fail closed, never an unhandled
  // rejection, and name the fault on screen since there is no log line to point to.
  const settled = ready.catch((error: unknown) => failStartup('UNEXPECTED', describe(error), undefined));
  return { ...shell, ready: settled };
}

/**
 * An installed kiosk is live unless its configuration says it is a demonstration one (demo mode seeds staff accounts
 * and cards whose secrets are published); a development run is a demo unless told otherwise. A value that is neither
 * counts as live: the safe side.
 */
export function kioskMode(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): 'demo' | 'live' {
  const asked = env.ATM_MODE;
  if (asked === 'demo' || asked === 'live') return asked;
  return isPackaged || asked !== undefined ? 'live' : 'demo';
}

/** The default `takeOutOfService` hook: the core journals it, tells the screen and remembers it across restarts. */
function coreTakeOutOfService(core: KioskCore, reason: string): void {
  core.takeOutOfService(reason);
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
    argv: process.argv.slice(1),
  });
}
