// The transport-agnostic IPC pipeline: sender check → channel lookup → zod safeParse → handler → response check →
// envelope. Electron's ipcMain and the browser host's WebSocket both call `handle`; nothing throws across it.
import type { z } from 'zod';
import {
  type Domain,
  type Envelope,
  type MethodOf,
  type ParsedRequestOf,
  type ResponseOf,
  channelEntries,
  err,
} from '../../shared/ipc/index.ts';
import type { Logger } from '../log/logger.ts';

/** Who made the call, as the transport saw it. */
export type Sender =
  | {
      readonly kind: 'electron';
      readonly webContentsId: number;
      /** URL of the frame that sent the message. */
      readonly frameUrl: string;
      readonly isMainFrame: boolean;
    }
  | { readonly kind: 'browser-host'; readonly connectionId: string; readonly authenticated: boolean };

export type HandlerResult<T> = Envelope<T> | Promise<Envelope<T>>;

/** One handler per contract entry; a missing or extra handler is a compile error. */
export type HandlerTable = {
  readonly [D in Domain]: {
    readonly [M in MethodOf<D>]: (request: ParsedRequestOf<D, M>) => HandlerResult<ResponseOf<D, M>>;
  };
};

export type IpcRouter = {
  /** Every channel name the router serves, for the transport to register. */
  readonly channels: readonly string[];
  handle(channel: unknown, payload: unknown, sender: Sender): Promise<Envelope<unknown>>;
};

export type IpcRouterOptions = {
  readonly handlers: HandlerTable;
  readonly isTrustedSender: (sender: Sender) => boolean;
  readonly logger: Logger;
};

/** Describes validation failures by path and issue code only: the payload may hold a PIN, so no value is echoed. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(payload)'}: ${issue.code}`)
    .join('; ');
}

export function createIpcRouter({ handlers, isTrustedSender, logger }: IpcRouterOptions): IpcRouter {
  const byChannel = new Map(channelEntries.map((entry) => [entry.spec.channel as string, entry]));
  const table = handlers as unknown as Record<string, Record<string, (request: unknown) => HandlerResult<unknown>>>;

  return {
    channels: [...byChannel.keys()],
    async handle(channel, payload, sender) {
      if (!isTrustedSender(sender)) {
        logger.warn('ipc call from untrusted sender refused', { channel: String(channel).slice(0, 80) });
        return err('FORBIDDEN_SENDER', 'This caller may not use the kiosk API.');
      }
      const entry = typeof channel === 'string' ? byChannel.get(channel) : undefined;
      if (!entry) return err('UNKNOWN_CHANNEL', 'No such channel.');
      const parsed = entry.spec.request.safeParse(payload);
      if (!parsed.success) return err('BAD_REQUEST', `Invalid request: ${describeIssues(parsed.error)}`);
      const handler = table[entry.domain]?.[entry.method];
      if (!handler) return err('UNKNOWN_CHANNEL', 'No such channel.');
      let result: Envelope<unknown>;
      try {
        result = await handler(parsed.data);
      } catch (cause) {
        logger.error('ipc handler failed', { channel: entry.spec.channel, error: errorName(cause) });
        return err('INTERNAL', 'The kiosk could not complete this step.');
      }
      if (!result.ok) return result;
      const checked = entry.spec.response.safeParse(result.value);
      if (!checked.success) {
        logger.error('ipc response failed its schema', { channel: entry.spec.channel, reason: describeIssues(checked.error) });
        return err('INTERNAL', 'The kiosk could not complete this step.');
      }
      return { ok: true, value: checked.data };
    },
  };
}

function errorName(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 200) : 'non-error thrown';
}
