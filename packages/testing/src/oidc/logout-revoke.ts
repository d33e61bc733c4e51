import type { RequestContext } from '../http/context.js';
import { oauthError, type Reply } from '../http/http-error.js';
import type { Route } from '../http/router.js';
import { verifyRealmToken } from '../tokens/verify.js';
import { sendBackchannelLogouts } from './backchannel-logout.js';
import { authenticateClient } from './client-auth.js';

/** POST logout with client auth and refresh_token: ends the user session (LogoutEndpoint.logoutToken). */
async function logout(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const form = await ctx.form();
  const client = await authenticateClient(ctx, realm, form);
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) throw oauthError(400, 'invalid_request', 'No refresh token');
  const verified = await verifyRealmToken(realm, refreshToken, ctx.issuer(realm), ctx.nowSeconds);
  const claims = verified.ok ? verified.claims : undefined;
  if (!claims || (claims['typ'] !== 'Refresh' && claims['typ'] !== 'Offline'))
    throw oauthError(400, 'invalid_grant', 'Invalid refresh token');
  if (claims['azp'] !== client.clientId) throw oauthError(400, 'invalid_grant', 'Invalid refresh token');
  const sid = String(claims['sid'] ?? '');
  const { sessions } = ctx.kernel;
  // Logging out an offline token ends only the offline session; a regular one ends the online session.
  const offline = claims['typ'] === 'Offline';
  const session = sessions.get(sid, offline);
  sessions.remove(sid, offline);
  // Every client of the session hears it, the one that asked included (AuthenticationManager.backchannelLogout).
  if (session) await sendBackchannelLogouts(realm, session, ctx.issuer(realm), ctx.nowSeconds);
  // LogoutEndpoint.logoutToken is @NoCache.
  return { status: 204, headers: { 'cache-control': 'no-cache' } };
}

/** POST revoke (RFC 7009): refresh tokens drop their client session, access tokens are blacklisted. */
async function revoke(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const form = await ctx.form();
  const client = await authenticateClient(ctx, realm, form);
  const token = form.get('token');
  if (!token) throw oauthError(400, 'invalid_request', 'Token not provided');
  const verified = await verifyRealmToken(realm, token, ctx.issuer(realm), ctx.nowSeconds);
  if (!verified.ok) return { status: 200, body: { error: 'invalid_token', error_description: 'Invalid token' } };
  const claims = verified.claims;
  if (claims['azp'] !== client.clientId) throw oauthError(400, 'invalid_request', 'Unmatching clients');
  const { sessions, revoked } = ctx.kernel;
  if (claims['typ'] === 'Refresh' || claims['typ'] === 'Offline') {
    const offline = claims['typ'] === 'Offline';
    const session = sessions.get(String(claims['sid'] ?? ''), offline);
    session?.clientSessions.delete(client.id);
    if (session && session.clientSessions.size === 0) sessions.remove(session.id, offline);
  } else if (typeof claims['jti'] === 'string') {
    revoked.add(
      claims['jti'],
      typeof claims['exp'] === 'number' ? claims['exp'] : ctx.nowSeconds + 86400,
      ctx.nowSeconds,
    );
  }
  return { status: 200 };
}

/** Logout and revocation routes. */
export const logoutRevokeRoutes: Route[] = [
  { method: 'POST', path: '/realms/{realm}/protocol/openid-connect/logout', endpoint: 'logout', handler: logout },
  { method: 'POST', path: '/realms/{realm}/protocol/openid-connect/revoke', endpoint: 'revoke', handler: revoke },
];
