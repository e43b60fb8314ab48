/**
 * What the room tells its students without being asked, over real socket.io-client
 * connections: the player count as people come and go, the round's results again after a
 * resume, the room's speed-bonus setting, and a cheap ping for the latency chip.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ClientEvent as E, ErrorCode, PROTOCOL_VERSION } from '../../shared/protocol';
import { Bot } from './helpers/bot';
import { TestClient } from './helpers/socket-client';
import { CALL_STACK } from './helpers/test-levels';
import { startTestServer, type TestServer } from './helpers/test-server';

describe('room pushes over Socket.IO', () => {
  let server: TestServer;
  const open: TestClient[] = [];
  const track = <T extends TestClient>(c: T): T => {
    open.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.close();
  });

  async function hostRoom(seconds = 30) {
    const host = track(new TestClient(server.url));
    await host.connected();
    const created = await host.ok(E.CreateRoom, {
      protocol: PROTOCOL_VERSION,
      playlist: [{ kind: 'level', levelId: CALL_STACK.id, seconds, seed: 3 }],
    });
    return { host, code: created.code };
  }

  async function student(code: string): Promise<Bot> {
    const bot = new Bot(server.url);
    await bot.join(code);
    track(bot.client);
    return bot;
  }

  test('the player count reaches everyone in the room as players join, leave and are removed', async () => {
    const { host, code } = await hostRoom();
    const a = await student(code);
    const b = await student(code);
    expect((await a.client.next('room:state', (s) => s.playerCount === 2)).playerCount).toBe(2);
    await host.next('room:state', (s) => s.playerCount === 2);
    const c = await student(code);
    await a.client.next('room:state', (s) => s.playerCount === 3);
    await b.client.ok(E.Leave);
    const afterLeave = a.client.received('room:state').length;
    await a.client.next('room:state', (s) => s.playerCount === 2);
    await host.ok(E.Block, { playerId: c.playerId });
    await a.client.next('room:state', (s) => s.playerCount === 1);
    expect(a.client.received('room:state').length).toBeGreaterThan(afterLeave);
  });

  test('a student who resumes after the round sees their results again', async () => {
    const { host, code } = await hostRoom();
    const bot = await student(code);
    await host.ok(E.StartRound);
    await bot.play(600);
    await host.ok(E.EndRound);
    const first = await bot.client.next('round:results');
    expect(first.you?.result?.playerId).toBe(bot.playerId);

    // Another device: a fresh connection with the same resume token.
    await bot.resume(code);
    const again = await bot.client.next('round:results', () => true, 3_000);
    expect(again.round).toBe(0);
    expect(again.you?.result?.score).toBe(first.you?.result?.score);
    expect(again.final).toBe(true);

    await host.ok(E.Finish);
    await bot.resume(code);
    const final = await bot.client.next('round:results', () => true, 3_000);
    expect(final.final).toBe(true);
    expect(final.you?.standing?.total).toBe(first.you?.standing?.total);
  });

  test('students know whether the speed bonus counts', async () => {
    const { host, code } = await hostRoom();
    const bot = await student(code);
    expect(bot.joined?.room.speedBonus).toBe(true);
    await host.ok(E.Settings, { speedBonus: false });
    const state = await bot.client.next('room:state', (s) => s.speedBonus === false);
    expect(state.speedBonus).toBe(false);
    const resumed = await bot.resume(code);
    expect(resumed.room.speedBonus).toBe(false);
  });

  test('a ping is answered at once, and is rate-limited like any request', async () => {
    const client = track(new TestClient(server.url));
    await client.connected();
    const reply = await client.request(E.Ping, {});
    expect(reply.ok).toBe(true);
    if (reply.ok) expect(Math.abs(reply.data.serverNow - Date.now())).toBeLessThan(5_000);
    expect((await client.request(E.Ping, { extra: 1 })).ok).toBe(false);
    const burst = await Promise.all(Array.from({ length: 80 }, () => client.request(E.Ping, {})));
    const limited = burst.filter((r) => !r.ok && r.error.code === ErrorCode.RateLimited);
    expect(limited.length).toBeGreaterThan(0);
  });
});
