// `npm run bench`: figures printed, never asserted. Each is a ratio against the physical limit measured in the same
// run on the same machine, so the numbers mean the same on a laptop and on a kiosk.
//  1. Durable card writes (PIN attempt counter update, one transaction each) ÷ raw single-row commits with the
//     same pragmas (WAL, synchronous=FULL): how close the lockout bookkeeping gets to what the disk allows.
//  2. PIN verify latency with the chosen argon2id parameters ÷ one raw argon2id pass at the same memory cost.
//  3. The ledger (tests/bench/ledger-bench.ts): durable withdrawals ÷ raw commits, bulk import, mini statement and
//     start-up at 1M transfers.
//  4. The renderer (tests/bench/renderer-bench.ts): JS bundle size (gzip) against its budget, and keypress → next
//     frame latency in Chromium through the browser host against the frame interval.
//  5. Bank sync (tests/bench/sync-bench.ts): draining 10k queued transactions to the local bank, batched and not,
//     against the bank's own single-request rate.
//  6. The bank API (tests/bench/bank-bench.ts): authorise + complete from 20 simulated kiosks against the server's
//     own health endpoint.
import argon2 from 'argon2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCardRepo } from '../../electron/cards/card-repo.ts';
import { createPinHasher, PIN_HASH_PARAMS } from '../../electron/cards/card-secrets.ts';
import { migrate } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { openDatabase } from '../../electron/db/open-database.ts';
import { seedDemoDataIfEmpty } from '../../electron/demo/seed-demo-data.ts';
import { runBankBench } from './bank-bench.ts';
import { runLedgerBench } from './ledger-bench.ts';
import { runRendererBench } from './renderer-bench.ts';
import { runSyncBench } from './sync-bench.ts';

const DURATION_MS = 2_000;

function perSecond(run: () => void): number {
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    run();
    count += 1;
  }
  return count / ((performance.now() - start) / 1000);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const dir = mkdtempSync(join(tmpdir(), 'atm-bench-'));
try {
  const raw = openDatabase(join(dir, 'raw.db'));
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL) STRICT');
  const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
  const rawCommits = perSecond(() => insert.run(1));
  raw.close();

  const db = openDatabase(join(dir, 'kiosk.db'));
  migrate(db, migrations);
  const pepper = Buffer.alloc(32, 9);
  const hasher = createPinHasher(pepper);
  await seedDemoDataIfEmpty(db, Buffer.alloc(32, 8), hasher, new Date().toISOString());
  const cards = createCardRepo(db);
  const cardId = (db.prepare("SELECT id FROM cards WHERE status = 'active' LIMIT 1").get() as { id: number }).id;
  let flip = false;
  const cardWrites = perSecond(() => {
    flip = !flip;
    const now = new Date().toISOString();
    // One wrong PIN then a good one: each its own durable transaction, never reaching the retain threshold.
    if (flip) cards.recordPinFailure(cardId, now);
    else cards.recordPinSuccess(cardId, now);
  });
  db.close();

  const hash = await hasher.hash('482915');
  const verifyMs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    await hasher.verify(hash, '482915');
    verifyMs.push(performance.now() - start);
  }
  const onePassHash = await argon2.hash('482915', { ...PIN_HASH_PARAMS, timeCost: 1, parallelism: 1, secret: pepper });
  const onePassMs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    await argon2.verify(onePassHash, '482915', { secret: pepper });
    onePassMs.push(performance.now() - start);
  }

  const mib = PIN_HASH_PARAMS.memoryCost / 1024;
  console.log(`raw single-row commits (WAL, synchronous=FULL): ${rawCommits.toFixed(0)}/s`);
  console.log(`PIN attempt counter writes: ${cardWrites.toFixed(0)}/s  ratio vs raw commits: ${(cardWrites / rawCommits).toFixed(2)}`);
  console.log(
    `PIN verify argon2id m=${mib} MiB t=${PIN_HASH_PARAMS.timeCost} p=${PIN_HASH_PARAMS.parallelism}: ` +
      `p50 ${percentile(verifyMs, 50).toFixed(1)} ms, p95 ${percentile(verifyMs, 95).toFixed(1)} ms (budget 100 ms)  ` +
      `ratio vs one single-lane pass at ${mib} MiB: ${(percentile(verifyMs, 50) / percentile(onePassMs, 50)).toFixed(2)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

for (const line of await runLedgerBench()) console.log(line);
await runRendererBench();
for (const line of await runSyncBench()) console.log(line);
await runBankBench();
