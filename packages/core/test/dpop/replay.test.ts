import { describe, expect, it } from 'vitest';
import { DpopReplayCache } from '../../src/dpop/replay.js';
import { MemoryStore, TieredStore, type SharedStore } from '../../src/index.js';

class Logger {
  readonly warnings: string[] = [];
  warn(_obj: Record<string, unknown>, msg: string): void {
    this.warnings.push(msg);
  }
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
    const closed = new DpopReplayCache(10, new TieredStore({ shared: down }), 'fail-closed', undefined);
    expect(await closed.check('k', 'a', Date.now() + 60_000, Date.now())).toBe('store-down');
  });
});
