import type { SharedStore } from './shared-store.js';

/** The `store` option of the guard and the checkers: a {@link SharedStore}, checked when the object is built. */
export function storeOption(store: unknown): SharedStore | undefined {
  if (store === undefined) return undefined;
  const candidate = store as Partial<SharedStore> | null;
  const methods = ['get', 'set', 'claim', 'delete', 'publish', 'subscribe', 'close'] as const;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    methods.some((name) => typeof candidate[name] !== 'function')
  ) {
    throw new TypeError('"store" must be a SharedStore (e.g. a MemoryStore, or a TieredStore over @keycloak-ts/redis)');
  }
  return store as SharedStore;
}

/**
 * What checks that need the shared store (revocations, DPoP `jti` replays) do while it cannot answer:
 * go on per instance (`fail-open`) or refuse with 503 (`fail-closed`).
 */
export type StoreDownPolicy = 'fail-open' | 'fail-closed';

/** Validates `storeDown`; `fail-open` when absent. */
export function storeDownOption(value: unknown): StoreDownPolicy {
  if (value === undefined) return 'fail-open';
  if (value !== 'fail-open' && value !== 'fail-closed')
    throw new TypeError('"storeDown" must be "fail-open" or "fail-closed"');
  return value;
}
