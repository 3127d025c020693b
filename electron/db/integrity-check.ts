// SQLite's quick_check reads every page: about 1.6 s for a kiosk database holding a million transfers on a kiosk-class
// disk. Run on the main thread it would hold up start-up (and, in Electron, every IPC reply) for that long, so the
// core runs it here, on a worker thread with its own read-only connection, while the kiosk starts. The session
// service waits for the verdict before it verifies any PIN, so no money moves on a database that has not passed.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IntegrityVerdict } from './open-database.ts';

export type { IntegrityVerdict } from './open-database.ts';

const PROBLEM_CHARS_MAX = 200;

/**
 * `checkHere` runs the same check on the caller's connection; it is used when the worker cannot start (a packaging
 * fault), so the verdict is late, never missing.
 */
export function checkIntegrityInBackground(path: string, checkHere: () => IntegrityVerdict): Promise<IntegrityVerdict> {
  // The worker sits beside this file: .ts when Node runs the sources, .js in the compiled app.
  const workerUrl = new URL(`./integrity-check-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (verdict: IntegrityVerdict) => {
      if (settled) return;
      settled = true;
      resolve(verdict);
    };
    const worker = new Worker(workerUrl, { workerData: { path } });
    worker.once('message', (message: unknown) => {
      const result = typeof message === 'string' ? message : 'the check returned no result';
      finish(result === 'ok' ? { ok: true } : { ok: false, problem: result.slice(0, PROBLEM_CHARS_MAX) });
    });
    worker.once('error', () => finish(checkHere()));
    worker.once('exit', () => finish(checkHere()));
  });
}
