import { TieredStore } from '@keycloak-ts/core';
import { RedisStore } from '@keycloak-ts/redis';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations.
import { startRedisServer } from '../../scripts/redis/server.mjs';
import { dpopTestKey } from '../support/dpop.js';
import { startShop, type ShopKeycloak } from '../support/guard/realm.js';
import { startApp, type ListeningApp } from './support/apps.js';
import { boundToken } from './support/dpop-tokens.js';

// A DPoP proof replayed to another instance of the API is refused when the instances share a RedisStore
// (RFC 9449 §11.1; issue 11): the jti claim is one SET NX PX, over node-redis and over ioredis.
const redisServer: string | undefined = process.env['REDIS_SERVER'] || undefined;
const sharedUrl: string | undefined = process.env['REDIS_URL'] || undefined;
const PUBLIC_URL = 'https://api.example.com';

describe.skipIf(!redisServer && !sharedUrl)(
  'DPoP replay across instances sharing Redis (needs REDIS_URL or redis-server: the test command provides one)',
  () => {
    let redis: { url: string; stop(): Promise<void> } | undefined;
    let nodeRedis: ReturnType<typeof createClient>;
    let ioredis: Redis;
    let shop: ShopKeycloak;
    const apps: ListeningApp[] = [];

    beforeAll(async () => {
      redis = sharedUrl ? undefined : await startRedisServer(redisServer);
      const url = sharedUrl ?? redis!.url;
      nodeRedis = createClient({ url });
      nodeRedis.on('error', () => {});
      await nodeRedis.connect();
      ioredis = new Redis(url);
      shop = await startShop();
    });
    afterAll(async () => {
      await Promise.all(apps.map((app) => app.close()));
      await nodeRedis?.close();
      ioredis?.disconnect();
      await shop?.close();
      await redis?.stop();
    });

    it('refuses at a Fastify instance a proof an Express instance accepted, and keeps no raw proof in Redis', async () => {
      const prefix = `dpop-test-${Date.now()}:`;
      const options = (store: unknown) =>
        ({
          serverUrl: shop.serverUrl,
          realm: 'shop',
          clientId: 'orders-api',
          verifyTokenAudience: true,
          publicUrl: PUBLIC_URL,
          store,
        }) as never;
      const first = await startApp('express 5', options(new RedisStore({ client: nodeRedis, prefix })), [
        { path: '/me' },
      ]);
      const second = await startApp(
        'fastify',
        options(new TieredStore({ shared: new RedisStore({ client: ioredis, prefix }) })),
        [{ path: '/me' }],
      );
      apps.push(first, second);
      const key = dpopTestKey();
      const token = await boundToken(shop.serverUrl, 'shop', key);
      const proof = key.proof('GET', `${PUBLIC_URL}/me`, { accessToken: token });
      const send = (app: ListeningApp, dpop: string) =>
        fetch(`${app.url}/me`, { headers: { authorization: `DPoP ${token}`, dpop } });
      expect((await send(first, proof)).status).toBe(200);
      const replayed = await send(second, proof);
      expect(replayed.status).toBe(401);
      expect(await replayed.json()).toEqual({
        error: 'invalid_dpop_proof',
        error_description: 'The DPoP proof was already used',
      });
      // The other way round too, with a fresh proof.
      const fresh = key.proof('GET', `${PUBLIC_URL}/me`, { accessToken: token });
      expect((await send(second, fresh)).status).toBe(200);
      expect((await send(first, fresh)).status).toBe(401);
      const keys = await ioredis.keys(`${prefix}*`);
      expect(keys).toHaveLength(2);
      for (const stored of keys) {
        expect(stored).toMatch(new RegExp(`^${prefix}dpop-jti:[A-Za-z0-9_-]{43}$`));
        const ttl = await ioredis.pttl(stored);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(61_000);
      }
    });
  },
);
