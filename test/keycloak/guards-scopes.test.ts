import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, guardedApp, type GuardedApp } from './support/guard-apps.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

// OAuth scopes and named role refusals, end to end: Keycloak lists in the access token's `scope` claim the
// client scopes it granted (default ones always, optional ones only when the token request asks for them),
// and `protect({ scopes })` reads that claim; refusals name what is missing, roles as the spec wrote them.

const API = 'orders-api';
const WEB = 'shop-web';

let target: KeycloakTarget;
let realm: string;

/** A client scope whose name goes into the token's `scope` claim when granted (ClientScopeModel.isIncludeInTokenScope). */
async function createScope(name: string): Promise<string> {
  const created = await target.request('POST', `/admin/realms/${realm}/client-scopes`, {
    token: 'admin',
    json: { name, protocol: 'openid-connect', attributes: { 'include.in.token.scope': 'true' } },
  });
  expect(created.status).toBe(201);
  return (created.headers.get('location') ?? '').split('/').pop() ?? '';
}

async function token(username: string, scope?: string): Promise<{ raw: string; scope: unknown; aud: unknown }> {
  const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
    form: {
      grant_type: 'password',
      client_id: WEB,
      username,
      password: 'password',
      ...(scope === undefined ? {} : { scope }),
    },
  });
  const body = answer.json as { access_token: string; scope: string };
  expect(answer.status).toBe(200);
  const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1] ?? '', 'base64url').toString()) as {
    scope: unknown;
    aud: unknown;
  };
  // The token endpoint's `scope` answers what the token's claim lists (OAuth 2.0 §5.1).
  expect(body.scope).toBe(claims.scope);
  return { raw: body.access_token, scope: claims.scope, aud: claims.aud };
}

beforeAll(async () => {
  target = await openTarget();
  // No `clientScopes` in the representation: Keycloak then creates the realm's built-in scopes (profile, email,
  // roles, ...) that a representation listing its own would replace; ours are added through the admin API.
  realm = await target.createRealm('guards-scopes', {
    enabled: true,
    roles: { realm: [{ name: 'admin' }], client: { [API]: [{ name: 'writer' }] } },
    users: ['ada', 'bo'].map((username) => ({
      username,
      enabled: true,
      email: `${username}@example.com`,
      firstName: username,
      lastName: 'Shop',
      credentials: [{ type: 'password', value: 'password', temporary: false }],
      ...(username === 'ada' ? { realmRoles: ['admin'], clientRoles: { [API]: ['writer'] } } : {}),
    })),
    clients: [
      { clientId: API, publicClient: false, secret: 'orders-secret', standardFlowEnabled: false },
      {
        clientId: WEB,
        publicClient: true,
        directAccessGrantsEnabled: true,
        standardFlowEnabled: false,
        // The guard checks `aud` (keycloak.json verify-token-audience): Keycloak's way to put the API there.
        protocolMappers: [
          {
            name: `${API} audience`,
            protocol: 'openid-connect',
            protocolMapper: 'oidc-audience-mapper',
            config: { 'included.client.audience': API, 'access.token.claim': 'true', 'id.token.claim': 'false' },
          },
        ],
      },
    ],
  });
  const read = await createScope('orders:read');
  const write = await createScope('orders:write');
  const clients = await target.request('GET', `/admin/realms/${realm}/clients?clientId=${WEB}`, { token: 'admin' });
  const web = (clients.json as Array<{ id: string }>)[0]?.id ?? '';
  for (const id of [read, write]) {
    const put = await target.request('PUT', `/admin/realms/${realm}/clients/${web}/optional-client-scopes/${id}`, {
      token: 'admin',
    });
    expect(put.status).toBe(204);
  }
});
afterAll(() => target.close());

