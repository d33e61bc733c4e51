import { describe, expect, it } from 'vitest';
import {
  createPolicyEnforcer,
  parsePolicyEnforcerConfig,
  scopesSatisfied,
  type ClaimProvider,
} from '@keycloak-ts/core';
import { fixture } from '../fixtures.js';

describe('policy-enforcer config', () => {
  it('reads the legacy keycloak.json format with its policy-enforcer section', () => {
    const config = parsePolicyEnforcerConfig(fixture('keycloak-json-policy-enforcer-photoz.json'));
    expect(config).toMatchObject({
      enforcementMode: 'PERMISSIVE',
      userManagedAccess: true,
      realm: 'photoz',
      resource: 'photoz-restful-api',
      pathCacheLifespanMs: 30_000,
      pathCacheMaxEntries: 1000,
      lazyLoadPaths: false,
    });
    expect(config.paths.map((p) => [p.path, p.enforcementMode])).toEqual([
      ['/album/{id}', 'ENFORCING'],
      ['/album/shares', 'DISABLED'],
      ['/profile', 'ENFORCING'],
      ['/admin/*', 'ENFORCING'],
    ]);
    expect(config.paths[0]?.methods[0]).toEqual({
      method: 'DELETE',
      scopes: ['album:delete'],
      scopesEnforcementMode: 'ALL',
    });
  });

  it('reads the standalone 22+ format', () => {
    const config = parsePolicyEnforcerConfig(fixture('policy-enforcer-kc26-claim-information-point.json'));
    expect(config).toMatchObject({
      enforcementMode: 'ENFORCING',
      realm: 'test-realm-authz',
      authServerUrl: 'http://localhost:8180',
      resource: 'test-app-authz',
    });
    expect(config.paths).toHaveLength(4);
  });

  it.each([
    [{ 'policy-enforcer': [] }, 'policy-enforcer must be an object'],
    [{ paths: [{}] }, 'paths[0].path is required'],
    [{ paths: [{ path: 'album' }] }, 'paths[0].path must start with "/"'],
    [{ paths: [{ path: '/a', methods: [{ scopes: ['x'] }] }] }, 'paths[0].methods[0].method is required'],
    [
      { paths: [{ path: '/a', methods: [{ method: 'GET', 'scopes-enforcement-mode': 'SOME' }] }] },
      'paths[0].methods[0].scopes-enforcement-mode must be one of ALL, ANY, DISABLED',
    ],
    [{ 'policy-enforcer': { 'enforcement-mode': 'STRICT' } }, 'policy-enforcer.enforcement-mode must be one of'],
    [{ 'path-cache': { lifespan: 'long' } }, 'path-cache.lifespan must be an integer'],
    [{ 'http-method-as-scope': 'yes' }, 'http-method-as-scope must be true or false'],
    [
      { paths: [{ path: '/a', 'claim-information-point': { claims: { c: 1 } } }] },
      'paths[0].claim-information-point.claims.c',
    ],
  ])('rejects %j naming the field', (json, message) => {
    expect(() => parsePolicyEnforcerConfig(json)).toThrowError(
      expect.objectContaining({ code: 'ERR_AUTHORIZATION_CONFIG', message: expect.stringContaining(message) }),
    );
  });

  it('never echoes the client secret in errors', () => {
    try {
      parsePolicyEnforcerConfig({ credentials: { secret: 's3cr3t-value' }, paths: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('s3cr3t-value');
    }
  });
});

describe('createPolicyEnforcer().match', () => {
  const photoz = createPolicyEnforcer(fixture('keycloak-json-policy-enforcer-photoz.json'));

  it('maps a method to its configured scopes with ALL by default', () => {
    // under a global PERMISSIVE mode a matched path keeps its own (default ENFORCING) mode, as PolicyEnforcer.isAuthorized reads it
    expect(photoz.match({ method: 'GET', path: '/album/12' })).toMatchObject({
      enforcementMode: 'ENFORCING',
      params: { id: '12' },
      permission: { resource: 'Album Resource', scopes: ['album:view'], scopesEnforcementMode: 'ALL' },
    });
  });

  it('falls back to the path scopes with ANY for an unlisted method', () => {
    expect(photoz.match({ method: 'PUT', path: '/album/12' })?.permission).toEqual({
      resource: 'Album Resource',
      scopes: [],
      scopesEnforcementMode: 'ANY',
    });
  });

  it('prefers an exact path and honours its DISABLED mode', () => {
    expect(photoz.match({ method: 'GET', path: '/album/shares' })).toMatchObject({
      enforcementMode: 'DISABLED',
      path: { path: '/album/shares' },
    });
  });

  it('uses the path pattern as resource when the path has no name', () => {
    expect(photoz.match({ method: 'GET', path: '/profile' })?.permission.resource).toBe('/profile');
    expect(photoz.match({ method: 'GET', path: '/admin/users/1' })?.permission.resource).toBe('Admin Resources');
  });

  it('returns null when no path matches', () => {
    expect(photoz.match({ method: 'GET', path: '/unknown' })).toBeNull();
  });

  it('requires the HTTP method as scope when http-method-as-scope is on', () => {
    const enforcer = createPolicyEnforcer({
      'http-method-as-scope': true,
      paths: [
        { path: '/api/*', scopes: ['ignored'] },
        { path: '/x', methods: [{ method: 'GET', scopes: ['read'], 'scopes-enforcement-mode': 'ANY' }] },
      ],
    });
    expect(enforcer.match({ method: 'DELETE', path: '/api/a' })?.permission).toEqual({
      resource: '/api/*',
      scopes: ['DELETE'],
      scopesEnforcementMode: 'ANY',
    });
    // the method as sent, as getRequiredScopes uses request.getMethod()
    expect(enforcer.match({ method: 'delete', path: '/api/a' })?.permission.scopes).toEqual(['delete']);
    expect(enforcer.match({ method: 'GET', path: '/x' })?.permission.scopes).toEqual(['read']);
  });

  it('reports a global DISABLED mode on every matched path', () => {
    const enforcer = createPolicyEnforcer({ 'enforcement-mode': 'DISABLED', paths: [{ path: '/*' }] });
    expect(enforcer.match({ method: 'GET', path: '/a' })?.enforcementMode).toBe('DISABLED');
  });

  it('rejects a request without method or path with a TypeError', () => {
    expect(() => photoz.match({ path: '/a' } as never)).toThrowError(TypeError);
  });
});

describe('scopesSatisfied', () => {
  const required = (mode: 'ALL' | 'ANY' | 'DISABLED') => ({
    resource: 'r',
    scopes: ['a', 'b'],
    scopesEnforcementMode: mode,
  });
  it.each([
    ['ALL', ['a', 'b'], true],
    ['ALL', ['a'], false],
    ['ANY', ['b'], true],
    ['ANY', ['c'], false],
    ['DISABLED', ['c'], true],
    ['ALL', [], true],
  ] as const)('%s with granted %j -> %s', (mode, granted, expected) => {
    expect(scopesSatisfied(required(mode), granted)).toBe(expected);
  });
});

describe('claim information point', () => {
  const request = {
    method: 'post',
    path: '/claims-provider?a=a-value1&a=a-value2&z=1',
    uri: 'http://localhost/app/claims-provider?a=a-value1&a=a-value2&z=1',
    headers: { B: 'b-value', cookie: 'c=c-value; other=1' },
    body: { a: { b: { c: 'c-body' } }, d: ['d0', 'd1'], e: { number: 123 } },
    remoteAddress: '127.0.0.1',
    secure: true,
  };
  const sources = { accessToken: 'raw-token', accessTokenClaims: { sub: 'u1', custom_claim: ['cc0', 'cc1'] } };

  it('resolves every request and token placeholder of the Keycloak sample', async () => {
    const enforcer = createPolicyEnforcer(fixture('policy-enforcer-kc26-claim-information-point.json'), {
      claimProviders: { http: async () => ({}) },
    });
    const resolved = await enforcer.resolve(request, sources);
    expect(resolved?.claims).toEqual({
      'claim-from-request-parameter': ['a-value1', 'a-value2'],
      'claim-from-header': ['b-value'],
      'claim-from-cookie': ['c-value'],
      'claim-from-remoteAddr': ['127.0.0.1'],
      'claim-from-method': ['POST'],
      'claim-from-uri': ['http://localhost/app/claims-provider?a=a-value1&a=a-value2&z=1'],
      'claim-from-relativePath': ['/claims-provider'],
      'claim-from-secure': ['true'],
      'claim-from-json-body-object': ['c-body'],
      'claim-from-json-body-array': ['d1'],
      'claim-from-json-body-number': ['123'],
      'claim-from-body': [JSON.stringify(request.body)],
      'claim-from-static-value': ['static value'],
      'claim-from-multiple-static-value': ['static', 'value'],
      // a placeholder with several values yields them as they are, as Keycloak's PlaceHolders does
      'param-replace-multiple-placeholder': ['a-value1', 'a-value2'],
    });
  });

  it('fills text with single-valued placeholders and drops claims that resolve to nothing', async () => {
    const enforcer = createPolicyEnforcer({
      paths: [
        {
          path: '/x',
          'claim-information-point': {
            claims: {
              mixed: "Test {keycloak.access_token['/custom_claim/0']} and {request.parameter['z']} ",
              missing: "{request.header['nope']}",
              arr: "{request.body['/d']}",
            },
          },
        },
      ],
    });
    const resolved = await enforcer.resolve({ ...request, path: '/x?z=1' }, sources);
    expect(resolved?.claims).toEqual({ mixed: ['Test cc0 and 1'], arr: ['d0', 'd1'] });
  });

  it('merges global and path claims, the path winning', async () => {
    const enforcer = createPolicyEnforcer({
      'claim-information-point': { claims: { a: 'global', b: 'global' } },
      paths: [{ path: '/x', 'claim-information-point': { claims: { b: 'path' } } }],
    });
    expect((await enforcer.resolve({ method: 'GET', path: '/x' }))?.claims).toEqual({ a: ['global'], b: ['path'] });
  });

  it('refuses at construction a provider that is used but not configured', () => {
    expect(() =>
      createPolicyEnforcer(fixture('keycloak-json-policy-enforcer-claim-information-point.json')),
    ).toThrowError(
      expect.objectContaining({
        code: 'ERR_AUTHORIZATION_CONFIG',
        message: expect.stringContaining('paths[2].claim-information-point uses the "http" provider'),
      }),
    );
  });

  it('calls a configured custom provider with its config, the request and the sources', async () => {
    const calls: unknown[] = [];
    const http: ClaimProvider = async (config, req, src) => {
      calls.push([config.url, req.path, src.accessTokenClaims?.sub]);
      return { 'claim-a': ['from-http'] };
    };
    const enforcer = createPolicyEnforcer(fixture('keycloak-json-policy-enforcer-claim-information-point.json'), {
      claimProviders: { http },
    });
    const resolved = await enforcer.resolve({ method: 'GET', path: '/http-post-claim-provider' }, sources);
    expect(resolved?.claims).toEqual({ 'claim-a': ['from-http'] });
    expect(calls).toEqual([
      ['http://localhost:8989/post-claim-information-provider', '/http-post-claim-provider', 'u1'],
    ]);
  });

  it('validates claimProviders with a TypeError naming the option', () => {
    expect(() => createPolicyEnforcer({}, { claimProviders: { http: 'x' as never } })).toThrowError(
      new TypeError('"claimProviders.http" must be a function'),
    );
  });
});
