import type { ProtocolMapperRepresentation } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, guardedApp, type GuardedApp } from './support/guard-apps.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

// How Keycloak fills `aud`, which the guards check by default: the Audience mapper (oidc-audience-mapper,
// AudienceProtocolMapper.java) and the "audience resolve" mapper of the roles scope
// (AudienceResolveProtocolMapper.java, priority 30 in ProtocolMapperUtils, so after every Audience mapper),
// then the guards' answer to tokens whose `aud` does or does not name the API.

const audience = (name: string, config: Record<string, string>): ProtocolMapperRepresentation => ({
  name,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  config: { 'access.token.claim': 'true', 'introspection.token.claim': 'true', ...config },
});

const user = (username: string, clientRoles: Record<string, string[]>) => ({
  username,
  enabled: true,
  email: `${username}@example.com`,
  firstName: username,
  lastName: 'Tester',
  credentials: [{ type: 'password', value: 'password', temporary: false }],
  clientRoles,
});

let target: KeycloakTarget;
let realm: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('guards-audience', {
    enabled: true,
    roles: { client: { api: [{ name: 'viewer' }] } },
    users: [
      user('alice', { api: ['viewer'] }),
      user('bob', { account: ['view-profile', 'manage-account'] }),
      user('carol', {}),
    ],
    clients: [
      // The calling client of the README: an Audience mapper naming the API (Included Client Audience).
      {
        clientId: 'web',
        publicClient: true,
        directAccessGrantsEnabled: true,
        protocolMappers: [audience('api audience', { 'included.client.audience': 'api' })],
      },
      // An Included Custom Audience, and one mapper that also writes into the ID token.
      {
        clientId: 'mobile',
        publicClient: true,
        directAccessGrantsEnabled: true,
        protocolMappers: [
          audience('url audience', { 'included.custom.audience': 'https://api.example.com', 'id.token.claim': 'true' }),
        ],
      },
      // An Audience mapper that is not added to the access token writes nothing there.
      {
        clientId: 'quiet',
        publicClient: true,
        directAccessGrantsEnabled: true,
        protocolMappers: [audience('off', { 'included.client.audience': 'api', 'access.token.claim': 'false' })],
      },
      { clientId: 'partner', publicClient: true, directAccessGrantsEnabled: true },
      { clientId: 'api', secret: 'api-secret', directAccessGrantsEnabled: true },
    ],
  });
});
afterAll(() => target.close());

async function tokens(client: string, username: string): Promise<{ access: string; id: string }> {
  const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
    form: { grant_type: 'password', client_id: client, username, password: 'password', scope: 'openid' },
  });
  expect(answer.status).toBe(200);
  const body = answer.json as { access_token: string; id_token: string };
  return { access: body.access_token, id: body.id_token };
}

const audOf = (jwt: string): unknown =>
  (JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()) as { aud?: unknown }).aud;

describe(`Keycloak's audience mappers (${targetKind})`, () => {
  it('puts the Included Client Audience in the access token aud, not in the ID token', async () => {
    const { access, id } = await tokens('web', 'carol');
    expect(audOf(access)).toBe('api');
    expect(audOf(id)).toBe('web');
  });

  it('writes an Included Custom Audience, and into the ID token after the client when id.token.claim is on', async () => {
    const { access, id } = await tokens('mobile', 'carol');
    expect(audOf(access)).toBe('https://api.example.com');
    expect(audOf(id)).toEqual(['mobile', 'https://api.example.com']);
  });

  it('writes nothing into the access token when access.token.claim is off', async () => {
    expect(audOf((await tokens('quiet', 'carol')).access)).toBeUndefined();
  });

  it('lets "audience resolve" add every client whose roles the token carries, after the Audience mappers', async () => {
    expect(audOf((await tokens('partner', 'alice')).access)).toBe('api');
    expect(audOf((await tokens('partner', 'bob')).access)).toBe('account');
    expect(audOf((await tokens('partner', 'carol')).access)).toBeUndefined();
    expect(audOf((await tokens('web', 'bob')).access)).toEqual(['api', 'account']);
  });
});

