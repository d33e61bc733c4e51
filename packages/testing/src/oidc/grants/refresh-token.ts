import { oauthError } from '../../http/http-error.js';
import { checkRefreshBinding, dpopBinding } from '../dpop/binding.js';
import { issueTokens } from '../../tokens/issuer.js';
import { verifyRealmToken } from '../../tokens/verify.js';
import { tokenSession } from '../token-session.js';
import { isValidScope } from '../internal/scope-check.js';
import { tokenReply } from './token-reply.js';
import type { GrantContext } from '../../http/grant-registry.js';

/** grant_type=refresh_token (TokenManager.refreshAccessToken), with Keycloak's error descriptions. */
export async function refreshTokenGrant({ ctx, realm, form, client }: GrantContext) {
  const encoded = form.get('refresh_token');
  if (!encoded) throw oauthError(400, 'invalid_request', 'No refresh token');
  // RefreshTokenGrantType: a `scope` sent with the refresh must name the client's scopes.
  const requested = form.get('scope');
  if (!isValidScope(client, requested)) throw oauthError(400, 'invalid_scope', `Invalid scopes: ${requested}`);
  const issuer = ctx.issuer(realm);
  const now = ctx.nowSeconds;
  const verified = await verifyRealmToken(realm, encoded, issuer, now);
  if (!verified.ok) {
    switch (verified.reason) {
      case 'issuer':
        throw oauthError(
          400,
          'invalid_grant',
          `Invalid token issuer. Expected '${issuer}', but was '${String(verified.claims?.['iss'])}'`,
        );
      case 'expired':
        throw oauthError(400, 'invalid_grant', 'Token is not active');
      case 'stale':
        throw oauthError(400, 'invalid_grant', 'Stale token');
      default:
        throw oauthError(400, 'invalid_grant', 'Invalid refresh token');
    }
  }
  const claims = verified.claims;
  if (claims['typ'] !== 'Refresh' && claims['typ'] !== 'Offline')
    throw oauthError(400, 'invalid_grant', 'Invalid refresh token');
  if (claims['azp'] !== client.clientId)
    throw oauthError(400, 'invalid_grant', "Invalid refresh token. Token client and authorized client don't match");
  // A bound refresh token (a public client's) is used only with a proof by its key.
  checkRefreshBinding(ctx, claims);
  const found = tokenSession(ctx.kernel, realm, claims, now);
  if (!found.ok) throw oauthError(400, 'invalid_grant', found.problem);
  const { session, user } = found;
  const clientSession = session.clientSessions.get(client.id);
  if (!clientSession) throw oauthError(400, 'invalid_grant', "Session doesn't have required client");

  if (realm.tokens.revokeRefreshToken) {
    // TokenManager.validateTokenReuse / updateClientSessionForRefresh: a token older than the client session's
    // last refresh is stale; the current one may be used refreshTokenMaxReuse more times.
    const jti = String(claims['jti']);
    const current = clientSession.currentRefreshToken;
    if (
      current !== undefined &&
      current !== null &&
      jti !== current &&
      Number(claims['iat']) < clientSession.timestamp
    ) {
      throw oauthError(400, 'invalid_grant', 'Stale token');
    }
    if (jti !== clientSession.currentRefreshToken) {
      clientSession.currentRefreshToken = jti;
      clientSession.currentRefreshTokenUseCount = 0;
    }
    if (clientSession.currentRefreshTokenUseCount > realm.tokens.refreshTokenMaxReuse) {
      throw oauthError(400, 'invalid_grant', 'Maximum allowed refresh token reuse exceeded');
    }
    clientSession.currentRefreshTokenUseCount += 1;
  }
  session.lastSessionRefresh = now;
  clientSession.timestamp = now;
  const response = await issueTokens({
    dpop: dpopBinding(ctx),
    realm,
    client,
    user,
    session,
    clientSession,
    issuer,
    scope: clientSession.scope || undefined,
    nowSeconds: now,
    grant: 'rt',
    withRefreshToken: true,
  });
  return tokenReply(response);
}
