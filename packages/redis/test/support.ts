// @ts-expect-error: a plain .mjs script without declarations.
import { startRedisServer as start } from '../../../scripts/redis/server.mjs';

/** A redis-server of this test's own, which it may kill and restart (scripts/redis/server.mjs). */
export interface OwnRedis {
  url: string;
  port: number;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The redis-server binary the test command found or installed (REDIS_SERVER), or undefined: then the suites
 * that need a real Redis are skipped, and the test command says so on its own line.
 */
export const redisServerBinary: string | undefined = process.env['REDIS_SERVER'] || undefined;

export function startRedisServer(): Promise<OwnRedis> {
  return start(redisServerBinary) as Promise<OwnRedis>;
}
