import type { AddressInfo } from 'node:net';
import { Keycloak, type ExpressKeycloakContext } from '@keycloak-ts/express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../test/support/guard/realm.js';

describe('Express over a real socket', () => {
  let shop: ShopKeycloak;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    shop = await startShop();
    const keycloak = new Keycloak({ serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' });
    const app = express();
    app.use(keycloak.protect());
    app.get('/admin', keycloak.protect({ roles: ['realm:admin'] }), (req, res) => {
      res.json({ user: req.keycloak?.token.preferred_username });
    });
    app.use(keycloak.errorHandler());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => {
    await close?.();
    await shop?.close();
  });

  it('guards a whole app with app.use and a route with its own roles', async () => {
    const none = await fetch(`${base}/admin`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="shop"');
    expect(none.headers.get('content-type')).toMatch(/^application\/json/);
    const alice = await fetch(`${base}/admin`, {
      headers: { authorization: `Bearer ${await shop.tokenFor('alice')}` },
    });
    expect(await alice.json()).toEqual({ user: 'alice' });
    const bob = await fetch(`${base}/admin`, { headers: { authorization: `Bearer ${await shop.tokenFor('bob')}` } });
    expect(bob.status).toBe(403);
    expect(bob.headers.get('www-authenticate')).toBe(
      'Bearer realm="shop", error="insufficient_scope", error_description="Missing roles: realm:admin"',
    );
  });

  it('refuses over HTTP a token of another client whose aud does not name the API, and no token in the URL', async () => {
    // bob logs in through partner, which has no Audience mapper and holds none of orders-api's roles.
    const partner = await shop.tokenFor('bob', 'shop', 'partner');
    const refused = await fetch(`${base}/admin`, { headers: { authorization: `Bearer ${partner}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe(
      'Bearer realm="shop", error="invalid_token", error_description="The access token audience (aud) does not contain orders-api; ' +
        'add an Audience mapper for orders-api to a client scope of the calling client, or set the guard\'s tokenAudience option"',
    );
    const inUrl = await fetch(`${base}/admin?access_token=${await shop.tokenFor('alice')}`);
    expect(inUrl.status).toBe(400);
    expect(await inUrl.json()).toEqual({
      error: 'invalid_request',
      error_description:
        'Access tokens in the URL are not accepted (URLs land in access logs); send the token in the Authorization header',
    });
  });

  it("answers with status and headers through Express's own final handler when no error handler is mounted", async () => {
    const keycloak = new Keycloak({ serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api' });
    const app = express();
    app.get('/x', keycloak.protect(), (_req, res) => void res.end());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const reply = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, {
        headers: { authorization: 'Bearer' },
      });
      expect(reply.status).toBe(400);
      expect(reply.headers.get('www-authenticate')).toBe(
        'Bearer realm="shop", error="invalid_request", error_description="The bearer token is empty"',
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('request typing', () => {
  it('types req.keycloak as the optional context with the verified claims', () => {
    expectTypeOf<express.Request['keycloak']>().toEqualTypeOf<ExpressKeycloakContext | undefined>();
    expectTypeOf<ExpressKeycloakContext['token']['preferred_username']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ExpressKeycloakContext['hasRole']>().parameters.toEqualTypeOf<[role: string]>();
  });
});
