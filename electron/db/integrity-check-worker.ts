// Worker thread body for integrity-check.ts: one read-only connection, one quick_check, one message back.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { path } = workerData as { path: string };
let verdict: string;
try {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    verdict = String(db.pragma('quick_check', { simple: true }));
  } finally {
    db.close();
  }
} catch (cause) {
  verdict = `the database could not be read: ${cause instanceof Error ? cause.message : String(cause)}`;
}
parentPort?.postMessage(verdict);
