// The branch staff maintenance mode: one staff session at a time, entered only while no customer is being served,
// ended after 2 minutes idle. Every call passes one gate (session → set-up → role from STAFF_ACCESS → idle timer) and
// every accepted staff action leaves a journal row naming the staff member. Passwords, TOTP secrets and PINs never
// reach a log, the journal or a row other than as their argon2id hash (or, for TOTP secrets, sealed with AES-GCM).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { type Envelope, err, ok } from '../../shared/ipc/envelope.ts';
import type { SessionState } from '../../shared/ipc/session.ts';
import {
  STAFF_ACCESS,
  type StaffAccess,
  type StaffChannels,
  type StaffCredentials,
  type StaffMethod,
  type ReportPrintout,
  type StaffRole,
  type StaffSnapshot,
  staffChannels,
} from '../../shared/ipc/staff.ts';
import type { SyncStatus } from '../../shared/ipc/system.ts';
import type { CardRepo } from '../cards/card-repo.ts';
import type { PinHasher } from '../cards/card-secrets.ts';
import { CashAccountingError, type CassetteRepo } from '../cash/cassette-repo.ts';
import type { Clock } from '../core/kiosk-core-types.ts';
import type { Db } from '../db/open-database.ts';
import { createDiagnosticsBundle } from '../diagnostics/diagnostics-bundle.ts';
import type { CashDispenser } from '../devices/cash-dispenser.ts';
import type { DepositAcceptor } from '../devices/deposit-acceptor.ts';
import type { PrintOutcome, ReceiptPrinter } from '../devices/receipt-printer.ts';
import type { ReceiptDocument } from '../receipts/receipt-layout.ts';
import { DeviceStateError, type FaultMode, type InjectedFault } from '../devices/device-types.ts';
import type { DispenserFault } from '../devices/simulated-cash-dispenser.ts';
import type { AcceptorFault } from '../devices/simulated-deposit-acceptor.ts';
import type { HandlerResult } from '../ipc/router.ts';
import type { Journal, JournalRecord } from '../journal/journal.ts';
import { type JournalEntry, JournalEntryError, containsCardNumber } from '../journal/journal-entry.ts';
import { writeJournalExport } from '../journal/journal-export.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { Logger } from '../log/logger.ts';
import { createPdfFileReceiptPrinter } from '../receipts/pdf-file-printer.ts';
import { printWithDeadline } from '../receipts/print-with-deadline.ts';
import { layoutCassetteReport, layoutDayTotalReport } from '../receipts/staff-report-layout.ts';
import { type KioskSettings, KioskSettingsSchema, saveSettings } from '../settings/kiosk-settings.ts';
import type { RetractRefundResult, Teller } from '../transactions/teller.ts';
import { passwordPolicyViolation } from './password-policy.ts';
import { createStaffCardBinding } from './staff-card-binding.ts';
import { type CustomerEnrolment, type PendingEnrolment, createStaffCards } from './staff-cards.ts';
import { type BankTotalsSource, type CassetteReportFigures, cassetteView, createStaffCash } from './staff-cash.ts';
import { type Audit, StaffRefusal } from './staff-refusal.ts';
import { STAFF_FAILURES_MAX, STAFF_LOCK_MS, type StaffAccount, createStaffRepo } from './staff-repo.ts';
import { seal, unseal } from './staff-secrets.ts';
import { newTotpSecret, otpauthUri, qrSvgOf, verifyTotp } from './totp.ts';

/**
 * A staff session with no call for this long ends (and the kiosk goes back to its pre-session state): the default of
 * the `staffIdleTimeoutMs` setting.
 */
export const STAFF_IDLE_TIMEOUT_MS = 2 * 60_000;
/** The out-of-service reason customers' screens get while staff work on the kiosk. */
export const STAFF_MAINTENANCE_REASON = 'staff maintenance';
/** Unknown staff ids whose failures are remembered (in memory) so they lock like known ones. */
export const UNKNOWN_ID_FAILURES_MAX = 1_000;
/** Rows of the journal the dashboard shows. */
export const DASHBOARD_JOURNAL_ROWS = 10;
export const JOURNAL_EXPORTS_DIR = 'journal-exports';
/**
 * Where cash reports go as PDFs when no receipt printer is given: the receipts folder of the data dir, where the
 * kiosk core's default printer saves customer receipts (RECEIPTS_DIR in core/kiosk-core.ts).
 */
export const STAFF_REPORTS_DIR = 'receipts';
/**
 * A printer that does not answer must not hold staff mode: past this the report counts as not printed. Above the
 * Electron printer's own PRINT_TIMEOUT_MS, so its answer normally comes first.
 */
export const STAFF_REPORT_PRINT_TIMEOUT_MS = 20_000;
/** Longest saved-report file name the staff contract carries (ReportPrintoutSchema). */
const REPORT_FILE_NAME_MAX = 160;

/** Customer states from which staff may log in: nobody is at the kiosk. */
const ENTRY_STATES: ReadonlySet<SessionState> = new Set(['idle', 'out_of_service']);

type StaffRequest<M extends StaffMethod> = z.output<StaffChannels[M]['request']>;
type StaffResponse<M extends StaffMethod> = z.output<StaffChannels[M]['response']>;

/** One handler per staff channel: the `staff` entry of the core's HandlerTable once the contract lists it. */
export type StaffHandlers = {
  readonly [M in StaffMethod]: (request: StaffRequest<M>) => HandlerResult<StaffResponse<M>>;
};

/** What a simulator adds to a driver: fault switches. A real driver has none of these. */
type FaultSwitches<F> = {
  injectFault(fault: F, mode?: FaultMode): void;
  clearInjectedFaults(): void;
  injectedFaults(): readonly InjectedFault<F>[];
  resetDevice(): void;
};

export type StaffDevices = {
  readonly dispenser: CashDispenser & Partial<FaultSwitches<DispenserFault>>;
  readonly acceptor: DepositAcceptor & Partial<FaultSwitches<AcceptorFault>>;
};

