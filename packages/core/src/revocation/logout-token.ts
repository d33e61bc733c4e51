/** The event a back-channel logout token must carry (OpenID Connect Back-Channel Logout 1.0, section 2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** A logout token that passed every check: what to revoke, and how long its `jti` must be remembered. */
export interface LogoutToken {
  sid: string | undefined;
  sub: string | undefined;
  iat: number;
  jti: string;
  /** Epoch seconds; undefined when the token has no `exp`. */
  exp: number | undefined;
}

/** What the claims are checked against. */
export interface LogoutTokenRules {
  issuer: string;
  audiences: readonly string[];
  clockToleranceSeconds: number;
  nowSeconds: number;
}

/** A refusal of the logout token; the message is the `error_description` answered to Keycloak. */
export class LogoutTokenRefused extends Error {}

/**
 * Checks the claims of a back-channel logout token whose signature verified, as OpenID Connect Back-Channel
 * Logout 1.0 section 2.6 lists them (and as Keycloak's own LogoutTokenValidationCode names the failures):
 * `iss`, `aud`, `iat` (and `exp` when present), the back-channel logout event, `sid` and/or `sub`, no `nonce`,
 * a `jti`. Keycloak builds it in DefaultTokenManager.initLogoutToken: header `typ: logout+jwt`, claims `iss`,
 * `aud` (the client), `iat`, `exp`, `jti`, `sub`, `sid` (when the client requires it), `typ: Logout`, `events`.
 * @throws LogoutTokenRefused naming the first failed check.
 */
export function checkLogoutToken(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  rules: LogoutTokenRules,
): LogoutToken {
  // Explicit typing (section 2.4, RFC 8725 section 3.11): an access or ID token never passes for a logout token.
  if (header.typ !== undefined && header.typ !== 'logout+jwt' && header.typ !== 'JWT')
    throw new LogoutTokenRefused('The logout token typ header is not logout+jwt');
  if (claims.iss !== rules.issuer) throw new LogoutTokenRefused('The logout token iss is not the realm');
  const aud = typeof claims.aud === 'string' ? [claims.aud] : claims.aud;
  const accepted: readonly unknown[] = rules.audiences;
  if (!Array.isArray(aud) || !aud.some((item) => accepted.includes(item)))
    throw new LogoutTokenRefused('The logout token aud names none of the accepted clients');
  const { iat, exp, jti, sid, sub, events } = claims;
  if (!isFiniteNumber(iat)) throw new LogoutTokenRefused('The logout token has no iat');
  if (iat > rules.nowSeconds + rules.clockToleranceSeconds)
    throw new LogoutTokenRefused('The logout token iat is in the future');
  if (exp !== undefined) {
    if (!isFiniteNumber(exp)) throw new LogoutTokenRefused('The logout token exp is not a number');
    if (exp <= rules.nowSeconds - rules.clockToleranceSeconds) throw new LogoutTokenRefused('The logout token expired');
  }
  if (
    events === null ||
    typeof events !== 'object' ||
    Array.isArray(events) ||
    !Object.hasOwn(events, BACKCHANNEL_LOGOUT_EVENT) ||
    typeof (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] !== 'object' ||
    (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] === null
  )
    throw new LogoutTokenRefused('The logout token has no back-channel logout event');
  if (sid !== undefined && (typeof sid !== 'string' || sid === ''))
    throw new LogoutTokenRefused('The logout token sid is not a string');
  if (sub !== undefined && (typeof sub !== 'string' || sub === ''))
    throw new LogoutTokenRefused('The logout token sub is not a string');
  if (sid === undefined && sub === undefined) throw new LogoutTokenRefused('The logout token has neither sid nor sub');
  // A nonce is what an ID token has: its presence marks an ID token sent as a logout token (section 2.4).
  if (Object.hasOwn(claims, 'nonce')) throw new LogoutTokenRefused('The logout token carries a nonce');
  if (typeof jti !== 'string' || jti === '') throw new LogoutTokenRefused('The logout token has no jti');
  return { sid, sub, iat, jti, exp };
}

function isFiniteNumber(value: unknown): value is number {
  return Number.isFinite(value);
}
