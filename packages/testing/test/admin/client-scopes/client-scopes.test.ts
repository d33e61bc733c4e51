import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm } from '../../support.js';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;
let viewer: string;
let clientsAdmin: string;

const FORBIDDEN = { error: 'HTTP 403 Forbidden' };
const call = (method: string, path: string, body?: unknown, as = token) =>
  adminCall(kc, method, `/demo${path}`, as, body);
const idOf = (location: string | null): string => (location ?? '').split('/').pop() ?? '';
const names = (body: unknown): string[] => (body as { name: string }[]).map((s) => s.name);

async function createScope(rep: Record<string, unknown>): Promise<string> {
  // Keycloak refuses a scope without a known protocol ("Unexpected protocol").
  const answer = await call('POST', '/client-scopes', { protocol: 'openid-connect', ...rep });
  expect(answer.status).toBe(201);
  return idOf(answer.headers.get('location'));
}

async function clientIdOf(clientId: string): Promise<string> {
  return ((await call('GET', `/clients?clientId=${clientId}`)).body as { id: string }[])[0]?.id ?? '';
}

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  addAdminUser(kc, 'demo', 'viewer', 'pw', 'realm-management', ['view-clients']);
  addAdminUser(kc, 'demo', 'clients-admin', 'pw', 'realm-management', ['manage-clients']);
  token = await tokenFor(kc, 'master', 'admin', 'admin');
  viewer = await tokenFor(kc, 'demo', 'viewer', 'pw');
  clientsAdmin = await tokenFor(kc, 'demo', 'clients-admin', 'pw');
});
afterAll(() => kc.close());

