// The customer session state machine. The renderer only sends intents; this module decides every step from its
// own state, so a compromised renderer cannot skip the PIN, pick an account that is not the card's, or make the
// kiosk dispense. One intent is decided at a time, every waiting step ends on its own after a timeout, and cash
// is presented only after the card has been taken (card before cash).
import { luhnValid, maskPan, parseTrack2 } from '../../shared/card.ts';
import type { LanguageCode } from '../../shared/languages.ts';
import {
  type CardInsert,
  type Envelope,
  type ErrorCode,
  type Receipt,
  type SessionSnapshot,
  type SessionState,
  type TransactionKind,
  CUSTOMER_WAITING_STATES,
  TransactionKindSchema,
  err,
  ok,
} from '../../shared/ipc/index.ts';
import type { CardRecord, CardRepo } from '../cards/card-repo.ts';
import { panLookupKey, type PinHasher } from '../cards/card-secrets.ts';
import type { AttemptThrottle } from '../cards/attempt-throttle.ts';
import { pinPolicyViolation } from '../cards/pin-policy.ts';
import type { Clock } from '../core/kiosk-core-types.ts';
import { type CashDispenser, type DispenseOutcome, NOTHING_DISPENSED } from '../devices/cash-dispenser.ts';
import type { DepositAcceptor, DepositOutcome } from '../devices/deposit-acceptor.ts';
import { DeviceInputError, DeviceStateError } from '../devices/device-types.ts';
import type { PrintOutcome, ReceiptPrinter } from '../devices/receipt-printer.ts';
import type { Logger } from '../log/logger.ts';
import { layoutReceipt } from '../receipts/receipt-layout.ts';
import type { KioskSettings } from '../settings/kiosk-settings.ts';
import type { SessionSync } from '../sync/sync-engine.ts';
import { INTERRUPTED_DEPOSIT_REASON } from '../transactions/deposit-operations.ts';
import type {
  AuthorisedWithdrawal,
  CardAccountView,
  Customer,
  PreparedTransfer,
  Teller,
} from '../transactions/teller.ts';

/** The simulated card reader of demo mode: a demo card id stands for a card placed in the reader. */
export type DemoCardReader = { panOf(demoCardId: string): string | null };

export type SessionServiceDeps = {
  readonly cards: CardRepo;
  readonly teller: Teller;
  readonly dispenser: CashDispenser;
  readonly acceptor: DepositAcceptor & { readonly denominationsMinor: readonly number[] };
  readonly panHmacKey: Buffer;
  readonly pinHasher: PinHasher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly demoReader: DemoCardReader | null;
  readonly settings: () => KioskSettings;
  /** Whether customers may be served now (verified ledger, journal with room, devices). */
  readonly inService: () => boolean;
  readonly onChange: (snapshot: SessionSnapshot) => void;
  readonly receiptPrinter: ReceiptPrinter;
  /** The bank sync engine's session side; absent (or null) for a standalone kiosk. */
  readonly sync?: SessionSync | null;
  /**
   * Staff mode's look at a card read at idle (in or out of service), before any customer lookup: true when it is a
   * bound staff card and the staff login opened for it, so no customer session starts. Absent: no staff cards.
   */
  readonly staffCardAtEntry?: (pan: string) => boolean;
  /**
   * Work this service starts on its own (a timeout's retract, a receipt asked for earlier, a PIN rehash) is handed
   * here so the core can let it finish before it closes the database. Absent: not tracked.
   */
  readonly trackBackground?: (work: Promise<unknown>) => void;
  /** The kiosk-wide throttle on wrong PINs and unknown cards across cards. Absent: no throttle (unit tests only). */
  readonly attempts?: AttemptThrottle;
  /**
   * Takes the kiosk out of service for staff: notes may be in the kiosk but their deposit could not be booked, so
   * nobody else is served until it is reconciled. Absent: the refusal and the journal entry only.
   */
  readonly outOfService?: (reason: string) => void;
};

type Session = {
  readonly id: string | null;
  readonly state: SessionState;
  readonly cardId: number | null;
  readonly maskedPan: string | null;
  readonly refusal: ErrorCode | null;
  readonly accounts: readonly CardAccountView[] | null;
  readonly statementRef: string | null;
  readonly transfer: PreparedTransfer | null;
  readonly withdrawal: { readonly authorised: AuthorisedWithdrawal; readonly outcome: DispenseOutcome } | null;
  readonly receipt: Receipt | null;
  readonly timeoutAtMs: number | null;
  /** The shuffled PIN keypad's digit order for this session, when the setting is on. */
  readonly keypadDigits: readonly string[] | null;
  /** The receipt (by STAN) the customer asked to print, and what became of it. */
  readonly printed: { readonly stan: string; readonly outcome: 'printed' | 'saved' | 'failed' } | null;
  /** Asked for at take_cash: print the withdrawal's receipt, in this language, once it exists. */
  readonly receiptWanted: LanguageCode | null;
};

const IDLE: Session = {
  id: null,
  state: 'idle',
  cardId: null,
  maskedPan: null,
  refusal: null,
  accounts: null,
  statementRef: null,
  transfer: null,
  withdrawal: null,
  receipt: null,
  timeoutAtMs: null,
  keypadDigits: null,
  printed: null,
  receiptWanted: null,
};

