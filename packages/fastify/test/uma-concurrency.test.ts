import { keycloakPlugin } from '@keycloak-ts/fastify';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken } from '../../../test/support/guard/realm.js';
import { umaShopRealm } from '../../../test/support/guard/uma-realm.js';

describe('a cold protect("orders:read") route under 1,000 concurrent first requests', () => {
  let kc: KeycloakTestServer;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    kc = await startKeycloak({ realms: [umaShopRealm] });
    token = await passwordToken(kc.url, 'uma-shop', 'bob', 'bob-password');
    app = Fastify();
    // A cold route: the startup check would load the keys before the first request.
    await app.register(keycloakPlugin, {
      serverUrl: kc.url,
      realm: 'uma-shop',
      clientId: 'orders-api',
      startupCheck: 'off',
    });
    app.get('/orders', { preHandler: app.keycloak.protect('orders:read') }, async (request) => ({
      granted: request.keycloak?.permissions?.length,
    }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await kc?.close();
  });

  it('fetches the realm keys once and asks Keycloak for the decision once', async () => {
    const certs = kc.counters.get('certs');
    const grants = kc.counters.get('uma-grant');
    const replies = await Promise.all(
      Array.from({ length: 1000 }, () =>
        app.inject({ method: 'GET', url: '/orders', headers: { authorization: `Bearer ${token}` } }),
      ),
    );
    expect(replies.map((reply) => reply.statusCode)).toEqual(Array(1000).fill(200));
    expect(replies.every((reply) => reply.body === '{"granted":1}')).toBe(true);
    expect(kc.counters.get('certs') - certs).toBe(1);
    expect(kc.counters.get('uma-grant') - grants).toBe(1);
  });
});
