// Demo staff accounts, seeded once into a demo kiosk: one supervisor and one operator. Their initial passwords must be
// changed at first login; their authenticator secrets are published in the README so an authenticator app can produce
// codes. Never used outside demo mode.
import type { PinHasher } from '../cards/card-secrets.ts';
import type { Db } from '../db/open-database.ts';
import { seal } from '../staff/staff-secrets.ts';
import { createStaffRepo } from '../staff/staff-repo.ts';
import { secretFromBase32 } from '../staff/totp.ts';
import type { StaffRole } from '../../shared/ipc/staff.ts';

export type DemoStaffSeed = {
  readonly staffId: string;
  readonly displayName: string;
  readonly role: StaffRole;
  /** Passes the staff password policy; must be changed at first login. */
  readonly initialPassword: string;
  /** RFC 4648 base32, as authenticator apps take it (SHA-1, 6 digits, 30 s). */
  readonly totpSecretBase32: string;
};

export const DEMO_STAFF: readonly DemoStaffSeed[] = [
  {
    staffId: 'supervisor1',
    displayName: 'Sam Supervisor',
    role: 'supervisor',
    initialPassword: 'Kiosk-Demo-Supervisor-7Q',
    totpSecretBase32: 'NLJ7LFFCZL67YGO4SSCZANSCEK4H3ZUQ',
  },
  {
    staffId: 'operator1',
    displayName: 'Olu Operator',
    role: 'operator',
    initialPassword: 'Kiosk-Demo-Operator-4M',
    totpSecretBase32: 'HMXEBLEPHVEPCSWYYOVLDIGOONG63LLF',
  },
];

/** Seeds the demo staff when there is no staff account yet. Hashing runs before the (synchronous) transaction. */
export async function seedDemoStaffIfEmpty(
  db: Db,
  passwordHasher: PinHasher,
  staffKey: Buffer,
  nowIso: string,
): Promise<boolean> {
  const isEmpty = () => (db.prepare('SELECT count(*) AS n FROM staff_accounts').get() as { n: number }).n === 0;
  if (!isEmpty()) return false;
  const hashes = await Promise.all(DEMO_STAFF.map((staff) => passwordHasher.hash(staff.initialPassword)));
  const repo = createStaffRepo(db);
  return db.transaction(() => {
    if (!isEmpty()) return false;
    DEMO_STAFF.forEach((staff, index) => {
      repo.create(
        {
          staffId: staff.staffId,
          displayName: staff.displayName,
          role: staff.role,
          passwordHash: hashes[index] ?? '',
          totpSecretSealed: seal(staffKey, secretFromBase32(staff.totpSecretBase32), staff.staffId),
        },
        nowIso,
      );
    });
    return true;
  })();
}
