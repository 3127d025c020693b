// What every route module gets: the store's services, the limits and the clock, plus the request-level types
// (who is calling) that the auth hook attaches.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../shared/bank-api/index.ts';
import type { DeviceRegistry } from './auth/devices.ts';
import type { IpBlocklist } from './auth/ip-block.ts';
import type { TokenService } from './auth/tokens.ts';
import type { BankFeatures, BankLimits } from './config.ts';
import type { CustomerService } from './customer-service.ts';
import { BankError } from './errors.ts';
import type { KioskService } from './kiosk-service.ts';
import type { IdempotencyStore } from './store/idempotency.ts';
import type { BankLedger } from './store/ledger.ts';
import type { Db } from './store/open-store.ts';

export type Principal =
  { readonly kind: 'device'; readonly deviceId: string } | { readonly kind: 'customer'; readonly customerId: number };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Which bearer token the route requires; absent = public. */
    auth?: 'device' | 'customer';
  }
}

export type BankApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  RawReplyDefaultExpression<RawServerDefault>,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type BankContext = {
  readonly db: Db;
  readonly ledger: BankLedger;
  readonly idempotency: IdempotencyStore;
  readonly kiosk: KioskService;
  readonly customers: CustomerService;
  readonly devices: DeviceRegistry;
  readonly tokens: TokenService;
  readonly ipBlock: IpBlocklist;
  readonly limits: BankLimits;
  /** Demo-only endpoints this bank offers (see BankFeatures); routes of one that is off refuse with featureGate. */
  readonly features: BankFeatures;
  readonly now: () => number;
};

/** Every route documents its error envelope for 4xx and 5xx. */
export const ERROR_RESPONSES = { '4xx': errorBodySchema, '5xx': errorBodySchema } as const;
export const NO_CONTENT = z.undefined().describe('No content');

export const DEVICE_SECURITY = [{ deviceBearer: [] }];
export const CUSTOMER_SECURITY = [{ customerBearer: [] }];

/**
 * A route's preValidation hook for a feature the bank may have off: `403 feature_disabled` before the body is read
 * into anything, so a refused request changes nothing (no customer, no transfer, no stored idempotent response). It
 * runs after authentication and the rate limit, so the route answers the unauthenticated exactly as before.
 */
export function featureGate(features: BankFeatures, feature: keyof BankFeatures, refusal: string) {
  return async (): Promise<void> => {
    if (!features[feature]) throw new BankError('feature_disabled', refusal);
  };
}

export function devicePrincipal(principal: Principal | null): string {
  if (principal?.kind !== 'device') throw new Error('device route without a device principal');
  return principal.deviceId;
}

export function customerPrincipal(principal: Principal | null): number {
  if (principal?.kind !== 'customer') throw new Error('customer route without a customer principal');
  return principal.customerId;
}
