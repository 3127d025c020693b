// The staff "export diagnostics" bundle: one JSON-lines file under <dataDir>/diagnostics/ with a manifest, versions,
// the journal verify result, the settings and the newest log lines. Everything in it passes an allow-list (settings
// paths, log fields), every string is scrubbed of card-number-shaped digit runs, and every part has a size limit.
//
// Why JSON lines and not a zip: no archive dependency, a bundle is readable and greppable as it is, and each log
// line stays one line. The manifest comes first and carries the SHA-256 of the lines after it.
import { LOG_FIELDS } from '../log/logger.ts';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import type { JournalVerifyResult } from '../journal/journal-chain.ts';
import { LOG_FILES_KEPT } from '../log/logger.ts';
import type { KioskSettings } from '../settings/kiosk-settings.ts';

export const DIAGNOSTICS_DIR = 'diagnostics';
export const DIAGNOSTICS_FORMAT = 'atm-kiosk-diagnostics';
export const DIAGNOSTICS_FORMAT_VERSION = 1;
/** Log bytes a bundle carries at most (newest first); the logger keeps up to 3 × 5 MiB, which is more than staff mail. */
export const DIAGNOSTICS_LOG_BYTES_MAX = 2 * 1024 * 1024;
/** Older bundles beyond this many are deleted when a new one is written. */
export const DIAGNOSTICS_BUNDLES_KEPT = 5;
/** A log line longer than this was not written by the logger (it caps values at 200 characters) and is dropped. */
const LOG_LINE_LENGTH_MAX = 8 * 1024;
const STRING_LENGTH_MAX = 200;
/** Names of left-out settings the manifest lists at most. */
const SETTINGS_OMITTED_LISTED_MAX = 100;
const LOG_FILE = 'kiosk.log';
const LOG_LEVELS = new Set(['debug', 'info', 'warn', 'error']);
/**
 * Fields a log line may carry into the bundle: the logger's own allow-list and its t/level/msg. Checked again here
 * because the bundle must not trust whatever sits in the logs folder.
 */
export const DIAGNOSTICS_LOG_FIELDS: ReadonlySet<string> = new Set(['t', 'level', 'msg', ...LOG_FIELDS]);
/** Card numbers are 12–19 digits, maybe grouped: any such run in any string is removed. */
const CARD_NUMBER_SHAPE = /\d(?:[ -]?\d){11,18}/g;
/**
 * PINs are 4–12 digits and look like any other number, so in the log's free-text fields every run of 4 or more
 * digits goes. The fields listed here hold ids, times and versions the kiosk makes itself (and the last 4 of a
 * masked card number), never customer input, and keep their digits.
 */
const DIGIT_RUN_SHAPE = /\d{4,}/g;
const GENERATED_LOG_FIELDS = new Set([
  't',
  'level',
  'sessionId',
  'kioskId',
  'cardId',
  'connectionId',
  'maskedPan',
  'version',
]);
const REMOVED_DIGITS = '[digits removed]';

