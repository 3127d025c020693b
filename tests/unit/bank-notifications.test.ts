// The bank's mail sender end to end: a password reset over HTTP puts a code in notifications_outbox, real nodemailer
// delivers it to a real SMTP server on 127.0.0.1, and the code from that e-mail resets the password. Refusals are
// retried on the bank's injected clock with exponential backoff (jitter pinned), a message is given up after its
// last attempt or once its token lapsed, neither the code nor the address ever reaches a log line, and settings the
// sender cannot work with are refused before the bank starts.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BankSecrets, generateSecrets } from '../../bank/auth/secrets.ts';
import { type BankLimits, DEFAULT_LIMITS, validateLimits } from '../../bank/config.ts';
import { PASSWORD_RESET_TTL_MS } from '../../bank/customer-service.ts';
import {
  isPlausibleFromAddress,
  type MailConfig,
  mailConfigFromEnv,
  validateMailConfig,
} from '../../bank/notifications/mail-config.ts';
import {
  type NotificationSender,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  retryDelayMs,
  SEND_ATTEMPTS_MAX,
} from '../../bank/notifications/notification-sender.ts';
import { PASSWORD_RESET_SUBJECT } from '../../bank/notifications/password-reset-email.ts';
import { type BankServer, buildBankServer } from '../../bank/server.ts';
import { type BankClient, createBankClient, customerLogin, DEMO } from '../support/bank-client.ts';
import { TEST_HASH_PARAMS } from '../support/bank-server.ts';
import { bodyOf, headerOf, type LocalSmtpServer, startLocalSmtpServer } from '../support/local-smtp-server.ts';

const START_MS = Date.UTC(2026, 5, 1, 9, 0, 0);
const MINUTE_MS = 60_000;
const FROM = 'ATM Kiosk Bank <no-reply@bank.example>';
/** Pins the backoff's full jitter to half its ceiling, so every retry time is known. */
const HALF_JITTER = () => 0.5;
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

type OutboxRow = {
  id: number;
  payload_json: string;
  created_at_ms: number;
  sent_at_ms: number | null;
  attempts: number;
  next_attempt_at_ms: number;
  last_error: string | null;
  gave_up_at_ms: number | null;
  gave_up_reason: string | null;
};

type StartedMailBank = {
  readonly server: BankServer;
  readonly client: BankClient;
  /** The bank's log lines so far (JSON, one per line). */
  logs(): string;
  close(): Promise<void>;
};

