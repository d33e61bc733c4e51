import type { SharedStore } from '@keycloak-ts/core';
import type { RedisConnection } from './connection.js';
import { ioredisConnection, type IoredisClient } from './ioredis.js';
import { nodeRedisConnection, type NodeRedisClient } from './node-redis.js';

/** Options of {@link RedisStore}. */
export interface RedisStoreOptions {
  /**
   * The Redis (or Valkey) client: a connected node-redis client, an ioredis client, or any
   * {@link RedisConnection}. The store never closes it: the application owns it.
   */
  client: NodeRedisClient | IoredisClient | RedisConnection;
  /** Prepended to every key and channel, so several apps can share one Redis. Default `keycloak-ts:`. */
  prefix?: string;
}

/** A reply that is not what the command returns: a Redis (or proxy) answering garbage counts as down. */
export class RedisReplyError extends Error {
  override name = 'RedisReplyError';
}

function isRedisConnection(client: object): client is RedisConnection {
  // Both clients have a `command` method of their own (Redis's COMMAND); only a RedisConnection names its client.
  const candidate = client as Partial<RedisConnection>;
  return (
    typeof candidate.client === 'string' &&
    typeof candidate.command === 'function' &&
    typeof candidate.subscribe === 'function'
  );
}

function connectionOf(client: RedisStoreOptions['client']): RedisConnection {
  if (client === null || typeof client !== 'object')
    throw new TypeError('"client" must be a node-redis client, an ioredis client or a RedisConnection');
  if (isRedisConnection(client)) return client;
  // ioredis also has a sendCommand (of its own Command objects): tell it by its `status` string first.
  if (
    typeof (client as { status?: unknown }).status === 'string' &&
    typeof (client as IoredisClient).call === 'function'
  )
    return ioredisConnection(client as IoredisClient);
  if (typeof (client as NodeRedisClient).sendCommand === 'function')
    return nodeRedisConnection(client as NodeRedisClient);
  throw new TypeError('"client" must be a node-redis client, an ioredis client or a RedisConnection');
}

/**
 * A {@link SharedStore} on Redis: `SET ... PX` for values, `SET ... PX NX` for claims, PUBLISH/SUBSCRIBE for the
 * channel. Put it behind core's `TieredStore`, which keeps a local tier in front and goes on without Redis when
 * it is down or slow.
 */
export class RedisStore implements SharedStore {
  readonly kind = 'redis';
  readonly #connection: RedisConnection;
  readonly #prefix: string;

  constructor(options: RedisStoreOptions) {
    if (options === null || typeof options !== 'object') throw new TypeError('RedisStore options must be an object');
    // A misspelt "prefix" would leave the default one in force, sharing keys with another app's stores.
    const unknown = Object.keys(options).find((key) => key !== 'client' && key !== 'prefix');
    if (unknown !== undefined) throw new TypeError(`"${unknown}" is not an option of RedisStore (client, prefix)`);
    this.#connection = connectionOf(options.client);
    const prefix = options.prefix ?? 'keycloak-ts:';
    if (typeof prefix !== 'string') throw new TypeError('"prefix" must be a string');
    this.#prefix = prefix;
  }

  async get(key: string): Promise<string | undefined> {
    const reply = await this.#connection.command(['GET', this.#prefix + key]);
    if (reply === null || reply === undefined) return undefined;
    if (typeof reply !== 'string') throw new RedisReplyError('GET answered a non-string');
    return reply;
  }

  async set(key: string, value: string, ttl: number): Promise<void> {
    const reply = await this.#connection.command(['SET', this.#prefix + key, value, 'PX', String(wholeTtl(ttl))]);
    if (reply !== 'OK') throw new RedisReplyError('SET did not answer OK');
  }

  async claim(key: string, value: string, ttl: number): Promise<boolean> {
    const reply = await this.#connection.command(['SET', this.#prefix + key, value, 'PX', String(wholeTtl(ttl)), 'NX']);
    if (reply === 'OK') return true;
    if (reply === null || reply === undefined) return false;
    throw new RedisReplyError('SET NX answered neither OK nor nil');
  }

  async delete(key: string): Promise<void> {
    const reply = await this.#connection.command(['DEL', this.#prefix + key]);
    if (typeof reply !== 'number') throw new RedisReplyError('DEL answered a non-integer');
  }

  /**
   * A sorted set scored by each member's expiry: ZADD, then ZREMRANGEBYSCORE drops the expired members and
   * ZREMRANGEBYRANK those past `maxMembers` (closest to expiry first); PEXPIRE lets the key go once all expired.
   * Scores use this instance's clock, so instances' clocks should agree within the TTLs' slack (NTP does).
   */
  async addMember(key: string, member: string, ttl: number, maxMembers: number): Promise<void> {
    const now = Date.now();
    const name = this.#prefix + key;
    const ms = wholeTtl(ttl);
    const added = await this.#connection.command(['ZADD', name, String(now + ms), member]);
    if (typeof added !== 'number') throw new RedisReplyError('ZADD answered a non-integer');
    await this.#connection.command(['ZREMRANGEBYSCORE', name, '-inf', String(now)]);
    await this.#connection.command(['ZREMRANGEBYRANK', name, '0', String(-(Math.max(1, maxMembers) + 1))]);
    // Never shorten the key's life below a member's: PEXPIRE GT (Redis 7) is not everywhere, so read it first.
    const left = await this.#connection.command(['PTTL', name]);
    if (typeof left !== 'number' || left < ms) await this.#connection.command(['PEXPIRE', name, String(ms)]);
  }

  async members(key: string): Promise<string[]> {
    const reply = await this.#connection.command(['ZRANGEBYSCORE', this.#prefix + key, `(${Date.now()}`, '+inf']);
    if (!Array.isArray(reply) || !reply.every((member) => typeof member === 'string'))
      throw new RedisReplyError('ZRANGEBYSCORE answered something else than a list of strings');
    return reply;
  }

  async publish(channel: string, message: string): Promise<void> {
    const reply = await this.#connection.command(['PUBLISH', this.#prefix + channel, message]);
    if (typeof reply !== 'number') throw new RedisReplyError('PUBLISH answered a non-integer');
  }

  subscribe(
    channel: string,
    listener: (message: string) => void,
    onResubscribe?: () => void,
  ): Promise<() => Promise<void>> {
    return this.#connection.subscribe(this.#prefix + channel, listener, onResubscribe);
  }

  close(): Promise<void> {
    return this.#connection.close();
  }
}

function wholeTtl(ttl: number): number {
  if (!Number.isFinite(ttl) || ttl < 1) throw new RangeError(`a store TTL must be at least 1 ms, got ${ttl}`);
  return Math.ceil(ttl);
}
