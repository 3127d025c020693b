// The demo-only endpoints (open registration, customer deposits/withdrawals from clearing) are off unless the bank
// turns them on: the routes then answer `403 feature_disabled` and change nothing — no customer, no transfer, no
// stored idempotent response — while the rest of the customer API works as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecrets } from '../../bank/auth/secrets.ts';
import { DEFAULT_FEATURES, DEMO_FEATURES, validateFeatures } from '../../bank/config.ts';
import { buildBankServer } from '../../bank/server.ts';
import type { z } from 'zod';
import type { balanceSchema, MovementResult } from '../../shared/bank-api/index.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { type BankClient, createBankClient, customerLogin, DEMO } from '../support/bank-client.ts';
import { type StartedBank, startBankServer, TEST_HASH_PARAMS } from '../support/bank-server.ts';

type Balance = z.infer<typeof balanceSchema>;

describe('bank demo-only endpoints', () => {
  let bank: StartedBank;
  let client: BankClient;

  beforeAll(async () => {
    // `{}`: nothing turned on, the server's own defaults (the fixture otherwise starts a demo bank).
    bank = await startBankServer({ features: {} });
    client = createBankClient(bank.url);
  });
  afterAll(() => bank.close());

  const count = (table: 'customers' | 'transfers' | 'idempotency_keys' | 'accounts') =>
    (bank.server.bank.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('are off in a server built without settings', async () => {
    const server = await buildBankServer({
      storePath: ':memory:',
      secrets: generateSecrets(),
      hashing: { password: TEST_HASH_PARAMS, pin: TEST_HASH_PARAMS },
      logger: false,
    });
    try {
      expect(server.bank.features).toEqual({ openRegistration: false, customerCashEndpoints: false });
      const refused = await server.inject({
        method: 'POST',
        url: '/v1/customers',
        payload: { email: 'mallory@example.test', password: 'a long enough password', displayName: 'Mallory' },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toEqual({
        error: { code: 'feature_disabled', message: 'This bank does not offer open registration.' },
      });
      expect(server.bank.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
    } finally {
      await server.close();
    }
  });

  it('registration is refused with 403 feature_disabled and creates no customer', async () => {
    const [customers, accounts] = [count('customers'), count('accounts')];
    for (const body of [
      { email: 'mallory@example.test', password: 'a long enough password', displayName: 'Mallory' },
      { email: 'not-an-email', password: 'short', displayName: '' },
    ]) {
      const refused = await client.post('/v1/customers', { body });
      expect(refused.status).toBe(403);
      expect(refused.body.error?.code).toBe('feature_disabled');
    }
    expect([count('customers'), count('accounts')]).toEqual([customers, accounts]);
    expect(
      bank.server.bank.db.prepare('SELECT count(*) AS n FROM customers WHERE email = ?').get('mallory@example.test'),
    ).toEqual({ n: 0 });
  });

  it('customer deposits and withdrawals are refused with 403 feature_disabled and move no money', async () => {
    const { accessToken } = await customerLogin(client, DEMO.ana.email, DEMO.ana.password);
    const balancePath = `/v1/accounts/${DEMO.ana.checking}/balance`;
    const before = (await client.get<Balance>(balancePath, { token: accessToken })).body;
    const [transfers, keys, sums] = [count('transfers'), count('idempotency_keys'), bank.server.bank.ledger.sums()];

    for (const kind of ['deposits', 'withdrawals'] as const) {
      const refused = await client.post(`/v1/accounts/${DEMO.ana.checking}/${kind}`, {
        token: accessToken,
        body: { amountMinor: 1_000_000 },
        idempotencyKey: uuidv7(),
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        error: { code: 'feature_disabled', message: `This bank does not offer customer ${kind}.` },
      });
      // Authentication still comes first: the anonymous learn nothing more than before.
      const anonymous = await client.post(`/v1/accounts/${DEMO.ana.checking}/${kind}`, {
        body: { amountMinor: 1 },
        idempotencyKey: uuidv7(),
      });
      expect(anonymous.status).toBe(401);
    }

    expect((await client.get<Balance>(balancePath, { token: accessToken })).body).toEqual(before);
    expect([count('transfers'), count('idempotency_keys')]).toEqual([transfers, keys]);
    expect(bank.server.bank.ledger.sums()).toEqual(sums);
  });

  it('the rest of the customer API is unaffected: a transfer between existing accounts still books', async () => {
    const { accessToken } = await customerLogin(client, DEMO.ana.email, DEMO.ana.password);
    const moved = await client.post<MovementResult>('/v1/transfers', {
      token: accessToken,
      body: { fromAccountNumber: DEMO.ana.savings, toAccountNumber: DEMO.ana.checking, amountMinor: 500 },
      idempotencyKey: uuidv7(),
    });
    expect(moved.status).toBe(201);
  });

  it('a feature setting must be a known name set to true or false', () => {
    expect(validateFeatures(DEMO_FEATURES)).toEqual(DEMO_FEATURES);
    expect(() => validateFeatures({ ...DEFAULT_FEATURES, openRegistration: 'yes' as never })).toThrow(
      /openRegistration must be true or false/,
    );
    expect(() => validateFeatures({ ...DEFAULT_FEATURES, openRegistrations: true } as never)).toThrow(
      /Unknown bank setting openRegistrations/,
    );
  });
});