export type StaffServiceDeps = {
  readonly db: Db;
  readonly ledger: Ledger;
  readonly cassettes: CassetteRepo;
  readonly journal: Journal;
  readonly cards: CardRepo;
  /** Customer PINs (enrolment): the core's PIN hasher. */
  readonly pinHasher: PinHasher;
  /** Staff passwords: argon2id with the keychain pepper as secret (`createPinHasher(pinPepper)` fits). */
  readonly passwordHasher: PinHasher;
  readonly panHmacKey: Buffer;
  /** AES-256-GCM key sealing TOTP secrets (loadStaffSecretKey). */
  readonly staffKey: Buffer;
  readonly settings: () => KioskSettings;
  /** Stores validated settings and makes them live; defaults to writing them to kiosk_meta. */
  readonly saveSettings?: (next: KioskSettings) => KioskSettings;
  readonly devices: StaffDevices;
  /**
   * The kiosk's teller, for retract refunds: ledger, customer transaction, trace numbers, journal and the bank's
   * reversal in one transaction, exactly as for the customer's own transactions.
   */
  readonly retractRefunds: Pick<Teller, 'retractMismatches' | 'refundRetracted'>;
  /**
   * The kiosk's receipt printer, which prints the Cassette Total and Trial Cassette Total reports. Absent: a PDF
   * printer saving into `<dataDir>/receipts`, as the kiosk core does when it has no printer either.
   */
  readonly receiptPrinter?: ReceiptPrinter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly kioskId: string;
  /** Journal exports go to `<dataDir>/journal-exports`. */
  readonly dataDir: string;
  readonly customerSessionState: () => SessionState;
  /** Why customers are kept out right now (null: in service). */
  readonly outOfServiceReason: () => string | null;
  readonly setOutOfService: (reason: string | null) => void;
  /** The bank's day totals (sync engine); absent or null when standalone. */
  readonly bankTotals?: BankTotalsSource;
  readonly syncStatus?: () => SyncStatus;
  /** The sync engine's staff actions (absent: a standalone kiosk, nothing to list or send). */
  readonly sync?: StaffSync;
  /** Whether replenishment counts and loads need a second staff member (a setting); default off. */
  readonly requireDualControl?: () => boolean;
  readonly onChange?: (snapshot: StaffSnapshot) => void;
  /** The app's version, for the diagnostics bundle. */
  readonly version?: string;
  /** Runs inside the enrolment's transaction (the bank sync queues it there); a throw undoes the enrolment. */
  readonly onCustomerEnrolled?: ((enrolment: CustomerEnrolment) => void) | null;
  /** A bound staff card was inserted where staff may enter: the renderer opens the login with this id filled in. */
  readonly onStaffCardInserted?: (staffId: string) => void;
};

/** What staff mode uses of the sync engine (KioskCore['sync']). */
export type StaffSync = {
  listParked(limit?: number): readonly { seq: number; op: string; reason: string | null; attempts: number }[];
  retryParked(seq: number): boolean;
  discardParked(seq: number, staffId: string): boolean;
  listExceptions(limit?: number): readonly {
    id: number;
    kind: string;
    amountMinor: number;
    currency: string | null;
    reason: string;
    createdAtMs: number;
  }[];
  resolveException(id: number, staffId: string): boolean;
  drainNow(): Promise<{ readonly pending: number; readonly parked: number }>;
  pullNow(): Promise<boolean>;
};

/** What staff are told when a retract refund is refused (the code says which screen text; this is for the log). */
const RETRACT_REFUND_REFUSALS: Readonly<Record<Extract<RetractRefundResult, { ok: false }>['reason'], string>> = {
  not_found: 'No such withdrawal.',
  no_retract_mismatch: 'That withdrawal has no partial retract to refund.',
  already_refunded: 'That withdrawal was already refunded.',
  amount_invalid: 'The amount must be a whole number of minor units, at least 1.',
  amount_above_presented: 'The refund cannot exceed the amount presented.',
  ledger: 'The account cannot take the refund.',
};

/** Rows of each sync list staff see at once. */
const SYNC_ISSUES_MAX = 100;

type Session = {
  readonly id: string;
  readonly staffId: string;
  readonly displayName: string;
  readonly role: StaffRole;
  mustChangePassword: boolean;
  mustEnrolTotp: boolean;
  idleDeadlineMs: number;
  idleTimer: unknown;
  resumeInService: boolean;
  restoreReason: string | null;
  pendingTotpSecret: Buffer | null;
};

type Context = { readonly staffId: string | null; readonly audit: Audit; journalled: boolean };

const STANDALONE_SYNC: SyncStatus = {
  mode: 'standalone',
  queueLength: 0,
  parked: 0,
  exceptions: 0,
  lastError: null,
  standIn: null,
};

/** A settings value as the journal can hold it: its JSON, or its SHA-256 when too long or shaped like a card number. */
function settingText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  if (text.length <= 200 && !containsCardNumber(text)) return text;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function journalView(record: JournalRecord) {
  return {
    seq: record.seq,
    recordedAt: record.recordedAt,
    kind: record.kind,
    sessionId: record.sessionId,
    stan: record.stan,
    maskedPan: record.maskedPan,
    staffId: record.staffId,
    amountMinor: record.amountMinor,
    currency: record.currency,
    data: { ...record.data },
  };
}

