// Delivers notifications_outbox messages out of band through a MailTransport (e-mail over SMTP in the server).
// At-least-once: a message is marked sent only after the server accepted it, so a crash in between sends it again.
// Bounded: one run at a time, at most NOTIFICATION_BATCH_MAX messages a run, SEND_ATTEMPTS_MAX attempts a message
// with exponential backoff and full jitter between them, and a message whose token expired is given up, never sent.
// Neither the token nor the address reaches a log line or last_error.
import type { Db } from '../store/open-store.ts';
import { MailDeliveryError, type MailTransport, REASON_CHARS_MAX } from './mail-transport.ts';
import { type PasswordResetPayload, passwordResetEmail, passwordResetPayloadSchema } from './password-reset-email.ts';

/** Most messages one run sends (oldest first); a full batch is followed by another run after SEND_CATCH_UP_MS. */
export const NOTIFICATION_BATCH_MAX = 50;
/** Attempts before a message is given up ('attempts_exhausted'). */
export const SEND_ATTEMPTS_MAX = 8;
/** Backoff before attempt n+1: a uniform draw in [0, min(RETRY_CAP_MS, RETRY_BASE_MS × 2^(n-1))). */
export const RETRY_BASE_MS = 30_000;
// Well inside a reset token's 30 minutes, so even late attempts can still deliver a usable code.
export const RETRY_CAP_MS = 10 * 60_000;
/**
 * A claimed message is not due again before this, so a sender that died mid-send retries it (at-least-once) but
 * only after that send surely ended (SMTP_SEND_TIMEOUT_MS is far shorter).
 */
export const SEND_LEASE_MS = 5 * 60_000;
export const SEND_CATCH_UP_MS = 1_000;

export type GiveUpReason = 'expired' | 'attempts_exhausted' | 'invalid_message';

export type NotificationLog = {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
};

export type NotificationSendReport = {
  readonly sent: number;
  /** Failed attempts that will be retried after their backoff. */
  readonly failed: number;
  readonly gaveUp: number;
  /** The run stopped at NOTIFICATION_BATCH_MAX: there may be more due. */
  readonly more: boolean;
};

export type NotificationSenderDeps = {
  readonly db: Db;
  readonly transport: MailTransport;
  /** The From header of every message. */
  readonly from: string;
  /** The bank's clock (ms since the epoch): due times, backoff and token expiry all use it. */
  readonly now: () => number;
  /** Uniform in [0, 1): the backoff's jitter. */
  readonly random: () => number;
  /** Pause between scheduled runs (BankLimits.notificationSendIntervalMs); real timers. */
  readonly intervalMs: number;
  readonly log: NotificationLog;
};

type OutboxRow = { id: number; kind: string; payload_json: string; attempts: number };

type Claim =
  | { readonly outcome: 'claimed'; readonly attempts: number; readonly send: () => Promise<void> }
  | { readonly outcome: 'gave_up'; readonly reason: GiveUpReason }
  | { readonly outcome: 'not_due' };

/** Full jitter (AWS's "exponential backoff and jitter"): spreads retries so a recovering server is not stampeded. */
export function retryDelayMs(attempts: number, random: () => number): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.floor(random() * ceiling);
}

function parsePasswordResetPayload(json: string): PasswordResetPayload | null {
  try {
    return passwordResetPayloadSchema.parse(JSON.parse(json));
  } catch {
    return null;
  }
}

const EMPTY_REPORT: NotificationSendReport = { sent: 0, failed: 0, gaveUp: 0, more: false };

