// The simulators' non-volatile record of their last operation (a real device keeps its own in firmware): one JSON
// file, replaced atomically, that start-up recovery reads to learn what the device did before a crash.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The record in `stateFile`, or null when there is none. A torn or foreign file counts as no record: recovery then
 * treats the device as unable to say, never as having done nothing.
 */
export function loadDeviceRecord<T>(stateFile: string | undefined): T | null {
  if (!stateFile || !existsSync(stateFile)) return null;
  try {
    const parsed = JSON.parse(readFileSync(stateFile, 'utf8')) as { record?: T | null };
    return parsed.record ?? null;
  } catch {
    return null;
  }
}

/** Written to a temp file, synced and renamed, so a crash leaves the old record or the new one, never half. */
export function saveDeviceRecord<T>(stateFile: string, record: T | null): void {
  mkdirSync(dirname(stateFile), { recursive: true });
  const temporary = `${stateFile}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify({ record }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, stateFile);
}
