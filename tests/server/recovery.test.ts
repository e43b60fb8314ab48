import { describe, expect, test } from 'vitest';
import { MemoryRoomStore } from '../../server/store/memory-store';
import { ClientEvent as E, PROTOCOL_VERSION } from '../../shared/protocol';
import { hash as stateHash } from '../../shared/sim';
import { Harness } from './helpers/harness';

describe('restart recovery', () => {
  test('a new service on the same store rebuilds every room, seat and running game', async () => {
    const store = new MemoryRoomStore({ ttlSeconds: 3600 });
    const before = new Harness({ store });
    const { host, created } = await before.host();
    const joins = [
      await before.join(created.code),
      await before.join(created.code),
      await before.join(created.code),
    ];
    await host.ok(E.StartRound);
    const [a, b, c] = joins.map((j) => j.student);
    for (let i = 0; i < 12; i++) {
      await before.playBest(a!);
      await before.advance(500);
      if (i % 3 === 0) await b!.act({ type: 'push', fn: 'b' }); // a mistake now and then
    }
    // c crashes and restarts.
    await before.advance(100);
    await c!.act({ type: 'push', fn: 'a' });
    await before.advance(1_000);
    await c!.act({ type: 'place', objectId: 'data', address: 0 });
    await c!.act({ type: 'free', objectIds: ['data'] });
    await c!.ok(E.Restart);
    await before.advance(700);
    await before.settle();
    const room = before.service.room(created.code);
    // Games are stepped when something reads them: bring them to the clock, as a report would.
    for (const seat of room.seats.values()) room.bringToClock(seat);
    const live = new Map(
      [...room.seats].map(([id, seat]) => [
        id,
        {
          hash: stateHash(seat.game!.current.state),
          seq: seat.game!.lastSeq,
          attempts: seat.game!.attempts.length,
        },
      ]),
    );

    // The process dies; another starts at the same instant with the same store.
    before.service.stop();
    const after = new Harness({ store });
    after.now = before.now;
    expect(await after.service.recover()).toBe(1);
    const rebuilt = after.service.room(created.code);
    expect(rebuilt.record.phase).toBe('running');
    for (const [id, seat] of rebuilt.seats) {
      expect({
        hash: stateHash(seat.game!.current.state),
        seq: seat.game!.lastSeq,
        attempts: seat.game!.attempts.length,
      }).toEqual(live.get(id));
    }

    // Students come back with their resume tokens and go on; the host re-attaches.
    const back = after.client();
    const resumed = await back.ok(E.Resume, {
      protocol: PROTOCOL_VERSION,
      code: created.code,
      resumeToken: joins[0]!.joined.resumeToken,
      lastSeq: a!.seq,
    });
    expect(resumed.lastSeq).toBe(a!.seq);
    expect(resumed.snapshot?.hash).toBe(live.get(a!.playerId)?.hash);
    back.seq = resumed.lastSeq;
    await after.playBest(back);
    const projector = after.client();
    await projector.ok(E.Attach, {
      protocol: PROTOCOL_VERSION,
      code: created.code,
      hostToken: created.hostToken,
    });
    const results = await projector.ok(E.EndRound);
    expect(results.rows).toHaveLength(3);
  });

  test('a round whose time ran out while the server was down ends at once', async () => {
    const store = new MemoryRoomStore({ ttlSeconds: 3600 });
    const before = new Harness({ store });
    const { host, created } = await before.host();
    await before.join(created.code);
    await host.ok(E.StartRound);
    before.service.stop();
    const after = new Harness({ store });
    after.now = before.now + 120_000;
    await after.service.recover();
    await after.advance(100);
    expect(after.service.room(created.code).record.phase).toBe('round-over');
    expect(await store.getRoundResults(created.code, 0)).toHaveLength(1);
  });
});