/** Steps that wait for the customer and end the session when nobody answers. */
const WAITING_STATES: ReadonlySet<SessionState> = new Set(CUSTOMER_WAITING_STATES);
const END_STATES: ReadonlySet<SessionState> = new Set(['goodbye', 'card_refused', 'card_retained']);
/** Steps of a verified session (every waiting step after the PIN). */
const SERVICE_STATES: readonly SessionState[] = CUSTOMER_WAITING_STATES.filter((state) => state !== 'pin_entry');
/** Where a receipt can be asked for: after a transaction, with the cash, and on the way out. */
const RECEIPT_STATES: readonly SessionState[] = ['transaction_result', 'take_cash', 'goodbye'];

/** The ten digits in a uniformly random order (Fisher–Yates over crypto randomness). */
function shuffledDigits(): string[] {
  const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
  const random = new Uint32Array(digits.length);
  crypto.getRandomValues(random);
  for (let index = digits.length - 1; index > 0; index--) {
    const pick = (random[index] ?? 0) % (index + 1);
    [digits[index], digits[pick]] = [digits[pick] ?? '0', digits[index] ?? '0'];
  }
  return digits;
}

/** Every transaction the contract names, in its order (the menu's order). */
const TRANSACTIONS: readonly TransactionKind[] = TransactionKindSchema.options;

/** A card is valid through the last day of its expiry month. */
export function isExpired(expiresYymm: string, nowMs: number): boolean {
  const now = new Date(nowMs);
  const nowYymm = (now.getUTCFullYear() % 100) * 100 + now.getUTCMonth() + 1;
  return nowYymm > Number(expiresYymm);
}

