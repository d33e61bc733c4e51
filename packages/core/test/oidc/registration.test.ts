import { KeycloakAuthenticationError, KeycloakOpenID } from '@keycloak-ts/core';
import { createInitialAccessToken, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/failure.js';
import { demoRealm } from './support/realm.js';

let kc: KeycloakTestServer;
let oidc: KeycloakOpenID;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  oidc = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'web' });
});
afterAll(async () => {
  await oidc.close();
  await kc.close();
});

/** The registration access token Keycloak returns with every registration answer. */
function registrationToken(representation: Record<string, unknown>): string {
  const token = representation['registrationAccessToken'];
  expect(typeof token).toBe('string');
  return token as string;
}

describe('registerClient', () => {
  it('creates a confidential client with an initial access token, which can then get tokens', async () => {
    const { token } = await createInitialAccessToken(kc, 'demo', { count: 1, expiration: 60 });
    const created = await oidc.registerClient(token, {
      clientId: 'registered',
      redirectUris: ['https://reg.example/*'],
      serviceAccountsEnabled: true,
    });
    expect(created).toMatchObject({
      clientId: 'registered',
      redirectUris: ['https://reg.example/*'],
      publicClient: false,
    });
    registrationToken(created);
    const registered = new KeycloakOpenID({
      serverUrl: kc.url,
      realmName: 'demo',
      clientId: 'registered',
      clientSecretKey: String(created['secret']),
    });
    const tokens = await registered.token('', '', { grantType: 'client_credentials' });
    expect((await registered.decodeToken(tokens.access_token)).azp).toBe('registered');
    await registered.close();
  });

  it('refuses an initial access token once its count is used up, as an authentication failure', async () => {
    const { token } = await createInitialAccessToken(kc, 'demo', { count: 1 });
    await oidc.registerClient(token, { clientId: 'once' });
    const error = await failure(oidc.registerClient(token, { clientId: 'twice' }));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.code).toBe('ERR_AUTHENTICATION');
    expect(error.status).toBe(401);
    expect(error.body).toEqual({ error: 'invalid_token', error_description: 'Initial Access Token not found' });
  });

  it("reports a taken clientId as a KeycloakPostError with Keycloak's body", async () => {
    const { token } = await createInitialAccessToken(kc, 'demo');
    const error = await failure(oidc.registerClient(token, { clientId: 'web' }));
    expect(error.name).toBe('KeycloakPostError');
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ error: 'invalid_client_metadata', error_description: 'Client Identifier in use' });
  });

  it('reports anonymous registration as forbidden by the Trusted Hosts policy', async () => {
    const error = await failure(oidc.registerClient('', { clientId: 'anon' }));
    expect(error.name).toBe('KeycloakPostError');
    expect(error.status).toBe(403);
    expect((error.body as { error: string }).error).toBe('insufficient_scope');
  });
});

describe('updateClient', () => {
  it('updates with the registration access token and rotates it: the old one stops working', async () => {
    const { token } = await createInitialAccessToken(kc, 'demo');
    const created = await oidc.registerClient(token, { clientId: 'lifecycle' });
    const first = registrationToken(created);
    const payload = { redirectUris: ['https://new.example/cb'] };
    const updated = await oidc.updateClient(first, 'lifecycle', payload);
    expect(updated).toMatchObject({ clientId: 'lifecycle', redirectUris: ['https://new.example/cb'] });
    expect(payload).toEqual({ redirectUris: ['https://new.example/cb'] });
    const second = registrationToken(updated);
    expect(second).not.toBe(first);

    const stale = await failure(oidc.updateClient(first, 'lifecycle', { description: 'late' }));
    expect(stale).toBeInstanceOf(KeycloakAuthenticationError);
    expect(stale.status).toBe(401);
    expect(JSON.stringify(stale.body) + stale.message).not.toContain(first);

    const third = await oidc.updateClient(second, 'lifecycle', { description: 'on time' });
    expect(third).toMatchObject({ description: 'on time' });
    expect(kc.model.realm('demo')?.clients.get('lifecycle')).toMatchObject({ description: 'on time' });
  });

  it('refuses a registration access token of another client', async () => {
    const { token } = await createInitialAccessToken(kc, 'demo');
    const mine = registrationToken(await oidc.registerClient(token, { clientId: 'mine' }));
    const error = await failure(oidc.updateClient(mine, 'web', { description: 'hijack' }));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.status).toBe(401);
  });
});
