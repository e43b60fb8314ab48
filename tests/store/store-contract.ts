/**
 * The behaviour every RoomStore must have, run once per implementation (memory, Redis).
 * Each test gets a fresh, empty store from the factory and closes it afterwards.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { LoggedAction, RoomStore } from '../../server/store/types';
import { action, attempts, fillRoom, player, resultRow, room, soloRun } from './fixtures';
import { registerExpiryTests, TTL_SECONDS } from './store-contract-expiry';

export interface StoreUnderTest {
  store: RoomStore;
  /** Every key the store holds, with its remaining lifetime in seconds (fractions allowed). */
  keyTtls(): Promise<{ key: string; ttlSeconds: number }[]>;
  /** Moves the store's clock forward; only stores built on an injectable clock have it. */
  advanceClock?: (ms: number) => void;
  close(): Promise<void>;
}

export interface StoreContractOptions {
  /** The store reads time from a clock the test controls, so expiry itself can be tested. */
  controllableClock: boolean;
}

export type StoreFactory = (options: { ttlSeconds: number }) => Promise<StoreUnderTest>;

export function registerStoreContractTests(
  name: string,
  factory: StoreFactory,
  options: StoreContractOptions,
): void {
  describe(`RoomStore contract: ${name}`, () => {
    const opened: StoreUnderTest[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    async function open(): Promise<StoreUnderTest> {
      const subject = await factory({ ttlSeconds: TTL_SECONDS });
      opened.push(subject);
      return subject;
    }
    async function openStore(): Promise<RoomStore> {
      return (await open()).store;
    }

    describe('rooms', () => {
      test('a created room round-trips in full', async () => {
        const store = await openStore();
        expect(await store.createRoom(room('ABCDEF'))).toBe(true);
        expect(await store.getRoom('ABCDEF')).toEqual(room('ABCDEF'));
        expect(await store.getRoom('ZZZZZZ')).toBeNull();
      });

      test('a taken code is refused and the first room is kept', async () => {
        const store = await openStore();
        expect(await store.createRoom(room('ABCDEF'))).toBe(true);
        expect(await store.createRoom(room('ABCDEF', { hostTokenHash: 'intruder' }))).toBe(false);
        expect((await store.getRoom('ABCDEF'))?.hostTokenHash).toBe('host-hash-ABCDEF');
      });

      test('codes are unique even when many rooms race for one code', async () => {
        const store = await openStore();
        const outcomes = await Promise.all(
          Array.from({ length: 12 }, (_, i) => store.createRoom(room('RACE22', { createdAt: i }))),
        );
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const winner = outcomes.indexOf(true);
        expect((await store.getRoom('RACE22'))?.createdAt).toBe(winner);
      });

      test('saveRoom replaces the record', async () => {
        const store = await openStore();
        await store.createRoom(room('ABCDEF'));
        const running = room('ABCDEF', {
          phase: 'running',
          roundIndex: 0,
          roundStartedAt: 5,
          roundEndsAt: 125_005,
          locked: true,
          version: 2,
        });
        await store.saveRoom(running);
        expect(await store.getRoom('ABCDEF')).toEqual(running);
      });

      test('listRoomCodes lists every live room once', async () => {
        const store = await openStore();
        expect(await store.listRoomCodes()).toEqual([]);
        await store.createRoom(room('BBBBBB'));
        await store.createRoom(room('AAAAAA'));
        await store.saveRoom(room('AAAAAA', { version: 2 }));
        expect((await store.listRoomCodes()).sort()).toEqual(['AAAAAA', 'BBBBBB']);
      });

      test('records are copies: mutating what went in or came out changes nothing stored', async () => {
        const store = await openStore();
        const input = room('ABCDEF');
        await store.createRoom(input);
        input.playlist.push({ kind: 'level', levelId: 'x', seconds: 1, seed: 1 });
        input.settings.lateJoin = false;
        const output = await store.getRoom('ABCDEF');
        output!.playlist.length = 0;
        output!.settings.speedBonus = false;
        expect(await store.getRoom('ABCDEF')).toEqual(room('ABCDEF'));

        const p = player('p1');
        await store.savePlayer('ABCDEF', p);
        p.nickname = 'changed';
        (await store.getPlayers('ABCDEF'))[0]!.nickname = 'changed too';
        (await store.findPlayerByResumeHash('ABCDEF', 'resume-hash-p1'))!.blocked = true;
        expect(await store.getPlayers('ABCDEF')).toEqual([player('p1')]);

        const freeing = (): LoggedAction => ({
          seq: 2,
          attempt: 1,
          entry: { tick: 9, action: { type: 'free', objectIds: ['a', 'b'] } },
        });
        const batch = [action(1), freeing()];
        await store.appendActions('ABCDEF', 0, 'p1', batch);
        batch[0]!.entry.tick = 999;
        (batch[0]!.entry.action as { address: number }).address = 999;
        (batch[1]!.entry.action as { objectIds: string[] }).objectIds.push('c');
        (await store.getActions('ABCDEF', 0, 'p1'))[0]!.seq = 999;
        expect(await store.getActions('ABCDEF', 0, 'p1')).toEqual([action(1), freeing()]);

        const rows = [resultRow('p1', 0, 500)];
        await store.saveRoundResults('ABCDEF', 0, rows);
        rows[0]!.mistakesByConcept.heap = 9;
        (await store.getRoundResults('ABCDEF', 0))[0]!.score = 1;
        expect(await store.getRoundResults('ABCDEF', 0)).toEqual([resultRow('p1', 0, 500)]);

        const run = soloRun('s1');
        await store.saveSoloRun(run);
        run.actions.length = 0;
        (await store.getSoloRun('s1'))!.actions.length = 0;
        expect(await store.getSoloRun('s1')).toEqual(soloRun('s1'));

        const tries = attempts(2);
        await store.saveAttempts('ABCDEF', 0, 'p1', tries);
        tries[0]!.seed = -1;
        expect(await store.getAttempts('ABCDEF', 0, 'p1')).toEqual(attempts(2));
      });
    });

    describe('players', () => {
      test('players round-trip in join order and updates replace them', async () => {
        const store = await openStore();
        await store.createRoom(room('ABCDEF'));
        await store.savePlayer('ABCDEF', player('late', { joinedAt: 300 }));
        await store.savePlayer('ABCDEF', player('early', { joinedAt: 100, timeMultiplier: 'untimed' }));
        await store.savePlayer('ABCDEF', player('mid', { joinedAt: 200, timeMultiplier: 1.5 }));
        await store.savePlayer('ABCDEF', player('late', { joinedAt: 300, blocked: true, removed: true }));
        expect(await store.getPlayers('ABCDEF')).toEqual([
          player('early', { joinedAt: 100, timeMultiplier: 'untimed' }),
          player('mid', { joinedAt: 200, timeMultiplier: 1.5 }),
          player('late', { joinedAt: 300, blocked: true, removed: true }),
        ]);
        expect(await store.getPlayers('OTHER1')).toEqual([]);
      });

      test('a player is found by the hash of their resume token, only in their room', async () => {
        const store = await openStore();
        await store.savePlayer('ABCDEF', player('p1'));
        await store.savePlayer('ABCDEF', player('p2'));
        expect(await store.findPlayerByResumeHash('ABCDEF', 'resume-hash-p2')).toEqual(player('p2'));
        expect(await store.findPlayerByResumeHash('ABCDEF', 'resume-hash-nobody')).toBeNull();
        expect(await store.findPlayerByResumeHash('OTHER1', 'resume-hash-p2')).toBeNull();
      });

      test('a new resume hash retires the old one', async () => {
        const store = await openStore();
        await store.savePlayer('ABCDEF', player('p1'));
        await store.savePlayer('ABCDEF', player('p1', { resumeTokenHash: 'fresh' }));
        expect(await store.findPlayerByResumeHash('ABCDEF', 'resume-hash-p1')).toBeNull();
        expect(await store.findPlayerByResumeHash('ABCDEF', 'fresh')).toEqual(
          player('p1', { resumeTokenHash: 'fresh' }),
        );
      });
    });

    describe('action logs', () => {
      test('appended batches keep their order, per room, round and player', async () => {
        const store = await openStore();
        await store.appendActions('ABCDEF', 0, 'p1', [action(1), action(2)]);
        await store.appendActions('ABCDEF', 0, 'p2', [action(1, 1)]);
        await store.appendActions('ABCDEF', 0, 'p1', [action(3), action(4, 2), action(5, 2)]);
        await store.appendActions('ABCDEF', 1, 'p1', [action(9)]);
        await store.appendActions('ABCDEF', 0, 'p1', []);
        expect(await store.getActions('ABCDEF', 0, 'p1')).toEqual([
          action(1),
          action(2),
          action(3),
          action(4, 2),
          action(5, 2),
        ]);
        expect(await store.getActions('ABCDEF', 0, 'p2')).toEqual([action(1, 1)]);
        expect(await store.getActions('ABCDEF', 1, 'p1')).toEqual([action(9)]);
        expect(await store.getActions('ABCDEF', 2, 'p1')).toEqual([]);
        expect(await store.getActions('OTHER1', 0, 'p1')).toEqual([]);
      });

      test('concurrent batches each land whole, never interleaved', async () => {
        const store = await openStore();
        const batches = Array.from({ length: 20 }, (_, b) =>
          Array.from({ length: 6 }, (_, i) => action(b * 100 + i)),
        );
        await Promise.all(batches.map((batch) => store.appendActions('ABCDEF', 0, 'p1', batch)));
        const log = await store.getActions('ABCDEF', 0, 'p1');
        expect(log).toHaveLength(120);
        for (let start = 0; start < log.length; start += 6) {
          const batch = Math.floor(log[start]!.seq / 100);
          expect(log.slice(start, start + 6)).toEqual(batches[batch]);
        }
        expect(new Set(log.map((entry) => entry.seq)).size).toBe(120);
      });

      test('a store that writes at once has stored a batch when appendActions returns', async () => {
        const store = await openStore();
        const writing = store.appendActions('ABCDEF', 0, 'p1', [action(1), action(2)]);
        // Read before the write's promise settles: a store that says it writes at once
        // must already hold the batch; any other store must hold it once the promise does.
        const seen = store.getActions('ABCDEF', 0, 'p1');
        await writing;
        if (store.writesAtOnce) expect(await seen).toEqual([action(1), action(2)]);
        else expect(await store.getActions('ABCDEF', 0, 'p1')).toEqual([action(1), action(2)]);
      });

      test('attempts round-trip and are replaced', async () => {
        const store = await openStore();
        expect(await store.getAttempts('ABCDEF', 0, 'p1')).toEqual([]);
        await store.saveAttempts('ABCDEF', 0, 'p1', attempts(1));
        await store.saveAttempts('ABCDEF', 0, 'p1', attempts(3));
        await store.saveAttempts('ABCDEF', 1, 'p1', attempts(2));
        expect(await store.getAttempts('ABCDEF', 0, 'p1')).toEqual(attempts(3));
        expect(await store.getAttempts('ABCDEF', 1, 'p1')).toEqual(attempts(2));
        expect(await store.getAttempts('ABCDEF', 0, 'p2')).toEqual([]);
      });
    });

    describe('results and leaderboard', () => {
      test('round results round-trip per round, in the order given', async () => {
        const store = await openStore();
        const first = [resultRow('p2', 0, 900), resultRow('p1', 0, 400)];
        const second = [resultRow('p1', 1, 700)];
        await store.saveRoundResults('ABCDEF', 0, first);
        await store.saveRoundResults('ABCDEF', 1, second);
        expect(await store.getRoundResults('ABCDEF', 0)).toEqual(first);
        expect(await store.getRoundResults('ABCDEF', 1)).toEqual(second);
        expect(await store.getRoundResults('ABCDEF', 2)).toEqual([]);
      });

      test('points accumulate and the board is ordered by score, highest first', async () => {
        const store = await openStore();
        await store.addToLeaderboard('ABCDEF', 'p1', 300);
        await store.addToLeaderboard('ABCDEF', 'p2', 500);
        await store.addToLeaderboard('ABCDEF', 'p3', 100);
        await store.addToLeaderboard('ABCDEF', 'p1', 450);
        await store.addToLeaderboard('OTHER1', 'p3', 10_000);
        expect(await store.getLeaderboard('ABCDEF', 10)).toEqual([
          { playerId: 'p1', score: 750 },
          { playerId: 'p2', score: 500 },
          { playerId: 'p3', score: 100 },
        ]);
        expect(await store.getLeaderboard('ABCDEF', 2)).toEqual([
          { playerId: 'p1', score: 750 },
          { playerId: 'p2', score: 500 },
        ]);
        expect(await store.getLeaderboard('ABCDEF', 0)).toEqual([]);
        expect(await store.getLeaderboard('NOBODY', 5)).toEqual([]);
      });

      test('equal scores are ordered by player id, descending, the same way every time', async () => {
        const store = await openStore();
        for (const id of ['bob', 'amy', 'cat', 'dan']) await store.addToLeaderboard('ABCDEF', id, 200);
        await store.addToLeaderboard('ABCDEF', 'eve', 0);
        await store.addToLeaderboard('ABCDEF', 'amy', 0);
        expect(await store.getLeaderboard('ABCDEF', 10)).toEqual([
          { playerId: 'dan', score: 200 },
          { playerId: 'cat', score: 200 },
          { playerId: 'bob', score: 200 },
          { playerId: 'amy', score: 200 },
          { playerId: 'eve', score: 0 },
        ]);
      });

      test('concurrent increments are all counted', async () => {
        const store = await openStore();
        await Promise.all(Array.from({ length: 25 }, () => store.addToLeaderboard('ABCDEF', 'p1', 4)));
        expect(await store.getLeaderboard('ABCDEF', 1)).toEqual([{ playerId: 'p1', score: 100 }]);
      });
    });

    describe('solo runs and histograms', () => {
      test('a solo run round-trips', async () => {
        const store = await openStore();
        await store.saveSoloRun(soloRun('run-1'));
        expect(await store.getSoloRun('run-1')).toEqual(soloRun('run-1'));
        expect(await store.getSoloRun('run-2')).toBeNull();
      });

      test('scores fall into buckets of the bucket size, per level', async () => {
        const store = await openStore();
        expect(await store.getHistogram('level-a')).toEqual({
          levelId: 'level-a',
          bucketSize: 100,
          buckets: [],
          total: 0,
        });
        await store.recordSoloScore('level-a', 250);
        await store.recordSoloScore('level-a', 0);
        await store.recordSoloScore('level-a', 99);
        await store.recordSoloScore('level-b', 1000);
        const last = await store.recordSoloScore('level-a', 299);
        const expected = { levelId: 'level-a', bucketSize: 100, buckets: [2, 0, 2], total: 4 };
        expect(last).toEqual(expected);
        expect(await store.getHistogram('level-a')).toEqual(expected);
        expect(await store.getHistogram('level-b')).toEqual({
          levelId: 'level-b',
          bucketSize: 100,
          buckets: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
          total: 1,
        });
      });

      test('negative and enormous scores stay inside the histogram', async () => {
        const store = await openStore();
        await store.recordSoloScore('level-a', -50);
        const histogram = await store.recordSoloScore('level-a', 1e12);
        expect(histogram.total).toBe(2);
        expect(histogram.buckets[0]).toBe(1);
        expect(histogram.buckets.length).toBeLessThanOrEqual(1000);
        expect(histogram.buckets.at(-1)).toBe(1);
      });

      test('concurrent scores are all counted', async () => {
        const store = await openStore();
        await Promise.all(Array.from({ length: 30 }, (_, i) => store.recordSoloScore('level-a', i * 10)));
        expect(await store.getHistogram('level-a')).toMatchObject({ buckets: [10, 10, 10], total: 30 });
      });
    });

    describe('deleting a room', () => {
      test('deleteRoom removes every key of the room and nothing of any other', async () => {
        const subject = await open();
        const { store } = subject;
        for (const code of ['GONE11', 'KEPT22']) await fillRoom(store, code);
        await store.saveSoloRun(soloRun('run-1'));
        await store.recordSoloScore('level-a', 100);
        const before = (await subject.keyTtls()).map((k) => k.key);

        await store.deleteRoom('GONE11');

        const after = (await subject.keyTtls()).map((k) => k.key);
        expect(after.filter((key) => key.includes('GONE11'))).toEqual([]);
        expect(after.sort()).toEqual(before.filter((key) => !key.includes('GONE11')).sort());
        expect(await store.getRoom('GONE11')).toBeNull();
        expect(await store.getPlayers('GONE11')).toEqual([]);
        expect(await store.findPlayerByResumeHash('GONE11', 'resume-hash-p1')).toBeNull();
        expect(await store.getActions('GONE11', 0, 'p1')).toEqual([]);
        expect(await store.getAttempts('GONE11', 0, 'p1')).toEqual([]);
        expect(await store.getRoundResults('GONE11', 0)).toEqual([]);
        expect(await store.getLeaderboard('GONE11', 10)).toEqual([]);
        expect(await store.listRoomCodes()).toEqual(['KEPT22']);
        expect(await store.getPlayers('KEPT22')).toHaveLength(2);
        expect(await store.getActions('KEPT22', 1, 'p2')).toHaveLength(2);

        // The code is free again, and the new room starts empty.
        expect(await store.createRoom(room('GONE11'))).toBe(true);
        expect(await store.getPlayers('GONE11')).toEqual([]);
      });
    });

    registerExpiryTests(open, options);

    test('ping answers true while the store is up', async () => {
      const store = await openStore();
      expect(await store.ping()).toBe(true);
      expect(['memory', 'redis']).toContain(store.kind);
    });
  });
}
