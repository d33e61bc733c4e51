export { RedisStore, RedisReplyError, type RedisStoreOptions } from './redis-store.js';
export type { RedisConnection } from './connection.js';
export { nodeRedisConnection, type NodeRedisClient, type NodeRedisSubscriber } from './node-redis.js';
export { ioredisConnection, type IoredisClient, type IoredisSubscriber } from './ioredis.js';
