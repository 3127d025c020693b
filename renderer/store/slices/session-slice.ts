// Mirror of the session snapshot main pushes (`session.changed`) and returns from every intent. Main owns the
// session; this slice only ever replaces the snapshot wholesale and never edits it.
import { PIN_LENGTH_MAX } from '../../../shared/card.ts';
import type { SessionSnapshot } from '../../../shared/ipc/session.ts';
import type { AtmState, SliceCreator } from '../index.ts';

/** What the screen shows before main's first snapshot arrives; boot replaces it. */
const IDLE_SNAPSHOT: SessionSnapshot = {
  revision: 0,
  sessionId: null,
  state: 'idle',
  card: null,
  pinLengthMin: 4,
  pinLengthMax: PIN_LENGTH_MAX,
  refusal: null,
  transactions: [],
  accounts: null,
  // A placeholder until main's first snapshot names the kiosk's currency; nothing is shown in it at idle.
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

export type SessionSlice = {
  readonly session: {
    readonly snapshot: SessionSnapshot;
    /** The card came out at `take_card` this session, so the goodbye screen need not ask for it again. */
    readonly cardReturned: boolean;
  };
  applySnapshot: (snapshot: SessionSnapshot) => void;
};

export const initialSessionState: Pick<SessionSlice, 'session'> = {
  session: { snapshot: IDLE_SNAPSHOT, cardReturned: false },
};

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get) => ({
  ...initialSessionState,
  applySnapshot: (snapshot) => {
    // An intent's reply can arrive after a newer pushed snapshot: never go back in time.
    if (snapshot.revision < get().session.snapshot.revision) return;
    // Back at idle means the session is over, however it ended (finish, cancel, timeout): drop its UI state too.
    if (snapshot.state === 'idle' && get().session.snapshot.state !== 'idle') get().resetToIdle();
    const cardReturned = get().session.cardReturned || snapshot.state === 'take_card';
    set({ session: { snapshot, cardReturned } });
  },
});

export const sessionSelectors = {
  snapshot: (s: AtmState) => s.session.snapshot,
  state: (s: AtmState) => s.session.snapshot.state,
  sessionId: (s: AtmState) => s.session.snapshot.sessionId,
  maskedPan: (s: AtmState) => s.session.snapshot.card?.maskedPan ?? null,
  refusalCode: (s: AtmState) => s.session.snapshot.refusal?.code ?? null,
  /** Derived object: read it with `useShallow`. */
  pinPolicy: (s: AtmState) => ({ min: s.session.snapshot.pinLengthMin, max: s.session.snapshot.pinLengthMax }),
  transactions: (s: AtmState) => s.session.snapshot.transactions,
  accounts: (s: AtmState) => s.session.snapshot.accounts,
  currency: (s: AtmState) => s.session.snapshot.currency,
  withdrawal: (s: AtmState) => s.session.snapshot.withdrawal,
  /** While the bank is offline, at the amount screen: what this card may still draw on stand-in. */
  standInRoom: (s: AtmState) => s.session.snapshot.withdrawal?.standInMinor ?? null,
  deposit: (s: AtmState) => s.session.snapshot.deposit,
  transfer: (s: AtmState) => s.session.snapshot.transfer,
  statement: (s: AtmState) => s.session.snapshot.statement,
  receipt: (s: AtmState) => s.session.snapshot.receipt,
  receiptDelivery: (s: AtmState) => s.session.snapshot.receiptDelivery,
  /** At take_cash: the amount presented and whether it is less than asked for. */
  cash: (s: AtmState) => s.session.snapshot.cash,
  timeoutAtMs: (s: AtmState) => s.session.snapshot.timeoutAtMs,
  /** The shuffled PIN keypad's digit order, or null for the standard layout. */
  pinKeypadDigits: (s: AtmState) => s.session.snapshot.pinKeypad?.digits ?? null,
  cardReturned: (s: AtmState) => s.session.cardReturned,
};
