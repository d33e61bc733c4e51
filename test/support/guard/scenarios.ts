import { KeycloakAuthorizationConfigError, type GuardDeniedEvent, type KeycloakGuardOptions } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppFactory, GuardApp, GuardRoute } from './harness.js';
import { shopRealm, startShop, type ShopKeycloak } from './realm.js';

const NO_TOKEN = 'Bearer realm="shop"';
const INVALID = 'Bearer realm="shop", error="invalid_token", error_description="The access token is invalid"';
const FORBIDDEN =
  'Bearer realm="shop", error="insufficient_scope", error_description="The access token does not grant access to this resource"';
const TOKEN_IN_URL =
  'Access tokens in the URL are not accepted (URLs land in access logs); send the token in the Authorization header';
const forbidden = (description: string, scope?: string): string =>
  `Bearer realm="shop", error="insufficient_scope", error_description="${description}"${scope === undefined ? '' : `, scope="${scope}"`}`;
const invalidRequest = (description: string): string =>
  `Bearer realm="shop", error="invalid_request", error_description="${description}"`;

const ROUTES: GuardRoute[] = [
  { path: '/public', spec: 'public' },
  { path: '/me' },
  { path: '/admin', spec: { roles: ['realm:admin'] } },
  { path: '/any', spec: { roles: ['realm:admin', 'billing:editor'], mode: 'any' } },
  { path: '/all', spec: { roles: ['realm:user', 'billing:editor'], mode: 'all' } },
  { path: '/viewer', spec: { roles: ['viewer'] } },
  { path: '/profile', spec: { scopes: ['profile'] } },
  { path: '/orders-read', spec: { scopes: ['orders:read', 'email'], mode: 'all' } },
  { path: '/orders-any', spec: { scopes: ['orders:read', 'orders:write'] } },
  { path: '/admin-orders', spec: { roles: ['realm:admin'], scopes: ['orders:read'] } },
  { path: '/bob-only', spec: (token) => token.preferred_username === 'bob' },
  { path: '/async', spec: async (token) => token.email === 'alice@example.com' },
  {
    path: '/tenant',
    spec: (_token, request) => (request as { headers: Record<string, unknown> }).headers['x-tenant'] === 'acme',
  },
];

/**
 * The guard's behaviour, identical in every adapter: RFC 6750 statuses and exact headers, every spec
 * form, opt-in token sources, observability, multi-realm, introspection and Keycloak outages.
 */
