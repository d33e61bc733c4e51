import { durationOption, knownOptions } from '../shared/options.js';
import { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
import type { SharedStore } from './shared-store.js';

/** Where {@link TieredStore} reports that its shared tier went away and came back. */
export interface StoreLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
  info?(obj: Record<string, unknown>, msg: string): void;
}

/** Options of {@link TieredStore}. Durations are milliseconds. */
export interface TieredStoreOptions {
  /** The shared tier, e.g. `@keycloak-ts/redis`'s `RedisStore`. */
  shared: SharedStore;
  /** The local tier's bounds and clock. Default 10 000 entries, `Date.now`. */
  local?: MemoryStoreOptions;
  /**
   * How long a value read from the shared tier is kept in the local one. A value changed or deleted on
   * another instance may be served from here for up to this long. Default 5 000.
   */
  localMaxAge?: number;
  /** Longest wait for one shared-tier operation; a slower one counts as a failure. Default 250. */
  operationTimeout?: number;
  /** Wait after a failure before the shared tier is tried again. Default 1 000. */
  retryDuration?: number;
  /** Messages published while the shared tier was down, resent when it is back; older ones are dropped. Default 1 000. */
  maxPendingMessages?: number;
  /** Told once when the shared tier fails and once when it is back. */
  logger?: StoreLogger;
}

/** One subscription of {@link TieredStore.subscribe}, and its end on the shared tier once it has one there. */
interface Subscription {
  channel: string;
  listener: (message: string) => void;
  onResubscribe: (() => void) | undefined;
  shared: (() => Promise<void>) | undefined;
  ended: boolean;
}

/** A shared tier that answered with a failure, too slowly, or with something that is not a string. */
class SharedTierDown extends Error {}

/**
 * A bounded local tier in front of a shared one. Reads try the local tier first; writes go to both. When the
 * shared tier fails or is slow, the store goes on with the local tier alone (per-instance, logged once at
 * warn), tries the shared tier again after `retryDuration`, and resends what it published meanwhile. Nothing
 * the shared tier does ever throws out of this store: it degrades to a {@link MemoryStore}. Callers that must
 * not degrade (a fail-closed replay check) read {@link sharedAvailable}.
 */
const TIERED_STORE_OPTIONS: Record<keyof TieredStoreOptions, true> = {
  shared: true,
  local: true,
  localMaxAge: true,
  operationTimeout: true,
  retryDuration: true,
  maxPendingMessages: true,
  logger: true,
};

export class TieredStore implements SharedStore {
  readonly #shared: SharedStore;
  readonly #local: MemoryStore;
  readonly #now: () => number;
  readonly #localMaxAge: number;
  readonly #timeout: number;
  readonly #retryDuration: number;
  readonly #maxPending: number;
  readonly #logger: StoreLogger | undefined;
  readonly #pending: Array<{ channel: string; message: string }> = [];
  /** Members added while the shared tier was down, added there too when it is back. */
  readonly #late = new Set<Subscription>();
  readonly #pendingMembers: Array<{ key: string; member: string; ttl: number; maxMembers: number; at: number }> = [];
  #downSince: number | undefined;
  #retryAt = 0;

  constructor(options: TieredStoreOptions) {
    if (options?.shared === undefined || typeof options.shared.get !== 'function')
      throw new TypeError('"shared" must be a SharedStore');
    knownOptions('TieredStore', options, TIERED_STORE_OPTIONS);
    this.#shared = options.shared;
    this.#local = new MemoryStore(options.local);
    this.#now = options.local?.now ?? Date.now;
    this.#localMaxAge = durationOption('localMaxAge', options.localMaxAge, 5_000);
    this.#timeout = durationOption('operationTimeout', options.operationTimeout, 250);
    this.#retryDuration = durationOption('retryDuration', options.retryDuration, 1_000);
    this.#maxPending = options.maxPendingMessages ?? 1_000;
    this.#logger = options.logger;
  }

  get kind(): string {
    return `tiered(${this.#shared.kind})`;
  }

  /** False while the shared tier is considered down: claims and messages are then this instance's only. */
  get sharedAvailable(): boolean {
    return this.#downSince === undefined;
  }

  async get(key: string): Promise<string | undefined> {
    const local = await this.#local.get(key);
    if (local !== undefined) return local;
    const shared = await this.#attempt(() => this.#shared.get(key), undefined);
    if (shared !== undefined && typeof shared !== 'string')
      return this.#fail(new SharedTierDown('the shared tier answered a non-string'), undefined);
    if (shared !== undefined) await this.#local.set(key, shared, this.#localMaxAge);
    return shared;
  }

  async set(key: string, value: string, ttl: number): Promise<void> {
    await this.#local.set(key, value, Math.min(ttl, this.#localMaxAge));
    await this.#attempt(() => this.#shared.set(key, value, ttl), undefined);
  }

