// Composes the kiosk core from its parts: database, device secrets, cards, the session state machine, and the IPC
// handler table. It runs under plain Node (browser host, tests) and inside Electron's main process alike.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { err, type EventName, type EventPayload, type KioskStatus, ok } from '../../shared/ipc/index.ts';
import { maskPan } from '../../shared/card.ts';
import { createCardRepo } from '../cards/card-repo.ts';
import { createAttemptThrottle } from '../cards/attempt-throttle.ts';
import { createPinHasher } from '../cards/card-secrets.ts';
import { migrate } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';
import { checkIntegrityInBackground, type IntegrityVerdict } from '../db/integrity-check.ts';
import { assertIntact, type Db, openDatabase, quickCheck } from '../db/open-database.ts';
import { DEMO_CUSTOMERS } from '../demo/demo-data.ts';
import { seedDemoDataIfEmpty } from '../demo/seed-demo-data.ts';
import type { HandlerTable } from '../ipc/router.ts';
import { loadDeviceSecrets } from '../secrets/device-secrets.ts';
import { createSessionService, type DemoCardReader, isExpired } from '../session/session-service.ts';
import { createCassetteRepo } from '../cash/cassette-repo.ts';
import { createSimulatedDispenser } from '../devices/simulated-cash-dispenser.ts';
import { createSimulatedDepositAcceptor } from '../devices/simulated-deposit-acceptor.ts';
import { createJournal } from '../journal/journal.ts';
import { createLedger } from '../ledger/ledger.ts';
import { loadSettings, saveSettings } from '../settings/kiosk-settings.ts';
import { prepareStaff } from '../staff/staff-setup.ts';
import { createStaffService } from '../staff/staff-service.ts';
import type { ReceiptPrinter } from '../devices/receipt-printer.ts';
import { createPdfFileReceiptPrinter } from '../receipts/pdf-file-printer.ts';
import { startDepositReleases } from '../transactions/deposit-holds.ts';
import { createTeller } from '../transactions/teller.ts';
import { recoverInterruptedWithdrawals } from '../transactions/withdrawal-recovery.ts';
import { createDepositOperations, INTERRUPTED_DEPOSIT_REASON } from '../transactions/deposit-operations.ts';
import { recoverInterruptedDeposits } from '../transactions/deposit-recovery.ts';
import {
  createTestDispenses,
  INTERRUPTED_TEST_DISPENSE_REASON,
  recoverInterruptedTestDispenses,
} from '../transactions/test-dispense-recovery.ts';
import { createTraceNumbers } from '../transactions/trace-numbers.ts';
import { createTransactionRepo } from '../transactions/transaction-repo.ts';
import { createBankClient } from '../sync/bank-client.ts';
import { type BankTransport, caCertificateOf, createHttpTransport } from '../sync/bank-transport.ts';
import { bankCardKey, type BankCredentials, loadBankCredentials } from '../sync/provisioning.ts';
import { createSyncEngine } from '../sync/sync-engine.ts';
import { panLookupKey } from '../cards/card-secrets.ts';
import { DEMO_ACCEPTED_DENOMINATIONS, seedDemoCashIfEmpty } from '../demo/seed-demo-cash.ts';
import { CLOSE_WAIT_MS, createWorkInFlight, trackHandlers } from './work-in-flight.ts';
import {
  type CoreEventListener,
  type KioskCore,
  type KioskCoreOptions,
  KioskStartupError,
  systemClock,
} from './kiosk-core-types.ts';

export const DATABASE_FILE = 'kiosk.db';
/** The simulated dispenser's non-volatile record of its last dispense, inside the data dir. */
export const DISPENSER_STATE_FILE = join('devices', 'dispenser.json');
/** The simulated deposit acceptor's non-volatile record of its last operation, inside the data dir. */
export const ACCEPTOR_STATE_FILE = join('devices', 'acceptor.json');
/** Receipts saved as PDF (no printer configured, or the browser host) go here, inside the data dir. */
export const RECEIPTS_DIR = 'receipts';
/** Why a live kiosk without device drivers serves no customer (see KioskCoreOptions.devices). */
export const NO_DEVICE_DRIVERS_REASON =
  'no cash device drivers are configured (a live kiosk never runs the simulators)';
