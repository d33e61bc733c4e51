import type { AddressInfo } from 'node:net';
import { Keycloak, type KeycloakGuardStats } from '@keycloak-ts/express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startProxiedUmaShop,
  warmUmaShopStats,
  type CountingProxy,
  type ProxiedUmaShop,
} from '../../../test/support/guard/counting-proxy.js';

describe('Express: keycloak.close() and keycloak.stats', () => {
  let shop: ProxiedUmaShop;
  let proxy: CountingProxy;
  let bob: string;

  beforeAll(async () => {
    shop = await startProxiedUmaShop();
    ({ proxy, bob } = shop);
  });
  afterAll(() => shop?.close());

  it('reports its caches, closes its connections to Keycloak on close(), then answers 503 until the server stops', async () => {
    const keycloak = new Keycloak({
      serverUrl: proxy.url,
      realm: 'uma-shop',
      clientId: 'orders-api',
      clientSecret: 'orders-secret',
    });
    const app = express();
    app.get('/me', keycloak.protect(), (req, res) => void res.json({ user: req.keycloak?.token.preferred_username }));
    app.get('/orders', keycloak.protect('orders:read'), (_req, res) => void res.json({ ok: true }));
    app.use(keycloak.errorHandler());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = (path: string): Promise<Response> =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bob}` } });
    try {
      expect((await get('/me')).status).toBe(200);
      expect((await get('/orders')).status).toBe(200);
      expect((await get('/orders')).status).toBe(200);
      const stats: KeycloakGuardStats = keycloak.stats;
      expect(stats).toEqual(warmUmaShopStats(proxy));
      expect(proxy.open).toBeGreaterThan(0);

      await keycloak.close();
      // The proxy asks clients to keep idle sockets ten minutes: only close() can have ended them now.
      await proxy.idle();
      expect(keycloak.stats.closed).toBe(true);

      const late = await get('/me');
      expect(late.status).toBe(503);
      expect(late.headers.get('retry-after')).toBe('10');
      expect(late.headers.get('www-authenticate')).toBeNull();
      expect(await late.json()).toEqual({
        error: 'temporarily_unavailable',
        error_description: 'The service is shutting down; retry later',
      });
      expect(() => keycloak.admin).toThrow(expect.objectContaining({ code: 'ERR_OPERATION' }));
      await expect(keycloak.close()).resolves.toBeUndefined();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
