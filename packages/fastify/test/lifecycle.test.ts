import { keycloakPlugin, type KeycloakGuardStats } from '@keycloak-ts/fastify';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedConnectionToken, startCountingProxy, type CountingProxy } from '../../../test/support/guard/counting-proxy.js';
import { umaShopRealm } from '../../../test/support/guard/uma-realm.js';

describe('Fastify: app.close() closes the guard, app.keycloak.stats reports it', () => {
  let kc: KeycloakTestServer;
  let proxy: CountingProxy;
  let bob: string;

  beforeAll(async () => {
    kc = await startKeycloak({ realms: [umaShopRealm] });
    proxy = await startCountingProxy(kc.url);
    bob = await closedConnectionToken(proxy.url, 'uma-shop', 'bob', 'bob-password');
    await proxy.idle();
  });
  afterAll(async () => {
    await proxy?.close();
    await kc?.close();
  });

  it('reports its caches and ends its connections to Keycloak in an onClose hook', async () => {
    const app = Fastify();
    await app.register(keycloakPlugin, { serverUrl: proxy.url, realm: 'uma-shop', clientId: 'orders-api', clientSecret: 'orders-secret' });
    app.get('/me', { preHandler: app.keycloak.protect() }, async (request) => ({ user: request.keycloak?.token.preferred_username }));
    app.get('/orders', { preHandler: app.keycloak.protect('orders:read') }, async () => ({ ok: true }));
    const headers = { authorization: `Bearer ${bob}` };
    expect((await app.inject({ url: '/me', headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/orders', headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/orders', headers })).statusCode).toBe(200);
    const stats: KeycloakGuardStats = app.keycloak.stats;
    expect(stats).toEqual({
      closed: false,
      realmsCached: 1,
      realms: [{
        realm: 'uma-shop',
        issuer: `${proxy.url}/realms/uma-shop`,
        verifier: { cacheHits: 2, signatureVerifications: 1, cachedTokens: 1 },
        decisions: { cachedDecisions: 1, cacheHits: 1, umaRequests: 1, coalesced: 0, tokenHits: 0 },
      }],
    });
    expect(proxy.open).toBeGreaterThan(0);

    await app.close();
    // The proxy asks clients to keep idle sockets ten minutes: only the onClose hook can have ended them now.
    await proxy.idle();
    expect(app.keycloak.stats.closed).toBe(true);
    expect(() => app.keycloak.admin).toThrow(expect.objectContaining({ code: 'ERR_OPERATION' }));
  });
});
