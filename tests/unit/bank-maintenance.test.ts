// The bank's housekeeping over real HTTP on a real SQLite file, with an injected clock instead of waiting: holds that
// outlive the hold age are voided by the bank (funds come back, the changes feed says so, a late completion gets a
// typed refusal), stored idempotent responses and dead notifications are pruned after their retention without
// touching a retry inside it, and every task stops at its per-run bound.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSecrets } from '../../bank/auth/secrets.ts';
import { type BankLimits, DEFAULT_LIMITS, validateLimits } from '../../bank/config.ts';
import { buildBankServer } from '../../bank/server.ts';
import { BANK_MIGRATIONS, migrate } from '../../bank/store/migrations.ts';
import type { AuthoriseResponse, ChangesResponse, CompleteResponse } from '../../shared/bank-api/index.ts';
import { uuidv7 } from '../../shared/ids.ts';
import {
  type BankClient,
  createBankClient,
  customerLogin,
  DEMO,
  deviceToken,
  type OrError,
} from '../support/bank-client.ts';
import { type StartedBank, startBankServer, TEST_HASH_PARAMS } from '../support/bank-server.ts';

const START_MS = Date.UTC(2026, 5, 1, 9, 0, 0);
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const HOLD_AGE_MS = DEFAULT_LIMITS.holdMaxAgeMs;
const RETENTION_MS = DEFAULT_LIMITS.idempotencyRetentionMs;

