// Unit and integration tests: Node 24, real SQLite files in temp dirs, real argon2, the real OS keychain (run
// through tests/support/with-keychain.sh, which provides one on headless Linux).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
