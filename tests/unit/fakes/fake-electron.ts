// A recording stand-in for the `electron` module (its binary cannot run in CI). It models just what the shell uses:
// app events, windows with web contents (printing included), ipcMain handlers, protocol, session handlers,
// contextBridge/ipcRenderer.
import { EventEmitter } from 'node:events';

export type FakeFrame = { url: string; detached: boolean };

/** A cancelable event as Electron passes to listeners (`will-navigate` also carries `url`). */
export function fakeEvent<T extends object>(extra: T = {} as T) {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true), ...extra };
  return event;
}

let nextWebContentsId = 1;

/** How the fake printer answers `webContents.print` / `printToPDF`; tests flip it per case (reset by resetFakeElectron). */
export const printerState = {
  print: 'succeed' as 'succeed' | 'fail' | 'hang',
  failureReason: 'Print job canceled',
  printToPdf: 'succeed' as 'succeed' | 'fail' | 'hang',
  pdfBytes: new TextEncoder().encode('%PDF-1.4\n% fake printToPDF output\n%%EOF\n'),
};

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame: FakeFrame = { url: '', detached: false };
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  zoomLimits: [number, number] | null = null;
  zoomFactor = 1;
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  setVisualZoomLevelLimits(minimum: number, maximum: number) {
    this.zoomLimits = [minimum, maximum];
    return Promise.resolve();
  }
  setZoomFactor(factor: number) {
    this.zoomFactor = factor;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return this.destroyed;
  }
  readonly printCalls: unknown[] = [];
  print(options: unknown, callback?: (success: boolean, failureReason: string) => void) {
    this.printCalls.push(options);
    if (printerState.print === 'hang') return;
    // Chromium answers asynchronously, after the job has gone to the spooler.
    queueMicrotask(() =>
      callback?.(printerState.print === 'succeed', printerState.print === 'succeed' ? '' : printerState.failureReason),
    );
  }
  readonly printToPdfCalls: unknown[] = [];
  printToPDF(options: unknown): Promise<Buffer> {
    this.printToPdfCalls.push(options);
    if (printerState.printToPdf === 'hang') return new Promise(() => undefined);
    if (printerState.printToPdf === 'fail') return Promise.reject(new Error('Failed to generate PDF'));
    return Promise.resolve(Buffer.from(printerState.pdfBytes));
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  destroyed = false;
  focused = 0;
  readonly options: Record<string, unknown>;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
    // Electron announces a window's web contents while constructing it; the shell hardens them there.
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {
    this.focused += 1;
  }
}

type Calls = {
  quit: number;
  exitCodes: number[];
  errorBoxes: Array<{ title: string; content: string }>;
  applicationMenus: unknown[];
  privilegedSchemes: unknown[];
  /** `app.setPath(name, path)` calls, in order. */
  paths: Array<{ name: string; path: string }>;
};

export const calls: Calls = {
  quit: 0,
  exitCodes: [],
  errorBoxes: [],
  applicationMenus: [],
  privilegedSchemes: [],
  paths: [],
};

export const appState = {
  lockObtained: true,
  isPackaged: false,
  appPath: '/nonexistent-app',
  userData: '/nonexistent-user-data',
};

export const app = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock: () => appState.lockObtained,
  quit: () => {
    calls.quit += 1;
  },
  exit: (code: number) => {
    calls.exitCodes.push(code);
  },
  whenReady: () => Promise.resolve(),
  getAppPath: () => appState.appPath,
  getPath: (name: string) => (name === 'userData' ? appState.userData : `/nonexistent-${name}`),
  setPath: (name: string, path: string) => {
    calls.paths.push({ name, path });
  },
  getVersion: () => '0.1.0-test',
});
// A getter (Object.assign would copy a getter's value once), so tests can flip it per case.
Object.defineProperty(app, 'isPackaged', { get: () => appState.isPackaged });

type InvokeHandler = (event: unknown, payload: unknown) => unknown;
export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
};

export const protocol = {
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    calls.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    protocol.handlers.set(scheme, handler);
  },
};

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
export const session = {
  defaultSession: {
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as ((...args: unknown[]) => boolean) | null,
    devicePermissionHandler: null as ((...args: unknown[]) => boolean) | null,
    setPermissionRequestHandler(handler: PermissionRequestHandler) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: (...args: unknown[]) => boolean) {
      this.devicePermissionHandler = handler;
    },
  },
};

export const dialog = {
  showErrorBox(title: string, content: string) {
    calls.errorBoxes.push({ title, content });
  },
};

export const Menu = {
  setApplicationMenu(menu: unknown) {
    calls.applicationMenus.push(menu);
  },
};

/** Records blockers as Electron's powerSaveBlocker would hand out ids; `active` holds the ones not stopped. */
export const powerSaveBlocker = {
  nextId: 1,
  active: new Map<number, string>(),
  start(type: string) {
    const id = powerSaveBlocker.nextId++;
    powerSaveBlocker.active.set(id, type);
    return id;
  },
  stop(id: number) {
    return powerSaveBlocker.active.delete(id);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invocations: [] as Array<{ channel: string; payload: unknown }>,
  invoke(channel: string, payload: unknown) {
    ipcRenderer.invocations.push({ channel, payload });
    return Promise.resolve({ ok: true, value: { echoed: channel } });
  },
});

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, value: unknown) {
    contextBridge.exposed.set(key, value);
  },
};

/** Forgets every recorded call, window, handler and listener, so each test starts from a fresh process. */
export function resetFakeElectron(): void {
  calls.quit = 0;
  calls.exitCodes.length = 0;
  calls.errorBoxes.length = 0;
  calls.applicationMenus.length = 0;
  calls.privilegedSchemes.length = 0;
  calls.paths.length = 0;
  powerSaveBlocker.active.clear();
  Object.assign(appState, {
    lockObtained: true,
    isPackaged: false,
    appPath: '/nonexistent-app',
    userData: '/nonexistent-user-data',
  });
  app.removeAllListeners();
  FakeBrowserWindow.instances.length = 0;
  Object.assign(printerState, { print: 'succeed', failureReason: 'Print job canceled', printToPdf: 'succeed' });
  ipcMain.handlers.clear();
  protocol.handlers.clear();
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  session.defaultSession.devicePermissionHandler = null;
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  contextBridge.exposed.clear();
}

/** The module object handed to `vi.mock('electron', …)`. */
export const fakeElectronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain,
  protocol,
  session,
  dialog,
  Menu,
  powerSaveBlocker,
  ipcRenderer,
  contextBridge,
};
