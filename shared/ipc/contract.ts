// The IPC contract: the single source both ends derive from. Main's handler table, the preload's `window.atm` and
// the browser host's shim are all typed and built from these tables, so nothing is typed twice by hand.
import type { z } from 'zod';
import type { ChannelSpec, EventSpec } from './define.ts';
import type { Envelope } from './envelope.ts';
import { sessionChannels, sessionEvents } from './session.ts';
import { staffChannels, staffEvents } from './staff.ts';
import { systemChannels, systemEvents } from './system.ts';

export const contract = {
  session: sessionChannels,
  system: systemChannels,
  staff: staffChannels,
} as const satisfies Record<string, Record<string, ChannelSpec>>;

/** Events main pushes to the renderer, keyed `<domain>.<past-tense>`. */
export const contractEvents = {
  'session.changed': sessionEvents.changed,
  'system.statusChanged': systemEvents.statusChanged,
  'staff.changed': staffEvents.changed,
  'staff.cardInserted': staffEvents.cardInserted,
} as const satisfies Record<string, EventSpec>;

export type Contract = typeof contract;
export type Domain = keyof Contract;
export type MethodOf<D extends Domain> = keyof Contract[D] & string;
type SpecOf<D extends Domain, M extends MethodOf<D>> = Contract[D][M] extends ChannelSpec ? Contract[D][M] : never;

/** What a caller passes (zod input type). */
export type RequestOf<D extends Domain, M extends MethodOf<D>> = z.input<SpecOf<D, M>['request']>;
/** What a handler receives after parsing. */
export type ParsedRequestOf<D extends Domain, M extends MethodOf<D>> = z.output<SpecOf<D, M>['request']>;
export type ResponseOf<D extends Domain, M extends MethodOf<D>> = z.output<SpecOf<D, M>['response']>;

export type EventName = keyof typeof contractEvents;
export type EventPayload<E extends EventName> = z.output<(typeof contractEvents)[E]['payload']>;

export type ChannelEntry = { readonly domain: Domain; readonly method: string; readonly spec: ChannelSpec };

/** Every channel of the contract, flattened; the router looks calls up here. */
export const channelEntries: readonly ChannelEntry[] = Object.freeze(
  (Object.keys(contract) as Domain[]).flatMap((domain) =>
    Object.entries(contract[domain] as Record<string, ChannelSpec>).map(([method, spec]) =>
      Object.freeze({ domain, method, spec }),
    ),
  ),
);

/** `window.atm`: named methods per domain plus `on(event, cb) → unsubscribe`. No generic invoke. */
export type AtmApi = {
  readonly [D in Domain]: {
    readonly [M in MethodOf<D>]: (request: RequestOf<D, M>) => Promise<Envelope<ResponseOf<D, M>>>;
  };
} & {
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** How an end moves calls and events: Electron's ipcRenderer in the preload, a WebSocket in the browser host. */
export type AtmTransport = {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(eventChannel: string, listener: (payload: unknown) => void): () => void;
};

/** Builds the frozen `window.atm` object over a transport, one named method per contract entry. */
export function createAtmApi(transport: AtmTransport): AtmApi {
  const api: Record<string, unknown> = {};
  for (const domain of Object.keys(contract) as Domain[]) {
    const methods: Record<string, (request: unknown) => Promise<unknown>> = {};
    for (const [method, spec] of Object.entries(contract[domain] as Record<string, ChannelSpec>)) {
      const channelName = spec.channel;
      methods[method] = (request: unknown) => transport.invoke(channelName, request);
    }
    api[domain] = Object.freeze(methods);
  }
  api.on = (eventName: string, listener: (payload: unknown) => void) => {
    const spec = (contractEvents as Record<string, EventSpec>)[eventName];
    if (!spec) throw new TypeError(`unknown event ${eventName}`);
    return transport.subscribe(spec.event, listener);
  };
  return Object.freeze(api) as AtmApi;
}
