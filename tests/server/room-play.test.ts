import { describe, expect, test } from 'vitest';
import type { Handled } from '../../server/rooms/room-service';
import { MemoryRoomStore } from '../../server/store/memory-store';
import { type ActionAck, ClientEvent as E, ErrorCode } from '../../shared/protocol';
import { type Action, bestAction, replay as replayRun, score, hash as stateHash } from '../../shared/sim';
import { Harness } from './helpers/harness';
import { CALL_STACK } from './helpers/test-levels';

async function running(students = 1) {
  const h = new Harness();
  const { host, created } = await h.host();
  const list = [];
  for (let i = 0; i < students; i++) list.push((await h.join(created.code)).student);
  await host.ok(E.StartRound);
  return { h, host, code: created.code, students: list };
}

describe('actions and acknowledgements', () => {
  test('the server stamps its own tick and acknowledges with the state hash', async () => {
    const { h, code, students } = await running();
    const s = students[0]!;
    await h.advance(1_230);
    // The client claims tick 5; the server's clock says 12.
    const ack = await s.act({ type: 'push', fn: 'a' }, 5);
    expect(ack).toMatchObject({ seq: 1, accepted: true, tick: 12 });
    const game = h.service.room(code).seats.get(s.playerId)?.game;
    expect(ack).toMatchObject({ hash: stateHash(game!.current.state) });
    expect(await h.store.getActions(code, 0, s.playerId)).toEqual([
      { seq: 1, attempt: 0, entry: { tick: 12, action: { type: 'push', fn: 'a' } } },
    ]);
  });

  test('a client far out of step gets a snapshot after its ack, at most every 2 s', async () => {
    const { h, code, students } = await running();
    const s = students[0]!;
    const snapshots = () => h.outbox.forPlayer(code, s.playerId, 'game:snapshot');
    const later = () => new Promise((r) => setTimeout(r, 5));
    await h.advance(4_000); // server tick 40
    await s.act({ type: 'push', fn: 'a' }, 40);
    await s.act({ type: 'pop' }, 15); // 2.5 s behind: a slow network, no snapshot
    await later();
    expect(snapshots()).toHaveLength(1); // only the round start
    await s.act({ type: 'pop' }, 5); // 3.5 s behind
    await later();
    expect(snapshots()).toHaveLength(2);
    expect(snapshots()[1]).toMatchObject({ lastSeq: 3 });
    await s.act({ type: 'pop' }, 60); // ahead of the server: a wrong clock, but a snapshot was just sent
    await later();
    expect(snapshots()).toHaveLength(2);
    await h.advance(2_100);
    await s.act({ type: 'pop' }, 80);
    await later();
    expect(snapshots()).toHaveLength(3);
  });

  test('rule rejections are acknowledged with the simulator’s reason; stale sequence numbers are refused', async () => {
    const { h, students } = await running();
    const s = students[0]!;
    await h.advance(200);
    const rejected = await s.act({ type: 'place', objectId: 'nothing', address: 0 });
    expect(rejected).toMatchObject({ accepted: false, code: 'rejected' });
    if (!rejected.accepted) expect(rejected.reason.length).toBeGreaterThan(3);
    const stale = await s.ok(E.Action, { seq: 1, action: { type: 'pop' } });
    expect(stale).toMatchObject({ accepted: false, code: 'stale-seq' });
    await s.fails(E.Action, { seq: 2, action: { type: 'push' } }, ErrorCode.BadPayload);
  });

  test('acks leave in order, even when a refusal is ready before an earlier write', async () => {
    const store = new MemoryRoomStore({ ttlSeconds: 3600 });
    const append = store.appendActions.bind(store);
    store.appendActions = async (...args) => {
      await new Promise((r) => setTimeout(r, 30)); // a slow store
      return append(...args);
    };
    (store as { writesAtOnce: boolean }).writesAtOnce = false; // as Redis: acks wait for the write
    const h = new Harness({ store });
    const { host, created } = await h.host();
    const { student } = await h.join(created.code);
    await host.ok(E.StartRound);
    await h.advance(200);
    const order: number[] = [];
    const first = student.act({ type: 'push', fn: 'a' }).then((ack) => order.push(ack.seq));
    const stale = student
      .ok(E.Action, { seq: 1, action: { type: 'pop' } })
      .then((ack) => order.push(ack.seq * 10));
    await Promise.all([first, stale]);
    expect(order).toEqual([1, 10]);
  });

  test('with a store that writes at once, an action is answered at once, logged, without a promise', async () => {
    const { h, code, students } = await running();
    const s = students[0]!;
    await h.advance(200);
    const { ctx } = s;
    const act = (seq: number, action: Action) => h.service.handleMessage(ctx, E.Action, { seq, action });
    const accepted = act(1, { type: 'push', fn: 'a' });
    expect(accepted).not.toBeInstanceOf(Promise);
    expect((accepted as Handled<ActionAck>).reply).toMatchObject({
      ok: true,
      data: { seq: 1, accepted: true },
    });
    // Already in the store, with nothing settled in between.
    expect((await h.store.getActions(code, 0, s.playerId)).map((e) => e.seq)).toEqual([1]);
    const refused = act(2, { type: 'place', objectId: 'nothing', address: 0 });
    expect(refused).not.toBeInstanceOf(Promise);
    expect((refused as Handled<ActionAck>).reply).toMatchObject({
      ok: true,
      data: { seq: 2, accepted: false },
    });
    const stale = act(2, { type: 'pop' });
    expect((stale as Handled<ActionAck>).reply).toMatchObject({ ok: true, data: { code: 'stale-seq' } });
    // A student who is not in the room is refused the same way, without a promise.
    const stranger = h.service.handleMessage({ session: { role: 'none' }, address: '10.0.0.9' }, E.Action, {
      seq: 1,
      action: { type: 'pop' },
    });
    expect(stranger).not.toBeInstanceOf(Promise);
    expect((stranger as Handled<ActionAck>).reply).toMatchObject({
      ok: false,
      error: { code: 'not-in-room' },
    });
  });

  test('an action that changed nothing is acknowledged but not logged; one with a penalty is logged', async () => {
    const { h, code, students } = await running();
    const s = students[0]!;
    await h.advance(200);
    const unknown = await s.act({ type: 'place', objectId: 'nothing', address: 0 });
    expect(unknown).toMatchObject({ accepted: false, code: 'rejected' });
    const penalised = await s.act({ type: 'pop' }); // popping <module>: refused with a penalty
    expect(penalised).toMatchObject({ accepted: false, code: 'rejected' });
    await h.settle();
    expect((await h.store.getActions(code, 0, s.playerId)).map((e) => e.seq)).toEqual([2]);
    const game = h.service.room(code).seats.get(s.playerId)!.game!;
    expect(game.lastSeq).toBe(2);
    expect(game.current.state.tally.rejections).toBe(1);
  });

  test('more than 20 actions a second are refused, not fatal', async () => {
    const { h, students } = await running();
    const s = students[0]!;
    await h.advance(200);
    const acks = [];
    for (let i = 0; i < 25; i++) acks.push(await s.act({ type: 'place', objectId: 'nothing', address: 0 }));
    expect(acks.filter((a) => !a.accepted && a.code === 'rate-limited')).toHaveLength(5);
    await h.advance(1_000);
    expect((await s.act({ type: 'push', fn: 'a' })).accepted).toBe(true);
  });

  test('a student acts only on their own game', async () => {
    const { h, code, students } = await running(2);
    const [a, b] = students;
    await h.advance(200);
    await a!.act({ type: 'push', fn: 'a' });
    const room = h.service.room(code);
    expect(room.seats.get(a!.playerId)?.game?.current.state.stack).toHaveLength(2);
    expect(room.seats.get(b!.playerId)?.game?.current.state.stack).toHaveLength(1);
  });
});

