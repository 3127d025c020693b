// The seam between the notification sender and the wire: a MailTransport sends one plain-text message or rejects
// with a MailDeliveryError whose reason is safe to store and log. The SMTP implementation (nodemailer) keeps every
// send inside a hard deadline and never lets a server's reply text through, since replies often quote the address.
import nodemailer from 'nodemailer';
import type { MailConfig } from './mail-config.ts';

export type OutgoingMail = {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
};

export type MailTransport = {
  /** Resolves once the server accepted the message; rejects with a MailDeliveryError otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  /** Releases connections; no send is made afterwards. */
  close(): void;
};

/** A failed send. `reason` is at most REASON_CHARS_MAX characters of codes only: no address, no message content. */
export class MailDeliveryError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`mail delivery failed: ${reason}`);
    this.name = 'MailDeliveryError';
    this.reason = reason;
  }
}

export const REASON_CHARS_MAX = 64;

// Each step is bounded and the whole send too, so a stalled server cannot hold the sender (or server close) long.
export const SMTP_CONNECTION_TIMEOUT_MS = 10_000;
export const SMTP_GREETING_TIMEOUT_MS = 10_000;
export const SMTP_SOCKET_TIMEOUT_MS = 30_000;
export const SMTP_DNS_TIMEOUT_MS = 10_000;
export const SMTP_SEND_TIMEOUT_MS = 60_000;

/**
 * A short reason from a nodemailer error: its code (ECONNECTION, EENVELOPE, EMESSAGE, ETIMEDOUT, EAUTH…) and the
 * SMTP reply code, e.g. "EMESSAGE smtp 451". The error's message and the server's reply text are never used.
 */
export function smtpFailureReason(error: unknown): string {
  const { code, responseCode } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
  };
  const parts: string[] = [];
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,31}$/.test(code)) parts.push(code);
  if (typeof responseCode === 'number' && Number.isInteger(responseCode) && responseCode >= 200 && responseCode < 600)
    parts.push(`smtp ${responseCode}`);
  return parts.length > 0 ? parts.join(' ') : 'send_failed';
}

export function createSmtpTransport(config: MailConfig): MailTransport {
  const transporter = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: SMTP_CONNECTION_TIMEOUT_MS,
    greetingTimeout: SMTP_GREETING_TIMEOUT_MS,
    socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
    dnsTimeout: SMTP_DNS_TIMEOUT_MS,
    // nodemailer's own logging would print addresses and the message; the sender logs what is safe.
    logger: false,
    debug: false,
    // Messages are plain text built here: nothing may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      try {
        await transporter.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          signal: AbortSignal.timeout(SMTP_SEND_TIMEOUT_MS),
        });
      } catch (error) {
        throw new MailDeliveryError(smtpFailureReason(error));
      }
    },
    close() {
      transporter.close();
    },
  };
}
