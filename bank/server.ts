// The reference bank API server: Fastify + zod schemas (→ OpenAPI 3.1 at /v1/openapi.json, Swagger UI at /docs),
// an embedded SQLite store, device and customer authentication, rate limiting keyed on the authenticated caller or
// the socket address, and an IP block after repeated credential failures. Errors are `{ error: { code, message } }`.
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { ERROR_RESPONSES, type BankApp, type BankContext, type Principal } from './context.ts';
import { healthResponseSchema } from '../shared/bank-api/index.ts';
import { createDeviceRegistry, type DeviceRegistry } from './auth/devices.ts';
import { createHasher, type HashParams, PASSWORD_HASH_PARAMS, PIN_HASH_PARAMS } from './auth/hashing.ts';
import { createIpBlocklist } from './auth/ip-block.ts';
import type { BankSecrets } from './auth/secrets.ts';
import { createTokenService } from './auth/tokens.ts';
import {
  type BankFeatures,
  type BankLimits,
  DEFAULT_FEATURES,
  DEFAULT_LIMITS,
  validateFeatures,
  validateLimits,
} from './config.ts';
import { createCustomerService } from './customer-service.ts';
import { BankError, errorBody } from './errors.ts';
import { createKioskService } from './kiosk-service.ts';
import { createMaintenance, type Maintenance } from './maintenance.ts';
import { type MailConfig, smtpEndpointOf, validateMailConfig } from './notifications/mail-config.ts';
import { createSmtpTransport } from './notifications/mail-transport.ts';
import { createNotificationSender, type NotificationSender } from './notifications/notification-sender.ts';
import { registerCustomerRoutes } from './routes/customer-routes.ts';
import { registerDeviceRoutes } from './routes/device-routes.ts';
import { registerKioskRoutes } from './routes/kiosk-routes.ts';
import { seedDemoDataIfEmpty } from './seed.ts';
import { createIdempotencyStore } from './store/idempotency.ts';
import { type BankLedger, createBankLedger } from './store/ledger.ts';
import { type Db, openStore } from './store/open-store.ts';

export const BANK_API_VERSION = '1.0.0';

export type BankClock = { now(): number };

export type BankServerOptions = {
  /** SQLite file (WAL) or ':memory:'. */
  readonly storePath: string;
  readonly secrets: BankSecrets;
  /**
   * Milliseconds since the epoch; drives token expiry, business days, reset-token expiry, the IP block, hold expiry
   * and retention pruning (the sweep's own schedule runs on real timers).
   */
  readonly clock?: BankClock;
  /** Socket addresses/CIDRs of reverse proxies whose X-Forwarded-For is believed; empty = none (the default). */
  readonly trustedProxies?: readonly string[];
  /** Overrides of DEFAULT_LIMITS; the result must pass validateLimits. */
  readonly limits?: Partial<BankLimits>;
  /** argon2id costs; production defaults. Tests may pass cheaper ones (still real argon2id) to stay fast. */
  readonly hashing?: { readonly password?: HashParams; readonly pin?: HashParams };
  /** Seed the demo customers, accounts and cards into an empty store. */
  readonly seedDemo?: boolean;
  /**
   * Demo-only endpoints to turn on (open registration, customer deposits/withdrawals); every one is off unless set
   * here (DEFAULT_FEATURES). The demo bank passes DEMO_FEATURES.
   */
  readonly features?: Partial<BankFeatures>;
  /**
   * Outgoing mail for the notifications outbox (password-reset codes). Without it messages stay recorded in the
   * outbox, unsent, and the server says so once at start.
   */
  readonly mail?: MailConfig;
  /** Uniform in [0, 1); the mail sender's retry jitter. Tests pin it to make backoff deterministic. */
  readonly random?: () => number;
  /** Fastify/pino logger options (false = silent). Authorization headers are always redacted. */
  readonly logger?: boolean | { readonly level?: string; readonly stream?: { write(line: string): void } };
};

/** Handles for the CLI, tests and benchmarks: the same services the routes use. */
export type BankHandle = {
  readonly db: Db;
  readonly ledger: BankLedger;
  readonly devices: DeviceRegistry;
  readonly limits: BankLimits;
  readonly features: BankFeatures;
  /** Hold expiry and retention pruning; runs at start and every maintenanceIntervalMs until close. */
  readonly maintenance: Maintenance;
  /** The outbox's mail sender (null without `mail`): runs at start, after each queued message and periodically. */
  readonly notifications: NotificationSender | null;
};

