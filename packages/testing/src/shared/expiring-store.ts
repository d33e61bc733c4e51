/**
 * A map whose entries expire at a given time (seconds, from the server clock) and whose size is capped: past
 * `maxEntries` the oldest entry goes, so codes, device grants and login tabs cannot grow without bound.
 */
export class ExpiringStore<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** Stores `value` under `key` until `expiresAt` (seconds). */
  set(key: string, value: V, expiresAt: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  /** The entry and whether it has expired at `nowSeconds`; undefined when unknown. */
  peek(key: string, nowSeconds: number): { value: V; expired: boolean } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    return { value: entry.value, expired: entry.expiresAt <= nowSeconds };
  }

  /** The live value, or undefined when unknown or expired (an expired entry is dropped). */
  get(key: string, nowSeconds: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= nowSeconds) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Removes an entry. */
  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  /** Every live value, in the order stored. */
  values(nowSeconds: number): V[] {
    return [...this.#entries.values()].filter((entry) => entry.expiresAt > nowSeconds).map((entry) => entry.value);
  }

  /** Live values matching a predicate. */
  find(predicate: (value: V) => boolean, nowSeconds: number): V | undefined {
    for (const entry of this.#entries.values())
      if (entry.expiresAt > nowSeconds && predicate(entry.value)) return entry.value;
    return undefined;
  }
}
