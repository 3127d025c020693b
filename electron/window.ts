// The kiosk window: full screen, sandboxed, isolated, no zoom, no browser shortcuts. Its web preferences are the
// security baseline of DESIGN §6 and are built in one place so a test can pin every one of them.
import type { BrowserWindow, BrowserWindowConstructorOptions, Input, WebPreferences } from 'electron';
import type { Logger } from './log/logger.ts';

/** Painted before the first frame so a (re)created window never flashes white at the customer. */
export const KIOSK_BACKGROUND_COLOR = '#0b1d2e';

export type KioskWindowConfig = {
  readonly isPackaged: boolean;
  /** Absolute path of dist/preload/preload.cjs. */
  readonly preloadPath: string;
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
    preload: preloadPath,
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

/** Keys a customer can reach a browser feature with. F1–F4 and F6–F10 stay free: they are the side buttons. */
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
]);
/** Text editing in the staff screens; every other Ctrl/Cmd chord (reload, zoom, print, devtools…) is dropped. */
const EDITING_CHORD_KEYS = new Set(['a', 'c', 'v', 'x', 'z', 'y']);

/** Whether a key press would reach a browser or window feature instead of the page. */
export function isBlockedShortcut(input: Pick<Input, 'key' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  if (BLOCKED_KEYS.has(input.key)) return true;
  if (input.control || input.meta) {
    return !(EDITING_CHORD_KEYS.has(input.key.toLowerCase()) && !input.shift && !input.alt);
  }
  if (input.alt)
    return input.key === 'F4' || input.key === 'ArrowLeft' || input.key === 'ArrowRight' || input.key === 'Home';
  return false;
}

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the kiosk window and starts loading `url`; a load failure is logged (the window stays on its colour). */
export function createKioskWindow(
  BrowserWindowClass: BrowserWindowConstructor,
  config: KioskWindowConfig & { readonly url: string; readonly logger: Logger },
): BrowserWindow {
  const window = new BrowserWindowClass(kioskWindowOptions(config));
  const contents = window.webContents;
  // Pinch zoom on a touchscreen would push the keypad off screen; keyboard zoom is caught by the shortcut filter.
  void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  // Electron shows no context menu of its own; refusing the event keeps a long press from ever opening one.
  contents.on('context-menu', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
  window.loadURL(config.url).catch((error: unknown) => {
    config.logger.error('kiosk page failed to load', { error: error instanceof Error ? error.message : 'unknown' });
  });
  return window;
}
