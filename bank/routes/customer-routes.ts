// Customer endpoints (the Flask API's features): registration, login/refresh, password reset, profile, TOTP and
// accounts. Every account route resolves the account through the caller's ownership: someone else's account is
// the same 404 as a missing one. Money routes are exactly-once per (customer, Idempotency-Key). Registration and
// customer deposits/withdrawals exist only when the bank's features turn them on (demo and development).
import { z } from 'zod';
import {
  accountListSchema,
  accountParamsSchema,
  balanceSchema,
  customerAccountSchema,
  historyQuerySchema,
  historyResponseSchema,
  idempotencyHeadersSchema,
  loginRequestSchema,
  movementRequestSchema,
  movementResultSchema,
  passwordResetAcceptedSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  profileSchema,
  profileUpdateSchema,
  refreshRequestSchema,
  registerRequestSchema,
  registerResponseSchema,
  statementQuerySchema,
  tokenPairSchema,
  totpCodeRequestSchema,
  totpSetupResponseSchema,
  transferRequestSchema,
} from '../../shared/bank-api/index.ts';
import {
  type BankApp,
  type BankContext,
  CUSTOMER_SECURITY,
  customerPrincipal,
  ERROR_RESPONSES,
  featureGate,
  NO_CONTENT,
} from '../context.ts';
import { BankError } from '../errors.ts';
import { requestHash } from '../store/idempotency.ts';
import { statementCsv, statementPdf } from '../statement.ts';

