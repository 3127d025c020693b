// `window.atm` for the browser host: the same contract-built API the Electron preload exposes, carried over a
// WebSocket to the host instead of Electron IPC. Loaded by the host before the app; never part of the Electron app.
import { type AtmTransport, createAtmApi } from '../../shared/ipc/contract.ts';

const TOKEN_KEY = 'atm-host-token';
const WS_PATH = '/__atm-host/ws';
const TOKEN_PROTOCOL_PREFIX = 'atm-token.';

function takeToken(): string {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    sessionStorage.setItem(TOKEN_KEY, fromFragment);
    history.replaceState(null, '', location.pathname + location.search);
    return fromFragment;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Reply = { type: 'reply'; id: number; envelope: unknown };
type Pushed = { type: 'event'; event: string; payload: unknown };

function connect(): AtmTransport {
  const socket = new WebSocket(`ws://${location.host}${WS_PATH}`, [`${TOKEN_PROTOCOL_PREFIX}${takeToken()}`]);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (reason: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queued: string[] = [];
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const message of queued.splice(0)) socket.send(message);
  });
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as Reply | Pushed;
    if (message.type === 'reply') {
      pending.get(message.id)?.resolve(message.envelope);
      pending.delete(message.id);
    } else {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const call of pending.values()) call.reject(new Error('The kiosk host connection closed.'));
    pending.clear();
  });

  return {
    invoke(channel, payload) {
      if (closed) return Promise.reject(new Error('The kiosk host connection closed.'));
      const id = nextId++;
      const message = JSON.stringify({ id, channel, payload });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (socket.readyState === WebSocket.OPEN) socket.send(message);
        else queued.push(message);
      });
    },
    subscribe(eventChannel, listener) {
      const set = listeners.get(eventChannel) ?? new Set();
      set.add(listener);
      listeners.set(eventChannel, set);
      return () => set.delete(listener);
    },
  };
}

Object.defineProperty(window, 'atm', { value: createAtmApi(connect()), writable: false, configurable: false });
