import type { RedisConnection } from './connection.js';
import { Subscribers } from './subscribers.js';

/** The part of an ioredis client this package uses. */
export interface IoredisClient {
  call(command: string, ...args: string[]): Promise<unknown>;
  duplicate(): IoredisSubscriber;
}

/** The part of a duplicated ioredis client used for a subscription. */
export interface IoredisSubscriber {
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  quit(): Promise<unknown>;
}

/** A {@link RedisConnection} over an ioredis client the application already has (`new Redis(...)`). */
export function ioredisConnection(redis: IoredisClient): RedisConnection {
  if (typeof redis?.call !== 'function' || typeof redis.duplicate !== 'function') {
    throw new TypeError('expected an ioredis client (new Redis() from the "ioredis" package)');
  }
  const subscribers = new Subscribers<IoredisSubscriber>((subscriber) => subscriber.quit());
  return {
    client: 'ioredis',
    command: ([name, ...args]) => redis.call(name ?? '', ...args),
    subscribe(channel, onMessage, onResubscribe) {
      const subscriber = redis.duplicate();
      subscriber.on('message', (from, message) => {
        if (from === channel) onMessage(message);
      });
      return subscribers.open(subscriber, channel, () => subscriber.subscribe(channel), onResubscribe);
    },
    close: () => subscribers.close(),
  };
}
