// The bank's own secrets (JWT signing key, card lookup key, argon2 pepper, HMAC key for device secrets and tokens)
// and the keyed hashes made with them. The CLI keeps them in <dataDir>/bank-secrets.json (mode 0600); tests pass
// their own.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

export type BankSecrets = {
  /** HS256 key for every token the bank issues (≥ 32 bytes). */
  readonly jwtKey: Uint8Array;
  /** Card lookup key: cardKey = HMAC-SHA256(cardLookupKey, PAN) hex. Provisioned to kiosks with their credentials. */
  readonly cardLookupKey: Uint8Array;
  /** argon2's `secret` for PIN and password hashes, so a copied database cannot be brute-forced offline. */
  readonly pepper: Uint8Array;
  /** HMAC key for device secrets, refresh-token ids and reset tokens (all high-entropy, so a keyed hash suffices). */
  readonly hmacKey: Uint8Array;
};

const SECRET_BYTES = 32;
const NAMES = ['jwtKey', 'cardLookupKey', 'pepper', 'hmacKey'] as const;

export function generateSecrets(): BankSecrets {
  return {
    jwtKey: randomBytes(SECRET_BYTES),
    cardLookupKey: randomBytes(SECRET_BYTES),
    pepper: randomBytes(SECRET_BYTES),
    hmacKey: randomBytes(SECRET_BYTES),
  };
}

/** Reads the secrets file, creating it (0600) with fresh random keys on first use. */
export function loadOrCreateSecrets(path: string): BankSecrets {
  if (!existsSync(path)) {
    const fresh = generateSecrets();
    const json = Object.fromEntries(NAMES.map((name) => [name, Buffer.from(fresh[name]).toString('hex')]));
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return fresh;
  }
  chmodSync(path, 0o600);
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const read = (name: (typeof NAMES)[number]) => {
    const value = parsed[name];
    if (typeof value !== 'string' || !/^[0-9a-f]{64,}$/.test(value))
      throw new Error(`Bank secrets file: ${name} is missing or malformed.`);
    return Buffer.from(value, 'hex');
  };
  return {
    jwtKey: read('jwtKey'),
    cardLookupKey: read('cardLookupKey'),
    pepper: read('pepper'),
    hmacKey: read('hmacKey'),
  };
}

export function hmacHex(key: Uint8Array, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/** The card identifier on the wire and in the store; same construction as the kiosk's panLookupKey. */
export function cardKeyOf(cardLookupKey: Uint8Array, pan: string): string {
  return hmacHex(cardLookupKey, pan);
}

export function hexEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** A new random credential (device secret, reset token): 32 bytes, base64url. */
export function randomToken(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}
