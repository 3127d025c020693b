// The preload: exposes a frozen `window.atm` built from the contract — named methods and `on → unsubscribe`, never a
// generic invoke. Bundled to one CommonJS file that requires only `electron`, so it runs under `sandbox: true`.
import { type IpcRendererEvent, contextBridge, ipcRenderer } from 'electron';
import { type AtmApi, createAtmApi } from '../shared/ipc/contract.ts';

const api = createAtmApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (eventChannel, listener) => {
    // Only the payload crosses into the page: the IpcRendererEvent would hand it `sender` (ipcRenderer itself).
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel, forward);
    return () => {
      ipcRenderer.removeListener(eventChannel, forward);
    };
  },
}) satisfies AtmApi;

contextBridge.exposeInMainWorld('atm', api);
