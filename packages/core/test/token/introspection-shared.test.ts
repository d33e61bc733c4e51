import { MemoryStore, TokenIntrospector, type SharedStore, type TokenIntrospectorOptions } from '@keycloak-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invalidTokenError } from './support/expect-invalid.js';
import { fakeClock, startRealmServer, type RealmServer } from './support/realm-server.js';
import { accessTokenClaims } from './support/tokens.js';

// Two introspectors stand for two instances of one API; the store is what they share (Redis in production).
let realm: RealmServer;
let clock: ReturnType<typeof fakeClock>;
const OPAQUE = 'opaque-token-value-0123456789';

beforeEach(async () => {
  realm = await startRealmServer([]);
  clock = fakeClock();
  realm.introspect = (token) =>
    token === OPAQUE
      ? { ...accessTokenClaims(realm.issuer, clock.time), client_id: 'my-app', token_type: 'Bearer', active: true }
      : { active: false };
});
afterEach(() => realm.close());

function instance(store: SharedStore, options: Partial<TokenIntrospectorOptions> = {}): TokenIntrospector {
  return new TokenIntrospector({
    issuer: realm.issuer,
    clientId: 'orders-api',
    clientSecret: 'secret',
    now: clock.now,
    store,
    ...options,
  });
}

/** A MemoryStore on the test clock whose writes are recorded. */
function recordingStore(): { store: SharedStore; writes: { key: string; value: string; ttl: number }[] } {
  const memory = new MemoryStore({ now: clock.now });
  const writes: { key: string; value: string; ttl: number }[] = [];
  const store: SharedStore = {
    ...bind(memory),
    set: async (key, value, ttl) => {
      writes.push({ key, value, ttl });
      await memory.set(key, value, ttl);
    },
  };
  return { store, writes };
}

describe('TokenIntrospector with a store shared by instances', () => {
  it('reuses the answer another instance asked Keycloak for, then answers from its own cache', async () => {
    const store = new MemoryStore({ now: clock.now });
    const [first, second] = [instance(store), instance(store)];
    const asked = await first.introspect(OPAQUE);
    const reused = await second.introspect(OPAQUE);
    expect(realm.introspections).toBe(1);
    expect(reused.claims).toEqual(asked.claims);
    expect(second.stats).toEqual({ cacheHits: 0, introspections: 0, coalesced: 0, cachedTokens: 1, sharedHits: 1 });
    await second.introspect(OPAQUE);
    expect(second.stats).toMatchObject({ cacheHits: 1, sharedHits: 1 });
    expect(realm.introspections).toBe(1);
  });

  it('keys an answer by a SHA-256 of the token under the issuer, never by the token itself', async () => {
    const { store, writes } = recordingStore();
    await instance(store).introspect(OPAQUE);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.key).toMatch(new RegExp(`^${escapeRegExp(realm.issuer)}:introspection:[A-Za-z0-9_-]{43}$`));
    expect(writes[0]?.key).not.toContain(OPAQUE);
    expect(writes[0]?.value).not.toContain(OPAQUE);
  });

  it('shares an active answer no longer than the cache maxAge, nor past the token exp', async () => {
    const claims = { ...accessTokenClaims(realm.issuer, clock.time), active: true }; // exp: 300 s from now
    realm.introspect = () => claims;
    const { store, writes } = recordingStore();
    await instance(store, { cache: { maxAge: 10_000 } }).introspect(OPAQUE);
    clock.advance(260_000);
    await instance(store, { cache: { maxAge: 3_600_000 } }).introspect(OPAQUE);
    expect(writes.map(({ ttl }) => ttl)).toEqual([10_000, 40_000]);
    expect(realm.introspections).toBe(2);
  });

  it('keeps a shared answer in the reader cache no longer than its writer allowed', async () => {
    const store = new MemoryStore({ now: clock.now });
    await instance(store, { cache: { maxAge: 10_000 } }).introspect(OPAQUE);
    clock.advance(6_000);
    const reader = instance(store, { cache: { maxAge: 60_000 } });
    await reader.introspect(OPAQUE);
    clock.advance(4_000); // the writer's 10 s are over: the reader asks Keycloak, not its cache
    await reader.introspect(OPAQUE);
    expect(reader.stats).toMatchObject({ cacheHits: 0, sharedHits: 1, introspections: 1 });
    expect(realm.introspections).toBe(2);
  });

  it('shares an inactive answer for a few seconds, refused as revoked without asking Keycloak', async () => {
    const { store, writes } = recordingStore();
    expect((await invalidTokenError(instance(store).introspect('revoked-token'))).reason).toBe('revoked');
    expect(writes.map(({ ttl }) => ttl)).toEqual([5_000]);
    const second = instance(store);
    expect((await invalidTokenError(second.introspect('revoked-token'))).reason).toBe('revoked');
    expect(second.stats).toMatchObject({ introspections: 0, sharedHits: 1 });
    clock.advance(5_000);
    await invalidTokenError(instance(store).introspect('revoked-token'));
    expect(realm.introspections).toBe(2);
  });

  it('treats a value it did not write as a miss and asks Keycloak', async () => {
    for (const garbage of [
      'not json',
      '{"until":1e15}',
      `{"until":1e15,"answer":{"active":"yes"}}`,
      `{"until":1e15,"answer":{"active":true,"typ":"Bearer"}}`,
      '[]',
    ]) {
      const store: SharedStore = { ...bind(new MemoryStore()), get: async () => garbage };
      const reader = instance(store);
      expect((await reader.introspect(OPAQUE)).claims.sub).toBeDefined();
      expect(reader.stats).toMatchObject({ introspections: 1, sharedHits: 0 });
    }
  });

  it('asks Keycloak when the store fails, and still answers', async () => {
    const failing: SharedStore = {
      ...bind(new MemoryStore()),
      get: async () => {
        throw new Error('down');
      },
      set: async () => {
        throw new Error('down');
      },
    };
    expect((await instance(failing).introspect(OPAQUE)).claims.sub).toBeDefined();
    expect((await invalidTokenError(instance(failing).introspect('nope'))).reason).toBe('revoked');
  });

  it('shares nothing when the cache is off', async () => {
    const { store, writes } = recordingStore();
    await instance(store, { cache: false }).introspect(OPAQUE);
    await instance(store, { cache: false }).introspect(OPAQUE);
    expect(writes).toEqual([]);
    expect(realm.introspections).toBe(2);
  });

  it('refuses a store option that is not a SharedStore, naming it', () => {
    expect(() => instance({ get: () => undefined } as unknown as SharedStore)).toThrow('"store" must be a SharedStore');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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
