// Starts a real reference bank for a test: a temp data dir with a real SQLite file, real argon2 (cheap test costs),
// a registered device, listening on 127.0.0.1:0; a demo bank by default (demo customers, demo features on). Optionally puts a fault-injecting HTTP proxy in front of it
// (deterministic from a seed): drop before apply, apply then destroy the socket, delay past a client timeout,
// 5xx, 429 with Retry-After, duplicate delivery. The kiosk sync engine's tests use this too.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HashParams } from '../../bank/auth/hashing.ts';
import { type BankSecrets, cardKeyOf, generateSecrets } from '../../bank/auth/secrets.ts';
import { type BankFeatures, type BankLimits, DEMO_FEATURES } from '../../bank/config.ts';
import { type BankClock, type BankServer, buildBankServer } from '../../bank/server.ts';

/** Real argon2id at a cost that keeps the suite fast; production code defaults to the strong parameters. */
export const TEST_HASH_PARAMS: HashParams = { memoryCost: 4_096, timeCost: 1, parallelism: 1 };

export type FaultKind =
  'pass' | 'drop_before_apply' | 'destroy_after_apply' | 'delay' | 'status_5xx' | 'status_429' | 'duplicate';

export type FaultPlan = {
  /** Seed of the PRNG that draws faults by `rates`; same seed → same faults for the same request sequence. */
  readonly seed?: number;
  /** Faults consumed one per matching request, in order, before `rates` applies. */
  readonly script?: readonly FaultKind[];
  /** Probability of each fault per matching request (checked in this object's key order). */
  readonly rates?: Partial<Record<Exclude<FaultKind, 'pass'>, number>>;
  /** Which requests may be faulted (default: every request except the device token endpoint). */
  readonly match?: (method: string, path: string) => boolean;
  /** For 'delay': how long the (already applied) response is held back. */
  readonly delayMs?: number;
  /** For 'delay': hold the (already applied) response until this settles instead (a test's gate; no sleeps). */
  readonly until?: Promise<unknown>;
  /** For 'delay': called once the bank has answered and its response is being held. */
  readonly onHeld?: () => void;
  /** For 'status_429': the Retry-After seconds sent. */
  readonly retryAfterS?: number;
};

export type StartBankOptions = {
  readonly clock?: BankClock;
  readonly limits?: Partial<BankLimits>;
  readonly trustedProxies?: readonly string[];
  readonly seedDemo?: boolean;
  /**
   * The demo bank's endpoints (open registration, customer deposits/withdrawals) are on unless given here; `{}` is
   * the server's own default, every one off.
   */
  readonly features?: Partial<BankFeatures>;
  readonly deviceId?: string;
  /** Extra devices to register (ids) — their secrets are in `devices`. */
  readonly extraDeviceIds?: readonly string[];
  /** Put the fault proxy in front (url then points at the proxy); a plan may also be set later with setFaults. */
  readonly faults?: FaultPlan | true;
  /** Captures the server's log lines (JSON) for assertions; otherwise the server is silent. */
  readonly captureLogs?: boolean;
};

export type StartedBank = {
  /** Base URL the client should use (the fault proxy when enabled, else the bank itself). */
  readonly url: string;
  /** The bank itself, bypassing the proxy. */
  readonly bankUrl: string;
  readonly deviceId: string;
  readonly deviceSecret: string;
  readonly devices: Readonly<Record<string, string>>;
  readonly secrets: BankSecrets;
  readonly dataDir: string;
  readonly server: BankServer;
  /** cardKey = HMAC(card lookup key, PAN), as a provisioned kiosk computes it. */
  cardKey(pan: string): string;
  /** Log lines written so far (captureLogs only). */
  logs(): string;
  /** Replaces the fault plan (null = pass everything). Only with the proxy. */
  setFaults(plan: FaultPlan | null): void;
  /** Faults applied so far, one per proxied request. */
  readonly faultLog: FaultKind[];
  close(): Promise<void>;
};

