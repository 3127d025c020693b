// Outbox drain benchmark (printed, never asserted): 10,000 deposits are booked through the real teller (each one
// ledger transaction with its outbox row), then the sync engine drains them to a real local bank over HTTP. The
// baseline, measured in the same run against the same bank, is the bank's own single-request rate: one advice per
// request, sequential, from a bare client with no kiosk work. The ratio says what batching buys over that limit.
// Run: `node tests/bench/sync-bench.ts`, or import runSyncBench().
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCardRepo } from '../../electron/cards/card-repo.ts';
import { createPinHasher, panLookupKey } from '../../electron/cards/card-secrets.ts';
import { createCassetteRepo } from '../../electron/cash/cassette-repo.ts';
import { systemClock } from '../../electron/core/kiosk-core-types.ts';
import { migrate } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { openDatabase } from '../../electron/db/open-database.ts';
import { DEMO_CUSTOMERS } from '../../electron/demo/demo-data.ts';
import { seedDemoDataIfEmpty } from '../../electron/demo/seed-demo-data.ts';
import { createJournal } from '../../electron/journal/journal.ts';
import { createLedger } from '../../electron/ledger/ledger.ts';
import { createMemoryLogger } from '../../electron/log/logger.ts';
import { DEFAULT_BANK_SETTINGS, DEFAULT_SETTINGS, type KioskSettings } from '../../electron/settings/kiosk-settings.ts';
import { createBankClient } from '../../electron/sync/bank-client.ts';
import { createHttpTransport } from '../../electron/sync/bank-transport.ts';
import { bankCardKey } from '../../electron/sync/provisioning.ts';
import { createSyncEngine } from '../../electron/sync/sync-engine.ts';
import { createTeller } from '../../electron/transactions/teller.ts';
import { createTraceNumbers } from '../../electron/transactions/trace-numbers.ts';
import { createTransactionRepo } from '../../electron/transactions/transaction-repo.ts';
import { adviceResponseSchema, BATCH_ITEMS_MAX } from '../../shared/bank-api/index.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { startBankServer, type StartedBank } from '../support/bank-server.ts';

const QUEUED = 10_000;
const SINGLE_REQUESTS = 1_000;
const DEPOSIT_MINOR = 500;

type Kiosk = { queue(count: number): void; drain(): Promise<number>; close(): void };

