import { KeycloakGuard, MemoryStore, TieredStore, type RequestSource, type SharedStore } from '@keycloak-ts/core';
import { RedisStore } from '@keycloak-ts/redis';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerBinary, startRedisServer, type OwnRedis } from '../../packages/redis/test/support.js';
import { passwordToken, shopRealm } from '../support/guard/realm.js';

// Guards with `validation: 'introspect'` stand for the instances of one API; the store is what they share.
interface PlainRequest {
  token: string;
}
const source: RequestSource<PlainRequest> = {
  rawHeaders: (r) => ['Authorization', `Bearer ${r.token}`],
  query: () => undefined,
};

let kc: KeycloakTestServer;
let alice: string;
const introspections = (): number => kc.counters.get('introspect');

beforeAll(async () => {
  kc = await startKeycloak({ realms: [shopRealm] });
  // alice holds a role of orders-api, so Keycloak puts orders-api in her token's aud.
  alice = await passwordToken(kc.url, 'shop', 'alice', 'alice-password');
  const aud = JSON.parse(Buffer.from(alice.split('.')[1]!, 'base64url').toString()).aud as string[];
  expect(aud).toContain('orders-api');
});
afterAll(() => kc?.close());

function guard(store?: SharedStore): KeycloakGuard<PlainRequest> {
  return new KeycloakGuard<PlainRequest>(
    {
      serverUrl: kc.url,
      realm: 'shop',
      clientId: 'orders-api',
      clientSecret: 'orders-secret',
      validation: 'introspect',
      verifyTokenAudience: true,
      ...(store === undefined ? {} : { store }),
    },
    source,
  );
}

/** Checks alice's token on each guard in turn; returns the introspection calls Keycloak saw. */
async function introspectionsOf(guards: KeycloakGuard<PlainRequest>[]): Promise<number> {
  const before = introspections();
  for (const g of guards) expect((await g.protect()({ token: alice })).token.preferred_username).toBe('alice');
  return introspections() - before;
}

describe('guards that introspect, sharing one store', () => {
  it('ask Keycloak once for a token: the second guard reads the first one answer', async () => {
    const store = new MemoryStore();
    const guards = [guard(store), guard(store)];
    expect(await introspectionsOf(guards)).toBe(1);
    expect(guards[1]!.stats.realms[0]?.introspector).toMatchObject({ introspections: 0, sharedHits: 1 });
    await Promise.all(guards.map((g) => g.close()));
  });

  it('each ask Keycloak without a store', async () => {
    const guards = [guard(), guard()];
    expect(await introspectionsOf(guards)).toBe(2);
    await Promise.all(guards.map((g) => g.close()));
  });
});

describe.skipIf(!redisServerBinary && !process.env['REDIS_URL'])(
  'guards that introspect, sharing a real Redis (needs REDIS_URL or redis-server; the test command provides one)',
  () => {
    let redis: OwnRedis | undefined;
    let clients: ReturnType<typeof createClient>[] = [];

    beforeAll(async () => {
      redis = process.env['REDIS_URL'] ? undefined : await startRedisServer();
      const url = process.env['REDIS_URL'] || redis!.url;
      clients = [createClient({ url }), createClient({ url })];
      for (const client of clients) {
        client.on('error', () => {});
        await client.connect();
      }
    });
    afterAll(async () => {
      for (const client of clients) await client.close();
      await redis?.stop();
    });

    it('ask Keycloak once for a token over three instances, each with its own connection and local tier', async () => {
      const prefix = `introspection-test:${Date.now()}:`;
      const stores = [clients[0]!, clients[1]!, clients[0]!].map(
        (client) => new TieredStore({ shared: new RedisStore({ client, prefix }) }),
      );
      const guards = stores.map((store) => guard(store));
      expect(await introspectionsOf(guards)).toBe(1);
      const keys = await clients[0]!.keys(`${prefix}*`);
      expect(keys).toEqual([expect.stringMatching(/:introspection:[A-Za-z0-9_-]{43}$/)]);
      expect(keys[0]).not.toContain(alice.split('.')[2]!);
      expect(await clients[0]!.pTTL(keys[0]!)).toBeLessThanOrEqual(30_000);
      await Promise.all(guards.map((g) => g.close()));
    });
  },
);
