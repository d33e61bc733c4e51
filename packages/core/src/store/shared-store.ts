/**
 * What several instances of an API may share: values that expire, claims that succeed once across all
 * instances (DPoP `jti` replay, short locks), and a broadcast channel (revocations). The in-memory
 * {@link MemoryStore} is the default and shares nothing beyond its process; `@keycloak-ts/redis` shares on Redis.
 * Values are strings: callers serialise, and never put a raw token in a key or a value (use a digest).
 */
export interface SharedStore {
  /** A short name for logs and stats, e.g. `memory` or `redis`. */
  readonly kind: string;
  /** The value of `key`, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttl` milliseconds (at least 1). */
  set(key: string, value: string, ttl: number): Promise<void>;
  /**
   * Stores `value` only when `key` is absent; true when this call stored it. Across instances exactly one
   * concurrent claim of a key succeeds.
   */
  claim(key: string, value: string, ttl: number): Promise<boolean>;
  /** Removes `key`. */
  delete(key: string): Promise<void>;
  /**
   * Adds `member` to the set at `key` (again: its life starts over), each member expiring `ttl` milliseconds
   * after it was added; past `maxMembers` the members closest to expiry go first. Optional: what needs it (the
   * revocation set, reloaded by an instance that was disconnected) goes on without it, per instance.
   */
  addMember?(key: string, member: string, ttl: number, maxMembers: number): Promise<void>;
  /** The live members of the set at `key`, the oldest first (of members of one TTL). Optional, with {@link addMember}. */
  members?(key: string): Promise<string[]>;
  /** Sends `message` to every subscriber of `channel`, this instance's included. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `listener` for each message on `channel` until the returned function is called. `onResubscribe`
   * runs when a lost connection is back: messages sent meanwhile were missed, so reload what they carried.
   */
  subscribe(
    channel: string,
    listener: (message: string) => void,
    onResubscribe?: () => void,
  ): Promise<() => Promise<void>>;
  /** Ends the store's connections (a store built over a client the caller owns leaves that client open). */
  close(): Promise<void>;
}
