import { createClient } from 'redis';
import { describe, expect, test } from 'vitest';
import { startRedis } from '../helpers/redis-server';

describe('the private redis-server for tests', () => {
  test('starts on its own port, answers, and is gone after stop', async () => {
    const redis = await startRedis();
    expect(redis.port).not.toBe(6379);
    const client = createClient({ url: redis.url });
    await client.connect();
    expect(await client.ping()).toBe('PONG');
    await client.close();
    await redis.stop();
    const probe = createClient({ url: redis.url, socket: { reconnectStrategy: false } });
    probe.on('error', () => {});
    await expect(probe.connect()).rejects.toThrow();
  });

  test('says clearly what to install when redis-server is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startRedis()).rejects.toThrow(
        /redis-server is not installed.*apt-get install -y redis-server/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
