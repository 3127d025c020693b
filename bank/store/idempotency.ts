// Exactly-once requests: a money-moving request is identified by (scope, Idempotency-Key). The operation and the
// stored response commit in the same synchronous transaction, so a retry either finds the stored response (same
// body → same answer, different body → idempotency_key_reused) or runs the operation for the first time. Refusals
// (thrown BankErrors) roll everything back and are not stored: nothing happened, so a retry is judged afresh.
// Stored responses are pruned once older than the retention (bank/config.ts): only rows whose first answer is past
// it, so every retry inside the retention still gets its stored answer. A money movement retried later still cannot
// book twice (transfer ids are unique in the ledger); it gets a refusal instead of the stored answer.
import { createHash } from 'node:crypto';
import { BankError } from '../errors.ts';
import type { Db } from './open-store.ts';

export type StoredResponse = { readonly status: number; readonly body: unknown; readonly replayed: boolean };

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** SHA-256 of the operation name and the parsed request (keys sorted), so key order and spacing never matter. */
export function requestHash(operation: string, request: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([operation, canonical(request)]))
    .digest('hex');
}

export function createIdempotencyStore(db: Db, now: () => number) {
  const select = db.prepare<
    { scope: string; key: string },
    { request_hash: string; status_code: number; response_json: string }
  >('SELECT request_hash, status_code, response_json FROM idempotency_keys WHERE scope = @scope AND key = @key');
  const insert = db.prepare<{ scope: string; key: string; hash: string; status: number; json: string; at: number }>(
    `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response_json, created_at_ms)
     VALUES (@scope, @key, @hash, @status, @json, @at)`,
  );
  const pruneOldest = db.prepare<{ before: number; limit: number }>(
    `DELETE FROM idempotency_keys WHERE (scope, key) IN (
       SELECT scope, key FROM idempotency_keys WHERE created_at_ms < @before ORDER BY created_at_ms LIMIT @limit)`,
  );

  const runInTransaction = db.transaction(
    (scope: string, key: string, hash: string, operation: () => { status: number; body: unknown }): StoredResponse => {
      const stored = select.get({ scope, key });
      if (stored) {
        if (stored.request_hash !== hash) {
          throw new BankError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
        }
        return { status: stored.status_code, body: JSON.parse(stored.response_json) as unknown, replayed: true };
      }
      const result = operation();
      insert.run({ scope, key, hash, status: result.status, json: JSON.stringify(result.body), at: Math.floor(now()) });
      return { ...result, replayed: false };
    },
  );

  return {
    /** Runs `operation` once per (scope, key) inside one IMMEDIATE transaction; never call with async work inside. */
    run(scope: string, key: string, hash: string, operation: () => { status: number; body: unknown }): StoredResponse {
      return runInTransaction.immediate(scope, key, hash, operation);
    },

    /** Deletes at most `limit` stored responses first answered before `beforeMs`, oldest first; returns how many. */
    pruneAnsweredBefore(beforeMs: number, limit: number): number {
      return pruneOldest.run({ before: beforeMs, limit }).changes;
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
