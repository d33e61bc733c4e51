/**
 * The ID-token rules of OpenID Connect Core 3.1.3.7, as Keycloak issues ID tokens: those that hold for
 * every ID token of a client (audience, authorized party) run with the other claim checks; those that
 * depend on one login (nonce, at_hash, max_age) run on every call, cache hits included.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { invalidToken } from './internal/fail.js';
import { own } from './internal/validate-claims.js';

/** Per-call checks of an ID token; giving any of them makes the call refuse every token that is not an ID token. */
export interface IdTokenChecks {
  /**
   * The `nonce` sent on the authorization request. When set, the ID token must carry exactly this nonce
   * (`nonce_mismatch` otherwise). When absent, a nonce in the token is not checked: only the caller knows
   * whether one was sent.
   */
  nonce?: string;
  /**
   * The access token returned with the ID token. When set, the ID token's `at_hash` must be the left half
   * of its hash, with the hash of the ID token's `alg` (`at_hash_mismatch`; `missing_claim` without `at_hash`).
   */
  accessToken?: string;
  /**
   * The `max_age` of the authorization request, in ms. When set, `auth_time` must be present and no
   * older than this, give or take the clock tolerance (`auth_too_old`; `missing_claim` without `auth_time`).
   */
  authMaxAge?: number;
}

/**
 * Rules 3 to 5: `aud` contains the client id; with several audiences `azp` must be present; when
 * present, `azp` is the client id. Keycloak writes both as the client id, so a token issued to another
 * client of the realm fails here.
 */
export function checkIdTokenAudience(claims: Record<string, unknown>, clientId: string): void {
  const aud = own(claims, 'aud');
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!audiences.includes(clientId))
    throw invalidToken('audience_mismatch', 'The ID token audience does not contain the client id');
  const azp = own(claims, 'azp');
  if (azp === undefined && audiences.length > 1)
    throw invalidToken('missing_claim', 'The ID token has several audiences but no "azp"');
  if (azp !== undefined && azp !== clientId)
    throw invalidToken('azp_mismatch', 'The ID token authorized party (azp) is not the client id');
}

/** Validates the per-call checks once, naming the bad one; called before any work. */
export function checkIdTokenChecks(checks: IdTokenChecks): void {
  for (const name of ['nonce', 'accessToken'] as const) {
    const value = checks[name];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      throw new TypeError(`"${name}" must be a non-empty string`);
  }
  const { authMaxAge } = checks;
  // Number.isFinite is false for anything but a finite number.
  if (authMaxAge !== undefined && (!Number.isFinite(authMaxAge) || authMaxAge < 0)) {
    throw new TypeError('"authMaxAge" must be a non-negative number of milliseconds');
  }
}

/** True when the call asked for any ID-token check. */
export function hasIdTokenChecks(checks: IdTokenChecks): boolean {
  return checks.nonce !== undefined || checks.accessToken !== undefined || checks.authMaxAge !== undefined;
}

/**
 * Rules 11 (nonce), 3.2.2.9/3.3.2.12 (at_hash) and 13 (auth_time against max_age) for one call.
 * `alg` is the ID token's verified header `alg`.
 */
export function checkIdTokenCall(
  claims: Record<string, unknown>,
  alg: string,
  checks: IdTokenChecks,
  now: number,
  clockToleranceDuration: number,
): void {
  if (own(claims, 'typ') !== 'ID')
    throw invalidToken('wrong_token_type', 'ID-token checks were asked but the token is not an ID token');
  if (checks.nonce !== undefined && !sameText(own(claims, 'nonce'), checks.nonce)) {
    throw invalidToken('nonce_mismatch', 'The ID token nonce is absent or not the one sent');
  }
  if (checks.accessToken !== undefined) {
    const atHash = own(claims, 'at_hash');
    if (atHash === undefined)
      throw invalidToken('missing_claim', 'The ID token has no "at_hash" to bind the access token');
    if (!sameText(atHash, tokenHash(checks.accessToken, alg))) {
      throw invalidToken('at_hash_mismatch', 'The ID token at_hash does not match the access token');
    }
  }
  if (checks.authMaxAge !== undefined) {
    const authTime = own(claims, 'auth_time');
    if (typeof authTime !== 'number')
      throw invalidToken('missing_claim', 'The ID token has no "auth_time" to check the max age against');
    if (authTime * 1000 + checks.authMaxAge < now - clockToleranceDuration) {
      throw invalidToken('auth_too_old', 'The user authenticated longer ago than the max age');
    }
  }
}

// The hash of the signature algorithm, as Keycloak's JavaAlgorithm.getJavaAlgorithmForHash picks it
// (EdDSA: SHA-512, Ed25519's; Ed448 keys, which would use SHAKE256, are not supported).
const HASHES: Readonly<Record<string, string>> = {
  RS256: 'sha256',
  PS256: 'sha256',
  ES256: 'sha256',
  RS384: 'sha384',
  PS384: 'sha384',
  ES384: 'sha384',
  RS512: 'sha512',
  PS512: 'sha512',
  ES512: 'sha512',
  EdDSA: 'sha512',
  Ed25519: 'sha512',
};

/** OIDC's `at_hash`: base64url of the left half of the token's hash. */
function tokenHash(token: string, alg: string): string {
  const hash = HASHES[alg];
  if (hash === undefined) throw invalidToken('unsupported_alg', 'The ID token alg names no hash for at_hash');
  const digest = createHash(hash).update(token).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

function sameText(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string') return false;
  const a = Buffer.from(actual);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
