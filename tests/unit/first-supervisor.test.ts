// A live kiosk's first supervisor: created from the machine with the kiosk stopped, shown a one-time password once,
// and made to change it and enrol an authenticator at the first sign-in. Real SQLite, argon2 and OS keychain.
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeychainSecretStore } from '../../electron/secrets/secret-store.ts';
import { createFirstSupervisor, FirstSupervisorError } from '../../electron/staff/first-supervisor.ts';
import { type CoreFixture, createCoreFixture, TEST_KEYCHAIN_SERVICE } from '../support/kiosk-fixture.ts';

let fixture: CoreFixture | undefined;
afterEach(async () => {
  await fixture?.cleanup();
  fixture = undefined;
});

const openSecretStore = (installationId: string) => createKeychainSecretStore(installationId, TEST_KEYCHAIN_SERVICE);

async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    if (error instanceof FirstSupervisorError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the first supervisor of a live kiosk', () => {
  it('is created once with a one-time password that must be changed, and an authenticator enrolled, at first sign-in', async () => {
    fixture = createCoreFixture();
    const { dataDir } = fixture;
    expect(await refusal(createFirstSupervisor({ dataDir, openSecretStore, staffId: 'x' }))).toBe('INVALID_STAFF_ID');

    const { password } = await createFirstSupervisor({ dataDir, openSecretStore, staffId: 'branch.lead' });
    expect(password).toMatch(/^[A-HJ-NP-Za-hj-km-np-z2-9]{5}(-[A-HJ-NP-Za-hj-km-np-z2-9]{5}){3}$/);
    // Only its argon2id hash is kept: the password is in no database file.
    for (const suffix of ['', '-wal']) {
      const file = join(dataDir, `kiosk.db${suffix}`);
      if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(password))).toBe(false);
    }
    expect(await refusal(createFirstSupervisor({ dataDir, openSecretStore, staffId: 'second.lead' }))).toBe(
      'SUPERVISOR_EXISTS',
    );

    const core = await fixture.start(undefined, { mode: 'live' });
    const staff = core.handlers.staff;
    // A live kiosk has no demo staff to fall back on.
    expect(await staff.login({ staffId: 'supervisor1', password: 'Kiosk-Demo-Supervisor-7Q', totpCode: null })).toMatchObject({
      ok: false,
    });
    const signedIn = await staff.login({ staffId: 'branch.lead', password, totpCode: null });
    expect(signedIn).toMatchObject({
      ok: true,
      value: { session: { staffId: 'branch.lead', role: 'supervisor', mustChangePassword: true, mustEnrolTotp: true } },
    });
    const db = new Database(join(dataDir, 'kiosk.db'), { readonly: true });
    const created = db.prepare("SELECT staff_id, data FROM journal WHERE kind = 'staff.account_created'").all();
    db.close();
    expect(created).toEqual([
      { staff_id: null, data: JSON.stringify({ account: 'branch.lead', by: 'first_supervisor_set_up', role: 'supervisor' }) },
    ]);
  });
});