describe('bank notifications: password-reset codes by e-mail', () => {
  let nowMs = START_MS;
  const clock = { now: () => nowMs };
  let dataDir = '';
  let secrets: BankSecrets;
  let smtp: LocalSmtpServer;
  const banks: StartedMailBank[] = [];

  beforeEach(async () => {
    nowMs = START_MS;
    dataDir = mkdtempSync(join(tmpdir(), 'atm-bank-mail-'));
    secrets = generateSecrets();
    smtp = await startLocalSmtpServer();
  });
  afterEach(async () => {
    for (const bank of banks.splice(0)) await bank.close();
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A real bank on a SQLite file in this test's data dir (kept across restarts), mail to the local SMTP server. */
  async function startBank(mail: MailConfig | null = { smtpUrl: smtp.url, from: FROM }): Promise<StartedMailBank> {
    let logText = '';
    const limits: Partial<BankLimits> = {
      authRateLimitMax: 1_000,
      // Every run in these tests is a nudge or runOnce(); the interval must not add runs of its own.
      notificationSendIntervalMs: 10 * MINUTE_MS,
    };
    const server = await buildBankServer({
      storePath: join(dataDir, 'bank.db'),
      secrets,
      clock,
      limits,
      seedDemo: true,
      hashing: { password: TEST_HASH_PARAMS, pin: TEST_HASH_PARAMS },
      mail: mail ?? undefined,
      random: HALF_JITTER,
      logger: { level: 'debug', stream: { write: (line: string) => void (logText += line) } },
    });
    const url = await server.listen({ host: '127.0.0.1', port: 0 });
    let closed = false;
    const bank: StartedMailBank = {
      server,
      client: createBankClient(url),
      logs: () => logText,
      async close() {
        if (closed) return;
        closed = true;
        await server.close();
      },
    };
    banks.push(bank);
    return bank;
  }

  const senderOf = (bank: StartedMailBank): NotificationSender => {
    const sender = bank.server.bank.notifications;
    if (!sender) throw new Error('this bank has no mail sender');
    return sender;
  };
  const outbox = (bank: StartedMailBank) =>
    bank.server.bank.db.prepare('SELECT * FROM notifications_outbox ORDER BY id').all() as OutboxRow[];
  const onlyRow = (bank: StartedMailBank): OutboxRow => {
    const rows = outbox(bank);
    expect(rows).toHaveLength(1);
    return rows[0] as OutboxRow;
  };
  const requestReset = async (bank: StartedMailBank, email: string = DEMO.ana.email) => {
    const response = await bank.client.post('/v1/auth/password-reset', { body: { email } });
    expect(response.status).toBe(202);
  };
  const codeIn = (body: string): string => {
    const match = /reset code is:\s+([A-Za-z0-9_-]{16,})/.exec(body);
    if (!match?.[1]) throw new Error('no reset code in the e-mail');
    return match[1];
  };

  /** The codes and addresses the outbox ever held must appear in no log line and no stored error. */
  function expectNoSecretsLogged(bank: StartedMailBank, alsoSecret: readonly string[] = []) {
    const rows = outbox(bank);
    const secretsOfRows = rows.flatMap((row) => {
      const payload = JSON.parse(row.payload_json) as { to: string; token: string };
      return [payload.to, payload.token];
    });
    expect(secretsOfRows.length).toBeGreaterThan(0);
    const logs = bank.logs();
    expect(logs).toContain('"msg":"notifications are sent by e-mail"');
    for (const secret of [...secretsOfRows, ...alsoSecret]) {
      expect(logs).not.toContain(secret);
      expect(logs.toLowerCase()).not.toContain(secret.toLowerCase());
      for (const row of rows) expect(row.last_error ?? '').not.toContain(secret);
    }
    for (const row of rows) expect(row.last_error ?? '').not.toContain('@');
  }

  it('a reset request is mailed once through real SMTP, and the mailed code resets the password', async () => {
    // Credentials in the URL: the local server offers no AUTH, so they are unused, but they must not be logged.
    const bank = await startBank({ smtpUrl: smtp.url.replace('smtp://', 'smtp://mailer:s3cret-pw@'), from: FROM });

    await requestReset(bank);
    // The request nudges the sender: the mail goes out without waiting for the (10-minute) interval.
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 5_000 });

    const mail = smtp.received[0];
    if (!mail) throw new Error('no mail');
    expect(mail.to).toEqual([DEMO.ana.email]);
    expect(mail.from).toBe('no-reply@bank.example');
    expect(headerOf(mail, 'Subject')).toBe(PASSWORD_RESET_SUBJECT);
    expect(headerOf(mail, 'From')).toBe(FROM);
    expect(headerOf(mail, 'Content-Type')).toMatch(/^text\/plain/);
    const body = bodyOf(mail);
    expect(body).toContain('expires at 2026-06-01 09:30 UTC');
    const code = codeIn(body);
    const stored = JSON.parse(onlyRow(bank).payload_json) as { token: string };
    expect(code).toBe(stored.token);

    const newPassword = 'a new password from the e-mail';
    const confirmed = await bank.client.post('/v1/auth/password-reset/confirm', { body: { token: code, newPassword } });
    expect(confirmed.status).toBe(204);
    await customerLogin(bank.client, DEMO.ana.email, newPassword);

    // Wait for the nudged run to have recorded its outcome, then run again: nothing more goes out.
    const second = await senderOf(bank).runOnce();
    expect(second).toEqual({ sent: 0, failed: 0, gaveUp: 0, more: false });
    expect(smtp.received).toHaveLength(1);
    expect(onlyRow(bank)).toMatchObject({
      sent_at_ms: START_MS,
      attempts: 1,
      last_error: null,
      gave_up_at_ms: null,
      gave_up_reason: null,
    });
    expect(bank.logs()).toContain('"msg":"notification sent"');
    expectNoSecretsLogged(bank, ['s3cret-pw', newPassword]);
  });

  it('a refusing server: attempts are counted, the backoff is kept on the bank clock, then the mail is delivered', async () => {
    const bank = await startBank();
    // A reply that quotes the address, as real servers do: it must not end up in last_error or a log line.
    smtp.refuseWith({ code: 451, message: `4.3.0 Mailbox <${DEMO.ana.email}> busy, try again later` });

    await requestReset(bank);
    expect(await senderOf(bank).runOnce()).toEqual({ sent: 0, failed: 0, gaveUp: 0, more: false });
    const first = onlyRow(bank);
    expect(smtp.refusedCount()).toBe(1);
    expect(first).toMatchObject({ attempts: 1, sent_at_ms: null, gave_up_at_ms: null });
    expect(first.last_error).toBe('EMESSAGE smtp 451');
    // Full jitter pinned at 0.5: half of the base delay after the first attempt.
    expect(first.next_attempt_at_ms).toBe(START_MS + RETRY_BASE_MS / 2);

    nowMs = first.next_attempt_at_ms - 1;
    expect(await senderOf(bank).runOnce()).toEqual({ sent: 0, failed: 0, gaveUp: 0, more: false });
    expect(smtp.refusedCount()).toBe(1);
    expect(onlyRow(bank).attempts).toBe(1);

    nowMs = first.next_attempt_at_ms;
    expect(await senderOf(bank).runOnce()).toEqual({ sent: 0, failed: 1, gaveUp: 0, more: false });
    const second = onlyRow(bank);
    expect(smtp.refusedCount()).toBe(2);
    expect(second.attempts).toBe(2);
    // The ceiling doubles with each attempt.
    expect(second.next_attempt_at_ms).toBe(nowMs + RETRY_BASE_MS);

    smtp.refuseWith(null);
    nowMs = second.next_attempt_at_ms - 1;
    expect((await senderOf(bank).runOnce()).sent).toBe(0);
    nowMs = second.next_attempt_at_ms;
    expect(await senderOf(bank).runOnce()).toEqual({ sent: 1, failed: 0, gaveUp: 0, more: false });
    expect(smtp.received).toHaveLength(1);
    const delivered = onlyRow(bank);
    expect(delivered).toMatchObject({ attempts: 3, sent_at_ms: nowMs, gave_up_at_ms: null });
    expect(smtp.received.map((mail) => codeIn(bodyOf(mail)))).toEqual([
      (JSON.parse(delivered.payload_json) as { token: string }).token,
    ]);
    expect(bank.logs()).toContain('"msg":"notification delivery failed"');
    expectNoSecretsLogged(bank);
  });

  it(`gives a message up after ${SEND_ATTEMPTS_MAX} attempts, and the prune still removes it after the retention`, async () => {
    const bank = await startBank();
    smtp.refuseWith({ code: 451, message: '4.3.0 Try again later' });
    await requestReset(bank);
    await senderOf(bank).runOnce();

    for (let attempt = 2; attempt <= SEND_ATTEMPTS_MAX; attempt++) {
      nowMs = onlyRow(bank).next_attempt_at_ms;
      await senderOf(bank).runOnce();
      expect(onlyRow(bank).attempts).toBe(attempt);
    }
    const row = onlyRow(bank);
    expect(smtp.refusedCount()).toBe(SEND_ATTEMPTS_MAX);
    expect(row).toMatchObject({ gave_up_at_ms: nowMs, gave_up_reason: 'attempts_exhausted', sent_at_ms: null });
    expect(row.last_error).toMatch(/smtp 451$/);
    // Every attempt happened while the code was still valid.
    expect(nowMs).toBeLessThan(row.created_at_ms + PASSWORD_RESET_TTL_MS);

    smtp.refuseWith(null);
    nowMs += 5 * MINUTE_MS;
    expect(await senderOf(bank).runOnce()).toEqual({ sent: 0, failed: 0, gaveUp: 0, more: false });
    expect(smtp.refusedCount() + smtp.received.length).toBe(SEND_ATTEMPTS_MAX);
    expect(bank.logs()).toContain('"msg":"notification given up after its last attempt"');
    expectNoSecretsLogged(bank);

    // Retention counts from the token's lapse for every undelivered message, given up or not.
    const retention = DEFAULT_LIMITS.notificationRetentionMs;
    nowMs = row.created_at_ms + PASSWORD_RESET_TTL_MS + retention - MINUTE_MS;
    expect(bank.server.bank.maintenance.runOnce()).toMatchObject({ notificationsPruned: 0 });
    nowMs = row.created_at_ms + PASSWORD_RESET_TTL_MS + retention + MINUTE_MS;
    expect(bank.server.bank.maintenance.runOnce()).toMatchObject({ notificationsPruned: 1 });
    expect(outbox(bank)).toEqual([]);
  });

  it('never sends a code that expired: not after failed attempts, not one queued while no mail was configured', async () => {
    // Queued while the bank had no SMTP: it stays recorded, unsent, and the server said so once at start.
    const withoutMail = await startBank(null);
    expect(withoutMail.server.bank.notifications).toBeNull();
    await requestReset(withoutMail, DEMO.ben.email);
    expect(onlyRow(withoutMail)).toMatchObject({ attempts: 0, sent_at_ms: null, gave_up_at_ms: null });
    const warnings = withoutMail
      .logs()
      .split('\n')
      .filter((line) => line.includes('notifications are not being sent'));
    expect(warnings).toHaveLength(1);
    await withoutMail.close();

    // Back with SMTP after the code lapsed: the start run gives it up instead of mailing a dead code.
    nowMs = START_MS + PASSWORD_RESET_TTL_MS;
    const bank = await startBank();
    expect(await senderOf(bank).runOnce()).toEqual({ sent: 0, failed: 0, gaveUp: 0, more: false });
    expect(onlyRow(bank)).toMatchObject({ gave_up_at_ms: nowMs, gave_up_reason: 'expired', attempts: 0 });

    // A message that failed once and whose code lapsed before its retry is given up at that retry.
    smtp.refuseWith({ code: 451, message: '4.3.0 Try again later' });
    await requestReset(bank);
    await senderOf(bank).runOnce();
    const failed = outbox(bank)[1];
    expect(failed).toMatchObject({ attempts: 1, gave_up_at_ms: null });
    smtp.refuseWith(null);
    nowMs += PASSWORD_RESET_TTL_MS;
    expect(await senderOf(bank).runOnce()).toEqual({ sent: 0, failed: 0, gaveUp: 1, more: false });
    expect(outbox(bank)[1]).toMatchObject({ attempts: 1, gave_up_reason: 'expired', sent_at_ms: null });
    expect(smtp.received).toEqual([]);
    expect(bank.logs()).toContain('"reason":"expired"');
    expectNoSecretsLogged(bank);
  });

  it('server close waits for the send in flight, which records its outcome, and starts no run after', async () => {
    const bank = await startBank();
    const sender = senderOf(bank);
    const held = smtp.holdNextMessage();
    await requestReset(bank);
    await held.reached;

    const closing = bank.close();
    // A negative check needs a bound: close has ample time to finish early, and must not while SMTP has not answered.
    const early = await Promise.race([
      closing.then(() => 'closed'),
      new Promise((resolve) => setTimeout(resolve, 100)),
    ]);
    expect(early).toBeUndefined();
    held.release();
    await closing;

    const db = new Database(join(dataDir, 'bank.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT sent_at_ms, attempts FROM notifications_outbox').all();
      expect(rows).toEqual([{ sent_at_ms: START_MS, attempts: 1 }]);
    } finally {
      db.close();
    }
    expect(smtp.received).toHaveLength(1);
    // A stopped sender touches the closed store no more.
    sender.nudge();
    expect(await sender.runOnce()).toEqual({ sent: 0, failed: 0, gaveUp: 0, more: false });
  });

  describe('settings', () => {
    it('accepts smtp:// and smtps:// URLs and plausible From addresses, and refuses the rest without echoing them', () => {
      for (const smtpUrl of ['smtp://127.0.0.1:2525', 'smtps://user:pass@mail.example.com:465', 'smtp://mail.local']) {
        expect(validateMailConfig({ smtpUrl, from: FROM })).toEqual({ smtpUrl, from: FROM });
      }
      for (const from of ['no-reply@bank.example', 'ATM Bank <no-reply@bank.example>', 'ops@localhost']) {
        expect(isPlausibleFromAddress(from)).toBe(true);
      }
      const badUrls = [
        '',
        'mail.example.com:25',
        'http://user:hunter2-secret@mail.example.com',
        'smtp://',
        'smtp:// mail.example.com',
        'smtp://mail.example.com#x',
      ];
      for (const smtpUrl of badUrls) {
        expect(() => validateMailConfig({ smtpUrl, from: FROM })).toThrow(
          /mail\.smtpUrl must be an smtp:\/\/ or smtps:\/\//,
        );
      }
      expect(() => validateMailConfig({ smtpUrl: badUrls[2] as string, from: FROM })).not.toThrow(/hunter2/);
      const badFroms = [
        '',
        'no-reply',
        'no reply@bank.example',
        'no-reply@',
        '@bank.example',
        'Bank <no-reply@bank.example>\r\nBcc: everyone@example.test',
        'Bank, Inc <no-reply@bank.example>',
        'no-reply@bank.example, other@bank.example',
        `${'x'.repeat(250)}@bank.example`,
      ];
      for (const from of badFroms) {
        expect(() => validateMailConfig({ smtpUrl: 'smtp://127.0.0.1:25', from })).toThrow(/mail\.from must be/);
      }
    });

    it('reads BANK_SMTP_URL and BANK_MAIL_FROM: both or neither, each valid', () => {
      expect(mailConfigFromEnv({})).toBeNull();
      expect(mailConfigFromEnv({ BANK_SMTP_URL: '  ', BANK_MAIL_FROM: '' })).toBeNull();
      expect(mailConfigFromEnv({ BANK_SMTP_URL: 'smtps://mail.example.com', BANK_MAIL_FROM: FROM })).toEqual({
        smtpUrl: 'smtps://mail.example.com',
        from: FROM,
      });
      expect(() => mailConfigFromEnv({ BANK_SMTP_URL: 'smtp://mail.example.com' })).toThrow(/BANK_MAIL_FROM/);
      expect(() => mailConfigFromEnv({ BANK_MAIL_FROM: FROM })).toThrow(/BANK_SMTP_URL/);
      expect(() => mailConfigFromEnv({ BANK_SMTP_URL: 'https://mail.example.com', BANK_MAIL_FROM: FROM })).toThrow(
        /^BANK_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
      );
      expect(() => mailConfigFromEnv({ BANK_SMTP_URL: 'smtp://mail.example.com', BANK_MAIL_FROM: 'bank' })).toThrow(
        /^BANK_MAIL_FROM must be an e-mail address/,
      );
    });

    it('the CLI refuses to start with a clear message when the mail settings are unusable', () => {
      const cases = [
        { env: { BANK_SMTP_URL: 'http://mail.example.com', BANK_MAIL_FROM: FROM }, message: /BANK_SMTP_URL must be/ },
        { env: { BANK_SMTP_URL: 'smtp://mail.example.com' }, message: /BANK_MAIL_FROM is not/ },
      ];
      for (const { env, message } of cases) {
        const environment: Record<string, string> = {};
        for (const [name, value] of Object.entries(process.env)) {
          if (value !== undefined && !name.startsWith('BANK_')) environment[name] = value;
        }
        const result = spawnSync(
          process.execPath,
          ['bank/cli.ts', 'serve', '--data-dir', join(dataDir, 'cli'), '--port', '0'],
          { cwd: REPO_ROOT, env: { ...environment, ...env }, encoding: 'utf8', timeout: 30_000 },
        );
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(message);
      }
    });

    it('buildBankServer refuses unusable mail settings and a send interval outside its bounds', async () => {
      await expect(
        buildBankServer({
          storePath: ':memory:',
          secrets: generateSecrets(),
          mail: { smtpUrl: 'smtp://mail.example.com', from: 'not an address' },
        }),
      ).rejects.toThrow(/mail\.from/);
      for (const notificationSendIntervalMs of [999, 10 * MINUTE_MS + 1, 0, Number.NaN]) {
        expect(() => validateLimits({ ...DEFAULT_LIMITS, notificationSendIntervalMs })).toThrow(
          /notificationSendIntervalMs/,
        );
      }
      expect(validateLimits(DEFAULT_LIMITS).notificationSendIntervalMs).toBe(DEFAULT_LIMITS.notificationSendIntervalMs);
    });

    it('backoff is full jitter under an exponential ceiling, capped', () => {
      expect(retryDelayMs(1, () => 0)).toBe(0);
      expect(retryDelayMs(1, () => 0.999_999)).toBeLessThan(RETRY_BASE_MS);
      expect(retryDelayMs(3, () => 0.5)).toBe(2 * RETRY_BASE_MS);
      expect(retryDelayMs(SEND_ATTEMPTS_MAX, () => 0.5)).toBe(RETRY_CAP_MS / 2);
    });
  });
});
