// A stand-in KioskCore for shell tests: schema-valid answers on every channel, recorded resets, events on demand.
import type { EventName, EventPayload, KioskStatus, SessionSnapshot } from '../../../shared/ipc/index.ts';
import { ok } from '../../../shared/ipc/index.ts';
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
};

export const status: KioskStatus = {
  kioskId: 'kiosk-test',
  version: '0.1.0-test',
  mode: 'demo',
  inService: true,
  outOfServiceReason: null,
  manualCardEntry: false,
};

export type FakeKioskCore = KioskCore & {
  readonly resets: string[];
  readonly closed: { count: number };
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(): number;
};

export function createFakeKioskCore(): FakeKioskCore {
  const listeners = new Set<CoreEventListener>();
  const resets: string[] = [];
  const closed = { count: 0 };
  const snapshot = () => ok(idleSnapshot);
  return {
    kioskId: status.kioskId,
    handlers: {
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
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resetSession(reason) {
      resets.push(reason);
    },
    close() {
      closed.count += 1;
    },
    resets,
    closed,
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    listenerCount: () => listeners.size,
  };
}
