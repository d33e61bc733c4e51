import { describe, expect, it } from 'vitest';
import { DpopReplayCache } from '../../src/dpop/replay.js';
import { MemoryStore, TieredStore, type SharedStore } from '../../src/index.js';

class Logger {
  readonly warnings: string[] = [];
  readonly fields: Record<string, unknown>[] = [];
  warn(obj: Record<string, unknown>, msg: string): void {
    this.warnings.push(msg);
    this.fields.push(obj);
  }
}

/** A shared store whose claim answers what `answer` says (throws to be down), recording each call. */
function scriptedStore(answer: () => unknown): SharedStore & { claims: unknown[][] } {
  const store = new MemoryStore() as MemoryStore & { claims: unknown[][] };
  store.claims = [];
  store.claim = async (...args: unknown[]) => {
    store.claims.push(args);
    return answer() as boolean;
  };
  return store;
}

describe('the DPoP jti replay set', () => {
  it('refuses a jti within its window and accepts it again after, per key thumbprint', async () => {
    const cache = new DpopReplayCache(10, undefined, 'fail-open', undefined);
    expect(await cache.check('jkt-a', 'j1', 61_000, 1_000)).toBe('fresh');
    expect(await cache.check('jkt-a', 'j1', 61_000, 60_999)).toBe('replayed');
    expect(await cache.check('jkt-b', 'j1', 61_000, 2_000)).toBe('fresh');
    // The last millisecond the proof check takes the proof is still inside the window; the next one is past it.
    expect(await cache.check('jkt-a', 'j1', 61_000, 61_000)).toBe('replayed');
    expect(await cache.check('jkt-a', 'j1', 122_000, 61_001)).toBe('fresh');
  });

  it('when full of live entries refuses new proofs instead of evicting, and takes them again once some expire', async () => {
    const logger = new Logger();
    const cache = new DpopReplayCache(2, undefined, 'fail-open', logger);
    expect(await cache.check('k', 'a', 10_000, 0)).toBe('fresh');
    expect(await cache.check('k', 'b', 20_000, 0)).toBe('fresh');
    expect(await cache.check('k', 'c', 30_000, 5_000)).toBe('full');
    expect(await cache.check('k', 'd', 30_000, 9_999)).toBe('full');
    // Nothing was forgotten: both live entries are still refused.
    expect(await cache.check('k', 'a', 10_000, 9_999)).toBe('replayed');
    expect(await cache.check('k', 'b', 20_000, 9_999)).toBe('replayed');
    expect(logger.warnings).toHaveLength(1);
    // a's last millisecond: still live, so still full; one later a is swept.
    expect(await cache.check('k', 'c', 40_000, 10_000)).toBe('full');
    expect(await cache.check('k', 'c', 40_000, 10_001)).toBe('fresh');
    expect(cache.size).toBe(2);
  });

  it('shares claims through a store: a jti claimed by another instance is a replay, and keys hold a digest', async () => {
    const store = new MemoryStore();
    const one = new DpopReplayCache(10, store, 'fail-open', undefined);
    const two = new DpopReplayCache(10, store, 'fail-open', undefined);
    expect(await one.check('k', 'the-jti', Date.now() + 60_000, Date.now())).toBe('fresh');
    expect(await two.check('k', 'the-jti', Date.now() + 60_000, Date.now())).toBe('replayed');
    const keys: string[] = [];
    const spy = new MemoryStore();
    spy.claim = async (key) => {
      keys.push(key);
      return true;
    };
    await new DpopReplayCache(10, spy, 'fail-open', undefined).check('k', 'the-jti', Date.now() + 1_000, Date.now());
    expect(keys).toEqual([expect.stringMatching(/^dpop-jti:[A-Za-z0-9_-]{43}$/)]);
    expect(keys[0]).not.toContain('the-jti');
  });

  it('fails open or closed when the shared tier of a TieredStore is down, warning once per outage', async () => {
    const down: SharedStore = {
      kind: 'down',
      get: () => Promise.reject(new Error('down')),
      set: () => Promise.reject(new Error('down')),
      claim: () => Promise.reject(new Error('down')),
      delete: () => Promise.reject(new Error('down')),
      publish: () => Promise.reject(new Error('down')),
      subscribe: () => Promise.reject(new Error('down')),
      close: async () => undefined,
    };
    const logger = new Logger();
    const open = new DpopReplayCache(10, new TieredStore({ shared: down }), 'fail-open', logger);
    expect(await open.check('k', 'a', Date.now() + 60_000, Date.now())).toBe('fresh');
    expect(await open.check('k', 'b', Date.now() + 60_000, Date.now())).toBe('fresh');
    expect(await open.check('k', 'a', Date.now() + 60_000, Date.now())).toBe('replayed');
    expect(logger.warnings).toEqual([
      'keycloak guard: the shared store is down; DPoP replay is checked per instance until it is back',
    ]);
    // The tiered store answered (for its local tier): no error to name.
    expect(logger.fields[0]).toMatchObject({ storeDown: 'fail-open', cause: undefined });
    const closed = new DpopReplayCache(10, new TieredStore({ shared: down }), 'fail-closed', undefined);
    expect(await closed.check('k', 'a', Date.now() + 60_000, Date.now())).toBe('store-down');
  });

  it('sweeps again once the next entry expires: the earliest expiry is tracked over what the sweep kept', async () => {
    const cache = new DpopReplayCache(2, undefined, 'fail-open', undefined);
    expect(await cache.check('k', 'a', 10, 0)).toBe('fresh');
    expect(await cache.check('k', 'b', 20, 0)).toBe('fresh');
    expect(await cache.check('k', 'c', 40, 10)).toBe('full');
    expect(await cache.check('k', 'c', 40, 11)).toBe('fresh');
    expect(await cache.check('k', 'd', 50, 20)).toBe('full');
    expect(await cache.check('k', 'd', 50, 21)).toBe('fresh');
    expect(await cache.check('k', 'c', 40, 21)).toBe('replayed');
  });

  it('takes a known jti again once its window passed, even in a full set', async () => {
    const cache = new DpopReplayCache(1, undefined, 'fail-open', undefined);
    expect(await cache.check('k', 'a', 10, 0)).toBe('fresh');
    expect(await cache.check('k', 'a', 30, 11)).toBe('fresh');
    expect(await cache.check('k', 'a', 30, 12)).toBe('replayed');
  });

  it('refuses a full set without a logger, and names the bound in its one warning', async () => {
    const silent = new DpopReplayCache(1, undefined, 'fail-open', undefined);
    await silent.check('k', 'a', 10, 0);
    expect(await silent.check('k', 'b', 10, 0)).toBe('full');
    const logger = new Logger();
    const cache = new DpopReplayCache(1, undefined, 'fail-open', logger);
    await cache.check('k', 'a', 10, 0);
    await cache.check('k', 'b', 10, 0);
    expect(logger.fields).toEqual([{ maxReplayEntries: 1 }]);
    // Room again, then full again: a new episode, a new warning.
    expect(await cache.check('k', 'b', 30, 11)).toBe('fresh');
    expect(await cache.check('k', 'c', 30, 12)).toBe('full');
    expect(logger.warnings).toHaveLength(2);
  });

  it('claims the jti in the store until its last millisecond, and at least one millisecond', async () => {
    const store = scriptedStore(() => true);
    const cache = new DpopReplayCache(10, store, 'fail-open', undefined);
    expect(await cache.check('k', 'a', 1_500, 1_000)).toBe('fresh');
    expect(await cache.check('k', 'b', 900, 1_000)).toBe('fresh');
    expect(store.claims).toEqual([
      [expect.stringMatching(/^dpop-jti:/), '1', 501],
      [expect.stringMatching(/^dpop-jti:/), '1', 1],
    ]);
  });

  it('says what is down, per policy, once per outage, and treats a non-boolean claim as an outage', async () => {
    let state: 'down' | 'up' | 'odd' = 'down';
    const store = scriptedStore(() => {
      if (state === 'down') throw new Error('connection refused');
      return state === 'up' ? true : 'OK';
    });
    const logger = new Logger();
    const cache = new DpopReplayCache(10, store, 'fail-closed', logger);
    expect(await cache.check('k', 'a', 5_000, 0)).toBe('store-down');
    expect(await cache.check('k', 'b', 5_000, 0)).toBe('store-down');
    expect(logger.fields).toEqual([{ store: 'memory', storeDown: 'fail-closed', cause: 'connection refused' }]);
    expect(logger.warnings).toEqual([
      'keycloak guard: the shared store is down; DPoP requests are refused (503) until it is back',
    ]);
    state = 'up';
    expect(await cache.check('k', 'c', 5_000, 0)).toBe('fresh');
    state = 'odd';
    expect(await cache.check('k', 'd', 5_000, 0)).toBe('store-down');
    expect(logger.fields[1]).toEqual({
      store: 'memory',
      storeDown: 'fail-closed',
      cause: 'the store answered a non-boolean claim',
    });
    state = 'down';
    const thrown = new DpopReplayCache(
      10,
      scriptedStore(() => Promise.reject('plain')),
      'fail-open',
      logger,
    );
    expect(await thrown.check('k', 'e', 5_000, 0)).toBe('fresh');
    expect(logger.fields[2]).toEqual({ store: 'memory', storeDown: 'fail-open', cause: 'plain' });
  });

  it('keeps an entry through its last millisecond when a sweep runs then', async () => {
    const cache = new DpopReplayCache(2, undefined, 'fail-open', undefined);
    expect(await cache.check('k', 'a', 10, 0)).toBe('fresh');
    expect(await cache.check('k', 'b', 15, 0)).toBe('fresh');
    expect(await cache.check('k', 'c', 40, 15)).toBe('fresh');
    expect(await cache.check('k', 'b', 15, 15)).toBe('replayed');
  });

  it('stays full when a sweep finds nothing expired: a jti taken again moved its entry past the noted expiry', async () => {
    const cache = new DpopReplayCache(2, undefined, 'fail-open', undefined);
    expect(await cache.check('k', 'a', 10, 0)).toBe('fresh');
    expect(await cache.check('k', 'a', 100, 11)).toBe('fresh');
    expect(await cache.check('k', 'b', 100, 11)).toBe('fresh');
    expect(await cache.check('k', 'c', 100, 12)).toBe('full');
    expect(cache.size).toBe(2);
  });
});