export function createNotificationSender(deps: NotificationSenderDeps) {
  const { db, transport, from, random, intervalMs, log } = deps;
  const now = () => Math.floor(deps.now());

  const PENDING = 'sent_at_ms IS NULL AND gave_up_at_ms IS NULL';
  const dueIds = db.prepare<{ now: number; limit: number }, { id: number }>(
    `SELECT id FROM notifications_outbox WHERE ${PENDING} AND next_attempt_at_ms <= @now ORDER BY id LIMIT @limit`,
  );
  const dueRow = db.prepare<{ id: number; now: number }, OutboxRow>(
    `SELECT id, kind, payload_json, attempts FROM notifications_outbox
      WHERE id = @id AND ${PENDING} AND next_attempt_at_ms <= @now`,
  );
  const claim = db.prepare<{ id: number; leaseUntil: number }>(
    'UPDATE notifications_outbox SET attempts = attempts + 1, next_attempt_at_ms = @leaseUntil WHERE id = @id',
  );
  const markSent = db.prepare<{ id: number; at: number }>(
    `UPDATE notifications_outbox SET sent_at_ms = @at WHERE id = @id AND ${PENDING}`,
  );
  const markFailed = db.prepare<{ id: number; error: string; nextAt: number }>(
    `UPDATE notifications_outbox SET last_error = @error, next_attempt_at_ms = @nextAt WHERE id = @id AND ${PENDING}`,
  );
  const markGaveUp = db.prepare<{ id: number; at: number; reason: GiveUpReason; error: string | null }>(
    `UPDATE notifications_outbox SET gave_up_at_ms = @at, gave_up_reason = @reason,
            last_error = coalesce(@error, last_error) WHERE id = @id AND ${PENDING}`,
  );

  /**
   * Decides, in one write transaction, what happens to a due message: given up (expired, out of attempts,
   * unreadable) or claimed for one attempt — counted now, and leased so no other run picks it meanwhile.
   */
  const claimDue = db.transaction((id: number): Claim => {
    const at = now();
    const row = dueRow.get({ id, now: at });
    if (!row) return { outcome: 'not_due' };
    const giveUp = (reason: GiveUpReason): Claim => {
      markGaveUp.run({ id, at, reason, error: null });
      return { outcome: 'gave_up', reason };
    };
    const payload = row.kind === 'password_reset' ? parsePasswordResetPayload(row.payload_json) : null;
    if (!payload) return giveUp('invalid_message');
    // A code that no longer works would only confuse its reader.
    if (Date.parse(payload.expiresAt) <= at) return giveUp('expired');
    if (row.attempts >= SEND_ATTEMPTS_MAX) return giveUp('attempts_exhausted');
    claim.run({ id, leaseUntil: at + SEND_LEASE_MS });
    const mail = passwordResetEmail(payload, from);
    return { outcome: 'claimed', attempts: row.attempts + 1, send: () => transport.send(mail) };
  });

  let stopped = false;
  let stopping: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** A scheduled or nudged run is waiting for its turn: further nudges join it instead of queueing more. */
  let runQueued = false;
  /** Runs execute one after another on this chain; stop() waits for its end. */
  let chain: Promise<void> = Promise.resolve();

  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = chain.then(task);
    chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  async function sendOne(id: number): Promise<'sent' | 'failed' | 'gave_up' | 'not_due'> {
    const claimed = claimDue.immediate(id);
    if (claimed.outcome === 'not_due') return 'not_due';
    if (claimed.outcome === 'gave_up') {
      log.warn({ notificationId: id, reason: claimed.reason }, 'notification given up');
      return 'gave_up';
    }
    const { attempts } = claimed;
    try {
      await claimed.send();
    } catch (error) {
      // Only a MailDeliveryError's reason is known to be free of the address and the message.
      const reason = error instanceof MailDeliveryError ? error.reason.slice(0, REASON_CHARS_MAX) : 'transport_error';
      if (attempts >= SEND_ATTEMPTS_MAX) {
        markGaveUp.run({ id, at: now(), reason: 'attempts_exhausted', error: reason });
        log.warn({ notificationId: id, attempts, error: reason }, 'notification given up after its last attempt');
        return 'gave_up';
      }
      const retryInMs = retryDelayMs(attempts, random);
      markFailed.run({ id, error: reason, nextAt: now() + retryInMs });
      log.warn({ notificationId: id, attempts, error: reason, retryInMs }, 'notification delivery failed');
      return 'failed';
    }
    markSent.run({ id, at: now() });
    log.info({ notificationId: id, attempts }, 'notification sent');
    return 'sent';
  }

  /** Sends what is due now, oldest first, at most NOTIFICATION_BATCH_MAX; stops early once stop() was called. */
  async function sendDueBatch(): Promise<NotificationSendReport> {
    if (stopped) return EMPTY_REPORT;
    const ids = dueIds.all({ now: now(), limit: NOTIFICATION_BATCH_MAX }).map((row) => row.id);
    const counts = { sent: 0, failed: 0, gave_up: 0, not_due: 0 };
    for (const id of ids) {
      // Close waits for the send in flight, not for the rest of the batch.
      if (stopped) break;
      counts[await sendOne(id)] += 1;
    }
    return {
      sent: counts.sent,
      failed: counts.failed,
      gaveUp: counts.gave_up,
      more: ids.length === NOTIFICATION_BATCH_MAX,
    };
  }

  function schedule(delayMs: number): void {
    // A queued run schedules its own successor when it ends.
    if (stopped || runQueued) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(nudge, delayMs);
    // The sender never keeps the process alive on its own.
    timer.unref();
  }

  /** Runs as soon as the run in flight (if any) ends; nudges while one is already waiting are merged into it. */
  function nudge(): void {
    if (stopped || runQueued) return;
    runQueued = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    void exclusive(async () => {
      runQueued = false;
      let more = false;
      try {
        more = (await sendDueBatch()).more;
      } catch (error) {
        log.error({ errName: (error as Error).name }, 'notification send run failed');
      }
      // A failing run is retried after the full interval, never in a tight loop.
      schedule(more ? SEND_CATCH_UP_MS : intervalMs);
    });
  }

  return {
    /** One run now, after any run in flight (never overlapping one); for tests and operators. */
    runOnce(): Promise<NotificationSendReport> {
      return exclusive(sendDueBatch);
    },
    /** Runs now, then every intervalMs until stop(). */
    start(): void {
      nudge();
    },
    /** Something was queued: send it without waiting for the interval. */
    nudge,
    /** No run starts afterwards; resolves once the send in flight ended and the transport is closed. */
    stop(): Promise<void> {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      stopping ??= chain.then(() => transport.close());
      return stopping;
    },
  };
}

export type NotificationSender = ReturnType<typeof createNotificationSender>;
