import type { RedisConnection } from './connection.js';
import { Subscribers } from './subscribers.js';

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
  const subscribers = new Subscribers<NodeRedisSubscriber>((subscriber) => {
    if (subscriber.close) return subscriber.close();
    if (subscriber.quit) return subscriber.quit();
    subscriber.destroy?.();
    return Promise.resolve();
  });
  return {
    client: 'node-redis',
    command: (args) => client.sendCommand([...args]),
    subscribe(channel, onMessage, onResubscribe) {
      const subscriber = client.duplicate();
      const start = async () => {
        await subscriber.connect();
        await subscriber.subscribe(channel, onMessage);
      };
      return subscribers.open(subscriber, channel, start, onResubscribe);
    },
    close: () => subscribers.close(),
  };
}
