// The staff half of `window.atm`, typed from the shared contract (`contract.staff`). Request and response types are
// derived from `staffChannels`, never written by hand.
import type { AtmApi, RequestOf, ResponseOf } from '../../shared/ipc/contract.ts';
import type { StaffMethod } from '../../shared/ipc/staff.ts';

export type StaffRequest<M extends StaffMethod> = RequestOf<'staff', M>;
export type StaffResponse<M extends StaffMethod> = ResponseOf<'staff', M>;
export type StaffApi = AtmApi['staff'];

/** The staff methods of the kiosk API, or null without one (the page opened without a preload). */
export function staffApiOf(atm: AtmApi | null): StaffApi | null {
  return atm?.staff ?? null;
}
