// The bank's OpenAPI 3.1 document is valid (swagger-parser) and describes what the server really sends: every
// route is exercised over HTTP and each JSON response body is validated against the document's own schema for that
// path, method and status with ajv (JSON Schema 2020-12), not against the zod schemas that generated it.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthoriseResponse, ChangesResponse, TokenPair, TotpSetupResponse } from '../../shared/bank-api/index.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { createBankClient, customerLogin, DEMO, deviceToken, type RecordedExchange } from '../support/bank-client.ts';
import { DEMO_FEATURES } from '../../bank/config.ts';
import { createResponseChecker, type OpenApiDocument } from '../support/bank-openapi.ts';
import { type StartedBank, startBankServer } from '../support/bank-server.ts';

describe('bank OpenAPI document', () => {
  let bank: StartedBank;
  let document: OpenApiDocument;
  const recorded: RecordedExchange[] = [];

  beforeAll(async () => {
    // Every documented operation must be called, including the demo-only ones: turn them on.
    bank = await startBankServer({ features: DEMO_FEATURES });
    const response = await fetch(`${bank.url}/v1/openapi.json`);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(() => bank.close());

  it('is a valid OpenAPI 3.1 document with every route under /v1', async () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    await SwaggerParser.validate(structuredClone(document) as never);
    expect(Object.keys(document.paths).every((path) => path.startsWith('/v1/'))).toBe(true);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await fetch(`${bank.url}/docs/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });

  it('every route answers with bodies that match the documented schema', async () => {
    const client = createBankClient(bank.url, recorded);
    const deviceBearer = await deviceToken(client, bank.deviceId, bank.deviceSecret);
    const anaKey = bank.cardKey(DEMO.ana.pan);
    const device = (body: unknown, key?: string) => ({ token: deviceBearer, body, idempotencyKey: key });

    await client.get('/v1/health');
    // Kiosk side.
    const holdId = uuidv7();
    const hold = await client.post<AuthoriseResponse>(
      '/v1/kiosk/authorisations',
      device(
        { transferId: holdId, cardKey: anaKey, accountNumber: DEMO.ana.checking, amountMinor: 10_000, currency: 'EUR' },
        holdId,
      ),
    );
    expect(hold.body.outcome).toBe('approved');
    const declinedId = uuidv7();
    await client.post(
      '/v1/kiosk/authorisations',
      device(
        {
          transferId: declinedId,
          cardKey: bank.cardKey(DEMO.ben.blockedPan),
          accountNumber: DEMO.ben.checking,
          amountMinor: 100,
          currency: 'EUR',
        },
        declinedId,
      ),
    );
    const postId = uuidv7();
    expect(
      (
        await client.post(
          '/v1/kiosk/completions',
          device(
            { transferId: postId, pendingId: holdId, action: 'post', amountMinor: 6_000, reason: 'partial_dispense' },
            postId,
          ),
        )
      ).status,
    ).toBe(200);
    const againId = uuidv7();
    expect(
      (
        await client.post(
          '/v1/kiosk/completions',
          device({ transferId: againId, pendingId: holdId, action: 'void', reason: 'cancelled' }, againId),
        )
      ).status,
    ).toBe(409);
    const adviceId = uuidv7();
    await client.post(
      '/v1/kiosk/advices',
      device(
        {
          transferId: adviceId,
          kind: 'deposit',
          standIn: true,
          cardKey: anaKey,
          accountNumber: DEMO.ana.checking,
          amountMinor: 2_000,
          currency: 'EUR',
          occurredAt: new Date().toISOString(),
        },
        adviceId,
      ),
    );
    const reversalId = uuidv7();
    expect(
      (
        await client.post(
          '/v1/kiosk/reversals',
          device({ transferId: reversalId, originalId: postId, reason: 'dispense_fault' }, reversalId),
        )
      ).status,
    ).toBe(201);
    await client.post('/v1/kiosk/cards/pin-attempts', device({ cardKey: anaKey, outcome: 'success' }, uuidv7()));
    const kioskTransferId = uuidv7();
    const kioskTransfer = {
      transferId: kioskTransferId,
      cardKey: anaKey,
      fromAccountNumber: DEMO.ana.checking,
      toAccountNumber: DEMO.ben.checking,
      amountMinor: 700,
      currency: 'EUR',
    };
    expect((await client.post('/v1/kiosk/transfers', device(kioskTransfer, kioskTransferId))).status).toBe(200);
    const refusedTransferId = uuidv7();
    await client.post(
      '/v1/kiosk/transfers',
      device({ ...kioskTransfer, transferId: refusedTransferId, toAccountNumber: '000000001' }, refusedTransferId),
    );
    const enrolmentId = uuidv7();
    const enrolment = {
      enrolmentId,
      holderName: 'Eva Kiosk',
      account: { accountNumber: '90000001', label: 'Everyday', kind: 'checking', currency: 'EUR' },
      card: { cardKey: 'e'.repeat(64), panLast4: '4242', expiresYymm: '3012' },
    };
    expect((await client.post('/v1/kiosk/enrolments', device(enrolment, enrolmentId))).status).toBe(201);
    const duplicateEnrolment = uuidv7();
    expect(
      (
        await client.post(
          '/v1/kiosk/enrolments',
          device({ ...enrolment, enrolmentId: duplicateEnrolment }, duplicateEnrolment),
        )
      ).status,
    ).toBe(409);
    const batchHold = uuidv7();
    await client.post(
      '/v1/kiosk/batch',
      device(
        {
          items: [
            {
              op: 'authorise',
              body: {
                transferId: batchHold,
                cardKey: anaKey,
                accountNumber: DEMO.ana.checking,
                amountMinor: 500,
                currency: 'EUR',
              },
            },
            { op: 'complete', body: { transferId: uuidv7(), pendingId: uuidv7(), action: 'void', reason: 'timeout' } },
          ],
        },
        uuidv7(),
      ),
    );
    const changes = await client.get<ChangesResponse>('/v1/kiosk/changes?cursor=0&limit=5', { token: deviceBearer });
    expect(changes.body.changes.length).toBe(5);
    await client.get(`/v1/kiosk/totals?businessDay=${new Date().toISOString().slice(0, 10)}`, { token: deviceBearer });
    await client.post('/v1/devices/token', { body: { deviceId: bank.deviceId, deviceSecret: 'x'.repeat(40) } });

    // Customer side.
    await client.post('/v1/customers', {
      body: { email: 'dora@example.test', password: 'correct horse battery', displayName: 'Dora' },
    });
    const pair = await customerLogin(client, DEMO.ana.email, DEMO.ana.password);
    const bearer = pair.accessToken;
    await client.post<TokenPair>('/v1/auth/refresh', { body: { refreshToken: pair.refreshToken } });
    await client.post('/v1/auth/password-reset', { body: { email: DEMO.ana.email } });
    await client.post('/v1/auth/password-reset/confirm', {
      body: { token: 'not-a-real-token-0123456789', newPassword: 'another long password' },
    });
    await client.get('/v1/me', { token: bearer });
    await client.patch('/v1/me', { token: bearer, body: { phone: '+34 600 000 000' } });
    const setup = await client.post<TotpSetupResponse>('/v1/me/totp/setup', { token: bearer });
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    await client.post('/v1/me/totp/enable', { token: bearer, body: { code: '000000' } });
    await client.post('/v1/me/totp/disable', { token: bearer, body: { code: '000000' } });
    await client.get('/v1/accounts', { token: bearer });
    await client.get(`/v1/accounts/${DEMO.ana.checking}`, { token: bearer });
    await client.get(`/v1/accounts/${DEMO.ben.checking}`, { token: bearer });
    await client.get(`/v1/accounts/${DEMO.ana.checking}/balance`, { token: bearer });
    await client.post(`/v1/accounts/${DEMO.ana.checking}/deposits`, {
      token: bearer,
      body: { amountMinor: 1_000 },
      idempotencyKey: uuidv7(),
    });
    await client.post(`/v1/accounts/${DEMO.ana.checking}/withdrawals`, {
      token: bearer,
      body: { amountMinor: 999_999_999 },
      idempotencyKey: uuidv7(),
    });
    await client.post('/v1/transfers', {
      token: bearer,
      body: { fromAccountNumber: DEMO.ana.savings, toAccountNumber: DEMO.ben.checking, amountMinor: 1_234 },
      idempotencyKey: uuidv7(),
    });
    await client.get(`/v1/accounts/${DEMO.ana.checking}/transactions?limit=2`, { token: bearer });
    const csv = await client.get(`/v1/accounts/${DEMO.ana.checking}/statement.csv`, { token: bearer });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const pdf = await client.get<Buffer>(`/v1/accounts/${DEMO.ana.checking}/statement.pdf`, { token: bearer });
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    await client.get('/v1/accounts', { token: deviceBearer }); // wrong token kind → 401
    await client.get('/v1/nope');
    expect(
      (await client.post('/v1/devices/me/secret', { token: deviceBearer, body: { newDeviceSecret: 'n'.repeat(43) } }))
        .status,
    ).toBe(204);

    const checker = createResponseChecker(document);
    const problems = recorded
      .filter((exchange) => exchange.path !== '/v1/nope')
      .flatMap((exchange) => checker.check(exchange));
    expect(problems).toEqual([]);

    // Every documented operation was exercised at least once.
    const exercised = new Set(
      recorded.map((exchange) => `${exchange.method.toLowerCase()} ${checker.templateOf(exchange.path)}`),
    );
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(documented.filter((operation) => !exercised.has(operation))).toEqual([]);
    // The catch-all 404 still uses the envelope.
    expect(recorded.find((exchange) => exchange.path === '/v1/nope')?.body).toEqual({
      error: { code: 'not_found', message: 'No such route.' },
    });
  });

  it('documents the refusal of a demo-only endpoint the bank has off', async () => {
    const closed = await startBankServer({ features: {} });
    try {
      const refusals: RecordedExchange[] = [];
      const client = createBankClient(closed.url, refusals);
      await client.post('/v1/customers', {
        body: { email: 'dora@example.test', password: 'correct horse battery', displayName: 'Dora' },
      });
      const { accessToken } = await customerLogin(client, DEMO.ana.email, DEMO.ana.password);
      for (const kind of ['deposits', 'withdrawals']) {
        await client.post(`/v1/accounts/${DEMO.ana.checking}/${kind}`, {
          token: accessToken,
          body: { amountMinor: 1_000 },
          idempotencyKey: uuidv7(),
        });
      }
      const refused = refusals.filter((exchange) => exchange.path !== '/v1/auth/login');
      expect(refused.map((exchange) => exchange.status)).toEqual([403, 403, 403]);
      expect(refused.flatMap((exchange) => createResponseChecker(document).check(exchange))).toEqual([]);
    } finally {
      await closed.close();
    }
  });
});
