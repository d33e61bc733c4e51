import { MemoryStore, PermissionChecker, type SharedStore } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { useUmaServer } from './support/server.js';

// Two checkers stand for two instances of one API; the store is what they share (Redis in production).
const server = useUmaServer();
const umaCalls = (): number => server.kc.counters.get('uma-grant');
const instance = (store: SharedStore): PermissionChecker =>
  new PermissionChecker({ openid: server.openid, now: () => server.kc.clock.now(), store });

describe('PermissionChecker with a store shared by instances', () => {
  it('reuses the decision another instance asked Keycloak for, once per key', async () => {
    const store = new MemoryStore({ now: () => server.kc.clock.now() });
    const [first, second] = [instance(store), instance(store)];
    const { token, claims } = await server.login('bob');
    const before = umaCalls();
    const asked = await first.check(claims, token, 'docs#read');
    const reused = await second.check(claims, token, 'docs#read');
    expect(umaCalls() - before).toBe(1);
    expect(reused).toEqual({ ...asked, source: 'keycloak' });
    expect(second.stats).toMatchObject({ umaRequests: 0, sharedHits: 1 });
    expect((await second.check(claims, token, 'docs#read')).source).toBe('cache');
    expect(second.stats).toMatchObject({ umaRequests: 0, sharedHits: 1, cacheHits: 1 });
  });

  it('keeps a refusal as shared as a grant, and a shared decision no longer than the token or cacheMaxAge', async () => {
    const store = new MemoryStore({ now: () => server.kc.clock.now() });
    const { token, claims } = await server.login('carol');
    const denied = await instance(store).check(claims, token, 'docs#read');
    expect(denied).toMatchObject({ allowed: false, refusal: 'access_denied' });
    const before = umaCalls();
    expect(await instance(store).check(claims, token, 'docs#read')).toMatchObject({
      allowed: false,
      missing: ['docs#read'],
      refusal: 'access_denied',
    });
    expect(umaCalls()).toBe(before);
    server.kc.clock.advance(61_000); // past the default cacheMaxAge of 60 s
    await instance(store)
      .check(claims, token, 'docs#read')
      .catch(() => undefined);
    expect(umaCalls()).toBe(before + 1);
  });

  it('puts only a digest of the decision key in the store, never the token or the subject', async () => {
    const keys: string[] = [];
    const values: string[] = [];
    const store = new MemoryStore({ now: () => server.kc.clock.now() });
    const spy: SharedStore = {
      ...bind(store),
      set: async (key, value, ttl) => {
        keys.push(key);
        values.push(value);
        await store.set(key, value, ttl);
      },
    };
    const { token, claims } = await server.login('bob');
    await instance(spy).check(claims, token, 'docs#read');
    expect(keys).toEqual([expect.stringMatching(/^uma:uma:[A-Za-z0-9_-]{43}$/)]);
    expect(keys[0]).not.toContain(claims.sub);
    expect(values[0]).not.toContain(token.split('.')[2]);
    expect(JSON.parse(values[0]!)).toEqual({
      allowed: true,
      granted: [expect.objectContaining({ rsname: 'docs' })],
      missing: [],
      expiresAt: expect.any(Number),
    });
  });

  it('asks Keycloak when the store fails or holds something it did not write', async () => {
    const { token, claims } = await server.login('bob');
    const failing: SharedStore = {
      ...bind(new MemoryStore()),
      get: async () => {
        throw new Error('down');
      },
      set: async () => {
        throw new Error('down');
      },
    };
    expect(await instance(failing).check(claims, token, 'docs#read')).toMatchObject({
      allowed: true,
      source: 'keycloak',
    });
    const garbage: SharedStore = { ...bind(new MemoryStore()), get: async () => '{"allowed":"yes"}' };
    const checker = instance(garbage);
    expect(await checker.check(claims, token, 'docs#read')).toMatchObject({ allowed: true });
    expect(checker.stats).toMatchObject({ umaRequests: 1, sharedHits: 0 });
  });

  it('refuses a store option that is not a SharedStore, naming it', () => {
    expect(() => instance({ get: () => undefined } as unknown as SharedStore)).toThrow(
      new TypeError('"store" must be a SharedStore (e.g. a MemoryStore, or a TieredStore over @keycloak-ts/redis)'),
    );
  });
});

/** The store's methods bound to it, so a test can replace some and keep the others. */
function bind(store: MemoryStore): SharedStore {
  return {
    kind: store.kind,
    get: (key) => store.get(key),
    set: (key, value, ttl) => store.set(key, value, ttl),
    claim: (key, value, ttl) => store.claim(key, value, ttl),
    delete: (key) => store.delete(key),
    publish: (channel, message) => store.publish(channel, message),
    subscribe: (channel, listener) => store.subscribe(channel, listener),
    close: () => store.close(),
  };
}
