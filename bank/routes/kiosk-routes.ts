// Kiosk endpoints (device token): authorise, complete, advice, reversal, transfer, enrolment, PIN attempts, batch push,
// changes, totals.
// Money requests are exactly-once through the idempotency store; a body's transferId must equal its
// Idempotency-Key, so a batch item and the single request for the same movement share one stored response.
import type { z } from 'zod';
import {
  adviceRequestSchema,
  adviceResponseSchema,
  authoriseRequestSchema,
  authoriseResponseSchema,
  type BatchItem,
  type BatchItemResult,
  batchRequestSchema,
  batchResponseSchema,
  changesQuerySchema,
  changesResponseSchema,
  completeRequestSchema,
  completeResponseSchema,
  enrolmentRequestSchema,
  enrolmentResponseSchema,
  idempotencyHeadersSchema,
  kioskTransferRequestSchema,
  kioskTransferResponseSchema,
  pinAttemptRequestSchema,
  pinAttemptResponseSchema,
  reversalRequestSchema,
  reversalResponseSchema,
  totalsQuerySchema,
  totalsResponseSchema,
} from '../../shared/bank-api/index.ts';
import { type BankApp, type BankContext, DEVICE_SECURITY, devicePrincipal, ERROR_RESPONSES } from '../context.ts';
import { lockedPinHash } from '../auth/hashing.ts';
import { BankError } from '../errors.ts';
import { requestHash, type StoredResponse } from '../store/idempotency.ts';

type Operation = BatchItem['op'];

