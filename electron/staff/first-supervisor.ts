// The first supervisor of a live kiosk. A live kiosk seeds no staff (the demo accounts' passwords and authenticator
// secrets are published), so whoever installs it creates the first supervisor from the machine itself, with the kiosk
// stopped: `atm-kiosk --create-supervisor <staff id>` (the installed app) or `scripts/create-supervisor.ts` (a source
// checkout). The one-time password is shown once on that console; at first sign-in the supervisor must replace it and
// enrol an authenticator, and from then on adds every other staff member in staff mode.
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { StaffIdSchema } from '../../shared/ipc/staff.ts';
import { createPinHasher } from '../cards/card-secrets.ts';
import { migrate } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';
import { openDatabase } from '../db/open-database.ts';
import { createJournal } from '../journal/journal.ts';
import { loadDeviceSecrets } from '../secrets/device-secrets.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { installationIdOf } from '../sync/provisioning.ts';
import { passwordPolicyViolation } from './password-policy.ts';
import { createStaffRepo } from './staff-repo.ts';

/** 4 groups of 5 from an alphabet without look-alikes (no 0/O, 1/l/I): about 98 bits, easy to type once. */
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ONE_TIME_GROUPS = 4;
const ONE_TIME_GROUP_LENGTH = 5;

export class FirstSupervisorError extends Error {
  readonly code: 'INVALID_STAFF_ID' | 'SUPERVISOR_EXISTS';
  constructor(code: FirstSupervisorError['code'], message: string) {
    super(message);
    this.name = 'FirstSupervisorError';
    this.code = code;
  }
}

export type FirstSupervisorOptions = {
  readonly dataDir: string;
  readonly openSecretStore: (installationId: string) => SecretStore;
  readonly staffId: string;
  readonly now?: () => number;
};

function oneTimePassword(staffId: string): string {
  for (;;) {
    const groups = Array.from({ length: ONE_TIME_GROUPS }, () =>
      Array.from({ length: ONE_TIME_GROUP_LENGTH }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join(
        '',
      ),
    );
    const password = groups.join('-');
    // Random text passes the policy all but never; drawing again keeps the rule in one place.
    if (passwordPolicyViolation(password, staffId) === null) return password;
  }
}

/**
 * Creates the kiosk's first supervisor and returns its one-time password. Refuses when any supervisor exists (then
 * staff mode is the way to add or reset accounts). Creates the device secrets in the keychain on a fresh install,
 * exactly as the kiosk's first start would.
 */
export async function createFirstSupervisor(options: FirstSupervisorOptions): Promise<{ readonly password: string }> {
  const now = options.now ?? Date.now;
  if (!StaffIdSchema.safeParse(options.staffId).success) {
    throw new FirstSupervisorError('INVALID_STAFF_ID', 'A staff id is 3 to 32 letters, digits, dots, dashes or underscores.');
  }
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, 'kiosk.db'));
  try {
    migrate(db, migrations);
    const repo = createStaffRepo(db);
    if (repo.list().some((account) => account.role === 'supervisor')) {
      throw new FirstSupervisorError(
        'SUPERVISOR_EXISTS',
        'This kiosk already has a supervisor: add or reset staff accounts in staff mode.',
      );
    }
    const hasCards = (db.prepare('SELECT count(*) AS n FROM cards').get() as { n: number }).n > 0;
    const secrets = loadDeviceSecrets(options.openSecretStore(installationIdOf(db)), !hasCards);
    const password = oneTimePassword(options.staffId);
    const passwordHash = await createPinHasher(secrets.pinPepper).hash(password);
    const journal = createJournal(db, { now });
    db.transaction(() => {
      // Created with no authenticator and a password to change: the first sign-in enrols both.
      repo.create(
        {
          staffId: options.staffId,
          displayName: options.staffId,
          role: 'supervisor',
          passwordHash,
          totpSecretSealed: null,
        },
        new Date(now()).toISOString(),
      );
      journal.append({
        kind: 'staff.account_created',
        staffId: null,
        data: { account: options.staffId, role: 'supervisor', by: 'first_supervisor_set_up' },
      });
    })();
    return { password };
  } finally {
    db.close();
  }
}