/** How a setting goes into the bundle: as it is, as set/not set, or as the origin of a URL (no credentials/path). */
type SettingRule = 'value' | 'presence' | 'origin';
type ExportRules<T> = {
  readonly [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[]
    ? SettingRule
    : NonNullable<T[K]> extends object
      ? ExportRules<NonNullable<T[K]>>
      : SettingRule;
};

/**
 * Every setting, named: a new setting fails to compile until someone decides how it is exported. Anything present
 * at run time and not named here is left out (its path is listed in the manifest).
 */
export const SETTINGS_EXPORT_RULES = {
  currency: 'value',
  withdrawalMaxMinor: 'value',
  dailyWithdrawalMaxMinor: 'value',
  dailyWithdrawalCountMax: 'value',
  dailyTransferMaxMinor: 'value',
  transferFeeMinor: 'value',
  fastCashPresetsMinor: 'value',
  depositImmediateMinor: 'value',
  depositHoldMs: 'value',
  depositNotesMax: 'value',
  pinLengthMin: 'value',
  pinLengthMax: 'value',
  manualCardEntry: 'value',
  inactivityTimeoutMs: 'value',
  endScreenMs: 'value',
  cashTakeTimeoutMs: 'value',
  cardTakeTimeoutMs: 'value',
  shuffledPinKeypad: 'value',
  receiptPrinterName: 'value',
  staffDualControl: 'value',
  staffIdleTimeoutMs: 'value',
  bank: {
    url: 'origin',
    deviceId: 'value',
    // PEM text or a file path: which CA the kiosk trusts is configuration staff can read elsewhere.
    caCertificate: 'presence',
    authoriseTimeoutMs: 'value',
    requestTimeoutMs: 'value',
    standInPerCardMinor: 'value',
    standInPerKioskMinor: 'value',
    pullIntervalMs: 'value',
    retryBaseMs: 'value',
    retryMaxMs: 'value',
  },
} as const satisfies ExportRules<KioskSettings>;

export type DiagnosticsBundleOptions = {
  readonly dataDir: string;
  /** The journal's hash-chain check (Journal.verify); a throw is recorded as a failed check. */
  readonly journalVerify: () => JournalVerifyResult;
  /** The effective settings; only what SETTINGS_EXPORT_RULES names leaves the kiosk. */
  readonly settings: object;
  /** The app's version. */
  readonly version: string;
  readonly now: () => number;
  /** Default `<dataDir>/logs`. */
  readonly logsDir?: string;
  readonly logBytesMax?: number;
  readonly bundlesKept?: number;
};

export type DiagnosticsManifest = {
  readonly kind: 'manifest';
  readonly format: typeof DIAGNOSTICS_FORMAT;
  readonly formatVersion: typeof DIAGNOSTICS_FORMAT_VERSION;
  readonly createdAt: string;
  readonly appVersion: string;
  readonly journalOk: boolean;
  readonly logs: {
    readonly files: ReadonlyArray<{ readonly name: string; readonly lines: number; readonly dropped: number }>;
    readonly bytesMax: number;
    /** True when older lines were left out to stay within bytesMax. */
    readonly truncated: boolean;
  };
  /** Setting paths present but not on the allow-list (names only). */
  readonly settingsOmitted: readonly string[];
  /** Lines after the manifest, and the SHA-256 (hex) of those lines joined with "\n" plus a final "\n". */
  readonly contentLines: number;
  readonly contentSha256: string;
};

export type DiagnosticsBundle = {
  readonly path: string;
  readonly bytes: number;
  readonly manifest: DiagnosticsManifest;
};

type Scalar = string | number | boolean | null;

function scrub(text: string): string {
  return text.slice(0, STRING_LENGTH_MAX).replace(CARD_NUMBER_SHAPE, REMOVED_DIGITS);
}

function scalarOrNull(value: unknown): Scalar | undefined {
  if (typeof value === 'string') return scrub(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  return undefined;
}

function exportSetting(rule: SettingRule, value: unknown): unknown {
  if (rule === 'presence') return value === null || value === undefined || value === '' ? 'not set' : 'set';
  if (rule === 'origin') {
    if (typeof value !== 'string') return value === null ? null : 'not a URL';
    try {
      const url = new URL(value);
      return `${url.protocol}//${url.host}`;
    } catch {
      return 'not a URL';
    }
  }
  if (Array.isArray(value)) {
    const items = value.map(scalarOrNull);
    return items.every((item) => item !== undefined) ? items : 'not a list of plain values';
  }
  const scalar = scalarOrNull(value);
  return scalar === undefined ? 'not a plain value' : scalar;
}

/** Walks the rules over the settings: named paths exported by their rule, other present paths listed as omitted. */
function exportSettings(
  settings: unknown,
  rules: Readonly<Record<string, unknown>>,
  prefix: string,
  omitted: string[],
): Record<string, unknown> {
  const source = settings !== null && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
  const exported: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(rules)) {
    if (!(key in source)) continue;
    exported[key] =
      typeof rule === 'string'
        ? exportSetting(rule as SettingRule, source[key])
        : exportSettings(source[key], rule as Record<string, unknown>, `${prefix}${key}.`, omitted);
  }
  for (const key of Object.keys(source)) {
    if (!(key in rules)) omitted.push(scrub(`${prefix}${key}`));
  }
  return exported;
}

/**
 * The last `bytes` of a file as lines, starting at a line boundary (a partial first line is dropped); `cut` says
 * whether anything before them was left unread.
 */
function readTail(path: string, bytes: number): { lines: string[]; cut: boolean } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { lines: [], cut: false };
  }
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    let read = 0;
    while (read < buffer.length) {
      const count = readSync(fd, buffer, read, buffer.length - read, start + read);
      if (count === 0) break;
      read += count;
    }
    const lines = buffer.subarray(0, read).toString('utf8').split('\n');
    if (start > 0) lines.shift();
    return { lines: lines.filter((line) => line !== ''), cut: start > 0 };
  } finally {
    closeSync(fd);
  }
}

/** A log line re-checked against the allow-list: null when it is not a logger line at all. */
function cleanLogLine(line: string): Record<string, Scalar> | null {
  if (line.length > LOG_LINE_LENGTH_MAX) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  if (typeof record.t !== 'string' || typeof record.msg !== 'string' || !LOG_LEVELS.has(String(record.level)))
    return null;
  const kept: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(record)) {
    const scalar = DIAGNOSTICS_LOG_FIELDS.has(key) ? scalarOrNull(value) : undefined;
    if (scalar === undefined) continue;
    kept[key] =
      typeof scalar === 'string' && !GENERATED_LOG_FIELDS.has(key)
        ? scalar.replace(DIGIT_RUN_SHAPE, REMOVED_DIGITS)
        : scalar;
  }
  return kept;
}

