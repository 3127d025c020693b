// TOTP (RFC 6238 over RFC 4226's HOTP): HMAC-SHA-1, 30-second steps, 6 digits, one step of drift either way. A code
// is accepted only for a step later than the last accepted one, so a code seen over a shoulder cannot be replayed.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

export const TOTP_PERIOD_MS = 30_000;
export const TOTP_DIGITS = 6;
/** Steps of clock drift accepted either side of now. */
export const TOTP_WINDOW_STEPS = 1;
/** 160-bit secrets, as RFC 4226 recommends for SHA-1. */
export const TOTP_SECRET_BYTES = 20;
export const TOTP_ISSUER = 'ATM Kiosk';

/** RFC 4226 §5.3: HMAC-SHA-1 of the 8-byte counter, dynamic truncation, `digits` decimal digits. */
export function hotp(secret: Buffer, counter: number, digits: number = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / TOTP_PERIOD_MS);
}

export function totpAt(secret: Buffer, nowMs: number, digits: number = TOTP_DIGITS): string {
  return hotp(secret, totpStep(nowMs), digits);
}

/**
 * The step whose code matches `code` within the window and is later than `lastStep`, or null. Every candidate is
 * compared (in constant time), so how long this takes says nothing about which step matched.
 */
export function verifyTotp(secret: Buffer, code: string, nowMs: number, lastStep: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStep(nowMs);
  const offered = Buffer.from(code, 'utf8');
  let matched: number | null = null;
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(secret, step), 'utf8'), offered);
    if (same && step > lastStep && matched === null) matched = step;
  }
  return matched;
}

export function newTotpSecret(): Buffer {
  return randomBytes(TOTP_SECRET_BYTES);
}

export function base32Of(secret: Buffer): string {
  return new Secret({ buffer: new Uint8Array(secret).buffer }).base32;
}

export function secretFromBase32(base32: string): Buffer {
  return Buffer.from(Secret.fromBase32(base32).bytes);
}

/** The otpauth:// URI an authenticator app scans (label `ATM Kiosk:<staffId>`). */
export function otpauthUri(secret: Buffer, staffId: string): string {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: staffId,
    secret: new Secret({ buffer: new Uint8Array(secret).buffer }),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_MS / 1000,
  }).toString();
}

/** The URI as a QR code in SVG text: main draws it so the renderer only displays an image. */
export function qrSvgOf(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
