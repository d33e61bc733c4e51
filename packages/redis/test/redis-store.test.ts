import { TieredStore, MemoryStore } from '@keycloak-ts/core';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';
import { redisServerBinary, startRedisServer, type OwnRedis } from './support.js';

const REASON = '(needs redis-server: the test command finds or installs it and sets REDIS_SERVER)';
const sharedRedisUrl = process.env['REDIS_URL'] || undefined;

async function eventually(check: () => Promise<boolean> | boolean, deadline = 5_000): Promise<void> {
  const end = Date.now() + deadline;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not within the deadline');
    await new Promise((wake) => setTimeout(wake, 20));
  }
}

describe.skipIf(!redisServerBinary && !sharedRedisUrl)(
  `RedisStore on a real Redis (needs REDIS_URL or redis-server; the test command provides one)`,
  () => {
    let redis: OwnRedis | undefined;
    let nodeRedis: ReturnType<typeof createClient>;
    let ioredis: Redis;

    beforeAll(async () => {
      redis = sharedRedisUrl ? undefined : await startRedisServer();
      const url = sharedRedisUrl ?? redis!.url;
      nodeRedis = createClient({ url });
      nodeRedis.on('error', () => {});
      await nodeRedis.connect();
      ioredis = new Redis(url);
    });
    afterAll(async () => {
      await nodeRedis.close();
      ioredis.disconnect();
      await redis?.stop();
    });

    for (const client of ['node-redis', 'ioredis'] as const) {
      describe(`over ${client}`, () => {
        const store = () =>
          new RedisStore({ client: client === 'node-redis' ? nodeRedis : ioredis, prefix: `test:${client}:` });

        it('sets, reads and deletes a value under its prefix, with a TTL Redis enforces', async () => {
          const s = store();
          await s.set('a', 'one', 60_000);
          expect(await s.get('a')).toBe('one');
          expect(await ioredis.pttl(`test:${client}:a`)).toBeGreaterThan(50_000);
          await s.set('short', 'gone soon', 30);
          await eventually(async () => (await s.get('short')) === undefined);
          await s.delete('a');
          expect(await s.get('a')).toBeUndefined();
        });

        it('keeps a set of members that expire one by one, at most maxMembers of them, the soonest to expire first', async () => {
          const s = store();
          await s.addMember('set', 'a', 60_000, 3);
          await s.addMember('set', 'short', 500, 3);
          await s.addMember('set', 'b', 60_000, 3);
          expect(await s.members('set')).toEqual(['short', 'a', 'b']);
          await eventually(async () => !(await s.members('set')).includes('short'));
          await s.addMember('set', 'c', 60_000, 3);
          await s.addMember('set', 'd', 60_000, 3);
          expect(await s.members('set')).toEqual(['b', 'c', 'd']);
          expect(await ioredis.pttl(`test:${client}:set`)).toBeGreaterThan(50_000);
          expect(await s.members('none')).toEqual([]);
        });

        it('lets exactly one of many concurrent claims of a key succeed', async () => {
          const s = store();
          const results = await Promise.all(
            Array.from({ length: 20 }, (_, i) => s.claim('jti-1', `claimant-${i}`, 60_000)),
          );
          expect(results.filter(Boolean)).toHaveLength(1);
          expect(await s.claim('jti-1', 'late', 60_000)).toBe(false);
        });

        it('delivers a published message to every subscriber, and stops after unsubscribing', async () => {
          const s = store();
          const heardA: string[] = [];
          const heardB: string[] = [];
          const stopA = await s.subscribe('revocations', (m) => heardA.push(m));
          const stopB = await store().subscribe('revocations', (m) => heardB.push(m));
          await s.publish('revocations', 'sid:1');
          await eventually(() => heardA.length === 1 && heardB.length === 1);
          await stopA();
          await s.publish('revocations', 'sid:2');
          await eventually(() => heardB.length === 2);
          expect(heardA).toEqual(['sid:1']);
          expect(heardB).toEqual(['sid:1', 'sid:2']);
          await stopB();
          await s.close();
        });
      });
    }

    it('refuses a client that is neither node-redis nor ioredis, naming the option', () => {
      expect(() => new RedisStore({ client: {} as never })).toThrow(
        new TypeError('"client" must be a node-redis client, an ioredis client or a RedisConnection'),
      );
    });

    it('refuses an unknown option, such as a misspelt prefix that would share the default keys', () => {
      expect(() => new RedisStore({ client: ioredis, prefx: 'app:' } as never)).toThrow(
        new TypeError('"prefx" is not an option of RedisStore (client, prefix)'),
      );
    });

    it('treats a reply of the wrong type as a failure, never as a value', async () => {
      await ioredis.hset('test:garbage:h', 'f', 'v');
      const garbage = new RedisStore({
        client: {
          client: 'fake',
          command: async () => ({ not: 'a string' }),
          subscribe: async () => async () => {},
          close: async () => {},
        },
      });
      await expect(garbage.get('h')).rejects.toThrow('GET answered a non-string');
      await expect(garbage.claim('h', 'x', 1_000)).rejects.toThrow('SET NX answered neither OK nor nil');
    });
  },
);

