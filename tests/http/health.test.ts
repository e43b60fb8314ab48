import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpApp } from '../../server/http/create-http-app';
import { createStore } from '../../server/store/create-store';
import { type RunningRedis, startRedis } from '../helpers/redis-server';
import { LEVELS } from './fixtures';
import { serve } from './serve';

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

async function health(redisUrl?: string, stopFirst?: () => Promise<void>) {
  const store = await createStore({ ...(redisUrl && { redisUrl }), keyPrefix: 'health:', onError: () => {} });
  const served = await serve(createHttpApp({ store, levels: LEVELS, clientDir: '/nonexistent' }));
  try {
    await stopFirst?.();
    const response = await fetch(`${served.url}/healthz`);
    return {
      status: response.status,
      cache: response.headers.get('cache-control'),
      body: await response.json(),
    };
  } finally {
    await served.close();
    await store.close();
  }
}

describe('GET /healthz', () => {
  test('reports the memory store', async () => {
    expect(await health()).toEqual({
      status: 200,
      cache: 'no-store',
      body: { ok: true, store: 'memory', storeOk: true },
    });
  });

  test('reports a real Redis store', async () => {
    expect(await health(redis.url)).toMatchObject({
      status: 200,
      body: { ok: true, store: 'redis', storeOk: true },
    });
  });

  test('answers 503 when Redis stops answering', async () => {
    const doomed = await startRedis();
    expect(await health(doomed.url, () => doomed.stop())).toMatchObject({
      status: 503,
      body: { ok: false, store: 'redis', storeOk: false },
    });
  });
});
