import type { RedisConnection } from './connection.js';

/** The part of a node-redis (`redis` 4 or 5) client this package uses. */
export interface NodeRedisClient {
  sendCommand(args: string[]): Promise<unknown>;
  duplicate(): NodeRedisSubscriber;
}

/** The part of a duplicated node-redis client used for a subscription. */
export interface NodeRedisSubscriber {
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  on(event: 'ready', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  quit?(): Promise<unknown>;
  close?(): Promise<unknown>;
  destroy?(): unknown;
}

/** A {@link RedisConnection} over a connected node-redis client (`createClient(...)` after `connect()`). */
export function nodeRedisConnection(client: NodeRedisClient): RedisConnection {
  if (typeof client?.sendCommand !== 'function' || typeof client.duplicate !== 'function') {
    throw new TypeError('expected a node-redis client (createClient() from the "redis" package)');
  }
  const subscribers = new Set<NodeRedisSubscriber>();
  const end = async (subscriber: NodeRedisSubscriber) => {
    subscribers.delete(subscriber);
    if (subscriber.close) await subscriber.close();
    else if (subscriber.quit) await subscriber.quit();
    else subscriber.destroy?.();
  };
  return {
    client: 'node-redis',
    command: (args) => client.sendCommand([...args]),
    async subscribe(channel, onMessage, onResubscribe) {
      const subscriber = client.duplicate();
      // Our own connection: its errors (Redis gone) are reported through the store's failures, and an
      // 'error' event without a listener would end the process.
      subscriber.on('error', () => {});
      let readyBefore = false;
      subscriber.on('ready', () => {
        if (readyBefore) onResubscribe?.();
        readyBefore = true;
      });
      subscribers.add(subscriber);
      try {
        await subscriber.connect();
        await subscriber.subscribe(channel, onMessage);
      } catch (error) {
        await end(subscriber).catch(() => {});
        throw error;
      }
      return async () => {
        await subscriber.unsubscribe(channel).catch(() => {});
        await end(subscriber);
      };
    },
    async close() {
      await Promise.allSettled([...subscribers].map(end));
    },
  };
}
