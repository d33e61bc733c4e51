import { keycloakPlugin } from '@keycloak-ts/fastify';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpopTestKey, type DpopTestKey } from '../../../test/support/dpop.js';
import { startShop, type ShopKeycloak } from '../../../test/support/guard/realm.js';
import { boundToken } from '../../../test/security/support/dpop-tokens.js';

// htu behind a proxy: Fastify's `trustProxy` decides whether X-Forwarded-Proto/-Host name the URL the client
// used; without it they are ignored.
describe('Fastify: DPoP htu and trustProxy (inject)', () => {
  let shop: ShopKeycloak;
  let key: DpopTestKey;
  let token: string;

  beforeAll(async () => {
    shop = await startShop();
    key = dpopTestKey('EdDSA');
    token = await boundToken(shop.serverUrl, 'shop', key);
  });
  afterAll(() => shop?.close());

  const appWith = async (trustProxy: boolean) => {
    const app = Fastify({ trustProxy });
    await app.register(keycloakPlugin, {
      serverUrl: shop.serverUrl,
      realm: 'shop',
      clientId: 'orders-api',
      verifyTokenAudience: true,
    });
    app.get('/api/me', { preHandler: app.keycloak.protect() }, async (request) => ({
      user: request.keycloak?.token.preferred_username,
    }));
    return app;
  };
  const send = async (trustProxy: boolean, htu: string) => {
    const app = await appWith(trustProxy);
    try {
      return await app.inject({
        method: 'GET',
        url: '/api/me?x=1',
        headers: {
          authorization: `DPoP ${token}`,
          dpop: key.proof('GET', htu, { accessToken: token }),
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'api.example.com',
        },
      });
    } finally {
      await app.close();
    }
  };

  it('takes the forwarded scheme and host from a trusted proxy', async () => {
    const reply = await send(true, 'https://api.example.com/api/me');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ user: 'alice' });
  });

  it('ignores the forwarded headers when the proxy is not trusted', async () => {
    const reply = await send(false, 'https://api.example.com/api/me');
    expect(reply.statusCode).toBe(401);
    expect(reply.json()).toEqual({
      error: 'invalid_dpop_proof',
      error_description: 'The DPoP proof is for another URL',
    });
    const direct = await send(false, 'http://localhost:80/api/me');
    expect(direct.statusCode).toBe(200);
  });
});
