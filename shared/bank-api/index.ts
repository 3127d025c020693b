// The bank API wire contract (zod), imported by the bank server (bank/) and the kiosk's sync engine alike. Pure
// TypeScript + zod: no Node, no Fastify.
export * from './common.ts';
export * from './customer.ts';
export * from './device.ts';
export * from './errors.ts';
export * from './kiosk.ts';