export function registerKioskRoutes(app: BankApp, context: BankContext): void {
  const { idempotency, kiosk } = context;

  /** Runs one money operation exactly once for (device, transferId); the same path serves single and batch calls. */
  function runOperation(deviceId: string, item: BatchItem): StoredResponse {
    const hash = requestHash(item.op, item.body);
    return idempotency.run(`device:${deviceId}`, item.body.transferId, hash, () => {
      switch (item.op) {
        case 'authorise':
          return { status: 200, body: kiosk.authorise(deviceId, item.body) };
        case 'complete':
          return { status: 200, body: kiosk.complete(deviceId, item.body) };
        case 'advice':
          return { status: 200, body: kiosk.advice(deviceId, item.body) };
        case 'reversal':
          return { status: 201, body: kiosk.reversal(deviceId, item.body) };
        case 'transfer':
          return { status: 200, body: kiosk.transfer(deviceId, item.body) };
      }
    });
  }

  function checkKey(key: string, transferId: string) {
    if (key !== transferId)
      throw new BankError('idempotency_key_mismatch', 'Idempotency-Key must equal the body’s transferId.');
  }

  const single = <S extends z.ZodType, R extends z.ZodType>(
    op: Operation,
    url: string,
    summary: string,
    body: S,
    response: R,
    status: 200 | 201,
  ) => {
    app.post(url, {
      config: { auth: 'device' },
      schema: {
        tags: ['kiosk'],
        summary,
        security: DEVICE_SECURITY,
        headers: idempotencyHeadersSchema,
        body,
        response: { [status]: response, ...ERROR_RESPONSES },
      },
      handler: async (request, reply) => {
        const parsed = request.body as { transferId: string };
        checkKey(request.headers['idempotency-key'], parsed.transferId);
        const result = runOperation(devicePrincipal(request.principal), { op, body: parsed } as BatchItem);
        return reply
          .code(result.status)
          .header('idempotent-replayed', String(result.replayed))
          .send(result.body as never);
      },
    });
  };

  single(
    'authorise',
    '/v1/kiosk/authorisations',
    'Authorise a withdrawal: place a hold (approved) or decline with a code',
    authoriseRequestSchema,
    authoriseResponseSchema,
    200,
  );
  single(
    'complete',
    '/v1/kiosk/completions',
    'Resolve a hold exactly once: post all, post part, or void',
    completeRequestSchema,
    completeResponseSchema,
    200,
  );
  single(
    'advice',
    '/v1/kiosk/advices',
    'Apply a completed kiosk transaction (stand-in withdrawal or deposit) or decline it with a reason',
    adviceRequestSchema,
    adviceResponseSchema,
    200,
  );
  single(
    'reversal',
    '/v1/kiosk/reversals',
    'Reverse one posted withdrawal or deposit (at most once)',
    reversalRequestSchema,
    reversalResponseSchema,
    201,
  );

  single(
    'transfer',
    '/v1/kiosk/transfers',
    'Transfer between accounts, booked at once or declined with a code (no stand-in: online only)',
    kioskTransferRequestSchema,
    kioskTransferResponseSchema,
    200,
  );

  app.post('/v1/kiosk/enrolments', {
    config: { auth: 'device' },
    schema: {
      tags: ['kiosk'],
      summary: 'Open the customer, account and active card that branch staff enrolled at a kiosk (exactly once)',
      description:
        'Idempotency-Key must equal enrolmentId. The PIN stays at the enrolling kiosk; a card or account number that ' +
        'already exists is a conflict (409) for staff to sort out.',
      security: DEVICE_SECURITY,
      headers: idempotencyHeadersSchema,
      body: enrolmentRequestSchema,
      response: { 201: enrolmentResponseSchema, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const deviceId = devicePrincipal(request.principal);
      checkKey(request.headers['idempotency-key'], request.body.enrolmentId);
      // Hashed before the transaction (argon2 is slow); a replay simply does not use it.
      const pinHash = await lockedPinHash();
      const result = idempotency.run(
        `device:${deviceId}`,
        request.body.enrolmentId,
        requestHash('enrol', request.body),
        () => ({ status: 201, body: kiosk.enrol(request.body, pinHash) }),
      );
      return reply
        .code(result.status)
        .header('idempotent-replayed', String(result.replayed))
        .send(result.body as never);
    },
  });

  app.post('/v1/kiosk/cards/pin-attempts', {
    config: { auth: 'device' },
    schema: {
      tags: ['kiosk'],
      summary:
        'Record a PIN attempt on the counter shared by all kiosks; at 3 consecutive failures the card is retained',
      security: DEVICE_SECURITY,
      headers: idempotencyHeadersSchema,
      body: pinAttemptRequestSchema,
      response: { 200: pinAttemptResponseSchema, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const deviceId = devicePrincipal(request.principal);
      const key = request.headers['idempotency-key'];
      const result = idempotency.run(`device:${deviceId}`, key, requestHash('pin_attempt', request.body), () => ({
        status: 200,
        body: kiosk.pinAttempt(request.body),
      }));
      return reply
        .code(result.status)
        .header('idempotent-replayed', String(result.replayed))
        .send(result.body as never);
    },
  });

  app.post('/v1/kiosk/batch', {
    config: { auth: 'device' },
    schema: {
      tags: ['kiosk'],
      summary: 'Push up to 100 operations; each is exactly-once by its transferId and gets its own result',
      description:
        'Items run in order, each in its own savepoint of one transaction: a refused item does not undo the others.',
      security: DEVICE_SECURITY,
      headers: idempotencyHeadersSchema,
      body: batchRequestSchema,
      response: { 200: batchResponseSchema, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const deviceId = devicePrincipal(request.principal);
      const key = request.headers['idempotency-key'];
      // The batch's own key guards the batch as a whole (same key, different items → 409); each item is then
      // exactly-once by its transferId whatever batch or single request carried it before.
      const result = idempotency.run(`device-batch:${deviceId}`, key, requestHash('batch', request.body), () => {
        const results: BatchItemResult[] = request.body.items.map((item, index) => {
          try {
            const outcome = runOperation(deviceId, item);
            return {
              index,
              transferId: item.body.transferId,
              status: outcome.status,
              result: outcome.body as BatchItemResult['result'],
              error: null,
            };
          } catch (error) {
            if (!(error instanceof BankError)) throw error;
            return {
              index,
              transferId: item.body.transferId,
              status: error.statusCode,
              result: null,
              error: { code: error.code, message: error.message },
            };
          }
        });
        return { status: 200, body: { results } };
      });
      return reply
        .code(result.status)
        .header('idempotent-replayed', String(result.replayed))
        .send(result.body as never);
    },
  });

  app.get('/v1/kiosk/changes', {
    config: { auth: 'device' },
    schema: {
      tags: ['kiosk'],
      summary: 'Account and card states changed after a cursor, in change order',
      description:
        'Each row is the latest state of an account or card. Store nextCursor with the applied page; repeat while hasMore.',
      security: DEVICE_SECURITY,
      querystring: changesQuerySchema,
      response: { 200: changesResponseSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) => kiosk.changes(request.query.cursor, request.query.limit),
  });

  app.get('/v1/kiosk/totals', {
    config: { auth: 'device' },
    schema: {
      tags: ['kiosk'],
      summary: 'Settlement totals of the calling device for one business day (UTC), per currency',
      security: DEVICE_SECURITY,
      querystring: totalsQuerySchema,
      response: { 200: totalsResponseSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) => kiosk.totals(devicePrincipal(request.principal), request.query.businessDay),
  });
}
