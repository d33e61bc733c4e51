import {
  keycloakPlugin,
  type FastifyKeycloakContext,
  type FastifyProtectedRequest,
  type KeycloakPluginOptions,
} from '@keycloak-ts/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../test/support/guard/realm.js';

describe('Fastify: app.keycloak.protected(spec, handler)', () => {
  let shop: ShopKeycloak;
  let alice: string;
  let bob: string;
  let app: FastifyInstance;
  const ran: string[] = [];

  beforeAll(async () => {
    shop = await startShop();
    [alice, bob] = await Promise.all([shop.tokenFor('alice'), shop.tokenFor('bob')]);
    app = Fastify();
    await app.register(keycloakPlugin, { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' });
    app.get(
      '/me',
      app.keycloak.protected(async (request) => {
        ran.push('me');
        return { user: request.keycloak.token.preferred_username };
      }),
    );
    app.get<{ Params: { id: string } }>('/orders/:id', {
      schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]+$' } } } },
      ...app.keycloak.protected<{ Params: { id: string } }>({ roles: ['realm:admin'] }, async (request) => {
        ran.push('orders');
        return { id: request.params.id, admin: request.keycloak.hasRealmRole('admin') };
      }),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await shop?.close();
  });

  const get = (url: string, token?: string) =>
    app.inject({ url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  it('runs the handler with request.keycloak set when the guard lets the request through', async () => {
    expect((await get('/me', alice)).json()).toEqual({ user: 'alice' });
    expect((await get('/orders/42', alice)).json()).toEqual({ id: '42', admin: true });
  });

  it('never runs the handler of a refused request, and keeps the route options spread beside it', async () => {
    ran.length = 0;
    const none = await get('/me');
    expect([none.statusCode, none.headers['www-authenticate']]).toEqual([401, 'Bearer realm="shop"']);
    const bobs = await get('/orders/42', bob);
    expect([bobs.statusCode, bobs.headers['www-authenticate']]).toEqual([
      403,
      'Bearer realm="shop", error="insufficient_scope", error_description="Missing roles: realm:admin"',
    ]);
    expect((await get('/orders/abc', alice)).statusCode).toBe(400); // the schema still validates
    expect(ran).toEqual([]);
  });

  it('refuses a policy-enforcer spec and a missing handler when the route is declared', () => {
    expect(() => app.keycloak.protected({ config: {} } as never, async () => undefined)).toThrow(
      new TypeError('"spec.config" cannot be used with protected(): use protect({ config }) and request.keycloak?'),
    );
    expect(() => app.keycloak.protected({ roles: ['admin'] }, undefined as never)).toThrow(
      new TypeError('"handler" must be a function'),
    );
  });
});

describe('Fastify typing', () => {
  const serverUrl = 'http://127.0.0.1:1';

  it('requires serverUrl, clientId, and realm or allowedIssuers, unless keycloakJson gives them', () => {
    const options: KeycloakPluginOptions[] = [
      { serverUrl, realm: 'shop', clientId: 'orders-api' },
      { serverUrl, allowedIssuers: [`${serverUrl}/realms/shop`], clientId: 'orders-api', errorHandler: false },
      { keycloakJson: './keycloak.json' },
      { keycloakJson: './keycloak.json', clientId: 'other-api' },
      // @ts-expect-error clientId is required without keycloakJson
      { serverUrl, realm: 'shop' },
      // @ts-expect-error serverUrl is required without keycloakJson
      { realm: 'shop', clientId: 'orders-api' },
      // @ts-expect-error realm or allowedIssuers is required without keycloakJson
      { serverUrl, clientId: 'orders-api' },
      // @ts-expect-error realm and allowedIssuers exclude each other
      { serverUrl, realm: 'shop', allowedIssuers: ['x'], clientId: 'orders-api' },
    ];
    const register = (app: FastifyInstance) => {
      void app.register(keycloakPlugin, { serverUrl, realm: 'shop', clientId: 'orders-api' });
      // @ts-expect-error a missing clientId does not compile at register either
      void app.register(keycloakPlugin, { serverUrl, realm: 'shop' });
    };
    expect(options).toHaveLength(8);
    expectTypeOf(register).toBeFunction();
  });

  it('types request.keycloak as set in protected handlers, with the route generics', () => {
    const declare = (app: FastifyInstance): void => {
      app.get<{ Params: { id: string } }>(
        '/orders/:id',
        app.keycloak.protected<{ Params: { id: string } }>({ scopes: ['orders:read'] }, async (request) => {
          expectTypeOf(request.keycloak).toEqualTypeOf<FastifyKeycloakContext>();
          expectTypeOf(request.params.id).toEqualTypeOf<string>();
          return { sub: request.keycloak.token.sub };
        }),
      );
      // @ts-expect-error a policy-enforcer spec may let requests through without a token
      app.keycloak.protected({ config: {} }, async () => undefined);
    };
    expectTypeOf(declare).toBeFunction();
    expectTypeOf<FastifyProtectedRequest['keycloak']>().toEqualTypeOf<FastifyKeycloakContext>();
    expectTypeOf<FastifyRequest['keycloak']>().toEqualTypeOf<FastifyKeycloakContext | null>();
  });
});
