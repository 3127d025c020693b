// Customer intents sent to main, and what the renderer does with each answer: an accepted intent's snapshot goes
// into the store; a refusal is shown from the snapshot main pushes, so most error envelopes need nothing here.
import { createContext, use } from 'react';
import type { AtmApi, RequestOf } from '../shared/ipc/contract.ts';
import type { Envelope, ErrorCode } from '../shared/ipc/envelope.ts';
import type { SessionSnapshot } from '../shared/ipc/session.ts';
import { useAtmStore } from './store/index.ts';

/** Error codes that mean the renderer or transport misbehaved; the customer gets a "try again" notice. */
const NOTICE_CODES: ReadonlySet<ErrorCode> = new Set([
  'INTERNAL',
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
]);

export type Intents = {
  insertCard: (request: RequestOf<'session', 'insertCard'>) => void;
  submitPin: (request: RequestOf<'session', 'submitPin'>) => void;
  chooseTransaction: (request: RequestOf<'session', 'chooseTransaction'>) => void;
  selectWithdrawal: (request: RequestOf<'session', 'selectWithdrawal'>) => void;
  /** The note counts the (simulated) acceptor reports. */
  submitDeposit: (request: RequestOf<'session', 'submitDeposit'>) => void;
  requestTransfer: (request: RequestOf<'session', 'requestTransfer'>) => void;
  confirmTransfer: () => void;
  showStatement: (request: RequestOf<'session', 'showStatement'>) => void;
  /** The three PINs cross once, in this call; the caller forgets them before sending. */
  changePin: (request: RequestOf<'session', 'changePin'>) => void;
  /** The demo card reader: the customer took the ejected card. */
  cardTaken: () => void;
  /** The demo dispenser: the customer took the presented cash. */
  cashTaken: () => void;
  /** Paper (or the kiosk's PDF) copy of the current receipt, laid out by main in the given language. */
  printReceipt: (request: RequestOf<'session', 'printReceipt'>) => void;
  backToMenu: () => void;
  finish: () => void;
  cancel: () => void;
  /** Tells main the customer is still there; carries no key data. */
  keepAlive: () => void;
};

export function createIntents(atm: AtmApi): Intents {
  const send = (call: Promise<Envelope<SessionSnapshot>>): void => {
    call.then(
      (result) => {
        const store = useAtmStore.getState();
        if (result.ok) {
          store.applySnapshot(result.value);
        } else if (NOTICE_CODES.has(result.error.code)) {
          store.showNotice('notice.internal');
        }
        // SESSION_BUSY, INVALID_STATE and refusals (PIN_INCORRECT, CARD_*, INSUFFICIENT_FUNDS…) are left to the
        // pushed snapshot, which is authoritative and carries `refusal.code` for the screen.
      },
      () => useAtmStore.getState().showNotice('notice.internal'),
    );
  };
  const { session } = atm;
  return {
    insertCard: (request) => send(session.insertCard(request)),
    submitPin: (request) => send(session.submitPin(request)),
    chooseTransaction: (request) => send(session.chooseTransaction(request)),
    selectWithdrawal: (request) => send(session.selectWithdrawal(request)),
    submitDeposit: (request) => send(session.submitDeposit(request)),
    requestTransfer: (request) => send(session.requestTransfer(request)),
    confirmTransfer: () => send(session.confirmTransfer({})),
    showStatement: (request) => send(session.showStatement(request)),
    changePin: (request) => send(session.changePin(request)),
    cardTaken: () => send(session.cardTaken({})),
    cashTaken: () => send(session.cashTaken({})),
    printReceipt: (request) => send(session.printReceipt(request)),
    backToMenu: () => send(session.backToMenu({})),
    finish: () => send(session.finish({})),
    cancel: () => send(session.cancel({})),
    keepAlive: () => send(session.keepAlive({})),
  };
}

export const IntentsContext = createContext<Intents | null>(null);

export function useIntents(): Intents {
  const intents = use(IntentsContext);
  if (!intents) throw new Error('useIntents needs an IntentsContext provider');
  return intents;
}
