import { Keycloak } from '@keycloak-ts/express';
import express from 'express';
import express4 from 'express4';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpopTestKey, type DpopTestKey } from '../../../test/support/dpop.js';
import { startShop, type ShopKeycloak } from '../../../test/support/guard/realm.js';
import { boundToken } from '../../../test/security/support/dpop-tokens.js';

// htu behind a proxy: Express's own `trust proxy` decides whether X-Forwarded-Proto/-Host name the URL the
// client used; without it they are ignored.
describe.each([
  ['Express 5', () => express()],
  ['Express 4', () => express4() as unknown as Express],
])('%s: DPoP htu and trust proxy (supertest)', (_name, createApp) => {
  let shop: ShopKeycloak;
  let key: DpopTestKey;
  let token: string;

  beforeAll(async () => {
    shop = await startShop();
    key = dpopTestKey();
    token = await boundToken(shop.serverUrl, 'shop', key);
  });
  afterAll(() => shop?.close());

  const appWith = (trustProxy: boolean) => {
    const app = createApp();
    if (trustProxy) app.set('trust proxy', 'loopback');
    const keycloak = new Keycloak({
      serverUrl: shop.serverUrl,
      realm: 'shop',
      clientId: 'orders-api',
      verifyTokenAudience: true,
    });
    app.get(
      '/api/me',
      keycloak.protect(),
      (req, res) => void res.json({ user: req.keycloak?.token.preferred_username }),
    );
    app.use(keycloak.errorHandler());
    return app;
  };
  const send = (app: Express, htu: string) =>
    request(app)
      .get('/api/me?x=1')
      .set('authorization', `DPoP ${token}`)
      .set('dpop', key.proof('GET', htu, { accessToken: token }))
      .set('x-forwarded-proto', 'https')
      .set('x-forwarded-host', 'api.example.com');

  it('takes the forwarded scheme and host from a trusted proxy', async () => {
    const reply = await send(appWith(true), 'https://api.example.com/api/me');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ user: 'alice' });
  });

  it('ignores the forwarded headers when the proxy is not trusted', async () => {
    const reply = await send(appWith(false), 'https://api.example.com/api/me');
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof is for another URL' });
  });

  it('keeps the mount path of a router in htu', async () => {
    const app = createApp();
    const keycloak = new Keycloak({
      serverUrl: shop.serverUrl,
      realm: 'shop',
      clientId: 'orders-api',
      verifyTokenAudience: true,
    });
    const router = express.Router();
    router.get('/me', keycloak.protect(), (_req, res) => void res.json({ ok: true }));
    app.use('/api', router);
    app.use(keycloak.errorHandler());
    const host = '127.0.0.1';
    const reply = await request(app)
      .get('/api/me')
      .set('host', host)
      .set('authorization', `DPoP ${token}`)
      .set('dpop', key.proof('GET', `http://${host}/api/me`, { accessToken: token }));
    expect(reply.status).toBe(200);
  });
});
