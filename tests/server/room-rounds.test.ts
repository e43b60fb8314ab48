import { describe, expect, test } from 'vitest';
import { ClientEvent as E, ErrorCode, PROTOCOL_VERSION } from '../../shared/protocol';
import { Harness } from './helpers/harness';
import { CALL_STACK } from './helpers/test-levels';

async function room(students = 2) {
  const h = new Harness();
  const { host, created } = await h.host();
  const joins = [];
  for (let i = 0; i < students; i++) joins.push(await h.join(created.code));
  return { h, host, code: created.code, students: joins.map((j) => j.student) };
}

async function playToEnd(h: Harness, student: ReturnType<Harness['client']>) {
  for (let i = 0; i < 200; i++) {
    const snapshot = await student.ok(E.Snapshot);
    if (snapshot.state.status !== 'running') return snapshot;
    await h.playBest(student);
    await h.advance(100);
  }
  throw new Error('the level did not end');
}

describe('round lifecycle', () => {
  test('start gives every student a game and a snapshot; the round ends when all are done', async () => {
    const { h, host, code, students } = await room(3);
    const state = await host.ok(E.StartRound);
    expect(state).toMatchObject({ phase: 'running', round: { index: 0 }, tickHz: 10 });
    for (const s of students) expect(h.outbox.forPlayer(code, s.playerId, 'game:snapshot')).toHaveLength(1);

    // Two play perfectly, one never moves: the round is not over until time runs out.
    const [a, b] = students;
    await playToEnd(h, a!);
    await playToEnd(h, b!);
    expect(h.service.room(code).record.phase).toBe('running');
    await h.advance(60_000);
    expect(h.service.room(code).record.phase).toBe('round-over');

    const results = h.outbox.forHosts(code, 'round:results').at(-1);
    expect(results?.rows).toHaveLength(3);
    expect(results?.podium.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(results?.rows[2]?.score).toBe(0);
    expect(results?.final).toBe(true);
    // Students get their own row; ids of others are not sent to them.
    const mine = h.outbox.forPlayer(code, a!.playerId, 'round:results').at(-1);
    expect(mine?.you?.result?.playerId).toBe(a!.playerId);
    expect(mine?.rows.every((r) => r.playerId === undefined)).toBe(true);
    // Results and the cumulative leaderboard are in the store.
    expect(await h.store.getRoundResults(code, 0)).toHaveLength(3);
    const board = await h.store.getLeaderboard(code, 10);
    expect(board[0]?.score).toBe(results?.rows[0]?.score);
  });

  test('the round ends early once every student has finished', async () => {
    const { h, host, code, students } = await room(2);
    await host.ok(E.StartRound);
    for (const s of students) await playToEnd(h, s);
    await h.advance(200);
    expect(h.service.room(code).record.phase).toBe('round-over');
  });

  test('the timer ends the round; a student’s game stops at their time', async () => {
    const { h, host, code, students } = await room(1);
    await host.ok(E.StartRound);
    await h.advance(59_900);
    expect(h.service.room(code).record.phase).toBe('running');
    await h.advance(200);
    expect(h.service.room(code).record.phase).toBe('round-over');
    const ack = await students[0]!.act({ type: 'push', fn: 'a' });
    expect(ack).toMatchObject({ accepted: false, code: 'not-running' });
  });

  test('pause freezes the clock and refuses actions; resume and extend move the end', async () => {
    const { h, host, code, students } = await room(1);
    const started = await host.ok(E.StartRound);
    if (started.phase !== 'running') throw new Error('not running');
    await h.advance(1_000);
    const paused = await host.ok(E.PauseRound);
    expect(paused.phase).toBe('paused');
    const tickAtPause = h.service.room(code).roundTick();
    await h.advance(30_000);
    expect(h.service.room(code).roundTick()).toBe(tickAtPause);
    expect((await students[0]!.act({ type: 'push', fn: 'a' })).accepted).toBe(false);
    const resumed = await host.ok(E.ResumeRound);
    if (resumed.phase !== 'running') throw new Error('not running');
    expect(resumed.endsAt - started.endsAt).toBe(30_000);
    const extended = await host.ok(E.ExtendRound, { seconds: 15 });
    if (extended.phase !== 'running') throw new Error('not running');
    expect(extended.endsAt - resumed.endsAt).toBe(15_000);
    await host.fails(E.ResumeRound, {}, ErrorCode.WrongPhase);
    // 1 s played + 59 s left + 15 s more.
    await h.advance(73_000);
    expect(h.service.room(code).record.phase).toBe('running');
    await h.advance(2_000);
    expect(h.service.room(code).record.phase).toBe('round-over');
  });

  test('a late joiner plays with the time that is left; with late join off they wait', async () => {
    const { h, host, code } = await room(1);
    await host.ok(E.StartRound);
    await h.advance(20_000);
    const { joined } = await h.join(code);
    expect(joined.snapshot?.startedAtTick).toBe(200);
    expect(joined.snapshot?.state.tick).toBe(0);
    expect(joined.snapshot?.deadline).toBe(h.service.room(code).record.roundEndsAt);
    await host.ok(E.Settings, { lateJoin: false });
    const { joined: waiting, student } = await h.join(code);
    expect(waiting.snapshot).toBeNull();
    await student.fails(E.Snapshot, {}, ErrorCode.NoGame);
    // Turning late join back on lets the waiting student in, with the time left.
    await h.advance(5_000);
    await host.ok(E.Settings, { lateJoin: true });
    const pushed = h.outbox.forPlayer(code, student.playerId, 'game:snapshot');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?.startedAtTick).toBe(250);
    expect((await student.act({ type: 'push', fn: 'a' })).accepted).toBe(true);
  });

  test('end and next: results, cumulative standings over rounds, then the session ends', async () => {
    const h = new Harness();
    const { host, created } = await h.host({
      playlist: [
        { kind: 'level', levelId: CALL_STACK.id, seconds: 60, seed: 1 },
        { kind: 'level', levelId: CALL_STACK.id, seconds: 60, seed: 2 },
      ],
    });
    const { student } = await h.join(created.code);
    await h.join(created.code);
    await host.ok(E.StartRound);
    await playToEnd(h, student);
    const next = await host.ok(E.NextRound);
    expect(next).toMatchObject({ phase: 'running', round: { index: 1 } });
    await playToEnd(h, student);
    const results = await host.ok(E.EndRound);
    expect(results.final).toBe(true);
    const first = (await h.store.getRoundResults(created.code, 0))[0]?.score ?? 0;
    expect(results.standings[0]).toMatchObject({ playerId: student.playerId });
    expect(results.standings[0]?.total).toBe(first + (results.rows[0]?.score ?? 0));
    await host.fails(E.NextRound, {}, ErrorCode.NoMoreRounds);
    const final = await host.ok(E.Finish);
    expect(final?.final).toBe(true);
    expect(h.service.room(created.code).record.phase).toBe('ended');
    await h.client().fails(E.Join, { protocol: PROTOCOL_VERSION, code: created.code }, ErrorCode.WrongPhase);
  });

  test('time multipliers give more time; untimed keeps the round open until the host ends it', async () => {
    const { h, host, code, students } = await room(2);
    const [slow, untimed] = students;
    await host.ok(E.TimeMultiplier, { playerId: slow!.playerId, multiplier: 2 });
    await host.ok(E.TimeMultiplier, { playerId: untimed!.playerId, multiplier: 'untimed' });
    await host.ok(E.StartRound);
    const snap = await slow!.ok(E.Snapshot);
    expect(snap.deadline).toBe(h.now + 120_000);
    expect((await untimed!.ok(E.Snapshot)).deadline).toBeNull();
    await h.advance(119_000);
    expect((await slow!.act({ type: 'push', fn: 'a' })).accepted).toBe(true);
    await h.advance(2_000);
    expect(await slow!.act({ type: 'place', objectId: 'data', address: 0 })).toMatchObject({
      code: 'game-over',
    });
    await h.advance(60_000);
    expect(h.service.room(code).record.phase).toBe('running');
    await host.ok(E.EndRound);
    expect(h.service.room(code).record.phase).toBe('round-over');
  });

  test('restart after a crash; the best attempt counts', async () => {
    const { h, host, code, students } = await room(1);
    const s = students[0]!;
    await host.ok(E.StartRound);
    await s.fails(E.Restart, {}, ErrorCode.NotCrashed);
    // Play well up to the list, then free it while it is still in use: a dangling pointer.
    for (let i = 0; i < 30; i++) {
      const snap = await s.ok(E.Snapshot);
      if (snap.state.objects.data?.address !== null && snap.state.objects.data?.address !== undefined) break;
      await h.playBest(s);
      await h.advance(100);
    }
    const crash = await s.act({ type: 'free', objectIds: ['data'] });
    expect(crash.accepted).toBe(true);
    const crashed = await s.ok(E.Snapshot);
    expect(crashed.state.status).toBe('crashed');
    expect(await s.act({ type: 'pop' })).toMatchObject({ code: 'game-over' });
    const fresh = await s.ok(E.Restart);
    expect(fresh.attempt).toBe(1);
    expect(fresh.state.status).toBe('running');
    expect(fresh.startedAtTick).toBe(h.service.room(code).roundTick());
    await playToEnd(h, s);
    await h.advance(100); // the only student is done: the round ends by itself
    const results = h.outbox.forHosts(code, 'round:results').at(-1);
    expect(results?.rows[0]).toMatchObject({ crashes: 1, completed: true });
    expect(results?.rows[0]?.score).toBeGreaterThan(1000);
    const report = h.outbox.forHosts(code, 'host:class-report').at(-1);
    expect(report?.crashesByKind).toEqual([{ kind: 'dangling-pointer', students: 1, total: 1 }]);
    expect((await h.store.getAttempts(code, 0, s.playerId)).map((a) => a.attempt)).toEqual([0, 1]);
  });

  test('with the speed bonus off, scores leave out the speed component', async () => {
    const scores: number[] = [];
    for (const speedBonus of [true, false]) {
      const { h, host, code, students } = await room(1);
      await host.ok(E.Settings, { speedBonus });
      await host.ok(E.StartRound);
      await playToEnd(h, students[0]!);
      await h.advance(100);
      scores.push(h.outbox.forHosts(code, 'round:results').at(-1)?.rows[0]?.score ?? -1);
    }
    // Five requests serviced at once: 50 speed points each.
    expect(scores[0]! - scores[1]!).toBe(250);
  });

  test('mistakes are reported by concept for the class', async () => {
    const { h, host, code, students } = await room(2);
    await host.ok(E.StartRound);
    await h.advance(300);
    for (const s of students) {
      const ack = await s.act({ type: 'push', fn: 'b' }); // a() is being called, not b()
      expect(ack.accepted).toBe(true);
    }
    await host.ok(E.EndRound);
    const report = h.outbox.forHosts(code, 'host:class-report').at(-1);
    expect(report?.mistakesByConcept).toEqual([{ concept: 'call-stack', students: 2, total: 2 }]);
    expect((await h.store.getRoundResults(code, 0))[0]?.mistakesByConcept).toEqual({ 'call-stack': 1 });
  });
});
