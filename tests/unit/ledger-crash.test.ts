// Crash safety: a writer process making withdrawals (each hold and each post its own commit) is killed with SIGKILL
// at random points, again and again on the same file. After every kill the file reopens clean, every transfer the
// writer acknowledged is there, and the ledger's invariants and balances hold.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from '../../electron/ledger/ledger.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { addCustomerAccounts, brokenInvariants, openLedgerDb } from '../crash/ledger-fixture.ts';

const ROUNDS = 40;
/** The writer is killed after a random number of acknowledged commits up to this, mid-way through the next one. */
const ACKS_BEFORE_KILL_MAX = 200;
const WRITER = join(import.meta.dirname, '..', 'crash', 'ledger-writer.ts');
const OPENING_BALANCE_MINOR = 1_000_000_000_00;

let dir: string;
let path: string;
let accountId: number;
let child: ChildProcess | null = null;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atm-ledger-crash-'));
  path = join(dir, 'kiosk.db');
  const db = openLedgerDb(path);
  const ledger = createLedger(db, { now: Date.now });
  [accountId = 0] = addCustomerAccounts(db, [{ accountNumber: '10000001' }]);
  const opening = ledger.createTransfers([
    { id: uuidv7(), kind: 'single', debitAccountId: ledger.internalAccountId('settlement', 'EUR'), creditAccountId: accountId, amountMinor: OPENING_BALANCE_MINOR, code: 'opening_balance' },
  ]);
  expect(opening.ok).toBe(true);
  db.close();
});

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = null;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the writer, kills it with SIGKILL once it acknowledged `acks` commits; resolves with every acknowledged id. */
function runWriterUntilKilled(acks: number): Promise<{ acknowledged: string[]; stderr: string; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const writer = spawn(process.execPath, [WRITER, path, String(accountId)], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = writer;
    let stdout = '';
    let stderr = '';
    writer.stdout.setEncoding('utf8');
    writer.stderr.setEncoding('utf8');
    writer.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.split('\n').length - 1 >= acks && writer.signalCode === null) writer.kill('SIGKILL');
    });
    writer.stderr.on('data', (chunk: string) => (stderr += chunk));
    writer.on('error', reject);
    writer.on('close', (_code, signal) => {
      // Only complete lines count: a line cut short by the kill was never acknowledged.
      const acknowledged = stdout.split('\n').slice(0, -1);
      resolve({ acknowledged, stderr, signal });
    });
  });
}

describe('ledger under SIGKILL', () => {
  it(`keeps every acknowledged commit and every invariant across ${ROUNDS} kills of the writer`, async () => {
    const acknowledged: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const acks = 1 + Math.floor(Math.random() * ACKS_BEFORE_KILL_MAX);
      const run = await runWriterUntilKilled(acks);
      expect(run.stderr, `round ${round}`).toBe('');
      expect(run.signal, `round ${round}: the writer must die by the kill, not on its own`).toBe('SIGKILL');
      expect(run.acknowledged.length, `round ${round}`).toBeGreaterThanOrEqual(acks);
      acknowledged.push(...run.acknowledged);

      const db = openLedgerDb(path); // quick_check on open, as at every kiosk start
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        const ledger = createLedger(db, { now: Date.now });
        const missing = acknowledged.filter((id) => ledger.transfer(id) === null);
        expect(missing, `round ${round}: acknowledged transfers lost`).toEqual([]);
        expect(brokenInvariants(db, ledger), `round ${round}`).toEqual([]);
        expect(ledger.availableMinor(accountId)).toBeGreaterThanOrEqual(0);
      } finally {
        db.close();
      }
    }
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
  }, 60_000);
});
