// Messages between the browser host and its `window.atm` shim over the WebSocket. Both ends validate them.
import { z } from 'zod';

/** Path of the WebSocket bridge and of the shim script the host injects into the renderer's page. */
export const HOST_WS_PATH = '/__atm-host/ws';
export const HOST_SHIM_PATH = '/__atm-host/atm-shim.js';
/** The per-run token travels as a WebSocket subprotocol: `atm-token.<token>`. */
export const TOKEN_PROTOCOL_PREFIX = 'atm-token.';

/** Largest message either side accepts; contract payloads are a few hundred bytes. */
export const HOST_MESSAGE_BYTES_MAX = 64 * 1024;
/** Calls one connection may have outstanding at once. */
export const HOST_PENDING_CALLS_MAX = 16;

export const HostCallSchema = z.strictObject({
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  channel: z.string().max(100),
  payload: z.unknown(),
});
export type HostCall = z.infer<typeof HostCallSchema>;
