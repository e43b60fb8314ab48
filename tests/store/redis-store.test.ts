import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStore } from '../../server/store/create-store';
import { createRedisStore } from '../../server/store/redis-store';
import { type RunningRedis, startRedis } from '../helpers/redis-server';
import { action, player, room, soloRun } from './fixtures';
import { registerStoreContractTests } from './store-contract';

let redis: RunningRedis;
let raw: ReturnType<typeof createClient>;
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
  raw = createClient({ url: redis.url });
  await raw.connect();
});

afterAll(async () => {
  await raw?.close();
  await redis?.stop();
});

/** Every key under the prefix with its remaining lifetime; -1 (no expiry) shows up as a negative ttl. */
async function keyTtls(prefix: string): Promise<{ key: string; ttlSeconds: number }[]> {
  const keys: string[] = [];
  for await (const batch of raw.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
  return Promise.all(keys.map(async (key) => ({ key, ttlSeconds: (await raw.pTTL(key)) / 1000 })));
}

function nextPrefix(): string {
  prefixes += 1;
  return `test${prefixes}:`;
}

registerStoreContractTests(
  'redis',
  async ({ ttlSeconds }) => {
    const keyPrefix = nextPrefix();
    const store = await createRedisStore({ url: redis.url, ttlSeconds, keyPrefix });
    return { store, keyTtls: () => keyTtls(keyPrefix), close: () => store.close() };
  },
  { controllableClock: false },
);

describe('redis store', () => {
  test('createStore with a Redis URL gives the Redis store', async () => {
    const store = await createStore({ redisUrl: redis.url, ttlSeconds: 60, keyPrefix: nextPrefix() });
    expect(store.kind).toBe('redis');
    expect(await store.ping()).toBe(true);
    await store.close();
  });

  test('every key it writes starts with the key prefix', async () => {
    await raw.flushAll();
    const store = await createRedisStore({ url: redis.url, ttlSeconds: 60, keyPrefix: 'school-a:' });
    await store.createRoom(room('ABCDEF'));
    await store.savePlayer('ABCDEF', player('p1'));
    await store.appendActions('ABCDEF', 0, 'p1', [action(1)]);
    await store.saveAttempts('ABCDEF', 0, 'p1', []);
    await store.saveRoundResults('ABCDEF', 0, []);
    await store.addToLeaderboard('ABCDEF', 'p1', 1);
    await store.saveSoloRun(soloRun('s1'));
    await store.recordSoloScore('level-a', 5);
    const keys = await raw.keys('*');
    expect(keys.length).toBeGreaterThanOrEqual(10);
    expect(keys.filter((key) => !key.startsWith('school-a:'))).toEqual([]);
    expect(await raw.type('school-a:room:ABCDEF:leaderboard')).toBe('zset');
    expect(await raw.type('school-a:room:ABCDEF:round:0:actions:p1')).toBe('list');
    expect(await raw.type('school-a:histogram:level-a')).toBe('hash');
    await store.close();
  });

  test('keys really expire in Redis', async () => {
    const keyPrefix = nextPrefix();
    const store = await createRedisStore({ url: redis.url, ttlSeconds: 1, keyPrefix });
    await store.createRoom(room('ABCDEF'));
    await store.appendActions('ABCDEF', 0, 'p1', [action(1)]);
    await store.saveSoloRun(soloRun('s1'));
    expect((await keyTtls(keyPrefix)).length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(await keyTtls(keyPrefix)).toEqual([]);
    expect(await store.getRoom('ABCDEF')).toBeNull();
    expect(await store.listRoomCodes()).toEqual([]);
    await store.close();
  });

  test('saving the room refreshes the expiry of every key of the room', async () => {
    const keyPrefix = nextPrefix();
    const store = await createRedisStore({ url: redis.url, ttlSeconds: 1000, keyPrefix });
    await store.createRoom(room('ABCDEF'));
    await store.savePlayer('ABCDEF', player('p1'));
    await store.appendActions('ABCDEF', 3, 'p1', [action(1)]);
    await store.addToLeaderboard('ABCDEF', 'p1', 1);
    const roomKeys = (await keyTtls(keyPrefix)).map((k) => k.key).filter((key) => key.includes('ABCDEF'));
    expect(roomKeys.length).toBeGreaterThanOrEqual(6);
    for (const key of roomKeys) await raw.expire(key, 5);
    await store.saveRoom(room('ABCDEF', { version: 2 }));
    for (const key of roomKeys) expect({ key, ttl: await raw.ttl(key) }).toEqual({ key, ttl: 1000 });
    await store.close();
  });

  test('a new room with the code of an expired one does not inherit its keys', async () => {
    const keyPrefix = nextPrefix();
    const store = await createRedisStore({ url: redis.url, ttlSeconds: 1000, keyPrefix });
    await store.createRoom(room('ABCDEF'));
    await store.savePlayer('ABCDEF', player('p1'));
    await store.appendActions('ABCDEF', 0, 'p1', [action(1)]);
    await raw.del(`${keyPrefix}room:ABCDEF`); // the record expired before the rest
    expect(await store.createRoom(room('ABCDEF'))).toBe(true);
    expect(await store.getPlayers('ABCDEF')).toEqual([]);
    expect(await store.getActions('ABCDEF', 0, 'p1')).toEqual([]);
    expect((await keyTtls(keyPrefix)).map((k) => k.key).sort()).toEqual(
      [`${keyPrefix}room:ABCDEF`, `${keyPrefix}rooms`].sort(),
    );
    await store.close();
  });

  test('ping reports false, quickly, once Redis is gone', async () => {
    const doomed = await startRedis();
    const errors: Error[] = [];
    const store = await createRedisStore({
      url: doomed.url,
      ttlSeconds: 60,
      pingTimeoutMs: 500,
      onError: (error) => errors.push(error),
    });
    expect(await store.ping()).toBe(true);
    await doomed.stop();
    const started = Date.now();
    expect(await store.ping()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
    await store.close();
  });

  test('close does not hang when Redis is gone with commands still waiting', async () => {
    const doomed = await startRedis();
    const store = await createRedisStore({ url: doomed.url, ttlSeconds: 60, onError: () => {} });
    await doomed.stop();
    const pending = store.getRoom('ABCDEF').catch(() => 'rejected');
    const started = Date.now();
    await store.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await pending).toBe('rejected');
  });
});