describe.skipIf(!redisServerBinary)(`TieredStore over a Redis that goes down ${REASON}`, () => {
  it('goes on with its local tier while Redis is down, warns once, and resends what it published when Redis is back', async () => {
    const redis = await startRedisServer();
    const client = createClient({ url: redis.url, socket: { reconnectStrategy: () => 50 } });
    client.on('error', () => {});
    await client.connect();
    const warnings: string[] = [];
    const infos: string[] = [];
    const logger = {
      warn: (_: unknown, msg: string) => warnings.push(msg),
      info: (_: unknown, msg: string) => infos.push(msg),
    };
    const a = new TieredStore({
      shared: new RedisStore({ client, prefix: 'tiered:' }),
      operationTimeout: 200,
      retryDuration: 50,
      logger,
    });
    const observer = createClient({ url: redis.url, socket: { reconnectStrategy: () => 50 } });
    observer.on('error', () => {});
    await observer.connect();
    const b = new TieredStore({
      shared: new RedisStore({ client: observer, prefix: 'tiered:' }),
      operationTimeout: 200,
      retryDuration: 50,
    });
    const heardByB: string[] = [];
    await b.subscribe('revocations', (m) => heardByB.push(m));
    try {
      await a.set('decision', 'granted', 60_000);
      expect(await b.get('decision')).toBe('granted');
      expect(await a.claim('jti-x', '1', 60_000)).toBe(true);
      expect(await b.claim('jti-x', '1', 60_000)).toBe(false);

      await redis.kill();
      expect(await a.get('decision')).toBe('granted'); // from the local tier
      expect(await a.claim('jti-y', '1', 60_000)).toBe(true); // per instance now
      expect(await a.claim('jti-y', '1', 60_000)).toBe(false); // still refused on this instance
      expect(a.sharedAvailable).toBe(false);
      await a.publish('revocations', 'sid:during-outage');
      await a.set('other', 'v', 60_000);
      expect(warnings).toEqual([
        "keycloak-ts: the shared store failed; going on with this instance's memory until it is back",
      ]);

      await redis.restart();
      await eventually(async () => {
        await a.set('probe', 'v', 60_000);
        return a.sharedAvailable;
      });
      expect(infos).toEqual(['keycloak-ts: the shared store is back']);
      await eventually(() => heardByB.includes('sid:during-outage'));
    } finally {
      await a.close();
      await b.close();
      await client.close();
      await observer.close();
      await redis.stop();
    }
  });

  it('never throws when the shared tier fails: MemoryStore semantics on one instance', async () => {
    const failing = {
      kind: 'broken',
      get: async () => {
        throw new Error('down');
      },
      set: async () => {
        throw new Error('down');
      },
      claim: async () => {
        throw new Error('down');
      },
      delete: async () => {
        throw new Error('down');
      },
      publish: async () => {
        throw new Error('down');
      },
      subscribe: async () => {
        throw new Error('down');
      },
      close: async () => {},
    };
    const store = new TieredStore({ shared: failing, retryDuration: 60_000 });
    const heard: string[] = [];
    await store.subscribe('c', (m) => heard.push(m));
    await store.set('k', 'v', 1_000);
    expect(await store.get('k')).toBe('v');
    expect(await store.claim('j', '1', 1_000)).toBe(true);
    expect(await store.claim('j', '1', 1_000)).toBe(false);
    await store.publish('c', 'hello');
    expect(heard).toEqual(['hello']);
    expect(new MemoryStore().kind).toBe('memory');
  });
});
