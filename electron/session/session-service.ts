// The customer session state machine. The renderer only sends intents; this module decides every step from its
// own state (idle → PIN → menu → balance → goodbye), so a compromised renderer cannot skip the PIN. One intent is
// decided at a time, and every waiting step ends on its own after a timeout.
import { luhnValid, maskPan, parseTrack2 } from '../../shared/card.ts';
import {
  type AccountBalance,
  type CardInsert,
  type Envelope,
  type ErrorCode,
  type SessionSnapshot,
  type SessionState,
  type TransactionKind,
  err,
  ok,
} from '../../shared/ipc/index.ts';
import type { CardRecord, CardRepo } from '../cards/card-repo.ts';
import { panLookupKey, type PinHasher } from '../cards/card-secrets.ts';
import type { Clock } from '../core/kiosk-core-types.ts';
import type { Logger } from '../log/logger.ts';

export type SessionTimeouts = {
  /** How long a waiting step (PIN, menu, balance) waits for the customer. */
  readonly inactivityMs: number;
  /** How long goodbye / card refused / card retained stay before the idle screen. */
  readonly endScreenMs: number;
};

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { inactivityMs: 30_000, endScreenMs: 5_000 };

/** PIN length policy shown to the keypad; verification itself compares hashes. */
export const PIN_LENGTH = { min: 4, max: 6 } as const;

/** The simulated card reader of demo mode: a demo card id stands for a card placed in the reader. */
export type DemoCardReader = { panOf(demoCardId: string): string | null };

export type SessionServiceDeps = {
  readonly cards: CardRepo;
  readonly panHmacKey: Buffer;
  readonly pinHasher: PinHasher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly demoReader: DemoCardReader | null;
  readonly manualCardEntry: boolean;
  readonly timeouts?: SessionTimeouts;
  readonly onChange: (snapshot: SessionSnapshot) => void;
};

type Session = {
  readonly id: string | null;
  readonly state: SessionState;
  readonly cardId: number | null;
  readonly maskedPan: string | null;
  readonly refusal: ErrorCode | null;
  readonly accounts: readonly AccountBalance[] | null;
  readonly timeoutAtMs: number | null;
};

const IDLE: Session = {
  id: null,
  state: 'idle',
  cardId: null,
  maskedPan: null,
  refusal: null,
  accounts: null,
  timeoutAtMs: null,
};

const WAITING_STATES: ReadonlySet<SessionState> = new Set(['pin_entry', 'menu', 'balance']);
const END_STATES: ReadonlySet<SessionState> = new Set(['goodbye', 'card_refused', 'card_retained']);
const TRANSACTIONS: readonly TransactionKind[] = ['balance'];

/** A card is valid through the last day of its expiry month. */
export function isExpired(expiresYymm: string, nowMs: number): boolean {
  const now = new Date(nowMs);
  const nowYymm = (now.getUTCFullYear() % 100) * 100 + now.getUTCMonth() + 1;
  return nowYymm > Number(expiresYymm);
}