describe('what the host sees', () => {
  test('progress at least twice a second, only rows that changed after the first', async () => {
    const { h, host, code, students } = await running(3);
    await host.ok(E.Lock, { locked: false });
    h.outbox.clear();
    await h.advance(1_000);
    const progress = h.outbox.forHosts(code, 'host:progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]?.full).toBe(true);
    expect(progress[0]?.rows).toHaveLength(3);
    const firstRows = structuredClone(progress[0]!.rows);
    await h.advance(1_000);
    h.outbox.clear();
    await h.playBest(students[0]!);
    await h.advance(500);
    const rows = h.outbox.forHosts(code, 'host:progress').flatMap((p) => p.rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.find((r) => r.playerId === students[0]!.playerId)).toMatchObject({
      stackDepth: 2,
      connected: true,
    });
    // A row once sent is never changed afterwards (the server keeps its own copy to compare).
    expect(progress[0]!.rows).toEqual(firstRows);
    expect(firstRows.find((r) => r.playerId === students[0]!.playerId)?.stackDepth).toBe(1);
  });

  test('the host watches one student live: each change is sent, bare ticks are not', async () => {
    const { h, host, code, students } = await running(2);
    const [other, watched] = students;
    const first = await host.ok(E.Watch, { playerId: watched!.playerId });
    expect(first?.playerId).toBe(watched!.playerId);
    await h.advance(300);
    h.outbox.clear();
    await h.advance(1_000);
    expect(h.outbox.forHosts(code, 'host:watch-state')).toHaveLength(0); // waiting for a push: nothing changes
    await watched!.act({ type: 'push', fn: 'a' });
    await other!.act({ type: 'push', fn: 'a' });
    await h.advance(300);
    const views = h.outbox.forHosts(code, 'host:watch-state');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ playerId: watched!.playerId, attempt: 0 });
    expect(views[0]?.state.stack).toHaveLength(2);
    expect(h.outbox.forPlayer(code, other!.playerId, 'host:watch-state')).toHaveLength(0);
    await host.ok(E.Watch, { playerId: null });
    await watched!.act({ type: 'pop' });
    h.outbox.clear();
    await h.advance(1_000);
    expect(h.outbox.forHosts(code, 'host:watch-state')).toHaveLength(0);
  });

  test('a watched game is shown at the clock, though games are stepped only when read', async () => {
    const { h, host, code, students } = await running(1);
    const s = students[0]!;
    await h.advance(1_000);
    await h.advance(200); // between two progress reports
    const room = h.service.room(code);
    const seat = room.seats.get(s.playerId)!;
    expect(seat.game!.current.state.tick).toBeLessThan(room.roundTick());
    const view = await host.ok(E.Watch, { playerId: s.playerId });
    expect(view?.state.tick).toBe(room.roundTick());
    expect(view?.hash).toBe(stateHash(seat.game!.current.state));
  });

  test('replays are anonymised and replay to the same score', async () => {
    const { h, host, students } = await running(1);
    const s = students[0]!;
    for (let i = 0; i < 100; i++) {
      const snap = await s.ok(E.Snapshot);
      if (snap.state.status !== 'running') break;
      const action = bestAction(h.state(snap));
      if (action) await s.act(action);
      await h.advance(300);
    }
    await h.advance(100);
    const view = await host.ok(E.Replay, { playerId: s.playerId, round: 0 });
    expect(JSON.stringify(view)).not.toContain(s.playerId);
    const nickname = h.service.room(s.session.role === 'player' ? s.session.code : '').seats.get(s.playerId)
      ?.record.nickname;
    expect(JSON.stringify(view)).not.toContain(nickname);
    const state = replayRun({ ...CALL_STACK, timeLimit: view.timeLimit }, view.seed, view.actions);
    expect(state.status).toBe('complete');
    expect(view.score).toBeGreaterThan(0);
    expect(score(state).serviced).toBe(500);
  });
});

