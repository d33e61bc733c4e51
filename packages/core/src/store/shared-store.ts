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
