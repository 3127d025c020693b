// Bearer tokens (HS256 JWTs via jose): short-lived device tokens, customer access tokens and single-use refresh
// tokens. Each kind has its own audience, so one can never stand in for another. Time comes from the injected clock.
import { errors, jwtVerify, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { BankError } from '../errors.ts';

export type TokenKind = 'device' | 'access' | 'refresh';

export type TokenClaims = {
  readonly kind: TokenKind;
  readonly subject: string;
  readonly jti: string;
  /** Device tokens: the secret generation they were issued under (a rotation invalidates older tokens). */
  readonly secretVersion: number | null;
  /** Refresh tokens: the rotation family. */
  readonly family: string | null;
  /**
   * Customer access and refresh tokens: the customer's token generation when they were issued. A token of an older
   * generation than the customer's current one is refused (signed out everywhere).
   */
  readonly generation: number | null;
};

export type TokenTtls = { readonly deviceS: number; readonly accessS: number; readonly refreshS: number };

const ISSUER = 'atm-bank';
const AUDIENCE: Readonly<Record<TokenKind, string>> = {
  device: 'atm-bank/device',
  access: 'atm-bank/customer',
  refresh: 'atm-bank/refresh',
};
const TOKEN_LENGTH_MAX = 2_048;

export function createTokenService(key: Uint8Array, now: () => number, ttls: TokenTtls) {
  const ttlOf = (kind: TokenKind) =>
    kind === 'device' ? ttls.deviceS : kind === 'access' ? ttls.accessS : ttls.refreshS;
  return {
    ttlOf,
    async sign(
      kind: TokenKind,
      subject: string,
      extra: { secretVersion?: number; family?: string; generation?: number } = {},
    ): Promise<{ token: string; jti: string }> {
      const iat = Math.floor(now() / 1000);
      const jti = randomUUID();
      const claims: Record<string, unknown> = {};
      if (extra.secretVersion !== undefined) claims.sv = extra.secretVersion;
      if (extra.family !== undefined) claims.fam = extra.family;
      if (extra.generation !== undefined) claims.gen = extra.generation;
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE[kind])
        .setSubject(subject)
        .setJti(jti)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlOf(kind))
        .sign(key);
      return { token, jti };
    },
    /** Verifies signature, issuer, audience and expiry against the injected clock; throws BankError('unauthorized'). */
    async verify(kind: TokenKind, token: string): Promise<TokenClaims> {
      if (token.length > TOKEN_LENGTH_MAX) throw new BankError('unauthorized', 'Invalid token.');
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE[kind],
          currentDate: new Date(now()),
          clockTolerance: 0,
        });
        if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string')
          throw new BankError('unauthorized', 'Invalid token.');
        return {
          kind,
          subject: payload.sub,
          jti: payload.jti,
          secretVersion: typeof payload.sv === 'number' ? payload.sv : null,
          family: typeof payload.fam === 'string' ? payload.fam : null,
          generation: Number.isSafeInteger(payload.gen) ? (payload.gen as number) : null,
        };
      } catch (error) {
        if (error instanceof BankError) throw error;
        if (error instanceof errors.JWTExpired) throw new BankError('unauthorized', 'Token expired.');
        throw new BankError('unauthorized', 'Invalid token.');
      }
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
