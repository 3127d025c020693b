// A stand-in KioskCore for shell tests: schema-valid answers on every channel, recorded resets, events on demand.
import type { EventName, EventPayload, KioskStatus, SessionSnapshot } from '../../../shared/ipc/index.ts';
import { err, ok } from '../../../shared/ipc/index.ts';
import { type StaffSnapshot, staffChannels } from '../../../shared/ipc/staff.ts';
import type { HandlerTable } from '../../../electron/ipc/router.ts';
import type { CoreEventListener, KioskCore } from '../../../electron/core/kiosk-core-types.ts';

export const idleSnapshot: SessionSnapshot = {
  revision: 0,
  sessionId: null,
  state: 'idle',
  card: null,
  pinLengthMin: 4,
  pinLengthMax: 6,
  refusal: null,
  transactions: [],
  accounts: null,
  currency: 'EUR',
  withdrawal: null,
  deposit: null,
  transfer: null,
  statement: null,
  receipt: null,
  timeoutAtMs: null,
  pinKeypad: null,
  receiptDelivery: null,
  cash: null,
};

export const status: KioskStatus = {
  kioskId: 'kiosk-test',
  version: '0.1.0-test',
  mode: 'demo',
  inService: true,
  outOfServiceReason: null,
  manualCardEntry: false,
  sync: { mode: 'standalone', queueLength: 0, parked: 0, exceptions: 0, lastError: null, standIn: null },
};

export type FakeKioskCore = KioskCore & {
  readonly resets: string[];
  /** Reasons the shell took the kiosk out of service with. */
  readonly outOfService: string[];
  readonly closed: { count: number };
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(): number;
};

/** No staff session: the snapshot is empty and every other staff call is refused as main refuses it. */
export const idleStaffSnapshot: StaffSnapshot = { revision: 0, session: null, enrolment: null, replenishment: null };

function refusingStaffHandlers(): HandlerTable['staff'] {
  const refuse = () => err('STAFF_SESSION_REQUIRED', 'No staff session.');
  const handlers = Object.fromEntries(Object.keys(staffChannels).map((method) => [method, refuse]));
  return { ...handlers, getSnapshot: () => ok(idleStaffSnapshot) } as unknown as HandlerTable['staff'];
}

export function createFakeKioskCore(): FakeKioskCore {
  const listeners = new Set<CoreEventListener>();
  const resets: string[] = [];
  const outOfService: string[] = [];
  const closed = { count: 0 };
  const snapshot = () => ok(idleSnapshot);
  return {
    kioskId: status.kioskId,
    handlers: {
      staff: refusingStaffHandlers(),
      session: {
        getSnapshot: snapshot,
        insertCard: snapshot,
        submitPin: snapshot,
        chooseTransaction: snapshot,
        selectWithdrawal: snapshot,
        submitDeposit: snapshot,
        requestTransfer: snapshot,
        confirmTransfer: snapshot,
        showStatement: snapshot,
        changePin: snapshot,
        cardTaken: snapshot,
        printReceipt: snapshot,
        cashTaken: snapshot,
        backToMenu: snapshot,
        finish: snapshot,
        cancel: snapshot,
        keepAlive: snapshot,
      },
      system: {
        getStatus: () => ok(status),
        listDemoCards: () => ok({ cards: [] }),
      },
    },
    sync: {
      status: () => status.sync,
      drainNow: async () => ({ pending: 0, parked: 0 }),
      pullNow: async () => false,
      listParked: () => [],
      retryParked: () => false,
      discardParked: () => false,
      listExceptions: () => [],
      resolveException: () => false,
      idle: async () => undefined,
      nextAttemptAtMs: () => null,
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resetSession(reason) {
      resets.push(reason);
    },
    takeOutOfService(reason) {
      outOfService.push(reason);
    },
    close() {
      closed.count += 1;
      return Promise.resolve();
    },
    resets,
    outOfService,
    closed,
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    listenerCount: () => listeners.size,
  };
}
