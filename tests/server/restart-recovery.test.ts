/**
 * SIGKILL during a running round, with real processes and a real Redis: the restarted
 * server brings back every room, seat and game, and no acknowledged action is lost.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROUND_GAME_TIME_LIMIT } from '../../server/game/player-game';
import { runRecorded } from '../../server/game/run';
import { createStore } from '../../server/store/create-store';
import { generateRushLevel } from '../../shared/level/rush';
import { ClientEvent as E, PROTOCOL_VERSION } from '../../shared/protocol';
import { hash } from '../../shared/sim';
import { type RunningRedis, startRedis } from '../helpers/redis-server';
import { Bot } from './helpers/bot';
import { type ServerProcess, spawnServer } from './helpers/server-process';
import { TestClient } from './helpers/socket-client';

let redis: RunningRedis;
const processes: ServerProcess[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const p of processes) await p.kill('SIGKILL');
  await redis?.stop();
});

describe('restart recovery', () => {
  test('SIGKILL mid-round, restart, resume: every acknowledged action is still there', async () => {
    const prefix = `kill${Date.now()}:`;
    const env = { REDIS_URL: redis.url, STORE_KEY_PREFIX: prefix };
    const first = await spawnServer(env);
    processes.push(first);
    const host = new TestClient(first.url);
    await host.connected();
    const rushSeed = 4242;
    const created = await host.ok(E.CreateRoom, {
      protocol: PROTOCOL_VERSION,
      playlist: [{ kind: 'rush', rushSeed, seconds: 300, seed: 17 }],
    });
    const code = created.code;
    const bots = [new Bot(first.url), new Bot(first.url), new Bot(first.url)];
    for (const bot of bots) await bot.join(code);
    await host.ok(E.StartRound);
    // Play for a while, then kill the server while the bots are still sending.
    const lastAcks = new Map<string, { seq: number; tick: number; hash: string }>();
    for (const bot of bots) {
      const original = bot.client.ok.bind(bot.client);
      bot.client.ok = (async (event: string, payload: unknown) => {
        const data = await original(event as never, payload);
        if (event === E.Action) {
          const ack = data as { seq: number; tick: number; hash: string };
          lastAcks.set(bot.playerId, { seq: ack.seq, tick: ack.tick, hash: ack.hash });
        }
        return data;
      }) as typeof bot.client.ok;
    }
    const playing = Promise.allSettled(bots.map((bot) => bot.play(60_000, 20)));
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await first.kill('SIGKILL')).toBeNull();
    await playing;
    host.close();
    for (const bot of bots) expect(bot.acked, 'each bot had actions acknowledged').toBeGreaterThan(2);

    // Every acknowledged action is in the log, and the log replays to the acknowledged hash.
    const store = await createStore({ redisUrl: redis.url, keyPrefix: prefix });
    const level = { ...generateRushLevel(rushSeed), timeLimit: ROUND_GAME_TIME_LIMIT };
    for (const bot of bots) {
      const log = await store.getActions(code, 0, bot.playerId);
      const last = lastAcks.get(bot.playerId);
      expect(last).toBeDefined();
      expect(log.map((e) => e.seq)).toContain(last!.seq);
      const upTo = log.filter((e) => e.seq <= last!.seq && e.attempt === 0).map((e) => e.entry);
      expect(hash(runRecorded(level, 17, upTo, last!.tick))).toBe(last!.hash);
    }
    await store.close();

    // A new process on the same Redis brings the room back.
    const second = await spawnServer(env);
    processes.push(second);
    expect(second.logs.find((l) => l.msg === 'listening')?.recovered).toBe(1);
    for (const bot of bots) {
      (bot as { url: string }).url = second.url;
      const resumed = await bot.resume(code);
      expect(resumed.lastSeq).toBeGreaterThanOrEqual(lastAcks.get(bot.playerId)!.seq);
      expect(resumed.room.phase).toBe('running');
      expect(resumed.snapshot?.round).toBe(0);
    }
    // The bots go on where they were; their acks keep coming, in order.
    const before = bots.map((bot) => bot.acked);
    const status = await Promise.all(bots.map((bot) => bot.play(4_000, 20)));
    expect(status.every((s) => s === 'running' || s === 'complete')).toBe(true);
    expect(bots.map((bot, i) => bot.acked > before[i]!)).toEqual([true, true, true]);
    const projector = new TestClient(second.url);
    await projector.connected();
    await projector.ok(E.Attach, { protocol: PROTOCOL_VERSION, code, hostToken: created.hostToken });
    const results = await projector.ok(E.EndRound);
    expect(results.rows).toHaveLength(3);
    expect(results.rows.every((r) => r.score > 0 && r.crashes === 0)).toBe(true);
    projector.close();
    for (const bot of bots) bot.client.close();
    expect(await second.kill('SIGTERM')).toBe(0);
  }, 120_000);
});
