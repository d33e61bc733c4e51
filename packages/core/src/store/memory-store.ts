import { LRUCache } from 'lru-cache';
import { knownOptions, positiveIntegerOption } from '../shared/options.js';
import type { SharedStore } from './shared-store.js';

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Most keys held; the least recently used goes first. Default 10 000. */
  maxEntries?: number;
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

const MEMORY_STORE_OPTIONS: Record<keyof MemoryStoreOptions, true> = { maxEntries: true, now: true };

interface Entry {
  readonly value: string;
  readonly expiresAt: number;
}

/**
 * The default {@link SharedStore}: one process's memory, bounded, with expiry on an injectable clock and
 * an in-process channel. Nothing is shared with other instances.
 */
export class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  readonly #entries: LRUCache<string, Entry>;
  readonly #now: () => number;
  readonly #channels = new Map<string, Set<(message: string) => void>>();
  /** Sets of {@link addMember}: member -> expiry, in the order added (a Map keeps insertion order). */
  readonly #sets: LRUCache<string, Map<string, number>>;

  constructor(options: MemoryStoreOptions = {}) {
    knownOptions('MemoryStore', options, MEMORY_STORE_OPTIONS);
    this.#entries = new LRUCache({ max: positiveIntegerOption('maxEntries', options.maxEntries, 10_000) });
    this.#sets = new LRUCache({ max: 1_000 });
    this.#now = options.now ?? Date.now;
  }

  /** Keys held, expired ones included until they are next read or evicted. */
  get size(): number {
    return this.#entries.size;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }

  async set(key: string, value: string, ttl: number): Promise<void> {
    this.#entries.set(key, { value, expiresAt: this.#now() + checkTtl(ttl) });
  }

  async claim(key: string, value: string, ttl: number): Promise<boolean> {
    if (this.#live(key) !== undefined) return false;
    this.#entries.set(key, { value, expiresAt: this.#now() + checkTtl(ttl) });
    return true;
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async addMember(key: string, member: string, ttl: number, maxMembers: number): Promise<void> {
    let set = this.#sets.get(key);
    if (set === undefined) this.#sets.set(key, (set = new Map()));
    set.delete(member); // re-added: it moves to the end, as its new expiry is the latest
    set.set(member, this.#now() + checkTtl(ttl));
    this.#prune(set);
    for (const oldest of set.keys()) {
      if (set.size <= maxMembers) break;
      set.delete(oldest);
    }
  }

  async members(key: string): Promise<string[]> {
    const set = this.#sets.get(key);
    if (set === undefined) return [];
    this.#prune(set);
    const now = this.#now();
    return [...set].filter(([, expiresAt]) => expiresAt > now).map(([member]) => member);
  }

  /** Drops the expired members at the front: with one TTL per set they are all there, so this stays cheap. */
  #prune(set: Map<string, number>): void {
    const now = this.#now();
    for (const [member, expiresAt] of set) {
      if (expiresAt > now) break;
      set.delete(member);
    }
  }

  async publish(channel: string, message: string): Promise<void> {
    for (const listener of [...(this.#channels.get(channel) ?? [])]) {
      try {
        listener(message);
      } catch {
        // A listener's failure is its own; the other subscribers still hear the message.
      }
    }
  }

  async subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    let listeners = this.#channels.get(channel);
    if (listeners === undefined) this.#channels.set(channel, (listeners = new Set()));
    const own = (message: string) => listener(message);
    listeners.add(own);
    return async () => {
      listeners.delete(own);
      if (listeners.size === 0) this.#channels.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.#channels.clear();
    this.#sets.clear();
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.#now()) return entry;
    this.#entries.delete(key);
    return undefined;
  }
}

/** A TTL in whole milliseconds, at least 1; anything else is a caller's bug. */
export function checkTtl(ttl: number): number {
  if (!Number.isFinite(ttl) || ttl < 1) throw new RangeError(`a store TTL must be at least 1 ms, got ${ttl}`);
  return Math.ceil(ttl);
}
