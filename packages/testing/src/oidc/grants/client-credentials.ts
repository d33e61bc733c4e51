import type { UserSession } from '../../sessions/session-store.js';
import { oauthError } from '../../http/http-error.js';
import { serviceAccountOf } from '../../model/store.js';
import { dpopBinding } from '../dpop/binding.js';
import { issueTokens } from '../../tokens/issuer.js';
import { isValidScope } from '../internal/scope-check.js';
import { tokenReply } from './token-reply.js';
import type { GrantContext } from '../../http/grant-registry.js';

/**
 * The service-account user a client acts as, with ClientCredentialsGrantType's refusals in its order. The UMA grant
 * without a bearer token runs the same grant (PermissionGrantType: "we issue a temporary access token").
 */
export function serviceAccountFor(realm: GrantContext['realm'], client: GrantContext['client']) {
  if (client.publicClient)
    throw oauthError(401, 'unauthorized_client', 'Public client not allowed to retrieve service account');
  if (!client.serviceAccountsEnabled)
    throw oauthError(401, 'unauthorized_client', 'Client not enabled to retrieve service account');
  const user = serviceAccountOf(realm, client);
  if (!user) throw oauthError(400, 'invalid_request', 'Service account user not found');
  if (!user.enabled) throw oauthError(400, 'invalid_request', `User '${user.username}' disabled`);
  return user;
}

/**
 * grant_type=client_credentials: a token for the client's service-account user. Keycloak 26 uses a transient
 * session (no sid, no refresh token) unless the client sets `client_credentials.use_refresh_token`.
 */
export async function clientCredentialsGrant({ ctx, realm, form, client }: GrantContext) {
  const user = serviceAccountFor(realm, client);
  const now = ctx.nowSeconds;
  const scope = form.get('scope');
  if (!isValidScope(client, scope)) throw oauthError(400, 'invalid_scope', `Invalid scopes: ${scope}`);
  const persistent = client.attributes['client_credentials.use_refresh_token'] === 'true';
  const notes = {
    clientHost: ctx.req.socket.remoteAddress ?? '',
    clientAddress: ctx.req.socket.remoteAddress ?? '',
    client_id: client.clientId,
  };
  let session: UserSession;
  if (persistent) session = ctx.kernel.sessions.create(realm, user.id, now, false);
  else
    session = {
      id: '',
      realmId: realm.id,
      userId: user.id,
      offline: false,
      started: now,
      lastSessionRefresh: now,
      notes: {},
      clientSessions: new Map(),
    };
  Object.assign(session.notes, notes);
  const clientSession = {
    clientId: client.id,
    started: now,
    timestamp: now,
    scope: scope ?? '',
    currentRefreshTokenUseCount: 0,
  };
  session.clientSessions.set(client.id, clientSession);
  const response = await issueTokens({
    dpop: dpopBinding(ctx),
    realm,
    client,
    user,
    session,
    clientSession,
    transient: !persistent,
    issuer: ctx.issuer(realm),
    scope,
    nowSeconds: now,
    grant: 'cc',
    withRefreshToken: persistent,
  });
  return tokenReply(response);
}
