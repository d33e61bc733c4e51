import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../support/guard/realm.js';
import { ADAPTERS, startApp, type ListeningApp } from './support/apps.js';
import { realmForger } from './support/forge.js';
import { rawRequest, type RawReply } from './support/raw-http.js';

// Requests built to crash a guard: oversized, repeated, non-ASCII or oddly spaced credentials, a
// token in two places, and prototype tricks in bodies and claims. Each gets its exact RFC 6750 answer
// over a real socket, never a 5xx.

const NO_TOKEN = 'Bearer realm="shop"';
const INVALID = 'Bearer realm="shop", error="invalid_token", error_description="The access token is invalid"';
const forbidden = (description: string): string =>
  `Bearer realm="shop", error="insufficient_scope", error_description="${description}"`;
const invalidRequest = (description: string): string =>
  `Bearer realm="shop", error="invalid_request", error_description="${description}"`;

describe.each(ADAPTERS)('%s: hostile requests never get a 5xx', (adapter) => {
  let shop: ShopKeycloak;
  let app: ListeningApp;
  let alice: string;
  let bob: string;
  let forge: Awaited<ReturnType<typeof realmForger>>;

  beforeAll(async () => {
    shop = await startShop();
    [alice, bob] = await Promise.all([shop.tokenFor('alice'), shop.tokenFor('bob')]);
    forge = await realmForger(shop.server, 'shop');
    app = await startApp(
      adapter,
      { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api', queryParameter: 'access_token' },
      [
        { path: '/me', methods: ['GET', 'POST'] },
        { path: '/admin', spec: { roles: ['realm:admin'] }, methods: ['GET', 'POST'] },
        { path: '/viewer', spec: { roles: ['viewer'] } },
        { path: '/orders', spec: { scopes: ['orders:read'] } },
      ],
    );
  });
  afterAll(async () => {
    await app?.close();
    await shop?.close();
  });

  const get = (path: string, ...headers: Array<string | Buffer>): Promise<RawReply> =>
    rawRequest(
      app.url,
      Buffer.concat([
        Buffer.from(`GET ${path} HTTP/1.1`),
        ...headers.map((header) => Buffer.concat([Buffer.from('\r\n'), Buffer.from(header)])),
      ]),
    );
  const expectAnswer = (reply: RawReply, status: number, challenge: string): void => {
    expect(reply.status).toBe(status);
    expect(reply.headers['www-authenticate']).toBe(challenge);
  };

  describe('oversized and repeated credentials', () => {
    it('answers an 8 KB bearer value with 401 invalid_token', async () => {
      expectAnswer(await get('/me', `Authorization: Bearer ${'a'.repeat(8 * 1024)}`), 401, INVALID);
    });

    it('answers a 12 KB token of three valid-looking parts with 401 invalid_token', async () => {
      const part = 'A'.repeat(4 * 1024);
      expectAnswer(await get('/me', `Authorization: Bearer ${part}.${part}.${part}`), 401, INVALID);
    });

    it('leaves a 64 KB Authorization header to Node, which answers 431 before the guard runs', async () => {
      const reply = await get('/me', `Authorization: Bearer ${'a'.repeat(64 * 1024)}`);
      expect(reply.status).toBe(431);
    });

    it('answers 100 Authorization headers with 400 invalid_request', async () => {
      const headers = Array.from({ length: 100 }, (_, i) => `Authorization: Bearer t${i}`);
      expectAnswer(await get('/me', ...headers), 400, invalidRequest('More than one Authorization header was sent'));
    });

    it('answers ten copies of a valid token with 400 invalid_request', async () => {
      const headers = Array.from({ length: 10 }, () => `Authorization: Bearer ${alice}`);
      expectAnswer(await get('/me', ...headers), 400, invalidRequest('More than one Authorization header was sent'));
    });

    it('answers an empty and a real Authorization header with 400 invalid_request', async () => {
      expectAnswer(
        await get('/me', 'Authorization: ', `Authorization: Bearer ${alice}`),
        400,
        invalidRequest('More than one Authorization header was sent'),
      );
    });
  });

  describe('non-ASCII and whitespace', () => {
    it('answers a UTF-8 token with 401 invalid_token', async () => {
      expectAnswer(await get('/me', Buffer.from('Authorization: Bearer ünïcödé.tökén.sïg', 'utf8')), 401, INVALID);
    });

    it('answers Latin-1 bytes after a valid token with 401 invalid_token', async () => {
      expectAnswer(
        await get('/me', Buffer.concat([Buffer.from(`Authorization: Bearer ${alice}`), Buffer.from([0xe9, 0xff])])),
        401,
        INVALID,
      );
    });

    it('answers a UTF-8 scheme name as no credentials (401, bare challenge)', async () => {
      expectAnswer(await get('/me', Buffer.from(`Authorization: Bëarer ${alice}`, 'utf8')), 401, NO_TOKEN);
    });

    it.each([
      ['a tab', (token: string) => `Bearer\t${token}`],
      ['several spaces', (token: string) => `Bearer     ${token}`],
      ['leading and trailing spaces', (token: string) => `   Bearer ${token}   `],
    ])('accepts the bearer separated by %s', async (_name, value) => {
      expect((await get('/me', `Authorization: ${value(alice)}`)).status).toBe(200);
    });

    it.each([
      ['a no-break space', (token: string) => `Bearer\u00a0${token}`, 401, NO_TOKEN],
      ['no separator', (token: string) => `Bearer${token}`, 401, NO_TOKEN],
      ['a comma', (token: string) => `Bearer,${token}`, 401, NO_TOKEN],
      ['two tokens', (token: string) => `Bearer ${token} ${token}`, 401, INVALID],
      ['a second scheme', (token: string) => `Bearer ${token}, Basic YWxpY2U6eA==`, 401, INVALID],
    ])('refuses a bearer written with %s', async (_name, value, status, challenge) => {
      expectAnswer(await get('/me', Buffer.from(`Authorization: ${value(alice)}`, 'latin1')), status, challenge);
    });
  });

  describe('a token in several places', () => {
    it('answers a token in the query and in the header with 400 invalid_request', async () => {
      expectAnswer(
        await get(`/me?access_token=${alice}`, `Authorization: Bearer ${alice}`),
        400,
        invalidRequest('The access token was sent by more than one method'),
      );
    });

    it('answers the query parameter given twice with 400 invalid_request', async () => {
      expectAnswer(
        await get(`/me?access_token=${alice}&access_token=${bob}`),
        400,
        invalidRequest('The access token was sent by more than one method'),
      );
    });

    it("answers a bracketed query parameter: an object (Express 4's qs) is 400, a plain key is no token", async () => {
      const reply = await get(`/me?access_token[__proto__]=${alice}&access_token[x]=1`);
      if (adapter === 'express 4')
        expectAnswer(reply, 400, invalidRequest('The access token was sent by more than one method'));
      else expectAnswer(reply, 401, NO_TOKEN); // Express 5 and Fastify keep `access_token[x]` as the key's name
    });

    it('accepts the query parameter alone (opted in)', async () => {
      expect((await get(`/admin?access_token=${alice}`)).status).toBe(200);
    });
  });

  describe('a realm named by the request', () => {
    let tenantApp: ListeningApp;
    beforeAll(async () => {
      const realm = (request: never): string | undefined =>
        (request as { headers: Record<string, string | undefined> }).headers['x-tenant'];
      tenantApp = await startApp(adapter, { serverUrl: shop.serverUrl, realm, clientId: 'orders-api' }, [
        { path: '/me' },
      ]);
    });
    afterAll(() => tenantApp?.close());

    it('serves the tenant the header names', async () => {
      expect(
        (await rawRequest(tenantApp.url, `GET /me HTTP/1.1\r\nX-Tenant: shop\r\nAuthorization: Bearer ${alice}`))
          .status,
      ).toBe(200);
    });

    it.each(['../master', 'shop/../master', '..', '.', 'shop?x=1', 'shop#x', 'shop:8080', ''])(
      'answers the tenant %j with 400 invalid_request before any URL is built',
      async (tenant) => {
        const counted = shop.server.counters.get('certs');
        const reply = await rawRequest(
          tenantApp.url,
          `GET /me HTTP/1.1\r\nX-Tenant: ${tenant}\r\nAuthorization: Bearer ${alice}`,
        );
        expect(reply.status).toBe(400);
        expect(reply.headers['www-authenticate']).toBe(
          'Bearer error="invalid_request", error_description="The realm could not be determined from the request"',
        );
        expect(shop.server.counters.get('certs')).toBe(counted);
      },
    );

    // Names Keycloak accepts for realms: percent-encoded into the issuer, so they never walk up a path; a token
    // of realm shop is then simply not theirs.
    it.each(['%2e%2e', 'sh op'])(
      'answers the tenant %j, a legal realm name, 401 invalid_token without a key fetch for it',
      async (tenant) => {
        const counted = shop.server.counters.get('certs');
        const reply = await rawRequest(
          tenantApp.url,
          `GET /me HTTP/1.1\r\nX-Tenant: ${tenant}\r\nAuthorization: Bearer ${alice}`,
        );
        expect(reply.status).toBe(401);
        expect(reply.headers['www-authenticate']).toMatch(
          /^Bearer realm="[^"]+", error="invalid_token", error_description="[^"]+"$/,
        );
        expect(shop.server.counters.get('certs')).toBe(counted);
      },
    );
  });

  describe('prototype and JSON tricks', () => {
    it('refuses a body of __proto__ and constructor keys without credentials with 401 (Fastify: 400 from its JSON parser)', async () => {
      const body =
        '{"__proto__":{"admin":true,"authorization":"Bearer x"},"constructor":{"prototype":{"isAdmin":true}}}';
      const reply = await rawRequest(app.url, 'POST /admin HTTP/1.1\r\nContent-Type: application/json', body);
      // Fastify parses the body before preHandler hooks and refuses prototype poisoning itself.
      if (adapter === 'fastify')
        expect([reply.status, JSON.parse(reply.body).code]).toEqual([400, 'FST_ERR_CTP_INVALID_JSON_BODY']);
      else expectAnswer(reply, 401, NO_TOKEN);
      expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
    });

    it('does not read roles a signed token puts on __proto__', async () => {
      const claims = JSON.parse(
        `{"realm_access":{"__proto__":{"roles":["admin"]}},"resource_access":{"__proto__":{"orders-api":{"roles":["viewer"]}}}}`,
      ) as Record<string, unknown>;
      const token = forge(bob, claims);
      expect((await get('/me', `Authorization: Bearer ${token}`)).status).toBe(200);
      expectAnswer(await get('/admin', `Authorization: Bearer ${token}`), 403, forbidden('Missing roles: realm:admin'));
      expectAnswer(await get('/viewer', `Authorization: Bearer ${token}`), 403, forbidden('Missing roles: viewer'));
    });

    it('refuses roles of the wrong shape (a string, an array-like, nested lists) as an invalid token', async () => {
      for (const realmAccess of [
        { roles: 'admin' },
        { roles: { 0: 'admin', length: 1 } },
        { roles: [['admin']] },
        'admin',
        null,
      ]) {
        expectAnswer(
          await get('/admin', `Authorization: Bearer ${forge(bob, { realm_access: realmAccess })}`),
          401,
          INVALID,
        );
      }
      expectAnswer(
        await get(
          '/viewer',
          `Authorization: Bearer ${forge(bob, { resource_access: { 'orders-api': { roles: 'viewer' } } })}`,
        ),
        401,
        INVALID,
      );
    });

    it('matches a scope only as a whole space-separated word of a string scope claim, never on __proto__', async () => {
      const refused = `${forbidden('Missing scopes: orders:read')}, scope="orders:read"`;
      for (const scope of [
        'orders:reader',
        'my-orders:read',
        'orders:read_x profile',
        'orders',
        'orders:read'.toUpperCase(),
      ])
        expectAnswer(await get('/orders', `Authorization: Bearer ${forge(bob, { scope })}`), 403, refused);
      for (const scope of ['orders:read', 'openid orders:read', 'openid  orders:read profile'])
        expect((await get('/orders', `Authorization: Bearer ${forge(bob, { scope })}`)).status).toBe(200);
      const inherited = JSON.parse('{"scope":null,"__proto__":{"scope":"orders:read"}}') as Record<string, unknown>;
      expectAnswer(
        await get('/orders', `Authorization: Bearer ${forge(bob, { ...inherited, scope: undefined })}`),
        403,
        refused,
      );
    });

    it('refuses a signed payload of toString/valueOf claims that are not strings with 401', async () => {
      const token = forge(bob, { sub: { toString: 'x' }, exp: { valueOf: 9e9 } });
      expectAnswer(await get('/me', `Authorization: Bearer ${token}`), 401, INVALID);
    });

    it('still lets alice in after the tricks (no state was poisoned)', async () => {
      expect((await get('/admin', `Authorization: Bearer ${alice}`)).status).toBe(200);
      expectAnswer(await get('/admin', `Authorization: Bearer ${bob}`), 403, forbidden('Missing roles: realm:admin'));
    });
  });
});
