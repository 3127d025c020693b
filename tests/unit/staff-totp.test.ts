// TOTP as staff authenticators compute it: RFC 6238's SHA-1 test vectors (8 digits, as printed in the RFC), the
// 6-digit codes the kiosk uses, the ±1 step window, no replay of a used step, and the enrolment URI and QR code.
import { describe, expect, it } from 'vitest';
import {
  base32Of,
  hotp,
  otpauthUri,
  qrSvgOf,
  secretFromBase32,
  totpAt,
  totpStep,
  verifyTotp,
} from '../../electron/staff/totp.ts';
import { KioskStartupError } from '../../electron/core/kiosk-core-types.ts';
import { loadStaffSecretKey, seal, unseal } from '../../electron/staff/staff-secrets.ts';

const RFC_SEED = Buffer.from('12345678901234567890', 'ascii');

/** RFC 6238 Appendix B, SHA-1 column: Unix time (s) → 8-digit TOTP. */
const RFC_6238_SHA1: readonly [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238, SHA-1)', () => {
  it.each(RFC_6238_SHA1)('matches the RFC vector at T=%i with 8 digits', (seconds, expected) => {
    expect(totpAt(RFC_SEED, seconds * 1000, 8)).toBe(expected);
  });

  it.each(RFC_6238_SHA1)(
    'gives the 6-digit code at T=%i (the RFC value truncated to 6 digits)',
    (seconds, expected) => {
      expect(totpAt(RFC_SEED, seconds * 1000)).toBe(expected.slice(-6));
    },
  );

  it('matches RFC 4226 Appendix D HOTP values', () => {
    expect([0, 1, 2, 3, 9].map((counter) => hotp(RFC_SEED, counter))).toEqual([
      '755224',
      '287082',
      '359152',
      '969429',
      '520489',
    ]);
  });

  it('accepts one 30 s step of drift either way and nothing further', () => {
    const at = 1_111_111_111_000;
    const step = totpStep(at);
    for (const offset of [-1, 0, 1]) {
      expect(verifyTotp(RFC_SEED, hotp(RFC_SEED, step + offset), at, 0)).toBe(step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) expect(verifyTotp(RFC_SEED, hotp(RFC_SEED, step + offset), at, 0)).toBeNull();
  });

  it('never accepts a step at or before the last used one (no replay)', () => {
    const at = 1_234_567_890_000;
    const code = totpAt(RFC_SEED, at);
    const used = verifyTotp(RFC_SEED, code, at, 0);
    expect(used).toBe(totpStep(at));
    expect(verifyTotp(RFC_SEED, code, at, used ?? 0)).toBeNull();
    expect(verifyTotp(RFC_SEED, code, at + 10_000, used ?? 0)).toBeNull();
    expect(verifyTotp(RFC_SEED, 'abcdef', at, 0)).toBeNull();
  });

  it('builds the otpauth URI and an SVG QR code for enrolment, round-tripping the base32 secret', async () => {
    const base32 = base32Of(RFC_SEED);
    expect(base32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(secretFromBase32(base32).equals(RFC_SEED)).toBe(true);
    const uri = otpauthUri(RFC_SEED, 'operator1');
    expect(uri).toMatch(/^otpauth:\/\/totp\/ATM%20Kiosk:operator1\?/);
    expect(uri).toContain(`secret=${base32}`);
    expect(uri).toMatch(/algorithm=SHA1.*digits=6.*period=30/);
    const svg = await qrSvgOf(uri);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toContain('<script');
  });

  it('seals secrets with AES-256-GCM bound to the staff id; a moved or altered value does not open', () => {
    const key = Buffer.alloc(32, 7);
    const sealed = seal(key, RFC_SEED, 'operator1');
    expect(sealed).not.toContain(base32Of(RFC_SEED));
    expect(unseal(key, sealed, 'operator1')?.equals(RFC_SEED)).toBe(true);
    expect(unseal(key, sealed, 'supervisor1')).toBeNull();
    expect(unseal(Buffer.alloc(32, 8), sealed, 'operator1')).toBeNull();
    const flipped = `${sealed.slice(0, -4)}${sealed.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(unseal(key, flipped, 'operator1')).toBeNull();
  });

  it('creates the staff key only for a kiosk with no sealed secret; a lost key fails closed', () => {
    const kept = new Map<string, string>();
    const store = {
      get: (name: string) => kept.get(name) ?? null,
      set: (name: string, value: string) => void kept.set(name, value),
      delete: (name: string) => void kept.delete(name),
    };
    expect(() => loadStaffSecretKey(store, false)).toThrow(KioskStartupError);
    const key = loadStaffSecretKey(store, true);
    expect(key).toHaveLength(32);
    expect(loadStaffSecretKey(store, false).equals(key)).toBe(true);
  });
});
