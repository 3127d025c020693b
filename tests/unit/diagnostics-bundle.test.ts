// The staff diagnostics bundle: one JSON-lines file with a manifest, versions, the journal check, settings through
// an allow-list and the newest log lines; a canary proves no PIN, card number or secret gets in, and it is bounded.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DIAGNOSTICS_DIR,
  DIAGNOSTICS_LOG_FIELDS,
  type DiagnosticsBundle,
  type DiagnosticsBundleOptions,
  createDiagnosticsBundle,
} from '../../electron/diagnostics/diagnostics-bundle.ts';
import { createFileLogger } from '../../electron/log/logger.ts';
import { DEFAULT_SETTINGS } from '../../electron/settings/kiosk-settings.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const PIN = '846213';
const PAN = '4000123456789010';
const SECRET = 'CANARY-device-secret-q7Zx';
const BANK_PASSWORD = 'CANARY-bank-password-k2Lm';

let dataDir: string;
let logsDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'atm-diagnostics-'));
  logsDir = join(dataDir, 'logs');
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function bundle(overrides: Partial<DiagnosticsBundleOptions> = {}): DiagnosticsBundle {
  return createDiagnosticsBundle({
    dataDir,
    journalVerify: () => ({ ok: true, rows: 42 }),
    settings: DEFAULT_SETTINGS,
    version: '0.1.0-test',
    now: () => NOW,
    ...overrides,
  });
}

