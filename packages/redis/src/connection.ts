/**
 * The few things {@link RedisStore} needs of a Redis client, so node-redis (`redis`) and ioredis both fit:
 * one command at a time, and a subscription on a connection of its own (Redis allows no other command on a
 * subscribed connection).
 */
export interface RedisConnection {
  /** A short name of the client library, for logs. */
  readonly client: string;
  /** Sends one command, e.g. `['SET', key, value, 'PX', '1000', 'NX']`, resolving Redis's reply. */
  command(args: readonly string[]): Promise<unknown>;
  /**
   * Subscribes to `channel` on a dedicated connection. `onResubscribe` runs each time that connection is
   * ready again after a loss (the client re-subscribes by itself; messages sent meanwhile were missed).
   */
  subscribe(
    channel: string,
    onMessage: (message: string) => void,
    onResubscribe?: () => void,
  ): Promise<() => Promise<void>>;
  /** Closes what this connection opened itself (dedicated subscriber connections); the caller's client stays open. */
  close(): Promise<void>;
}
