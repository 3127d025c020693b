// The renderer's only door to main: `window.atm`, installed by the preload (or the browser host's shim) and typed
// from the shared contract. The renderer sends intents through it and never imports anything of main.
import type { AtmApi } from '../shared/ipc/contract.ts';

declare global {
  interface Window {
    readonly atm: AtmApi;
  }
}

/** The kiosk API, or null when the page runs without a preload (opened in a plain browser, or the preload failed). */
export function getAtm(): AtmApi | null {
  // The declaration above is what the preload promises; this check is for when it did not run.
  const candidate: unknown = (window as { atm?: unknown }).atm;
  return typeof candidate === 'object' && candidate !== null ? (candidate as AtmApi) : null;
}
