// A tiny fetch client for bank tests: JSON in/out, bearer token, Idempotency-Key, and an optional recorder so a
// test can check every response against the OpenAPI document afterwards.
import type { ErrorBody, TokenPair } from '../../shared/bank-api/index.ts';
import type { DeviceTokenResponse } from '../../shared/bank-api/index.ts';

/** A success body type, or the error envelope when the status says so. */
export type OrError<T> = T & Partial<ErrorBody>;

export type RecordedExchange = { method: string; path: string; status: number; contentType: string; body: unknown };

export type BankResponse<T> = { status: number; headers: Headers; body: T };

export type RequestOptions = {
  token?: string;
  body?: unknown;
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** Raw body text (sent as-is with the given content-type header). */
  raw?: string;
};

export function createBankClient(baseUrl: string, recorded?: RecordedExchange[]) {
  async function request<T = ErrorBody>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<BankResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const contentType = response.headers.get('content-type') ?? '';
    let parsed: unknown;
    if (contentType.includes('application/json')) parsed = await response.json();
    else if (contentType.includes('application/pdf')) parsed = Buffer.from(await response.arrayBuffer());
    else parsed = await response.text();
    recorded?.push({ method, path: path.split('?')[0] ?? path, status: response.status, contentType, body: parsed });
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
  return {
    request,
    get: <T = ErrorBody>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
    post: <T = ErrorBody>(path: string, options?: RequestOptions) => request<T>('POST', path, options),
    patch: <T = ErrorBody>(path: string, options?: RequestOptions) => request<T>('PATCH', path, options),
  };
}

export type BankClient = ReturnType<typeof createBankClient>;

export async function deviceToken(client: BankClient, deviceId: string, deviceSecret: string): Promise<string> {
  const response = await client.post<DeviceTokenResponse>('/v1/devices/token', { body: { deviceId, deviceSecret } });
  if (response.status !== 200) throw new Error(`device token: ${response.status}`);
  return response.body.accessToken;
}

export async function customerLogin(client: BankClient, email: string, password: string): Promise<TokenPair> {
  const response = await client.post<TokenPair>('/v1/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login: ${response.status}`);
  return response.body;
}

export const DEMO = {
  ana: {
    email: 'ana@demo.bank.test',
    password: 'ana-demo-password',
    checking: '10000001',
    savings: '10000002',
    pan: '4000001234567899',
  },
  ben: {
    email: 'ben@demo.bank.test',
    password: 'ben-demo-password',
    checking: '20000001',
    pan: '4000002345678906',
    blockedPan: '4000003456789011',
  },
  chloe: {
    email: 'chloe@demo.bank.test',
    password: 'chloe-demo-password',
    checking: '30000001',
    pan: '4000004567890128',
    expiredPan: '4000005678901233',
  },
} as const;
