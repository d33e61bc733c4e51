import { KeycloakOpenID, KeycloakOpenIDConnection, KeycloakUMA, Resource, Scope } from '@keycloak-ts/core';
import { generateTotp } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkPages } from './support/form-browser.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';
import { claimsOf, clientKid, clientPrivateKey, OTP_SECRET, protocolRealm } from './support/protocol-realm.js';

let target: KeycloakTarget;
let realm: string;
let issuer: string;
let app: KeycloakOpenID;
let api: KeycloakOpenID;
const closers: { close(): Promise<void> }[] = [];

function openid(
  clientId: string,
  extra: Partial<ConstructorParameters<typeof KeycloakOpenID>[0]> = {},
): KeycloakOpenID {
  const client = new KeycloakOpenID({ serverUrl: target.url, realmName: realm, clientId, ...extra });
  closers.push(client);
  return client;
}

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('openid-client-core', protocolRealm());
  issuer = `${target.url}/realms/${realm}`;
  app = openid('app', { clientSecretKey: 'app-secret' });
  api = openid('api', { clientSecretKey: 'api-secret' });
});
afterAll(async () => {
  for (const client of closers) await client.close();
  await target.close();
});

describe(`KeycloakOpenID against ${targetKind}`, () => {
  it('reads the discovery document', async () => {
    const doc = await app.wellKnown();
    expect(doc.issuer).toBe(issuer);
    expect(doc.token_endpoint).toBe(`${issuer}/protocol/openid-connect/token`);
  });

  it('reads the realm keys', async () => {
    const jwks = await app.certs();
    expect(jwks.keys.map((k) => k['alg']).sort()).toEqual(['RS256', 'RSA-OAEP']);
  });

  it('logs in with a password (openid by default) and decodes the verified token', async () => {
    const tokens = await app.token('alice', 'alice-pw');
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.id_token).toBeDefined();
    const claims = await app.decodeToken(tokens.access_token, { tokenType: 'Bearer' });
    expect(claims).toMatchObject({ iss: issuer, azp: 'app', preferred_username: 'alice' });
  });

  it('refuses a wrong password with KeycloakAuthenticationError and Keycloak status 400', async () => {
    const failure = await app.token('alice', 'wrong').catch((e: unknown) => e);
    expect(failure).toMatchObject({
      name: 'KeycloakAuthenticationError',
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid user credentials' },
    });
  });

  it('logs a user with OTP in with totp', async () => {
    const tokens = await app.token('otto', 'otto-pw', {
      totp: generateTotp(OTP_SECRET, { timeMs: target.server?.clock.now() ?? Date.now() }),
    });
    expect(claimsOf(tokens.access_token)['preferred_username']).toBe('otto');
  });

  it('gets a service-account token with client_credentials', async () => {
    const tokens = await app.token('', '', { grantType: 'client_credentials', scope: 'profile' });
    expect(claimsOf(tokens.access_token)['preferred_username']).toBe('service-account-app');
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('authenticates with client_secret_basic, client_secret_jwt and private_key_jwt', async () => {
    const basic = openid('app', { clientSecretKey: 'app-secret', clientAuthMethod: 'client_secret_basic' });
    const secretJwt = openid('jwt-secret', {
      clientSecretKey: 'a-secret-long-enough-for-hs256-signing-0123456789',
      clientAuthMethod: 'client_secret_jwt',
    });
    const keyJwt = openid('jwt-key', {
      clientAuthMethod: 'private_key_jwt',
      privateKey: clientPrivateKey,
      privateKeyId: clientKid,
    });
    for (const [client, azp] of [
      [basic, 'app'],
      [secretJwt, 'jwt-secret'],
      [keyJwt, 'jwt-key'],
    ] as const) {
      const tokens = await client.token('', '', { grantType: 'client_credentials', scope: 'profile' });
      expect(claimsOf(tokens.access_token)['azp']).toBe(azp);
    }
  });

  it('refreshes a token in the same session', async () => {
    const first = await app.token('alice', 'alice-pw');
    const next = await app.refreshToken(first.refresh_token!);
    expect(next.session_state).toBe(first.session_state);
  });

  it('reads userinfo as claims, and as the compact JWT for a signed-userinfo client', async () => {
    const tokens = await app.token('alice', 'alice-pw');
    expect(await app.userinfo(tokens.access_token)).toMatchObject({
      preferred_username: 'alice',
      email: 'alice@example.com',
    });
    const signer = openid('signed-userinfo', { clientSecretKey: 'su-secret' });
    const signed = await signer.userinfo((await signer.token('alice', 'alice-pw')).access_token);
    expect(typeof signed).toBe('string');
    expect(claimsOf(signed)).toMatchObject({ aud: 'signed-userinfo', iss: issuer, preferred_username: 'alice' });
  });

  it('introspects an access token active, and inactive after logout', async () => {
    const tokens = await app.token('alice', 'alice-pw');
    expect(await api.introspect(tokens.access_token)).toMatchObject({
      active: true,
      username: 'alice',
      client_id: 'app',
      token_type: 'Bearer',
    });
    await app.logout(tokens.refresh_token!);
    expect(await api.introspect(tokens.access_token)).toEqual({ active: false });
  });

  it('introspects its own refresh token with tokenTypeHint refresh_token', async () => {
    const tokens = await app.token('alice', 'alice-pw');
    expect(await app.introspect(tokens.refresh_token!)).toEqual({ active: false });
    expect(await app.introspect(tokens.refresh_token!, { tokenTypeHint: 'refresh_token' })).toMatchObject({
      active: true,
      typ: 'Refresh',
      token_type: 'Refresh',
    });
  });

  it('exchanges a token with the standard exchange (access token requested)', async () => {
    const tokens = await app.token('alice', 'alice-pw');
    const exchanged = await app.exchangeToken(tokens.access_token, {
      requestedTokenType: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'api',
      scope: 'profile',
    });
    expect(exchanged.issued_token_type).toBe('urn:ietf:params:oauth:token-type:access_token');
    expect(claimsOf(exchanged.access_token)['aud']).toBe('api');
  });

  it("refuses the standard exchange's refresh token type with KeycloakPostError 400", async () => {
    const tokens = await app.token('alice', 'alice-pw');
    const failure = await app.exchangeToken(tokens.access_token).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'requested_token_type unsupported' },
    });
  });

  it('exchanges with the legacy exchange: python-keycloak defaults give a refresh token', async () => {
    const legacy = openid('legacy', { clientSecretKey: 'legacy-secret' });
    const tokens = await legacy.token('alice', 'alice-pw');
    const exchanged = await legacy.exchangeToken(tokens.access_token);
    expect(exchanged.issued_token_type).toBe('urn:ietf:params:oauth:token-type:refresh_token');
    expect(claimsOf(exchanged.refresh_token)['typ']).toBe('Refresh');
  });

  it('answers a pending device poll authorization_pending, and a second one within the interval slow_down', async () => {
    const tv = openid('tv');
    const device = await tv.device();
    const poll = () =>
      tv
        .token('', '', { grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.device_code })
        .catch((e: unknown) => e);
    expect(await poll()).toMatchObject({
      name: 'KeycloakPostError',
      status: 400,
      body: { error: 'authorization_pending' },
    });
    expect(await poll()).toMatchObject({
      name: 'KeycloakPostError',
      status: 400,
      body: { error: 'slow_down', error_description: 'Slow down' },
    });
  });

  it('runs the device grant: device(), the user approves, then tokens', async () => {
    const tv = openid('tv');
    const device = await tv.device();
    expect(device.verification_uri).toBe(`${issuer}/device`);
    await walkPages(device.verification_uri_complete!, 'alice', 'alice-pw');
    const tokens = await tv.token('', '', {
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: device.device_code,
    });
    expect(claimsOf(tokens.access_token)).toMatchObject({ azp: 'tv', preferred_username: 'alice' });
  });

  it('reports the legacy entitlement API as gone (ERR_DEPRECATED)', async () => {
    const tokens = await app.token('alice', 'alice-pw');
    await expect(app.entitlement(tokens.access_token, 'api')).rejects.toMatchObject({ code: 'ERR_DEPRECATED' });
  });

  it('lists UMA permissions and answers hasUmaAccess', async () => {
    const alice = (await app.token('alice', 'alice-pw')).access_token;
    const granted = await app.umaPermissions(alice, 'photos#view', { audience: 'api' });
    expect(granted).toEqual([expect.objectContaining({ rsname: 'photos', scopes: ['view'] })]);
    expect(await app.hasUmaAccess(alice, 'photos#view', { audience: 'api' })).toEqual({
      is_logged_in: true,
      is_authorized: true,
      missing_permissions: [],
    });
    expect(await app.hasUmaAccess(alice, 'photos#delete', { audience: 'api' })).toEqual({
      is_logged_in: true,
      is_authorized: false,
      missing_permissions: ['photos#delete'],
    });
  });

  it('answers hasUmaAccess for a token Keycloak refuses as not logged in', async () => {
    expect(await app.hasUmaAccess('not-a-token', 'photos#view', { audience: 'api' })).toEqual({
      is_logged_in: false,
      is_authorized: false,
      missing_permissions: ['photos#view'],
    });
  });
});