export function createSessionService(deps: SessionServiceDeps) {
  const { cards, clock, logger } = deps;
  const timeouts = deps.timeouts ?? DEFAULT_SESSION_TIMEOUTS;
  let session: Session = IDLE;
  let revision = 0;
  let timer: unknown = null;
  let busy = false;

  const snapshot = (): SessionSnapshot => ({
    revision,
    sessionId: session.id,
    state: session.state,
    card: session.maskedPan ? { maskedPan: session.maskedPan } : null,
    pinLengthMin: PIN_LENGTH.min,
    pinLengthMax: PIN_LENGTH.max,
    refusal: session.refusal ? { code: session.refusal } : null,
    transactions: session.cardId !== null ? [...TRANSACTIONS] : [],
    accounts: session.accounts ? [...session.accounts] : null,
    timeoutAtMs: session.timeoutAtMs,
  });

  const armTimer = (state: SessionState): number | null => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const delayMs = WAITING_STATES.has(state) ? timeouts.inactivityMs : END_STATES.has(state) ? timeouts.endScreenMs : null;
    if (delayMs === null) return null;
    const expected = revision + 1;
    timer = clock.setTimeout(() => onTimeout(expected), delayMs);
    return clock.now() + delayMs;
  };

  const transition = (next: Omit<Session, 'timeoutAtMs'>): SessionSnapshot => {
    const from = session.state;
    const timeoutAtMs = armTimer(next.state);
    session = { ...next, timeoutAtMs };
    revision += 1;
    if (from !== next.state) {
      logger.info('session step', {
        sessionId: session.id,
        from,
        to: next.state,
        maskedPan: session.maskedPan,
        code: session.refusal,
      });
    }
    const current = snapshot();
    deps.onChange(current);
    return current;
  };

  const onTimeout = (expectedRevision: number) => {
    timer = null;
    if (revision !== expectedRevision || busy) return;
    if (WAITING_STATES.has(session.state)) {
      transition({ ...session, state: 'goodbye', refusal: 'SESSION_TIMEOUT', accounts: null });
    } else if (END_STATES.has(session.state)) {
      transition(IDLE);
    }
  };

  /** Ends the insert with a refusal screen; the card (if any) is handed back. */
  const refuseCard = (code: ErrorCode, maskedPan: string | null): Envelope<SessionSnapshot> => {
    transition({ ...IDLE, id: crypto.randomUUID(), state: 'card_refused', maskedPan, refusal: code });
    return err(code, `Card refused: ${code}.`);
  };

  const refusalForCard = (card: CardRecord): ErrorCode | null => {
    if (card.status === 'retained') return 'CARD_RETAINED';
    if (card.status === 'blocked') return 'CARD_BLOCKED';
    if (isExpired(card.expiresYymm, clock.now())) return 'CARD_EXPIRED';
    return null;
  };

  const guard = (allowed: readonly SessionState[]): Envelope<never> | null => {
    if (busy) return err('SESSION_BUSY', 'Still deciding the previous step.');
    if (!allowed.includes(session.state)) return err('INVALID_STATE', `Not possible at step ${session.state}.`);
    return null;
  };

  const nowIso = () => new Date(clock.now()).toISOString();

  const readPan = (insert: CardInsert): { pan: string } | { refusal: ErrorCode } => {
    switch (insert.source) {
      case 'demo': {
        const pan = deps.demoReader?.panOf(insert.demoCardId) ?? null;
        return pan ? { pan } : { refusal: 'CARD_UNREADABLE' };
      }
      case 'track2': {
        const track = parseTrack2(insert.track2);
        return track ? { pan: track.pan } : { refusal: 'CARD_UNREADABLE' };
      }
      case 'manual':
        if (!deps.manualCardEntry) return { refusal: 'MANUAL_ENTRY_DISABLED' };
        return luhnValid(insert.pan) ? { pan: insert.pan } : { refusal: 'CARD_UNREADABLE' };
    }
  };

  return {
    snapshot,

    insertCard(insert: CardInsert): Envelope<SessionSnapshot> {
      const refused = guard(['idle']);
      if (refused) return refused;
      const read = readPan(insert);
      if ('refusal' in read) return refuseCard(read.refusal, null);
      const maskedPan = maskPan(read.pan);
      const card = cards.findByLookupKey(panLookupKey(deps.panHmacKey, read.pan));
      if (!card) return refuseCard('CARD_UNKNOWN', maskedPan);
      const refusal = refusalForCard(card);
      if (refusal) return refuseCard(refusal, maskedPan);
      return ok(
        transition({ ...IDLE, id: crypto.randomUUID(), state: 'pin_entry', cardId: card.id, maskedPan }),
      );
    },

    async submitPin(pin: string): Promise<Envelope<SessionSnapshot>> {
      const refused = guard(['pin_entry']);
      if (refused) return refused;
      if (pin.length < PIN_LENGTH.min || pin.length > PIN_LENGTH.max) {
        return err('BAD_REQUEST', 'The PIN length is outside the policy.');
      }
      const cardId = session.cardId;
      const card = cardId === null ? null : cards.findById(cardId);
      if (!card) return err('INVALID_STATE', 'No card in the reader.');
      const cardRefusal = refusalForCard(card);
      if (cardRefusal) {
        // The card was blocked or retained elsewhere while the customer typed: it never reaches verification.
        transition({ ...session, state: 'card_refused', refusal: cardRefusal });
        return err(cardRefusal, `Card refused: ${cardRefusal}.`);
      }
      busy = true;
      const sessionId = session.id;
      transition({ ...session, state: 'verifying_pin', refusal: null });
      let matched: boolean;
      try {
        matched = await deps.pinHasher.verify(card.pinHash, pin);
      } finally {
        busy = false;
      }
      if (session.id !== sessionId) return err('INVALID_STATE', 'The session ended.');
      if (matched) {
        cards.recordPinSuccess(card.id, nowIso());
        if (deps.pinHasher.needsRehash(card.pinHash)) {
          deps.pinHasher
            .hash(pin)
            .then((rehashed) => cards.replacePinHash(card.id, rehashed, nowIso()))
            .catch(() => logger.warn('PIN rehash failed', { cardId: card.id }));
        }
        return ok(transition({ ...session, state: 'menu', refusal: null }));
      }
      const outcome = cards.recordPinFailure(card.id, nowIso());
      if (outcome.retained) {
        logger.warn('card retained after wrong PINs', { sessionId, maskedPan: session.maskedPan, attempts: outcome.failedAttempts });
        transition({ ...session, state: 'card_retained', refusal: 'CARD_RETAINED' });
        return err('CARD_RETAINED', 'The card was retained.');
      }
      transition({ ...session, state: 'pin_entry', refusal: 'PIN_INCORRECT' });
      return err('PIN_INCORRECT', 'The PIN is incorrect.');
    },

    chooseTransaction(transaction: TransactionKind): Envelope<SessionSnapshot> {
      const refused = guard(['menu']);
      if (refused) return refused;
      if (session.cardId === null) return err('INVALID_STATE', 'No card in the reader.');
      switch (transaction) {
        case 'balance': {
          const accounts: AccountBalance[] = cards.accountsOf(session.cardId).map((account) => ({
            accountLabel: account.label,
            maskedAccountNumber: `•••• ${account.accountNumber.slice(-4)}`,
            currency: account.currency,
            ledgerMinor: account.ledgerBalanceMinor,
            availableMinor: account.ledgerBalanceMinor - account.pendingDebitsMinor,
          }));
          return ok(transition({ ...session, state: 'balance', refusal: null, accounts }));
        }
      }
    },

    backToMenu(): Envelope<SessionSnapshot> {
      const refused = guard(['balance']);
      return refused ?? ok(transition({ ...session, state: 'menu', refusal: null, accounts: null }));
    },

    finish(): Envelope<SessionSnapshot> {
      const refused = guard(['menu', 'balance']);
      return refused ?? ok(transition({ ...session, state: 'goodbye', refusal: null, accounts: null }));
    },

    cancel(): Envelope<SessionSnapshot> {
      const refused = guard(['pin_entry', 'menu', 'balance']);
      return refused ?? ok(transition({ ...session, state: 'goodbye', refusal: null, accounts: null }));
    },

    keepAlive(): Envelope<SessionSnapshot> {
      const refused = guard(['pin_entry', 'menu', 'balance']);
      return refused ?? ok(transition({ ...session }));
    },

    /** Ends whatever is under way and shows the idle screen (renderer replaced, kiosk shutting down). */
    reset(reason: string): void {
      logger.info('session reset', { sessionId: session.id, reason });
      busy = false;
      transition(IDLE);
    },

    dispose(): void {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
