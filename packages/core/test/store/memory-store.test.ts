import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';

describe('MemoryStore, the default shared store of one process', () => {
  it('expires values on its clock and lets a claim succeed again once the first has expired', async () => {
    let now = 1_000_000;
    const store = new MemoryStore({ now: () => now });
    await store.set('k', 'v', 1_000);
    expect(await store.claim('jti', 'a', 500)).toBe(true);
    expect(await store.claim('jti', 'b', 500)).toBe(false);
    now += 999;
    expect(await store.get('k')).toBe('v');
    now += 1;
    expect(await store.get('k')).toBeUndefined();
    expect(await store.claim('jti', 'c', 500)).toBe(true);
  });

  it('holds at most maxEntries keys, dropping the least recently used', async () => {
    const store = new MemoryStore({ maxEntries: 2 });
    await store.set('a', '1', 60_000);
    await store.set('b', '2', 60_000);
    await store.get('a');
    await store.set('c', '3', 60_000);
    expect(store.size).toBe(2);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('1');
  });

  it('keeps sets whose members expire on its clock, at most maxMembers, the first added first', async () => {
    let now = 1_000;
    const store = new MemoryStore({ now: () => now });
    await store.addMember('set', 'a', 100, 2);
    await store.addMember('set', 'b', 200, 2);
    expect(await store.members('set')).toEqual(['a', 'b']);
    now += 150;
    expect(await store.members('set')).toEqual(['b']);
    await store.addMember('set', 'c', 200, 2);
    await store.addMember('set', 'd', 200, 2);
    expect(await store.members('set')).toEqual(['c', 'd']);
    await store.addMember('set', 'c', 200, 2); // added again: it is the latest now
    expect(await store.members('set')).toEqual(['d', 'c']);
    expect(await store.members('other')).toEqual([]);
  });

  it('delivers messages to this process only, each listener once, until it unsubscribes', async () => {
    const store = new MemoryStore();
    const heard: string[] = [];
    const stop = await store.subscribe('c', (m) => heard.push(m));
    await store.subscribe('c', () => {
      throw new Error('a failing listener');
    });
    await store.publish('c', 'one');
    await stop();
    await store.publish('c', 'two');
    expect(heard).toEqual(['one']);
  });

  it('refuses a TTL below 1 ms and a bad maxEntries, naming them', async () => {
    await expect(new MemoryStore().set('k', 'v', 0)).rejects.toThrow(
      new RangeError('a store TTL must be at least 1 ms, got 0'),
    );
    expect(() => new MemoryStore({ maxEntries: 0 })).toThrow(new TypeError('"maxEntries" must be a positive integer'));
  });
});
