import type { ClientModel } from '../model/types.js';

/**
 * The client attribute (OIDCConfigAttributes.ALLOW_TOKEN_INTROSPECTION_WITHOUT_AUDIENCE_CHECK, "Allow token
 * introspection without audience check" in the console) that lets the *introspecting* client skip the check.
 * Deprecated upstream; read with Boolean.parseBoolean, so any casing of "true" counts.
 */
export const ALLOW_WITHOUT_AUDIENCE_CHECK = 'allow.token.introspection.without.audience.check';

/** The `aud` claim as a list (absent -> undefined, a string -> one entry). */
export function audienceOf(claims: Record<string, unknown>): string[] | undefined {
  const aud = claims['aud'];
  if (aud === undefined || aud === null) return undefined;
  return (Array.isArray(aud) ? aud : [aud]).map(String);
}

/**
 * AccessTokenIntrospectionProvider.verifyAudience (Keycloak 26.6.2+, the fix of CVE-2026-37979): a token is
 * active only to a client named in its audience, even the client it was issued to (`azp`) when it is not in
 * `aud`. The audience is the token's own `aud`, or when the token carries none (a lightweight token, a password
 * grant without audience mappers) the one the introspection run of the mappers gives. The caller's
 * {@link ALLOW_WITHOUT_AUDIENCE_CHECK} attribute (or the server-wide option of the same name, which the in-memory
 * server does not have) lets it through anyway.
 */
export function callerInAudience(
  caller: ClientModel,
  tokenClaims: Record<string, unknown>,
  introspected: Record<string, unknown>,
): boolean {
  const audiences = audienceOf(tokenClaims) ?? audienceOf(introspected) ?? [];
  if (audiences.includes(caller.clientId)) return true;
  return (caller.attributes[ALLOW_WITHOUT_AUDIENCE_CHECK] ?? '').toLowerCase() === 'true';
}
