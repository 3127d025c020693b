// `npm run create-supervisor -- --staff-id <id> [--data-dir DIR]`: the first supervisor of a live kiosk run from a
// source checkout (the browser host with `--mode live`). The installed app does the same with
// `atm-kiosk --create-supervisor <id>`. Run it with the kiosk stopped; the one-time password is printed once.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KioskStartupError } from '../electron/core/kiosk-core-types.ts';
import { createKeychainSecretStore } from '../electron/secrets/secret-store.ts';
import { createFirstSupervisor, FirstSupervisorError } from '../electron/staff/first-supervisor.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: process.env.ATM_DATA_DIR ?? join(repoRoot, '.data', 'kiosk') },
    'staff-id': { type: 'string' },
  },
});

try {
  const staffId = values['staff-id'] ?? '';
  const { password } = await createFirstSupervisor({
    dataDir: values['data-dir'],
    openSecretStore: (installationId) => createKeychainSecretStore(installationId),
    staffId,
  });
  process.stdout.write(`Supervisor "${staffId}" created. One-time password (shown once): ${password}\n`);
} catch (error) {
  if (!(error instanceof FirstSupervisorError || error instanceof KioskStartupError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
