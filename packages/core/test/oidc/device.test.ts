import { KeycloakAuthenticationError, KeycloakOpenID, type TokenResponse } from '@keycloak-ts/core';
import { settleDeviceCode, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/failure.js';
import { audienceMapper, demoRealm } from './support/realm.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const deviceEnabled = { 'oauth2.device.authorization.grant.enabled': 'true' };
let kc: KeycloakTestServer;
let tv: KeycloakOpenID;
let console_: KeycloakOpenID;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        ...demoRealm,
        clients: [
          ...(demoRealm.clients ?? []),
          { clientId: 'tv', publicClient: true, attributes: deviceEnabled },
          // It introspects its own tokens, which Keycloak 26.6.2+ answers only to a client in their aud.
          {
            clientId: 'console',
            secret: 'console-secret',
            attributes: deviceEnabled,
            protocolMappers: [audienceMapper('console')],
          },
        ],
      },
    ],
  });
  tv = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'tv' });
  console_ = new KeycloakOpenID({
    serverUrl: kc.url,
    realmName: 'demo',
    clientId: 'console',
    clientSecretKey: 'console-secret',
  });
});
afterAll(async () => {
  await Promise.all([tv.close(), console_.close()]);
  await kc.close();
});

function poll(oidc: KeycloakOpenID, deviceCode: string): Promise<TokenResponse> {
  return oidc.token('', '', { grantType: DEVICE_GRANT, deviceCode });
}

describe('device authorization grant', () => {
  it('starts with the RFC 8628 answer python-keycloak expects', async () => {
    const started = await tv.device();
    expect(started).toEqual({
      device_code: expect.any(String),
      user_code: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      verification_uri: `${kc.url}/realms/demo/device`,
      verification_uri_complete: `${kc.url}/realms/demo/device?user_code=${started.user_code}`,
      expires_in: 600,
      interval: 5,
    });
  });

  it('answers authorization_pending, then slow_down, as KeycloakPostError with the redacted body', async () => {
    const { device_code: deviceCode } = await tv.device({ scope: 'openid' });
    const pending = await failure(poll(tv, deviceCode));
    expect(pending.name).toBe('KeycloakPostError');
    expect(pending.code).toBe('ERR_HTTP');
    expect(pending.status).toBe(400);
    expect(pending.body).toEqual({
      error: 'authorization_pending',
      error_description: 'The authorization request is still pending',
    });
    const slow = await failure(poll(tv, deviceCode));
    expect(slow.status).toBe(400);
    expect(slow.body).toEqual({ error: 'slow_down', error_description: 'Slow down' });
    expect(slow.message).not.toContain(deviceCode);
  });

  it('returns tokens of the approving user once the device code is settled, and only once', async () => {
    const started = await tv.device({ scope: 'openid' });
    await failure(poll(tv, started.device_code));
    expect(settleDeviceCode(kc, 'demo', started.user_code, { approveAs: 'alice' })).toBe(true);
    kc.clock.advance(5_000);
    const tokens = await poll(tv, started.device_code);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.scope?.split(' ')).toContain('openid');
    expect(typeof tokens.id_token).toBe('string');
    const claims = await tv.decodeToken(tokens.access_token);
    expect(claims).toMatchObject({ preferred_username: 'alice', azp: 'tv' });
    const refreshed = await tv.refreshToken(tokens.refresh_token ?? '');
    expect((await tv.decodeToken(refreshed.access_token)).sid).toBe(claims.sid);
    const again = await failure(poll(tv, started.device_code));
    expect(again).toBeInstanceOf(KeycloakAuthenticationError);
    expect(again.body).toEqual({ error: 'invalid_grant', error_description: 'Device code not valid' });
  });

  it('lets a confidential client poll with its secret', async () => {
    const started = await console_.device();
    settleDeviceCode(kc, 'demo', started.user_code, { approveAs: 'alice' });
    const tokens = await poll(console_, started.device_code);
    expect(await console_.introspect(tokens.access_token)).toMatchObject({
      active: true,
      client_id: 'console',
      username: 'alice',
    });
  });

  it('reports a denied request as access_denied', async () => {
    const started = await tv.device();
    expect(settleDeviceCode(kc, 'demo', started.user_code, 'deny')).toBe(true);
    const denied = await failure(poll(tv, started.device_code));
    expect(denied.name).toBe('KeycloakPostError');
    expect(denied.status).toBe(400);
    expect(denied.body).toEqual({
      error: 'access_denied',
      error_description: 'The end user denied the authorization request',
    });
  });

  it('reports an expired device code as expired_token', async () => {
    const started = await tv.device();
    kc.clock.advance(601_000);
    const expired = await failure(poll(tv, started.device_code));
    kc.clock.advance(-601_000);
    expect(expired.body).toEqual({ error: 'expired_token', error_description: 'Device code is expired' });
  });

  it('reports a client without the device grant as a KeycloakPostError, not an authentication failure', async () => {
    const web = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'web' });
    const error = await failure(web.device());
    await web.close();
    expect(error.name).toBe('KeycloakPostError');
    expect(error.code).toBe('ERR_HTTP');
    expect(error.status).toBe(400);
    expect(error.body).toEqual({
      error: 'unauthorized_client',
      error_description:
        'Client is not allowed to initiate OAuth 2.0 Device Authorization Grant. The flow is disabled for the client.',
    });
  });
});
