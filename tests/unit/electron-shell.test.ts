// The Electron shell against a recording fake `electron` module (the binary cannot run here): window security
// options, the app:// protocol, IPC registration and sender checks, deny-by-default guards, lifecycle, the preload.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import Database from 'better-sqlite3';
import { build } from 'vite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskStartupError, type KioskCoreOptions } from '../../electron/core/kiosk-core-types.ts';
import { createTrustedSenderPredicate, senderFrom } from '../../electron/ipc/register-electron-ipc.ts';
import type { Sender } from '../../electron/ipc/router.ts';
import { migrate } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import {
  CRASH_DUMPS_DIR,
  type KioskShell,
  type KioskShellDeps,
  OUT_OF_SERVICE_HEADLINE,
  REPEATED_FAILURE_MESSAGE,
  STARTUP_ERROR_TITLE,
  STARTUP_FAULT_MESSAGES,
  type ShellElectron,
  WINDOW_REPLACEMENTS_MAX,
  kioskMode,
  startKioskShell,
} from '../../electron/main.ts';
import { FirstSupervisorError } from '../../electron/staff/first-supervisor.ts';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  originOf,
  resolveAppPath,
} from '../../electron/protocol.ts';
import { createKeychainSecretStore } from '../../electron/secrets/secret-store.ts';
import { OUT_OF_SERVICE_PAGE_CSP, devRendererUrl, isBlockedShortcut } from '../../electron/window.ts';
import { type AtmApi, channelEntries, contractEvents } from '../../shared/ipc/index.ts';
import * as fake from './fakes/fake-electron.ts';
import { type FakeKioskCore, createFakeKioskCore, idleSnapshot, status } from './fakes/fake-kiosk-core.ts';

vi.mock('electron', async () => (await import('./fakes/fake-electron.ts')).fakeElectronModule);

const EXPECTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'none'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const SECRET = 'SECRET-OUTSIDE-RENDERER-ROOT';

let workDir: string;
let appPath: string;
let rendererRoot: string;
let core: FakeKioskCore;
let coreOptions: KioskCoreOptions[];

beforeEach(async () => {
  fake.resetFakeElectron();
  workDir = await mkdtemp(join(tmpdir(), 'atm-shell-'));
  appPath = join(workDir, 'app');
  rendererRoot = join(appPath, 'dist', 'renderer');
  await mkdir(join(rendererRoot, 'assets'), { recursive: true });
  await writeFile(join(rendererRoot, 'index.html'), '<!doctype html><title>ATM</title>');
  await writeFile(join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(rendererRoot, 'assets', 'app.css'), 'body{}');
  await writeFile(join(rendererRoot, 'assets', 'app.js.map'), '{}');
  // Files a traversal would love to reach: the app's package.json next to dist/, and one outside the app.
  await writeFile(join(appPath, 'package.json'), SECRET);
  await writeFile(join(workDir, 'secret.txt'), SECRET);
  Object.assign(fake.appState, { appPath, userData: join(workDir, 'user-data') });
  core = createFakeKioskCore();
  coreOptions = [];
});

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

type ShellOptions = {
  env?: Record<string, string>;
  createCore?: () => Promise<FakeKioskCore>;
  now?: () => number;
  takeOutOfService?: (core: unknown, reason: string) => void;
  electron?: Partial<typeof fake.fakeElectronModule>;
  argv?: string[];
  createFirstSupervisor?: KioskShellDeps['createFirstSupervisor'];
  print?: KioskShellDeps['print'];
};

function startShell(options: ShellOptions = {}): KioskShell {
  return startKioskShell({
    electron: { ...fake.fakeElectronModule, ...options.electron } as unknown as ShellElectron,
    createCore: async (coreOpts) => {
      coreOptions.push(coreOpts);
      return options.createCore ? options.createCore() : core;
    },
    env: options.env ?? {},
    ...(options.now ? { now: options.now } : {}),
    ...(options.takeOutOfService ? { takeOutOfService: options.takeOutOfService } : {}),
    ...(options.argv ? { argv: options.argv } : {}),
    ...(options.createFirstSupervisor ? { createFirstSupervisor: options.createFirstSupervisor } : {}),
    ...(options.print ? { print: options.print } : {}),
  });
}

async function bootShell(options: Parameters<typeof startShell>[0] = {}) {
  const shell = startShell(options);
  await shell.ready;
  return shell;
}

function onlyWindow(): fake.FakeBrowserWindow {
  expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
  return fake.FakeBrowserWindow.instances[0] as fake.FakeBrowserWindow;
}

function mainFrameEvent(window: fake.FakeBrowserWindow) {
  return { sender: window.webContents, senderFrame: window.webContents.mainFrame };
}

const DATA_URL_PREFIX = 'data:text/html;charset=utf-8,';

/** The HTML an out-of-service window shows (it loads a self-contained data: URL). */
function pageHtml(window: fake.FakeBrowserWindow | undefined): string {
  const url = window?.loadedUrl ?? '';
  expect(url.startsWith(DATA_URL_PREFIX), url.slice(0, 40)).toBe(true);
  return decodeURIComponent(url.slice(DATA_URL_PREFIX.length));
}