export function createStaffService(deps: StaffServiceDeps) {
  const { db, journal, clock, logger } = deps;
  const repo = createStaffRepo(db);
  const now = () => clock.now();
  const currency = () => deps.settings().currency;
  const cash = createStaffCash({
    db,
    ledger: deps.ledger,
    cassettes: deps.cassettes,
    dispenser: deps.devices.dispenser,
    currency,
    now,
  });
  const cardBinding = createStaffCardBinding({ db, cards: deps.cards, panHmacKey: deps.panHmacKey, now });
  const staffCards = createStaffCards({
    db,
    cards: deps.cards,
    isStaffCard: (panHmac) => cardBinding.isStaffCard(panHmac),
    panHmacKey: deps.panHmacKey,
    pinHasher: deps.pinHasher,
    currency,
    pinLength: () => ({ lengthMin: deps.settings().pinLengthMin, lengthMax: deps.settings().pinLengthMax }),
    now,
  });
  const storeSettings = deps.saveSettings ?? ((next: KioskSettings) => saveSettings(db, next));
  const reportPrinter =
    deps.receiptPrinter ?? createPdfFileReceiptPrinter(join(deps.dataDir, STAFF_REPORTS_DIR), { now });
  // Unknown ids are verified against this hash so they cost one argon2 verify, exactly like a known id.
  const dummyHash = deps.passwordHasher.hash(randomBytes(24).toString('base64'));
  dummyHash.catch(() => undefined);
  const unknownFailures = new Map<string, { failures: number; lockedUntilMs: number | null }>();

  let session: Session | null = null;
  let enrolment: PendingEnrolment | null = null;
  let revision = 0;
  let lastEmitted = '';
  let disposed = false;
  // Staff calls run one at a time: a replenishment step never interleaves with another, and the idle check sees a
  // settled session.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };

  const append = (entry: JournalEntry) => journal.append(entry);

  const allowedFor = (current: Session): string[] =>
    (Object.keys(STAFF_ACCESS) as StaffMethod[]).filter((method) => {
      const access: StaffAccess = STAFF_ACCESS[method];
      if (!access.session) return true;
      if (!access.duringSetup && (current.mustChangePassword || current.mustEnrolTotp)) return false;
      return access.roles.includes(current.role);
    });

  const snapshotBody = (): Omit<StaffSnapshot, 'revision'> => {
    const cycle = cash.openCycle();
    return {
      session: session
        ? {
            staffId: session.staffId,
            displayName: session.displayName,
            role: session.role,
            mustChangePassword: session.mustChangePassword,
            mustEnrolTotp: session.mustEnrolTotp,
            idleTimeoutAtMs: session.idleDeadlineMs,
            allowed: allowedFor(session),
            resumeInService: session.resumeInService,
          }
        : null,
      enrolment: enrolment
        ? {
            maskedPan: `•••• ${enrolment.pan.slice(-4)}`,
            holderName: enrolment.holderName,
            pinLengthMin: deps.settings().pinLengthMin,
            pinLengthMax: deps.settings().pinLengthMax,
            expiresAtMs: enrolment.expiresAtMs,
          }
        : null,
      replenishment: cycle,
    };
  };

  const snapshot = (): StaffSnapshot => ({ revision, ...snapshotBody() });

  const emitIfChanged = () => {
    const body = snapshotBody();
    const key = JSON.stringify(body);
    if (key === lastEmitted) return;
    lastEmitted = key;
    revision += 1;
    deps.onChange?.({ revision, ...body });
  };

  const armIdleTimer = (current: Session) => {
    if (current.idleTimer !== null) clock.clearTimeout(current.idleTimer);
    current.idleTimer = clock.setTimeout(
      () => {
        void serial(async () => {
          if (session !== current || disposed) return;
          if (now() >= current.idleDeadlineMs) endSession('idle_timeout');
          else armIdleTimer(current);
        });
      },
      Math.max(0, current.idleDeadlineMs - now()),
    );
  };

  const touch = (current: Session) => {
    current.idleDeadlineMs = now() + deps.settings().staffIdleTimeoutMs;
    armIdleTimer(current);
  };

  /** Where the kiosk goes when the session ends: back into service only if that was decided and the cash adds up. */
  const serviceAfter = (ending: Session): string | null => {
    if (!ending.resumeInService) return ending.restoreReason ?? 'out of service by staff';
    if (cash.openCycle()) return 'replenishment not finished';
    const cashAccountId = deps.ledger.internalAccountId('kiosk_cash', currency());
    const cashMinor = deps.ledger.account(cashAccountId)?.balanceMinor ?? 0;
    if (cashMinor !== deps.cassettes.totalValueMinor(currency())) return 'cash account does not match the cassettes';
    return null;
  };

  function endSession(reason: 'logout' | 'idle_timeout' | 'locked'): void {
    const ending = session;
    if (!ending) return;
    if (ending.idleTimer !== null) clock.clearTimeout(ending.idleTimer);
    session = null;
    if (enrolment) {
      append({ kind: 'staff.enrolment_cancelled', staffId: ending.staffId, data: { reason } });
      enrolment = null;
    }
    append({ kind: 'staff.logout', staffId: ending.staffId, data: { reason } });
    // A fault the core found during the session (e.g. a failed integrity check) replaced our reason: it stands.
    const meanwhile = deps.outOfServiceReason();
    const outOfService =
      meanwhile !== null && meanwhile !== STAFF_MAINTENANCE_REASON ? meanwhile : serviceAfter(ending);
    deps.setOutOfService(outOfService);
    append({
      kind: outOfService === null ? 'kiosk.in_service' : 'kiosk.out_of_service',
      staffId: ending.staffId,
      data: { reason: outOfService ?? 'staff session ended' },
    });
    logger.info('staff session ended', { reason, state: outOfService === null ? 'in_service' : 'out_of_service' });
    emitIfChanged();
  }

  /** The live session, ended first if its idle time has run out (a timer may be late; the clock is not). */
  const activeSession = (): Session | null => {
    if (session && now() >= session.idleDeadlineMs) endSession('idle_timeout');
    return session;
  };

  const unknownFailure = (staffId: string, nowMs: number): { locked: boolean } => {
    const key = staffId.toLowerCase();
    const entry = unknownFailures.get(key) ?? { failures: 0, lockedUntilMs: null };
    entry.failures += 1;
    let locked = false;
    if (entry.failures >= STAFF_FAILURES_MAX) {
      entry.failures = 0;
      entry.lockedUntilMs = nowMs + STAFF_LOCK_MS;
      locked = true;
    }
    if (!unknownFailures.has(key) && unknownFailures.size >= UNKNOWN_ID_FAILURES_MAX) {
      const oldest = unknownFailures.keys().next().value;
      if (oldest !== undefined) unknownFailures.delete(oldest);
    }
    unknownFailures.set(key, entry);
    return { locked };
  };

  /**
   * Checks id + password + TOTP code. Every path costs exactly one argon2 verify (a dummy hash for an unknown id), so
   * timing tells nothing about which ids exist; failures count towards the 15-minute lock whichever factor failed.
   */
  const authenticate = async (
    credentials: StaffCredentials,
    purpose: 'login' | 'confirm',
  ): Promise<{ account: StaffAccount; step: number | null }> => {
    const account = repo.find(credentials.staffId);
    const hash = account?.passwordHash ?? (await dummyHash);
    const passwordOk = await deps.passwordHasher.verify(hash, credentials.password);
    const nowMs = now();
    const knownId = account !== null;
    const journalId = knownId ? credentials.staffId : null;
    const lockedUntil = account
      ? account.lockedUntilMs
      : (unknownFailures.get(credentials.staffId.toLowerCase())?.lockedUntilMs ?? null);
    if (lockedUntil !== null && lockedUntil > nowMs) {
      append({ kind: 'staff.login_failed', staffId: journalId, data: { purpose, reason: 'locked', knownId } });
      throw new StaffRefusal('STAFF_LOCKED', 'This staff id is locked.');
    }
    let step: number | null = null;
    let secondFactorOk = true;
    if (account?.totpSecretSealed) {
      const secret = unseal(deps.staffKey, account.totpSecretSealed, account.staffId);
      if (!secret) logger.error('staff authenticator secret could not be opened', { reason: 'unseal failed' });
      step =
        secret && credentials.totpCode ? verifyTotp(secret, credentials.totpCode, nowMs, account.totpLastStep) : null;
      secondFactorOk = step !== null;
    } else if (purpose === 'confirm') {
      // A confirmer proves both factors: an account without an authenticator cannot confirm.
      secondFactorOk = false;
    }
    if (!account || !account.active || !passwordOk || !secondFactorOk) {
      const { locked } = account
        ? repo.recordFailure(account.staffId, nowMs)
        : unknownFailure(credentials.staffId, nowMs);
      append({ kind: 'staff.login_failed', staffId: journalId, data: { purpose, reason: 'credentials', knownId } });
      if (locked) {
        append({
          kind: 'staff.locked',
          staffId: journalId,
          data: { alert: true, knownId, lockedMinutes: STAFF_LOCK_MS / 60_000 },
        });
        logger.warn('staff id locked after repeated failures', { reason: 'staff lockout' });
        throw new StaffRefusal('STAFF_LOCKED', 'This staff id is now locked.');
      }
      throw new StaffRefusal('STAFF_AUTH_FAILED', 'Staff login failed.');
    }
    repo.recordSuccess(account.staffId, step, nowMs);
    if (deps.passwordHasher.needsRehash(account.passwordHash)) {
      repo.setPassword(
        account.staffId,
        await deps.passwordHasher.hash(credentials.password),
        account.mustChangePassword,
        now(),
      );
    }
    return { account, step };
  };

  /** Dual control: a second, different staff member's full credentials; required when the setting says so. */
  const confirmedBy = async (ctx: Context, confirmer: StaffCredentials | null): Promise<string | null> => {
    if (confirmer === null) {
      if (deps.requireDualControl?.() === true)
        throw new StaffRefusal('STAFF_DUAL_CONTROL_REQUIRED', 'A second staff member must confirm.');
      return null;
    }
    if (confirmer.staffId.toLowerCase() === ctx.staffId?.toLowerCase()) {
      throw new StaffRefusal('STAFF_DUAL_CONTROL_REQUIRED', 'The confirmer must be another staff member.');
    }
    const { account } = await authenticate(confirmer, 'confirm');
    if (account.mustChangePassword)
      throw new StaffRefusal('STAFF_DUAL_CONTROL_REQUIRED', 'The confirmer must finish set-up first.');
    return account.staffId;
  };

  const refusalOf = (cause: unknown): Envelope<never> | null => {
    if (cause instanceof StaffRefusal) return err(cause.code, cause.message);
    if (cause instanceof JournalEntryError) return err('BAD_REQUEST', 'That text cannot be recorded.');
    if (cause instanceof CashAccountingError) return err('BAD_REQUEST', cause.message.slice(0, 200));
    return null;
  };

  /** The one gate every staff call passes: session, set-up, role (STAFF_ACCESS), idle timer, audit, snapshot. */
  const guarded = <M extends StaffMethod>(
    method: M,
    work: (ctx: Context) => StaffResponse<M> | Promise<StaffResponse<M>>,
  ): Promise<Envelope<StaffResponse<M>>> =>
    serial(async () => {
      if (disposed) return err('INVALID_STATE', 'Staff mode has stopped.');
      const access: StaffAccess = STAFF_ACCESS[method];
      let ctx: Context;
      if (access.session) {
        const current = activeSession();
        if (!current) return err('STAFF_SESSION_REQUIRED', 'Log in as staff first.');
        if (!access.duringSetup && (current.mustChangePassword || current.mustEnrolTotp)) {
          return err('STAFF_SETUP_REQUIRED', 'Change the initial password and enrol an authenticator first.');
        }
        if (!access.roles.includes(current.role)) {
          append({ kind: 'staff.forbidden', staffId: current.staffId, data: { action: method, role: current.role } });
          return err('STAFF_FORBIDDEN', 'Your role may not use this function.');
        }
        touch(current);
        const staffId = current.staffId;
        ctx = {
          staffId,
          journalled: false,
          audit: (entry) => {
            append({ ...entry, staffId });
            ctx.journalled = true;
          },
        };
      } else {
        ctx = { staffId: null, journalled: false, audit: (entry) => void append(entry) };
      }
      try {
        const value = await work(ctx);
        if (access.session && access.audited && !ctx.journalled && ctx.staffId !== null) {
          append({ kind: 'staff.action', staffId: ctx.staffId, data: { action: method } });
        }
        return ok(value);
      } catch (cause) {
        const refusal = refusalOf(cause);
        if (refusal) return refusal;
        throw cause;
      } finally {
        emitIfChanged();
      }
    });

  const requireSession = (): Session => {
    if (!session) throw new StaffRefusal('STAFF_SESSION_REQUIRED', 'Log in as staff first.');
    return session;
  };

  const deviceViews = () => {
    const view = (
      device: 'dispenser' | 'acceptor',
      driver: {
        status(): { state: 'ready' | 'busy' | 'fault'; fault: string | null };
        injectFault?: unknown;
        injectedFaults?: () => readonly InjectedFault<{ kind: string }>[];
      },
    ) => {
      const status = driver.status();
      return {
        device,
        state: status.state,
        fault: status.fault,
        simulated: typeof driver.injectFault === 'function',
        injectedFaults: driver.injectedFaults?.().map((entry) => entry.fault.kind) ?? [],
      };
    };
    return [view('dispenser', deps.devices.dispenser), view('acceptor', deps.devices.acceptor)];
  };

  /**
   * Prints a total's report once the total is committed. Whatever the printer does, the total stands: the outcome is
   * journalled (`about` says which report) and returned for the staff screen's warning, never thrown.
   */
  const printStaffReport = async (
    layout: () => ReceiptDocument,
    about: { readonly report: string; readonly cycle: number | null },
    ctx: Context,
  ): Promise<ReportPrintout> => {
    let outcome: PrintOutcome;
    try {
      outcome = await printWithDeadline(reportPrinter, layout(), { clock, timeoutMs: STAFF_REPORT_PRINT_TIMEOUT_MS });
    } catch {
      outcome = { kind: 'failed', reason: 'report could not be laid out' };
    }
    const printout: ReportPrintout =
      outcome.kind === 'saved' ? { kind: 'saved', fileName: outcome.fileName.slice(0, REPORT_FILE_NAME_MAX) } : outcome;
    try {
      ctx.audit({
        kind: 'receipt.printed',
        data: {
          report: about.report,
          cycle: about.cycle,
          delivery: printout.kind,
          file: printout.kind === 'saved' ? printout.fileName : null,
          reason: printout.kind === 'failed' ? printout.reason : null,
        },
      });
    } catch (cause) {
      // The total itself was journalled with its transaction; losing this row must not turn it into an error.
      logger.error('staff report print not journalled', { error: cause instanceof Error ? cause.name : 'non-error' });
    }
    if (printout.kind === 'failed') logger.warn('staff report not printed', { reason: printout.reason });
    return printout;
  };

  const printCashReport = (figures: CassetteReportFigures, ctx: Context) =>
    printStaffReport(
      () => layoutCassetteReport({ ...figures, kioskId: deps.kioskId }),
      { report: figures.kind, cycle: figures.cycleId },
      ctx,
    );

  /** Day Total and Trial Day Total: the figures on screen, and on paper for the branch's balancing record. */
  const dayTotal = async (ctx: Context, close: boolean) => {
    const staffId = ctx.staffId ?? '';
    const total = await cash.dayTotal(staffId, close, deps.bankTotals, ctx.audit);
    const kind = close ? 'day_total' : 'trial_day_total';
    const report = { ...total, kind, kioskId: deps.kioskId, staffId, at: total.periodTo } as const;
    return {
      ...total,
      printout: await printStaffReport(() => layoutDayTotalReport(report), { report: kind, cycle: null }, ctx),
    };
  };

  const settingsDocument = (settings: KioskSettings) => JSON.parse(JSON.stringify(settings)) as Record<string, never>;

  const handlers: StaffHandlers = {
    getSnapshot: () => guarded('getSnapshot', () => snapshot()),

    login: (request) =>
      guarded('login', async () => {
        if (activeSession()) throw new StaffRefusal('STAFF_NOT_AVAILABLE', 'A staff session is already open.');
        if (!ENTRY_STATES.has(deps.customerSessionState()))
          throw new StaffRefusal('STAFF_NOT_AVAILABLE', 'A customer is using the kiosk.');
        const { account } = await authenticate(request, 'login');
        // argon2 took a while: a customer may have started meanwhile.
        if (!ENTRY_STATES.has(deps.customerSessionState()))
          throw new StaffRefusal('STAFF_NOT_AVAILABLE', 'A customer is using the kiosk.');
        const previous = deps.outOfServiceReason();
        const current: Session = {
          id: randomUUID(),
          staffId: account.staffId,
          displayName: account.displayName,
          role: account.role,
          mustChangePassword: account.mustChangePassword,
          mustEnrolTotp: account.totpSecretSealed === null,
          idleDeadlineMs: now() + deps.settings().staffIdleTimeoutMs,
          idleTimer: null,
          resumeInService: previous === null,
          restoreReason: previous === STAFF_MAINTENANCE_REASON ? null : previous,
          pendingTotpSecret: null,
        };
        session = current;
        deps.setOutOfService(STAFF_MAINTENANCE_REASON);
        armIdleTimer(current);
        if (previous === null) {
          append({
            kind: 'kiosk.out_of_service',
            staffId: current.staffId,
            data: { reason: STAFF_MAINTENANCE_REASON },
          });
        }
        append({
          kind: 'staff.login',
          staffId: current.staffId,
          data: {
            role: current.role,
            setupPending: current.mustChangePassword || current.mustEnrolTotp,
            wasInService: previous === null,
          },
        });
        logger.info('staff session started', { state: current.role });
        emitIfChanged();
        return snapshot();
      }),

    logout: () =>
      guarded('logout', (ctx) => {
        ctx.journalled = true; // endSession writes staff.logout with the staff id
        endSession('logout');
        return snapshot();
      }),

    keepAlive: () => guarded('keepAlive', () => snapshot()),

    changePassword: (request) =>
      guarded('changePassword', async (ctx) => {
        const current = requireSession();
        const account = repo.find(current.staffId);
        if (!account) throw new StaffRefusal('STAFF_SESSION_REQUIRED', 'The staff account is gone.');
        const currentOk = await deps.passwordHasher.verify(account.passwordHash, request.currentPassword);
        if (!currentOk) {
          const { locked } = repo.recordFailure(account.staffId, now());
          ctx.audit({
            kind: 'staff.login_failed',
            data: { purpose: 'password_change', reason: 'credentials', knownId: true },
          });
          if (locked) {
            ctx.audit({
              kind: 'staff.locked',
              data: { alert: true, knownId: true, lockedMinutes: STAFF_LOCK_MS / 60_000 },
            });
            endSession('locked');
            throw new StaffRefusal('STAFF_LOCKED', 'This staff id is now locked.');
          }
          throw new StaffRefusal('STAFF_AUTH_FAILED', 'The current password is wrong.');
        }
        if (
          request.newPassword === request.currentPassword ||
          passwordPolicyViolation(request.newPassword, account.staffId) !== null
        ) {
          const violation =
            request.newPassword === request.currentPassword
              ? 'reused'
              : passwordPolicyViolation(request.newPassword, account.staffId);
          ctx.audit({ kind: 'staff.password_changed', data: { accepted: false, violation } });
          throw new StaffRefusal('STAFF_PASSWORD_POLICY', 'That password is not allowed.');
        }
        const hash = await deps.passwordHasher.hash(request.newPassword);
        repo.setPassword(account.staffId, hash, false, now());
        current.mustChangePassword = false;
        ctx.audit({ kind: 'staff.password_changed', data: { accepted: true, violation: null } });
        return snapshot();
      }),

    beginTotpEnrolment: () =>
      guarded('beginTotpEnrolment', async (ctx) => {
        const current = requireSession();
        const secret = newTotpSecret();
        current.pendingTotpSecret = secret;
        const uri = otpauthUri(secret, current.staffId);
        ctx.audit({ kind: 'staff.totp_enrolled', data: { step: 'begun' } });
        return { otpauthUri: uri, qrSvg: await qrSvgOf(uri) };
      }),

    confirmTotpEnrolment: (request) =>
      guarded('confirmTotpEnrolment', (ctx) => {
        const current = requireSession();
        const secret = current.pendingTotpSecret;
        if (!secret) throw new StaffRefusal('INVALID_STATE', 'Begin the authenticator enrolment first.');
        const step = verifyTotp(secret, request.totpCode, now(), 0);
        if (step === null) throw new StaffRefusal('STAFF_AUTH_FAILED', 'That code does not match.');
        repo.setTotpSecret(current.staffId, seal(deps.staffKey, secret, current.staffId), step, now());
        secret.fill(0);
        current.pendingTotpSecret = null;
        current.mustEnrolTotp = false;
        ctx.audit({ kind: 'staff.totp_enrolled', data: { step: 'confirmed' } });
        return snapshot();
      }),

    dashboard: () =>
      guarded('dashboard', () => {
        const current = requireSession();
        const cur = currency();
        const list = deps.cassettes.list();
        const cassettesValueMinor = deps.cassettes.totalValueMinor(cur);
        const cashAccountMinor =
          deps.ledger.account(deps.ledger.internalAccountId('kiosk_cash', cur))?.balanceMinor ?? 0;
        const status = journal.status();
        return {
          kioskId: deps.kioskId,
          currency: cur,
          outOfServiceReason: current.resumeInService ? null : (current.restoreReason ?? 'out of service by staff'),
          resumeInService: current.resumeInService,
          customerSession: deps.customerSessionState(),
          cassettes: list.map(cassetteView),
          cassettesValueMinor,
          cashAccountMinor,
          cashMatches: cashAccountMinor === cassettesValueMinor,
          rejectsValueMinor: deps.cassettes.rejectValueMinor(cur),
          rejectsAccountMinor:
            deps.ledger.account(deps.ledger.internalAccountId('kiosk_rejects', cur))?.balanceMinor ?? 0,
          retractBinNotes: deps.cassettes.retractBinNotes(),
          sync: deps.syncStatus?.() ?? STANDALONE_SYNC,
          devices: deviceViews(),
          journal: { rows: status.rows, capacityRows: status.capacityRows, nearCapacity: status.nearCapacity },
          recentJournal: journal.query({ newestFirst: true, limit: DASHBOARD_JOURNAL_ROWS }).map(journalView),
          replenishment: cash.openCycle(),
        };
      }),

    cassetteTotal: () =>
      guarded('cassetteTotal', async (ctx) => {
        const { total, report } = cash.cassetteTotal(ctx.staffId ?? '', ctx.audit);
        return { ...total, printout: await printCashReport(report, ctx) };
      }),

    enterCounts: (request) =>
      guarded('enterCounts', async (ctx) => {
        const confirmer = await confirmedBy(ctx, request.confirmer);
        return cash.enterCounts(ctx.staffId ?? '', confirmer, request, ctx.audit);
      }),

    addCash: (request) =>
      guarded('addCash', async (ctx) => {
        const confirmer = await confirmedBy(ctx, request.confirmer);
        return cash.addCash(ctx.staffId ?? '', confirmer, request.cassettes, ctx.audit);
      }),

    trialCassetteTotal: () =>
      guarded('trialCassetteTotal', async (ctx) => {
        const { total, report } = cash.trialCassetteTotal(ctx.staffId ?? '', ctx.audit);
        return { ...total, printout: await printCashReport(report, ctx) };
      }),

    trialDayTotal: () => guarded('trialDayTotal', (ctx) => dayTotal(ctx, false)),
    dayTotal: () => guarded('dayTotal', (ctx) => dayTotal(ctx, true)),

    listRetainedCards: () => guarded('listRetainedCards', () => ({ cards: staffCards.listRetained() })),

    releaseRetainedCard: (request) =>
      guarded('releaseRetainedCard', (ctx) =>
        staffCards.release(request.cardId, ctx.staffId ?? '', request.reason, request.note, ctx.audit),
      ),

    listRetractRefunds: () =>
      guarded('listRetractRefunds', (ctx) => {
        const refunds = deps.retractRefunds.retractMismatches();
        ctx.audit({
          kind: 'staff.retract_refunds_viewed',
          data: { rows: refunds.length, open: refunds.filter((row) => row.refund === null).length },
        });
        return { refunds };
      }),

    refundRetract: (request) =>
      guarded('refundRetract', async (ctx) => {
        const confirmer = await confirmedBy(ctx, request.confirmer);
        const result = deps.retractRefunds.refundRetracted({
          transactionId: request.transactionId,
          amountMinor: request.amountMinor,
          staffId: ctx.staffId ?? '',
          confirmedBy: confirmer,
          note: request.note,
        });
        if (!result.ok) {
          ctx.audit({
            kind: 'staff.retract_refund_refused',
            data: { transactionId: request.transactionId, reason: result.reason, amountMinor: request.amountMinor },
          });
          throw new StaffRefusal(result.code, RETRACT_REFUND_REFUSALS[result.reason]);
        }
        // The teller journalled the refund with this staff id, in the refund's own transaction.
        ctx.journalled = true;
        const { refund } = result;
        return {
          transactionId: refund.transactionId,
          stan: refund.stan,
          refundStan: refund.refundStan,
          maskedPan: refund.maskedPan,
          amountMinor: refund.amountMinor,
          presentedMinor: refund.presentedMinor,
          currency: refund.currency,
          at: refund.at,
        };
      }),

    resetPinAttempts: (request) =>
      guarded('resetPinAttempts', (ctx) => staffCards.resetPinAttempts(request.card, ctx.audit)),

    startEnrolment: (request) =>
      guarded('startEnrolment', (ctx) => {
        if (enrolment && enrolment.expiresAtMs > now())
          throw new StaffRefusal('INVALID_STATE', 'An enrolment is already open.');
        enrolment = staffCards.startEnrolment(request, ctx.audit);
        return snapshot();
      }),

    submitEnrolmentPin: (request) =>
      guarded('submitEnrolmentPin', async (ctx) => {
        const pending = enrolment;
        if (!pending) throw new StaffRefusal('INVALID_STATE', 'No enrolment is waiting for a PIN.');
        if (pending.expiresAtMs <= now()) {
          enrolment = null;
          ctx.audit({ kind: 'staff.enrolment_cancelled', data: { reason: 'timeout' } });
          throw new StaffRefusal('SESSION_TIMEOUT', 'The enrolment timed out.');
        }
        const pinHash = await staffCards.hashEnrolmentPin(pending, request.pin, request.pinAgain);
        const enrolled = staffCards.completeEnrolment(
          pending,
          pinHash,
          ctx.audit,
          deps.onCustomerEnrolled ?? undefined,
        );
        enrolment = null;
        return { maskedPan: enrolled.maskedPan, accountNumber: enrolled.accountNumber, holderName: pending.holderName };
      }),

    cancelEnrolment: () =>
      guarded('cancelEnrolment', (ctx) => {
        if (enrolment) ctx.audit({ kind: 'staff.enrolment_cancelled', data: { reason: 'staff' } });
        enrolment = null;
        return snapshot();
      }),

    queryJournal: (request) =>
      guarded('queryJournal', (ctx) => {
        const rows = journal.query({
          newestFirst: true,
          limit: request.limit,
          ...(request.from !== null ? { from: Date.parse(request.from) } : {}),
          ...(request.to !== null ? { to: Date.parse(request.to) } : {}),
          ...(request.kind !== null ? { kind: request.kind } : {}),
          ...(request.panLast4 !== null ? { maskedPan: `•••• ${request.panLast4}` } : {}),
          ...(request.stan !== null ? { stan: request.stan } : {}),
          ...(request.staffId !== null ? { staffId: request.staffId } : {}),
          ...(request.beforeSeq !== null ? { toSeq: request.beforeSeq - 1 } : {}),
        });
        ctx.audit({
          kind: 'staff.journal_viewed',
          data: {
            rows: rows.length,
            kind: request.kind,
            stan: request.stan,
            last4: request.panLast4,
            beforeSeq: request.beforeSeq,
          },
        });
        const last = rows.at(-1);
        return {
          rows: rows.map(journalView),
          nextBeforeSeq: rows.length === request.limit && last && last.seq > 1 ? last.seq : null,
        };
      }),

    exportJournal: (request) =>
      guarded('exportJournal', (ctx) => {
        const dir = join(deps.dataDir, JOURNAL_EXPORTS_DIR);
        mkdirSync(dir, { recursive: true });
        const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
        const fileName = `journal-${deps.kioskId}-${stamp}-${randomBytes(2).toString('hex')}.jsonl`;
        const summary = writeJournalExport(journal, join(dir, fileName), {
          ...(request.fromSeq !== null ? { fromSeq: request.fromSeq } : {}),
          ...(request.toSeq !== null ? { toSeq: request.toSeq } : {}),
        });
        ctx.audit({
          kind: 'staff.journal_exported',
          data: { file: fileName, rows: summary.rows, headSeq: summary.head?.seq ?? null },
        });
        return { fileName, rows: summary.rows, headSeq: summary.head?.seq ?? null };
      }),

    syncIssues: () =>
      guarded('syncIssues', (ctx) => {
        const parked = (deps.sync?.listParked(SYNC_ISSUES_MAX) ?? []).map(({ seq, op, reason, attempts }) => ({
          seq,
          op,
          reason: reason?.slice(0, 200) ?? null,
          attempts,
        }));
        const exceptions = (deps.sync?.listExceptions(SYNC_ISSUES_MAX) ?? []).map((row) => ({
          id: row.id,
          kind: row.kind,
          amountMinor: row.amountMinor,
          currency: row.currency,
          reason: row.reason.slice(0, 200),
          at: new Date(row.createdAtMs).toISOString(),
        }));
        ctx.audit({ kind: 'staff.sync_viewed', data: { parked: parked.length, exceptions: exceptions.length } });
        return { parked, exceptions };
      }),

    resolveSyncIssue: (request) =>
      guarded('resolveSyncIssue', (ctx) => {
        const staffId = requireSession().staffId;
        const sync = deps.sync;
        const done = !sync
          ? false
          : request.action === 'retry'
            ? sync.retryParked(request.seq)
            : request.action === 'discard'
              ? sync.discardParked(request.seq, staffId)
              : sync.resolveException(request.id, staffId);
        ctx.audit({
          kind: 'staff.sync_issue_resolved',
          data: { action: request.action, ref: request.action === 'resolve' ? request.id : request.seq, done },
        });
        return { done };
      }),

    syncNow: () =>
      guarded('syncNow', async (ctx) => {
        const sync = deps.sync;
        const drained = sync ? await sync.drainNow() : { pending: 0, parked: 0 };
        const pulled = sync ? await sync.pullNow() : false;
        ctx.audit({ kind: 'staff.sync_now', data: { pending: drained.pending, parked: drained.parked, pulled } });
        return { pending: drained.pending, parked: drained.parked, pulled };
      }),

    exportDiagnostics: () =>
      guarded('exportDiagnostics', (ctx) => {
        const bundle = createDiagnosticsBundle({
          dataDir: deps.dataDir,
          journalVerify: () => journal.verify(),
          settings: deps.settings(),
          version: deps.version ?? 'unknown',
          now,
        });
        const fileName = basename(bundle.path);
        ctx.audit({ kind: 'staff.diagnostics_exported', data: { file: fileName, bytes: bundle.bytes } });
        return { fileName, bytes: bundle.bytes };
      }),

    verifyJournal: () =>
      guarded('verifyJournal', (ctx) => {
        const result = journal.verify();
        ctx.audit({
          kind: 'staff.journal_verified',
          data: { ok: result.ok, brokenAtSeq: result.ok ? null : result.brokenAtSeq },
        });
        return result.ok
          ? { ok: true, rows: result.rows, brokenAtSeq: null, reason: null }
          : { ok: false, rows: null, brokenAtSeq: result.brokenAtSeq, reason: result.reason };
      }),

    setService: (request) =>
      guarded('setService', (ctx) => {
        const current = requireSession();
        current.resumeInService = request.inService;
        current.restoreReason = request.inService ? null : request.reason;
        ctx.audit({
          kind: 'staff.service_changed',
          data: {
            inService: request.inService,
            reason: request.inService ? null : request.reason,
            appliesAt: 'session_end',
          },
        });
        return snapshot();
      }),

    testDispense: (request) =>
      guarded('testDispense', (ctx) =>
        cash.testDispense(request.position, request.notes, ctx.staffId ?? '', ctx.audit),
      ),

    deviceStatus: () => guarded('deviceStatus', () => ({ devices: deviceViews() })),

    injectDeviceFault: (request) =>
      guarded('injectDeviceFault', (ctx) => {
        const driver = request.device === 'dispenser' ? deps.devices.dispenser : deps.devices.acceptor;
        if (typeof driver.injectFault !== 'function')
          throw new StaffRefusal('INVALID_STATE', 'This device has no fault switches.');
        if (request.device === 'dispenser') deps.devices.dispenser.injectFault?.(request.fault, request.mode);
        else deps.devices.acceptor.injectFault?.(request.fault, request.mode);
        ctx.audit({
          kind: 'staff.device_fault',
          data: { device: request.device, fault: request.fault.kind, mode: request.mode },
        });
        return { devices: deviceViews() };
      }),

    resetDevice: (request) =>
      guarded('resetDevice', (ctx) => {
        const driver = request.device === 'dispenser' ? deps.devices.dispenser : deps.devices.acceptor;
        if (typeof driver.resetDevice !== 'function')
          throw new StaffRefusal('INVALID_STATE', 'This device cannot be reset from here.');
        try {
          driver.clearInjectedFaults?.();
          driver.resetDevice();
        } catch (cause) {
          if (cause instanceof DeviceStateError) throw new StaffRefusal('INVALID_STATE', 'The device is busy.');
          throw cause;
        }
        ctx.audit({ kind: 'staff.device_reset', data: { device: request.device } });
        return { devices: deviceViews() };
      }),

    getSettings: () => guarded('getSettings', () => ({ settings: settingsDocument(deps.settings()) })),

    updateSettings: (request) =>
      guarded('updateSettings', async (ctx) => {
        const before = deps.settings();
        const merged: Record<string, unknown> = { ...before };
        for (const [key, value] of Object.entries(request.patch)) {
          const current = merged[key];
          // One level of named values (bank) merges key by key; anything else replaces.
          merged[key] =
            value !== null &&
            typeof value === 'object' &&
            !Array.isArray(value) &&
            current !== null &&
            typeof current === 'object' &&
            !Array.isArray(current)
              ? { ...current, ...value }
              : value;
        }
        const parsed = KioskSettingsSchema.safeParse(merged);
        if (!parsed.success) {
          const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(settings)').slice(0, 5);
          throw new StaffRefusal('SETTINGS_INVALID', `Invalid: ${paths.join(', ')}`.slice(0, 200));
        }
        const after = parsed.data;
        const changed: { path: string; before: unknown; after: unknown }[] = [];
        for (const key of Object.keys(after) as (keyof KioskSettings)[]) {
          const was: unknown = before[key];
          const next: unknown = after[key];
          if (key === 'bank') {
            for (const sub of Object.keys(after.bank) as (keyof KioskSettings['bank'])[]) {
              if (JSON.stringify(before.bank[sub]) !== JSON.stringify(after.bank[sub]))
                changed.push({ path: `bank.${sub}`, before: before.bank[sub], after: after.bank[sub] });
            }
          } else if (JSON.stringify(was) !== JSON.stringify(next)) {
            changed.push({ path: key, before: was, after: next });
          }
        }
        // Under dual control, switching it off or pointing the kiosk at another bank takes a second person: either
        // would let one supervisor act alone from then on, or hand the device's credentials to a host of their choice.
        const needsSecondPerson =
          before.staffDualControl &&
          changed.some((change) => change.path === 'staffDualControl' || change.path.startsWith('bank.'));
        const confirmedByStaff = needsSecondPerson ? await confirmedBy(ctx, request.confirmer ?? null) : null;
        const stored = db.transaction(() => {
          for (const change of changed) {
            ctx.audit({
              kind: 'config.changed',
              data: {
                setting: change.path,
                before: settingText(change.before),
                after: settingText(change.after),
                confirmedBy: confirmedByStaff,
              },
            });
          }
          return changed.length > 0 ? storeSettings(after) : before;
        })();
        if (changed.length === 0) ctx.audit({ kind: 'config.changed', data: { setting: null, unchanged: true } });
        return { settings: settingsDocument(stored), changed: changed.map((change) => change.path) };
      }),

    listStaff: () =>
      guarded('listStaff', () => ({
        staff: repo.list().map((account) => ({
          staffId: account.staffId,
          displayName: account.displayName,
          role: account.role,
          totpEnrolled: account.totpSecretSealed !== null,
          mustChangePassword: account.mustChangePassword,
          locked: account.lockedUntilMs !== null && account.lockedUntilMs > now(),
          active: account.active,
          card: cardBinding.cardOf(account.staffId),
        })),
      })),

    createStaff: (request) =>
      guarded('createStaff', async (ctx) => {
        if (repo.find(request.staffId)) throw new StaffRefusal('INVALID_STATE', 'That staff id is taken.');
        if (passwordPolicyViolation(request.initialPassword, request.staffId) !== null)
          throw new StaffRefusal('STAFF_PASSWORD_POLICY', 'That password is not allowed.');
        // Under dual control a new account takes a second person too, or one supervisor could mint their own confirmer.
        const confirmedByStaff = await confirmedBy(ctx, request.confirmer ?? null);
        const passwordHash = await deps.passwordHasher.hash(request.initialPassword);
        repo.create(
          {
            staffId: request.staffId,
            displayName: request.displayName,
            role: request.role,
            passwordHash,
            totpSecretSealed: null,
          },
          new Date(now()).toISOString(),
        );
        ctx.audit({
          kind: 'staff.account_created',
          data: { account: request.staffId, role: request.role, confirmedBy: confirmedByStaff },
        });
        return {
          staffId: request.staffId,
          displayName: request.displayName,
          role: request.role,
          totpEnrolled: false,
          mustChangePassword: true,
          locked: false,
          active: true,
          card: null,
        };
      }),

    resetStaff: (request) =>
      guarded('resetStaff', async (ctx) => {
        const account = repo.find(request.staffId);
        if (!account || account.staffId === ctx.staffId)
          throw new StaffRefusal('INVALID_STATE', 'That account cannot be reset from this session.');
        if (passwordPolicyViolation(request.initialPassword, account.staffId) !== null)
          throw new StaffRefusal('STAFF_PASSWORD_POLICY', 'That password is not allowed.');
        // A reset hands the account to whoever chose the password: under dual control, a second person confirms.
        const confirmedByStaff = await confirmedBy(ctx, request.confirmer ?? null);
        const passwordHash = await deps.passwordHasher.hash(request.initialPassword);
        db.transaction(() => {
          repo.setPassword(account.staffId, passwordHash, true, now());
          repo.setTotpSecret(account.staffId, null, 0, now());
          repo.clearLock(account.staffId, now());
          unknownFailures.delete(account.staffId.toLowerCase());
          ctx.audit({ kind: 'staff.account_reset', data: { account: account.staffId, confirmedBy: confirmedByStaff } });
        })();
        return {
          staffId: account.staffId,
          displayName: account.displayName,
          role: account.role,
          totpEnrolled: false,
          mustChangePassword: true,
          locked: false,
          active: account.active,
          card: cardBinding.cardOf(account.staffId),
        };
      }),

    bindStaffCard: (request) =>
      guarded('bindStaffCard', (ctx) => {
        const boundBy = requireSession().staffId;
        const { maskedPan } = cardBinding.bind(request.staffId, request.card, boundBy, ctx.audit);
        return { staffId: request.staffId, maskedPan };
      }),

    unbindStaffCard: (request) =>
      guarded('unbindStaffCard', (ctx) => {
        const { maskedPan } = cardBinding.unbind(request.staffId, ctx.audit);
        return { staffId: request.staffId, maskedPan };
      }),
  };

  // A replenishment left open by a crash keeps customers out until staff finish it.
  if (cash.openCycle() && deps.outOfServiceReason() === null) deps.setOutOfService('replenishment not finished');
  lastEmitted = JSON.stringify(snapshotBody());

  return {
    handlers,
    snapshot,
    /** The channels this service serves (every staffChannels entry). */
    channels: Object.keys(staffChannels) as StaffMethod[],
    /** Ends any staff session now (renderer replaced after a crash, kiosk closing). */
    endSession(reason: 'logout' | 'idle_timeout' = 'logout'): Promise<void> {
      return serial(async () => endSession(reason));
    },
    /**
     * A card read at the idle or out-of-service screen (the customer session's insertCard, before any customer
     * lookup). True: it is a bound staff card and staff may enter now, so the login opens for its staff id
     * (onStaffCardInserted) and no customer session starts. False: not a staff card, or staff cannot enter now (a
     * staff session is open, a customer is at the kiosk); the caller treats it as any other card. Either way the card
     * goes back to whoever inserted it; a staff card's insertion is journalled (masked).
     */
    staffCardAtEntry(pan: string): boolean {
      if (disposed) return false;
      const match = cardBinding.match(pan);
      if (!match) return false;
      // Read outside the serial queue, so it only looks: an open session (even one about to time out) keeps it shut.
      const open = session === null && ENTRY_STATES.has(deps.customerSessionState());
      append({
        kind: 'staff.card_inserted',
        staffId: match.staffId,
        maskedPan: match.maskedPan,
        data: { loginOpened: open },
      });
      if (open) deps.onStaffCardInserted?.(match.staffId);
      return open;
    },
    /** Whether a staff session is open (the core keeps customers out while it is). */
    isActive(): boolean {
      return session !== null;
    },
    dispose(): void {
      if (session?.idleTimer) clock.clearTimeout(session.idleTimer);
      session?.pendingTotpSecret?.fill(0);
      session = null;
      enrolment = null;
      disposed = true;
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