function records(result: DiagnosticsBundle): Array<Record<string, unknown>> {
  return readFileSync(result.path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('diagnostics bundle', () => {
  it('writes one JSON-lines file under <dataDir>/diagnostics: manifest, versions, journal, settings, logs', () => {
    const logger = createFileLogger(logsDir, { now: () => NOW });
    logger.info('kiosk started', { version: '0.1.0-test', kioskId: 'kiosk-7' });
    logger.warn('card retained', { maskedPan: '•••• 9010', reason: 'pin_attempts' });

    const result = bundle();
    expect(result.path.startsWith(join(dataDir, DIAGNOSTICS_DIR))).toBe(true);
    expect(result.path).toMatch(/diagnostics-2025-06-01T12-00-00-000Z\.jsonl$/);
    expect(readdirSync(join(dataDir, DIAGNOSTICS_DIR))).toEqual([result.path.split('/').at(-1)]);
    const [manifest, versions, journal, settings, ...logs] = records(result);
    expect(manifest).toEqual(result.manifest);
    expect(manifest).toMatchObject({
      kind: 'manifest',
      format: 'atm-kiosk-diagnostics',
      formatVersion: 1,
      createdAt: '2025-06-01T12:00:00.000Z',
      appVersion: '0.1.0-test',
      journalOk: true,
      logs: { files: [{ name: 'kiosk.log', lines: 2, dropped: 0 }], truncated: false },
      settingsOmitted: [],
      contentLines: 5,
    });
    // The manifest's hash covers every line after it.
    const body = readFileSync(result.path, 'utf8').split('\n').slice(1).join('\n');
    expect(createHash('sha256').update(body).digest('hex')).toBe(result.manifest.contentSha256);
    expect(versions).toMatchObject({ kind: 'versions', versions: { app: '0.1.0-test', node: process.versions.node } });
    expect(journal).toEqual({ kind: 'journalVerify', result: { ok: true, rows: 42 } });
    expect(settings).toEqual({
      kind: 'settings',
      settings: { ...DEFAULT_SETTINGS, bank: { ...DEFAULT_SETTINGS.bank, caCertificate: 'not set' } },
    });
    expect(logs).toEqual([
      {
        kind: 'log',
        file: 'kiosk.log',
        entry: {
          t: '2025-06-01T12:00:00.000Z',
          level: 'info',
          msg: 'kiosk started',
          version: '0.1.0-test',
          kioskId: 'kiosk-7',
        },
      },
      {
        kind: 'log',
        file: 'kiosk.log',
        entry: {
          t: '2025-06-01T12:00:00.000Z',
          level: 'warn',
          msg: 'card retained',
          maskedPan: '•••• 9010',
          reason: 'pin_attempts',
        },
      },
    ]);
  });

  it('canary: no PIN, card number or secret gets in, from logs, settings or the journal check', () => {
    const logger = createFileLogger(logsDir, { now: () => NOW });
    // A logger line that (wrongly) names a card number in its message and a field.
    logger.error(`declined card ${PAN}`, { reason: `card 4000 1234 5678 9010 pin ${PIN}`, code: 'DECLINED' });
    // Lines that are not the logger's: extra fields, not JSON, an older format.
    writeFileSync(
      join(logsDir, 'kiosk.log.1'),
      [
        JSON.stringify({
          t: '2025-05-31T10:00:00.000Z',
          level: 'info',
          msg: 'old',
          pin: PIN,
          secret: SECRET,
          cardId: 'c-1',
        }),
        `PIN=${PIN} PAN=${PAN} secret=${SECRET}`,
        JSON.stringify({ level: 'info', msg: `no timestamp ${SECRET}` }),
        JSON.stringify({ t: '2025-05-31T10:00:01.000Z', level: 'info', msg: 'nested', error: { secret: SECRET } }),
        JSON.stringify([SECRET]),
        '',
      ].join('\n'),
    );
    const settings = {
      ...DEFAULT_SETTINGS,
      adminPassword: SECRET,
      bank: {
        ...DEFAULT_SETTINGS.bank,
        url: `https://kiosk:${BANK_PASSWORD}@bank.example:8443/v1?token=${SECRET}`,
        deviceId: 'kiosk-7',
        caCertificate: `-----BEGIN CERTIFICATE-----\n${SECRET}\n-----END CERTIFICATE-----`,
        deviceSecret: SECRET,
      },
    };

    const result = bundle({
      settings,
      journalVerify: () => {
        throw new Error(`journal row holds ${PAN} ${SECRET}`);
      },
    });
    const text = readFileSync(result.path, 'utf8');
    for (const canary of [PIN, PAN, '4000 1234 5678 9010', SECRET, BANK_PASSWORD, 'BEGIN CERTIFICATE', '"pin"']) {
      expect(text, canary).not.toContain(canary);
    }
    const [manifest, , journal, exported, ...logs] = records(result);
    expect(manifest).toMatchObject({
      journalOk: false,
      settingsOmitted: ['adminPassword', 'bank.deviceSecret'],
      logs: {
        files: [
          { name: 'kiosk.log.1', lines: 2, dropped: 3 },
          { name: 'kiosk.log', lines: 1, dropped: 0 },
        ],
      },
    });
    expect(journal).toEqual({ kind: 'journalVerify', result: { ok: false, error: 'Error' } });
    expect(exported).toMatchObject({
      settings: { bank: { url: 'https://bank.example:8443', deviceId: 'kiosk-7', caCertificate: 'set' } },
    });
    // Allowed fields survive, the rest is dropped; the digits are cut out of what remains.
    expect(logs.map((record) => record.entry)).toEqual([
      { t: '2025-05-31T10:00:00.000Z', level: 'info', msg: 'old', cardId: 'c-1' },
      { t: '2025-05-31T10:00:01.000Z', level: 'info', msg: 'nested' },
      {
        t: '2025-06-01T12:00:00.000Z',
        level: 'error',
        msg: 'declined card [digits removed]',
        reason: 'card [digits removed] pin [digits removed]',
        code: 'DECLINED',
      },
    ]);
  });

  it('keeps only fields the real logger writes (the bundle list is no wider than the logger allow-list)', () => {
    const logger = createFileLogger(logsDir, { now: () => NOW });
    const fields = Object.fromEntries(
      [...DIAGNOSTICS_LOG_FIELDS].filter((name) => !['t', 'level', 'msg'].includes(name)).map((name) => [name, 'x']),
    );
    logger.info('every field', fields);
    const written = JSON.parse(readFileSync(join(logsDir, 'kiosk.log'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(written).sort()).toEqual([...DIAGNOSTICS_LOG_FIELDS].sort());
  });

  it('records a broken journal chain with where it broke', () => {
    const result = bundle({ journalVerify: () => ({ ok: false, brokenAtSeq: 17, reason: 'hash_mismatch' }) });
    expect(result.manifest.journalOk).toBe(false);
    expect(records(result)[2]).toEqual({
      kind: 'journalVerify',
      result: { ok: false, brokenAtSeq: 17, reason: 'hash_mismatch' },
    });
  });

  it('is bounded: the newest log lines up to the byte limit, older ones left out and said so', () => {
    const line = (index: number) =>
      JSON.stringify({
        t: '2025-06-01T11:00:00.000Z',
        level: 'info',
        msg: 'line',
        durationMs: index,
        reason: 'r'.repeat(150),
      });
    // Three rotated files of 2,000 lines each (~400 KiB in all), oldest in kiosk.log.2.
    mkdirSync(logsDir);
    for (const [file, first] of [
      ['kiosk.log.2', 0],
      ['kiosk.log.1', 2_000],
      ['kiosk.log', 4_000],
    ] as const) {
      const lines = Array.from({ length: 2_000 }, (_, index) => line(first + index));
      writeFileSync(join(logsDir, file), `${lines.join('\n')}\n`);
    }
    const logBytesMax = 64 * 1024;
    const result = bundle({ logBytesMax });
    // Logs within the limit; the rest (manifest, versions, settings) is a few KiB.
    expect(result.bytes).toBeLessThan(logBytesMax + 8 * 1024);
    expect(result.manifest.logs).toMatchObject({ truncated: true, bytesMax: logBytesMax });
    const numbers = records(result)
      .filter((record) => record.kind === 'log')
      .map((record) => (record.entry as { durationMs: number }).durationMs);
    // Oldest first, no gaps: a contiguous run ending at the newest line, the oldest ones left out.
    expect(numbers.length).toBeGreaterThan(100);
    expect(numbers.at(-1)).toBe(5999);
    expect(numbers).toEqual(numbers.map((_, index) => 5999 - numbers.length + 1 + index));

    // The default limit holds all 6,000 lines here.
    expect(bundle({ now: () => NOW + 1 }).manifest.logs).toMatchObject({ truncated: false });
  });

  it('keeps at most the configured number of bundles, deleting the oldest', () => {
    const paths = Array.from(
      { length: 7 },
      (_, index) => bundle({ now: () => NOW + index * 1_000, bundlesKept: 3 }).path,
    );
    expect(readdirSync(join(dataDir, DIAGNOSTICS_DIR)).sort()).toEqual(
      paths.slice(-3).map((path) => path.split('/').at(-1)),
    );
  });
});
