import { createHmac, sign, timingSafeEqual, verify } from 'node:crypto';
import type { KeyEntry } from '../keys/key-entry.js';

const DIGEST: Record<string, string | null> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
  HS256: 'sha256',
  HS384: 'sha384',
  HS512: 'sha512',
  EdDSA: null,
};

function signature(alg: string, key: KeyEntry, input: Buffer): Buffer {
  const digest = DIGEST[alg];
  if (digest === undefined) throw new Error(`unsupported alg ${alg}`);
  if (alg.startsWith('HS')) {
    if (!key.secret) throw new Error('HMAC key without secret');
    return createHmac(digest ?? 'sha512', key.secret)
      .update(input)
      .digest();
  }
  if (!key.privateKey) throw new Error('asymmetric key without private key');
  if (alg.startsWith('PS')) return sign(digest, input, { key: key.privateKey, padding: 6, saltLength: 32 });
  if (alg.startsWith('ES')) return sign(digest, input, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return sign(digest, input, key.privateKey);
}

/**
 * Signs a JWT. The header text is written by hand with Keycloak's spacing (JWSBuilder.encodeHeader:
 * `{"alg":"RS256","typ" : "JWT","kid" : "..."}`) so the bytes match what Keycloak sends.
 */
export function signJwt(key: KeyEntry, payload: object, typ = 'JWT'): string {
  const header = `{"alg":"${key.alg}","typ" : "${typ}","kid" : "${key.kid}"}`;
  const input = `${Buffer.from(header).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${signature(key.alg, key, Buffer.from(input)).toString('base64url')}`;
}

/** A JWT split and decoded, not yet verified. */
export interface DecodedJwt {
  header: { alg?: unknown; kid?: unknown; typ?: unknown };
  payload: Record<string, unknown>;
  signingInput: Buffer;
  signature: Buffer;
}

/** Decodes a compact JWS; undefined when it is not one (wrong shape, bad base64 or JSON). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  const [h = '', p = '', s = ''] = parts;
  try {
    const header: unknown = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload))
      return undefined;
    return {
      header,
      payload: payload as Record<string, unknown>,
      signingInput: Buffer.from(`${h}.${p}`),
      signature: Buffer.from(s, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

/** Checks a decoded JWT's signature with the key its header names. */
export function verifySignature(jwt: DecodedJwt, key: KeyEntry): boolean {
  const alg = jwt.header.alg;
  if (typeof alg !== 'string' || alg !== key.alg) return false;
  const digest = DIGEST[alg];
  if (digest === undefined) return false;
  try {
    if (alg.startsWith('HS')) {
      const expected = signature(alg, key, jwt.signingInput);
      return expected.length === jwt.signature.length && timingSafeEqual(expected, jwt.signature);
    }
    if (!key.publicKey) return false;
    if (alg.startsWith('PS'))
      return verify(digest, jwt.signingInput, { key: key.publicKey, padding: 6, saltLength: 32 }, jwt.signature);
    if (alg.startsWith('ES'))
      return verify(digest, jwt.signingInput, { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, jwt.signature);
    return verify(digest, jwt.signingInput, key.publicKey, jwt.signature);
  } catch {
    return false;
  }
}
