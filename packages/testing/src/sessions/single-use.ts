import type { Kernel } from '../http/context.js';
import { ExpiringStore } from '../shared/expiring-store.js';

// Keycloak's SingleUseObjectProvider is server-wide; here one per test server, capped so replays cannot grow it.
const MAX_SINGLE_USE_ENTRIES = 10_000;
const stores = new WeakMap<Kernel, ExpiringStore<true>>();

/**
 * SingleUseObjectProvider.putIfAbsent: records `key` until `expiresAt` (seconds, server clock) and tells whether
 * it was absent. Client assertion jtis and one-time codes use it to refuse a second use.
 */
export function putIfAbsent(kernel: Kernel, key: string, expiresAt: number, nowSeconds: number): boolean {
  let store = stores.get(kernel);
  if (!store) {
    store = new ExpiringStore<true>(MAX_SINGLE_USE_ENTRIES);
    stores.set(kernel, store);
  }
  if (store.get(key, nowSeconds)) return false;
  store.set(key, true, expiresAt);
  return true;
}