export function registerCustomerRoutes(app: BankApp, context: BankContext): void {
  const { customers, features, idempotency, ipBlock, limits, now } = context;
  const authLimit = { rateLimit: { max: limits.authRateLimitMax, timeWindow: limits.rateLimitWindowMs } };

  /** Credential failures count towards the caller's IP block; other errors pass through untouched. */
  async function countingFailures<T>(ip: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof BankError && (error.code === 'invalid_credentials' || error.code === 'totp_required'))
        ipBlock.recordFailure(ip);
      throw error;
    }
  }

  app.post('/v1/customers', {
    config: authLimit,
    preValidation: featureGate(features, 'openRegistration', 'This bank does not offer open registration.'),
    schema: {
      tags: ['customer'],
      summary: 'Register a customer (opens a checking account)',
      description: 'Off unless the bank enables open registration (demo and development): `403 feature_disabled`.',
      body: registerRequestSchema,
      response: { 201: registerResponseSchema, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const created = await customers.register(request.body.email, request.body.password, request.body.displayName);
      return reply.code(201).send(created);
    },
  });

  app.post('/v1/auth/login', {
    config: authLimit,
    schema: {
      tags: ['customer'],
      summary: 'Log in: access token + single-use refresh token (TOTP code required when enabled)',
      body: loginRequestSchema,
      response: { 200: tokenPairSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) =>
      countingFailures(request.ip, () =>
        customers.login(request.body.email, request.body.password, request.body.totpCode),
      ),
  });

  app.post('/v1/auth/refresh', {
    config: authLimit,
    schema: {
      tags: ['customer'],
      summary: 'Rotate a refresh token (reuse of a spent one signs the customer out everywhere)',
      body: refreshRequestSchema,
      response: { 200: tokenPairSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) => countingFailures(request.ip, () => customers.refresh(request.body.refreshToken)),
  });

  app.post('/v1/auth/password-reset', {
    config: authLimit,
    schema: {
      tags: ['customer'],
      summary: 'Request a password reset; the one-time token is sent out of band (never in this response)',
      body: passwordResetRequestSchema,
      response: { 202: passwordResetAcceptedSchema, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      customers.requestPasswordReset(request.body.email);
      return reply.code(202).send({ status: 'accepted' as const });
    },
  });

  app.post('/v1/auth/password-reset/confirm', {
    config: authLimit,
    schema: {
      tags: ['customer'],
      summary: 'Set a new password with the one-time token (ends every session: refresh and access tokens)',
      body: passwordResetConfirmSchema,
      response: { 204: NO_CONTENT, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      await countingFailures(request.ip, () =>
        customers.confirmPasswordReset(request.body.token, request.body.newPassword),
      );
      return reply.code(204).send();
    },
  });

  const authed = { config: { auth: 'customer' as const } };

  app.get('/v1/me', {
    ...authed,
    schema: {
      tags: ['customer'],
      summary: 'Read the profile',
      security: CUSTOMER_SECURITY,
      response: { 200: profileSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) => customers.profile(customerPrincipal(request.principal)),
  });

  app.patch('/v1/me', {
    ...authed,
    schema: {
      tags: ['customer'],
      summary: 'Update the profile (allow-list: displayName, phone, address)',
      security: CUSTOMER_SECURITY,
      body: profileUpdateSchema,
      response: { 200: profileSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) => customers.updateProfile(customerPrincipal(request.principal), request.body),
  });

  app.post('/v1/me/totp/setup', {
    ...authed,
    schema: {
      tags: ['customer'],
      summary: 'Start TOTP set-up (returns the secret once; enable with a code)',
      security: CUSTOMER_SECURITY,
      response: { 200: totpSetupResponseSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) => customers.totpSetup(customerPrincipal(request.principal)),
  });

  for (const action of ['enable', 'disable'] as const) {
    app.post(`/v1/me/totp/${action}`, {
      ...authed,
      schema: {
        tags: ['customer'],
        summary: `${action === 'enable' ? 'Enable' : 'Disable'} TOTP with a current code`,
        security: CUSTOMER_SECURITY,
        body: totpCodeRequestSchema,
        response: { 204: NO_CONTENT, ...ERROR_RESPONSES },
      },
      handler: async (request, reply) => {
        const customerId = customerPrincipal(request.principal);
        await countingFailures(request.ip, async () =>
          action === 'enable'
            ? customers.totpEnable(customerId, request.body.code)
            : customers.totpDisable(customerId, request.body.code),
        );
        return reply.code(204).send();
      },
    });
  }

  app.get('/v1/accounts', {
    ...authed,
    schema: {
      tags: ['accounts'],
      summary: 'The caller’s accounts',
      security: CUSTOMER_SECURITY,
      response: { 200: accountListSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) => ({ accounts: customers.accounts(customerPrincipal(request.principal)) }),
  });

  app.get('/v1/accounts/:accountNumber', {
    ...authed,
    schema: {
      tags: ['accounts'],
      summary: 'One of the caller’s accounts',
      security: CUSTOMER_SECURITY,
      params: accountParamsSchema,
      response: { 200: customerAccountSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) => customers.account(customerPrincipal(request.principal), request.params.accountNumber),
  });

  app.get('/v1/accounts/:accountNumber/balance', {
    ...authed,
    schema: {
      tags: ['accounts'],
      summary: 'Posted and available balance',
      security: CUSTOMER_SECURITY,
      params: accountParamsSchema,
      response: { 200: balanceSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) => customers.balance(customerPrincipal(request.principal), request.params.accountNumber),
  });

  for (const kind of ['deposits', 'withdrawals'] as const) {
    app.post(`/v1/accounts/:accountNumber/${kind}`, {
      ...authed,
      preValidation: featureGate(features, 'customerCashEndpoints', `This bank does not offer customer ${kind}.`),
      schema: {
        tags: ['accounts'],
        summary:
          kind === 'deposits' ? 'Deposit into the account (from clearing)' : 'Withdraw from the account (to clearing)',
        description:
          'Off unless the bank enables customer cash endpoints (demo and development; the money has no source): ' +
          '`403 feature_disabled`.',
        security: CUSTOMER_SECURITY,
        headers: idempotencyHeadersSchema,
        params: accountParamsSchema,
        body: movementRequestSchema,
        response: { 201: movementResultSchema, ...ERROR_RESPONSES },
      },
      handler: async (request, reply) => {
        const customerId = customerPrincipal(request.principal);
        const { accountNumber } = request.params;
        const { amountMinor, reference } = request.body;
        const result = idempotency.run(
          `customer:${customerId}`,
          request.headers['idempotency-key'],
          requestHash(kind, { accountNumber, ...request.body }),
          () => ({
            status: 201,
            body:
              kind === 'deposits'
                ? customers.deposit(customerId, accountNumber, amountMinor, reference)
                : customers.withdraw(customerId, accountNumber, amountMinor, reference),
          }),
        );
        return reply
          .code(result.status)
          .header('idempotent-replayed', String(result.replayed))
          .send(result.body as never);
      },
    });
  }

  app.post('/v1/transfers', {
    ...authed,
    schema: {
      tags: ['accounts'],
      summary: 'Transfer between accounts (atomic, double-entry); the source must be the caller’s',
      security: CUSTOMER_SECURITY,
      headers: idempotencyHeadersSchema,
      body: transferRequestSchema,
      response: { 201: movementResultSchema, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const customerId = customerPrincipal(request.principal);
      const body = request.body;
      const result = idempotency.run(
        `customer:${customerId}`,
        request.headers['idempotency-key'],
        requestHash('transfer', body),
        () => ({
          status: 201,
          body: customers.transfer(
            customerId,
            body.fromAccountNumber,
            body.toAccountNumber,
            body.amountMinor,
            body.reference,
          ),
        }),
      );
      return reply
        .code(result.status)
        .header('idempotent-replayed', String(result.replayed))
        .send(result.body as never);
    },
  });

  app.get('/v1/accounts/:accountNumber/transactions', {
    ...authed,
    schema: {
      tags: ['accounts'],
      summary: 'History in a date range, newest first, paginated with `before`',
      security: CUSTOMER_SECURITY,
      params: accountParamsSchema,
      querystring: historyQuerySchema,
      response: { 200: historyResponseSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) =>
      customers.history(customerPrincipal(request.principal), request.params.accountNumber, request.query),
  });

  app.get('/v1/accounts/:accountNumber/statement.csv', {
    ...authed,
    schema: {
      tags: ['accounts'],
      summary: 'Statement as CSV',
      security: CUSTOMER_SECURITY,
      params: accountParamsSchema,
      querystring: statementQuerySchema,
      response: {
        200: { description: 'CSV statement', content: { 'text/csv': { schema: z.string() } } },
        ...ERROR_RESPONSES,
      },
    },
    handler: async (request, reply) => {
      const statement = customers.statement(
        customerPrincipal(request.principal),
        request.params.accountNumber,
        request.query,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="statement-${request.params.accountNumber}-${statement.from}-${statement.to}.csv"`,
        )
        .send(statementCsv(statement) as never);
    },
  });

  app.get('/v1/accounts/:accountNumber/statement.pdf', {
    ...authed,
    schema: {
      tags: ['accounts'],
      summary: 'Statement as PDF',
      security: CUSTOMER_SECURITY,
      params: accountParamsSchema,
      querystring: statementQuerySchema,
      response: {
        200: {
          description: 'PDF statement',
          content: { 'application/pdf': { schema: z.string().describe('binary PDF') } },
        },
        ...ERROR_RESPONSES,
      },
    },
    handler: async (request, reply) => {
      const statement = customers.statement(
        customerPrincipal(request.principal),
        request.params.accountNumber,
        request.query,
      );
      const pdf = await statementPdf(statement, now());
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="statement-${request.params.accountNumber}-${statement.from}-${statement.to}.pdf"`,
        )
        .send(Buffer.from(pdf) as never);
    },
  });
}
