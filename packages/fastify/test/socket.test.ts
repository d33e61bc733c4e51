import { keycloakPlugin, type FastifyKeycloak, type FastifyKeycloakContext } from '@keycloak-ts/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../test/support/guard/realm.js';

describe('Fastify over a real socket', () => {
  let shop: ShopKeycloak;

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop?.close());

  it('guards an encapsulated context with a hook and answers RFC 6750 over HTTP', async () => {
    const app = Fastify();
    await app.register(keycloakPlugin, { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' });
    app.get('/public', async () => ({ ok: true }));
    await app.register(async (scope) => {
      scope.addHook('preHandler', scope.keycloak.protect({ roles: ['realm:admin'] }));
      scope.get('/admin', async (request) => ({ user: request.keycloak?.token.preferred_username }));
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect((await fetch(`${base}/public`)).status).toBe(200);
      const none = await fetch(`${base}/admin`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="shop"');
      const alice = await fetch(`${base}/admin`, {
        headers: { authorization: `Bearer ${await shop.tokenFor('alice')}` },
      });
      expect(await alice.json()).toEqual({ user: 'alice' });
      const bob = await fetch(`${base}/admin`, { headers: { authorization: `Bearer ${await shop.tokenFor('bob')}` } });
      expect(bob.status).toBe(403);
      expect(await bob.json()).toEqual({
        error: 'insufficient_scope',
        error_description: 'Missing roles: realm:admin',
      });
    } finally {
      await app.close();
    }
  });

  it('refuses over HTTP a token of another client whose aud does not name the API, and no token in the URL', async () => {
    const app = Fastify();
    await app.register(keycloakPlugin, { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' });
    app.get('/me', { preHandler: app.keycloak.protect() }, async (request) => ({
      user: request.keycloak?.token.preferred_username,
    }));
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      // bob logs in through partner, which has no Audience mapper and holds none of orders-api's roles.
      const partner = await shop.tokenFor('bob', 'shop', 'partner');
      const refused = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${partner}` } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe(
        'Bearer realm="shop", error="invalid_token", error_description="The access token audience (aud) does not contain orders-api; ' +
          'add an Audience mapper for orders-api to a client scope of the calling client, or set the guard\'s tokenAudience option"',
      );
      const web = await shop.tokenFor('bob');
      expect(await (await fetch(`${base}/me`, { headers: { authorization: `Bearer ${web}` } })).json()).toEqual({
        user: 'bob',
      });
      const inUrl = await fetch(`${base}/me?access_token=${web}`);
      expect(inUrl.status).toBe(400);
      expect(await inUrl.json()).toEqual({
        error: 'invalid_request',
        error_description:
          'Access tokens in the URL are not accepted (URLs land in access logs); send the token in the Authorization header',
      });
    } finally {
      await app.close();
    }
  });

  it("leaves the error untouched to the app's own error handler when errorHandler is false", async () => {
    const app = Fastify();
    await app.register(keycloakPlugin, {
      serverUrl: shop.serverUrl,
      realm: 'shop',
      clientId: 'orders-api',
      errorHandler: false,
    });
    app.setErrorHandler(
      (error: { code?: string; statusCode?: number; headers?: Record<string, string> }, _request, reply) =>
        reply
          .code(error.statusCode ?? 500)
          .headers(error.headers ?? {})
          .send({ problem: error.code }),
    );
    app.get('/me', { preHandler: app.keycloak.protect() }, async () => ({ ok: true }));
    const reply = await app.inject({ url: '/me', headers: { authorization: 'Bearer nope' } });
    expect(reply.statusCode).toBe(401);
    expect(reply.headers['www-authenticate']).toBe(
      'Bearer realm="shop", error="invalid_token", error_description="The access token is invalid"',
    );
    expect(reply.json()).toEqual({ problem: 'ERR_TOKEN_REJECTED' });
    await app.close();
  });

  it('reads serverUrl, realm and clientId from a keycloakJson option', async () => {
    const app = Fastify();
    const policyEnforcer = {
      'enforcement-mode': 'ENFORCING',
      paths: [{ path: '/orders', methods: [{ method: 'GET', scopes: ['read'] }] }],
    };
    await app.register(keycloakPlugin, {
      keycloakJson: {
        realm: 'shop',
        'auth-server-url': shop.serverUrl,
        resource: 'orders-api',
        'policy-enforcer': policyEnforcer,
      },
    });
    app.get('/me', { preHandler: app.keycloak.protect() }, async (request) => ({ realm: request.keycloak?.realm }));
    expect(app.keycloak.realm).toBe('shop');
    expect(app.keycloak.policyEnforcerConfig).toEqual(policyEnforcer);
    const reply = await app.inject({ url: '/me', headers: { authorization: `Bearer ${await shop.tokenFor('bob')}` } });
    expect(reply.json()).toEqual({ realm: 'shop' });
    await app.close();
  });

  it("logs each refusal with its reason to Fastify's own logger by default, never the token", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
    const app = Fastify({ logger: { level: 'debug', stream } });
    await app.register(keycloakPlugin, { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' });
    app.get('/admin', { preHandler: app.keycloak.protect({ roles: ['realm:admin'] }) }, async () => ({ ok: true }));
    const bob = await shop.tokenFor('bob');
    try {
      expect((await app.inject({ url: '/admin', headers: { authorization: `Bearer ${bob}` } })).statusCode).toBe(403);
    } finally {
      await app.close();
    }
    const refusals = lines.filter((line) => line['msg'] === 'keycloak guard refused the request');
    expect(refusals).toEqual([
      expect.objectContaining({
        level: 20,
        status: 403,
        code: 'ERR_INSUFFICIENT_SCOPE',
        reason: 'role_missing',
        realm: 'shop',
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(bob.split('.')[2]);
  });

  it("writes the audience opt-out warning once to Fastify's app logger when no logger is given", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
    const app = Fastify({ logger: { level: 'warn', stream } });
    await app.register(keycloakPlugin, {
      serverUrl: shop.serverUrl,
      realm: 'shop',
      clientId: 'orders-api',
      verifyTokenAudience: false,
      startupCheck: 'off',
    });
    await app.ready();
    await app.close();
    expect(lines.filter((line) => line['level'] === 40)).toEqual([
      expect.objectContaining({ clientId: 'orders-api', verifyTokenAudience: false }),
    ]);
  });

  it('decorates app.keycloak.admin with the one admin client that request.keycloak.admin also holds', async () => {
    const app = Fastify();
    await app.register(keycloakPlugin, {
      serverUrl: shop.serverUrl,
      realm: 'shop',
      clientId: 'orders-api',
      clientSecret: 'orders-secret',
    });
    app.get('/users', { preHandler: app.keycloak.protect() }, async (request) => ({
      same: request.keycloak?.admin === app.keycloak.admin,
      users: (await request.keycloak!.admin.getUsers({ briefRepresentation: true }))
        .map((user) => user.username)
        .sort(),
    }));
    try {
      const reply = await app.inject({
        url: '/users',
        headers: { authorization: `Bearer ${await shop.tokenFor('alice')}` },
      });
      expect(reply.json()).toEqual({ same: true, users: ['alice', 'bob'] });
    } finally {
      await app.close();
    }
  });

  it('lets plugin options override what the keycloakJson says', async () => {
    const app = Fastify();
    await app.register(keycloakPlugin, {
      keycloakJson: { realm: 'elsewhere', 'auth-server-url': shop.serverUrl, resource: 'orders-api' },
      realm: 'shop',
    });
    app.get('/me', { preHandler: app.keycloak.protect() }, async (request) => ({ realm: request.keycloak?.realm }));
    try {
      expect(app.keycloak.realm).toBe('shop');
      expect(
        (await app.inject({ url: '/me', headers: { authorization: `Bearer ${await shop.tokenFor('bob')}` } })).json(),
      ).toEqual({ realm: 'shop' });
    } finally {
      await app.close();
    }
  });

  it('refuses bad options when the plugin registers', async () => {
    const app = Fastify();
    await expect(
      // @ts-expect-error the types require realm or allowedIssuers: this checks the runtime refusal JavaScript callers get
      app.register(keycloakPlugin, { serverUrl: shop.serverUrl, clientId: 'orders-api' }).ready(),
    ).rejects.toThrow(/"realm" is required/);
  });
});

describe('decoration typing', () => {
  it('types request.keycloak as nullable context and app.keycloak as the guard', () => {
    expectTypeOf<FastifyRequest['keycloak']>().toEqualTypeOf<FastifyKeycloakContext | null>();
    expectTypeOf<FastifyInstance['keycloak']>().toEqualTypeOf<FastifyKeycloak>();
    expectTypeOf<FastifyKeycloakContext['token']['exp']>().toEqualTypeOf<number>();
  });
});
