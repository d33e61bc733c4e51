import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Keycloak } from '@keycloak-ts/express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, guardedApp, type AdapterName, type GuardedApp } from './support/guard-apps.js';
import { guardsRealm, RESOURCE_SERVER, userToken } from './support/guards-realm.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

/**
 * keycloak-client's PolicyEnforcerTest and EnforcerConfigTest, end to end through both guards, with their
 * `authorization-test/enforcer-*.json` configs (realm, url and secret of this run), against the realm of
 * ./support/guards-realm.ts. Where we answer otherwise on purpose, the row says so: a request without a
 * token is answered 401 with a Bearer challenge (RFC 6750) where Keycloak's servlet enforcer answers 403.
 */
let target: KeycloakTarget;
let realm: string;
let marta: string;
let claimSource: Server;
let claimUrl: string;
const claimCalls: string[] = [];

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('guards-enforcer', guardsRealm());
  marta = await userToken(target, realm, 'marta');
  claimSource = createServer((req, res) => {
    claimCalls.push(req.url ?? '');
    if (req.url?.startsWith('/down')) return void res.writeHead(500).end();
    if (req.url?.startsWith('/hang')) return; // answers never: the guard's timeout ends the call
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ 'claim-a': 'from-http' }));
  });
  await new Promise<void>((resolve) => claimSource.listen(0, '127.0.0.1', resolve));
  claimUrl = `http://127.0.0.1:${(claimSource.address() as AddressInfo).port}`;
});
afterAll(async () => {
  claimSource.closeAllConnections();
  await new Promise<void>((resolve) => claimSource.close(() => resolve()));
  await target.close();
});

/** A keycloak-client test config, pointed at this run's realm. */
const keycloakJson = (extra: Record<string, unknown>) => ({
  realm,
  'auth-server-url': target.url,
  resource: RESOURCE_SERVER.clientId,
  credentials: { secret: RESOURCE_SERVER.secret },
  ...extra,
});
const forbidden = () =>
  `Bearer realm="${realm}", error="insufficient_scope", error_description="The access token does not grant access to this resource"`;