/** mulberry32: tiny, seedable, good enough to pick faults deterministically. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PROXY_BODY_MAX = 1024 * 1024;
const HOP_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'content-encoding',
]);

type Forwarded = { status: number; headers: Record<string, string>; body: Buffer };

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > PROXY_BODY_MAX) request.destroy(new Error('proxy body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function startFaultProxy(target: string, initial: FaultPlan | null, faultLog: FaultKind[]) {
  let plan = initial;
  let random = seededRandom(plan?.seed ?? 1);
  let script = [...(plan?.script ?? [])];

  const decide = (method: string, path: string): FaultKind => {
    if (!plan) return 'pass';
    const match = plan.match ?? ((_m: string, p: string) => !p.startsWith('/v1/devices/token'));
    if (!match(method, path)) return 'pass';
    const scripted = script.shift();
    if (scripted) return scripted;
    for (const [kind, rate] of Object.entries(plan.rates ?? {})) {
      if (random() < (rate ?? 0)) return kind as FaultKind;
    }
    return 'pass';
  };

  const forward = async (request: IncomingMessage, body: Buffer): Promise<Forwarded> => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (!HOP_HEADERS.has(name) && typeof value === 'string') headers[name] = value;
    }
    const response = await fetch(`${target}${request.url ?? '/'}`, {
      method: request.method ?? 'GET',
      headers,
      body: body.length > 0 ? body : undefined,
    });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name)) out[name] = value;
    });
    return { status: response.status, headers: out, body: Buffer.from(await response.arrayBuffer()) };
  };

  const reply = (response: ServerResponse, forwarded: Forwarded) => {
    response.writeHead(forwarded.status, { ...forwarded.headers, 'content-length': String(forwarded.body.length) });
    response.end(forwarded.body);
  };

  const errorJson = (code: string, message: string) => Buffer.from(JSON.stringify({ error: { code, message } }));

  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const fault = decide(request.method ?? 'GET', request.url ?? '/');
      // The plan that chose the fault also shapes it, even if a test replaces the plan meanwhile.
      const chosenBy = plan;
      faultLog.push(fault);
      switch (fault) {
        case 'drop_before_apply':
          request.socket.destroy();
          return;
        case 'status_5xx':
          reply(response, {
            status: 503,
            headers: { 'content-type': 'application/json' },
            body: errorJson('internal', 'Injected fault.'),
          });
          return;
        case 'status_429':
          reply(response, {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': String(plan?.retryAfterS ?? 1) },
            body: errorJson('rate_limited', 'Injected rate limit.'),
          });
          return;
        case 'destroy_after_apply':
          await forward(request, body);
          request.socket.destroy();
          return;
        case 'delay': {
          const forwarded = await forward(request, body);
          chosenBy?.onHeld?.();
          const until = chosenBy?.until;
          if (until) await until.catch(() => undefined);
          else await new Promise((resolve) => setTimeout(resolve, chosenBy?.delayMs ?? 2_000));
          if (!response.destroyed && !request.socket.destroyed) reply(response, forwarded);
          return;
        }
        case 'duplicate': {
          await forward(request, body);
          reply(response, await forward(request, body));
          return;
        }
        case 'pass':
          reply(response, await forward(request, body));
      }
    })().catch(() => request.socket.destroy());
  });

  return {
    server,
    setPlan(next: FaultPlan | null) {
      plan = next;
      random = seededRandom(next?.seed ?? 1);
      script = [...(next?.script ?? [])];
    },
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

export async function startBankServer(options: StartBankOptions = {}): Promise<StartedBank> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atm-bank-'));
  const secrets = generateSecrets();
  let logText = '';
  const server = await buildBankServer({
    storePath: join(dataDir, 'bank.db'),
    secrets,
    clock: options.clock,
    limits: options.limits,
    trustedProxies: options.trustedProxies,
    seedDemo: options.seedDemo ?? true,
    features: options.features ?? DEMO_FEATURES,
    hashing: { password: TEST_HASH_PARAMS, pin: TEST_HASH_PARAMS },
    logger: options.captureLogs
      ? { level: 'debug', stream: { write: (line: string) => void (logText += line) } }
      : false,
  });
  const deviceId = options.deviceId ?? 'kiosk-test-01';
  const devices: Record<string, string> = { [deviceId]: server.bank.devices.create(deviceId) };
  for (const extra of options.extraDeviceIds ?? []) devices[extra] = server.bank.devices.create(extra);
  const bankUrl = await server.listen({ host: '127.0.0.1', port: 0 });

  const faultLog: FaultKind[] = [];
  const proxy = options.faults
    ? startFaultProxy(bankUrl, options.faults === true ? null : options.faults, faultLog)
    : null;
  const url = proxy ? await listen(proxy.server) : bankUrl;

  return {
    url,
    bankUrl,
    deviceId,
    deviceSecret: devices[deviceId] ?? '',
    devices,
    secrets,
    dataDir,
    server,
    cardKey: (pan) => cardKeyOf(secrets.cardLookupKey, pan),
    logs: () => logText,
    setFaults(plan) {
      if (!proxy) throw new Error('startBankServer({ faults }) to use the fault proxy');
      proxy.setPlan(plan);
    },
    faultLog,
    async close() {
      if (proxy) {
        proxy.server.closeAllConnections();
        await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
      }
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
