// Start-up for staff mode, for the core to call after migrating: loads (or, for a kiosk with no sealed authenticator
// yet, creates) the staff key in the OS keychain, and seeds the demo staff in demo mode.
import type { PinHasher } from '../cards/card-secrets.ts';
import type { Db } from '../db/open-database.ts';
import { seedDemoStaffIfEmpty } from '../demo/seed-demo-staff.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { createStaffRepo } from './staff-repo.ts';
import { loadStaffSecretKey } from './staff-secrets.ts';

export type StaffStartup = {
  /** AES-256-GCM key for StaffServiceDeps.staffKey. */
  readonly staffKey: Buffer;
  /** True when the demo staff were seeded just now. */
  readonly seededDemoStaff: boolean;
};

export async function prepareStaff(
  db: Db,
  store: SecretStore,
  options: { readonly mode: 'demo' | 'live'; readonly passwordHasher: PinHasher; readonly nowIso: string },
): Promise<StaffStartup> {
  // A missing key while sealed secrets exist fails closed (KioskStartupError) instead of silently minting a new one.
  const staffKey = loadStaffSecretKey(store, !createStaffRepo(db).hasSealedSecrets());
  const seededDemoStaff =
    options.mode === 'demo' ? await seedDemoStaffIfEmpty(db, options.passwordHasher, staffKey, options.nowIso) : false;
  return { staffKey, seededDemoStaff };
}