describe.each(ADAPTERS)(`%s policy enforcer decides as Keycloak's (${targetKind})`, (adapter: AdapterName) => {
  const apps: GuardedApp[] = [];
  const app = async (config: Record<string, unknown>, withSecret = false) => {
    const made = await guardedApp(
      adapter,
      {
        serverUrl: target.url,
        realm,
        clientId: RESOURCE_SERVER.clientId,
        ...(withSecret ? { clientSecret: RESOURCE_SERVER.secret } : {}),
      },
      { config },
    );
    apps.push(made);
    return made;
  };
  afterAll(() => Promise.all(apps.map((made) => made.close())));

  it('PolicyEnforcerTest.testBearerOnlyClientResponse (enforcer-bearer-only.json): paths from the server, mutated URIs decided alike', async () => {
    const enforcer = await app(keycloakJson({}));
    expect(await enforcer.send('GET', '/api/resourcea')).toMatchObject({
      status: 401,
      headers: { 'www-authenticate': `Bearer realm="${realm}"` },
    }); // Keycloak: 403
    expect(await enforcer.send('GET', '/api/resourcea', marta)).toMatchObject({
      status: 200,
      body: { user: 'marta', permissions: [expect.objectContaining({ rsname: 'Resource A' })] },
    });
    for (const mutated of [
      '/api/resourcea;x=1',
      '/api/resourcea/',
      '/api/foo/../resourcea',
      '/api/%72esourcea',
      '/api/resourcea;x=1/',
    ]) {
      expect((await enforcer.send('GET', mutated, marta)).status, mutated).toBe(200);
    }
    expect(await enforcer.send('GET', '/api/resourceb', marta)).toMatchObject({
      status: 403,
      headers: {
        'www-authenticate': `Bearer realm="${realm}", error="insufficient_scope", error_description="Missing permissions: Resource B"`,
      },
    });
    // PolicyEnforcerTest.testNotAuthenticatedDenyUnmapedPath; with a token the `/*` "Root" resource stands for it, and nothing grants it
    expect((await enforcer.send('GET', '/api/unmmaped')).status).toBe(401); // Keycloak: 403
    expect((await enforcer.send('GET', '/api/unmmaped', marta)).status).toBe(403);
  });

  it('PolicyEnforcerTest.testMappedPathEnforcementModeDisabled (enforcer-disabled-enforce-mode-path.json): a DISABLED path needs no token', async () => {
    const enforcer = await app(
      keycloakJson({ paths: [{ name: 'Resource B', path: '/api/resource/public', 'enforcement-mode': 'DISABLED' }] }),
    );
    expect(await enforcer.send('GET', '/api/resource/public')).toMatchObject({
      status: 200,
      body: { anonymous: true },
    });
    expect((await enforcer.send('GET', '/api/resourceb')).status).toBe(401); // Keycloak: 403
    expect((await enforcer.send('GET', '/api/resourcea', marta)).status).toBe(200);
    expect((await enforcer.send('GET', '/api/resourceb', marta)).status).toBe(403);
    expect(await enforcer.send('GET', '/api/resource/public', marta)).toMatchObject({
      status: 200,
      body: { user: 'marta' },
    });
    // a token sent to a DISABLED path is still checked
    expect(await enforcer.send('GET', '/api/resource/public', 'not.a.token')).toMatchObject({
      status: 401,
      headers: {
        'www-authenticate': `Bearer realm="${realm}", error="invalid_token", error_description="The access token is invalid"`,
      },
    });
    // and so are credentials that are no token at all
    expect(await enforcer.send('GET', '/api/resource/public', '')).toMatchObject({
      status: 400,
      headers: { 'www-authenticate': expect.stringContaining('error="invalid_request"') },
    });
  });

  it('PolicyEnforcerTest.testEnforcementModeDisabled (enforcer-disabled-enforce-mode.json): a globally DISABLED enforcer still wants a token', async () => {
    const enforcer = await app(keycloakJson({ 'enforcement-mode': 'DISABLED' }));
    expect((await enforcer.send('GET', '/api/resource/public')).status).toBe(401);
    expect((await enforcer.send('GET', '/api/resourceb', marta)).status).toBe(200);
    // PolicyEnforcer.enforce asks a DISABLED enforcer for a token before it looks at a path's own mode or the deny page
    const withPaths = await app(
      keycloakJson({
        'enforcement-mode': 'DISABLED',
        'on-deny-redirect-to': '/accessDenied',
        paths: [{ path: '/api/resource/public', name: 'Resource B', 'enforcement-mode': 'DISABLED' }],
      }),
    );
    expect((await withPaths.send('GET', '/api/resource/public')).status).toBe(401);
    expect((await withPaths.send('GET', '/accessDenied')).status).toBe(401);
    expect((await withPaths.send('GET', '/api/resource/public', marta)).status).toBe(200);
  });

  it('PolicyEnforcerTest.testOnDenyRedirectTo and ...BypassViaDenyPathSubstring (enforcer-on-deny-redirect.json): every denial is a 302 to the deny page, and only the page itself passes', async () => {
    const enforcer = await app(keycloakJson({ 'on-deny-redirect-to': '/accessDenied' }));
    for (const [path, token] of [
      ['/api/resourcea', undefined],
      ['/api/resourceb', marta],
      ['/api/resourceb/accessDenied', marta],
      ['/api/resourceb?x=/accessDenied', marta],
    ] as const) {
      const denied = await enforcer.send('GET', path, token);
      expect(
        { status: denied.status, location: denied.headers.location, challenge: denied.headers['www-authenticate'] },
        path,
      ).toEqual({ status: 302, location: '/accessDenied', challenge: undefined });
    }
    expect(await enforcer.send('GET', '/accessDenied')).toMatchObject({ status: 200, body: { anonymous: true } });
    expect(await enforcer.send('GET', '/accessDenied', marta)).toMatchObject({ status: 200, body: { user: 'marta' } });
    // a bad token is not a denial of the enforcer: 401 as anywhere
    expect((await enforcer.send('GET', '/api/resourcea', 'not.a.token')).status).toBe(401);
  });

  it("PolicyEnforcerTest.testResolvingPathPlaceholderOnPathBeginning (enforcer-max-entries.json): a named template asks for the request path's own resource", async () => {
    const enforcer = await app(
      keycloakJson({
        'lazy-load-paths': true,
        'path-cache': { lifespan: 1000, 'max-entries': 1000 },
        paths: [
          { name: 'tenant-resource', path: '/{ver}/tenants/{id}', methods: [{ method: 'GET', scopes: ['admin'] }] },
        ],
      }),
    );
    // tenant-resource itself is denied: /v1/tenants/1 passes by tenant:1, as in Keycloak
    expect(await enforcer.send('GET', '/v1/tenants/1', marta)).toMatchObject({
      status: 200,
      body: { permissions: [expect.objectContaining({ rsname: 'tenant:1', scopes: ['admin'] })] },
    });
    expect(await enforcer.send('GET', '/v1/tenants/1', marta)).toMatchObject({ status: 200 });
    expect(await enforcer.send('GET', '/v1/tenants/2', marta)).toMatchObject({
      status: 403,
      headers: {
        'www-authenticate': `Bearer realm="${realm}", error="insufficient_scope", error_description="Missing permissions: tenant:2#admin"`,
      },
    });
    expect((await enforcer.send('GET', '/v1/tenants/3', marta)).status).toBe(403);
  });

  it('PolicyEnforcerTest.testMatchHttpVerbsToScopes (enforcer-match-http-verbs-scopes.json): the method is the scope, and a scope the resource lacks is never granted', async () => {
    const enforcer = await app(keycloakJson({ 'http-method-as-scope': true }));
    expect(await enforcer.send('GET', '/api/resource-with-scope', marta)).toMatchObject({
      status: 200,
      body: { permissions: [expect.objectContaining({ rsname: 'Resource With HTTP Scopes', scopes: ['GET'] })] },
    });
    expect((await enforcer.send('POST', '/api/resource-with-scope', marta)).status).toBe(403);
    expect((await enforcer.send('PATCH', '/api/resource-with-scope', marta)).status).toBe(403);
  });

  it('EnforcerConfigTest.testMultiplePathsWithSameName (enforcer-config-paths-same-name.json): a path listed per method is merged, not first-wins', async () => {
    const product = (method: string, scope: string) => ({
      path: '/v1/product/*',
      methods: [{ method, scopes: [scope] }],
    });
    const enforcer = await app(
      keycloakJson({
        paths: [
          product('POST', 'create'),
          product('GET', 'view'),
          product('PUT', 'update'),
          product('DELETE', 'delete'),
        ],
      }),
    );
    expect(await enforcer.send('POST', '/v1/product/1', marta)).toMatchObject({
      status: 200,
      body: { permissions: [expect.objectContaining({ rsname: 'product', scopes: ['create'] })] },
    });
    // only `create` is granted: GET needs `view`, which the first entry alone would not have asked
    expect(await enforcer.send('GET', '/v1/product/1', marta)).toMatchObject({
      status: 403,
      headers: {
        'www-authenticate': `Bearer realm="${realm}", error="insufficient_scope", error_description="Missing permissions: product#view"`,
      },
    });
  });

  it('PathMatcherTest.strayClosingBraceEmbeddedBetweenTwoParams / emptyPlaceholderMatchesForLegacyCompatibility: malformed templates match nothing, /api/{}/foo matches', async () => {
    // DISABLED paths show what matched: an anonymous request passes only a path that matched
    const disabled = (path: string) => ({ path, 'enforcement-mode': 'DISABLED' });
    const enforcer = await app(
      keycloakJson({
        paths: [disabled('/api/{p1}/x}y/{p2}'), disabled('/api/{}/foo'), { path: '/other', name: 'Resource A' }],
      }),
    );
    expect((await enforcer.send('GET', '/api/1/x%7Dy/2')).status).toBe(401);
    expect(await enforcer.send('GET', '/api/1/foo')).toMatchObject({ status: 200, body: { anonymous: true } });
    // with a token, the unmatched path is unknown to an ENFORCING enforcer
    expect(await enforcer.send('GET', '/api/1/x%7Dy/2', marta)).toMatchObject({
      status: 403,
      headers: { 'www-authenticate': forbidden() },
    });
  });

  it('PolicyEnforcer.getRequiredScopes: a configured method is compared as sent, so `get` does not configure GET', async () => {
    const enforcer = await app(
      keycloakJson({
        paths: [
          {
            path: '/api/resource-with-scope',
            name: 'Resource With HTTP Scopes',
            methods: [{ method: 'get', scopes: ['POST'] }],
          },
        ],
      }),
    );
    // GET falls back to the path's scopes (none, ANY): the resource, whose GET Keycloak grants
    expect(await enforcer.send('GET', '/api/resource-with-scope', marta)).toMatchObject({
      status: 200,
      body: { permissions: [expect.objectContaining({ rsname: 'Resource With HTTP Scopes', scopes: ['GET'] })] },
    });
  });

  it('user-managed-access: a refusal is a 401 with a permission ticket, which the client exchanges for an RPT that then passes', async () => {
    const enforcer = await app(
      keycloakJson({
        'user-managed-access': {},
        paths: [
          { path: '/api/resourcea', name: 'Resource A' },
          { path: '/api/resourceb', name: 'Resource B' },
        ],
      }),
    );
    const challenged = await enforcer.send('GET', '/api/resourcea', marta);
    expect(challenged.status).toBe(401);
    const header = challenged.headers['www-authenticate'] ?? '';
    expect(header).toMatch(new RegExp(`^UMA realm="${realm}",as_uri="${target.url}/realms/${realm}",ticket="[^"]+"$`));
    const ticket = /ticket="([^"]+)"/.exec(header)?.[1] as string;
    const exchanged = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
      token: marta,
      form: { grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket', ticket },
    });
    expect(exchanged.status).toBe(200);
    const rpt = (exchanged.json as { access_token: string }).access_token;
    expect(await enforcer.send('GET', '/api/resourcea', rpt)).toMatchObject({
      status: 200,
      body: { user: 'marta', permissions: [expect.objectContaining({ rsname: 'Resource A' })] },
    });
    expect((await enforcer.send('GET', '/api/resourceb', rpt)).headers['www-authenticate']).toMatch(
      /^UMA realm=".+",as_uri=".+",ticket=".+"$/,
    );
  });

  it('user-managed-access: a named path the server has no resource for is refused 403, with no ticket to ask for', async () => {
    const enforcer = await app(
      keycloakJson({ 'user-managed-access': {}, paths: [{ path: '/api/resourcea', name: 'No Such Resource' }] }),
    );
    expect(await enforcer.send('GET', '/api/resourcea', marta)).toMatchObject({
      status: 403,
      headers: {
        'www-authenticate': `Bearer realm="${realm}", error="insufficient_scope", error_description="Missing permissions: No Such Resource"`,
      },
    });
  });

  it('user-managed-access: a method whose scopes-enforcement-mode is DISABLED passes without a ticket', async () => {
    const enforcer = await app(
      keycloakJson({
        'user-managed-access': {},
        paths: [
          {
            path: '/api/resourcea',
            name: 'Resource A',
            methods: [{ method: 'GET', scopes: ['read'], 'scopes-enforcement-mode': 'DISABLED' }],
          },
        ],
      }),
    );
    expect(await enforcer.send('GET', '/api/resourcea', marta)).toMatchObject({ status: 200, body: { user: 'marta' } });
  });

  it('user-managed-access without the client secret is refused at startup, naming why', () => {
    const keycloak = new Keycloak({ serverUrl: target.url, realm, clientId: RESOURCE_SERVER.clientId });
    expect(() =>
      keycloak.protect({
        config: { 'user-managed-access': {}, paths: [{ path: '/api/resourcea', name: 'Resource A' }] },
      }),
    ).toThrowError(
      expect.objectContaining({
        code: 'ERR_AUTHORIZATION_CONFIG',
        message: expect.stringMatching(/^user-managed-access is on .*needs the resource server's client secret/),
      }),
    );
  });

  const cip = (url: string) => ({
    http: { url, parameters: { user: "{keycloak.access_token['/preferred_username']}" } },
  });

  it('the http claim-information-point calls the configured url through the guard, and its failure is a 503', async () => {
    const enforcer = await app(
      {
        paths: [
          { path: '/api/resourcea', name: 'Resource A', 'claim-information-point': cip(`${claimUrl}/claims`) },
          { path: '/api/resourceb', name: 'Resource B', 'claim-information-point': cip(`${claimUrl}/down`) },
        ],
      },
      true,
    );
    const confidential = await userToken(target, realm, 'marta', true);
    expect((await enforcer.send('GET', '/api/resourcea', confidential)).status).toBe(200);
    expect(claimCalls).toContain('/claims?user=marta');
    expect(await enforcer.send('GET', '/api/resourceb', confidential)).toMatchObject({
      status: 503,
      headers: { 'retry-after': '10' },
    });
  });

  it("the http claim-information-point waits for its url no longer than the guard's timeoutDuration: a 503", async () => {
    const made = await guardedApp(
      adapter,
      {
        serverUrl: target.url,
        realm,
        clientId: RESOURCE_SERVER.clientId,
        clientSecret: RESOURCE_SERVER.secret,
        timeoutDuration: 300,
      },
      {
        config: {
          paths: [{ path: '/api/resourcea', name: 'Resource A', 'claim-information-point': cip(`${claimUrl}/hang`) }],
        },
      },
    );
    apps.push(made);
    const confidential = await userToken(target, realm, 'marta', true);
    expect(await made.send('GET', '/api/resourcea', confidential)).toMatchObject({ status: 503 });
    expect(claimCalls).toContain('/hang?user=marta');
    // The provider's own default timeout is 10 s: answering inside this test's 8 s means the guard's 300 ms was used.
  }, 8_000);
});
