import { hasOtp, otpCodeValid } from '../../credentials/otp-verify.js';
import { oauthError } from '../../http/http-error.js';
import { effectiveUserRoles } from '../../model/roles.js';
import { findUserByLogin, passwordMatches } from '../../model/store.js';
import { dpopBinding } from '../dpop/binding.js';
import { issueTokens } from '../../tokens/issuer.js';
import { appliedScopes } from '../../tokens/scopes.js';
import { isValidScope } from '../internal/scope-check.js';
import { tokenReply } from './token-reply.js';
import type { GrantContext } from '../../http/grant-registry.js';

/** grant_type=password (ResourceOwnerPasswordCredentialsGrantType), with Keycloak's checks and errors. */
export async function passwordGrant({ ctx, realm, form, client }: GrantContext) {
  if (!client.directAccessGrantsEnabled)
    throw oauthError(400, 'unauthorized_client', 'Client not allowed for direct access grants');
  if (client.consentRequired) throw oauthError(400, 'invalid_client', 'Client requires user consent');
  // ResourceOwnerPasswordCredentialsGrantType checks the requested scopes before it authenticates the user.
  const requested = form.get('scope');
  if (!isValidScope(client, requested)) throw oauthError(400, 'invalid_scope', `Invalid scopes: ${requested}`);
  const username = form.get('username');
  if (!username) throw oauthError(401, 'invalid_request', 'Missing parameter: username');
  const user = findUserByLogin(realm, username);
  if (!user || user.serviceAccountClientId || !passwordMatches(user, form.get('password') ?? '')) {
    throw oauthError(400, 'invalid_grant', 'Invalid user credentials');
  }
  if (!user.enabled) throw oauthError(400, 'invalid_grant', 'Account disabled');
  // Direct Grant - Conditional OTP: users with an OTP credential must send it as `otp` (or the older `totp`).
  if (hasOtp(user) && !otpCodeValid(ctx.kernel, realm, user, form.get('otp') ?? form.get('totp') ?? '')) {
    throw oauthError(400, 'invalid_grant', 'Invalid user credentials');
  }
  if (user.requiredActions.length > 0) throw oauthError(400, 'invalid_grant', 'Account is not fully set up');

  const scope = form.get('scope');
  const now = ctx.nowSeconds;
  const { sessions } = ctx.kernel;
  const session = sessions.create(realm, user.id, now, false);
  session.clientSessions.set(client.id, {
    clientId: client.id,
    started: now,
    timestamp: now,
    scope: scope ?? '',
    currentRefreshTokenUseCount: 0,
  });
  const wantsOffline = appliedScopes(realm, client, scope).some((s) => s.name === 'offline_access');
  let tokenSession = session;
  if (wantsOffline) {
    const offlineRole = realm.roles.get('offline_access');
    if (!offlineRole || !effectiveUserRoles(user).has(offlineRole))
      throw oauthError(400, 'not_allowed', 'Offline tokens not allowed for the user or client');
    tokenSession = sessions.get(session.id, true) ?? sessions.create(realm, user.id, now, true, session.id);
    tokenSession.clientSessions.set(client.id, {
      clientId: client.id,
      started: now,
      timestamp: now,
      scope: scope ?? '',
      currentRefreshTokenUseCount: 0,
    });
  }
  const response = await issueTokens({
    dpop: dpopBinding(ctx),
    realm,
    client,
    user,
    session: tokenSession,
    clientSession: tokenSession.clientSessions.get(client.id),
    issuer: ctx.issuer(realm),
    scope,
    nowSeconds: now,
    grant: 'ro',
    withRefreshToken: true,
  });
  return tokenReply(response);
}
