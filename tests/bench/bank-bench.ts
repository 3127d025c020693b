// Bank API benchmark (printed, never asserted): 20 autocannon connections act as 20 kiosks, each cycle an online
// withdrawal — authorise (hold) then complete (post) — with its own device token and Idempotency-Key. The baseline
// is GET /v1/health on the same server, connections and duration in the same run, so the ratio says how much of the
// HTTP stack's capacity the durable two-phase path keeps (each money request is one synchronous=FULL commit).
// Run: `node tests/bench/bank-bench.ts`, or import runBankBench().
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSecrets } from '../../bank/auth/secrets.ts';
import { buildBankServer } from '../../bank/server.ts';
import { uuidv7 } from '../../shared/ids.ts';

const KIOSKS = 20;
const DURATION_S = 5;
const CARDS = [
  { pan: '4000001234567899', account: '10000001' },
  { pan: '4000002345678906', account: '20000001' },
  { pan: '4000004567890128', account: '30000001' },
] as const;

type AutocannonRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
};
type AutocannonResult = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests?: AutocannonRequest[];
}) => Promise<AutocannonResult>;

// autocannon ships no type declarations; load it through require and give it the small shape used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function line(name: string, result: AutocannonResult): string {
  return `${name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors + result.timeouts}`;
}

export async function runBankBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atm-bank-bench-'));
  const secrets = generateSecrets();
  const server = await buildBankServer({
    storePath: join(dir, 'bank.db'),
    secrets,
    seedDemo: true,
    // 20 kiosks at full speed: the per-device limit would otherwise (correctly) throttle the benchmark.
    limits: { rateLimitMax: 1_000_000_000 },
  });
  try {
    const url = await server.listen({ host: '127.0.0.1', port: 0 });
    const tokens: string[] = [];
    for (let index = 0; index < KIOSKS; index++) {
      const deviceId = `kiosk-bench-${String(index).padStart(2, '0')}`;
      const deviceSecret = server.bank.devices.create(deviceId);
      const response = await fetch(`${url}/v1/devices/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId, deviceSecret }),
      });
      tokens.push(((await response.json()) as { accessToken: string }).accessToken);
    }
    const { createHmac } = await import('node:crypto');
    const cardKeys = CARDS.map((card) => createHmac('sha256', secrets.cardLookupKey).update(card.pan).digest('hex'));

    const health = await autocannon({ url: `${url}/v1/health`, connections: KIOSKS, duration: DURATION_S });

    let cycle = 0;
    const withdrawals = await autocannon({
      url,
      connections: KIOSKS,
      duration: DURATION_S,
      requests: [
        {
          method: 'POST',
          path: '/v1/kiosk/authorisations',
          setupRequest: (request, context) => {
            const kiosk = cycle++ % KIOSKS;
            const card = kiosk % CARDS.length;
            const transferId = uuidv7();
            context.token = tokens[kiosk];
            context.pendingId = transferId;
            return {
              ...request,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${String(context.token)}`,
                'idempotency-key': transferId,
              },
              body: JSON.stringify({
                transferId,
                cardKey: cardKeys[card],
                accountNumber: CARDS[card]?.account,
                amountMinor: 1,
                currency: 'EUR',
              }),
            };
          },
        },
        {
          method: 'POST',
          path: '/v1/kiosk/completions',
          setupRequest: (request, context) => {
            const transferId = uuidv7();
            return {
              ...request,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${String(context.token)}`,
                'idempotency-key': transferId,
              },
              body: JSON.stringify({ transferId, pendingId: context.pendingId, action: 'post', reason: 'dispensed' }),
            };
          },
        },
      ],
    });

    const sums = server.bank.ledger.sums();
    console.log(`bank bench: ${KIOSKS} connections (kiosks), ${DURATION_S} s each`);
    console.log(line('  baseline GET /v1/health', health));
    console.log(line('  authorise + complete (POST, 2 commits per withdrawal)', withdrawals));
    console.log(`  withdrawals/s: ${(withdrawals.requests.average / 2).toFixed(0)}`);
    console.log(
      `  ratio money requests/s ÷ health requests/s: ${(withdrawals.requests.average / health.requests.average).toFixed(3)}`,
    );
    console.log(`  ledger after run: Σ posted ${sums.postedMinor}, Σ pending ${sums.pendingMinor} (both must be 0)`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await runBankBench();
