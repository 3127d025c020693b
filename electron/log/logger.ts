// Structured JSON-lines log written from main only. Fields pass an allow-list: anything not listed is dropped, so
// a PIN, card number or secret cannot reach the log by being attached to an event by mistake.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Field names a log line may carry. Values must be short scalars; anything else is dropped. */
export const LOG_FIELDS: ReadonlySet<string> = new Set([
  'channel',
  'code',
  'state',
  'from',
  'to',
  'sessionId',
  'kioskId',
  'maskedPan',
  'cardId',
  'attempts',
  'reason',
  'durationMs',
  'version',
  'port',
  'dataDir',
  'connectionId',
  'error',
]);
const VALUE_LENGTH_MAX = 200;
export const LOG_FILE_BYTES_MAX = 5 * 1024 * 1024;
export const LOG_FILES_KEPT = 3;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export type Logger = {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
};

function redact(fields: LogFields | undefined): Record<string, string | number | boolean | null> {
  const kept: Record<string, string | number | boolean | null> = {};
  if (!fields) return kept;
  for (const [key, value] of Object.entries(fields)) {
    if (!LOG_FIELDS.has(key) || value === undefined) continue;
    kept[key] = typeof value === 'string' ? value.slice(0, VALUE_LENGTH_MAX) : value;
  }
  return kept;
}

function build(write: (line: string) => void, now: () => number): Logger {
  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    write(
      JSON.stringify({ t: new Date(now()).toISOString(), level, msg: message.slice(0, VALUE_LENGTH_MAX), ...redact(fields) }),
    );
  };
  return {
    log,
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

/** A logger appending to `<dir>/kiosk.log`, rotating by size to `kiosk.log.1` … `kiosk.log.N`. */
export function createFileLogger(dir: string, options: { now?: () => number; echo?: boolean } = {}): Logger {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'kiosk.log');
  const rotate = () => {
    for (let index = LOG_FILES_KEPT - 1; index >= 1; index--) {
      try {
        renameSync(index === 1 ? path : `${path}.${index - 1}`, `${path}.${index}`);
      } catch {
        // a missing older file is normal until the log has rotated that often
      }
    }
  };
  return build(
    (line) => {
      try {
        if (statSync(path).size + line.length > LOG_FILE_BYTES_MAX) rotate();
      } catch {
        // no file yet
      }
      appendFileSync(path, `${line}\n`);
      if (options.echo) process.stdout.write(`${line}\n`);
    },
    options.now ?? Date.now,
  );
}

/** A logger that keeps lines in memory, for tests that assert on what was logged. */
export function createMemoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return Object.assign(build((line) => lines.push(line), Date.now), { lines });
}
