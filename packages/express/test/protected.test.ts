import { Keycloak, type ExpressKeycloakContext, type ProtectedRequest } from '@keycloak-ts/express';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import express4 from 'express4';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../test/support/guard/realm.js';

describe.each([
  ['Express 5', (): Express => express()],
  ['Express 4', (): Express => express4() as unknown as Express],
])('%s: keycloak.protected(spec, handler)', (_name, createApp) => {
  let shop: ShopKeycloak;
  let alice: string;
  let bob: string;
  let app: Express;
  let keycloak: Keycloak;
  const ran: string[] = [];

  beforeAll(async () => {
    shop = await startShop();
    [alice, bob] = await Promise.all([shop.tokenFor('alice'), shop.tokenFor('bob')]);
    keycloak = new Keycloak({ serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' });
    app = createApp();
    app.get(
      '/me',
      keycloak.protected((req, res) => {
        ran.push('me');
        res.json({ user: req.keycloak.token.preferred_username });
      }),
    );
    app.get(
      '/orders/:id',
      keycloak.protected({ roles: ['realm:admin'] }, (req, res) => {
        ran.push('orders');
        res.json({ id: req.params.id, admin: req.keycloak.hasRealmRole('admin') });
      }),
    );
    app.get(
      '/throws',
      keycloak.protected(() => {
        throw new Error('sync failure');
      }),
    );
    app.get(
      '/rejects',
      keycloak.protected(async () => {
        throw new Error('async failure');
      }),
    );
    app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
      res.status(500).json({ caught: error.message });
    });
  });
  afterAll(async () => {
    await keycloak?.close();
    await shop?.close();
  });

  it('runs the handler with req.keycloak set when the guard lets the request through', async () => {
    const reply = await request(app).get('/me').set('authorization', `Bearer ${alice}`);
    expect(reply.body).toEqual({ user: 'alice' });
    const orders = await request(app).get('/orders/42').set('authorization', `Bearer ${alice}`);
    expect(orders.body).toEqual({ id: '42', admin: true });
  });

  it('never runs the handler of a refused request, answered by the guard as RFC 6750 says', async () => {
    ran.length = 0;
    const none = await request(app).get('/me');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="shop"');
    const bobs = await request(app).get('/orders/42').set('authorization', `Bearer ${bob}`);
    expect(bobs.status).toBe(403);
    expect(bobs.headers['www-authenticate']).toBe(
      'Bearer realm="shop", error="insufficient_scope", error_description="Missing roles: realm:admin"',
    );
    expect(ran).toEqual([]);
  });

  it("passes a handler's thrown error and rejected promise to the app's error handler", async () => {
    const thrown = await request(app).get('/throws').set('authorization', `Bearer ${alice}`);
    expect([thrown.status, thrown.body]).toEqual([500, { caught: 'sync failure' }]);
    const rejected = await request(app).get('/rejects').set('authorization', `Bearer ${alice}`);
    expect([rejected.status, rejected.body]).toEqual([500, { caught: 'async failure' }]);
  });

  it('refuses a policy-enforcer spec and a missing handler when the route is declared', () => {
    expect(() => keycloak.protected({ config: {} } as never, () => undefined)).toThrow(
      new TypeError('"spec.config" cannot be used with protected(): use protect({ config }) and req.keycloak?'),
    );
    expect(() => keycloak.protected({ roles: ['admin'] }, undefined as never)).toThrow(
      new TypeError('"handler" must be a function'),
    );
  });
});

describe('Express typing', () => {
  const serverUrl = 'http://127.0.0.1:1';

  it('requires serverUrl, clientId, and realm or allowedIssuers (not both) in the options', () => {
    const build = (): Keycloak[] => [
      new Keycloak({ serverUrl, realm: 'shop', clientId: 'orders-api' }),
      new Keycloak({ serverUrl, realm: (req) => req.hostname, clientId: 'orders-api' }),
      new Keycloak({ serverUrl, allowedIssuers: [`${serverUrl}/realms/shop`], clientId: 'orders-api' }),
      // @ts-expect-error clientId is required
      new Keycloak({ serverUrl, realm: 'shop' }),
      // @ts-expect-error serverUrl is required
      new Keycloak({ realm: 'shop', clientId: 'orders-api' }),
      // @ts-expect-error realm or allowedIssuers is required
      new Keycloak({ serverUrl, clientId: 'orders-api' }),
      // @ts-expect-error realm and allowedIssuers exclude each other
      new Keycloak({ serverUrl, realm: 'shop', allowedIssuers: ['x'], clientId: 'orders-api' }),
      Keycloak.fromKeycloakJson('./keycloak.json'),
      Keycloak.fromKeycloakJson('./keycloak.json', { refusals: 'next' }),
    ];
    expectTypeOf(build).returns.toEqualTypeOf<Keycloak[]>();
  });

  it("types req.keycloak as set in protected handlers, with Express's type parameters", () => {
    const keycloak = {} as Keycloak;
    const app = {} as Express;
    const declare = (): void => {
      app.get(
        '/orders/:id',
        keycloak.protected<{ id: string }>({ scopes: ['orders:read'] }, (req, res) => {
          expectTypeOf(req.keycloak).toEqualTypeOf<ExpressKeycloakContext>();
          expectTypeOf(req.params.id).toEqualTypeOf<string>();
          res.json({ sub: req.keycloak.token.sub });
        }),
      );
      app.get(
        '/me',
        keycloak.protected((req) => {
          expectTypeOf(req.params).toEqualTypeOf<Request['params']>();
          expectTypeOf(req.keycloak.token.sub).toEqualTypeOf<string | undefined>();
        }),
      );
      // @ts-expect-error a policy-enforcer spec may let requests through without a token
      keycloak.protected({ config: {} }, () => undefined);
    };
    expectTypeOf(declare).toBeFunction();
    expectTypeOf<ProtectedRequest['keycloak']>().toEqualTypeOf<ExpressKeycloakContext>();
    expectTypeOf<Request['keycloak']>().toEqualTypeOf<ExpressKeycloakContext | undefined>();
  });
});
