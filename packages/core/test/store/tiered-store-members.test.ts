import { MemoryStore, TieredStore, type SharedStore } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';

/** A shared tier that can be switched off, failing every call as a lost Redis does. */
function switchable(): { store: SharedStore; down: boolean } {
  const inner = new MemoryStore();
  const state = { down: false, store: undefined as unknown as SharedStore };
  const guard =
    <A extends unknown[], T>(call: (...args: A) => Promise<T>) =>
    (...args: A): Promise<T> =>
      state.down ? Promise.reject(new Error('ECONNREFUSED')) : call(...args);
  state.store = {
    kind: 'switchable',
    get: guard((key: string) => inner.get(key)),
    set: guard((key: string, value: string, ttl: number) => inner.set(key, value, ttl)),
    claim: guard((key: string, value: string, ttl: number) => inner.claim(key, value, ttl)),
    delete: guard((key: string) => inner.delete(key)),
    addMember: guard((key: string, member: string, ttl: number, max: number) => inner.addMember(key, member, ttl, max)),
    members: guard((key: string) => inner.members(key)),
    publish: guard((channel: string, message: string) => inner.publish(channel, message)),
    subscribe: guard((channel: string, listener: (message: string) => void) => inner.subscribe(channel, listener)),
    close: () => inner.close(),
  };
  return state;
}

describe('TieredStore sets', () => {
  it("reads the shared tier's members, and this instance's own while the shared tier is down", async () => {
    const shared = switchable();
    const a = new TieredStore({ shared: shared.store, retryDuration: 0 });
    const b = new TieredStore({ shared: shared.store, retryDuration: 0 });
    await a.addMember('revocations', 'one', 60_000, 10);
    expect(await b.members('revocations')).toEqual(['one']);
    shared.down = true;
    await b.addMember('revocations', 'two', 60_000, 10);
    expect(await b.members('revocations')).toEqual(['two']);
    expect(b.sharedAvailable).toBe(false);
  });

  it('adds to the shared tier what was added while it was down, once it is back', async () => {
    const shared = switchable();
    const a = new TieredStore({ shared: shared.store, retryDuration: 0 });
    const b = new TieredStore({ shared: shared.store, retryDuration: 0 });
    shared.down = true;
    await a.addMember('revocations', 'while-down', 60_000, 10);
    shared.down = false;
    await a.get('anything'); // the next use finds the shared tier back
    await new Promise((wake) => setTimeout(wake, 10));
    expect(await b.members('revocations')).toEqual(['while-down']);
  });
});

describe('TieredStore subscriptions', () => {
  it('subscribes on the shared tier once it is back what was subscribed while it was down, and says so', async () => {
    const shared = switchable();
    const a = new TieredStore({ shared: shared.store, retryDuration: 0 });
    const b = new TieredStore({ shared: shared.store, retryDuration: 0 });
    shared.down = true;
    const heard: string[] = [];
    let resubscribed = 0;
    await a.subscribe(
      'revocations',
      (message) => heard.push(message),
      () => resubscribed++,
    );
    shared.down = false;
    await a.get('anything'); // the next use finds the shared tier back
    await new Promise((wake) => setTimeout(wake, 10));
    expect(resubscribed).toBe(1);
    await b.publish('revocations', 'from b');
    expect(heard).toEqual(['from b']);
  });
});