describe('bank maintenance', () => {
  let bank: StartedBank | null = null;
  let client: BankClient;
  let nowMs = START_MS;
  const clock = { now: () => nowMs };

  async function start(limits: Partial<BankLimits> = {}): Promise<StartedBank> {
    nowMs = START_MS;
    bank = await startBankServer({ clock, limits: { authRateLimitMax: 1_000, ...limits } });
    client = createBankClient(bank.url);
    return bank;
  }
  /** A device token valid now: the tests move the clock by days, far past a token's lifetime. */
  const deviceBearer = () => {
    if (!bank) throw new Error('start the bank first');
    return deviceToken(client, bank.deviceId, bank.deviceSecret);
  };
  afterEach(async () => {
    await bank?.close();
    bank = null;
  });

  const authorise = async (amountMinor: number, transferId: string = uuidv7(nowMs)) =>
    client.post<OrError<AuthoriseResponse>>('/v1/kiosk/authorisations', {
      token: await deviceBearer(),
      idempotencyKey: transferId,
      body: {
        transferId,
        cardKey: bank?.cardKey(DEMO.ana.pan),
        accountNumber: DEMO.ana.checking,
        amountMinor,
        currency: 'EUR',
      },
    });
  const complete = async (pendingId: string, action: 'post' | 'void', amountMinor?: number) => {
    const transferId = uuidv7(nowMs);
    return client.post<OrError<CompleteResponse>>('/v1/kiosk/completions', {
      token: await deviceBearer(),
      idempotencyKey: transferId,
      body: {
        transferId,
        pendingId,
        action,
        ...(amountMinor === undefined ? {} : { amountMinor }),
        reason: action === 'post' ? 'dispensed' : 'cancelled',
      },
    });
  };
  /** Every change after `cursor`, following pages to the end; returns them with the cursor to store. */
  const changesAfter = async (cursor: number) => {
    const changes: ChangesResponse['changes'] = [];
    const token = await deviceBearer();
    for (let next = cursor; ;) {
      const page = await client.get<ChangesResponse>(`/v1/kiosk/changes?cursor=${next}&limit=500`, { token });
      changes.push(...page.body.changes);
      next = page.body.nextCursor;
      if (!page.body.hasMore) return { changes, cursor: next };
    }
  };
  const handle = () => {
    if (!bank) throw new Error('start the bank first');
    return bank.server.bank;
  };
  const anaChecking = () => {
    const row = handle().ledger.accountByNumber(DEMO.ana.checking);
    if (!row) throw new Error('no demo account');
    return {
      balanceMinor: row.credits_posted_minor - row.debits_posted_minor,
      availableMinor: row.credits_posted_minor - row.debits_posted_minor - row.debits_pending_minor,
    };
  };
  const count = (sql: string, ...params: unknown[]) =>
    (
      handle()
        .db.prepare(sql)
        .get(...params) as { n: number }
    ).n;
  const expectLedgerSound = () => {
    expect(handle().ledger.sums()).toEqual({ postedMinor: 0, pendingMinor: 0 });
    expect(handle().ledger.verifyBalances()).toEqual([]);
  };

  describe('hold expiry', () => {
    it('voids a hold past the hold age: the funds come back, the changes feed reports the account, a late completion is refused', async () => {
      await start();
      const stale = await authorise(20_000);
      expect(stale.body).toMatchObject({ outcome: 'approved', availableMinor: 105_000 });
      nowMs += HOLD_AGE_MS - HOUR_MS;
      const fresh = await authorise(5_000);
      expect(fresh.body).toMatchObject({ outcome: 'approved', availableMinor: 100_000 });
      const before = await changesAfter(0);
      nowMs += HOUR_MS; // the stale hold is now exactly the hold age old; the fresh one an hour old

      const report = handle().maintenance.runOnce();

      expect(report).toMatchObject({ holdsExpired: 1, holdsFailed: 0, more: false });
      expect(anaChecking()).toEqual({ balanceMinor: 125_000, availableMinor: 120_000 });
      const after = await changesAfter(before.cursor);
      expect(after.changes).toContainEqual(
        expect.objectContaining({
          type: 'account',
          account: expect.objectContaining({
            accountNumber: DEMO.ana.checking,
            balanceMinor: 125_000,
            availableMinor: 120_000,
          }),
        }),
      );
      // The void is an ordinary void_pending of the whole hold, and the bank recorded why it made it.
      const voids = handle()
        .db.prepare("SELECT id, amount_minor, origin FROM transfers WHERE kind = 'void_pending' AND pending_id = ?")
        .all(stale.body.transferId) as { id: string; amount_minor: number; origin: string }[];
      expect(voids).toEqual([{ id: expect.any(String), amount_minor: 20_000, origin: 'online' }]);
      expect(
        handle()
          .db.prepare('SELECT void_id, hold_max_age_ms, expired_at_ms FROM hold_expiries WHERE pending_id = ?')
          .get(stale.body.transferId),
      ).toEqual({ void_id: voids[0]?.id, hold_max_age_ms: HOLD_AGE_MS, expired_at_ms: nowMs });

      for (const late of [
        await complete(stale.body.transferId, 'post', 20_000),
        await complete(stale.body.transferId, 'void'),
      ]) {
        expect(late.status).toBe(409);
        expect(late.body.error?.code).toBe('already_resolved');
        expect(late.body.error?.message).toMatch(/expired/);
      }
      // The fresh hold was untouched and still resolves normally; a second resolution says nothing about expiry.
      expect((await complete(fresh.body.transferId, 'post', 5_000)).body).toMatchObject({ postedMinor: 5_000 });
      const again = await complete(fresh.body.transferId, 'void');
      expect(again.body.error?.code).toBe('already_resolved');
      expect(again.body.error?.message).not.toMatch(/expired/);
      expect(anaChecking()).toEqual({ balanceMinor: 120_000, availableMinor: 120_000 });
      expect(handle().maintenance.runOnce()).toMatchObject({ holdsExpired: 0 });
      expectLedgerSound();
    });

    it('leaves a hold one millisecond short of the hold age alone, and a completion before the sweep still wins', async () => {
      await start();
      const hold = await authorise(10_000);
      nowMs += HOLD_AGE_MS - 1;

      expect(handle().maintenance.runOnce()).toMatchObject({ holdsExpired: 0 });
      expect(anaChecking().availableMinor).toBe(115_000);
      nowMs += 1;
      expect((await complete(hold.body.transferId, 'post', 10_000)).status).toBe(200);

      expect(handle().maintenance.runOnce()).toMatchObject({ holdsExpired: 0 });
      expect(anaChecking()).toEqual({ balanceMinor: 115_000, availableMinor: 115_000 });
      expect(count('SELECT count(*) AS n FROM open_holds')).toBe(0);
      expectLedgerSound();
    });

    it('the server sweeps on its own timer and stops it on close', async () => {
      const started = await start({ maintenanceIntervalMs: 1_000 });
      const hold = await authorise(10_000);
      nowMs += HOLD_AGE_MS;

      await vi.waitFor(() => expect(started.server.bank.ledger.isExpired(hold.body.transferId)).toBe(true), {
        timeout: 5_000,
        interval: 50,
      });
      expect(started.server.bank.maintenance.isScheduled()).toBe(true);
      await started.close();
      bank = null;
      expect(started.server.bank.maintenance.isScheduled()).toBe(false);
    });

    it('expires at start what went stale while the server was down', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'atm-bank-maint-'));
      const options = {
        storePath: join(dataDir, 'bank.db'),
        secrets: generateSecrets(),
        clock,
        seedDemo: true,
        hashing: { password: TEST_HASH_PARAMS, pin: TEST_HASH_PARAMS },
      };
      try {
        nowMs = START_MS;
        const first = await buildBankServer(options);
        const holdId = uuidv7(nowMs);
        first.bank.db.transaction(() => {
          const account = first.bank.ledger.accountByNumber(DEMO.ben.checking);
          if (!account) throw new Error('no demo account');
          first.bank.ledger.applyMovement({
            id: holdId,
            kind: 'pending',
            debitAccountId: account.id,
            creditAccountId: first.bank.ledger.internalAccountId('atm_cash', 'EUR'),
            amountMinor: 1_000,
            code: 'withdrawal',
            origin: 'online',
          });
        })();
        await first.close();
        nowMs += HOLD_AGE_MS + DAY_MS;

        const second = await buildBankServer(options);

        expect(second.bank.ledger.isExpired(holdId)).toBe(true);
        await second.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('idempotency retention', () => {
    it('prunes only responses past the retention; a retry inside it still replays, one after it is never booked twice', async () => {
      await start();
      const oldId = uuidv7(nowMs);
      const oldFirst = await authorise(1_000, oldId);
      nowMs += 2 * DAY_MS;
      const newId = uuidv7(nowMs);
      const newFirst = await authorise(2_000, newId);
      nowMs = START_MS + RETENTION_MS - MINUTE_MS;

      expect(handle().maintenance.runOnce()).toMatchObject({ idempotencyKeysPruned: 0, holdsExpired: 2 });
      const inside = await authorise(1_000, oldId);
      expect(inside.headers.get('idempotent-replayed')).toBe('true');
      expect(inside.body).toEqual(oldFirst.body);

      nowMs = START_MS + RETENTION_MS + MINUTE_MS;
      expect(handle().maintenance.runOnce()).toMatchObject({ idempotencyKeysPruned: 1 });
      expect(count('SELECT count(*) AS n FROM idempotency_keys WHERE key = ?', oldId)).toBe(0);
      const kept = await authorise(2_000, newId);
      expect(kept.headers.get('idempotent-replayed')).toBe('true');
      expect(kept.body).toEqual(newFirst.body);

      // Past the retention the request is judged afresh, but its transfer id is already in the ledger.
      const transfers = count('SELECT count(*) AS n FROM transfers');
      const outside = await authorise(1_000, oldId);
      expect(outside.status).toBe(409);
      expect(outside.body.error?.code).toBe('conflict');
      expect(count('SELECT count(*) AS n FROM transfers')).toBe(transfers);
      expectLedgerSound();
    });
  });

  describe('notifications outbox', () => {
    it('deletes delivered messages after the retention and undelivered ones once their token lapsed past it', async () => {
      await start();
      const retention = DEFAULT_LIMITS.notificationRetentionMs;
      for (let index = 0; index < 3; index++) {
        expect((await client.post('/v1/auth/password-reset', { body: { email: DEMO.ana.email } })).status).toBe(202);
      }
      const ids = (
        handle().db.prepare('SELECT id FROM notifications_outbox ORDER BY id').all() as { id: number }[]
      ).map((row) => row.id);
      expect(ids).toHaveLength(3);
      // What the out-of-band sender does once a message went out.
      const markSent = handle().db.prepare('UPDATE notifications_outbox SET sent_at_ms = ? WHERE id = ?');
      markSent.run(START_MS + 10 * MINUTE_MS, ids[0]);
      markSent.run(START_MS + 2 * HOUR_MS, ids[1]);
      const remaining = () =>
        (handle().db.prepare('SELECT id FROM notifications_outbox ORDER BY id').all() as { id: number }[]).map(
          (row) => row.id,
        );

      nowMs = START_MS + retention + 11 * MINUTE_MS;
      expect(handle().maintenance.runOnce()).toMatchObject({ notificationsPruned: 1 });
      expect(remaining()).toEqual([ids[1], ids[2]]);

      nowMs = START_MS + 30 * MINUTE_MS + retention + MINUTE_MS; // the unsent one's token lapsed a retention ago
      expect(handle().maintenance.runOnce()).toMatchObject({ notificationsPruned: 1 });
      expect(remaining()).toEqual([ids[1]]);

      nowMs = START_MS + 2 * HOUR_MS + retention + MINUTE_MS;
      expect(handle().maintenance.runOnce()).toMatchObject({ notificationsPruned: 1 });
      expect(remaining()).toEqual([]);
    });
  });

  describe('expired credentials', () => {
    it('deletes refresh-token and password-reset records a retention after they expired, never a live one', async () => {
      await start();
      const retention = DEFAULT_LIMITS.notificationRetentionMs;
      const pair = await customerLogin(client, DEMO.ana.email, DEMO.ana.password);
      expect((await client.post('/v1/auth/password-reset', { body: { email: DEMO.ana.email } })).status).toBe(202);
      const expiries = () => ({
        refresh: handle().db.prepare('SELECT expires_at_ms AS at FROM refresh_tokens').all() as { at: number }[],
        resets: handle().db.prepare('SELECT expires_at_ms AS at FROM password_resets').all() as { at: number }[],
      });
      const before = expiries();
      expect(before.refresh).toHaveLength(1);
      expect(before.resets).toHaveLength(1);
      const resetExpiry = before.resets[0]?.at ?? 0;
      const refreshExpiry = before.refresh[0]?.at ?? 0;

      nowMs = resetExpiry + retention - MINUTE_MS;
      expect(handle().maintenance.runOnce()).toMatchObject({ credentialsPruned: 0 });
      nowMs = resetExpiry + retention + MINUTE_MS;
      expect(handle().maintenance.runOnce()).toMatchObject({ credentialsPruned: refreshExpiry < resetExpiry ? 2 : 1 });
      expect(expiries().resets).toEqual([]);

      nowMs = Math.max(resetExpiry, refreshExpiry) + retention + MINUTE_MS;
      handle().maintenance.runOnce();
      expect(expiries()).toEqual({ refresh: [], resets: [] });
      // The pruned refresh token is refused like any unknown one.
      const refreshed = await client.post<OrError<unknown>>('/v1/auth/refresh', {
        body: { refreshToken: pair.refreshToken },
      });
      expect(refreshed.status).toBe(401);
    });
  });

  describe('per-run bounds', () => {
    it('each task stops at maintenanceBatchMax per run and the next runs continue', async () => {
      await start({ maintenanceBatchMax: 2 });
      for (let index = 0; index < 5; index++) expect((await authorise(1_000)).body.outcome).toBe('approved');
      for (let index = 0; index < 3; index++)
        await client.post('/v1/auth/password-reset', { body: { email: DEMO.ana.email } });
      nowMs += RETENTION_MS + DAY_MS;

      const runs = [1, 2, 3].map(() => handle().maintenance.runOnce());

      expect(runs).toEqual([
        {
          holdsExpired: 2,
          holdsFailed: 0,
          idempotencyKeysPruned: 2,
          notificationsPruned: 2,
          credentialsPruned: 2,
          more: true,
        },
        {
          holdsExpired: 2,
          holdsFailed: 0,
          idempotencyKeysPruned: 2,
          notificationsPruned: 1,
          credentialsPruned: 1,
          more: true,
        },
        {
          holdsExpired: 1,
          holdsFailed: 0,
          idempotencyKeysPruned: 1,
          notificationsPruned: 0,
          credentialsPruned: 0,
          more: false,
        },
      ]);
      expect(count('SELECT count(*) AS n FROM open_holds')).toBe(0);
      expect(count('SELECT count(*) AS n FROM idempotency_keys')).toBe(0);
      expect(anaChecking()).toEqual({ balanceMinor: 125_000, availableMinor: 125_000 });
      expectLedgerSound();
    });
  });

  describe('settings and schema', () => {
    it('refuses maintenance settings it cannot run safely with', async () => {
      const bad: Partial<BankLimits>[] = [
        { holdMaxAgeMs: MINUTE_MS },
        { holdMaxAgeMs: 40 * DAY_MS },
        { idempotencyRetentionMs: 3 * DAY_MS },
        { maintenanceIntervalMs: 10 },
        { maintenanceBatchMax: 0 },
        { notificationRetentionMs: Number.NaN },
      ];
      for (const limits of bad) {
        expect(() => validateLimits({ ...DEFAULT_LIMITS, ...limits })).toThrow(RangeError);
      }
      await expect(
        buildBankServer({ storePath: ':memory:', secrets: generateSecrets(), limits: { holdMaxAgeMs: 0 } }),
      ).rejects.toThrow(/holdMaxAgeMs/);
      expect(validateLimits(DEFAULT_LIMITS)).toBe(DEFAULT_LIMITS);
    });

    it('migrating an existing store tracks the holds it already had open', () => {
      const db = new Database(':memory:');
      try {
        migrate(
          db,
          BANK_MIGRATIONS.filter((migration) => migration.version <= 30),
        );
        db.exec(`
          INSERT INTO accounts (id, label, kind, currency, status) VALUES (1, 'Cash', 'atm_cash', 'EUR', 'open'),
                                                                         (2, 'Clearing', 'clearing', 'EUR', 'open');
        `);
        const insert = db.prepare(
          `INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount_minor, pending_amount_minor,
                                  pending_id, code, origin, business_day, created_at_ms)
           VALUES (?, ?, 2, 1, 500, ?, ?, 'withdrawal', 'online', '2026-06-01', ?)`,
        );
        const open = uuidv7(START_MS);
        const resolved = uuidv7(START_MS);
        insert.run(open, 'pending', null, null, START_MS);
        insert.run(resolved, 'pending', null, null, START_MS);
        insert.run(uuidv7(START_MS), 'void_pending', 500, resolved, START_MS);

        migrate(db);

        expect(db.prepare('SELECT pending_id, created_at_ms FROM open_holds').all()).toEqual([
          { pending_id: open, created_at_ms: START_MS },
        ]);
      } finally {
        db.close();
      }
    });
  });
});
