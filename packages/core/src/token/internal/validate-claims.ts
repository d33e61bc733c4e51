import { invalidToken } from './fail.js';

/** The claim rules of a verifier, resolved from its options. Times are epoch milliseconds. */
export interface ClaimRules {
  /** Allowed issuers; undefined skips the check (introspection answers may lack `iss`). */
  issuers: readonly string[] | undefined;
  audience: readonly string[] | undefined;
  authorizedParty: readonly string[] | undefined;
  clockToleranceDuration: number;
  /** The realm's notBefore in epoch seconds (0 = none). */
  notBefore: () => number;
  /** Access tokens need `iat`; introspection answers may omit it. */
  requireIssuedAt: boolean;
  /** Accepted `typ` values: `Bearer`, and `ID` when the verifier takes ID tokens. */
  tokenTypes: ReadonlySet<string>;
}

/**
 * Checks a payload against Keycloak's access-token profile and the configured policy. Reads only own
 * properties; shapes are checked so that helpers can trust `realm_access.roles` to be a string array.
 */
/** The `iss` rule alone: the verifier also applies it before fetching a key. */
export function checkIssuer(claims: Record<string, unknown>, rules: ClaimRules): void {
  if (rules.issuers === undefined) return;
  const iss = own(claims, 'iss');
  if (typeof iss !== 'string') throw invalidToken('missing_claim', 'The token has no "iss" string');
  if (!rules.issuers.includes(iss)) throw invalidToken('issuer_mismatch', 'The token issuer is not accepted');
}

export function validateClaims(claims: Record<string, unknown>, rules: ClaimRules, now: number): void {
  checkTokenType(own(claims, 'typ'), rules.tokenTypes);
  const exp = finiteNumber(claims, 'exp', true);
  const iat = finiteNumber(claims, 'iat', rules.requireIssuedAt);
  const nbf = finiteNumber(claims, 'nbf', false);
  checkShapes(claims);
  checkIssuer(claims, rules);
  checkTimes(exp as number, iat, nbf, rules, now);
  if (rules.audience !== undefined) {
    const aud = own(claims, 'aud');
    const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
    if (!audiences.some((item) => rules.audience?.includes(item as string))) {
      throw invalidToken('audience_mismatch', 'The token audience is not accepted');
    }
  }
  if (rules.authorizedParty !== undefined && !rules.authorizedParty.includes(own(claims, 'azp') as string)) {
    throw invalidToken('azp_mismatch', 'The token authorized party (azp) is not accepted');
  }
}

/** The accepted types of a verifier left at its default, and of introspection. */
// A DPoP-bound access token is still an access token: Keycloak gives it `typ` "DPoP" (DPoPUtil's mapper)
// and its own verifier accepts both (withDPoPVerifier). Whether its proof is valid is the guard's check.
export const ACCESS_TOKEN_ONLY: ReadonlySet<string> = new Set(['Bearer', 'DPoP']);

// Messages name only these known types: any other `typ` is the sender's text and stays out of logs.
const TYPE_MESSAGES: Readonly<Record<string, string>> = {
  Bearer: 'The token is an access token (typ "Bearer"), not an accepted type',
  ID: 'The token is an ID token (typ "ID"), not an access token',
  Refresh: 'The token is a refresh token: only Keycloak can check it (introspection or a refresh grant)',
  Offline: 'The token is an offline token: only Keycloak can check it (introspection or a refresh grant)',
  Logout: 'The token is a logout token, not an access or ID token',
};

/** `typ` must be one of the accepted types; Refresh, Offline and Logout never are. */
export function checkTokenType(typ: unknown, accepted: ReadonlySet<string>): void {
  if (typeof typ === 'string' && accepted.has(typ)) return;
  const message = typeof typ === 'string' && Object.hasOwn(TYPE_MESSAGES, typ) ? TYPE_MESSAGES[typ] : undefined;
  throw invalidToken('wrong_token_type', message ?? 'The token typ is not an accepted token type');
}

/** The time checks alone, run again on every cache hit. */
export function checkTimes(
  exp: number,
  iat: number | undefined,
  nbf: number | undefined,
  rules: ClaimRules,
  now: number,
): void {
  const tolerance = rules.clockToleranceDuration;
  if (exp * 1000 <= now - tolerance) throw invalidToken('expired', 'The token has expired');
  if (nbf !== undefined && nbf * 1000 > now + tolerance)
    throw invalidToken('not_yet_valid', 'The token is not valid yet (nbf)');
  if (iat !== undefined && iat * 1000 > now + tolerance)
    throw invalidToken('not_yet_valid', 'The token is issued in the future (iat)');
  const notBefore = rules.notBefore();
  // Keycloak's own check: a token issued before the realm (or client) notBefore is revoked.
  if (notBefore > 0 && (iat === undefined || iat < notBefore))
    throw invalidToken('revoked', 'The token was issued before the realm notBefore');
}

function finiteNumber(claims: Record<string, unknown>, name: string, required: boolean): number | undefined {
  const value = own(claims, name);
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidToken('missing_claim', `The token "${name}" claim is missing or not a finite number`);
  }
  return value;
}

const STRING_CLAIMS = ['iss', 'sub', 'azp', 'sid', 'jti', 'scope', 'acr', 'client_id', 'nonce', 'at_hash'] as const;

function checkShapes(claims: Record<string, unknown>): void {
  for (const name of STRING_CLAIMS) {
    if (Object.hasOwn(claims, name) && typeof claims[name] !== 'string') wrongType(name);
  }
  if (
    Object.hasOwn(claims, 'auth_time') &&
    (typeof claims.auth_time !== 'number' || !Number.isFinite(claims.auth_time))
  )
    wrongType('auth_time');
  if (Object.hasOwn(claims, 'aud') && typeof claims.aud !== 'string' && !isStringArray(claims.aud)) wrongType('aud');
  if (Object.hasOwn(claims, 'allowed-origins') && !isStringArray(claims['allowed-origins']))
    wrongType('allowed-origins');
  if (Object.hasOwn(claims, 'realm_access') && !isRoles(claims.realm_access)) wrongType('realm_access');
  if (Object.hasOwn(claims, 'resource_access')) {
    const access = claims.resource_access;
    if (!isPlainObject(access) || !Object.values(access).every(isRoles)) wrongType('resource_access');
  }
  if (Object.hasOwn(claims, 'authorization')) {
    const authz = claims.authorization;
    const permissions = isPlainObject(authz) && Object.hasOwn(authz, 'permissions') ? authz.permissions : [];
    if (!isPlainObject(authz) || !Array.isArray(permissions) || !permissions.every(isPlainObject))
      wrongType('authorization');
  }
}

/** A claim's value only if it is an own property: nothing is ever read through a prototype. */
export function own(object: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

function wrongType(name: string): never {
  throw invalidToken('missing_claim', `The token "${name}" claim has the wrong type`);
}

/** `{ roles: string[] }`; a missing `roles` is allowed (Keycloak omits empty lists) and reads as none. */
function isRoles(value: unknown): boolean {
  return isPlainObject(value) && (!Object.hasOwn(value, 'roles') || isStringArray(value.roles));
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
