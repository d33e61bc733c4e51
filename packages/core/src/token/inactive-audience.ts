import { KeycloakInvalidTokenError } from '../errors.js';
import { peekClaims } from './compact.js';
import { own } from './internal/validate-claims.js';

/** The `aud` of a JWT payload read WITHOUT verifying it, as a list; undefined for a token that is not a JWT. */
function peekAudience(token: string): string[] | undefined {
  const claims = peekClaims(token);
  if (claims === undefined) return undefined;
  const aud = own(claims, 'aud');
  return (Array.isArray(aud) ? aud : [aud]).filter((value): value is string => typeof value === 'string');
}

/**
 * Keycloak 26.6.2+ answers introspection `{"active": false}` to a client that is not in the token's `aud`
 * (AccessTokenIntrospectionProvider.verifyAudience), which reads exactly like a revoked token. When the
 * token is a JWT whose `aud` does not name the client the guard introspects with, that is the likelier
 * cause, and the set-up is what must change: the `revoked` refusal becomes `audience_mismatch` (whose
 * description names the Audience mapper to add). The unverified `aud` only picks the explanation of a
 * refusal; it never lets a token in. (A lightweight token carries no `aud`, and Keycloak checks the one
 * its introspection mappers give: a revoked lightweight token is explained as an audience problem too.)
 */
export function explainInactive(error: unknown, token: string, clientId: string): unknown {
  if (!(error instanceof KeycloakInvalidTokenError) || error.reason !== 'revoked') return error;
  const audience = peekAudience(token);
  if (audience === undefined || audience.includes(clientId)) return error;
  return new KeycloakInvalidTokenError(
    `Keycloak reports the token inactive, and its aud does not contain ${clientId}, the client introspecting it`,
    'audience_mismatch',
    { cause: error },
  );
}
