import { keycloakPlugin, type KeycloakGuardStats } from '@keycloak-ts/fastify';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startProxiedUmaShop,
  warmUmaShopStats,
  type CountingProxy,
  type ProxiedUmaShop,
} from '../../../test/support/guard/counting-proxy.js';

describe('Fastify: app.close() closes the guard, app.keycloak.stats reports it', () => {
  let shop: ProxiedUmaShop;
  let proxy: CountingProxy;
  let bob: string;

  beforeAll(async () => {
    shop = await startProxiedUmaShop();
    ({ proxy, bob } = shop);
  });
  afterAll(() => shop?.close());

  it('reports its caches and ends its connections to Keycloak in an onClose hook', async () => {
    const app = Fastify();
    await app.register(keycloakPlugin, {
      serverUrl: proxy.url,
      realm: 'uma-shop',
      clientId: 'orders-api',
      clientSecret: 'orders-secret',
    });
    app.get('/me', { preHandler: app.keycloak.protect() }, async (request) => ({
      user: request.keycloak?.token.preferred_username,
    }));
    app.get('/orders', { preHandler: app.keycloak.protect('orders:read') }, async () => ({ ok: true }));
    const headers = { authorization: `Bearer ${bob}` };
    expect((await app.inject({ url: '/me', headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/orders', headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/orders', headers })).statusCode).toBe(200);
    const stats: KeycloakGuardStats = app.keycloak.stats;
    expect(stats).toEqual(warmUmaShopStats(proxy));
    expect(proxy.open).toBeGreaterThan(0);

    await app.close();
    // The proxy asks clients to keep idle sockets ten minutes: only the onClose hook can have ended them now.
    await proxy.idle();
    expect(app.keycloak.stats.closed).toBe(true);
    expect(() => app.keycloak.admin).toThrow(expect.objectContaining({ code: 'ERR_OPERATION' }));
  });
});