describe('leaderboards', () => {
  test('students see the top three and their own row, when the host shows the board during rounds', async () => {
    const { h, host, code, students } = await running(5);
    await h.advance(300);
    expect(await h.playBest(students[4]!)).toBe(true);
    await h.advance(3_100);
    const board = h.outbox.forPlayer(code, students[0]!.playerId, 'leaderboard').at(-1);
    expect(board?.kind).toBe('round');
    expect(board?.top).toHaveLength(3);
    expect(board?.top.every((row) => row.playerId === undefined)).toBe(true);
    expect(board?.you?.playerId).toBe(students[0]!.playerId);
    expect(board?.total).toBe(5);
    const hostBoard = h.outbox.forHosts(code, 'leaderboard').at(-1);
    expect(hostBoard?.top[0]?.playerId).toBe(students[4]!.playerId);

    await host.ok(E.Settings, { leaderboard: 'between-rounds' });
    h.outbox.clear();
    await h.advance(4_000);
    expect(h.outbox.forPlayer(code, students[0]!.playerId, 'leaderboard').filter((b) => b.you)).toHaveLength(
      0,
    );
    expect(h.outbox.forHosts(code, 'leaderboard').length).toBeGreaterThanOrEqual(3);
  });
});

describe('the host board', () => {
  test('comes at least twice a second, with every progress update, so board and table agree', async () => {
    const { h, host, code, students } = await running(3);
    await h.advance(300);
    expect(await h.playBest(students[1]!)).toBe(true);
    h.outbox.clear();
    await h.advance(2_000);
    const boards = h.outbox.forHosts(code, 'leaderboard');
    const progress = h.outbox.forHosts(code, 'host:progress');
    expect(boards.length).toBeGreaterThanOrEqual(4);
    expect(boards.length).toBe(progress.length);
    // The board's leader has the score the leader's game has now.
    const watched = await host.ok(E.Watch, { playerId: students[1]!.playerId });
    expect(watched).not.toBeNull();
    expect(boards.at(-1)?.top[0]).toMatchObject({
      playerId: students[1]!.playerId,
      score: watched!.score.total,
    });
  });
});

