// One way for staff screens to call main: the typed staff API, answers that carry a staff snapshot go into the store,
// and a transport failure becomes an INTERNAL envelope, so screens only ever handle envelopes (errors by code).
import { useCallback, useEffect, useState } from 'react';
import type { Envelope, ErrorCode } from '../../shared/ipc/envelope.ts';
import type { StaffMethod, StaffSnapshot } from '../../shared/ipc/staff.ts';
import { getAtm } from '../atm.ts';
import { useAtmStore } from '../store/index.ts';
import { type StaffRequest, type StaffResponse, staffApiOf } from './staff-api.ts';

/** The methods whose answer is the staff snapshot itself. */
const SNAPSHOT_METHODS: ReadonlySet<StaffMethod> = new Set([
  'getSnapshot',
  'login',
  'logout',
  'keepAlive',
  'changePassword',
  'confirmTotpEnrolment',
  'startEnrolment',
  'cancelEnrolment',
  'setService',
]);

function failure(code: ErrorCode): Envelope<never> {
  return { ok: false, error: { code, message: code } };
}

/** When the last staff call went out: any call resets main's idle timer, so keepAlive need not repeat it. */
let lastCallAtMs = 0;
/** Activity sends keepAlive at most this often; far below the 2-minute idle timeout. */
export const KEEP_ALIVE_INTERVAL_MS = 5_000;

/** Tells main the staff member is active, unless a call did that a moment ago. */
export function staffKeepAlive(): void {
  if (Date.now() - lastCallAtMs < KEEP_ALIVE_INTERVAL_MS) return;
  void staffCall('keepAlive', {});
}

export async function staffCall<M extends StaffMethod>(
  method: M,
  request: StaffRequest<M>,
): Promise<Envelope<StaffResponse<M>>> {
  const api = staffApiOf(getAtm());
  if (!api) return failure('UNKNOWN_CHANNEL');
  lastCallAtMs = Date.now();
  try {
    const invoke: (request: StaffRequest<M>) => Promise<Envelope<StaffResponse<M>>> = api[method];
    const result = await invoke(request);
    if (result.ok && SNAPSHOT_METHODS.has(method))
      useAtmStore.getState().applyStaffSnapshot(result.value as StaffSnapshot);
    return result;
  } catch {
    return failure('INTERNAL');
  }
}

export type StaffAction<M extends StaffMethod> = {
  readonly busy: boolean;
  /** The last call's refusal code; cleared when the next call starts. */
  readonly error: ErrorCode | null;
  /** The last accepted answer; kept through a refusal so the screen does not blank. */
  readonly value: StaffResponse<M> | null;
  readonly run: (request: StaffRequest<M>) => Promise<Envelope<StaffResponse<M>>>;
  readonly clear: () => void;
};

/** A staff call with its busy flag, last refusal and last answer as component state. */
export function useStaffAction<M extends StaffMethod>(method: M): StaffAction<M> {
  const [state, setState] = useState<{ busy: boolean; error: ErrorCode | null; value: StaffResponse<M> | null }>({
    busy: false,
    error: null,
    value: null,
  });
  const run = useCallback(
    async (request: StaffRequest<M>) => {
      setState((s) => ({ ...s, busy: true, error: null }));
      const result = await staffCall(method, request);
      setState((s) =>
        result.ok ? { busy: false, error: null, value: result.value } : { ...s, busy: false, error: result.error.code },
      );
      return result;
    },
    [method],
  );
  const clear = useCallback(() => setState({ busy: false, error: null, value: null }), []);
  return { ...state, run, clear };
}

/** The channels that take no arguments (`{}`): the ones a screen can load by itself. */
export type StaffQueryMethod = {
  [M in StaffMethod]: Record<string, never> extends StaffRequest<M> ? M : never;
}[StaffMethod];

/** A no-argument staff call made once when the screen opens; `reload` repeats it. */
export function useStaffQuery<M extends StaffQueryMethod>(method: M): StaffAction<M> & { readonly reload: () => void } {
  const action = useStaffAction(method);
  const { run } = action;
  const reload = useCallback(() => void run({} as StaffRequest<M>), [run]);
  useEffect(() => {
    reload();
  }, [reload]);
  return { ...action, reload };
}
