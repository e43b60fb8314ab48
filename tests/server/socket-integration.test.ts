/**
 * The real server on a free port, real socket.io-client connections, on both stores:
 * memory, and a real redis-server started for this file.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ClientEvent as E, ErrorCode, HostEvent, PROTOCOL_VERSION } from '../../shared/protocol';
import { createAutoplayer } from '../../shared/sim';
import { type RunningRedis, startRedis } from '../helpers/redis-server';
import { Bot } from './helpers/bot';
import { TestClient } from './helpers/socket-client';
import { CALL_STACK } from './helpers/test-levels';
import { startTestServer, type TestServer } from './helpers/test-server';

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const stores = [
  { name: 'memory', env: (): Record<string, string> => ({}) },
  {
    name: 'redis',
    env: (): Record<string, string> => ({ REDIS_URL: redis.url, STORE_KEY_PREFIX: `t${Date.now()}:` }),
  },
];

async function hostRoom(server: TestServer, seconds = 30) {
  const host = new TestClient(server.url);
  await host.connected();
  const created = await host.ok(E.CreateRoom, {
    protocol: PROTOCOL_VERSION,
    playlist: [{ kind: 'level', levelId: CALL_STACK.id, seconds, seed: 3 }],
  });
  return { host, code: created.code, created };
}

describe.each(stores)('over Socket.IO with the $name store', ({ env }) => {
  let server: TestServer;
  const open: (TestClient | Bot)[] = [];
  beforeAll(async () => {
    server = await startTestServer(env());
  });
  afterAll(async () => {
    for (const c of open) (c instanceof Bot ? c.client : c).close();
    await server?.close();
  });
  const track = <T extends TestClient | Bot>(c: T): T => {
    open.push(c);
    return c;
  };

  test('a full round: autoplayer bots, a late joiner, one idle student, the timer ends it', async () => {
    const { host, code } = await hostRoom(server, 10);
    track(host);
    const bots = [0, 1, 2].map((i) =>
      track(new Bot(server.url, createAutoplayer({ errorRate: 0.1 * i, seed: i + 1 }))),
    );
    for (const bot of bots) await bot.join(code);
    const idle = track(new Bot(server.url));
    await idle.join(code);
    const roster = await host.next(
      'host:roster',
      (r) => r.players.length === 4 && r.players.every((p) => p.connected),
    );
    expect(roster.players.map((p) => p.playerId)).toEqual([...bots, idle].map((b) => b.playerId));

    await host.ok(E.StartRound);
    const late = track(new Bot(server.url));
    await new Promise((r) => setTimeout(r, 600));
    const lateJoined = await late.join(code);
    expect(lateJoined.snapshot?.startedAtTick).toBeGreaterThan(0);
    const statuses = await Promise.all([...bots, late].map((bot) => bot.play(9_000)));
    expect(statuses.filter((s) => s === 'complete').length).toBeGreaterThanOrEqual(3);
    const progress = await host.next('host:progress', (p) => p.rows.some((r) => r.best > 0));
    expect(progress.round).toBe(0);

    const results = await host.next('round:results', () => true, 15_000);
    expect(results.rows).toHaveLength(5);
    expect(results.podium.length).toBeGreaterThanOrEqual(3);
    expect(results.rows.find((r) => r.playerId === idle.playerId)?.score).toBe(0);
    const report = await host.next('host:class-report');
    expect(report.players).toBe(5);
    const mine = await bots[0]!.client.next('round:results');
    expect(mine.you?.result?.playerId).toBe(bots[0]!.playerId);
    const state = await bots[0]!.client.next('room:state', (s) => s.phase === 'round-over');
    expect(state.phase).toBe('round-over');
  }, 30_000);

  test('kick, lock and pause', async () => {
    const { host, code } = await hostRoom(server);
    track(host);
    const [a, b] = [track(new Bot(server.url)), track(new Bot(server.url))];
    await a.join(code);
    await b.join(code);
    await host.ok(E.Remove, { playerId: a.playerId });
    expect(await a.client.next('kicked')).toEqual({ reason: 'removed' });
    expect((await a.client.request(E.Snapshot, {})).ok).toBe(false);

    await host.ok(E.Lock, { locked: true });
    const c = track(new TestClient(server.url));
    await c.connected();
    const refused = await c.request(E.Join, { protocol: PROTOCOL_VERSION, code });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.RoomLocked } });

    await host.ok(E.StartRound);
    await host.ok(E.PauseRound);
    await b.client.next('room:state', (s) => s.phase === 'paused');
    const ack = await b.client.ok(E.Action, { seq: 1, action: { type: 'push', fn: 'a' } });
    expect(ack).toMatchObject({ accepted: false, code: 'not-running' });
    await host.ok(E.ResumeRound);
    await b.client.next('room:state', (s) => s.phase === 'running');
    expect(await b.client.ok(E.Action, { seq: 2, action: { type: 'push', fn: 'a' } })).toMatchObject({
      accepted: true,
    });
  });

  test('reconnection with a resume token brings the game back', async () => {
    const { host, code } = await hostRoom(server);
    track(host);
    const bot = track(new Bot(server.url));
    await bot.join(code);
    await host.ok(E.StartRound);
    await bot.play(700);
    const before = await bot.client.ok(E.Snapshot);
    const resumed = await bot.resume(code);
    expect(resumed.lastSeq).toBe(bot.acked);
    expect(resumed.lastSeq).toBeGreaterThan(0);
    expect(resumed.snapshot?.state.stack).toEqual(before.state.stack);
    expect(await bot.play(8_000)).toBe('complete');
  });

  test('a student trying every host event is refused', async () => {
    const { host, code } = await hostRoom(server);
    track(host);
    const bot = track(new Bot(server.url));
    await bot.join(code);
    const payloads: Record<string, unknown> = {
      [E.Lock]: { locked: true },
      [E.Remove]: { playerId: bot.playerId },
      [E.Block]: { playerId: bot.playerId },
      [E.Settings]: { speedBonus: false },
      [E.TimeMultiplier]: { playerId: bot.playerId, multiplier: 2 },
      [E.Playlist]: { rounds: [] },
      [E.ExtendRound]: { seconds: 60 },
      [E.Watch]: { playerId: bot.playerId },
      [E.Replay]: { playerId: bot.playerId },
    };
    for (const event of Object.values(HostEvent)) {
      if (event === E.CreateRoom || event === E.Attach) continue;
      const reply = await bot.client.request(event, payloads[event] ?? {});
      expect(reply, event).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    }
    const wrongToken = await bot.client.request(E.Attach, {
      protocol: PROTOCOL_VERSION,
      code,
      hostToken: 'A'.repeat(22),
    });
    expect(wrongToken).toMatchObject({ ok: false, error: { code: ErrorCode.BadToken } });
    expect(server.service.room(code).record.phase).toBe('lobby');
  });

  test('malformed and oversized payloads are refused without harm', async () => {
    const { host, code } = await hostRoom(server);
    track(host);
    const bot = track(new Bot(server.url));
    await bot.join(code);
    const c = bot.client;
    for (const bad of [
      null,
      42,
      'text',
      [],
      { seq: 'x' },
      { seq: 1, action: { type: 'place' } },
      { seq: 1, action: { type: 'pop' }, score: 1e9 },
    ]) {
      const reply = await c.request(E.Action, bad);
      expect(reply, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: ErrorCode.BadPayload } });
    }
    const badJoin = await c.request(E.Join, { protocol: PROTOCOL_VERSION, code: '<script>' });
    expect(badJoin).toMatchObject({ ok: false, error: { code: ErrorCode.BadPayload } });
    // No acknowledgement callback, an unknown event: an error push, nothing else.
    c.raw(E.Snapshot, {});
    expect((await c.next('server:error')).code).toBe(ErrorCode.BadPayload);
    c.raw('teleport', { to: 'moon' });
    expect((await c.next('server:error', (e) => e.message.includes('teleport'))).code).toBe(
      ErrorCode.BadPayload,
    );
    // A payload over the size limit closes that connection only.
    const big = track(new TestClient(server.url));
    await big.connected();
    const closed = new Promise<string>((resolve) =>
      big.socket.once('disconnect', (reason) => resolve(reason)),
    );
    big.raw(E.Join, { protocol: PROTOCOL_VERSION, code, nickname: 'x'.repeat(100_000) }, () => {});
    expect(await closed).toBeTruthy();
    expect((await c.request(E.Snapshot, {})).ok).toBe(false); // no round yet, but the server answers
    expect((await c.request(E.Reroll, {})).ok).toBe(true);
  });

  test('actions beyond 20 a second are refused, not fatal', async () => {
    const { host, code } = await hostRoom(server);
    track(host);
    const bot = track(new Bot(server.url));
    await bot.join(code);
    await host.ok(E.StartRound);
    const acks = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        bot.client.ok(E.Action, { seq: i + 1, action: { type: 'place', objectId: 'nothing', address: 0 } }),
      ),
    );
    const limited = acks.filter((a) => !a.accepted && a.code === 'rate-limited').length;
    expect(limited).toBeGreaterThanOrEqual(9);
    expect(limited).toBeLessThanOrEqual(10);
    expect(bot.client.socket.connected).toBe(true);
  });

  test('a solo run with a forged score is re-simulated', async () => {
    const { playLevel, bestAction, score } = await import('../../shared/sim');
    const run = playLevel(CALL_STACK, 9, bestAction);
    const c = track(new TestClient(server.url));
    await c.connected();
    const forged = await c.ok(E.Submit, {
      levelId: CALL_STACK.id,
      seed: 9,
      actions: run.actions.slice(0, 2),
      claimedScore: 99_999,
    });
    expect(forged.score).toBeLessThan(score(run.state).total);
    const real = await c.ok(E.Submit, { levelId: CALL_STACK.id, seed: 9, actions: run.actions });
    expect(real.score).toBe(score(run.state).total);
    expect(real.histogram.total).toBeGreaterThanOrEqual(2);
    const histogram = await c.ok(E.Histogram, { levelId: CALL_STACK.id });
    expect(histogram.total).toBe(real.histogram.total);
  });
});

describe('join attempts per address', () => {
  test('are rate-limited', async () => {
    const server = await startTestServer({ JOIN_BURST: '3', JOIN_PER_MINUTE: '1' });
    const c = new TestClient(server.url);
    try {
      await c.connected();
      const replies = [];
      for (let i = 0; i < 5; i++)
        replies.push(await c.request(E.Peek, { protocol: PROTOCOL_VERSION, code: 'ABCDEF' }));
      expect(replies.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
        ErrorCode.RoomNotFound,
        ErrorCode.RoomNotFound,
        ErrorCode.RoomNotFound,
        ErrorCode.RateLimited,
        ErrorCode.RateLimited,
      ]);
    } finally {
      c.close();
      await server.close();
    }
  });

  test('open connections per address are capped', async () => {
    const server = await startTestServer({ MAX_CONNECTIONS_PER_ADDRESS: '2' });
    const clients = [new TestClient(server.url), new TestClient(server.url)];
    try {
      for (const c of clients) await c.connected();
      const third = new TestClient(server.url);
      clients.push(third);
      const error = await third.connected().then(
        () => null,
        (e: Error & { data?: { code: string } }) => e,
      );
      expect(error?.data?.code).toBe(ErrorCode.RateLimited);
      clients[0]!.close();
      await new Promise((r) => setTimeout(r, 100));
      const fourth = new TestClient(server.url);
      clients.push(fourth);
      await fourth.connected();
      expect(fourth.socket.connected).toBe(true);
    } finally {
      for (const c of clients) c.close();
      await server.close();
    }
  });
});