function press(
  contents: fake.FakeWebContents,
  key: string,
  modifiers: { control?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } = {},
): boolean {
  const event = fake.fakeEvent();
  contents.emit('before-input-event', event, {
    key,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...modifiers,
  });
  return event.defaultPrevented;
}

/** The window the shell shows when it may not run the app: kiosk, locked down, no preload, no devtools. */
function expectOutOfServiceWindow(window: fake.FakeBrowserWindow | undefined): string {
  expect(window?.options).toMatchObject({
    kiosk: true,
    fullscreen: true,
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false },
  });
  expect((window?.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
  expect(window?.webContents.zoomLimits).toEqual([1, 1]);
  expect(press(window?.webContents as fake.FakeWebContents, 'F4', { alt: true })).toBe(true);
  const html = pageHtml(window);
  expect(html).toContain(`content="${OUT_OF_SERVICE_PAGE_CSP}"`);
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain(OUT_OF_SERVICE_HEADLINE);
  return html;
}

describe('kiosk window', () => {
  it('is a full-screen kiosk with the exact hardened web preferences', async () => {
    await bootShell();
    const window = onlyWindow();
    expect(window.options).toEqual({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      backgroundColor: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        devTools: true,
        preload: join(appPath, 'dist', 'preload', 'preload.cjs'),
      },
    });
    expect(window.loadedUrl).toBe(APP_ENTRY_URL);
    expect(window.webContents.zoomLimits).toEqual([1, 1]);
  });

  it('has devtools off and ignores ATM_RENDERER_URL when packaged', async () => {
    fake.appState.isPackaged = true;
    await bootShell({ env: { ATM_RENDERER_URL: 'http://127.0.0.1:5173' } });
    const window = onlyWindow();
    expect((window.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
    expect(window.loadedUrl).toBe(APP_ENTRY_URL);
  });

  it('loads the dev server only when unpackaged and only on loopback http', async () => {
    await bootShell({ env: { ATM_RENDERER_URL: 'http://127.0.0.1:5173' } });
    expect(onlyWindow().loadedUrl).toBe('http://127.0.0.1:5173/');
    expect(devRendererUrl({ ATM_RENDERER_URL: 'https://evil.example/' }, false)).toBeNull();
    expect(devRendererUrl({ ATM_RENDERER_URL: 'http://10.0.0.5:5173/' }, false)).toBeNull();
    expect(devRendererUrl({ ATM_RENDERER_URL: 'http://127.0.0.1:5173' }, true)).toBeNull();
  });

  it('refuses the context menu and browser shortcuts but lets keypad keys and side buttons through', async () => {
    await bootShell();
    const contents = onlyWindow().webContents;
    const menu = fake.fakeEvent();
    contents.emit('context-menu', menu, {});
    expect(menu.defaultPrevented).toBe(true);

    const blocked: Array<[string, { control?: boolean; meta?: boolean; alt?: boolean; shift?: boolean }?]> = [
      // reload, devtools, close, quit, print, zoom, full screen, history
      ['r', { control: true }],
      ['R', { control: true, shift: true }],
      ['r', { meta: true }],
      ['F5'],
      ['F5', { control: true }],
      ['I', { control: true, shift: true }],
      ['i', { meta: true, alt: true }],
      ['J', { control: true, shift: true }],
      ['F12'],
      ['w', { control: true }],
      ['w', { meta: true }],
      ['q', { control: true }],
      ['q', { meta: true }],
      ['F4', { alt: true }],
      ['F4', { control: true }],
      [' ', { alt: true }],
      ['p', { control: true }],
      ['p', { meta: true }],
      ['=', { control: true }],
      ['+', { control: true, shift: true }],
      ['-', { control: true }],
      ['0', { control: true }],
      ['ZoomIn'],
      ['ZoomOut'],
      ['F11'],
      ['f', { control: true, meta: true }],
      ['Enter', { alt: true, control: true }],
      ['ArrowLeft', { alt: true }],
      ['ArrowRight', { alt: true }],
      ['Home', { alt: true }],
      ['BrowserBack'],
      ['BrowserRefresh'],
      ['ContextMenu'],
    ];
    for (const [key, modifiers] of blocked) {
      expect(press(contents, key, modifiers), `${key} ${JSON.stringify(modifiers ?? {})}`).toBe(true);
    }
    // Keypad, Enter/Cancel/Clear and the side buttons F1–F8 (F9, F10 too) reach the page.
    const sideButtons = ['F1', 'F2', 'F3', 'F4', 'F6', 'F7', 'F8', 'F9', 'F10'];
    for (const allowed of ['1', '0', 'Enter', 'Escape', 'Backspace', 'Tab', ...sideButtons]) {
      expect(press(contents, allowed), allowed).toBe(false);
    }
    // Staff screens keep text editing.
    for (const key of ['a', 'c', 'v', 'x', 'z', 'y']) expect(press(contents, key, { control: true }), key).toBe(false);
    expect(isBlockedShortcut({ key: 'v', control: true, meta: false, alt: false, shift: false })).toBe(false);
  });

  it('locks zoom at 100 %: pinch limits, and the zoom factor reset on every load and zoom request', async () => {
    await bootShell();
    const contents = onlyWindow().webContents;
    expect(contents.zoomLimits).toEqual([1, 1]);
    expect(contents.zoomFactor).toBe(1);
    for (const event of ['zoom-changed', 'did-finish-load']) {
      contents.zoomFactor = 2.5;
      contents.zoomLimits = null;
      contents.emit(event, fake.fakeEvent(), 'in');
      expect(contents.zoomFactor, event).toBe(1);
      expect(contents.zoomLimits, event).toEqual([1, 1]);
    }
  });
});

describe('app:// protocol', () => {
  const get = (url: string, method = 'GET') => createAppProtocolHandler(rendererRoot)(new Request(url, { method }));

  it('is registered as a privileged standard, secure, fetch-capable scheme before ready and handled after', async () => {
    const shell = startShell();
    expect(fake.calls.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    await shell.ready;
    const handler = fake.protocol.handlers.get('app');
    expect(handler).toBeDefined();
    const response = await handler?.(new Request(APP_ENTRY_URL));
    expect(response?.status).toBe(200);
    expect(await response?.text()).toContain('<title>ATM</title>');
  });

  it('serves the build with content types, the CSP and nosniff', async () => {
    for (const [url, type] of [
      ['app://kiosk/', 'text/html; charset=utf-8'],
      ['app://kiosk/index.html', 'text/html; charset=utf-8'],
      ['app://kiosk/assets/app.js?v=1', 'text/javascript; charset=utf-8'],
      ['app://kiosk/assets/app.css#x', 'text/css; charset=utf-8'],
    ] as const) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('content-security-policy'), url).toBe(EXPECTED_CSP);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });

  it('carries the CSP on refusals too and serves nothing outside known types', async () => {
    for (const url of ['app://kiosk/missing.html', 'app://kiosk/assets/app.js.map', 'app://kiosk/assets']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(EXPECTED_CSP);
    }
    const post = await get('app://kiosk/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('refuses every path traversal, encoded or not, and never returns a file outside the renderer root', async () => {
    const secretPath = join(workDir, 'secret.txt');
    const attempts = [
      'app://kiosk/../package.json',
      'app://kiosk/../../secret.txt',
      'app://kiosk/assets/../../package.json',
      'app://kiosk/%2e%2e/package.json',
      'app://kiosk/%2E%2E/%2E%2E/secret.txt',
      'app://kiosk/.%2e/package.json',
      'app://kiosk/..%2fpackage.json',
      'app://kiosk/assets%2f..%2f..%2fpackage.json',
      'app://kiosk/..\\package.json',
      'app://kiosk/assets%5c..%5c..%5cpackage.json',
      `app://kiosk/${encodeURIComponent(secretPath)}`,
      'app://kiosk/C:%5CWindows%5Cwin.ini',
      'app://kiosk/c:/windows/win.ini',
      'app://kiosk/%00index.html',
      'app://kiosk/index.html%00.png',
      'app://kiosk/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://kiosk/..%5cpackage.json',
      'app://kiosk/%5C%5Cserver%5Cshare%5Cindex.html',
      'app://kiosk/\\\\server\\share\\index.html',
      'app://kiosk/%zz',
    ];
    for (const url of attempts) {
      // The raw string, as a caller that skipped URL normalisation would pass it: refused outright.
      const resolution = resolveAppPath(url, rendererRoot);
      expect(resolution.ok, url).toBe(false);
      expect([400, 403], url).toContain((resolution as { status: number }).status);
      // Through a Request (which, like Chromium, may first fold `..` away): still nothing outside the root.
      const response = await get(url);
      expect(response.status, url).not.toBe(200);
      expect(await response.text(), url).not.toContain(SECRET);
    }
    // Double encoding decodes once: a segment literally named `%2e%2e`, which stays under the root (and is absent).
    const doubleEncoded = resolveAppPath('app://kiosk/%252e%252e/package.json', rendererRoot);
    expect((doubleEncoded as { filePath: string }).filePath.startsWith(join(rendererRoot, '%2e%2e'))).toBe(true);
    expect((await get('app://kiosk/%252e%252e/package.json')).status).toBe(404);
    // Dot segments are refused even when they would stay inside the root: no normalising, no guessing.
    expect(resolveAppPath('app://kiosk/assets/../index.html', rendererRoot)).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath('app://kiosk/./index.html', rendererRoot)).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath('app://kiosk/assets/%2E%2e/index.html', rendererRoot)).toEqual({ ok: false, status: 403 });
    // Raw slashes make an "absolute" path that still resolves under the root, where there is no such file.
    const doubled = await get(`app://kiosk/${secretPath}`);
    expect(doubled.status).toBe(404);
    expect(resolveAppPath(`app://kiosk/${secretPath}`, rendererRoot)).toMatchObject({ ok: true });
    expect(
      (resolveAppPath(`app://kiosk/${secretPath}`, rendererRoot) as { filePath: string }).filePath.startsWith(
        rendererRoot,
      ),
    ).toBe(true);
  });

  it('answers only for the kiosk host', async () => {
    for (const url of ['app://evil/index.html', 'app://kiosk.evil/index.html', 'app://kiosk:99/index.html']) {
      expect((await get(url)).status, url).toBe(403);
    }
    expect(resolveAppPath('app://user@kiosk/index.html', rendererRoot)).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath('APP://KIOSK/index.html', rendererRoot)).toEqual({ ok: false, status: 403 });
    expect(originOf('app://kiosk/index.html')).toBe(APP_ORIGIN);
  });
});