export type BankServer = BankApp & { readonly bank: BankHandle };

declare module 'fastify' {
  interface FastifyInstance {
    bank: BankHandle;
  }
}

const REDACT_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'];

function loggerOption(option: BankServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!option) return false;
  const settings = option === true ? {} : option;
  return {
    level: settings.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(settings.stream ? { stream: settings.stream } : {}),
  };
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9._-]{1,2048})$/.exec(header);
  return match?.[1] ?? null;
}

export async function buildBankServer(options: BankServerOptions): Promise<BankServer> {
  const now = () => (options.clock ?? Date).now();
  const limits: BankLimits = validateLimits({ ...DEFAULT_LIMITS, ...options.limits });
  const features: BankFeatures = validateFeatures({ ...DEFAULT_FEATURES, ...options.features });
  const trusted = options.trustedProxies ?? [];
  const mail = options.mail ? validateMailConfig(options.mail) : null;
  const db = openStore(options.storePath);

  const app = Fastify({
    logger: loggerOption(options.logger),
    bodyLimit: limits.bodyLimitBytes,
    // Only a configured proxy's X-Forwarded-For is believed; otherwise request.ip is the socket peer.
    trustProxy: trusted.length > 0 ? [...trusted] : false,
    // Client-chosen request ids would let a caller forge log correlation; the server makes its own.
    requestIdHeader: false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 100 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const ledger = createBankLedger(db, now);
  const tokens = createTokenService(options.secrets.jwtKey, now, {
    deviceS: limits.deviceTokenTtlS,
    accessS: limits.accessTokenTtlS,
    refreshS: limits.refreshTokenTtlS,
  });
  const passwords = createHasher(options.secrets.pepper, options.hashing?.password ?? PASSWORD_HASH_PARAMS);
  const pins = createHasher(options.secrets.pepper, options.hashing?.pin ?? PIN_HASH_PARAMS);
  const devices = createDeviceRegistry(db, options.secrets.hmacKey, now);
  const notifications = mail
    ? createNotificationSender({
        db,
        transport: createSmtpTransport(mail),
        from: mail.from,
        now,
        random: options.random ?? Math.random,
        intervalMs: limits.notificationSendIntervalMs,
        log: app.log,
      })
    : null;
  const context: BankContext = {
    db,
    ledger,
    idempotency: createIdempotencyStore(db, now),
    kiosk: createKioskService(db, ledger, now),
    customers: createCustomerService({
      db,
      ledger,
      tokens,
      passwords,
      hmacKey: options.secrets.hmacKey,
      now,
      onNotificationQueued: () => notifications?.nudge(),
    }),
    devices,
    tokens,
    ipBlock: createIpBlocklist(
      {
        failuresMax: limits.authFailuresMax,
        windowMs: limits.authFailureWindowMs,
        blockMs: limits.ipBlockMs,
        entriesMax: limits.ipBlockEntriesMax,
      },
      now,
    ),
    limits,
    features,
    now,
  };
  const maintenance = createMaintenance({
    db,
    ledger,
    idempotency: context.idempotency,
    customers: context.customers,
    limits,
    now,
    log: app.log,
  });
  app.addHook('onClose', async () => {
    // No sweep or send may start once the store is closing; a send in flight finishes (bounded by its timeout) and
    // records its outcome first.
    maintenance.stop();
    await notifications?.stop();
    db.close();
  });
  app.decorate('bank', { db, ledger, devices, limits, features, maintenance, notifications });
  app.decorateRequest('principal', null);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof BankError) {
      return reply.code(error.statusCode).send(errorBody(error.code, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const where = first ? `${error.validationContext ?? 'request'}${first.instancePath || ''}` : 'request';
      return reply.code(400).send(errorBody('invalid_request', `Invalid ${where}.`));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ url: request.routeOptions.url }, 'response did not match its schema');
      return reply.code(500).send(errorBody('internal', 'Internal error.'));
    }
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    if (status === 413) return reply.code(413).send(errorBody('payload_too_large', 'Request body too large.'));
    if (status === 415) return reply.code(415).send(errorBody('unsupported_media_type', 'Send application/json.'));
    if (status === 429) return reply.code(429).send(errorBody('rate_limited', 'Too many requests.'));
    if (status >= 400 && status < 500) return reply.code(400).send(errorBody('invalid_request', 'Malformed request.'));
    request.log.error({ errName: (error as Error).name }, 'unhandled error');
    return reply.code(500).send(errorBody('internal', 'Internal error.'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('not_found', 'No such route.')));

  // Blocked addresses are refused before anything else; then the bearer token the route asks for is verified and
  // the caller recorded, so the rate limit (preParsing, below) can key on who it is.
  app.addHook('onRequest', async (request, reply) => {
    const blockedMs = context.ipBlock.blockedForMs(request.ip);
    if (blockedMs > 0) {
      reply.header('retry-after', String(Math.ceil(blockedMs / 1000)));
      throw new BankError('ip_blocked', 'Too many failed authentications from this address.');
    }
    const mode = request.routeOptions.config.auth;
    if (!mode) return;
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new BankError('unauthorized', 'A bearer token is required.');
    if (mode === 'device') {
      const claims = await tokens.verify('device', token);
      const device = devices.get(claims.subject);
      if (!device || device.status !== 'active' || device.secret_version !== claims.secretVersion) {
        throw new BankError('unauthorized', 'Device revoked or credentials rotated.');
      }
      request.principal = { kind: 'device', deviceId: device.id } satisfies Principal;
    } else {
      const claims = await tokens.verify('access', token);
      const customerId = Number(claims.subject);
      if (!Number.isSafeInteger(customerId)) throw new BankError('unauthorized', 'Invalid token.');
      // A password reset (or a stolen refresh token coming back) moves the customer to a new token generation: every
      // access token signed before it stops here, not only when it expires.
      if (claims.generation === null || context.customers.tokenGenerationOf(customerId) !== claims.generation) {
        throw new BankError('unauthorized', 'Signed out; log in again.');
      }
      request.principal = { kind: 'customer', customerId };
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ATM Kiosk reference bank API',
        version: BANK_API_VERSION,
        description:
          'Device-authenticated kiosk sync (authorise/complete/advice/reversal/batch/changes/totals) and the customer API. ' +
          'Money requests carry Idempotency-Key; errors are { error: { code, message } }.',
      },
      components: {
        securitySchemes: {
          deviceBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'POST /v1/devices/token' },
          customerBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'POST /v1/auth/login' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(rateLimit, {
    global: true,
    max: limits.rateLimitMax,
    timeWindow: limits.rateLimitWindowMs,
    hook: 'preParsing',
    // Never a client-supplied header: the authenticated caller, else request.ip (which is the socket peer unless
    // the peer is a configured trusted proxy).
    keyGenerator: (request) => {
      const principal = request.principal;
      if (principal?.kind === 'device') return `device:${principal.deviceId}`;
      if (principal?.kind === 'customer') return `customer:${principal.customerId}`;
      return `ip:${request.ip}`;
    },
    errorResponseBuilder: () => new BankError('rate_limited', 'Too many requests; retry after the Retry-After delay.'),
  });

  app.get('/v1/health', {
    schema: { tags: ['system'], summary: 'Liveness', response: { 200: healthResponseSchema, ...ERROR_RESPONSES } },
    handler: async () => ({ status: 'ok' as const, version: BANK_API_VERSION }),
  });
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerDeviceRoutes(app, context);
  registerKioskRoutes(app, context);
  registerCustomerRoutes(app, context);

  if (options.seedDemo) {
    await seedDemoDataIfEmpty({ db, ledger, cardLookupKey: options.secrets.cardLookupKey, pins, passwords, now });
  }
  await app.ready();
  // Expire and prune what built up while the server was down, then keep doing it periodically.
  maintenance.start();
  // Say so at every start: on a deployment these endpoints would let anyone open accounts or make money up.
  if (features.openRegistration) app.log.warn('open registration is on: anyone can create a customer (demo setting)');
  if (features.customerCashEndpoints) {
    app.log.warn('customer deposits/withdrawals are on: they move money from clearing with no source (demo setting)');
  }
  if (mail && notifications) {
    app.log.info({ smtp: smtpEndpointOf(mail) }, 'notifications are sent by e-mail');
    notifications.start();
  } else {
    app.log.warn(
      'notifications are not being sent: no SMTP server is configured (BANK_SMTP_URL, BANK_MAIL_FROM), so ' +
        'password-reset codes stay in notifications_outbox',
    );
  }
  return app as BankServer;
}