/** At most one status event per this interval (the queue length changes with every drained batch). */
export const STATUS_EMIT_INTERVAL_MS = 1_000;

function interruptedWithdrawals(db: Db): number {
  return (
    db
      .prepare("SELECT count(*) AS n FROM customer_transactions WHERE kind = 'withdrawal' AND status = 'authorised'")
      .get() as {
      n: number;
    }
  ).n;
}

/** Reads a kiosk_meta value, creating it with `create()` on first use (inside the caller's transaction). */
function metaValue(db: Db, key: string, create: () => string): string {
  const row = db.prepare('SELECT value FROM kiosk_meta WHERE key = ?').get(key) as { value: string } | undefined;
  if (row) return row.value;
  const value = create();
  db.prepare('INSERT INTO kiosk_meta (key, value) VALUES (?, ?)').run(key, value);
  return value;
}

const HELD_OUT_OF_SERVICE_KEY = 'held_out_of_service_reason';
const OUT_OF_SERVICE_REASON_MAX = 200;

function heldOutOfServiceReason(db: Db): string | null {
  const row = db.prepare('SELECT value FROM kiosk_meta WHERE key = ?').get(HELD_OUT_OF_SERVICE_KEY) as
    { value: string } | undefined;
  return row?.value ?? null;
}

function holdOutOfService(db: Db, reason: string | null): void {
  if (reason === null) db.prepare('DELETE FROM kiosk_meta WHERE key = ?').run(HELD_OUT_OF_SERVICE_KEY);
  else
    db.prepare(
      'INSERT INTO kiosk_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(HELD_OUT_OF_SERVICE_KEY, reason);
}

function upgradePending(db: Db): boolean {
  const latest = Math.max(0, ...migrations.map((migration) => migration.version));
  return (db.pragma('user_version', { simple: true }) as number) < latest;
}

function receiptPrinterOf(options: KioskCoreOptions, printerName: string | null): ReceiptPrinter {
  const receiptsDir = join(options.dataDir, RECEIPTS_DIR);
  const chosen = options.receiptPrinter;
  if (typeof chosen === 'function') return chosen(printerName, receiptsDir);
  return chosen ?? createPdfFileReceiptPrinter(receiptsDir);
}

function createDemoReader(): DemoCardReader {
  const pans = new Map(DEMO_CUSTOMERS.flatMap((customer) => customer.cards.map((card) => [card.demoCardId, card.pan])));
  return { panOf: (demoCardId) => pans.get(demoCardId) ?? null };
}

export async function createKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const clock = options.clock ?? systemClock;
  const { logger } = options;
  mkdirSync(options.dataDir, { recursive: true });
  const databasePath = join(options.dataDir, DATABASE_FILE);
  const db = openDatabase(databasePath, { integrityCheck: false });
  const work = createWorkInFlight();
  try {
    // An upgrade rewrites the schema, so the file is checked first, here; otherwise the check runs on a worker while
    // the kiosk starts, and PINs wait for its verdict (a million transfers take it ~1.6 s; start-up takes ~0.4 s).
    const upgrading = upgradePending(db);
    if (upgrading) assertIntact(db);
    const integrity: Promise<IntegrityVerdict> = work.track(
      upgrading
        ? Promise.resolve({ ok: true })
        : checkIntegrityInBackground(databasePath, () =>
            db.open ? quickCheck(db) : { ok: false, problem: 'the kiosk closed before the check ended' },
          ),
    );
    const applied = migrate(db, migrations);
    if (applied.length > 0) logger.info('database migrated', { version: applied.at(-1) ?? null });

    const { installationId, kioskId } = db.transaction(() => ({
      installationId: metaValue(db, 'installation_id', () => randomUUID()),
      kioskId: metaValue(db, 'kiosk_id', () => `K${randomBytes(3).toString('hex').toUpperCase()}`),
    }))();
    const hasCards = (db.prepare('SELECT count(*) AS n FROM cards').get() as { n: number }).n > 0;
    const secretStore = options.openSecretStore(installationId);
    const secrets = loadDeviceSecrets(secretStore, !hasCards);
    const pinHasher = createPinHasher(secrets.pinPepper);

    const now = () => clock.now();
    if (options.mode === 'demo') {
      const seeded = await seedDemoDataIfEmpty(db, secrets.panHmacKey, pinHasher, new Date(clock.now()).toISOString());
      if (seeded) logger.info('demo data seeded', { kioskId });
      seedDemoCashIfEmpty(db, now);
    }
    const settingsOverrides = { manualCardEntry: options.mode === 'demo', ...options.settingsOverrides };
    // Staff may change settings while the kiosk runs: every reader goes through `() => settings`.
    let settings = loadSettings(db, settingsOverrides);
    const staffStartup = await prepareStaff(db, secretStore, {
      mode: options.mode,
      passwordHasher: pinHasher,
      nowIso: new Date(clock.now()).toISOString(),
    });
    const ledger = createLedger(db, { now });
    const cassettes = createCassetteRepo(db);
    const journal = createJournal(db, { now });
    const cards = createCardRepo(db);

    // Bank sync: only with a bank URL; a standalone kiosk runs exactly as before (no hooks, no network).
    let bankCredentials: BankCredentials | null = null;
    let transport: BankTransport | null = null;
    if (settings.bank.url !== null) {
      bankCredentials = loadBankCredentials(secretStore);
      if (!bankCredentials || settings.bank.deviceId === null) {
        throw new KioskStartupError(
          'DEVICE_SECRETS_MISSING',
          "A bank is configured but this kiosk holds no device credentials for it in the OS keychain. Provision the kiosk with the bank's device bundle.",
        );
      }
      transport = options.sync?.transport ?? createHttpTransport({ ca: caCertificateOf(settings.bank.caCertificate) });
    }
    let emitStatusSoon = () => {};
    const sync = createSyncEngine({
      db,
      ledger,
      cards,
      settings: () => settings,
      clock,
      random: options.sync?.random ?? Math.random,
      logger,
      journal,
      client:
        bankCredentials && transport && settings.bank.url !== null && settings.bank.deviceId !== null
          ? createBankClient({
              baseUrl: settings.bank.url,
              deviceId: settings.bank.deviceId,
              deviceSecret: bankCredentials.deviceSecret,
              transport,
              now,
              requestTimeoutMs: settings.bank.requestTimeoutMs,
            })
          : null,
      cardLookupKey: bankCredentials?.cardLookupKey ?? null,
      onStatusChange: () => emitStatusSoon(),
      ...(options.sync?.queueLimits ? { queueLimits: options.sync.queueLimits } : {}),
      ...(options.sync?.batching !== undefined ? { batching: options.sync.batching } : {}),
    });
    if (bankCredentials && options.mode === 'demo') {
      // The demo cards' numbers are known, so their bank keys can be filled in before any of them is inserted.
      for (const card of DEMO_CUSTOMERS.flatMap((customer) => customer.cards)) {
        const local = cards.findByLookupKey(panLookupKey(secrets.panHmacKey, card.pan));
        if (local) cards.setBankCardKey(local.id, bankCardKey(bankCredentials.cardLookupKey, card.pan));
      }
    }

    // One instance of each device, shared by the customer session, crash recovery and staff mode. The simulated
    // dispenser and acceptor keep their last-operation records in the data dir, as real ones keep them in memory.
    const dispenser =
      options.devices?.dispenser ??
      createSimulatedDispenser({
        dispenseMs: 400,
        takeAfterMs: 0,
        retractMs: 400,
        stateFile: join(options.dataDir, DISPENSER_STATE_FILE),
      });
    const acceptor = options.devices?.acceptor ?? {
      ...createSimulatedDepositAcceptor({
        denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS,
        countMs: 400,
        stateFile: join(options.dataDir, ACCEPTOR_STATE_FILE),
      }),
      denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS,
    };

    const teller = createTeller({
      db,
      ledger,
      cassettes,
      journal,
      cards,
      transactions: createTransactionRepo(db),
      trace: createTraceNumbers(db),
      settings: () => settings,
      kioskId,
      now,
      sync: sync.tellerHooks,
    });

    // A withdrawal cut off by a crash is settled by what the dispenser recorded, before anyone is served.
    const recovery = await recoverInterruptedWithdrawals({
      db,
      teller,
      cards,
      dispenser,
      logger,
      authorisationOf: (pendingId) => sync.authorisationOf(pendingId),
    });
    if (recovery.settled > 0) logger.info('interrupted withdrawals settled', { attempts: recovery.settled });
    // Likewise a deposit cut off while the acceptor counted, or before its credit committed: by the acceptor's record.
    const depositRecovery = recoverInterruptedDeposits({ db, teller, cards, acceptor, logger });
    if (depositRecovery.settled > 0) logger.info('interrupted deposits settled', { attempts: depositRecovery.settled });
    // And a staff test dispense cut off while its notes waited in the slot: by the dispenser's record.
    const testDispenseRecovery = await recoverInterruptedTestDispenses({
      db,
      ledger,
      cassettes,
      journal,
      dispenser,
      logger,
      now,
    });
    if (testDispenseRecovery.settled > 0)
      logger.info('interrupted test dispenses settled', { attempts: testDispenseRecovery.settled });

    // A live kiosk moves real money: the simulators would pay out notes that do not exist against real debits, and
    // credit whatever counts the screen sends. Without real drivers it serves no customer, whatever staff switch;
    // staff mode still works (set-up, enrolment, settings).
    const devicesMissing =
      options.mode === 'live' &&
      options.simulatedDevicesInLiveMode !== true &&
      (options.devices?.dispenser === undefined || options.devices.acceptor === undefined)
        ? NO_DEVICE_DRIVERS_REASON
        : null;
    if (devicesMissing) logger.error('kiosk out of service', { reason: devicesMissing });

    // Start-up checks: money that does not add up, or a journal without room, keeps customers out.
    let outOfServiceReason: string | null = null;
    const balances = ledger.verifyBalances();
    const cashAccount = ledger.account(ledger.internalAccountId('kiosk_cash', settings.currency));
    const cashInCassettes = cassettes.totalValueMinor(settings.currency);
    if (!balances.ok) outOfServiceReason = 'ledger balances do not match the transfers';
    else if (cashAccount && cashAccount.balanceMinor !== cashInCassettes)
      outOfServiceReason = 'cash account does not match the cassettes';
    else if (journal.status().nearCapacity) outOfServiceReason = 'electronic journal nearly full';
    else if (interruptedWithdrawals(db) > 0) {
      // Cut off by a crash and the dispenser cannot say what happened: staff reconcile it, nobody guesses.
      outOfServiceReason = 'an interrupted withdrawal awaits reconciliation';
    } else if (createDepositOperations(db).unresolvedCount() > 0) {
      // Notes the acceptor may have kept and nobody can say what: staff reconcile them, nobody guesses.
      outOfServiceReason = INTERRUPTED_DEPOSIT_REASON;
    } else if (createTestDispenses(db).unresolvedCount() > 0) {
      // Test-dispensed notes the dispenser cannot place: staff reconcile them, nobody guesses.
      outOfServiceReason = INTERRUPTED_TEST_DISPENSE_REASON;
    }
    // Taken out of service by the shell (a page that kept crashing) or by staff: stays so until staff say otherwise.
    outOfServiceReason ??= heldOutOfServiceReason(db);
    journal.append({
      kind: outOfServiceReason ? 'kiosk.out_of_service' : 'kiosk.in_service',
      data: { reason: outOfServiceReason ?? 'start' },
    });
    if (outOfServiceReason) logger.error('kiosk out of service', { reason: outOfServiceReason });

    const listeners = new Set<CoreEventListener>();
    const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
      for (const listener of listeners) listener(event, payload);
    };

    // One printer for customer receipts and staff reports, so its one-print-at-a-time queue covers both.
    const receiptPrinter = receiptPrinterOf(options, settings.receiptPrinterName);
    const session = createSessionService({
      cards,
      teller,
      dispenser,
      acceptor,
      panHmacKey: secrets.panHmacKey,
      pinHasher,
      clock,
      logger,
      demoReader: options.mode === 'demo' ? createDemoReader() : null,
      settings: () => settings,
      inService: () =>
        devicesMissing === null &&
        outOfServiceReason === null &&
        !journal.status().nearCapacity &&
        sync.outOfServiceReason() === null,
      onChange: (snapshot) => emit('session.changed', snapshot),
      receiptPrinter,
      sync: sync.sessionSync,
      // Staff mode is created below; a card only arrives once both exist.
      staffCardAtEntry: (pan) => staff.staffCardAtEntry(pan),
      attempts: createAttemptThrottle({ db, journal, now, logger }),
      trackBackground: (running) => void work.track(running),
      // A deposit left unresolved mid-session: nobody else is served until staff reconcile it (or a restart's
      // recovery settles it by the acceptor's record). Not held across restarts: the unresolved row is.
      outOfService: (reason) => {
        outOfServiceReason = reason;
        logger.error('kiosk out of service', { reason });
        try {
          journal.append({ kind: 'kiosk.out_of_service', data: { reason } });
        } catch {
          // The journal may be what failed; the log line above is what staff get.
        }
        emit('system.statusChanged', status());
      },
    });

    const status = (): KioskStatus => {
      const reason = devicesMissing ?? outOfServiceReason ?? sync.outOfServiceReason();
      return {
        kioskId,
        version: options.version,
        mode: options.mode,
        inService: reason === null,
        outOfServiceReason: reason,
        manualCardEntry: settings.manualCardEntry,
        sync: sync.status(),
      };
    };

    // Sync changes often (every drained batch): at most one status event per interval, the latest state last.
    let lastStatusEmitMs = Number.NEGATIVE_INFINITY;
    let statusTimer: unknown = null;
    const emitStatusNow = () => {
      statusTimer = null;
      lastStatusEmitMs = clock.now();
      if (db.open) emit('system.statusChanged', status());
    };
    emitStatusSoon = () => {
      if (statusTimer !== null || !db.open) return;
      const waitMs = lastStatusEmitMs + STATUS_EMIT_INTERVAL_MS - clock.now();
      if (waitMs <= 0) emitStatusNow();
      else statusTimer = clock.setTimeout(emitStatusNow, waitMs);
    };

    // Money moves on its own (deposit holds released on the clock) only while the books verified at start-up and
    // the database passed its check.
    let booksSound = balances.ok;
    // A damaged database found after start-up: customers out, staff told, the screen updated.
    const integrityPassed = integrity.then((verdict) => {
      if (verdict.ok || !db.open) return verdict.ok;
      booksSound = false;
      outOfServiceReason = 'database failed its integrity check';
      logger.error('kiosk out of service', { reason: outOfServiceReason });
      try {
        journal.append({ kind: 'kiosk.out_of_service', data: { reason: outOfServiceReason } });
      } catch {
        // The journal lives in the damaged file; the log line above is what staff get.
      }
      session.reset('database integrity check failed');
      emit('system.statusChanged', status());
      return false;
    });
    const outOfService = () => err('OUT_OF_SERVICE', 'The kiosk is out of service.');

    const staff = createStaffService({
      db,
      ledger,
      cassettes,
      journal,
      cards,
      pinHasher,
      passwordHasher: pinHasher,
      panHmacKey: secrets.panHmacKey,
      staffKey: staffStartup.staffKey,
      settings: () => settings,
      saveSettings: (next) => {
        saveSettings(db, next);
        settings = loadSettings(db, settingsOverrides);
        return settings;
      },
      devices: { dispenser, acceptor },
      retractRefunds: teller,
      clock,
      logger,
      kioskId,
      version: options.version,
      dataDir: options.dataDir,
      customerSessionState: () => session.snapshot().state,
      outOfServiceReason: () => outOfServiceReason,
      setOutOfService: (reason) => {
        outOfServiceReason = reason;
        // Back in service by a supervisor's word: a hold from a crash loop is lifted with it.
        if (reason === null) holdOutOfService(db, null);
        emit('system.statusChanged', status());
      },
      syncStatus: () => sync.status(),
      sync,
      onCustomerEnrolled: sync.customerEnrolled,
      receiptPrinter,
      requireDualControl: () => settings.staffDualControl,
      onChange: (snapshot) => emit('staff.changed', snapshot),
      onStaffCardInserted: (staffId) => emit('staff.cardInserted', { staffId }),
    });

    const handlers: HandlerTable = {
      session: {
        getSnapshot: () => ok(session.snapshot()),
        insertCard: (request) => session.insertCard(request),
        submitPin: async (request) => ((await integrityPassed) ? session.submitPin(request.pin) : outOfService()),
        chooseTransaction: (request) => session.chooseTransaction(request.transaction),
        selectWithdrawal: (request) => session.selectWithdrawal(request.amountMinor, request.accountRef),
        submitDeposit: (request) => session.submitDeposit(request.accountRef, request.notes),
        requestTransfer: (request) => session.requestTransfer(request),
        confirmTransfer: () => session.confirmTransfer(),
        showStatement: (request) => session.showStatement(request.accountRef),
        changePin: async (request) =>
          (await integrityPassed)
            ? session.changePin(request.currentPin, request.newPin, request.newPinAgain)
            : outOfService(),
        cardTaken: () => session.cardTaken(),
        cashTaken: () => session.cashTaken(),
        printReceipt: (request) => session.printReceipt(request.language),
        backToMenu: () => session.backToMenu(),
        finish: () => session.finish(),
        cancel: () => session.cancel(),
        keepAlive: () => session.keepAlive(),
      },
      staff: staff.handlers,
      system: {
        getStatus: () => ok(status()),
        listDemoCards: () =>
          ok({
            cards:
              options.mode === 'demo'
                ? DEMO_CUSTOMERS.flatMap((customer) =>
                    customer.cards.map((card) => ({
                      demoCardId: card.demoCardId,
                      holderName: customer.displayName,
                      maskedPan: maskPan(card.pan),
                      note:
                        card.status === 'blocked'
                          ? ('blocked' as const)
                          : isExpired(card.expiresYymm, clock.now())
                            ? ('expired' as const)
                            : ('active' as const),
                    })),
                  )
                : [],
          }),
      },
    };

    logger.info('kiosk core started', { kioskId, version: options.version });
    sync.start();
    // Deposit holds that fell due while the kiosk was off are released now, later ones as they fall due.
    const depositReleases = startDepositReleases({
      clock,
      logger,
      releaseDue: (limit) => teller.releaseDueDeposits(limit),
      canRun: () => booksSound && db.open,
    });
    let closing: Promise<void> | null = null;
    const shuttingDown = () => (closing ? err('OUT_OF_SERVICE', 'The kiosk is shutting down.') : undefined);
    return {
      kioskId,
      handlers: trackHandlers(handlers, work, shuttingDown),
      sync: {
        status: () => sync.status(),
        drainNow: () => sync.drainNow(),
        pullNow: () => sync.pullNow(),
        listParked: (limit) => sync.listParked(limit),
        retryParked: (seq) => sync.retryParked(seq),
        discardParked: (seq, staffId) => sync.discardParked(seq, staffId),
        listExceptions: (limit) => sync.listExceptions(limit),
        resolveException: (id, staffId) => sync.resolveException(id, staffId),
        idle: () => sync.idle(),
        nextAttemptAtMs: () => sync.nextAttemptAtMs(),
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      resetSession: (reason) => session.reset(reason),
      takeOutOfService(reason) {
        if (!db.open) return;
        const held = reason.slice(0, OUT_OF_SERVICE_REASON_MAX);
        outOfServiceReason = held;
        holdOutOfService(db, held);
        journal.append({ kind: 'kiosk.out_of_service', data: { reason: held } });
        logger.error('kiosk out of service', { reason: held });
        session.reset('taken out of service');
        emit('system.statusChanged', status());
      },
      close({ waitMs = CLOSE_WAIT_MS } = {}) {
        closing ??= (async () => {
          session.dispose();
          staff.dispose();
          sync.close();
          depositReleases.stop();
          transport?.close();
          if (statusTimer !== null) clock.clearTimeout(statusTimer);
          listeners.clear();
          // A receipt being saved, a dispense or retract, the integrity check: each finishes on an open database,
          // so its outcome is journalled and nothing writes into the data directory after this resolves.
          if ((await work.settled(waitMs)) === 'timed_out') logger.warn('kiosk closed with work still running');
          db.close();
        })();
        return closing;
      },
    };
  } catch (cause) {
    await work.settled();
    db.close();
    throw cause;
  }
}
