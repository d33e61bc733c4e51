import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { basic, demoRealm, postForm } from '../../support.js';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;
let viewer: string;
let querier: string;

const FORBIDDEN = { error: 'HTTP 403 Forbidden' };
const call = (method: string, path: string, body?: unknown, as = token) =>
  adminCall(kc, method, `/demo${path}`, as, body);
const idOf = (location: string | null): string => (location ?? '').split('/').pop() ?? '';

async function create(rep: Record<string, unknown>): Promise<string> {
  const answer = await call('POST', '/clients', rep);
  expect(answer.status).toBe(201);
  return idOf(answer.headers.get('location'));
}

function clientCredentials(clientId: string, secret: string) {
  return postForm(
    `${kc.url}/realms/demo/protocol/openid-connect/token`,
    { grant_type: 'client_credentials' },
    { authorization: basic(clientId, secret) },
  );
}

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  addAdminUser(kc, 'demo', 'viewer', 'pw', 'realm-management', ['view-clients']);
  addAdminUser(kc, 'demo', 'querier', 'pw', 'realm-management', ['query-clients']);
  token = await tokenFor(kc, 'master', 'admin', 'admin');
  viewer = await tokenFor(kc, 'demo', 'viewer', 'pw');
  querier = await tokenFor(kc, 'demo', 'querier', 'pw');
});
afterAll(() => kc.close());

