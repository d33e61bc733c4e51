import { oauthError } from '../../http/http-error.js';
import { dpopBinding } from '../dpop/binding.js';
import { issueTokens } from '../../tokens/issuer.js';
import { deviceState } from '../device/device-store.js';
import { tokenReply } from './token-reply.js';
import type { GrantContext } from '../../http/grant-registry.js';

/** grant_type=urn:ietf:params:oauth:grant-type:device_code (DeviceGrantType.oauth2DeviceFlow), in its order. */
export async function deviceCodeGrant({ ctx, realm, form, client }: GrantContext) {
  if (client.attributes['oauth2.device.authorization.grant.enabled'] !== 'true') {
    throw oauthError(400, 'invalid_grant', 'Client not allowed OAuth 2.0 Device Authorization Grant');
  }
  const deviceCode = form.get('device_code');
  if (!deviceCode) throw oauthError(400, 'invalid_request', 'Missing parameter: device_code');
  const now = ctx.nowSeconds;
  const store = deviceState(ctx.kernel).byDeviceCode;
  const found = store.peek(deviceCode, now);
  if (!found || found.value.realmId !== realm.id || found.value.clientUuid !== client.id)
    throw oauthError(400, 'invalid_grant', 'Device code not valid');
  if (found.expired) throw oauthError(400, 'expired_token', 'Device code is expired');
  const authorization = found.value;
  if (
    authorization.lastPollSeconds !== undefined &&
    now < authorization.lastPollSeconds + authorization.intervalSeconds
  ) {
    throw oauthError(400, 'slow_down', 'Slow down');
  }
  authorization.lastPollSeconds = now;
  if (authorization.status === 'denied')
    throw oauthError(400, 'access_denied', 'The end user denied the authorization request');
  if (authorization.status === 'pending')
    throw oauthError(400, 'authorization_pending', 'The authorization request is still pending');

  store.delete(deviceCode);
  const session = ctx.kernel.sessions.get(authorization.sessionId ?? '', false);
  const user = session ? realm.users.get(session.userId) : undefined;
  if (!session || !user) throw oauthError(400, 'invalid_grant', 'User not found');
  if (!user.enabled) throw oauthError(400, 'invalid_grant', 'User disabled');
  if (!ctx.kernel.sessions.isValid(realm, session, now)) throw oauthError(400, 'invalid_grant', 'Session not active');
  const clientSession = session.clientSessions.get(client.id);
  if (!clientSession) throw oauthError(400, 'invalid_grant', 'Auth error');
  const response = await issueTokens({
    dpop: dpopBinding(ctx),
    realm,
    client,
    user,
    session,
    clientSession,
    issuer: ctx.issuer(realm),
    scope: authorization.scope || undefined,
    nowSeconds: now,
    grant: 'dg',
    ...(authorization.nonce ? { nonce: authorization.nonce } : {}),
    withRefreshToken: true,
  });
  return tokenReply(response);
}