describe('client scopes', () => {
  it("lists the realm's scopes, mappers only where there are some", async () => {
    const scopes = (await call('GET', '/client-scopes')).body as Record<string, unknown>[];
    expect(names(scopes)).toEqual(expect.arrayContaining(['profile', 'email', 'roles', 'offline_access']));
    const offline = scopes.find((s) => s['name'] === 'offline_access');
    expect(offline).not.toHaveProperty('protocolMappers');
    expect(scopes.find((s) => s['name'] === 'email')?.['protocolMappers']).toEqual(
      expect.arrayContaining([expect.objectContaining({ protocolMapper: 'oidc-usermodel-property-mapper' })]),
    );
  });

  it('creates, reads, updates and deletes a scope', async () => {
    const id = await createScope({
      name: 'billing',
      description: 'Billing API',
      attributes: { 'include.in.token.scope': 'true' },
    });
    expect((await call('GET', `/client-scopes/${id}`)).body).toEqual({
      id,
      name: 'billing',
      description: 'Billing API',
      protocol: 'openid-connect',
      attributes: { 'include.in.token.scope': 'true' },
    });
    expect(
      (
        await call('PUT', `/client-scopes/${id}`, {
          description: 'Invoices',
          attributes: { 'display.on.consent.screen': 'false' },
        })
      ).status,
    ).toBe(204);
    expect((await call('GET', `/client-scopes/${id}`)).body).toMatchObject({
      description: 'Invoices',
      attributes: { 'include.in.token.scope': 'true', 'display.on.consent.screen': 'false' },
    });
    expect((await call('DELETE', `/client-scopes/${id}`)).status).toBe(204);
    expect(await call('GET', `/client-scopes/${id}`)).toMatchObject({
      status: 404,
      body: { error: 'Could not find client scope' },
    });
  });

  it('refuses a taken name with 409, a name with spaces with 400', async () => {
    expect(await call('POST', '/client-scopes', { name: 'profile', protocol: 'openid-connect' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Client Scope profile already exists' },
    });
    expect(await call('POST', '/client-scopes', { name: 'two words' })).toMatchObject({
      status: 400,
      body: { errorMessage: 'Unexpected name "two words" for ClientScope' },
    });
    expect(await call('POST', '/client-scopes', { name: 'x' })).toMatchObject({
      status: 400,
      body: { errorMessage: 'Unexpected protocol' },
    });
    expect(
      await call('POST', '/client-scopes', { name: 'ignores-unknown', protocol: 'openid-connect', mappers: [] }),
    ).toMatchObject({ status: 201 });
  });

  it('renames a scope everywhere it is linked', async () => {
    const id = await createScope({ name: 'before-rename' });
    const client = await clientIdOf('app');
    await call('PUT', `/clients/${client}/optional-client-scopes/${id}`);
    await call('PUT', `/default-optional-client-scopes/${id}`);
    await call('PUT', `/client-scopes/${id}`, { name: 'after-rename' });
    expect(names((await call('GET', `/clients/${client}/optional-client-scopes`)).body)).toContain('after-rename');
    expect(names((await call('GET', '/default-optional-client-scopes')).body)).toContain('after-rename');
    expect(await call('PUT', `/client-scopes/${id}`, { name: 'profile' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Client Scope profile already exists' },
    });
  });

  it('needs manage-clients to change scopes and a clients view right to read them', async () => {
    expect(await call('POST', '/client-scopes', { name: 'nope', protocol: 'openid-connect' }, viewer)).toMatchObject({
      status: 403,
      body: FORBIDDEN,
    });
    expect((await call('GET', '/client-scopes', undefined, viewer)).status).toBe(200);
    const plain = await tokenFor(kc, 'demo', 'alice', 'wonder', 'web');
    expect(await call('GET', '/client-scopes', undefined, plain)).toMatchObject({ status: 403, body: FORBIDDEN });
    expect(await adminCall(kc, 'GET', '/demo/client-scopes')).toMatchObject({ status: 401 });
  });
});

describe('default and optional client scopes of a client', () => {
  it('adds, lists and removes a default scope, in id-and-name form', async () => {
    const id = await createScope({ name: 'orders' });
    const client = await clientIdOf('app');
    expect((await call('PUT', `/clients/${client}/default-client-scopes/${id}`)).status).toBe(204);
    const defaults = (await call('GET', `/clients/${client}/default-client-scopes`)).body as Record<string, unknown>[];
    expect(defaults).toContainEqual({ id, name: 'orders' });
    expect((await call('PUT', `/clients/${client}/optional-client-scopes/${id}`)).status).toBe(204);
    expect(names((await call('GET', `/clients/${client}/optional-client-scopes`)).body)).not.toContain('orders');
    expect((await call('DELETE', `/clients/${client}/default-client-scopes/${id}`)).status).toBe(204);
    expect(names((await call('GET', `/clients/${client}/default-client-scopes`)).body)).not.toContain('orders');
  });

  it('answers an unknown scope with 404 and needs manage-clients', async () => {
    const client = await clientIdOf('app');
    expect(await call('PUT', `/clients/${client}/default-client-scopes/nope`)).toMatchObject({
      status: 404,
      body: { error: 'Client scope not found' },
    });
    const id = await createScope({ name: 'guarded' });
    expect(await call('PUT', `/clients/${client}/default-client-scopes/${id}`, undefined, viewer)).toMatchObject({
      status: 403,
      body: FORBIDDEN,
    });
  });

  it('puts an optional scope in tokens when asked for it', async () => {
    const id = await createScope({ name: 'reports', attributes: { 'include.in.token.scope': 'true' } });
    const web = await clientIdOf('web');
    await call('PUT', `/clients/${web}/optional-client-scopes/${id}`);
    const response = await fetch(`${kc.url}/realms/demo/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'web',
        username: 'alice',
        password: 'wonder',
        scope: 'openid reports',
      }),
    });
    expect(((await response.json()) as { scope: string }).scope.split(' ')).toContain('reports');
  });
});

describe('realm default client scopes', () => {
  it('adds and removes realm default and optional scopes with manage-realm', async () => {
    const id = await createScope({ name: 'realm-wide' });
    expect((await call('PUT', `/default-default-client-scopes/${id}`)).status).toBe(204);
    expect((await call('GET', '/default-default-client-scopes')).body).toContainEqual({
      id,
      name: 'realm-wide',
      protocol: 'openid-connect',
    });
    expect(await call('PUT', `/default-default-client-scopes/${id}`, undefined, clientsAdmin)).toMatchObject({
      status: 403,
      body: FORBIDDEN,
    });
    expect((await call('DELETE', `/default-default-client-scopes/${id}`)).status).toBe(204);
    expect(names((await call('GET', '/default-default-client-scopes')).body)).not.toContain('realm-wide');
    expect((await call('PUT', `/default-optional-client-scopes/${id}`)).status).toBe(204);
    expect(names((await call('GET', '/default-optional-client-scopes')).body)).toContain('realm-wide');
    expect(await call('DELETE', '/default-optional-client-scopes/nope')).toMatchObject({
      status: 404,
      body: { error: 'Client scope not found' },
    });
  });

  it('gives new clients the realm default scopes', async () => {
    const id = await createScope({ name: 'for-new-clients' });
    await call('PUT', `/default-default-client-scopes/${id}`);
    const created = await call('POST', '/clients', { clientId: 'newcomer' });
    const client = idOf(created.headers.get('location'));
    expect(names((await call('GET', `/clients/${client}/default-client-scopes`)).body)).toContain('for-new-clients');
  });
});

describe('protocol mappers', () => {
  const mapper = {
    name: 'tier',
    protocol: 'openid-connect',
    protocolMapper: 'oidc-hardcoded-claim-mapper',
    config: { 'claim.name': 'tier', 'claim.value': 'gold', 'access.token.claim': 'true', 'jsonType.label': 'String' },
  };

  it('adds a mapper to a client that shows in its tokens, then updates and removes it', async () => {
    const client = await clientIdOf('web');
    const created = await call('POST', `/clients/${client}/protocol-mappers/models`, mapper);
    expect(created.status).toBe(201);
    const mapperId = idOf(created.headers.get('location'));
    expect(created.headers.get('location')).toBe(
      `${kc.url}/admin/realms/demo/clients/${client}/protocol-mappers/models/${mapperId}`,
    );
    // Keycloak adds introspection.token.claim, following access.token.claim, when the mapper does not set it.
    const stored = { ...mapper, config: { ...mapper.config, 'introspection.token.claim': 'true' } };
    expect((await call('GET', `/clients/${client}/protocol-mappers/models/${mapperId}`)).body).toEqual({
      id: mapperId,
      ...stored,
      consentRequired: false,
    });
    const accessToken = async (): Promise<Record<string, unknown>> => {
      const answer = await fetch(`${kc.url}/realms/demo/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: 'web', username: 'alice', password: 'wonder' }),
      });
      const jwt = ((await answer.json()) as { access_token: string }).access_token;
      return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    };
    expect((await accessToken())['tier']).toBe('gold');
    expect(
      (
        await call('PUT', `/clients/${client}/protocol-mappers/models/${mapperId}`, {
          ...mapper,
          config: { ...mapper.config, 'claim.value': 'silver' },
        })
      ).status,
    ).toBe(204);
    expect((await accessToken())['tier']).toBe('silver');
    expect((await call('DELETE', `/clients/${client}/protocol-mappers/models/${mapperId}`)).status).toBe(204);
    expect(await call('GET', `/clients/${client}/protocol-mappers/models/${mapperId}`)).toMatchObject({
      status: 404,
      body: { error: 'Model not found' },
    });
  });

  it('refuses a second mapper with the same name, and a mapper without a type', async () => {
    const client = await clientIdOf('app');
    await call('POST', `/clients/${client}/protocol-mappers/models`, { ...mapper, name: 'twice' });
    expect(
      await call('POST', `/clients/${client}/protocol-mappers/models`, { ...mapper, name: 'twice' }),
    ).toMatchObject({ status: 409, body: { errorMessage: 'Protocol mapper exists with same name' } });
    expect(await call('POST', `/clients/${client}/protocol-mappers/models`, { name: 'typeless' })).toMatchObject({
      status: 404,
      body: { error: 'ProtocolMapper provider not found' },
    });
    expect(
      await call('POST', `/clients/${client}/protocol-mappers/models`, { ...mapper, name: 'y' }, viewer),
    ).toMatchObject({ status: 403, body: FORBIDDEN });
  });

  it('manages the mappers of a client scope, one at a time or in bulk', async () => {
    const scope = await createScope({ name: 'with-mappers' });
    const created = await call('POST', `/client-scopes/${scope}/protocol-mappers/models`, mapper);
    const mapperId = idOf(created.headers.get('location'));
    expect(
      (await call('POST', `/client-scopes/${scope}/protocol-mappers/add-models`, [{ ...mapper, name: 'second' }]))
        .status,
    ).toBe(204);
    expect(names((await call('GET', `/client-scopes/${scope}/protocol-mappers/models`)).body)).toEqual([
      'tier',
      'second',
    ]);
    expect(names((await call('GET', `/client-scopes/${scope}/protocol-mappers/protocol/saml`)).body)).toEqual([]);
    expect(
      (await call('PUT', `/client-scopes/${scope}/protocol-mappers/models/${mapperId}`, { ...mapper, name: 'renamed' }))
        .status,
    ).toBe(204);
    expect((await call('DELETE', `/client-scopes/${scope}/protocol-mappers/models/${mapperId}`)).status).toBe(204);
    expect(names((await call('GET', `/client-scopes/${scope}/protocol-mappers/models`)).body)).toEqual(['second']);
    expect(await call('GET', '/client-scopes/nope/protocol-mappers/models')).toMatchObject({
      status: 404,
      body: { error: 'Could not find client scope' },
    });
  });
});