describe('creating clients', () => {
  it('answers 201 with the Location of the new client and Keycloak defaults', async () => {
    const answer = await call('POST', '/clients', { clientId: 'fresh', redirectUris: ['http://localhost/*'] });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toMatch(new RegExp(`^${kc.url}/admin/realms/demo/clients/[0-9a-f-]{36}$`));
    const got = await call('GET', `/clients/${idOf(answer.headers.get('location'))}`);
    expect(got.body).toMatchObject({
      clientId: 'fresh',
      enabled: true,
      publicClient: false,
      bearerOnly: false,
      standardFlowEnabled: true,
      protocol: 'openid-connect',
      clientAuthenticatorType: 'client-secret',
      redirectUris: ['http://localhost/*'],
      access: { view: true, configure: true, manage: true },
      defaultClientScopes: expect.arrayContaining(['profile', 'email', 'roles']),
      optionalClientScopes: expect.arrayContaining(['offline_access']),
    });
    expect((got.body as { secret: string }).secret).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it("refuses a taken clientId with 409 and Keycloak's message", async () => {
    expect(await call('POST', '/clients', { clientId: 'app' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Client app already exists' },
    });
  });

  it('refuses a blank clientId, an unknown field and a wrongly typed field with 400', async () => {
    expect(await call('POST', '/clients', { clientId: ' ' })).toMatchObject({
      status: 400,
      body: { errorMessage: 'Client id is missing' },
    });
    expect(await call('POST', '/clients', { clientId: 'x', colour: 'red' })).toMatchObject({
      status: 400,
      body: {
        error: expect.stringMatching(
          /^Invalid json representation for ClientRepresentation\. Unrecognized field "colour" at line 1 column \d+\.$/,
        ),
      },
    });
    expect(await call('POST', '/clients', { clientId: 'x', enabled: 'yes' })).toMatchObject({
      status: 400,
      body: { error: 'unknown_error', error_description: 'Cannot parse the JSON' },
    });
  });

  it('makes a confidential client with a service account usable at the token endpoint at once', async () => {
    const id = await create({ clientId: 'robot', serviceAccountsEnabled: true, standardFlowEnabled: false });
    const secret = (await call('GET', `/clients/${id}/client-secret`)).body as { type: string; value: string };
    expect(secret.type).toBe('secret');
    const granted = await clientCredentials('robot', secret.value);
    expect(granted.status).toBe(200);
    expect(typeof granted.body['access_token']).toBe('string');
  });

  it('regenerates the secret so the old one is refused and the new one works', async () => {
    const id = await create({ clientId: 'rotating', serviceAccountsEnabled: true, secret: 'first-secret' });
    const regenerated = await call('POST', `/clients/${id}/client-secret`);
    expect(regenerated.status).toBe(200);
    const fresh = (regenerated.body as { value: string }).value;
    expect(fresh).not.toBe('first-secret');
    expect((await clientCredentials('rotating', 'first-secret')).status).toBe(401);
    expect((await clientCredentials('rotating', fresh)).status).toBe(200);
  });

  it('needs manage-clients to create', async () => {
    expect(await call('POST', '/clients', { clientId: 'nope' }, viewer)).toMatchObject({
      status: 403,
      body: FORBIDDEN,
    });
  });
});

describe('listing and reading clients', () => {
  it('finds a client by exact clientId, or by substring with search=true', async () => {
    const exact = (await call('GET', '/clients?clientId=app')).body as { clientId: string }[];
    expect(exact.map((c) => c.clientId)).toEqual(['app']);
    const found = (await call('GET', '/clients?clientId=AP&search=true')).body as { clientId: string }[];
    expect(found.map((c) => c.clientId)).toEqual(expect.arrayContaining(['app', 'api']));
    expect(found.every((c) => c.clientId.toLowerCase().includes('ap'))).toBe(true);
  });

  it('pages with first and max', async () => {
    const all = (await call('GET', '/clients')).body as { id: string }[];
    const page = (await call('GET', '/clients?first=1&max=2')).body as { id: string }[];
    expect(page.map((c) => c.id)).toEqual(all.slice(1, 3).map((c) => c.id));
  });

  it('shows a query-clients caller the brief form only, and nothing with viewableOnly', async () => {
    const brief = (await call('GET', '/clients?clientId=app', undefined, querier)).body as Record<string, unknown>[];
    expect(brief).toEqual([{ id: expect.any(String), clientId: 'app' }]);
    expect((await call('GET', '/clients?viewableOnly=true', undefined, querier)).body).toEqual([]);
  });

  it('answers an unknown id with 404 for a caller who may list, 403 otherwise', async () => {
    expect(await call('GET', '/clients/nope')).toMatchObject({ status: 404, body: { error: 'Could not find client' } });
    const plain = await tokenFor(kc, 'demo', 'alice', 'wonder', 'web');
    expect(await call('GET', '/clients/nope', undefined, plain)).toMatchObject({ status: 403, body: FORBIDDEN });
  });

  it('answers 401 without a token', async () => {
    expect(await adminCall(kc, 'GET', '/demo/clients')).toMatchObject({
      status: 401,
      body: { error: 'HTTP 401 Unauthorized' },
    });
  });

  it('lets view-clients read but not change a client', async () => {
    const id = await create({ clientId: 'viewed' });
    expect((await call('GET', `/clients/${id}`, undefined, viewer)).body).toMatchObject({
      clientId: 'viewed',
      access: { view: true, manage: false },
    });
    expect(await call('PUT', `/clients/${id}`, { name: 'x' }, viewer)).toMatchObject({ status: 403, body: FORBIDDEN });
    expect(await call('DELETE', `/clients/${id}`, undefined, viewer)).toMatchObject({ status: 403, body: FORBIDDEN });
    expect(await call('POST', `/clients/${id}/client-secret`, undefined, viewer)).toMatchObject({
      status: 403,
      body: FORBIDDEN,
    });
  });
});

describe('updating and deleting clients', () => {
  it('changes only the fields sent and merges attributes', async () => {
    const id = await create({ clientId: 'edit-me', name: 'Before', attributes: { a: '1', b: '2' } });
    expect((await call('PUT', `/clients/${id}`, { name: 'After', attributes: { b: '', c: 3 } })).status).toBe(204);
    expect((await call('GET', `/clients/${id}`)).body).toMatchObject({
      clientId: 'edit-me',
      name: 'After',
      attributes: { a: '1', c: '3' },
    });
    expect(((await call('GET', `/clients/${id}`)).body as { attributes: object }).attributes).not.toHaveProperty('b');
  });

  it('renames a client unless the new clientId is taken', async () => {
    const id = await create({ clientId: 'old-name' });
    expect(await call('PUT', `/clients/${id}`, { clientId: 'app' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Client app already exists' },
    });
    expect((await call('PUT', `/clients/${id}`, { clientId: 'new-name' })).status).toBe(204);
    expect(((await call('GET', '/clients?clientId=new-name')).body as { id: string }[]).map((c) => c.id)).toEqual([id]);
  });

  it('gives a service account when enabled by update and removes it when disabled', async () => {
    const id = await create({ clientId: 'later-robot' });
    expect(await call('GET', `/clients/${id}/service-account-user`)).toMatchObject({
      status: 400,
      body: { error: "Service account not enabled for the client 'later-robot'" },
    });
    await call('PUT', `/clients/${id}`, { serviceAccountsEnabled: true });
    const user = await call('GET', `/clients/${id}/service-account-user`);
    expect(user.body).toMatchObject({ username: 'service-account-later-robot', enabled: true });
    expect(user.body).not.toHaveProperty('access');
    expect(user.body).not.toHaveProperty('serviceAccountClientId');
    await call('PUT', `/clients/${id}`, { serviceAccountsEnabled: false });
    expect(
      [...(kc.model.realm('demo')?.users.values() ?? [])].some((u) => u.username === 'service-account-later-robot'),
    ).toBe(false);
  });

  it('deletes a client with its service account, then answers 404', async () => {
    const id = await create({ clientId: 'doomed', serviceAccountsEnabled: true });
    expect((await call('DELETE', `/clients/${id}`)).status).toBe(204);
    expect(await call('GET', `/clients/${id}`)).toMatchObject({
      status: 404,
      body: { error: 'Could not find client' },
    });
    expect(
      [...(kc.model.realm('demo')?.users.values() ?? [])].some((u) => u.username === 'service-account-doomed'),
    ).toBe(false);
  });
});

describe('client extras', () => {
  it('answers the keycloak.json installation and 404 for another provider', async () => {
    const app = ((await call('GET', '/clients?clientId=app')).body as { id: string }[])[0]?.id ?? '';
    expect((await call('GET', `/clients/${app}/installation/providers/keycloak-oidc-keycloak-json`)).body).toEqual({
      realm: 'demo',
      'auth-server-url': `${kc.url}/`,
      'ssl-required': 'external',
      resource: 'app',
      credentials: { secret: 'app-secret' },
      'confidential-port': 0,
    });
    expect(await call('GET', `/clients/${app}/installation/providers/nope`)).toMatchObject({
      status: 404,
      body: { error: 'Unknown Provider' },
    });
  });

  it('answers management permissions as disabled and refuses to enable them as Keycloak without the feature', async () => {
    const app = ((await call('GET', '/clients?clientId=app')).body as { id: string }[])[0]?.id ?? '';
    expect(await call('GET', `/clients/${app}/management/permissions`)).toMatchObject({
      status: 200,
      body: { enabled: false },
    });
    expect(await call('PUT', `/clients/${app}/management/permissions`, { enabled: true })).toMatchObject({
      status: 501,
      body: { error: 'Feature not enabled' },
    });
  });

  it('answers certificate info from the client attributes', async () => {
    const id = await create({ clientId: 'jwt-client', attributes: { 'jwt.credential.certificate': 'MIIC' } });
    expect((await call('GET', `/clients/${id}/certificates/jwt.credential`)).body).toEqual({ certificate: 'MIIC' });
  });

  it('lists the sessions of a client and counts them in the realm stats', async () => {
    const id = ((await call('GET', '/clients?clientId=web')).body as { id: string }[])[0]?.id ?? '';
    await tokenFor(kc, 'demo', 'alice', 'wonder', 'web');
    const sessions = (await call('GET', `/clients/${id}/user-sessions`)).body as Record<string, unknown>[];
    expect(sessions[0]).toMatchObject({ username: 'alice', clients: { [id]: 'web' }, rememberMe: false });
    expect((await call('GET', `/clients/${id}/session-count`)).body).toEqual({ count: sessions.length });
    const stats = (await call('GET', '/client-session-stats')).body as Record<string, string>[];
    expect(stats).toContainEqual({ id, clientId: 'web', active: String(sessions.length), offline: '0' });
  });

  it('issues an initial access token that registers a client', async () => {
    const answer = await call('POST', '/clients-initial-access', { count: 1, expiration: 60 });
    expect(answer.status).toBe(201);
    const iat = answer.body as { token: string; count: number; remainingCount: number; expiration: number };
    expect(iat).toMatchObject({ count: 1, remainingCount: 1, expiration: 60 });
    const registered = await fetch(`${kc.url}/realms/demo/clients-registrations/default`, {
      method: 'POST',
      headers: { authorization: `Bearer ${iat.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'registered' }),
    });
    expect(registered.status).toBe(201);
    expect(await call('POST', '/clients-initial-access', { count: -1 })).toMatchObject({
      status: 400,
      body: { error: 'Invalid value for count' },
    });
  });
});