/** A kiosk's teller + sync engine on a fresh data dir (no keychain needed: the secrets are in memory here). */
async function startKiosk(bank: StartedBank, batching: boolean): Promise<Kiosk> {
  const dir = mkdtempSync(join(tmpdir(), 'atm-sync-bench-'));
  const db = openDatabase(join(dir, 'kiosk.db'));
  migrate(db, migrations);
  const panHmacKey = randomBytes(32);
  const cardLookupKey = Buffer.from(bank.secrets.cardLookupKey);
  await seedDemoDataIfEmpty(db, panHmacKey, createPinHasher(randomBytes(32)), new Date().toISOString());
  const settings: KioskSettings = {
    ...DEFAULT_SETTINGS,
    depositImmediateMinor: DEPOSIT_MINOR,
    bank: { ...DEFAULT_BANK_SETTINGS, url: bank.bankUrl, deviceId: bank.deviceId },
  };
  const now = () => Date.now();
  const ledger = createLedger(db, { now });
  const cards = createCardRepo(db);
  const transport = createHttpTransport();
  const engine = createSyncEngine({
    db,
    ledger,
    cards,
    settings: () => settings,
    clock: systemClock,
    random: Math.random,
    logger: createMemoryLogger(),
    client: createBankClient({
      baseUrl: bank.bankUrl,
      deviceId: bank.deviceId,
      deviceSecret: bank.deviceSecret,
      transport,
      now,
      requestTimeoutMs: 30_000,
    }),
    cardLookupKey,
    onStatusChange: () => {},
    batching,
  });
  const teller = createTeller({
    db,
    ledger,
    cassettes: createCassetteRepo(db),
    journal: createJournal(db, { now }),
    cards,
    transactions: createTransactionRepo(db),
    trace: createTraceNumbers(db),
    settings: () => settings,
    kioskId: 'KBENCH',
    now,
    sync: engine.tellerHooks,
  });
  const customers = DEMO_CUSTOMERS.flatMap((customer) =>
    customer.cards.filter((card) => card.status === 'active' && card.expiresYymm > '2612'),
  ).map((card) => {
    const found = cards.findByLookupKey(panLookupKey(panHmacKey, card.pan));
    if (!found) throw new Error('demo card missing');
    cards.setBankCardKey(found.id, bankCardKey(cardLookupKey, card.pan));
    return {
      customer: { sessionId: randomUUID(), cardId: found.id, maskedPan: `•••• ${card.pan.slice(-4)}` },
      account: teller.accountsOf(found.id)[0],
    };
  });
  return {
    queue(count) {
      // One synchronous loop: every deposit is its own ledger transaction + outbox row; the drain starts after it.
      for (let index = 0; index < count; index++) {
        const who = customers[index % customers.length];
        if (!who?.account) throw new Error('no account');
        const outcome = {
          kind: 'counted',
          accepted: [{ denominationMinor: DEPOSIT_MINOR, count: 1 }],
          rejected: [],
          acceptedNotes: 1,
          acceptedAmountMinor: DEPOSIT_MINOR,
          rejectedNotes: 0,
        } as const;
        const receipt = teller.deposit(who.customer, who.account, outcome);
        if ('ok' in receipt) throw new Error(`deposit refused: ${receipt.code}`);
      }
    },
    async drain() {
      const left = await engine.drainNow();
      if (left.pending > 0 || left.parked > 0)
        throw new Error(`drain left ${left.pending} pending, ${left.parked} parked`);
      return engine.status().queueLength;
    },
    close() {
      engine.close();
      transport.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The bank's own limit for this workload: one advice per request, sequential, a bare keep-alive client. */
async function singleRequestRate(bank: StartedBank): Promise<number> {
  const transport = createHttpTransport();
  const client = createBankClient({
    baseUrl: bank.bankUrl,
    deviceId: bank.deviceId,
    deviceSecret: bank.deviceSecret,
    transport,
    now: Date.now,
    requestTimeoutMs: 30_000,
  });
  const cardKey = bank.cardKey('4000001234567899');
  const started = performance.now();
  for (let index = 0; index < SINGLE_REQUESTS; index++) {
    const transferId = uuidv7();
    const body = JSON.stringify({
      transferId,
      kind: 'deposit',
      standIn: false,
      cardKey,
      accountNumber: '10000001',
      amountMinor: DEPOSIT_MINOR,
      currency: 'EUR',
      occurredAt: new Date().toISOString(),
    });
    const result = await client.call('POST', '/v1/kiosk/advices', adviceResponseSchema, {
      body,
      idempotencyKey: transferId,
    });
    if (result.kind !== 'ok') throw new Error(`single advice failed: ${result.kind}`);
  }
  const seconds = (performance.now() - started) / 1_000;
  transport.close();
  return SINGLE_REQUESTS / seconds;
}

export async function runSyncBench(): Promise<string[]> {
  const bank = await startBankServer({ limits: { rateLimitMax: 1_000_000_000 } });
  try {
    const single = await singleRequestRate(bank);

    const batched = await startKiosk(bank, true);
    let started = performance.now();
    batched.queue(QUEUED);
    const queueSeconds = (performance.now() - started) / 1_000;
    started = performance.now();
    await batched.drain();
    const batchedRate = QUEUED / ((performance.now() - started) / 1_000);
    batched.close();

    const unbatched = await startKiosk(bank, false);
    unbatched.queue(SINGLE_REQUESTS);
    started = performance.now();
    await unbatched.drain();
    const unbatchedRate = SINGLE_REQUESTS / ((performance.now() - started) / 1_000);
    unbatched.close();

    return [
      `Outbox drain (${QUEUED.toLocaleString('en')} queued deposits, local bank over HTTP, batches of ≤ ${BATCH_ITEMS_MAX}):`,
      `  queueing (teller transaction + outbox row each): ${(QUEUED / queueSeconds).toFixed(0)} tx/s`,
      `  bank single-request rate (bare client, sequential advices): ${single.toFixed(0)} req/s`,
      `  kiosk drain, one request per row: ${unbatchedRate.toFixed(0)} tx/s (${(unbatchedRate / single).toFixed(2)}× the single-request rate)`,
      `  kiosk drain, batched: ${batchedRate.toFixed(0)} tx/s (${(batchedRate / single).toFixed(1)}× the single-request rate)`,
    ];
  } finally {
    await bank.close();
  }
}

if (import.meta.main) {
  for (const line of await runSyncBench()) console.log(line);
}
