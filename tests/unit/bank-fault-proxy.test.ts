// The fault-injecting proxy in front of a real bank (tests/support/bank-server.ts) and what the bank guarantees under
// it: a money request retried with the same Idempotency-Key after any injected fault is applied exactly once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { DEMO, deviceToken, createBankClient } from '../support/bank-client.ts';
import { type FaultKind, type StartedBank, startBankServer } from '../support/bank-server.ts';

/** Fixed, so a retry carries exactly the same body (a different body under the same key is a 409). */
const OCCURRED_AT = '2026-06-01T09:00:00.000Z';

describe('bank behind the fault proxy', () => {
  let bank: StartedBank;
  let token: string;

  beforeAll(async () => {
    bank = await startBankServer({ faults: true });
    token = await deviceToken(createBankClient(bank.url), bank.deviceId, bank.deviceSecret);
  });
  afterAll(() => bank.close());
  beforeEach(() => bank.setFaults(null));

  const countOf = (transferId: string) =>
    (bank.server.bank.db.prepare('SELECT count(*) AS n FROM transfers WHERE id = ?').get(transferId) as { n: number })
      .n;

  /** One advice (deposit) attempt; resolves to the response or to the transport error's name. */
  async function send(
    transferId: string,
    timeoutMs = 5_000,
  ): Promise<{ status: number; replayed: string | null; retryAfter: string | null } | string> {
    try {
      const response = await fetch(`${bank.url}/v1/kiosk/advices`, {
        method: 'POST',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': transferId,
        },
        body: JSON.stringify({
          transferId,
          kind: 'deposit',
          standIn: false,
          cardKey: bank.cardKey(DEMO.ana.pan),
          accountNumber: DEMO.ana.checking,
          amountMinor: 700,
          currency: 'EUR',
          occurredAt: OCCURRED_AT,
        }),
      });
      await response.arrayBuffer();
      return {
        status: response.status,
        replayed: response.headers.get('idempotent-replayed'),
        retryAfter: response.headers.get('retry-after'),
      };
    } catch (error) {
      return (error as Error).name;
    }
  }

  const cases: { fault: FaultKind; appliedByFaultedAttempt: boolean }[] = [
    { fault: 'drop_before_apply', appliedByFaultedAttempt: false },
    { fault: 'destroy_after_apply', appliedByFaultedAttempt: true },
    { fault: 'delay', appliedByFaultedAttempt: true },
    { fault: 'status_5xx', appliedByFaultedAttempt: false },
    { fault: 'status_429', appliedByFaultedAttempt: false },
    { fault: 'duplicate', appliedByFaultedAttempt: true },
  ];
  for (const { fault, appliedByFaultedAttempt } of cases) {
    it(`${fault}: the retry with the same key lands exactly once`, async () => {
      bank.setFaults({ script: [fault], delayMs: 1_000, retryAfterS: 7 });
      const transferId = uuidv7();
      const first = await send(transferId, 300);
      if (fault === 'status_5xx') expect(first).toMatchObject({ status: 503 });
      else if (fault === 'status_429') expect(first).toMatchObject({ status: 429, retryAfter: '7' });
      else if (fault === 'duplicate') expect(first).toMatchObject({ status: 200, replayed: 'true' });
      else expect(typeof first).toBe('string'); // a transport error or a client timeout
      expect(countOf(transferId)).toBe(appliedByFaultedAttempt ? 1 : 0);

      const retry = await send(transferId);
      expect(retry).toMatchObject({ status: 200, replayed: String(appliedByFaultedAttempt) });
      expect(countOf(transferId)).toBe(1);
    });
  }

  it('draws faults deterministically from the seed', async () => {
    const draw = async () => {
      bank.setFaults({ seed: 42, rates: { status_5xx: 0.3, status_429: 0.3 } });
      const start = bank.faultLog.length;
      for (let index = 0; index < 12; index++) await send(uuidv7());
      return bank.faultLog.slice(start);
    };
    const first = await draw();
    expect(await draw()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });
});
