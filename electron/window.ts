// The kiosk window: full screen, sandboxed, isolated, no zoom, no browser shortcuts. Its web preferences are the
// security baseline of DESIGN §6 and are built in one place so a test can pin every one of them.
import type { BrowserWindow, BrowserWindowConstructorOptions, Input, WebContents, WebPreferences } from 'electron';
import type { Logger } from './log/logger.ts';

/** Painted before the first frame so a (re)created window never flashes white at the customer. */
export const KIOSK_BACKGROUND_COLOR = '#0b1d2e';

export type KioskWindowConfig = {
  readonly isPackaged: boolean;
  /** Absolute path of dist/preload/preload.cjs; null for a page that must not reach main at all. */
  readonly preloadPath: string | null;
};

export function kioskWebPreferences({ isPackaged, preloadPath }: KioskWindowConfig): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !isPackaged,
    ...(preloadPath === null ? {} : { preload: preloadPath }),
  };
}

export function kioskWindowOptions(config: KioskWindowConfig): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND_COLOR,
    webPreferences: kioskWebPreferences(config),
  };
}

/**
 * The renderer URL for `npm run dev` (Vite's dev server). Only honoured in an unpackaged app and only on loopback
 * http, so an environment variable can never point an installed kiosk at another page.
 */
export function devRendererUrl(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): string | null {
  const value = env.ATM_RENDERER_URL;
  if (isPackaged || !value) return null;
  try {
    const url = new URL(value);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    return url.protocol === 'http:' && loopback ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Keys a customer can reach a browser or window feature with: reload (F5), full-screen toggle (F11), devtools (F12)
 * and the browser/zoom media keys. F1–F4 and F6–F10 stay free: they are the side buttons next to the screen.
 */
const BLOCKED_KEYS = new Set([
  'F5',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserStop',
  'BrowserSearch',
  'BrowserFavorites',
  'BrowserHome',
  'ZoomIn',
  'ZoomOut',
  'ZoomToggle',
  'ContextMenu',
]);
/** Text editing in the staff screens; every other Ctrl/Cmd chord (reload, zoom, print, close, quit, devtools…) is dropped. */
const EDITING_CHORD_KEYS = new Set(['a', 'c', 'v', 'x', 'z', 'y']);
/** Alt+F4 closes the window, Alt+Space opens the window menu (Windows), Alt+arrows/Home navigate history. */
const BLOCKED_ALT_KEYS = new Set(['F4', ' ', 'ArrowLeft', 'ArrowRight', 'Home']);

/** Whether a key press would reach a browser or window feature instead of the page. */
export function isBlockedShortcut(input: Pick<Input, 'key' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  if (BLOCKED_KEYS.has(input.key)) return true;
  if (input.control || input.meta) {
    return !(EDITING_CHORD_KEYS.has(input.key.toLowerCase()) && !input.shift && !input.alt);
  }
  if (input.alt) return BLOCKED_ALT_KEYS.has(input.key);
  return false;
}

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

type LockableContents = Pick<WebContents, 'on' | 'setVisualZoomLevelLimits' | 'setZoomFactor'>;

/**
 * What every kiosk page gets, the app's and the out-of-service page alike: no zoom, no context menu, no browser
 * shortcuts. Zoom is set again after each load because Chromium remembers a zoom level per origin.
 */
export function lockDownKioskContents(contents: LockableContents): void {
  const lockZoom = () => {
    contents.setZoomFactor(1);
    // Pinch zoom on a touchscreen would push the keypad off screen; keyboard zoom is caught by the shortcut filter.
    void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  };
  lockZoom();
  contents.on('did-finish-load', lockZoom);
  // Ctrl+wheel asks for zoom through this event; the answer is always 100 %.
  contents.on('zoom-changed', lockZoom);
  // Electron shows no context menu of its own; refusing the event keeps a long press from ever opening one.
  contents.on('context-menu', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
}

/** Creates the kiosk window and starts loading `url`; a load failure is logged (the window stays on its colour). */
export function createKioskWindow(
  BrowserWindowClass: BrowserWindowConstructor,
  config: KioskWindowConfig & { readonly url: string; readonly logger: Logger },
): BrowserWindow {
  const window = new BrowserWindowClass(kioskWindowOptions(config));
  lockDownKioskContents(window.webContents);
  window.loadURL(config.url).catch((error: unknown) => {
    config.logger.error('kiosk page failed to load', { error: error instanceof Error ? error.message : 'unknown' });
  });
  return window;
}

/** The out-of-service page's own policy: it is one inline-styled document that loads nothing. */
export const OUT_OF_SERVICE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export type OutOfServicePage = {
  readonly title: string;
  /** What the customer reads. */
  readonly headline: string;
  /** For staff: what happened and what to do. */
  readonly message: string;
  /** For staff, in small print: the fault as reported (never internals that the log alone should hold). */
  readonly details: string;
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A self-contained page (no script, no preload, no IPC) for when the kiosk app cannot or may not run. */
export function outOfServicePageUrl({ title, headline, message, details }: OutOfServicePage): string {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${OUT_OF_SERVICE_PAGE_CSP}">` +
    `<title>${escapeHtml(title)}</title><style>` +
    `body{margin:0;height:100vh;display:flex;flex-direction:column;justify-content:center;align-items:center;` +
    `background:${KIOSK_BACKGROUND_COLOR};color:#fff;font:24px system-ui,sans-serif;text-align:center;user-select:none}` +
    'h1{font-size:48px;margin:0 0 24px}p{max-width:40em;margin:8px 32px}.details{font-size:16px;opacity:.75}' +
    `</style></head><body><h1>${escapeHtml(headline)}</h1><p>${escapeHtml(title)}</p><p>${escapeHtml(message)}</p>` +
    `<p class="details">${escapeHtml(details)}</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** A kiosk window showing the out-of-service page: same lockdown, no preload, devtools off even in development. */
export function createOutOfServiceWindow(
  BrowserWindowClass: BrowserWindowConstructor,
  page: OutOfServicePage,
  logger: Logger | undefined,
): BrowserWindow {
  const options = kioskWindowOptions({ isPackaged: true, preloadPath: null });
  const window = new BrowserWindowClass(options);
  lockDownKioskContents(window.webContents);
  window.loadURL(outOfServicePageUrl(page)).catch((error: unknown) => {
    logger?.error('out-of-service page failed to load', { error: error instanceof Error ? error.message : 'unknown' });
  });
  return window;
}
