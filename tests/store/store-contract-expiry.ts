/**
 * The expiry half of the store contract: every key expires, and (for a store on a clock the
 * test controls) exactly when it should, with writes refreshing what they write.
 */
import { describe, expect, test } from 'vitest';
import { action, fillRoom, player, room, soloRun } from './fixtures';
import type { StoreContractOptions, StoreUnderTest } from './store-contract';

export const TTL_SECONDS = 600;
const TTL_MS = TTL_SECONDS * 1000;

export function registerExpiryTests(
  open: () => Promise<StoreUnderTest>,
  options: StoreContractOptions,
): void {
  describe('expiry', () => {
    test('every key the store writes has an expiry no longer than the configured one', async () => {
      const subject = await open();
      await fillRoom(subject.store, 'ABCDEF');
      await subject.store.saveSoloRun(soloRun('run-1'));
      await subject.store.recordSoloScore('level-a', 100);
      const keys = await subject.keyTtls();
      // room, index, registry, players, resume, leaderboard, 2 players x 2 rounds x (actions, attempts), 2 results, solo, histogram
      expect(keys.length).toBeGreaterThanOrEqual(16);
      for (const { key, ttlSeconds } of keys) {
        expect({ key, expires: ttlSeconds > 0 && ttlSeconds <= TTL_SECONDS }).toEqual({
          key,
          expires: true,
        });
      }
    });

    if (!options.controllableClock) return;

    async function openWithClock() {
      const subject = await open();
      const advance = subject.advanceClock;
      if (!advance) throw new Error('this store was declared to have a controllable clock');
      return { store: subject.store, advance, subject };
    }

    test('a room and everything in it vanish once the expiry passes without a write', async () => {
      const { store, advance, subject } = await openWithClock();
      await fillRoom(store, 'ABCDEF');
      advance(TTL_MS - 1);
      expect(await store.getRoom('ABCDEF')).not.toBeNull();
      expect(await store.getPlayers('ABCDEF')).toHaveLength(2);
      advance(1);
      expect(await store.getRoom('ABCDEF')).toBeNull();
      expect(await store.getPlayers('ABCDEF')).toEqual([]);
      expect(await store.findPlayerByResumeHash('ABCDEF', 'resume-hash-p1')).toBeNull();
      expect(await store.getActions('ABCDEF', 0, 'p1')).toEqual([]);
      expect(await store.getAttempts('ABCDEF', 0, 'p1')).toEqual([]);
      expect(await store.getRoundResults('ABCDEF', 0)).toEqual([]);
      expect(await store.getLeaderboard('ABCDEF', 5)).toEqual([]);
      expect(await store.listRoomCodes()).toEqual([]);
      expect(await subject.keyTtls()).toEqual([]);
    });

    test('saving the room keeps all of its data alive as long as the room', async () => {
      const { store, advance } = await openWithClock();
      await fillRoom(store, 'ABCDEF');
      advance(TTL_MS / 2);
      await store.saveRoom(room('ABCDEF', { version: 2 }));
      advance(TTL_MS - 1);
      expect((await store.getRoom('ABCDEF'))?.version).toBe(2);
      expect(await store.getPlayers('ABCDEF')).toHaveLength(2);
      expect(await store.findPlayerByResumeHash('ABCDEF', 'resume-hash-p2')).not.toBeNull();
      expect(await store.getActions('ABCDEF', 1, 'p2')).toHaveLength(2);
      expect(await store.getAttempts('ABCDEF', 0, 'p1')).toHaveLength(1);
      expect(await store.getRoundResults('ABCDEF', 1)).toHaveLength(2);
      expect(await store.getLeaderboard('ABCDEF', 5)).toHaveLength(2);
      advance(1);
      expect(await store.getRoom('ABCDEF')).toBeNull();
      expect(await store.getActions('ABCDEF', 1, 'p2')).toEqual([]);
    });

    test('each write refreshes the key it writes', async () => {
      const { store, advance } = await openWithClock();
      await store.appendActions('ABCDEF', 0, 'p1', [action(1)]);
      await store.addToLeaderboard('ABCDEF', 'p1', 5);
      advance(TTL_MS - 10);
      await store.appendActions('ABCDEF', 0, 'p1', [action(2)]);
      await store.addToLeaderboard('ABCDEF', 'p1', 5);
      advance(TTL_MS - 10);
      expect(await store.getActions('ABCDEF', 0, 'p1')).toEqual([action(1), action(2)]);
      expect(await store.getLeaderboard('ABCDEF', 1)).toEqual([{ playerId: 'p1', score: 10 }]);
    });

    test('a code freed by expiry can be taken again, without the old room’s leftovers', async () => {
      const { store, advance } = await openWithClock();
      await store.createRoom(room('ABCDEF'));
      advance(TTL_MS / 2);
      await store.appendActions('ABCDEF', 0, 'p1', [action(1)]);
      await store.savePlayer('ABCDEF', player('p1'));
      advance(TTL_MS / 2);
      expect(await store.getRoom('ABCDEF')).toBeNull();
      expect(await store.createRoom(room('ABCDEF', { version: 5 }))).toBe(true);
      expect((await store.getRoom('ABCDEF'))?.version).toBe(5);
      expect(await store.getActions('ABCDEF', 0, 'p1')).toEqual([]);
      expect(await store.getPlayers('ABCDEF')).toEqual([]);
    });

    test('solo runs and histograms expire too, and a new score refreshes its histogram', async () => {
      const { store, advance } = await openWithClock();
      await store.saveSoloRun(soloRun('run-1'));
      await store.recordSoloScore('level-a', 10);
      advance(TTL_MS - 1);
      await store.recordSoloScore('level-a', 20);
      advance(1);
      expect(await store.getSoloRun('run-1')).toBeNull();
      expect((await store.getHistogram('level-a')).total).toBe(2);
      advance(TTL_MS);
      expect((await store.getHistogram('level-a')).total).toBe(0);
    });
  });
}
