/**
 * Picks the store: Redis when a URL is given, memory otherwise (the default for one teacher
 * on one laptop). `storeOptionsFromEnv` reads the same choice from the environment.
 */
import { DEFAULT_KEY_PREFIX } from './keys';
import { MemoryRoomStore } from './memory-store';
import { createRedisStore } from './redis-store';
import type { RoomStore } from './types';

/** Everything stored expires a day after it was last written, unless configured otherwise. */
export const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

export interface StoreOptions {
  redisUrl?: string;
  ttlSeconds?: number;
  keyPrefix?: string;
  histogramBucketSize?: number;
  /** Redis connection errors; node-redis keeps reconnecting meanwhile. */
  onError?: (error: Error) => void;
}

export async function createStore(options: StoreOptions = {}): Promise<RoomStore> {
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const { histogramBucketSize } = options;
  if (options.redisUrl) {
    return createRedisStore({
      url: options.redisUrl,
      ttlSeconds,
      keyPrefix,
      ...(histogramBucketSize !== undefined && { histogramBucketSize }),
      ...(options.onError && { onError: options.onError }),
    });
  }
  return new MemoryRoomStore({
    ttlSeconds,
    keyPrefix,
    ...(histogramBucketSize !== undefined && { histogramBucketSize }),
  });
}

/** REDIS_URL, STORE_TTL_SECONDS and STORE_KEY_PREFIX; unset or empty means the default. */
export function storeOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): StoreOptions {
  const options: StoreOptions = {};
  if (env.REDIS_URL) options.redisUrl = env.REDIS_URL;
  if (env.STORE_TTL_SECONDS) {
    const ttl = Number(env.STORE_TTL_SECONDS);
    if (!Number.isInteger(ttl) || ttl <= 0) {
      throw new Error(
        `STORE_TTL_SECONDS must be a positive whole number of seconds, not "${env.STORE_TTL_SECONDS}"`,
      );
    }
    options.ttlSeconds = ttl;
  }
  if (env.STORE_KEY_PREFIX) options.keyPrefix = env.STORE_KEY_PREFIX;
  return options;
}
