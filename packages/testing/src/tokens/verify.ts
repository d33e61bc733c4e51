import type { RealmModel } from '../model/types.js';
import { decodeJwt, verifySignature } from './jws.js';

/** Why a presented token was refused. */
export type TokenRejection = 'malformed' | 'signature' | 'issuer' | 'expired' | 'stale';

/** A verified token's claims, or why it was refused. */
export type VerifiedToken =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; reason: TokenRejection; claims?: Record<string, unknown> };

/**
 * Verifies a token this realm issued: signature with the key its kid names (active or passive), issuer,
 * expiry and the realm's not-before.
 */
export async function verifyRealmToken(
  realm: RealmModel,
  token: string,
  issuer: string,
  nowSeconds: number,
): Promise<VerifiedToken> {
  const jwt = decodeJwt(token);
  if (!jwt || typeof jwt.header.kid !== 'string') return { ok: false, reason: 'malformed' };
  const key = await realm.keys.verificationKey(jwt.header.kid);
  if (!key || !verifySignature(jwt, key)) return { ok: false, reason: 'signature' };
  const claims = jwt.payload;
  if (claims['iss'] !== issuer) return { ok: false, reason: 'issuer', claims };
  const exp = claims['exp'];
  if (typeof exp === 'number' && exp <= nowSeconds) return { ok: false, reason: 'expired', claims };
  const iat = typeof claims['iat'] === 'number' ? claims['iat'] : 0;
  if (realm.notBefore > 0 && iat < realm.notBefore) return { ok: false, reason: 'stale', claims };
  return { ok: true, claims };
}
