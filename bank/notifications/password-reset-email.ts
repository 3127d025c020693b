// The password-reset e-mail: plain ASCII text (so it travels as 7bit and the code is never split by an encoding),
// built from the outbox payload that customer-service's requestPasswordReset wrote.
import { z } from 'zod';
import type { OutgoingMail } from './mail-transport.ts';

export const PASSWORD_RESET_SUBJECT = 'Your ATM Kiosk password reset code';

/** What requestPasswordReset stores in notifications_outbox.payload_json for kind 'password_reset'. */
export const passwordResetPayloadSchema = z.object({
  to: z.string().min(3).max(254),
  token: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/),
  expiresAt: z.iso.datetime(),
});

export type PasswordResetPayload = z.infer<typeof passwordResetPayloadSchema>;

/** "2026-03-10 12:30 UTC": unambiguous for any reader, whatever their time zone. */
function utcMinute(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function passwordResetEmail(payload: PasswordResetPayload, from: string): OutgoingMail {
  return {
    from,
    to: payload.to,
    subject: PASSWORD_RESET_SUBJECT,
    text: [
      'Hello,',
      '',
      'Someone asked to reset the password of your ATM Kiosk bank account.',
      'Your one-time reset code is:',
      '',
      `    ${payload.token}`,
      '',
      `It works once and expires at ${utcMinute(payload.expiresAt)}.`,
      '',
      'If you did not ask for this, ignore this message: your password stays as it is.',
      'The bank never asks for this code by phone.',
      '',
    ].join('\n'),
  };
}
