/** What both clients' dedicated subscriber connections offer for the bookkeeping below. */
export interface SubscriberConnection {
  on(event: 'ready', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  unsubscribe(channel: string): Promise<unknown>;
}

/**
 * The dedicated subscriber connections one {@link RedisConnection} opened: each is closed when its subscription
 * ends or when the connection closes. Shared by the node-redis and ioredis adapters, which differ only in how a
 * subscriber connects, subscribes and quits.
 */
export class Subscribers<S extends SubscriberConnection> {
  readonly #open = new Set<S>();
  readonly #quit: (subscriber: S) => Promise<unknown>;

  constructor(quit: (subscriber: S) => Promise<unknown>) {
    this.#quit = quit;
  }

  /**
   * Watches `subscriber` and runs `start` (connect and subscribe to `channel`); the answer ends the subscription.
   * `onResubscribe` runs each time the connection is ready again after a loss.
   */
  async open(
    subscriber: S,
    channel: string,
    start: () => Promise<unknown>,
    onResubscribe?: () => void,
  ): Promise<() => Promise<void>> {
    // Our own connection: its errors (Redis gone) are reported through the store's failures, and an 'error' event
    // without a listener would end the process.
    subscriber.on('error', () => {});
    let readyBefore = false;
    subscriber.on('ready', () => {
      if (readyBefore) onResubscribe?.();
      readyBefore = true;
    });
    this.#open.add(subscriber);
    try {
      await start();
    } catch (error) {
      await this.#end(subscriber);
      throw error;
    }
    return async () => {
      await subscriber.unsubscribe(channel).catch(() => {});
      await this.#end(subscriber);
    };
  }

  /** Closes every subscriber connection still open. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#open].map((subscriber) => this.#end(subscriber)));
  }

  async #end(subscriber: S): Promise<void> {
    this.#open.delete(subscriber);
    await this.#quit(subscriber).catch(() => {});
  }
}
