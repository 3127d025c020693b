// The Electron shell against a recording fake `electron` module (the binary cannot run here): window security
// options, the app:// protocol, IPC registration and sender checks, deny-by-default guards, lifecycle, the preload.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskStartupError, type KioskCoreOptions } from '../../electron/core/kiosk-core-types.ts';
import { createTrustedSenderPredicate, senderFrom } from '../../electron/ipc/register-electron-ipc.ts';
import type { Sender } from '../../electron/ipc/router.ts';
import { type KioskShell, type ShellElectron, WINDOW_REPLACEMENTS_MAX, startKioskShell } from '../../electron/main.ts';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  originOf,
  resolveAppPath,
} from '../../electron/protocol.ts';
import { createKeychainSecretStore } from '../../electron/secrets/secret-store.ts';
import { devRendererUrl, isBlockedShortcut } from '../../electron/window.ts';
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

function startShell(
  options: { env?: Record<string, string>; createCore?: () => Promise<FakeKioskCore>; now?: () => number } = {},
): KioskShell {
  return startKioskShell({
    electron: fake.fakeElectronModule as unknown as ShellElectron,
    createCore: async (coreOpts) => {
      coreOptions.push(coreOpts);
      return options.createCore ? options.createCore() : core;
    },
    env: options.env ?? {},
    ...(options.now ? { now: options.now } : {}),
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

    const press = (key: string, modifiers: { control?: boolean; alt?: boolean; shift?: boolean } = {}) => {
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
    };
    for (const blocked of [
      ['r', { control: true }],
      ['=', { control: true }],
      ['-', { control: true }],
      ['I', { control: true, shift: true }],
      ['F5'],
      ['F12'],
      ['F4', { alt: true }],
      ['ArrowLeft', { alt: true }],
    ] as const) {
      expect(press(blocked[0], blocked[1]), `${blocked[0]} ${JSON.stringify(blocked[1])}`).toBe(true);
    }
    for (const allowed of ['1', '0', 'Enter', 'Escape', 'Backspace', 'F1', 'F4', 'F8'])
      expect(press(allowed), allowed).toBe(false);
    expect(isBlockedShortcut({ key: 'v', control: true, meta: false, alt: false, shift: false })).toBe(false);
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
    // Dot segments are refused even when they would stay inside the root: no normalising, no guessing.
    expect(resolveAppPath('app://kiosk/assets/../index.html', rendererRoot)).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath('app://kiosk/./index.html', rendererRoot)).toEqual({ ok: false, status: 403 });
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

  it('removes every handler and closes the core when the app quits', async () => {
    await bootShell();
    fake.app.emit('will-quit', fake.fakeEvent());
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(core.listenerCount()).toBe(0);
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
  });

  it('removes the application menu', async () => {
    await bootShell();
    expect(fake.calls.applicationMenus).toEqual([null]);
  });
});

describe('lifecycle', () => {
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

  it('fails closed on a KioskStartupError: error box, exit(1), no window, no IPC', async () => {
    const message = 'The OS keychain is not available.';
    await bootShell({ createCore: () => Promise.reject(new KioskStartupError('SECRET_STORE_UNAVAILABLE', message)) });
    expect(fake.calls.errorBoxes).toEqual([{ title: 'ATM Kiosk cannot start', content: message }]);
    expect(fake.calls.exitCodes).toEqual([1]);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('fails closed on an unexpected start-up fault without showing its internals', async () => {
    await bootShell({ createCore: () => Promise.reject(new Error('SQLITE_CORRUPT at /secret/path')) });
    expect(fake.calls.exitCodes).toEqual([1]);
    expect(fake.calls.errorBoxes).toHaveLength(1);
    expect(fake.calls.errorBoxes[0]?.content).not.toContain('/secret/path');
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
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

  it('exits for the supervisor when the page keeps failing', async () => {
    await bootShell({ now: () => 1_000 });
    for (let failure = 0; failure <= WINDOW_REPLACEMENTS_MAX; failure++) {
      fake.FakeBrowserWindow.instances.at(-1)?.emit('unresponsive');
    }
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1 + WINDOW_REPLACEMENTS_MAX);
    expect(fake.calls.exitCodes).toEqual([1]);
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
    expect(Object.keys(api).sort()).toEqual(['on', 'session', 'system']);
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