export function createSessionService(deps: SessionServiceDeps) {
  const { cards, teller, clock, logger } = deps;
  const sync = deps.sync ?? null;
  const offered: readonly TransactionKind[] = TRANSACTIONS;
  let session: Session = IDLE;
  /** The card number while the card is in the reader: needed for the PIN policy, never stored or sent. */
  let panInReader: string | null = null;
  let revision = 0;
  let timer: unknown = null;
  let busy = false;
  let printing = false;

  const snapshot = (): SessionSnapshot => {
    const settings = deps.settings();
    const verified =
      SERVICE_STATES.includes(session.state) || ['processing', 'take_card', 'take_cash'].includes(session.state);
    return {
      revision,
      sessionId: session.id,
      state: session.state,
      card: session.maskedPan ? { maskedPan: session.maskedPan } : null,
      pinLengthMin: settings.pinLengthMin,
      pinLengthMax: settings.pinLengthMax,
      refusal: session.refusal ? { code: session.refusal } : null,
      transactions: session.accounts && verified ? [...offered] : [],
      accounts: session.accounts
        ? session.accounts.map(
            ({ accountRef, accountLabel, maskedAccountNumber, currency, ledgerMinor, availableMinor }) => ({
              accountRef,
              accountLabel,
              maskedAccountNumber,
              currency,
              ledgerMinor,
              availableMinor,
            }),
          )
        : null,
      currency: settings.currency,
      withdrawal:
        session.state === 'withdrawal_amount'
          ? {
              fastCashMinor: teller.fastCashMinor(),
              maxMinor: settings.withdrawalMaxMinor,
              standInMinor: sync && session.cardId !== null ? sync.standInRoomMinor(session.cardId) : null,
            }
          : null,
      deposit:
        session.state === 'deposit_notes'
          ? { denominationsMinor: [...deps.acceptor.denominationsMinor], notesMax: settings.depositNotesMax }
          : null,
      transfer:
        session.state === 'transfer_confirm' && session.transfer
          ? {
              fromAccountRef: session.transfer.from.accountRef,
              recipientMaskedName: session.transfer.recipientMaskedName,
              recipientMaskedAccount: session.transfer.recipientMaskedAccount,
              amountMinor: session.transfer.amountMinor,
              feeMinor: session.transfer.feeMinor,
            }
          : null,
      statement: statementSnapshot(),
      receipt: session.receipt,
      timeoutAtMs: session.timeoutAtMs,
      pinKeypad:
        (session.state === 'pin_entry' || session.state === 'pin_change') && session.keypadDigits
          ? { digits: [...session.keypadDigits] }
          : null,
      receiptDelivery:
        session.state === 'take_cash'
          ? session.receiptWanted !== null
            ? 'queued'
            : null
          : session.receipt && session.printed?.stan === session.receipt.stan
            ? session.printed.outcome
            : session.receiptWanted !== null
              ? 'queued'
              : null,
      cash:
        session.state === 'take_cash' && session.withdrawal
          ? {
              amountMinor: session.withdrawal.outcome.presentedAmountMinor,
              partial: session.withdrawal.outcome.presentedAmountMinor < session.withdrawal.authorised.amountMinor,
            }
          : null,
    };
  };

  const statementSnapshot = (): SessionSnapshot['statement'] => {
    if (session.state !== 'mini_statement' || !session.statementRef) return null;
    const account = session.accounts?.find((candidate) => candidate.accountRef === session.statementRef);
    return account ? { accountRef: account.accountRef, rows: teller.statement(account) } : null;
  };

  const timeoutFor = (state: SessionState): number | null => {
    const settings = deps.settings();
    if (WAITING_STATES.has(state)) return settings.inactivityTimeoutMs;
    if (END_STATES.has(state)) return settings.endScreenMs;
    if (state === 'take_card') return settings.cardTakeTimeoutMs;
    if (state === 'take_cash') return settings.cashTakeTimeoutMs;
    return null;
  };

  const armTimer = (state: SessionState): number | null => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const delayMs = timeoutFor(state);
    if (delayMs === null) return null;
    const expected = revision + 1;
    timer = clock.setTimeout(() => onTimeout(expected), delayMs);
    return clock.now() + delayMs;
  };

  const transition = (next: Omit<Session, 'timeoutAtMs'>): SessionSnapshot => {
    const from = session.state;
    const timeoutAtMs = armTimer(next.state);
    session = { ...next, timeoutAtMs };
    if (next.state === 'idle') panInReader = null;
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

  const background = (work: Promise<unknown>) => {
    deps.trackBackground?.(work);
  };

  /** Runs an async step (device, argon2) with every other intent refused as busy until it ends. */
  const exclusive = async <T>(step: () => Promise<T>): Promise<T> => {
    busy = true;
    try {
      return await step();
    } finally {
      busy = false;
    }
  };

  const customer = (): Customer | null =>
    session.id && session.cardId !== null && session.maskedPan
      ? { sessionId: session.id, cardId: session.cardId, maskedPan: session.maskedPan }
      : null;

  const endSession = (refusal: ErrorCode | null): SessionSnapshot => {
    const who = customer();
    if (who) teller.journalEntry(who, 'session.ended', { data: { reason: refusal ?? 'finished' } });
    return transition({ ...session, state: 'goodbye', refusal, accounts: null, transfer: null, withdrawal: null });
  };

  const onTimeout = (expectedRevision: number) => {
    timer = null;
    if (revision !== expectedRevision || busy) return;
    if (session.state === 'take_cash') {
      background(retractCash());
    } else if (session.state === 'take_card') {
      background(cardNotTaken());
    } else if (WAITING_STATES.has(session.state)) {
      endSession('SESSION_TIMEOUT');
    } else if (END_STATES.has(session.state)) {
      transition(IDLE);
    }
  };

  /** Prints the session's current receipt once (again only after a failure); the outcome lands on the snapshot. */
  const printCurrentReceipt = async (language: LanguageCode): Promise<Envelope<SessionSnapshot>> => {
    const receipt = session.receipt;
    const who = customer();
    if (!receipt || !who) return err('INVALID_STATE', 'There is no receipt to print.');
    if (printing) return err('SESSION_BUSY', 'The receipt is printing.');
    if (session.printed?.stan === receipt.stan && session.printed.outcome !== 'failed') return ok(snapshot());
    printing = true;
    let outcome: PrintOutcome;
    try {
      outcome = await deps.receiptPrinter.print(layoutReceipt(receipt, language));
    } catch {
      outcome = { kind: 'failed', reason: 'printer error' };
    } finally {
      printing = false;
    }
    teller.journalEntry(who, 'receipt.printed', { stan: receipt.stan, data: { delivery: outcome.kind } });
    if (outcome.kind === 'failed')
      logger.warn('receipt not printed', { sessionId: who.sessionId, reason: outcome.reason });
    // The session may have ended while the printer worked; the journal has the outcome either way.
    if (session.id !== who.sessionId) return ok(snapshot());
    return ok(transition({ ...session, printed: { stan: receipt.stan, outcome: outcome.kind } }));
  };

  /** A receipt asked for while the cash waited in the slot prints now that the withdrawal has settled. */
  const printIfWanted = () => {
    const language = session.receiptWanted;
    if (language === null) return;
    session = { ...session, receiptWanted: null };
    background(printCurrentReceipt(language));
  };

  /** Cash left in the slot: retract it and void the hold. The card is already back with the customer. */
  const retractCash = async () => {
    const pending = session.withdrawal;
    const who = customer();
    if (!pending || !who) return;
    const sessionId = session.id;
    await exclusive(async () => {
      transition({ ...session, state: 'processing' });
      const retract = await deps.dispenser.retract();
      // The books follow the device, whatever happened to the screen meanwhile.
      const receipt = teller.retractWithdrawal(who, pending.authorised, pending.outcome, retract.notes);
      if (session.id !== sessionId) return;
      transition({ ...session, state: 'goodbye', refusal: 'CASH_RETRACTED', withdrawal: null, receipt });
      printIfWanted();
    });
  };

  /**
   * The ejected card was not taken: it is retained (a card left in the slot is someone else's to take), and a
   * withdrawal waiting behind it is voided with nothing presented.
   */
  const cardNotTaken = async () => {
    const who = customer();
    if (!who) return;
    const pending = session.withdrawal;
    if (pending) {
      const sessionId = session.id;
      await exclusive(async () => {
        const retract = await deps.dispenser.retract();
        const receipt = teller.retractWithdrawal(
          who,
          pending.authorised,
          pending.outcome,
          retract.notes,
          'CARD_RETAINED',
        );
        if (session.id === sessionId) session = { ...session, receipt };
      });
    }
    teller.retainCard(who, 'card_not_taken');
    logger.warn('card retained: not taken', { sessionId: session.id, maskedPan: session.maskedPan });
    transition({ ...session, state: 'card_retained', refusal: 'CARD_RETAINED', withdrawal: null, accounts: null });
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

  /** Stays on the current step and says why; the renderer explains the code. */
  const refuse = (code: ErrorCode, state: SessionState = session.state): Envelope<SessionSnapshot> => {
    transition({ ...session, state, refusal: code });
    return err(code, `Refused: ${code}.`);
  };

  const accountByRef = (accountRef: string): CardAccountView | null =>
    session.accounts?.find((account) => account.accountRef === accountRef) ?? null;

  /**
   * Notes may be in the kiosk but the deposit was not booked (the acceptor failed outside its contract, or the booking
   * threw): its operation stays unresolved for start-up recovery or staff, the customer is told and gets the card
   * back, and the kiosk goes out of service. Nothing is guessed and the fact that notes went in is not lost.
   */
  const depositUnresolved = (
    who: Customer,
    operationId: string,
    sessionId: string | null,
    reason: 'acceptor_failed' | 'booking_failed',
    cause: unknown,
  ): Envelope<SessionSnapshot> => {
    logger.error('deposit left unresolved', {
      sessionId: who.sessionId,
      reason,
      error: cause instanceof Error ? cause.name : 'unknown',
    });
    try {
      teller.journalEntry(who, 'deposit.unresolved', { data: { operation_id: operationId, reason } });
    } catch {
      // The database may be what failed; the unresolved row and the log line above are what staff get.
    }
    deps.outOfService?.(INTERRUPTED_DEPOSIT_REASON);
    if (session.id !== sessionId) return err('INVALID_STATE', 'The session ended.');
    // INTERNAL, the contract's code for an unexpected fault in main; the status event says the kiosk is out of service.
    transition({ ...session, state: 'take_card', refusal: 'INTERNAL', transfer: null });
    return err('INTERNAL', 'The deposit could not be completed; staff will reconcile it.');
  };

  /** Fresh balances for the card's accounts (after every money movement). */
  const withFreshAccounts = (): Session => ({
    ...session,
    accounts: session.cardId === null ? null : teller.accountsOf(session.cardId),
  });

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
        if (!deps.settings().manualCardEntry) return { refusal: 'MANUAL_ENTRY_DISABLED' };
        return luhnValid(insert.pan) ? { pan: insert.pan } : { refusal: 'CARD_UNREADABLE' };
    }
  };

  /** Verifies a PIN against the card, counting a wrong one toward retention. */
  const checkPin = async (card: CardRecord, pin: string): Promise<'ok' | 'wrong' | 'retained'> => {
    const matched = await deps.pinHasher.verify(card.pinHash, pin);
    if (matched) {
      cards.recordPinSuccess(card.id, nowIso());
      // The bank's counter is shared by every kiosk: a card retained elsewhere is kept here even with the right PIN.
      if (sync && (await sync.reportPin(card.id, 'success')).retain) {
        cards.retainCard(card.id, nowIso(), 'pin_attempts_exceeded');
        return 'retained';
      }
      return 'ok';
    }
    const outcome = cards.recordPinFailure(card.id, nowIso());
    if (sync) {
      const shared = await sync.reportPin(card.id, 'failure');
      if (shared.retain && !outcome.retained) {
        cards.retainCard(card.id, nowIso(), 'pin_attempts_exceeded');
        return 'retained';
      }
    }
    return outcome.retained ? 'retained' : 'wrong';
  };

  const retainAfterPins = () => {
    const who = customer();
    logger.warn('card retained after wrong PINs', { sessionId: session.id, maskedPan: session.maskedPan });
    if (who) teller.journalEntry(who, 'card.retained', { data: { reason: 'pin_attempts_exceeded' } });
    transition({ ...session, state: 'card_retained', refusal: 'CARD_RETAINED', accounts: null });
    return err('CARD_RETAINED', 'The card was retained.');
  };

  /** Picks and presents the notes of a held withdrawal (inside `exclusive`); the books follow what the device did. */
  const dispense = async (
    who: Customer,
    withdrawal: AuthorisedWithdrawal,
    sessionId: string | null,
  ): Promise<Envelope<SessionSnapshot>> => {
    let outcome: DispenseOutcome;
    try {
      // The hold id tells the device's own record which withdrawal it served (crash recovery reads it back).
      outcome = await deps.dispenser.dispense(withdrawal.mix, withdrawal.pendingId);
    } catch (cause) {
      logger.error('dispenser failed', { error: cause instanceof Error ? cause.name : 'unknown' });
      outcome = NOTHING_DISPENSED;
    }
    if (session.id !== sessionId) {
      // The session was reset while the notes were being picked: nothing may stay held or in the slot.
      if (outcome.presentedNotes === 0) teller.failWithdrawal(who, withdrawal, outcome, 'DISPENSER_FAULT');
      else
        teller.retractWithdrawal(who, withdrawal, outcome, (await deps.dispenser.retract()).notes, 'SESSION_TIMEOUT');
      return err('INVALID_STATE', 'The session ended.');
    }
    if (outcome.kind === 'jammed_before_present' || outcome.presentedNotes === 0) {
      const receipt = teller.failWithdrawal(who, withdrawal, outcome, 'DISPENSER_FAULT');
      transition({ ...withFreshAccounts(), state: 'transaction_result', refusal: 'DISPENSER_FAULT', receipt });
      return err('DISPENSER_FAULT', 'The dispenser failed; nothing was debited.');
    }
    teller.journalEntry(who, 'cash.presented', {
      stan: withdrawal.trace.stan,
      amountMinor: outcome.presentedAmountMinor,
      currency: deps.settings().currency,
    });
    // Card before cash: the notes wait in the dispenser until the card has been taken.
    return ok(
      transition({ ...session, state: 'take_card', refusal: null, withdrawal: { authorised: withdrawal, outcome } }),
    );
  };

  return {
    snapshot,

    insertCard(insert: CardInsert): Envelope<SessionSnapshot> {
      const inService = deps.inService();
      // Out of service only a staff card is read (staff may enter from there, as with the corner hold).
      if (!inService && !deps.staffCardAtEntry) return err('OUT_OF_SERVICE', 'The kiosk is out of service.');
      const refused = guard(['idle']);
      if (refused) return inService ? refused : err('OUT_OF_SERVICE', 'The kiosk is out of service.');
      const read = readPan(insert);
      if ('refusal' in read)
        return inService ? refuseCard(read.refusal, null) : err('OUT_OF_SERVICE', 'The kiosk is out of service.');
      // A staff card opens the staff login (signalled by staff mode) and is handed back: the session stays idle.
      if (deps.staffCardAtEntry?.(read.pan) === true) return ok(snapshot());
      if (!inService) return err('OUT_OF_SERVICE', 'The kiosk is out of service.');
      const maskedPan = maskPan(read.pan);
      // Before the lookup: while the throttle holds, no card number is tried, known or not.
      const { attempts } = deps;
      if (attempts && attempts.blockedUntilMs() !== null) {
        attempts.refusedWhileBlocked(maskedPan);
        return err('OUT_OF_SERVICE', 'Too many failed attempts at this kiosk: cards are refused for a while.');
      }
      const card = cards.findByLookupKey(panLookupKey(deps.panHmacKey, read.pan));
      if (!card) {
        deps.attempts?.unknownCard(maskedPan);
        return refuseCard('CARD_UNKNOWN', maskedPan);
      }
      sync?.cardRead(card.id, read.pan);
      const refusal = refusalForCard(card);
      if (refusal) return refuseCard(refusal, maskedPan);
      panInReader = read.pan;
      const id = crypto.randomUUID();
      teller.journalEntry({ sessionId: id, cardId: card.id, maskedPan }, 'card.inserted');
      const keypadDigits = deps.settings().shuffledPinKeypad ? shuffledDigits() : null;
      return ok(transition({ ...IDLE, id, state: 'pin_entry', cardId: card.id, maskedPan, keypadDigits }));
    },

    async submitPin(pin: string): Promise<Envelope<SessionSnapshot>> {
      const refused = guard(['pin_entry']);
      if (refused) return refused;
      const settings = deps.settings();
      if (pin.length < settings.pinLengthMin || pin.length > settings.pinLengthMax) {
        return err('BAD_REQUEST', 'The PIN length is outside the policy.');
      }
      const card = session.cardId === null ? null : cards.findById(session.cardId);
      if (!card) return err('INVALID_STATE', 'No card in the reader.');
      const cardRefusal = refusalForCard(card);
      if (cardRefusal) {
        // Blocked or retained elsewhere while the customer typed: it never reaches verification.
        transition({ ...session, state: 'card_refused', refusal: cardRefusal });
        return err(cardRefusal, `Card refused: ${cardRefusal}.`);
      }
      const sessionId = session.id;
      return exclusive(async () => {
        transition({ ...session, state: 'verifying_pin', refusal: null });
        const verdict = await checkPin(card, pin);
        if (session.id !== sessionId) return err('INVALID_STATE', 'The session ended.');
        const who = customer();
        if (verdict === 'ok') {
          if (deps.pinHasher.needsRehash(card.pinHash)) {
            background(
              deps.pinHasher
                .hash(pin)
                .then((rehashed) => cards.replacePinHash(card.id, rehashed, nowIso()))
                .catch(() => logger.warn('PIN rehash failed', { cardId: card.id })),
            );
          }
          if (who) teller.journalEntry(who, 'pin.verified');
          return ok(transition({ ...withFreshAccounts(), state: 'menu', refusal: null }));
        }
        if (who) teller.journalEntry(who, 'pin.failed');
        if (verdict === 'retained') return retainAfterPins();
        transition({ ...session, state: 'pin_entry', refusal: 'PIN_INCORRECT' });
        return err('PIN_INCORRECT', 'The PIN is incorrect.');
      });
    },

    chooseTransaction(transaction: TransactionKind): Envelope<SessionSnapshot> {
      const refused = guard(['menu']);
      if (refused) return refused;
      if (!offered.includes(transaction)) return err('INVALID_STATE', 'That transaction is not offered.');
      const who = customer();
      if (!who) return err('INVALID_STATE', 'No card in the reader.');
      const fresh = withFreshAccounts();
      switch (transaction) {
        case 'withdrawal':
          return ok(transition({ ...fresh, state: 'withdrawal_amount', refusal: null, receipt: null }));
        case 'deposit':
          return ok(transition({ ...fresh, state: 'deposit_notes', refusal: null, receipt: null }));
        case 'transfer':
          return ok(transition({ ...fresh, state: 'transfer_details', refusal: null, receipt: null, transfer: null }));
        case 'pin_change':
          return ok(transition({ ...fresh, state: 'pin_change', refusal: null, receipt: null }));
        case 'balance': {
          const receipt = teller.recordService(who, 'balance', fresh.accounts?.[0] ?? null);
          return ok(transition({ ...fresh, state: 'balance', refusal: null, receipt }));
        }
        case 'mini_statement': {
          const first = fresh.accounts?.[0] ?? null;
          const receipt = teller.recordService(who, 'mini_statement', first);
          return ok(
            transition({
              ...fresh,
              state: 'mini_statement',
              refusal: null,
              receipt,
              statementRef: first?.accountRef ?? null,
            }),
          );
        }
      }
    },

    showStatement(accountRef: string): Envelope<SessionSnapshot> {
      const refused = guard(['mini_statement']);
      if (refused) return refused;
      if (!accountByRef(accountRef)) return refuse('ACCOUNT_UNKNOWN');
      return ok(transition({ ...session, statementRef: accountRef, refusal: null }));
    },

    async selectWithdrawal(amountMinor: number, accountRef: string): Promise<Envelope<SessionSnapshot>> {
      const refused = guard(['withdrawal_amount']);
      if (refused) return refused;
      const who = customer();
      const account = accountByRef(accountRef);
      if (!who || !account) return refuse('ACCOUNT_UNKNOWN');
      const sessionId = session.id;
      if (sync) {
        // With a bank: the kiosk's own rules first, then the bank (online, or stand-in), then the local hold.
        const precheck = teller.precheckWithdrawal(who, account, amountMinor);
        if (precheck) return refuse(precheck.code, 'withdrawal_amount');
        return exclusive(async () => {
          transition({ ...session, state: 'processing', refusal: null });
          const decision = await sync.authoriseWithdrawal({ cardId: who.cardId, account, amountMinor });
          if (session.id !== sessionId) {
            if (decision.ok) sync.abandon(decision.authorisation);
            return err('INVALID_STATE', 'The session ended.');
          }
          if (!decision.ok) {
            teller.declineWithdrawal(who, account, amountMinor, decision.code);
            return refuse(decision.code, 'withdrawal_amount');
          }
          const authorised = teller.authoriseWithdrawal(who, account, amountMinor, decision.authorisation);
          if (!authorised.ok) {
            sync.abandon(decision.authorisation);
            return refuse(authorised.code, 'withdrawal_amount');
          }
          return dispense(who, authorised.withdrawal, sessionId);
        });
      }
      const authorised = teller.authoriseWithdrawal(who, account, amountMinor);
      if (!authorised.ok) return refuse(authorised.code, 'withdrawal_amount');
      return exclusive(async () => {
        transition({ ...session, state: 'processing', refusal: null });
        return dispense(who, authorised.withdrawal, sessionId);
      });
    },

    cardTaken(): Envelope<SessionSnapshot> {
      const refused = guard(['take_card']);
      if (refused) return refused;
      const who = customer();
      if (who) teller.journalEntry(who, 'card.returned');
      if (!session.withdrawal) return ok(endSession(null));
      return ok(transition({ ...session, state: 'take_cash', refusal: null }));
    },

    async cashTaken(): Promise<Envelope<SessionSnapshot>> {
      const refused = guard(['take_cash']);
      if (refused) return refused;
      const pending = session.withdrawal;
      const who = customer();
      if (!pending || !who) return err('INVALID_STATE', 'No cash is waiting.');
      const sessionId = session.id;
      return exclusive(async () => {
        const taken = await deps.dispenser.waitForTake(deps.settings().cashTakeTimeoutMs);
        if (session.id !== sessionId) {
          // Reset while the customer was taking the notes: the books still follow what the device saw.
          if (taken === 'taken') teller.completeWithdrawal(who, pending.authorised, pending.outcome);
          else
            teller.retractWithdrawal(who, pending.authorised, pending.outcome, (await deps.dispenser.retract()).notes);
          return err('INVALID_STATE', 'The session ended.');
        }
        if (taken === 'not_taken') {
          busy = false;
          await retractCash();
          return err('CASH_RETRACTED', 'The cash was retracted.');
        }
        const receipt = teller.completeWithdrawal(who, pending.authorised, pending.outcome);
        teller.journalEntry(who, 'session.ended', { data: { reason: 'finished' } });
        const settled = transition({
          ...session,
          state: 'goodbye',
          refusal: null,
          withdrawal: null,
          accounts: null,
          receipt,
        });
        printIfWanted();
        return ok(settled);
      });
    },

    async submitDeposit(
      accountRef: string,
      notes: readonly { denominationMinor: number; count: number }[],
    ): Promise<Envelope<SessionSnapshot>> {
      const refused = guard(['deposit_notes']);
      if (refused) return refused;
      const who = customer();
      const account = accountByRef(accountRef);
      if (!who || !account) return refuse('ACCOUNT_UNKNOWN');
      const settings = deps.settings();
      const total = notes.reduce((sum, line) => sum + line.count, 0);
      const known = new Set(deps.acceptor.denominationsMinor);
      const denominations = new Set(notes.map((line) => line.denominationMinor));
      if (
        total > settings.depositNotesMax ||
        notes.some((line) => !known.has(line.denominationMinor)) ||
        denominations.size !== notes.length
      ) {
        return refuse('AMOUNT_INVALID');
      }
      if (!account.open) return refuse('ACCOUNT_FROZEN');
      const sessionId = session.id;
      return exclusive(async () => {
        transition({ ...session, state: 'processing', refusal: null });
        // Durable before the acceptor may keep a note: a crash from here on leaves a record start-up recovery settles
        // by the acceptor's own record of this operation.
        let operationId: string;
        try {
          operationId = teller.beginDeposit(who, account, notes);
        } catch (cause) {
          logger.error('deposit not started', { error: cause instanceof Error ? cause.name : 'unknown' });
          transition({ ...session, state: 'deposit_notes', refusal: 'INTERNAL' });
          return err('INTERNAL', 'The deposit could not be started; nothing was taken.');
        }
        const operation = { id: operationId };
        let outcome: DepositOutcome;
        try {
          outcome = await deps.acceptor.accept(notes, operationId);
        } catch (cause) {
          // Outside the contract the driver may have kept notes: recovery or staff decide by the device's record.
          if (!(cause instanceof DeviceInputError || cause instanceof DeviceStateError)) {
            return depositUnresolved(who, operationId, sessionId, 'acceptor_failed', cause);
          }
          // The acceptor refused the bunch outright: nothing was counted, the notes go back.
          logger.error('deposit acceptor failed', { error: cause.name });
          teller.declineDepositOperation(who, operationId, { kind: 'device.fault', data: { device: 'acceptor' } });
          if (session.id !== sessionId) return err('INVALID_STATE', 'The session ended.');
          transition({ ...session, state: 'deposit_notes', refusal: 'DEPOSIT_REJECTED' });
          return err('DEPOSIT_REJECTED', 'The acceptor returned the notes.');
        }
        let result: ReturnType<Teller['deposit']>;
        try {
          // Reset while counting: the counted notes are in the kiosk, so they are credited all the same.
          if (session.id === sessionId && outcome.kind === 'jammed')
            teller.journalEntry(who, 'device.fault', { data: { device: 'acceptor' } });
          result = teller.deposit(who, account, outcome, operation);
        } catch (cause) {
          return depositUnresolved(who, operationId, sessionId, 'booking_failed', cause);
        }
        if (session.id !== sessionId) return err('INVALID_STATE', 'The session ended.');
        if ('ok' in result) {
          transition({ ...withFreshAccounts(), state: 'deposit_notes', refusal: result.code });
          return err(result.code, `Refused: ${result.code}.`);
        }
        return ok(transition({ ...withFreshAccounts(), state: 'transaction_result', refusal: null, receipt: result }));
      });
    },

    requestTransfer(request: {
      fromAccountRef: string;
      to: { kind: 'own'; accountRef: string } | { kind: 'account_number'; accountNumber: string };
      amountMinor: number;
    }): Envelope<SessionSnapshot> {
      const refused = guard(['transfer_details']);
      if (refused) return refused;
      const from = accountByRef(request.fromAccountRef);
      if (!from) return refuse('ACCOUNT_UNKNOWN');
      let to: Parameters<Teller['prepareTransfer']>[1];
      if (request.to.kind === 'own') {
        const own = accountByRef(request.to.accountRef);
        if (!own) return refuse('ACCOUNT_UNKNOWN');
        to = { kind: 'own', account: own };
      } else {
        to = request.to;
      }
      const prepared = teller.prepareTransfer(from, to, request.amountMinor);
      if (!prepared.ok) return refuse(prepared.code);
      return ok(transition({ ...session, state: 'transfer_confirm', refusal: null, transfer: prepared.transfer }));
    },

    async confirmTransfer(): Promise<Envelope<SessionSnapshot>> {
      const refused = guard(['transfer_confirm']);
      if (refused) return refused;
      const who = customer();
      const prepared = session.transfer;
      if (!who || !prepared) return err('INVALID_STATE', 'Nothing to confirm.');
      const refuseTransfer = (code: ErrorCode): Envelope<SessionSnapshot> => {
        transition({ ...withFreshAccounts(), state: 'transfer_details', refusal: code, transfer: null });
        return err(code, `Refused: ${code}.`);
      };
      const booked = (result: ReturnType<Teller['transfer']>): Envelope<SessionSnapshot> =>
        'ok' in result
          ? refuseTransfer(result.code)
          : ok(
              transition({
                ...withFreshAccounts(),
                state: 'transaction_result',
                refusal: null,
                transfer: null,
                receipt: result,
              }),
            );
      if (!sync) return booked(teller.transfer(who, prepared));
      // With a bank: the kiosk's own rules, then the bank (online only), then the local booking under the bank's id.
      const precheck = teller.precheckTransfer(who, prepared);
      if (precheck) return refuseTransfer(precheck.code);
      const sessionId = session.id;
      return exclusive(async () => {
        transition({ ...session, state: 'processing', refusal: null });
        const decision = await sync.authoriseTransfer({ cardId: who.cardId, transfer: prepared });
        if (session.id !== sessionId) {
          if (decision.ok) sync.abandonTransfer(decision.authorisation);
          return err('INVALID_STATE', 'The session ended.');
        }
        if (!decision.ok) {
          teller.declineTransfer(who, prepared, decision.code);
          return refuseTransfer(decision.code);
        }
        const result = teller.transfer(who, prepared, decision.authorisation);
        if ('ok' in result) sync.abandonTransfer(decision.authorisation);
        return booked(result);
      });
    },

    async changePin(currentPin: string, newPin: string, newPinAgain: string): Promise<Envelope<SessionSnapshot>> {
      const refused = guard(['pin_change']);
      if (refused) return refused;
      const card = session.cardId === null ? null : cards.findById(session.cardId);
      const who = customer();
      if (!card || !who || !panInReader) return err('INVALID_STATE', 'No card in the reader.');
      const sessionId = session.id;
      return exclusive(async () => {
        transition({ ...session, state: 'processing', refusal: null });
        const verdict = await checkPin(card, currentPin);
        if (session.id !== sessionId) return err('INVALID_STATE', 'The session ended.');
        if (verdict === 'retained') return retainAfterPins();
        if (verdict === 'wrong') {
          teller.journalEntry(who, 'pin.failed');
          return refuse('PIN_INCORRECT', 'pin_change');
        }
        if (newPin !== newPinAgain) return refuse('PIN_MISMATCH', 'pin_change');
        const settings = deps.settings();
        const policy = { lengthMin: settings.pinLengthMin, lengthMax: settings.pinLengthMax };
        if (newPin === currentPin || pinPolicyViolation(newPin, policy, panInReader ?? '') !== null) {
          return refuse('PIN_POLICY', 'pin_change');
        }
        const pinHash = await deps.pinHasher.hash(newPin);
        if (session.id !== sessionId) return err('INVALID_STATE', 'The session ended.');
        cards.replacePinHash(card.id, pinHash, nowIso());
        const receipt = teller.recordService(who, 'pin_change', null);
        return ok(transition({ ...session, state: 'transaction_result', refusal: null, receipt }));
      });
    },

    backToMenu(): Envelope<SessionSnapshot> {
      const refused = guard(SERVICE_STATES.filter((state) => state !== 'menu'));
      return (
        refused ??
        ok(transition({ ...withFreshAccounts(), state: 'menu', refusal: null, transfer: null, statementRef: null }))
      );
    },

    /** Done: the card comes out first; the session ends when it is taken. */
    finish(): Envelope<SessionSnapshot> {
      const refused = guard(SERVICE_STATES);
      return refused ?? ok(transition({ ...session, state: 'take_card', refusal: null, transfer: null }));
    },

    cancel(): Envelope<SessionSnapshot> {
      const refused = guard(['pin_entry', ...SERVICE_STATES]);
      if (refused) return refused;
      if (session.state === 'pin_entry') return ok(endSession(null));
      return ok(transition({ ...session, state: 'take_card', refusal: null, transfer: null }));
    },

    /**
     * Prints the current receipt. A receipt already printed or saved is not printed again (one receipt per
     * transaction); after a failure the customer may try again. The outcome shows on the snapshot.
     */
    async printReceipt(language: LanguageCode): Promise<Envelope<SessionSnapshot>> {
      const refused = guard(RECEIPT_STATES);
      if (refused) return refused;
      // With the cash in the slot the withdrawal's receipt does not exist yet (the device decides what is posted):
      // the request is remembered and the receipt prints as the withdrawal settles.
      if (session.state === 'take_cash') return ok(transition({ ...session, receiptWanted: language }));
      return printCurrentReceipt(language);
    },

    keepAlive(): Envelope<SessionSnapshot> {
      const refused = guard(['pin_entry', ...SERVICE_STATES]);
      return refused ?? ok(transition({ ...session }));
    },

    /** Ends whatever is under way and shows the idle screen (renderer replaced, kiosk shutting down). */
    reset(reason: string): void {
      logger.info('session reset', { sessionId: session.id, reason });
      const pending = session.withdrawal;
      const who = customer();
      // While a device step runs (dispense, take, retract) that step settles the withdrawal when it ends.
      if (pending && who && !busy) {
        // A withdrawal cut off mid-way: whatever is in the slot is retracted and the hold voided, never posted.
        background(
          deps.dispenser
            .retract()
            .then((retract) => teller.retractWithdrawal(who, pending.authorised, pending.outcome, retract.notes))
            .catch(() => logger.error('withdrawal reset failed', { sessionId: who.sessionId })),
        );
      }
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
