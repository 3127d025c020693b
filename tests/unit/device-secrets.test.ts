// Device secrets in the real OS keychain, PIN hashing with the real argon2id and that pepper, and the kiosk
// refusing to start when the keychain is missing or has lost its secrets.
import argon2 from 'argon2';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPinHasher, panLookupKey, PIN_HASH_PARAMS } from '../../electron/cards/card-secrets.ts';
import { KioskStartupError } from '../../electron/core/kiosk-core-types.ts';
import { DEVICE_SECRET_NAMES, loadDeviceSecrets } from '../../electron/secrets/device-secrets.ts';
import { createKeychainSecretStore } from '../../electron/secrets/secret-store.ts';
import { createCoreFixture, TEST_KEYCHAIN_SERVICE } from '../support/kiosk-fixture.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function keychainFor(installationId: string) {
  const store = createKeychainSecretStore(installationId, TEST_KEYCHAIN_SERVICE);
  cleanups.push(() => DEVICE_SECRET_NAMES.forEach((name) => store.delete(name)));
  return store;
}

describe('device secrets in the OS keychain', () => {
  it('are created once for a new installation and read back unchanged after that', () => {
    const store = keychainFor(`test-${crypto.randomUUID()}`);
    const created = loadDeviceSecrets(store, true);
    expect(created.pinPepper).toHaveLength(32);
    expect(created.panHmacKey.equals(created.pinPepper)).toBe(false);
    // A second opening (even one allowed to create) must not replace them.
    const again = loadDeviceSecrets(store, true);
    expect(again.pinPepper.equals(created.pinPepper)).toBe(true);
    expect(again.panHmacKey.equals(created.panHmacKey)).toBe(true);
  });

  it('are scoped by installation, so two data dirs never share a pepper', () => {
    const first = loadDeviceSecrets(keychainFor(`test-${crypto.randomUUID()}`), true);
    const second = loadDeviceSecrets(keychainFor(`test-${crypto.randomUUID()}`), true);
    expect(first.pinPepper.equals(second.pinPepper)).toBe(false);
  });

  it('fail closed when an installation that has cards finds its secrets gone', () => {
    const store = keychainFor(`test-${crypto.randomUUID()}`);
    expect(() => loadDeviceSecrets(store, false)).toThrow(
      expect.objectContaining({ code: 'DEVICE_SECRETS_MISSING' }) as unknown as Error,
    );
    expect(store.get('pin-pepper')).toBeNull();
  });

  it('a kiosk whose keychain lost its secrets refuses to start', async () => {
    const fixture = createCoreFixture();
    cleanups.push(() => fixture.cleanup());
    await (await fixture.start()).close();
    // Remove the secrets behind the kiosk's back.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(fixture.dataDir, 'kiosk.db'));
    const { value: installationId } = db.prepare("SELECT value FROM kiosk_meta WHERE key = 'installation_id'").get() as {
      value: string;
    };
    db.close();
    const store = createKeychainSecretStore(installationId, TEST_KEYCHAIN_SERVICE);
    for (const name of DEVICE_SECRET_NAMES) store.delete(name);

    await expect(fixture.start()).rejects.toMatchObject({ code: 'DEVICE_SECRETS_MISSING' });
  });
});

describe('PIN hashing', () => {
  const pepper = Buffer.alloc(32, 1);
  const hasher = createPinHasher(pepper);

  it('stores argon2id with the chosen parameters (≥ 19 MiB) in the PHC string and never the PIN', async () => {
    const hash = await hasher.hash('482915');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=2,t=2\$/);
    expect(PIN_HASH_PARAMS.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(hash).not.toContain('482915');
    expect(await hasher.verify(hash, '482915')).toBe(true);
    expect(await hasher.verify(hash, '482916')).toBe(false);
  });

  it('needs the keychain pepper: the same hash does not verify with another secret or none', async () => {
    const hash = await hasher.hash('4921');
    expect(await createPinHasher(Buffer.alloc(32, 2)).verify(hash, '4921')).toBe(false);
    await expect(argon2.verify(hash, '4921')).resolves.toBe(false);
  });

  it('flags hashes made with weaker parameters for a rehash', async () => {
    const weak = await argon2.hash('4921', { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1, secret: pepper });
    expect(hasher.needsRehash(weak)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('4921'))).toBe(false);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await hasher.verify('not-a-hash', '4921')).toBe(false);
  });

  it('keys card numbers with HMAC: same key, same lookup; different key, different lookup', () => {
    const key = Buffer.alloc(32, 3);
    expect(panLookupKey(key, '4000001234567899')).toBe(panLookupKey(key, '4000001234567899'));
    expect(panLookupKey(key, '4000001234567899')).toMatch(/^[0-9a-f]{64}$/);
    expect(panLookupKey(Buffer.alloc(32, 4), '4000001234567899')).not.toBe(panLookupKey(key, '4000001234567899'));
  });
});

describe('without an OS keychain', () => {
  it('the kiosk refuses to start with a clear message', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atm-nokeychain-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const cli = resolve(import.meta.dirname, '../../electron/browser-host/cli.ts');
    const result = spawnSync(process.execPath, [cli, '--data-dir', dataDir, '--port', '0'], {
      // No session bus: no Secret Service, as on a machine without a keychain.
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ATM Kiosk cannot start: The OS keychain');
    expect(result.stdout).not.toContain('"ready":true');
  });

  it('a secret store that cannot be reached raises SECRET_STORE_UNAVAILABLE, not a silent fallback', () => {
    const store = {
      get: () => null,
      set: () => {
        throw new KioskStartupError('SECRET_STORE_UNAVAILABLE', 'no keychain');
      },
      delete: () => undefined,
    };
    expect(() => loadDeviceSecrets(store, true)).toThrow(expect.objectContaining({ code: 'SECRET_STORE_UNAVAILABLE' }) as unknown as Error);
  });
});
