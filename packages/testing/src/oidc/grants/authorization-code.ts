import { oauthError } from '../../http/http-error.js';
import { effectiveUserRoles } from '../../model/roles.js';
import type { ClientModel, RealmModel, UserModel } from '../../model/types.js';
import type { Kernel } from '../../http/context.js';
import type { UserSession } from '../../sessions/session-store.js';
import { dpopBinding } from '../dpop/binding.js';
import { issueTokens } from '../../tokens/issuer.js';
import { appliedScopes } from '../../tokens/scopes.js';
import { browserFlowState } from '../authorize/state.js';
import { checkPkce } from './pkce.js';
import { tokenReply } from './token-reply.js';
import type { GrantContext } from '../../http/grant-registry.js';

// With offline_access the tokens belong to an offline copy of the session, as the password grant does.
function tokenSessionFor(
  kernel: Kernel,
  realm: RealmModel,
  client: ClientModel,
  user: UserModel,
  session: UserSession,
  scope: string,
  now: number,
): UserSession {
  if (!appliedScopes(realm, client, scope).some((s) => s.name === 'offline_access')) return session;
  const role = realm.roles.get('offline_access');
  if (!role || !effectiveUserRoles(user).has(role))
    throw oauthError(400, 'not_allowed', 'Offline tokens not allowed for the user or client');
  const offline =
    kernel.sessions.get(session.id, true) ?? kernel.sessions.create(realm, user.id, now, true, session.id);
  Object.assign(offline.notes, session.notes);
  offline.clientSessions.set(client.id, {
    clientId: client.id,
    started: now,
    timestamp: now,
    scope,
    currentRefreshTokenUseCount: 0,
  });
  return offline;
}

/** grant_type=authorization_code (AuthorizationCodeGrantType), checks and descriptions in Keycloak's order. */
export async function authorizationCodeGrant({ ctx, realm, form, client }: GrantContext) {
  const code = form.get('code');
  if (!code) throw oauthError(400, 'invalid_request', 'Missing parameter: code');
  const now = ctx.nowSeconds;
  const { codes } = browserFlowState(ctx.kernel);
  const found = codes.peek(code, now);
  const data = found?.value;
  if (!found || !data || data.realmId !== realm.id || data.used) {
    // A replayed code also detaches its client session, so tokens already issued from it stop refreshing.
    if (data?.used) ctx.kernel.sessions.get(data.sessionId, false)?.clientSessions.delete(data.clientUuid);
    throw oauthError(400, 'invalid_grant', 'Code not valid');
  }
  data.used = true;
  if (found.expired) throw oauthError(400, 'invalid_grant', 'Code is expired');
  const session = ctx.kernel.sessions.get(data.sessionId, false);
  const clientSession = session?.clientSessions.get(data.clientUuid);
  if (!session || !clientSession) throw oauthError(400, 'invalid_grant', 'User session not found');
  const user = realm.users.get(session.userId);
  if (!user) throw oauthError(400, 'invalid_grant', 'User not found');
  if (!user.enabled) throw oauthError(400, 'invalid_grant', 'User disabled');
  if (data.redirectUriParam !== undefined && data.redirectUriParam !== form.get('redirect_uri'))
    throw oauthError(400, 'invalid_grant', 'Incorrect redirect_uri');
  if (data.clientUuid !== client.id)
    throw oauthError(400, 'invalid_grant', 'Auth error: Found different client_id in clientSession');
  if (!client.standardFlowEnabled) throw oauthError(400, 'invalid_grant', 'Client not allowed to exchange code');
  if (!ctx.kernel.sessions.isValid(realm, session, now)) throw oauthError(400, 'invalid_grant', 'Session not active');
  checkPkce(form.get('code_verifier'), data.codeChallenge, data.codeChallengeMethod);

  clientSession.timestamp = now;
  session.lastSessionRefresh = now;
  const tokenSession = tokenSessionFor(ctx.kernel, realm, client, user, session, data.scope, now);
  const response = await issueTokens({
    dpop: dpopBinding(ctx),
    realm,
    client,
    user,
    session: tokenSession,
    clientSession: tokenSession.clientSessions.get(client.id),
    issuer: ctx.issuer(realm),
    scope: data.scope || undefined,
    nowSeconds: now,
    grant: 'ac',
    ...(data.nonce !== undefined ? { nonce: data.nonce } : {}),
    withRefreshToken: true,
  });
  return tokenReply(response);
}