  async claim(key: string, value: string, ttl: number): Promise<boolean> {
    // The local claim first: a replay to this very instance is refused even while the shared tier is down.
    if (!(await this.#local.claim(key, value, ttl))) return false;
    const shared = await this.#attempt(() => this.#shared.claim(key, value, ttl), true);
    if (typeof shared !== 'boolean')
      return this.#fail(new SharedTierDown('the shared tier answered a non-boolean claim'), true);
    return shared;
  }

  async delete(key: string): Promise<void> {
    await this.#local.delete(key);
    await this.#attempt(() => this.#shared.delete(key), undefined);
  }

  async addMember(key: string, member: string, ttl: number, maxMembers: number): Promise<void> {
    await this.#local.addMember(key, member, ttl, maxMembers);
    const shared = this.#shared;
    if (typeof shared.addMember !== 'function') return;
    const added = await this.#attempt(async () => {
      await shared.addMember?.(key, member, ttl, maxMembers);
      return true;
    }, false);
    if (added) return;
    this.#pendingMembers.push({ key, member, ttl, maxMembers, at: this.#now() });
    if (this.#pendingMembers.length > this.#maxPending) this.#pendingMembers.shift();
  }

  /** The shared tier's members; this instance's own while the shared tier is down (or cannot hold sets). */
  async members(key: string): Promise<string[]> {
    const shared = this.#shared;
    if (typeof shared.members === 'function') {
      const answer = await this.#attempt(() => shared.members?.(key) ?? Promise.resolve(undefined), undefined);
      if (Array.isArray(answer) && answer.every((member) => typeof member === 'string')) return answer;
      if (answer !== undefined)
        this.#fail(new SharedTierDown('the shared tier answered members that are not strings'), 0);
    }
    return this.#local.members(key);
  }

  async publish(channel: string, message: string): Promise<void> {
    const sent = await this.#attempt(async () => {
      await this.#shared.publish(channel, message);
      return true;
    }, false);
    if (sent) return;
    // Unheard by the others for now: tell this instance, and resend when the shared tier is back.
    await this.#local.publish(channel, message);
    this.#pending.push({ channel, message });
    if (this.#pending.length > this.#maxPending) this.#pending.shift();
  }

  async subscribe(
    channel: string,
    listener: (message: string) => void,
    onResubscribe?: () => void,
  ): Promise<() => Promise<void>> {
    const local = await this.#local.subscribe(channel, listener);
    const subscription: Subscription = { channel, listener, onResubscribe, shared: undefined, ended: false };
    subscription.shared = await this.#attempt(
      () => this.#shared.subscribe(channel, listener, onResubscribe),
      undefined,
    );
    // Made while the shared tier was down: subscribed there once it is back, else this instance would never hear
    // the others again.
    if (subscription.shared === undefined) this.#late.add(subscription);
    return async () => {
      subscription.ended = true;
      this.#late.delete(subscription);
      await local();
      if (subscription.shared) await this.#attempt(subscription.shared, undefined);
    };
  }

  /** Subscribes on the shared tier what was subscribed while it was down; what was missed is reloaded by its owner. */
  #subscribeLate(): void {
    for (const subscription of this.#late) {
      this.#late.delete(subscription);
      const { channel, listener, onResubscribe } = subscription;
      void this.#attempt(() => this.#shared.subscribe(channel, listener, onResubscribe), undefined).then((shared) => {
        if (shared === undefined) {
          if (!subscription.ended) this.#late.add(subscription);
        } else if (subscription.ended) {
          void this.#attempt(shared, undefined);
        } else {
          subscription.shared = shared;
          onResubscribe?.();
        }
      });
    }
  }

  async close(): Promise<void> {
    await this.#local.close();
    await this.#attempt(() => this.#shared.close(), undefined);
  }

  async #attempt<T, F>(operation: () => Promise<T>, fallback: F): Promise<T | F> {
    if (this.#downSince !== undefined && this.#now() < this.#retryAt) return fallback;
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        operation(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new SharedTierDown(`no answer within ${this.#timeout} ms`)), this.#timeout);
        }),
      ]);
      if (this.#downSince !== undefined) this.#recovered();
      return result;
    } catch (error) {
      return this.#fail(error, fallback);
    } finally {
      clearTimeout(timer);
    }
  }

  #fail<F>(error: unknown, fallback: F): F {
    this.#retryAt = this.#now() + this.#retryDuration;
    if (this.#downSince === undefined) {
      this.#downSince = this.#now();
      this.#logger?.warn(
        { store: this.#shared.kind, cause: error instanceof Error ? error.message : String(error) },
        "keycloak-ts: the shared store failed; going on with this instance's memory until it is back",
      );
    }
    return fallback;
  }

  #recovered(): void {
    const downFor = this.#now() - (this.#downSince ?? this.#now());
    this.#downSince = undefined;
    this.#logger?.info?.({ store: this.#shared.kind, downFor }, 'keycloak-ts: the shared store is back');
    this.#subscribeLate();
    const pending = this.#pending.splice(0);
    for (const { channel, message } of pending) void this.publish(channel, message);
    // What was added meanwhile keeps the expiry it had: its TTL counts from when it was added.
    const members = this.#pendingMembers.splice(0);
    for (const { key, member, ttl, maxMembers, at } of members) {
      const left = at + ttl - this.#now();
      if (left >= 1) void this.addMember(key, member, left, maxMembers);
    }
  }
}
