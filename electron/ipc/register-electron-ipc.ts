// Wires the transport-agnostic router to Electron: the only file that touches raw `ipcMain`. Every contract channel
// gets exactly one handler, and only the kiosk window's main frame on a trusted origin gets past the sender check.
import { type IpcMainInvokeEvent, type WebContents, ipcMain } from 'electron';
import { type EventName, contractEvents } from '../../shared/ipc/index.ts';
import type { KioskCore } from '../core/kiosk-core-types.ts';
import { originOf } from '../protocol.ts';
import type { IpcRouter, Sender } from './router.ts';

export type ElectronSender = Extract<Sender, { kind: 'electron' }>;

/** What the router is told about a call; a frame that is gone or swapped out is reported as not the main frame. */
export function senderFrom(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): ElectronSender {
  const frame = event.senderFrame;
  return {
    kind: 'electron',
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? '',
    isMainFrame: frame !== null && !frame.detached && frame === event.sender.mainFrame,
  };
}

export type TrustedSenderOptions = {
  /** The kiosk window's web contents id, or null while there is no window. */
  readonly kioskWebContentsId: () => number | null;
  /** `app://kiosk`, plus the dev server's origin in an unpackaged app. */
  readonly trustedOrigins: readonly string[];
};

/** The router's sender check: the kiosk window, its main frame, a page of the kiosk's own origin — nothing else. */
export function createTrustedSenderPredicate({ kioskWebContentsId, trustedOrigins }: TrustedSenderOptions) {
  return (sender: Sender): boolean => {
    if (sender.kind !== 'electron' || !sender.isMainFrame) return false;
    const kioskId = kioskWebContentsId();
    if (kioskId === null || sender.webContentsId !== kioskId) return false;
    const origin = originOf(sender.frameUrl);
    return origin !== null && trustedOrigins.includes(origin);
  };
}

export type ElectronIpcOptions = {
  readonly router: IpcRouter;
  readonly events: Pick<KioskCore, 'subscribe'>;
  /** Where core events go: the current kiosk window's web contents (it changes when the window is recreated). */
  readonly kioskWebContents: () => Pick<WebContents, 'send' | 'isDestroyed'> | null;
};

/** Registers a handler per router channel and forwards core events; returns the function that undoes both. */
export function registerElectronIpc({ router, events, kioskWebContents }: ElectronIpcOptions): () => void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, payload: unknown) => router.handle(channel, payload, senderFrom(event)));
  }
  const unsubscribe = events.subscribe((name: EventName, payload) => {
    const contents = kioskWebContents();
    // No window (between a crash and its replacement): the new page asks for a fresh snapshot when it loads.
    if (contents && !contents.isDestroyed()) contents.send(contractEvents[name].event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of router.channels) ipcMain.removeHandler(channel);
  };
}
