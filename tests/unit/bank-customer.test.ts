// The customer API over real HTTP: registration and login with rotating refresh tokens, the profile allow-list,
// password reset whose token never reaches a response or the log, signing out everywhere (access tokens included),
// TOTP, ownership on every account endpoint, idempotent money movements, history paging and statements.
import { TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CustomerAccount,
  HistoryResponse,
  MovementResult,
  Profile,
  TokenPair,
  TotpSetupResponse,
} from '../../shared/bank-api/index.ts';
import { uuidv7 } from '../../shared/ids.ts';
import {
  type BankClient,
  createBankClient,
  customerLogin,
  DEMO,
  type RecordedExchange,
} from '../support/bank-client.ts';
import { type StartedBank, startBankServer } from '../support/bank-server.ts';

describe('bank customer API', () => {
  let bank: StartedBank;
  let client: BankClient;
  const recorded: RecordedExchange[] = [];
  let nowMs = Date.UTC(2026, 2, 10, 12, 0, 0);
  const clock = { now: () => nowMs };

  beforeAll(async () => {
    // Many logins from one address in this suite: the per-address credential limit is tested in bank-abuse.
    bank = await startBankServer({ clock, captureLogs: true, limits: { authRateLimitMax: 1_000 } });
    client = createBankClient(bank.url, recorded);
  });
  afterAll(() => bank.close());

  it('registers a customer with a checking account, and refuses a second registration of the email', async () => {
    const body = { email: 'eve@example.test', password: 'a long enough password', displayName: 'Eve' };
    const created = await client.post<{ customerId: number; accountNumber: string }>('/v1/customers', { body });
    expect(created.status).toBe(201);
    const again = await client.post('/v1/customers', { body });
    expect(again.status).toBe(409);
    const pair = await customerLogin(client, 'EVE@example.test', 'a long enough password');
    const accounts = await client.get<{ accounts: CustomerAccount[] }>('/v1/accounts', { token: pair.accessToken });
    expect(accounts.body.accounts).toEqual([
      expect.objectContaining({ accountNumber: created.body.accountNumber, balanceMinor: 0, currency: 'EUR' }),
    ]);
    expect(
      (await client.post('/v1/customers', { body: { ...body, email: 'x@example.test', password: 'short' } })).status,
    ).toBe(400);
  });

  it('refresh tokens rotate; presenting a spent one revokes the whole family', async () => {
    const first = await customerLogin(client, DEMO.ben.email, DEMO.ben.password);
    const second = await client.post<TokenPair>('/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    const reuse = await client.post('/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('invalid_credentials');
    expect((await client.post('/v1/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).status).toBe(
      401,
    );
  });

  it('a password reset signs the customer out everywhere: access tokens issued before it get 401', async () => {
    const reg = { email: 'reset-me@example.test', password: 'the old long password', displayName: 'Rita' };
    const created = await client.post<{ customerId: number; accountNumber: string }>('/v1/customers', { body: reg });
    const balancePath = `/v1/accounts/${created.body.accountNumber}/balance`;
    const phone = await customerLogin(client, reg.email, reg.password);
    const laptop = await customerLogin(client, reg.email, reg.password);
    expect((await client.get(balancePath, { token: phone.accessToken })).status).toBe(200);

    await client.post('/v1/auth/password-reset', { body: { email: reg.email } });
    const outbox = bank.server.bank.db
      .prepare('SELECT payload_json FROM notifications_outbox WHERE customer_id = ? ORDER BY id DESC')
      .get(created.body.customerId) as { payload_json: string };
    const { token } = JSON.parse(outbox.payload_json) as { token: string };
    const newPassword = 'the new long password';
    expect((await client.post('/v1/auth/password-reset/confirm', { body: { token, newPassword } })).status).toBe(204);

    // Still well inside the access tokens' 15 minutes: refused because of the reset, not their expiry.
    for (const session of [phone, laptop]) {
      const refused = await client.get(balancePath, { token: session.accessToken });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthorized');
      expect((await client.get('/v1/me', { token: session.accessToken })).status).toBe(401);
      expect((await client.post('/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(
        401,
      );
    }
    const fresh = await customerLogin(client, reg.email, newPassword);
    expect((await client.get(balancePath, { token: fresh.accessToken })).status).toBe(200);
    const rotated = await client.post<TokenPair>('/v1/auth/refresh', { body: { refreshToken: fresh.refreshToken } });
    expect((await client.get(balancePath, { token: rotated.body.accessToken })).status).toBe(200);
  });

  it('reusing a spent refresh token signs the customer out everywhere, access tokens included', async () => {
    const reg = { email: 'stolen@example.test', password: 'a leaked-token password', displayName: 'Sam' };
    await client.post('/v1/customers', { body: reg });
    const phone = await customerLogin(client, reg.email, reg.password);
    const laptop = await customerLogin(client, reg.email, reg.password);
    const rotated = await client.post<TokenPair>('/v1/auth/refresh', { body: { refreshToken: phone.refreshToken } });
    expect((await client.get('/v1/me', { token: rotated.body.accessToken })).status).toBe(200);

    // The spent token comes back: one of its two holders is a thief, and the bank cannot tell which.
    expect((await client.post('/v1/auth/refresh', { body: { refreshToken: phone.refreshToken } })).status).toBe(401);
    for (const accessToken of [phone.accessToken, rotated.body.accessToken, laptop.accessToken]) {
      expect((await client.get('/v1/me', { token: accessToken })).status).toBe(401);
    }
    for (const refreshToken of [rotated.body.refreshToken, laptop.refreshToken]) {
      expect((await client.post('/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);
    }
    const again = await customerLogin(client, reg.email, reg.password);
    expect((await client.get('/v1/me', { token: again.accessToken })).status).toBe(200);
  });

  it('access tokens expire on the injected clock', async () => {
    const pair = await customerLogin(client, DEMO.ben.email, DEMO.ben.password);
    nowMs += bank.server.bank.limits.accessTokenTtlS * 1000 + 1;
    expect((await client.get('/v1/me', { token: pair.accessToken })).status).toBe(401);
  });

  it('profile updates only the allow-listed fields', async () => {
    const { accessToken } = await customerLogin(client, DEMO.chloe.email, DEMO.chloe.password);
    const updated = await client.patch<Profile>('/v1/me', {
      token: accessToken,
      body: { displayName: 'Chloé M.', address: '1 rue de la Paix' },
    });
    expect(updated.body).toMatchObject({
      displayName: 'Chloé M.',
      address: '1 rue de la Paix',
      email: DEMO.chloe.email,
    });
    for (const forbidden of [
      { email: 'mallory@example.test' },
      { customerId: 1 },
      { totpEnabled: false },
      { passwordHash: 'x' },
      {},
    ]) {
      const refused = await client.patch('/v1/me', { token: accessToken, body: forbidden });
      expect(refused.status).toBe(400);
    }
    expect((await client.get<Profile>('/v1/me', { token: accessToken })).body.email).toBe(DEMO.chloe.email);
  });

  it('password reset: the token goes only to the outbox — never a response body or a log line — and works once', async () => {
    const accepted = await client.post('/v1/auth/password-reset', { body: { email: DEMO.ana.email } });
    const unknown = await client.post('/v1/auth/password-reset', { body: { email: 'nobody@example.test' } });
    expect(accepted.status).toBe(202);
    expect(unknown.body).toEqual(accepted.body);
    const row = bank.server.bank.db
      .prepare("SELECT payload_json FROM notifications_outbox WHERE kind = 'password_reset' ORDER BY id DESC")
      .get() as { payload_json: string };
    const { token } = JSON.parse(row.payload_json) as { token: string };
    expect(token.length).toBeGreaterThan(30);

    const newPassword = 'brand new password 42';
    const wrong = await client.post('/v1/auth/password-reset/confirm', { body: { token: `${token}x`, newPassword } });
    expect(wrong.status).toBe(401);
    expect((await client.post('/v1/auth/password-reset/confirm', { body: { token, newPassword } })).status).toBe(204);
    expect((await client.post('/v1/auth/password-reset/confirm', { body: { token, newPassword } })).status).toBe(401);
    await customerLogin(client, DEMO.ana.email, newPassword);
    expect(
      (await client.post('/v1/auth/login', { body: { email: DEMO.ana.email, password: DEMO.ana.password } })).status,
    ).toBe(401);

    const everyBody = recorded
      .map((exchange) => (typeof exchange.body === 'string' ? exchange.body : JSON.stringify(exchange.body)))
      .join('\n');
    expect(everyBody).not.toContain(token);
    expect(bank.logs().length).toBeGreaterThan(0);
    expect(bank.logs()).not.toContain(token);
    expect(bank.logs()).not.toContain(newPassword);
    // Put Ana's password back for the other tests.
    await client.post('/v1/auth/password-reset', { body: { email: DEMO.ana.email } });
    const next = JSON.parse(
      (
        bank.server.bank.db.prepare('SELECT payload_json FROM notifications_outbox ORDER BY id DESC').get() as {
          payload_json: string;
        }
      ).payload_json,
    ) as { token: string };
    await client.post('/v1/auth/password-reset/confirm', {
      body: { token: next.token, newPassword: DEMO.ana.password },
    });
  });

  it('TOTP: set up, enable with a code, then login needs a fresh code (a replayed code is refused)', async () => {
    const reg = { email: 'totp@example.test', password: 'totp user password', displayName: 'Tess' };
    await client.post('/v1/customers', { body: reg });
    const { accessToken } = await customerLogin(client, reg.email, reg.password);
    const setup = await client.post<TotpSetupResponse>('/v1/me/totp/setup', { token: accessToken });
    const totp = new TOTP({ secret: setup.body.secret, digits: 6, period: 30, algorithm: 'SHA1' });
    const wrongCode = totp.generate({ timestamp: nowMs }) === '000000' ? '111111' : '000000';
    expect((await client.post('/v1/me/totp/enable', { token: accessToken, body: { code: wrongCode } })).status).toBe(
      401,
    );
    expect(
      (
        await client.post('/v1/me/totp/enable', {
          token: accessToken,
          body: { code: totp.generate({ timestamp: nowMs }) },
        })
      ).status,
    ).toBe(204);
    const noCode = await client.post('/v1/auth/login', { body: { email: reg.email, password: reg.password } });
    expect(noCode.body.error.code).toBe('totp_required');
    const replayed = await client.post('/v1/auth/login', {
      body: { email: reg.email, password: reg.password, totpCode: totp.generate({ timestamp: nowMs }) },
    });
    expect(replayed.body.error.code).toBe('totp_required');
    nowMs += 30_000;
    const fresh = await client.post<TokenPair>('/v1/auth/login', {
      body: { email: reg.email, password: reg.password, totpCode: totp.generate({ timestamp: nowMs }) },
    });
    expect(fresh.status).toBe(200);
    expect((await client.get<Profile>('/v1/me', { token: fresh.body.accessToken })).body.totpEnabled).toBe(true);
  });

  describe('ownership: another customer’s account is indistinguishable from a missing one', () => {
    const ben = DEMO.ben.checking;
    const missing = '99999999';
    const routes: {
      name: string;
      call: (token: string, account: string) => Promise<{ status: number; body: unknown }>;
    }[] = [
      { name: 'account', call: (token, account) => client.get(`/v1/accounts/${account}`, { token }) },
      { name: 'balance', call: (token, account) => client.get(`/v1/accounts/${account}/balance`, { token }) },
      {
        name: 'deposit',
        call: (token, account) =>
          client.post(`/v1/accounts/${account}/deposits`, {
            token,
            body: { amountMinor: 100 },
            idempotencyKey: uuidv7(),
          }),
      },
      {
        name: 'withdrawal',
        call: (token, account) =>
          client.post(`/v1/accounts/${account}/withdrawals`, {
            token,
            body: { amountMinor: 100 },
            idempotencyKey: uuidv7(),
          }),
      },
      {
        name: 'transfer from',
        call: (token, account) =>
          client.post('/v1/transfers', {
            token,
            body: { fromAccountNumber: account, toAccountNumber: DEMO.ana.checking, amountMinor: 100 },
            idempotencyKey: uuidv7(),
          }),
      },
      { name: 'history', call: (token, account) => client.get(`/v1/accounts/${account}/transactions`, { token }) },
      {
        name: 'statement csv',
        call: (token, account) => client.get(`/v1/accounts/${account}/statement.csv`, { token }),
      },
      {
        name: 'statement pdf',
        call: (token, account) => client.get(`/v1/accounts/${account}/statement.pdf`, { token }),
      },
    ];
    for (const route of routes) {
      it(`${route.name}: 404 not_found for Ben's account and for a missing one; 401 without a token`, async () => {
        const { accessToken } = await customerLogin(client, DEMO.chloe.email, DEMO.chloe.password);
        const before = (bank.server.bank.db.prepare('SELECT count(*) AS n FROM transfers').get() as { n: number }).n;
        const theirs = await route.call(accessToken, ben);
        const none = await route.call(accessToken, missing);
        expect(theirs.status).toBe(404);
        expect(theirs.body).toEqual(none.body);
        expect(theirs.body).toEqual({ error: { code: 'not_found', message: 'Account not found.' } });
        expect((await route.call('', ben)).status).toBe(401);
        expect((bank.server.bank.db.prepare('SELECT count(*) AS n FROM transfers').get() as { n: number }).n).toBe(
          before,
        );
      });
    }
    it('the account list holds only the caller’s accounts', async () => {
      const { accessToken } = await customerLogin(client, DEMO.chloe.email, DEMO.chloe.password);
      const list = await client.get<{ accounts: CustomerAccount[] }>('/v1/accounts', { token: accessToken });
      expect(list.body.accounts.map((account) => account.accountNumber)).toEqual([DEMO.chloe.checking]);
    });
  });

  it('deposit, withdrawal and transfer are idempotent, atomic and refuse overdrafts', async () => {
    const { accessToken } = await customerLogin(client, DEMO.ben.email, DEMO.ben.password);
    const key = uuidv7();
    const deposit = await client.post<MovementResult>(`/v1/accounts/${DEMO.ben.checking}/deposits`, {
      token: accessToken,
      body: { amountMinor: 1_000 },
      idempotencyKey: key,
    });
    const retry = await client.post<MovementResult>(`/v1/accounts/${DEMO.ben.checking}/deposits`, {
      token: accessToken,
      body: { amountMinor: 1_000 },
      idempotencyKey: key,
    });
    expect(retry.body).toEqual(deposit.body);
    expect(
      (
        await client.post(`/v1/accounts/${DEMO.ben.checking}/deposits`, {
          token: accessToken,
          body: { amountMinor: 2_000 },
          idempotencyKey: key,
        })
      ).status,
    ).toBe(409);
    const balance = deposit.body.balanceMinor;
    const overdraw = await client.post('/v1/transfers', {
      token: accessToken,
      body: { fromAccountNumber: DEMO.ben.checking, toAccountNumber: DEMO.ana.checking, amountMinor: balance + 1 },
      idempotencyKey: uuidv7(),
    });
    expect(overdraw.body.error.code).toBe('insufficient_funds');
    const moved = await client.post<MovementResult>('/v1/transfers', {
      token: accessToken,
      body: { fromAccountNumber: DEMO.ben.checking, toAccountNumber: DEMO.chloe.checking, amountMinor: balance },
      idempotencyKey: uuidv7(),
    });
    expect(moved.body.balanceMinor).toBe(0);
    expect(
      (
        await client.post('/v1/transfers', {
          token: accessToken,
          body: { fromAccountNumber: DEMO.ben.checking, toAccountNumber: '77777777', amountMinor: 1 },
          idempotencyKey: uuidv7(),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await client.post(`/v1/accounts/${DEMO.ben.checking}/withdrawals`, {
          token: accessToken,
          body: { amountMinor: 1.5 },
          idempotencyKey: uuidv7(),
        })
      ).status,
    ).toBe(400);
    expect(bank.server.bank.ledger.sums()).toEqual({ postedMinor: 0, pendingMinor: 0 });
  });

  it('history: date range and newest-first pages; statements in CSV and PDF', async () => {
    const { accessToken } = await customerLogin(client, DEMO.chloe.email, DEMO.chloe.password);
    for (let index = 0; index < 5; index++) {
      await client.post(`/v1/accounts/${DEMO.chloe.checking}/withdrawals`, {
        token: accessToken,
        body: { amountMinor: 100 + index, reference: `=cmd|${index}` },
        idempotencyKey: uuidv7(),
      });
    }
    const day = new Date(nowMs).toISOString().slice(0, 10);
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const page: { body: HistoryResponse } = await client.get<HistoryResponse>(
        `/v1/accounts/${DEMO.chloe.checking}/transactions?from=${day}&to=${day}&limit=2${before ? `&before=${before}` : ''}`,
        { token: accessToken },
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.seq));
      before = page.body.nextBefore;
    } while (before !== null);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(seen.length).toBeGreaterThanOrEqual(5);
    const yesterday = new Date(nowMs - 86_400_000).toISOString().slice(0, 10);
    const empty = await client.get<HistoryResponse>(
      `/v1/accounts/${DEMO.chloe.checking}/transactions?from=${yesterday}&to=${yesterday}`,
      { token: accessToken },
    );
    expect(empty.body.items).toEqual([]);
    expect(
      (
        await client.get(`/v1/accounts/${DEMO.chloe.checking}/transactions?from=2020-01-01&to=${day}`, {
          token: accessToken,
        })
      ).status,
    ).toBe(400);
    expect(
      (await client.get(`/v1/accounts/${DEMO.chloe.checking}/transactions?limit=1000`, { token: accessToken })).status,
    ).toBe(400);

    const csv = await client.get<string>(`/v1/accounts/${DEMO.chloe.checking}/statement.csv?from=${day}&to=${day}`, {
      token: accessToken,
    });
    expect(csv.body.split('\r\n')[0]).toBe('date,transfer_id,description,kind,debit,credit,currency');
    expect(csv.body).toContain(',1.04,,EUR');
    expect(csv.body).not.toMatch(/(^|,)=cmd/m); // formula cells are defused
    const pdf = await client.get<Buffer>(`/v1/accounts/${DEMO.chloe.checking}/statement.pdf?from=${day}&to=${day}`, {
      token: accessToken,
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
