/**
 * A bounded cache of values that each expire at their own time on an injectable clock, where
 * concurrent misses for the same key share one computation (single flight). Failures are not cached.
 */
import { LRUCache } from 'lru-cache';
import { raceSignal } from '../shared/shared-fetch.js';

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/** What {@link DecisionCache.get} did: served a cached value, joined a computation in flight, or started one. */
export type CacheOutcome = 'hit' | 'joined' | 'computed';

/** Options of {@link DecisionCache}. */
export interface DecisionCacheOptions {
  maxEntries: number;
  now: () => number;
}

/** @internal The store behind {@link PermissionChecker}. */
export class DecisionCache<V> {
  readonly #entries: LRUCache<string, Entry<V>>;
  readonly #inFlight = new Map<string, Promise<Entry<V>>>();
  readonly #now: () => number;

  constructor(options: DecisionCacheOptions) {
    this.#entries = new LRUCache({ max: options.maxEntries });
    this.#now = options.now;
  }

  /** Number of values held (expired ones included until they are next looked up or evicted). */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The cached value of `key`, else the result of `compute`, shared with every concurrent caller of
   * the same key. `compute` says until when (epoch ms) its value may be reused; a past time caches
   * nothing. `signal` only stops this caller waiting; the computation goes on for the others.
   * `flightKey` (default `key`) decides which concurrent callers share one computation, when that must
   * be narrower than what shares a cached value.
   */
  async get(
    key: string,
    compute: () => Promise<Entry<V>>,
    signal?: AbortSignal,
    flightKey = key,
  ): Promise<{ value: V; outcome: CacheOutcome }> {
    const cached = this.peek(key);
    if (cached !== undefined) return { value: cached, outcome: 'hit' };
    const pending = this.#inFlight.get(flightKey);
    if (pending !== undefined) return { value: (await raceSignal(pending, signal)).value, outcome: 'joined' };
    const started = this.#start(key, flightKey, compute);
    return { value: (await raceSignal(started, signal)).value, outcome: 'computed' };
  }

  /**
   * The unexpired value of `key`, or undefined; synchronous, so a warm caller needs no promise. An
   * expired value is dropped here, as {@link get} would drop it.
   */
  peek(key: string): V | undefined {
    const cached = this.#entries.get(key);
    if (cached === undefined) return undefined;
    if (cached.expiresAt > this.#now()) return cached.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** Forgets every value. */
  clear(): void {
    this.#entries.clear();
  }

  #start(key: string, flightKey: string, compute: () => Promise<Entry<V>>): Promise<Entry<V>> {
    const started = compute().then(
      (entry) => {
        this.#inFlight.delete(flightKey);
        if (entry.expiresAt > this.#now()) this.#entries.set(key, entry);
        return entry;
      },
      (error: unknown) => {
        this.#inFlight.delete(flightKey);
        throw error;
      },
    );
    this.#inFlight.set(flightKey, started);
    // Callers that stopped waiting leave no unhandled rejection behind.
    started.catch(() => undefined);
    return started;
  }
}