export function describeGuardBehaviour(adapter: string, factory: AppFactory): void {
  describe(`${adapter}: the guard behind the adapter`, () => {
    let shop: ShopKeycloak;
    let app: GuardApp;
    let alice: string;
    let bob: string;
    const base = (): KeycloakGuardOptions<never> => ({
      serverUrl: shop.serverUrl,
      realm: 'shop',
      clientId: 'orders-api',
    });
    const bearer = (token: string): Array<[string, string]> => [['authorization', `Bearer ${token}`]];

    beforeAll(async () => {
      shop = await startShop([{ ...shopRealm, realm: 'tenant2' }]);
      [alice, bob] = await Promise.all([shop.tokenFor('alice'), shop.tokenFor('bob')]);
      app = await factory(base(), ROUTES);
    });
    afterAll(async () => {
      await app?.close();
      await shop?.close();
    });

    describe('credentials (RFC 6750)', () => {
      it('serves a public route without any token', async () => {
        expect((await app.get('/public')).status).toBe(200);
      });

      it('answers 401 with a bare realm challenge and no error code when no token is sent', async () => {
        const reply = await app.get('/me');
        expect(reply.status).toBe(401);
        expect(reply.headers['www-authenticate']).toBe(NO_TOKEN);
        expect(reply.body).toEqual({ error: 'unauthorized', error_description: 'A bearer access token is required' });
      });

      it('treats another scheme as no credentials', async () => {
        const reply = await app.get('/me', [['authorization', 'Basic YWxpY2U6YWxpY2U=']]);
        expect(reply.status).toBe(401);
        expect(reply.headers['www-authenticate']).toBe(NO_TOKEN);
      });

      it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('accepts the scheme written %s', async (scheme) => {
        const reply = await app.get('/me', [['authorization', `${scheme} ${alice}`]]);
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual({ user: 'alice', realm: 'shop', isAdmin: true, canView: true, rawMatches: true });
      });

      it.each(['Bearer', 'Bearer    ', 'bearer '])(
        'answers 400 invalid_request for an empty bearer (%j)',
        async (value) => {
          const reply = await app.get('/me', [['authorization', value]]);
          expect(reply.status).toBe(400);
          expect(reply.headers['www-authenticate']).toBe(invalidRequest('The bearer token is empty'));
          expect(reply.body).toEqual({ error: 'invalid_request', error_description: 'The bearer token is empty' });
        },
      );

      it('answers 400 invalid_request when two Authorization headers are sent', async () => {
        const reply = await app.get('/me', [
          ['authorization', `Bearer ${alice}`],
          ['authorization', `Bearer ${bob}`],
        ]);
        expect(reply.status).toBe(400);
        expect(reply.headers['www-authenticate']).toBe(invalidRequest('More than one Authorization header was sent'));
      });

      it('answers 401 invalid_token for a token that is not a JWT', async () => {
        const reply = await app.get('/me', bearer('not-a-jwt'));
        expect(reply.status).toBe(401);
        expect(reply.headers['www-authenticate']).toBe(INVALID);
        expect(reply.body).toEqual({ error: 'invalid_token', error_description: 'The access token is invalid' });
      });

      it('answers 400 invalid_request to an access_token query parameter when that source is not opted in', async () => {
        const reply = await app.get(`/me?access_token=${alice}`);
        expect(reply.status).toBe(400);
        expect(reply.headers['www-authenticate']).toBe(invalidRequest(TOKEN_IN_URL));
        expect(reply.body).toEqual({ error: 'invalid_request', error_description: TOKEN_IN_URL });
        expect(JSON.stringify(reply)).not.toContain(alice.split('.')[2]);
      });

      it.each([
        ['with a valid Authorization header', (token: string) => bearer(token), (token: string) => token],
        ['empty', () => [], () => ''],
        ['repeated', () => [], (token: string) => `${token}&access_token=${token}`],
      ])('answers 400 invalid_request to an access_token query parameter %s', async (_name, headers, value) => {
        const reply = await app.get(`/me?access_token=${value(alice)}`, headers(bob));
        expect(reply.status).toBe(400);
        expect(reply.headers['www-authenticate']).toBe(invalidRequest(TOKEN_IN_URL));
      });

      it('serves a public route whatever its query string holds', async () => {
        expect((await app.get(`/public?access_token=${alice}`)).status).toBe(200);
      });
    });

    describe('specs', () => {
      it('lets a realm role through and refuses its absence with 403 insufficient_scope naming the role', async () => {
        expect((await app.get('/admin', bearer(alice))).status).toBe(200);
        const reply = await app.get('/admin', bearer(bob));
        expect(reply.status).toBe(403);
        expect(reply.headers['www-authenticate']).toBe(forbidden('Missing roles: realm:admin'));
        expect(reply.body).toEqual({ error: 'insufficient_scope', error_description: 'Missing roles: realm:admin' });
      });

      it('needs one role in mode any and every role in mode all, naming the alternatives or the roles missing', async () => {
        expect((await app.get('/any', bearer(alice))).status).toBe(200);
        expect((await app.get('/any', bearer(bob))).headers['www-authenticate']).toBe(
          forbidden('Missing one of the roles: realm:admin billing:editor'),
        );
        expect((await app.get('/all', bearer(alice))).status).toBe(200);
        expect((await app.get('/all', bearer(bob))).headers['www-authenticate']).toBe(
          forbidden('Missing roles: billing:editor'),
        );
      });

      it('reads a bare role name as a role of the configured client, and names it as written', async () => {
        expect((await app.get('/viewer', bearer(alice))).status).toBe(200);
        expect((await app.get('/viewer', bearer(bob))).headers['www-authenticate']).toBe(
          forbidden('Missing roles: viewer'),
        );
      });

      it("checks OAuth scopes against the token's scope claim, with RFC 6750's scope attribute on refusal", async () => {
        expect((await app.get('/profile', bearer(bob))).status).toBe(200);
        const all = await app.get('/orders-read', bearer(alice));
        expect(all.status).toBe(403);
        expect(all.headers['www-authenticate']).toBe(forbidden('Missing scopes: orders:read', 'orders:read email'));
        expect(all.body).toEqual({ error: 'insufficient_scope', error_description: 'Missing scopes: orders:read' });
        expect((await app.get('/orders-any', bearer(alice))).headers['www-authenticate']).toBe(
          forbidden('Missing one of the scopes: orders:read orders:write', 'orders:read orders:write'),
        );
      });

      it('checks roles before scopes when a spec names both', async () => {
        expect((await app.get('/admin-orders', bearer(bob))).headers['www-authenticate']).toBe(
          forbidden('Missing roles: realm:admin'),
        );
        expect((await app.get('/admin-orders', bearer(alice))).headers['www-authenticate']).toBe(
          forbidden('Missing scopes: orders:read', 'orders:read'),
        );
      });

      it('applies synchronous and asynchronous predicates to the verified claims', async () => {
        expect((await app.get('/bob-only', bearer(bob))).status).toBe(200);
        expect((await app.get('/bob-only', bearer(alice))).headers['www-authenticate']).toBe(FORBIDDEN);
        expect((await app.get('/async', bearer(alice))).status).toBe(200);
        expect((await app.get('/async', bearer(bob))).status).toBe(403);
      });

      it('gives predicates the framework request', async () => {
        expect((await app.get('/tenant', [...bearer(bob), ['x-tenant', 'acme']])).status).toBe(200);
        expect((await app.get('/tenant', [...bearer(bob), ['x-tenant', 'other']])).status).toBe(403);
      });

      it('exposes the verified token and role helpers to the handler', async () => {
        const reply = await app.get('/me', bearer(bob));
        expect(reply.body).toEqual({ user: 'bob', realm: 'shop', isAdmin: false, canView: false, rawMatches: true });
      });

      it.each([
        ['an empty resource', ':read'],
        ['an empty scope', 'docs:'],
        ['two hashes', 'a#b#c'],
        ['an empty list', []],
        ['an empty scope in a list', ['docs#read,,write']],
      ])(
        'refuses a permission spec with %s at protect() time with a TypeError naming the spec',
        async (_name, spec) => {
          await expect(factory(base(), [{ path: '/x', spec: spec as never }])).rejects.toThrow(/"spec"/);
        },
      );

      it('refuses an invalid policy-enforcer config at protect() time naming the field', async () => {
        const error = await factory(base(), [
          { path: '/x', spec: { config: { 'enforcement-mode': 'SOMETIMES' } } },
        ]).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(KeycloakAuthorizationConfigError);
        expect((error as Error).message).toMatch(/enforcement-mode/);
      });

      it.each([
        [{ roles: [] }, /"spec.roles"/],
        [{ roles: ['realm:'] }, /"spec.roles" has a malformed role/],
        [{ roles: ['admin'], mode: 'some' }, /"spec.mode"/],
        [{ role: ['admin'] }, /^"spec.role" is not an option of protect\(\) \(did you mean "spec.roles"\?\)$/],
      ])('refuses the malformed spec %j with a TypeError naming it', async (spec, message) => {
        await expect(factory(base(), [{ path: '/x', spec: spec as never }])).rejects.toThrow(message);
      });
    });

    describe('opt-in token sources', () => {
      let sources: GuardApp;
      beforeAll(async () => {
        sources = await factory({ ...base(), queryParameter: 'access_token', cookieName: 'kc_token' }, [
          { path: '/me' },
        ]);
      });
      afterAll(() => sources.close());

      it('accepts the token from the opted-in query parameter', async () => {
        expect((await sources.get(`/me?access_token=${bob}`)).body).toMatchObject({ user: 'bob' });
      });

      it('accepts the token from the opted-in cookie', async () => {
        expect((await sources.get('/me', [['cookie', `theme=dark; kc_token=${bob}`]])).body).toMatchObject({
          user: 'bob',
        });
      });

      it.each([
        ['the header and the query', `/me?access_token={bob}`, (token: string) => bearer(token)],
        ['the header and the cookie', '/me', (token: string) => [...bearer(token), ['cookie', `kc_token=${token}`]]],
        ['the query and the cookie', `/me?access_token={bob}`, (token: string) => [['cookie', `kc_token=${token}`]]],
        ['the query twice', `/me?access_token={bob}&access_token={bob}`, () => []],
      ] as Array<[string, string, (token: string) => Array<[string, string]>]>)(
        'answers 400 invalid_request when the token is sent by %s',
        async (_name, path, headers) => {
          const reply = await sources.get(path.replaceAll('{bob}', bob), headers(bob));
          expect(reply.status).toBe(400);
          expect(reply.headers['www-authenticate']).toBe(
            invalidRequest('The access token was sent by more than one method'),
          );
          expect(JSON.stringify(reply)).not.toContain(bob.split('.')[2]);
        },
      );

      it('reads a query parameter of another name, and refuses access_token there as a token in the URL', async () => {
        const named = await factory({ ...base(), queryParameter: 'token' }, [{ path: '/me' }]);
        try {
          expect((await named.get(`/me?token=${bob}`)).body).toMatchObject({ user: 'bob' });
          const both = await named.get(`/me?token=${bob}`, bearer(bob));
          expect(both.status).toBe(400);
          expect(both.headers['www-authenticate']).toBe(
            invalidRequest('The access token was sent by more than one method'),
          );
          const standard = await named.get(`/me?access_token=${bob}`);
          expect(standard.status).toBe(400);
          expect(standard.headers['www-authenticate']).toBe(invalidRequest(TOKEN_IN_URL));
        } finally {
          await named.close();
        }
      });
    });

    describe('observability', () => {
      it('reports every refusal with its reason to onDenied and the logger, never the token', async () => {
        const events: GuardDeniedEvent<never>[] = [];
        const lines: Array<[Record<string, unknown>, string]> = [];
        const observed = await factory(
          {
            ...base(),
            onDenied: (event) => events.push(event),
            logger: {
              debug: (obj, msg) => lines.push([obj, msg]),
              warn: (obj, msg) => lines.push([obj, msg]),
              error: (obj, msg) => lines.push([obj, msg]),
            },
          },
          [{ path: '/admin', spec: { roles: ['realm:admin'] } }],
        );
        try {
          await observed.get('/admin');
          await observed.get('/admin', bearer(`${bob.slice(0, -4)}AAAA`));
          await observed.get('/admin', bearer(bob));
        } finally {
          await observed.close();
        }
        expect(events.map(({ status, code, reason, realm }) => ({ status, code, reason, realm }))).toEqual([
          { status: 401, code: 'ERR_NO_CREDENTIALS', reason: 'no_credentials', realm: 'shop' },
          { status: 401, code: 'ERR_TOKEN_REJECTED', reason: 'bad_signature', realm: 'shop' },
          { status: 403, code: 'ERR_INSUFFICIENT_SCOPE', reason: 'role_missing', realm: 'shop' },
        ]);
        expect(events[2]?.subject).toMatch(/^[0-9a-f-]{36}$/);
        expect(lines.map(([obj]) => obj['reason'])).toEqual(['no_credentials', 'bad_signature', 'role_missing']);
        expect(JSON.stringify(lines)).not.toContain(bob.split('.')[2]);
      });

      it('answers as usual when the onDenied observer throws', async () => {
        const observed = await factory(
          {
            ...base(),
            onDenied: () => {
              throw new Error('metrics down');
            },
          },
          [{ path: '/admin', spec: { roles: ['realm:admin'] } }],
        );
        try {
          const reply = await observed.get('/admin', bearer(bob));
          expect(reply.status).toBe(403);
          expect(reply.headers['www-authenticate']).toBe(forbidden('Missing roles: realm:admin'));
        } finally {
          await observed.close();
        }
      });

      it('refuses bad options at construction with a TypeError naming the option', async () => {
        await expect(factory({ ...base(), serverUrl: 'not a url' }, [])).rejects.toThrow(/"serverUrl"/);
        await expect(factory({ ...base(), validation: 'introspect' }, [])).rejects.toThrow(/"clientSecret"/);
        await expect(factory({ ...base(), realm: 'a/b' }, [])).rejects.toThrow(/"realm"/);
      });
    });

    describe('multi-realm', () => {
      it('verifies against the realm a resolver picks per request', async () => {
        const tenant2Alice = await shop.tokenFor('alice', 'tenant2');
        const resolved = await factory(
          {
            ...base(),
            realm: (request: never) => (request as { headers: Record<string, string | undefined> }).headers['x-realm'],
          },
          [{ path: '/me' }],
        );
        try {
          expect((await resolved.get('/me', [...bearer(tenant2Alice), ['x-realm', 'tenant2']])).body).toMatchObject({
            user: 'alice',
            realm: 'tenant2',
          });
          const crossed = await resolved.get('/me', [...bearer(alice), ['x-realm', 'tenant2']]);
          expect(crossed.headers['www-authenticate']).toBe(
            'Bearer realm="tenant2", error="invalid_token", error_description="The access token is invalid"',
          );
          const unresolved = await resolved.get('/me', bearer(alice));
          expect(unresolved.status).toBe(400);
          expect(unresolved.headers['www-authenticate']).toBe(
            'Bearer error="invalid_request", error_description="The realm could not be determined from the request"',
          );
        } finally {
          await resolved.close();
        }
      });

      it('trusts a token issuer only when it is on the allow-list', async () => {
        const tenant2Alice = await shop.tokenFor('alice', 'tenant2');
        const allowed = await factory(
          { serverUrl: shop.serverUrl, clientId: 'orders-api', allowedIssuers: [`${shop.serverUrl}/realms/shop`] },
          [{ path: '/me' }],
        );
        try {
          expect((await allowed.get('/me', bearer(alice))).body).toMatchObject({ user: 'alice', realm: 'shop' });
          const other = await allowed.get('/me', bearer(tenant2Alice));
          expect(other.status).toBe(401);
          expect(other.headers['www-authenticate']).toBe(
            'Bearer error="invalid_token", error_description="The access token is invalid"',
          );
          expect((await allowed.get('/me')).headers['www-authenticate']).toBe('Bearer');
        } finally {
          await allowed.close();
        }
      });
    });

    describe('introspection mode', () => {
      it('lets active tokens through and refuses inactive ones as invalid_token', async () => {
        const introspecting = await factory({ ...base(), clientSecret: 'orders-secret', validation: 'introspect' }, [
          { path: '/admin', spec: { roles: ['realm:admin'] } },
        ]);
        try {
          const before = shop.server.counters.get('introspect');
          expect((await introspecting.get('/admin', bearer(alice))).status).toBe(200);
          expect((await introspecting.get('/admin', bearer(bob))).status).toBe(403);
          expect(shop.server.counters.get('introspect') - before).toBe(2);
          expect((await introspecting.get('/admin', bearer(`${alice}x`))).headers['www-authenticate']).toBe(INVALID);
        } finally {
          await introspecting.close();
        }
      });

      it('asks Keycloak once for a token sent again or many times at once', async () => {
        const introspecting = await factory({ ...base(), clientSecret: 'orders-secret', validation: 'introspect' }, [
          { path: '/me' },
        ]);
        try {
          const before = shop.server.counters.get('introspect');
          const replies = await Promise.all(Array.from({ length: 5 }, () => introspecting.get('/me', bearer(bob))));
          expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
          expect((await introspecting.get('/me', bearer(bob))).body).toMatchObject({ user: 'bob' });
          expect(shop.server.counters.get('introspect') - before).toBe(1);
        } finally {
          await introspecting.close();
        }
      });

      it('answers 503 with Retry-After when the introspection endpoint fails', async () => {
        const introspecting = await factory(
          { ...base(), clientSecret: 'orders-secret', validation: 'introspect', retryAfterSeconds: 3 },
          [{ path: '/me' }],
        );
        shop.server.faults.inject('introspect', { kind: 'status', status: 502 });
        try {
          const reply = await introspecting.get('/me', bearer(alice));
          expect(reply.status).toBe(503);
          expect(reply.headers['retry-after']).toBe('3');
          expect(reply.body).toEqual({
            error: 'temporarily_unavailable',
            error_description: 'The access token cannot be checked now; retry later',
          });
        } finally {
          shop.server.faults.clear();
          await introspecting.close();
        }
      });
    });

    describe('Keycloak outage', () => {
      it('keeps verifying with cached keys while the JWKS endpoint fails', async () => {
        const guarded = await factory(base(), [{ path: '/me' }]);
        try {
          expect((await guarded.get('/me', bearer(alice))).status).toBe(200);
          shop.server.faults.inject('certs', { kind: 'status', status: 500 });
          expect((await guarded.get('/me', bearer(bob))).body).toMatchObject({ user: 'bob' });
        } finally {
          shop.server.faults.clear();
          await guarded.close();
        }
      });

      it('answers 503 with Retry-After when the keys cannot be fetched', async () => {
        const guarded = await factory({ ...base(), retryAfterSeconds: 7 }, [{ path: '/me' }]);
        shop.server.faults.inject('certs', { kind: 'reset' });
        try {
          const reply = await guarded.get('/me', bearer(alice));
          expect(reply.status).toBe(503);
          expect(reply.headers['retry-after']).toBe('7');
          expect(reply.headers['www-authenticate']).toBeUndefined();
          expect(reply.body).toEqual({
            error: 'temporarily_unavailable',
            error_description: 'The access token cannot be checked now; retry later',
          });
        } finally {
          shop.server.faults.clear();
          await guarded.close();
        }
      });

      it('answers 503 within the configured timeout when Keycloak hangs', async () => {
        const guarded = await factory({ ...base(), timeoutDuration: 50 }, [{ path: '/me' }]);
        shop.server.faults.inject('certs', { kind: 'hang' });
        try {
          expect((await guarded.get('/me', bearer(alice))).status).toBe(503);
        } finally {
          shop.server.faults.clear();
          await guarded.close();
        }
      }, 2_000);
    });
  });
}