describe('IPC registration', () => {
  it('registers a handler for every contract channel and nothing else', async () => {
    await bootShell();
    const expected = channelEntries.map((entry) => entry.spec.channel).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(expected);
  });

  it('answers the kiosk main frame and refuses a subframe, another window and a foreign page', async () => {
    await bootShell();
    const window = onlyWindow();
    const handler = fake.ipcMain.handlers.get('atm:system:getStatus');
    expect(await handler?.(mainFrameEvent(window), {})).toEqual({ ok: true, value: status });

    const subframe = { url: APP_ENTRY_URL, detached: false };
    const refused = [
      { sender: window.webContents, senderFrame: subframe },
      { sender: window.webContents, senderFrame: null },
      { sender: new fake.FakeWebContents(), senderFrame: window.webContents.mainFrame },
    ];
    for (const event of refused) {
      expect(await handler?.(event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    window.webContents.mainFrame.url = 'https://evil.example/';
    expect(await handler?.(mainFrameEvent(window), {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });

  it('forwards core events to the kiosk window on the contract event channel', async () => {
    await bootShell();
    core.emit('session.changed', idleSnapshot);
    expect(onlyWindow().webContents.sent).toEqual([
      { channel: contractEvents['session.changed'].event, payload: idleSnapshot },
    ]);
  });

  it('removes every handler and closes the core when the app quits, quitting only once the core has closed', async () => {
    await bootShell();
    const first = fake.fakeEvent();
    fake.app.emit('will-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(core.listenerCount()).toBe(0);
    expect(core.closed.count).toBe(1);
    await vi.waitFor(() => expect(fake.calls.quit).toBe(1));
    const second = fake.fakeEvent();
    fake.app.emit('will-quit', second);
    expect(second.defaultPrevented).toBe(false);
    expect(core.closed.count).toBe(1);
  });
});

describe('trusted-sender predicate', () => {
  const isTrusted = createTrustedSenderPredicate({ kioskWebContentsId: () => 7, trustedOrigins: [APP_ORIGIN] });
  const kiosk: Sender = { kind: 'electron', webContentsId: 7, frameUrl: 'app://kiosk/index.html', isMainFrame: true };

  it('accepts only the kiosk window main frame on app://kiosk', () => {
    expect(isTrusted(kiosk)).toBe(true);
    expect(isTrusted({ ...kiosk, isMainFrame: false })).toBe(false);
    expect(isTrusted({ ...kiosk, webContentsId: 8 })).toBe(false);
    for (const frameUrl of [
      'https://evil.example/',
      'app://evil/index.html',
      'file:///index.html',
      'http://127.0.0.1:5173/',
      '',
    ]) {
      expect(isTrusted({ ...kiosk, frameUrl }), frameUrl).toBe(false);
    }
    expect(isTrusted({ kind: 'browser-host', connectionId: 'c1', authenticated: true })).toBe(false);
    expect(createTrustedSenderPredicate({ kioskWebContentsId: () => null, trustedOrigins: [APP_ORIGIN] })(kiosk)).toBe(
      false,
    );
  });

  it('accepts the dev server only when its origin is listed', () => {
    const dev = createTrustedSenderPredicate({
      kioskWebContentsId: () => 7,
      trustedOrigins: [APP_ORIGIN, 'http://127.0.0.1:5173'],
    });
    expect(dev({ ...kiosk, frameUrl: 'http://127.0.0.1:5173/' })).toBe(true);
    expect(dev({ ...kiosk, frameUrl: 'http://127.0.0.1:5174/' })).toBe(false);
  });

  it('reads the sender from the invoke event, treating a detached or missing frame as not the main frame', () => {
    const contents = new fake.FakeWebContents();
    contents.mainFrame.url = APP_ENTRY_URL;
    const event = (senderFrame: fake.FakeFrame | null) =>
      ({ sender: contents, senderFrame }) as unknown as Parameters<typeof senderFrom>[0];
    expect(senderFrom(event(contents.mainFrame))).toEqual({
      kind: 'electron',
      webContentsId: contents.id,
      frameUrl: APP_ENTRY_URL,
      isMainFrame: true,
    });
    expect(senderFrom(event({ url: APP_ENTRY_URL, detached: false })).isMainFrame).toBe(false);
    expect(senderFrom(event(null))).toMatchObject({ frameUrl: '', isMainFrame: false });
    contents.mainFrame.detached = true;
    expect(senderFrom(event(contents.mainFrame)).isMainFrame).toBe(false);
  });
});

describe('deny by default', () => {
  it('blocks navigation and redirects off the app origin, new windows and webviews, in every web contents', async () => {
    await bootShell();
    const other = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', fake.fakeEvent(), other);
    for (const contents of [onlyWindow().webContents, other]) {
      for (const name of ['will-navigate', 'will-redirect']) {
        const away = fake.fakeEvent({ url: 'https://evil.example/' });
        contents.emit(name, away);
        expect(away.defaultPrevented, name).toBe(true);
        const file = fake.fakeEvent({ url: 'file:///etc/passwd' });
        contents.emit(name, file);
        expect(file.defaultPrevented, name).toBe(true);
        const home = fake.fakeEvent({ url: 'app://kiosk/index.html' });
        contents.emit(name, home);
        expect(home.defaultPrevented, name).toBe(false);
      }
      const webview = fake.fakeEvent();
      contents.emit('will-attach-webview', webview, {}, {});
      expect(webview.defaultPrevented).toBe(true);
      expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
    }
  });

  it('denies every permission request and check', async () => {
    await bootShell();
    const { permissionRequestHandler, permissionCheckHandler } = fake.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen']) {
      const callback = vi.fn();
      permissionRequestHandler?.(onlyWindow().webContents, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(permissionCheckHandler?.(onlyWindow().webContents, permission, APP_ORIGIN, {})).toBe(false);
    }
    // WebUSB / WebHID / Web Serial: the devices belong to main.
    const { devicePermissionHandler } = fake.session.defaultSession;
    for (const deviceType of ['usb', 'hid', 'serial']) {
      expect(devicePermissionHandler?.({ deviceType, origin: APP_ORIGIN, device: {} }), deviceType).toBe(false);
    }
  });

  it('never starts the crash reporter: dumps would hold renderer memory (the PIN keypad)', async () => {
    const sources: string[] = [];
    const collect = async (dir: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await collect(path);
        else if (entry.name.endsWith('.ts')) sources.push(path);
      }
    };
    await collect(join(import.meta.dirname, '../../electron'));
    expect(sources.length).toBeGreaterThan(10);
    for (const path of sources) expect(await readFile(path, 'utf8'), path).not.toMatch(/crashReporter/);
  });

  it('removes the application menu', async () => {
    await bootShell();
    expect(fake.calls.applicationMenus).toEqual([null]);
  });
});

describe('lifecycle', () => {
  it('runs demo mode only where asked (or in a development run): an installed kiosk is live by default', async () => {
    expect(kioskMode({}, false)).toBe('demo');
    expect(kioskMode({}, true)).toBe('live');
    expect(kioskMode({ ATM_MODE: 'demo' }, true)).toBe('demo');
    expect(kioskMode({ ATM_MODE: 'live' }, false)).toBe('live');
    // A typo never falls back to the demo accounts.
    expect(kioskMode({ ATM_MODE: 'Demo' }, false)).toBe('live');
    fake.appState.isPackaged = true;
    await bootShell();
    expect(coreOptions[0]?.mode).toBe('live');
    // An installed kiosk never runs the simulators in live mode: without drivers it stays out of service.
    expect(coreOptions[0]?.simulatedDevicesInLiveMode).toBe(false);
  });

  it('--create-supervisor sets up the first supervisor from the console and exits, with no window and no core', async () => {
    const printed: string[] = [];
    const asked: unknown[] = [];
    await bootShell({
      argv: ['--create-supervisor', 'branch.lead'],
      createFirstSupervisor: async (options) => {
        asked.push({ dataDir: options.dataDir, staffId: options.staffId });
        return { password: 'abcde-fghjk-mnpqr-stuvw' };
      },
      print: (stream, text) => printed.push(`${stream}: ${text}`),
    });
    expect(asked).toEqual([{ dataDir: fake.appState.userData, staffId: 'branch.lead' }]);
    expect(printed.join('')).toContain('stdout: Supervisor "branch.lead" created. One-time password (shown once): abcde-fghjk-mnpqr-stuvw');
    expect(fake.calls.exitCodes).toEqual([0]);
    expect(coreOptions).toHaveLength(0);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('--create-supervisor refuses while the kiosk runs, and reports a refusal on stderr with exit code 1', async () => {
    const printed: string[] = [];
    fake.appState.lockObtained = false;
    let called = 0;
    await bootShell({
      argv: ['--create-supervisor', 'branch.lead'],
      createFirstSupervisor: async () => {
        called += 1;
        return { password: 'never' };
      },
      print: (stream, text) => printed.push(`${stream}: ${text}`),
    });
    expect(called).toBe(0);
    expect(printed).toEqual(['stderr: Stop the kiosk first: it is running on this machine.\n']);
    expect(fake.calls.exitCodes).toEqual([1]);

    fake.appState.lockObtained = true;
    printed.length = 0;
    await bootShell({
      argv: ['--create-supervisor', 'x'],
      createFirstSupervisor: async () => {
        throw new FirstSupervisorError('INVALID_STAFF_ID', 'A staff id is 3 to 32 letters.');
      },
      print: (stream, text) => printed.push(`${stream}: ${text}`),
    });
    expect(printed).toEqual(['stderr: A staff id is 3 to 32 letters.\n']);
    expect(fake.calls.exitCodes).toEqual([1, 1]);
  });

  it('quits without starting anything when another instance holds the lock', async () => {
    fake.appState.lockObtained = false;
    await bootShell();
    expect(fake.calls.quit).toBe(1);
    expect(coreOptions).toHaveLength(0);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('focuses the kiosk window when a second instance starts', async () => {
    await bootShell();
    fake.app.emit('second-instance', fake.fakeEvent(), [], '/');
    expect(onlyWindow().focused).toBe(1);
  });

  it('creates the core with the user-data dir, the keychain, a file logger, the version and demo mode', async () => {
    await bootShell();
    expect(coreOptions).toHaveLength(1);
    const options = coreOptions[0] as KioskCoreOptions;
    expect(options).toMatchObject({ dataDir: fake.appState.userData, mode: 'demo', version: '0.1.0-test' });
    expect(options.openSecretStore).toBe(createKeychainSecretStore);
    options.logger.info('hello from the test', { reason: 'probe' });
    expect(await readFile(join(fake.appState.userData, 'logs', 'kiosk.log'), 'utf8')).toContain('hello from the test');
  });

  it('runs live only when ATM_MODE=live', async () => {
    await bootShell({ env: { ATM_MODE: 'live' } });
    expect(coreOptions[0]?.mode).toBe('live');
  });

  it('keeps the display awake while it runs', async () => {
    await bootShell();
    expect([...fake.powerSaveBlocker.active.values()]).toEqual(['prevent-display-sleep']);
    fake.app.emit('will-quit', fake.fakeEvent());
    expect(fake.powerSaveBlocker.active.size).toBe(0);
  });

  it('points crash dumps at a folder under the data dir that is emptied at every start', async () => {
    const dumps = join(fake.appState.userData, CRASH_DUMPS_DIR);
    await mkdir(dumps, { recursive: true });
    await writeFile(join(dumps, 'old.dmp'), 'memory with a PIN in it');
    await bootShell();
    expect(fake.calls.paths).toEqual([{ name: 'crashDumps', path: dumps }]);
    expect(existsSync(dumps)).toBe(false);
  });

  it('says on screen that a newer database was refused (downgrade), and fails closed: no IPC, no exit', async () => {
    // The real migration runner's refusal, as a downgraded kiosk meets it.
    const db = new Database(':memory:');
    db.pragma('user_version = 9990');
    let refusal: unknown;
    try {
      migrate(db, migrations);
    } catch (error) {
      refusal = error;
    }
    db.close();
    expect(refusal).toMatchObject({ code: 'DATABASE_TOO_NEW' });

    await bootShell({ createCore: () => Promise.reject(refusal) });
    const html = expectOutOfServiceWindow(onlyWindow());
    expect(html).toContain(STARTUP_ERROR_TITLE);
    expect(html).toContain(STARTUP_FAULT_MESSAGES.DATABASE_TOO_NEW);
    expect(html).toMatch(/newer version of ATM Kiosk/);
    expect(html).toMatch(/install the newer version again/i);
    // The core's own words, with the schema versions, for the technician.
    expect(html).toMatch(/schema 9990, this version knows \d+/);
    expect(fake.ipcMain.handlers.size).toBe(0);
    // Staying up is deliberate: an exit would have the supervisor restart into the same refusal, then reboot.
    expect(fake.calls.exitCodes).toEqual([]);
    expect(fake.calls.errorBoxes).toEqual([]);
    const log = await readFile(join(fake.appState.userData, 'logs', 'kiosk.log'), 'utf8');
    expect(log).toContain('"code":"DATABASE_TOO_NEW"');
  });

  it('names every known start-up fault on the out-of-service page, by its code', async () => {
    const faults = ['SECRET_STORE_UNAVAILABLE', 'DEVICE_SECRETS_MISSING', 'DATABASE_DAMAGED'] as const;
    for (const code of faults) {
      fake.resetFakeElectron();
      Object.assign(fake.appState, { appPath, userData: join(workDir, `user-data-${code}`) });
      const message = `core says ${code}`;
      await bootShell({ createCore: () => Promise.reject(new KioskStartupError(code, message)) });
      const html = expectOutOfServiceWindow(onlyWindow());
      expect(html, code).toContain(STARTUP_FAULT_MESSAGES[code]);
      expect(html, code).toContain(message);
      expect(fake.ipcMain.handlers.size).toBe(0);
    }
  });

  it('fails closed on an unexpected start-up fault without showing its internals', async () => {
    await bootShell({ createCore: () => Promise.reject(new Error('SQLITE_CORRUPT at /secret/path')) });
    const html = expectOutOfServiceWindow(onlyWindow());
    expect(html).toContain(STARTUP_FAULT_MESSAGES.UNEXPECTED);
    expect(html).not.toContain('/secret/path');
    expect(fake.ipcMain.handlers.size).toBe(0);
    const log = await readFile(join(fake.appState.userData, 'logs', 'kiosk.log'), 'utf8');
    expect(log).toContain('SQLITE_CORRUPT at /secret/path');
  });

  it('shows a fault that escapes before the log exists on the page, since no log line can point to it', async () => {
    await bootShell({
      electron: {
        protocol: {
          ...fake.protocol,
          handle: () => {
            throw new Error('protocol app already handled');
          },
        },
      },
    });
    const html = expectOutOfServiceWindow(onlyWindow());
    expect(html).toContain('protocol app already handled');
    expect(fake.calls.exitCodes).toEqual([]);
  });

  it('falls back to an error dialog and exit(1) when not even the out-of-service page can open', async () => {
    // Electron throws from the constructor when no window can be made (no display, GPU gone).
    function NoDisplayWindow(): never {
      throw new Error('no display');
    }
    await bootShell({
      createCore: () => Promise.reject(new KioskStartupError('DATABASE_TOO_NEW', 'schema 9990')),
      electron: { BrowserWindow: NoDisplayWindow as unknown as typeof fake.FakeBrowserWindow },
    });
    expect(fake.calls.errorBoxes).toEqual([
      { title: STARTUP_ERROR_TITLE, content: `${STARTUP_FAULT_MESSAGES.DATABASE_TOO_NEW}\nschema 9990` },
    ]);
    expect(fake.calls.exitCodes).toEqual([1]);
  });

  it('replaces a crashed page with a new window at idle and sends events there', async () => {
    await bootShell();
    const crashed = onlyWindow();
    crashed.webContents.emit('render-process-gone', fake.fakeEvent(), { reason: 'crashed', exitCode: 139 });

    expect(core.resets).toHaveLength(1);
    expect(core.resets[0]).toContain('crashed');
    expect(fake.FakeBrowserWindow.instances).toHaveLength(2);
    const replacement = fake.FakeBrowserWindow.instances[1] as fake.FakeBrowserWindow;
    expect(replacement.loadedUrl).toBe(APP_ENTRY_URL);
    expect(crashed.destroyed).toBe(true);
    expect(fake.calls.quit).toBe(0);

    core.emit('system.statusChanged', status);
    expect(replacement.webContents.sent).toHaveLength(1);
    expect(crashed.webContents.sent).toHaveLength(0);
    // Only the current window's main frame may call in.
    const handler = fake.ipcMain.handlers.get('atm:system:getStatus');
    expect(await handler?.(mainFrameEvent(replacement), {})).toMatchObject({ ok: true });
    expect(await handler?.(mainFrameEvent(crashed), {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });

    // A late event from the old window changes nothing.
    crashed.webContents.emit('render-process-gone', fake.fakeEvent(), { reason: 'crashed', exitCode: 139 });
    expect(fake.FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('replaces an unresponsive page too', async () => {
    await bootShell();
    onlyWindow().emit('unresponsive');
    expect(core.resets).toEqual(['renderer unresponsive']);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('goes out of service (journal via the core) when the page keeps failing, and stays up', async () => {
    const outOfService: string[] = [];
    await bootShell({ now: () => 1_000, takeOutOfService: (_core, reason) => outOfService.push(reason) });
    for (let failure = 0; failure <= WINDOW_REPLACEMENTS_MAX; failure++) {
      fake.FakeBrowserWindow.instances.at(-1)?.emit('unresponsive');
    }
    // The first window, its replacements, then the out-of-service page instead of another replacement.
    expect(fake.FakeBrowserWindow.instances).toHaveLength(2 + WINDOW_REPLACEMENTS_MAX);
    expect(fake.FakeBrowserWindow.instances.filter((window) => !window.destroyed)).toHaveLength(1);
    expect(core.resets).toHaveLength(1 + WINDOW_REPLACEMENTS_MAX);
    expect(outOfService).toHaveLength(1);
    expect(outOfService[0]).toMatch(/failed 6 times within 60 s \(last: renderer unresponsive\)/);
    const page = fake.FakeBrowserWindow.instances.at(-1);
    expect(expectOutOfServiceWindow(page)).toContain(REPEATED_FAILURE_MESSAGE);
    expect(fake.calls.exitCodes).toEqual([]);

    // The page is not the app: it cannot call in, and events are not forwarded to a page without a preload.
    const handler = fake.ipcMain.handlers.get('atm:system:getStatus');
    expect(await handler?.(mainFrameEvent(page as fake.FakeBrowserWindow), {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    // If even the static page dies, the supervisor restarts the app.
    page?.webContents.emit('render-process-gone', fake.fakeEvent(), { reason: 'crashed', exitCode: 139 });
    expect(fake.calls.exitCodes).toEqual([1]);
  });

  it('counts failures per minute: a failure now and then is replaced every time', async () => {
    let clock = 0;
    await bootShell({ now: () => clock, takeOutOfService: () => expect.fail('not out of service') });
    for (let failure = 0; failure < 3 * WINDOW_REPLACEMENTS_MAX; failure++) {
      clock += 20_000;
      fake.FakeBrowserWindow.instances.at(-1)?.emit('unresponsive');
    }
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1 + 3 * WINDOW_REPLACEMENTS_MAX);
    expect(fake.FakeBrowserWindow.instances.at(-1)?.loadedUrl).toBe(APP_ENTRY_URL);
  });

  it("calls the core's takeOutOfService by default, and still shows the page when the core cannot record it", async () => {
    const recorded: string[] = [];
    const withMethod = Object.assign(createFakeKioskCore(), {
      takeOutOfService: (reason: string) => recorded.push(reason),
    });
    await bootShell({ now: () => 1_000, createCore: async () => withMethod });
    for (let failure = 0; failure <= WINDOW_REPLACEMENTS_MAX; failure++) {
      fake.FakeBrowserWindow.instances.at(-1)?.webContents.emit('render-process-gone', fake.fakeEvent(), {
        reason: 'oom',
        exitCode: 1,
      });
    }
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toContain('renderer gone: oom');

    fake.resetFakeElectron();
    Object.assign(fake.appState, { appPath, userData: join(workDir, 'user-data-2') });
    const failing = Object.assign(createFakeKioskCore(), {
      takeOutOfService: () => {
        throw new Error('database is locked');
      },
    });
    await bootShell({ now: () => 1_000, createCore: async () => failing });
    for (let failure = 0; failure <= WINDOW_REPLACEMENTS_MAX; failure++) {
      fake.FakeBrowserWindow.instances.at(-1)?.emit('unresponsive');
    }
    expectOutOfServiceWindow(fake.FakeBrowserWindow.instances.at(-1));
    const log = await readFile(join(workDir, 'user-data-2', 'logs', 'kiosk.log'), 'utf8');
    expect(log).toContain('the core could not record out of service');
  });

  it('does not replace windows while the app quits', async () => {
    await bootShell();
    fake.app.emit('before-quit', fake.fakeEvent());
    onlyWindow().webContents.emit('render-process-gone', fake.fakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    expect(core.resets).toHaveLength(0);
  });
});

describe('preload', () => {
  let exposed: AtmApi | undefined;
  const preloadApi = async (): Promise<AtmApi> => {
    // The module runs once per test file; keep what it exposed across the per-test reset of the fake.
    if (!exposed) {
      await import('../../electron/preload.ts');
      exposed = fake.contextBridge.exposed.get('atm') as AtmApi;
    }
    return exposed;
  };

  it('exposes a frozen window.atm with one named method per channel and no generic invoke', async () => {
    const api = await preloadApi();
    expect(Object.isFrozen(api)).toBe(true);
    // One object per contract domain, plus `on`.
    const domains = [...new Set(channelEntries.map((entry) => entry.domain as string))];
    expect(Object.keys(api).sort()).toEqual(['on', ...domains].sort());
    expect('invoke' in api).toBe(false);
    for (const entry of channelEntries) {
      const domain = api[entry.domain] as Record<string, unknown>;
      expect(typeof domain[entry.method], entry.spec.channel).toBe('function');
    }
    await api.system.getStatus({});
    expect(fake.ipcRenderer.invocations).toEqual([{ channel: 'atm:system:getStatus', payload: {} }]);
  });

  it('delivers only the payload to listeners and unsubscribes', async () => {
    const api = await preloadApi();
    const listener = vi.fn();
    const off = api.on('session.changed', listener);
    fake.ipcRenderer.emit('atm:event:session.changed', { sender: 'ipcRenderer' }, idleSnapshot);
    expect(listener).toHaveBeenCalledExactlyOnceWith(idleSnapshot);
    off();
    expect(fake.ipcRenderer.listenerCount('atm:event:session.changed')).toBe(0);
    expect(() => api.on('nope' as 'session.changed', listener)).toThrow(TypeError);
  });

  it('bundles to one sandbox-compatible CommonJS file that requires nothing but electron', async () => {
    const outDir = join(workDir, 'preload-build');
    await build({
      configFile: join(import.meta.dirname, '../../vite.config.ts'),
      mode: 'preload',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    const code = await readFile(join(outDir, 'preload.cjs'), 'utf8');
    const required = [...code.matchAll(/\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((match) => match[2]);
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bimport\s*\(/);

    // Run it as the sandbox would: a `require` that knows only electron.
    const exposedHere = new Map<string, unknown>();
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
      return {
        contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposedHere.set(key, value) },
        ipcRenderer: fake.ipcRenderer,
      };
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    const api = exposedHere.get('atm') as AtmApi;
    expect(Object.isFrozen(api)).toBe(true);
    expect(typeof api.session.submitPin).toBe('function');
  });
});