describe(`KeycloakUMA against ${targetKind}`, () => {
  let uma: KeycloakUMA;
  beforeAll(() => {
    uma = new KeycloakUMA({
      connection: new KeycloakOpenIDConnection({
        serverUrl: target.url,
        realmName: realm,
        clientId: 'api',
        clientSecretKey: 'api-secret',
      }),
    });
  });

  it('reads the UMA configuration', async () => {
    const config = await uma.umaWellKnown();
    expect(config.resource_registration_endpoint).toBe(`${issuer}/authz/protection/resource_set`);
  });

  it('creates, reads, updates, lists and deletes a resource', async () => {
    const created = await uma.resourceSetCreate({
      name: 'core-album',
      type: 'urn:api:album',
      resource_scopes: ['view'],
    });
    expect(created).toMatchObject({ name: 'core-album', _id: expect.any(String) });
    const id = String(created._id);
    expect(await uma.resourceSetRead(id)).toMatchObject({ name: 'core-album', type: 'urn:api:album' });
    await uma.resourceSetUpdate(id, { name: 'core-album', type: 'urn:api:album2' });
    expect((await uma.resourceSetRead(id)).type).toBe('urn:api:album2');
    expect(await uma.resourceSetListIds({ name: 'core-album', exactName: true })).toEqual([id]);
    await uma.resourceSetDelete(id);
    await expect(uma.resourceSetRead(id)).rejects.toMatchObject({ status: 404 });
  });

  it('creates a permission ticket by resource name', async () => {
    const answer = await uma.permissionTicketCreate([new Resource('photos').with(new Scope('view'))]);
    expect(claimsOf(answer.ticket)).toMatchObject({ azp: 'api', aud: issuer });
  });

  it('checks permissions with a user token', async () => {
    const alice = (await app.token('alice', 'alice-pw')).access_token;
    expect(await uma.permissionsCheck(alice, ['photos#view'])).toBe(true);
    expect(await uma.permissionsCheck(alice, ['photos#delete'])).toBe(false);
  });
});