/** Newest lines first until the byte budget is spent, returned oldest first per file and files oldest first. */
function collectLogs(logsDir: string, bytesMax: number) {
  const names = [LOG_FILE, ...Array.from({ length: LOG_FILES_KEPT - 1 }, (_, index) => `${LOG_FILE}.${index + 1}`)];
  let budget = bytesMax;
  let truncated = false;
  const files: Array<{ name: string; lines: number; dropped: number }> = [];
  const records: string[][] = [];
  for (const name of names) {
    const path = join(logsDir, name);
    if (budget <= 0) {
      truncated ||= existsSync(path);
      continue;
    }
    // The wrapper adds bytes to each line, so this much file always fills the budget.
    const tail = readTail(path, budget);
    truncated ||= tail.cut;
    const kept: string[] = [];
    let dropped = 0;
    for (let index = tail.lines.length - 1; index >= 0; index--) {
      const entry = cleanLogLine(tail.lines[index] ?? '');
      if (!entry) {
        dropped += 1;
        continue;
      }
      const record = JSON.stringify({ kind: 'log', file: name, entry });
      const bytes = Buffer.byteLength(record) + 1;
      if (bytes > budget) {
        truncated = true;
        budget = 0;
        break;
      }
      budget -= bytes;
      kept.push(record);
    }
    if (tail.lines.length > 0) files.push({ name, lines: kept.length, dropped });
    records.push(kept.reverse());
  }
  return { files: files.reverse(), lines: records.reverse().flat(), truncated };
}

function journalSection(journalVerify: () => JournalVerifyResult): { ok: boolean; record: Record<string, unknown> } {
  try {
    const result = journalVerify();
    const record = result.ok
      ? { ok: true, rows: result.rows }
      : { ok: false, brokenAtSeq: result.brokenAtSeq, reason: scrub(String(result.reason)) };
    return { ok: result.ok, record };
  } catch (error) {
    // Only the error's class: its message could quote anything.
    return { ok: false, record: { ok: false, error: error instanceof Error ? scrub(error.name) : 'non-error thrown' } };
  }
}

function versions(appVersion: string): Record<string, Scalar> {
  return {
    app: scrub(appVersion),
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
    v8: process.versions.v8,
    napi: process.versions.napi ?? null,
    platform: platform(),
    arch: arch(),
    osRelease: scrub(release()),
  };
}

/** Deletes the oldest bundles so at most `kept` remain (names sort by their timestamp). */
function pruneBundles(dir: string, kept: number): void {
  const bundles = readdirSync(dir)
    .filter((name) => name.startsWith('diagnostics-') && name.endsWith('.jsonl'))
    .sort();
  for (const name of bundles.slice(0, Math.max(0, bundles.length - kept))) rmSync(join(dir, name), { force: true });
}

/** Writes a new bundle (atomically: a reader never sees half a file) and returns where it is and what it holds. */
export function createDiagnosticsBundle(options: DiagnosticsBundleOptions): DiagnosticsBundle {
  const createdAt = new Date(options.now()).toISOString();
  const logBytesMax = options.logBytesMax ?? DIAGNOSTICS_LOG_BYTES_MAX;
  const logs = collectLogs(options.logsDir ?? join(options.dataDir, 'logs'), logBytesMax);
  const journal = journalSection(options.journalVerify);
  const settingsOmitted: string[] = [];
  const settings = exportSettings(options.settings, SETTINGS_EXPORT_RULES, '', settingsOmitted);

  const content = [
    JSON.stringify({ kind: 'versions', versions: versions(options.version) }),
    JSON.stringify({ kind: 'journalVerify', result: journal.record }),
    JSON.stringify({ kind: 'settings', settings }),
    ...logs.lines,
  ];
  const body = `${content.join('\n')}\n`;
  const manifest: DiagnosticsManifest = {
    kind: 'manifest',
    format: DIAGNOSTICS_FORMAT,
    formatVersion: DIAGNOSTICS_FORMAT_VERSION,
    createdAt,
    appVersion: scrub(options.version),
    journalOk: journal.ok,
    logs: { files: logs.files, bytesMax: logBytesMax, truncated: logs.truncated },
    settingsOmitted: settingsOmitted.sort().slice(0, SETTINGS_OMITTED_LISTED_MAX),
    contentLines: content.length,
    contentSha256: createHash('sha256').update(body).digest('hex'),
  };
  const text = `${JSON.stringify(manifest)}\n${body}`;

  const dir = join(options.dataDir, DIAGNOSTICS_DIR);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `diagnostics-${createdAt.replace(/[:.]/g, '-')}.jsonl`);
  const partial = `${path}.partial`;
  writeFileSync(partial, text, { mode: 0o600 });
  renameSync(partial, path);
  pruneBundles(dir, options.bundlesKept ?? DIAGNOSTICS_BUNDLES_KEPT);
  return { path, bytes: Buffer.byteLength(text), manifest };
}
