// `node bank/cli.ts` as an operator runs it: a plain start is an empty bank with the demo-only endpoints off (devices
// come from `device create`); only --demo (`npm run bank`) or BANK_DEMO=1 seeds the demo customers, whose passwords
// are published, writes the demo kiosk's bundle and turns on open registration and customer cash.
import Database from 'better-sqlite3';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICE_ID } from '../../bank/demo-data.ts';
import { createBankClient, customerLogin, DEMO } from '../support/bank-client.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The demo seed hashes at production argon2 cost on a shared 2-core machine. */
const START_TIMEOUT_MS = 60_000;
const NEW_CUSTOMER = { email: 'dora@example.test', password: 'correct horse battery', displayName: 'Dora' };

/** The caller's environment without any BANK_* setting, plus `env`. */
function environment(env: Record<string, string>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('BANK_')) clean[name] = value;
  }
  return { ...clean, BANK_LOG_LEVEL: 'info', ...env };
}

type RunningBank = { readonly url: string; stop(): Promise<void> };

/** Starts the CLI on a free port and resolves once it logs `bank listening`. */
function startCli(args: readonly string[], env: Record<string, string> = {}): Promise<RunningBank> {
  const child: ChildProcess = spawn(process.execPath, ['bank/cli.ts', ...args, '--port', '0'], {
    cwd: REPO_ROOT,
    env: environment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise<RunningBank>((resolve, reject) => {
    let output = '';
    let stdout = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`bank did not start:\n${output}`));
    }, START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
      // Only whole lines: the last piece may be a log line still being written.
      for (const line of stdout.split('\n').slice(0, -1)) {
        if (!line.includes('"bank listening"')) continue;
        clearTimeout(timer);
        resolve({ url: (JSON.parse(line) as { address: string }).address, stop });
        return;
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bank exited (${code}) before listening:\n${output}`));
    });
  });
}

describe('bank CLI', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'atm-bank-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const storeCounts = () => {
    const db = new Database(join(dataDir, 'bank.db'), { readonly: true, fileMustExist: true });
    try {
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      return { customers: count('customers'), devices: count('devices'), transfers: count('transfers') };
    } finally {
      db.close();
    }
  };

  it(
    'starts an empty bank without --demo: no demo customers or device, demo-only endpoints refused',
    async () => {
      const bank = await startCli(['--data-dir', dataDir]);
      try {
        const client = createBankClient(bank.url);
        expect((await client.get('/v1/health')).status).toBe(200);
        expect(
          (await client.post('/v1/auth/login', { body: { email: DEMO.ana.email, password: DEMO.ana.password } }))
            .status,
        ).toBe(401);
        const registration = await client.post('/v1/customers', { body: NEW_CUSTOMER });
        expect(registration.status).toBe(403);
        expect(registration.body.error.code).toBe('feature_disabled');
      } finally {
        await bank.stop();
      }
      expect(storeCounts()).toEqual({ customers: 0, devices: 0, transfers: 0 });
      expect(existsSync(join(dataDir, 'devices', `${DEMO_DEVICE_ID}.json`))).toBe(false);
    },
    START_TIMEOUT_MS * 2,
  );

  it(
    'seeds the demo bank with --demo, and BANK_DEMO=1 is the same',
    async () => {
      const bank = await startCli(['--data-dir', dataDir, '--demo']);
      try {
        const client = createBankClient(bank.url);
        const { accessToken } = await customerLogin(client, DEMO.ana.email, DEMO.ana.password);
        const deposit = await client.post(`/v1/accounts/${DEMO.ana.checking}/deposits`, {
          token: accessToken,
          body: { amountMinor: 100 },
          idempotencyKey: 'cli-demo-deposit-0001',
        });
        expect(deposit.status).toBe(201);
      } finally {
        await bank.stop();
      }
      expect(storeCounts()).toMatchObject({ customers: 3, devices: 1 });
      const bundle = join(dataDir, 'devices', `${DEMO_DEVICE_ID}.json`);
      expect(statSync(bundle).mode & 0o777).toBe(0o600);

      const again = await startCli(['--data-dir', dataDir], { BANK_DEMO: '1' });
      try {
        const registration = await createBankClient(again.url).post('/v1/customers', { body: NEW_CUSTOMER });
        expect(registration.status).toBe(201);
      } finally {
        await again.stop();
      }
      expect(storeCounts()).toMatchObject({ customers: 4, devices: 1 });
    },
    START_TIMEOUT_MS * 3,
  );

  it('refuses an unreadable BANK_DEMO', () => {
    const result = spawnSync(process.execPath, ['bank/cli.ts', '--data-dir', dataDir, '--port', '0'], {
      cwd: REPO_ROOT,
      env: environment({ BANK_DEMO: 'maybe' }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/BANK_DEMO must be 1, true, 0 or false/);
  });
});
