import { randomBytes, randomInt } from 'node:crypto';
import { isValidScope } from '../internal/scope-check.js';
import type { RequestContext } from '../../http/context.js';
import { oauthError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { authenticateClient } from '../client-auth.js';
import { deviceState, deviceTimings } from './device-store.js';

// Keycloak's user codes avoid vowels-only confusion by using consonants; any A-Z works for the format.
const LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

function userCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += LETTERS[randomInt(LETTERS.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** POST auth/device (RFC 8628 3.1, DeviceEndpoint.handleDeviceRequest). */
async function deviceAuthorization(ctx: RequestContext): Promise<Reply> {
  const realm = ctx.realm();
  const form = await ctx.form();
  if (!realm.enabled) throw oauthError(403, 'access_denied', 'Realm not enabled');
  const client = await authenticateClient(ctx, realm, form);
  if (client.attributes['oauth2.device.authorization.grant.enabled'] !== 'true') {
    throw oauthError(
      400,
      'unauthorized_client',
      'Client is not allowed to initiate OAuth 2.0 Device Authorization Grant. The flow is disabled for the client.',
    );
  }
  const scope = form.get('scope');
  if (!isValidScope(client, scope)) throw oauthError(400, 'invalid_scope', `Invalid scopes: ${scope}`);
  const { lifespanSeconds, intervalSeconds } = deviceTimings(realm, client.attributes);
  const state = deviceState(ctx.kernel);
  let code = userCode();
  while (state.byUserCode.get(code, ctx.nowSeconds)) code = userCode();
  const authorization = {
    realmId: realm.id,
    clientUuid: client.id,
    deviceCode: randomBytes(32).toString('base64url'),
    userCode: code,
    scope: scope ?? '',
    nonce: form.get('nonce'),
    intervalSeconds,
    status: 'pending' as const,
  };
  const expiresAt = ctx.nowSeconds + lifespanSeconds;
  state.byDeviceCode.set(authorization.deviceCode, authorization, expiresAt);
  state.byUserCode.set(code, authorization, expiresAt);
  const verificationUri = `${ctx.issuer(realm)}/device`;
  return {
    status: 200,
    // DeviceEndpoint answers through Cors with CacheControlUtil.noCache(): no Pragma.
    headers: { 'cache-control': 'no-store, must-revalidate, max-age=0' },
    body: {
      device_code: authorization.deviceCode,
      user_code: code,
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?user_code=${code}`,
      expires_in: lifespanSeconds,
      interval: intervalSeconds,
    },
  };
}

/** The device authorization endpoint. */
export const deviceAuthorizationRoutes: Route[] = [
  {
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/auth/device',
    endpoint: 'device',
    handler: deviceAuthorization,
  },
];