describe.each(ADAPTERS)(`%s guard with the audience check on by default (${targetKind})`, (adapter) => {
  const apps: GuardedApp[] = [];
  const app = async (extra: object = {}): Promise<GuardedApp> => {
    const made = await guardedApp(adapter, { serverUrl: target.url, realm, clientId: 'api', ...extra }, undefined);
    apps.push(made);
    return made;
  };
  afterAll(() => Promise.all(apps.map((made) => made.close())));
  const refusal = (): string =>
    `Bearer realm="${realm}", error="invalid_token", error_description="The access token audience (aud) does not contain api; ` +
    `add an Audience mapper for api to a client scope of the calling client, or set the guard's tokenAudience option"`;

  it('accepts tokens whose aud names the API, by an Audience mapper or by "audience resolve"', async () => {
    const guarded = await app();
    expect(await guarded.send('GET', '/me', (await tokens('web', 'bob')).access)).toMatchObject({
      status: 200,
      body: { user: 'bob' },
    });
    expect((await guarded.send('GET', '/me', (await tokens('partner', 'alice')).access)).status).toBe(200);
  });

  it('refuses with 401 invalid_token a token whose aud is only account, or absent, or another audience', async () => {
    const guarded = await app();
    for (const [client, username] of [
      ['partner', 'bob'],
      ['partner', 'carol'],
      ['mobile', 'carol'],
      ['quiet', 'carol'],
    ] as const) {
      const reply = await guarded.send('GET', '/me', (await tokens(client, username)).access);
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toBe(refusal());
    }
  });

  it('in introspection mode, accepts a token whose aud names the API and explains the inactive answer of one that does not', async () => {
    // Keycloak 26.6.2+ answers introspection {"active": false} to a client not in the token's aud, like a revoked
    // token; the guard peeks at the aud to say which it likely is, and refuses either way.
    const introspecting = await app({ clientSecret: 'api-secret', validation: 'introspect' });
    expect((await introspecting.send('GET', '/me', (await tokens('web', 'bob')).access)).status).toBe(200);
    for (const [client, username] of [
      ['partner', 'bob'],
      ['partner', 'carol'],
    ] as const) {
      const reply = await introspecting.send('GET', '/me', (await tokens(client, username)).access);
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toBe(refusal());
    }
    // Turning the guard's own check off does not help: Keycloak itself answers the token inactive to api.
    const open = await app({ clientSecret: 'api-secret', validation: 'introspect', verifyTokenAudience: false });
    expect((await open.send('GET', '/me', (await tokens('partner', 'bob')).access)).headers['www-authenticate']).toBe(
      refusal(),
    );
  });

  it('in introspection mode, keeps the plain refusal of a token that names the API but is no longer active', async () => {
    const introspecting = await app({ clientSecret: 'api-secret', validation: 'introspect' });
    const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
      form: { grant_type: 'password', client_id: 'web', username: 'bob', password: 'password' },
    });
    const { access_token, refresh_token } = answer.json as { access_token: string; refresh_token: string };
    const logout = await target.request('POST', `/realms/${realm}/protocol/openid-connect/logout`, {
      form: { client_id: 'web', refresh_token },
    });
    expect(logout.status).toBe(204);
    const reply = await introspecting.send('GET', '/me', access_token);
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe(
      `Bearer realm="${realm}", error="invalid_token", error_description="The access token is invalid"`,
    );
  });

  it('accepts an audience listed in tokenAudience', async () => {
    const listed = await app({ tokenAudience: ['api', 'https://api.example.com'] });
    expect(await listed.send('GET', '/me', (await tokens('mobile', 'carol')).access)).toMatchObject({
      status: 200,
      body: { user: 'carol' },
    });
  });
});
