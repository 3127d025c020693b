// The kiosk's bank transport over TLS with a private CA (the `bank.caCertificate` setting, inline PEM or a file
// path): it trusts a bank whose certificate that CA signed and refuses one it cannot verify. The certificate in
// tests/support/tls is a self-signed test fixture for 127.0.0.1, never used outside tests.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caCertificateOf, createHttpTransport, TransportError } from '../../electron/sync/bank-transport.ts';

const TLS_DIR = join(import.meta.dirname, '../support/tls');
const CERT_PATH = join(TLS_DIR, 'bank-test-cert.pem');

let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer({ key: readFileSync(join(TLS_DIR, 'bank-test-key.pem')), cert: readFileSync(CERT_PATH) }, (request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'ok', path: request.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v1/health`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (ca: string | null) => {
  const transport = createHttpTransport({ ca });
  return transport.send({ method: 'GET', url, headers: {}, timeoutMs: 5_000 }).finally(() => transport.close());
};

describe('bank transport over TLS', () => {
  it('trusts the bank through the configured CA, given inline or as a file path', async () => {
    for (const setting of [readFileSync(CERT_PATH, 'utf8'), CERT_PATH]) {
      const response = await get(caCertificateOf(setting));
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ status: 'ok', path: '/v1/health' });
    }
  });

  it('refuses a bank whose certificate it cannot verify (no CA configured)', async () => {
    await expect(get(null)).rejects.toBeInstanceOf(TransportError);
  });
});
