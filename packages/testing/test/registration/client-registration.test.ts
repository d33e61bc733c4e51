import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInitialAccessToken,
  settleDeviceCode,
  startKeycloak,
  type KeycloakTestServer,
} from '@keycloak-ts/testing';
import { demoRealm, postForm } from '../support.js';

let kc: KeycloakTestServer;
let base: string;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        ...demoRealm,
        clients: [
          ...(demoRealm.clients ?? []),
          { clientId: 'tv', publicClient: true, attributes: { 'oauth2.device.authorization.grant.enabled': 'true' } },
        ],
      },
    ],
  });
  base = `${kc.url}/realms/demo/clients-registrations/default`;
});
afterAll(() => kc.close());

function call(method: string, url: string, token: string | undefined, body?: unknown) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  return fetch(url, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  }).then(async (r) => ({
    status: r.status,
    body: (r.status === 204 ? undefined : await r.json()) as Record<string, unknown>,
  }));
}

describe('client registration (default provider)', () => {
  it('creates a client with an initial access token and answers a registration access token', async () => {
    const initial = await createInitialAccessToken(kc, 'demo', { count: 1, expiration: 60 });
    const created = await call('POST', base, initial.token, {
      clientId: 'registered',
      redirectUris: ['https://reg.example/*'],
      serviceAccountsEnabled: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      clientId: 'registered',
      redirectUris: ['https://reg.example/*'],
      publicClient: false,
    });
    expect(typeof created.body['secret']).toBe('string');
    expect(typeof created.body['registrationAccessToken']).toBe('string');
    const grant = await postForm(`${kc.url}/realms/demo/protocol/openid-connect/token`, {
      grant_type: 'client_credentials',
      client_id: 'registered',
      client_secret: String(created.body['secret']),
    });
    expect(grant.status).toBe(200);
  });

  it('uses up an initial access token after its count and refuses it afterwards', async () => {
    const initial = await createInitialAccessToken(kc, 'demo', { count: 1 });
    expect((await call('POST', base, initial.token, { clientId: 'once' })).status).toBe(201);
    expect(await call('POST', base, initial.token, { clientId: 'twice' })).toEqual({
      status: 401,
      body: { error: 'invalid_token', error_description: 'Initial Access Token not found' },
    });
  });

  it("refuses anonymous registration, bad tokens and a taken clientId with Keycloak's errors", async () => {
    expect(await call('POST', base, undefined, { clientId: 'anon' })).toEqual({
      status: 403,
      body: {
        error: 'insufficient_scope',
        error_description:
          "Policy 'Trusted Hosts' rejected request to client-registration service. Details: Host not trusted.",
      },
    });
    expect(await call('POST', base, 'not.a.token', { clientId: 'x' })).toEqual({
      status: 401,
      body: { error: 'invalid_token', error_description: 'Failed decode token' },
    });
    const initial = await createInitialAccessToken(kc, 'demo');
    expect(await call('POST', base, initial.token, { clientId: 'web' })).toEqual({
      status: 400,
      body: { error: 'invalid_client_metadata', error_description: 'Client Identifier in use' },
    });
    expect(await call('POST', base, initial.token, '{not json')).toEqual({
      status: 400,
      body: { error: 'invalid_client_metadata', error_description: 'Cannot parse the JSON' },
    });
    expect(
      (await call('POST', base, initial.token, { clientId: 'evil', redirectUris: ['javascript:alert(1)'] })).body,
    ).toEqual({ error: 'invalid_redirect_uri', error_description: 'A redirect URI uses an illegal scheme' });
  });

  it('reads with the registration access token, rotates it on update and deletes the client', async () => {
    const initial = await createInitialAccessToken(kc, 'demo');
    const created = await call('POST', base, initial.token, { clientId: 'lifecycle' });
    const first = String(created.body['registrationAccessToken']);
    expect(await call('GET', `${base}/lifecycle`, first)).toMatchObject({
      status: 200,
      body: { clientId: 'lifecycle' },
    });
    const updated = await call('PUT', `${base}/lifecycle`, first, {
      clientId: 'lifecycle',
      redirectUris: ['https://new.example/cb'],
    });
    expect(updated).toMatchObject({ status: 200, body: { redirectUris: ['https://new.example/cb'] } });
    const second = String(updated.body['registrationAccessToken']);
    expect(second).not.toBe(first);
    expect((await call('GET', `${base}/lifecycle`, first)).status).toBe(401);
    expect((await call('GET', `${base}/web`, second)).status).toBe(401);
    expect((await call('DELETE', `${base}/lifecycle`, second)).status).toBe(204);
    expect(kc.model.realm('demo')?.clients.has('lifecycle')).toBe(false);
  });

  it('validates the options of createInitialAccessToken', async () => {
    await expect(createInitialAccessToken(kc, 'demo', { count: -1 })).rejects.toThrow(/options\.count/);
    await expect(createInitialAccessToken(kc, 'nope')).rejects.toThrow(/realmName/);
  });
});

describe('settleDeviceCode', () => {
  it('approves a device from the test without a browser', async () => {
    const device = await postForm(`${kc.url}/realms/demo/protocol/openid-connect/auth/device`, { client_id: 'tv' });
    expect(settleDeviceCode(kc, 'demo', String(device.body['user_code']), { approveAs: 'alice' })).toBe(true);
    expect(settleDeviceCode(kc, 'demo', String(device.body['user_code']), 'deny')).toBe(false);
    const tokens = await postForm(`${kc.url}/realms/demo/protocol/openid-connect/token`, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: 'tv',
      device_code: String(device.body['device_code']),
    });
    expect(tokens.status).toBe(200);
  });
});