describe(`the scope claim of Keycloak's access tokens (${targetKind})`, () => {
  // Keycloak joins the granted scopes in the order of its client-scope map (by id, so random per realm), after
  // `openid` when it was asked for (TokenManager.attachAuthenticationSession): compared as sets.
  const words = (scope: unknown): string[] => String(scope).split(' ').sort();

  it('lists the default client scopes always, and an optional one only when the request asks for it', async () => {
    const plain = await token('ada');
    expect(plain.aud).toBe(API);
    expect(words(plain.scope)).toEqual(['email', 'profile']);
    expect(words((await token('ada', 'orders:read')).scope)).toEqual(['email', 'orders:read', 'profile']);
    const openid = String((await token('ada', 'openid orders:read orders:write')).scope);
    expect(openid.startsWith('openid ')).toBe(true);
    expect(words(openid)).toEqual(['email', 'openid', 'orders:read', 'orders:write', 'profile']);
  });

  it('refuses a scope the client may not request with invalid_scope', async () => {
    const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
      form: { grant_type: 'password', client_id: WEB, username: 'ada', password: 'password', scope: 'orders:delete' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'invalid_scope', error_description: 'Invalid scopes: orders:delete' });
  });
});

describe.each(ADAPTERS)(`%s guards with OAuth scopes and named role refusals (${targetKind})`, (adapter) => {
  const apps: GuardedApp[] = [];
  const app = async (spec: Parameters<typeof guardedApp>[2]) => {
    const made = await guardedApp(
      adapter,
      { serverUrl: target.url, realm, clientId: API, verifyTokenAudience: true },
      spec,
    );
    apps.push(made);
    return made;
  };
  afterAll(() => Promise.all(apps.map((made) => made.close())));
  const refusal = (description: string, scope?: string) => ({
    status: 403,
    headers: {
      'www-authenticate': `Bearer realm="${realm}", error="insufficient_scope", error_description="${description}"${
        scope === undefined ? '' : `, scope="${scope}"`
      }`,
    },
    body: { error: 'insufficient_scope', error_description: description },
  });

  it("lets a token through when its scope claim lists the route's scope, and names the scope otherwise", async () => {
    const reads = await app({ scopes: ['orders:read'] });
    expect(await reads.send('GET', '/orders', (await token('bo', 'orders:read')).raw)).toMatchObject({
      status: 200,
      body: { user: 'bo' },
    });
    expect(await reads.send('GET', '/orders', (await token('bo')).raw)).toMatchObject(
      refusal('Missing scopes: orders:read', 'orders:read'),
    );
  });

  it('needs every scope in mode all and one in mode any, with the scope attribute listing them', async () => {
    const both = await app({ scopes: ['orders:read', 'orders:write'], mode: 'all' });
    const reader = (await token('bo', 'orders:read')).raw;
    expect(await both.send('POST', '/orders', reader)).toMatchObject(
      refusal('Missing scopes: orders:write', 'orders:read orders:write'),
    );
    expect((await both.send('POST', '/orders', (await token('bo', 'orders:read orders:write')).raw)).status).toBe(200);
    const either = await app({ scopes: ['orders:write', 'orders:read'], mode: 'any' });
    expect((await either.send('GET', '/orders', reader)).status).toBe(200);
    expect(await either.send('GET', '/orders', (await token('bo')).raw)).toMatchObject(
      refusal('Missing one of the scopes: orders:write orders:read', 'orders:write orders:read'),
    );
  });

  it('combines roles and scopes: both must hold, and the refusal names the roles first', async () => {
    const admins = await app({ roles: ['realm:admin'], scopes: ['orders:read'] });
    expect((await admins.send('GET', '/orders', (await token('ada', 'orders:read')).raw)).status).toBe(200);
    expect(await admins.send('GET', '/orders', (await token('bo', 'orders:read')).raw)).toMatchObject(
      refusal('Missing roles: realm:admin'),
    );
    expect(await admins.send('GET', '/orders', (await token('ada')).raw)).toMatchObject(
      refusal('Missing scopes: orders:read', 'orders:read'),
    );
  });

  it('names the missing roles as the spec wrote them', async () => {
    const bo = (await token('bo')).raw;
    const all = await app({ roles: ['realm:admin', `${API}:writer`], mode: 'all' });
    expect((await all.send('GET', '/orders', (await token('ada')).raw)).status).toBe(200);
    expect(await all.send('GET', '/orders', bo)).toMatchObject(refusal(`Missing roles: realm:admin ${API}:writer`));
    const bare = await app({ roles: ['writer'] });
    expect(await bare.send('GET', '/orders', bo)).toMatchObject(refusal('Missing roles: writer'));
    const any = await app({ roles: ['realm:admin', 'writer'] });
    expect(await any.send('GET', '/orders', bo)).toMatchObject(refusal('Missing one of the roles: realm:admin writer'));
  });
});