describe('student boards', () => {
  test('go out a few per tick, not a roomful at once, and every student gets one', async () => {
    const { h, code, students } = await running(12);
    const withBoard = () =>
      students.filter((s) => h.outbox.forPlayer(code, s.playerId, 'leaderboard').some((b) => b.you)).length;
    await h.advance(100);
    const first = withBoard();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(5);
    await h.advance(300);
    expect(withBoard()).toBe(12);
  });
});

describe('solo runs', () => {
  test('a submitted run is re-simulated; a forged score is ignored; the histogram comes back', async () => {
    const h = new Harness();
    const { playLevel } = await import('../../shared/sim');
    const run = playLevel(CALL_STACK, 4, bestAction);
    const real = score(run.state).total;
    const player = h.client();
    const result = await player.ok(E.Submit, {
      levelId: CALL_STACK.id,
      seed: 4,
      actions: run.actions,
      claimedScore: 999_999,
    });
    expect(result.score).toBe(real);
    expect(result.status).toBe('complete');
    expect(result.histogram.total).toBe(1);
    const forged = await player.ok(E.Submit, {
      levelId: CALL_STACK.id,
      seed: 4,
      actions: [],
      claimedScore: 999_999,
    });
    expect(forged.score).toBeLessThan(real);
    expect(forged.histogram.total).toBe(2);
    expect(forged.below).toBe(0);
    const again = await player.ok(E.Submit, { levelId: CALL_STACK.id, seed: 4, actions: run.actions });
    expect(again.below).toBeCloseTo(1 / 3);
    const stored = await player.ok(E.Run, { runId: result.runId });
    expect(stored.actions).toEqual(run.actions);
    expect(stored.score).toBe(real);
    await player.fails(
      E.Submit,
      { levelId: CALL_STACK.id, seed: 4, actions: [...run.actions].reverse() },
      ErrorCode.BadPayload,
    );
    await player.fails(E.Submit, { levelId: 'no-such-level', seed: 4, actions: [] }, ErrorCode.UnknownLevel);
    expect((await player.ok(E.Histogram, { levelId: CALL_STACK.id })).total).toBe(3);
  });
});
