/** Small, complete records for the store tests; every field set so round-trips are checked in full. */
import type {
  AttemptRecord,
  LoggedAction,
  PlayerRecord,
  RoomRecord,
  RoomStore,
  RoundResultRow,
  SoloRunRecord,
} from '../../server/store/types';

export function room(code: string, overrides: Partial<RoomRecord> = {}): RoomRecord {
  return {
    code,
    hostTokenHash: `host-hash-${code}`,
    createdAt: 1_700_000_000_000,
    locked: false,
    settings: { speedBonus: true, leaderboard: 'always', lateJoin: true, freeTextNicknames: false },
    playlist: [
      { kind: 'level', levelId: 'call-stack-abc', seconds: 120, seed: 7 },
      { kind: 'rush', rushSeed: 99, seconds: 90, seed: 8 },
    ],
    roundIndex: -1,
    phase: 'lobby',
    roundStartedAt: null,
    roundEndsAt: null,
    pausedAt: null,
    version: 1,
    ...overrides,
  };
}

export function player(id: string, overrides: Partial<PlayerRecord> = {}): PlayerRecord {
  return {
    id,
    nickname: `Nick ${id}`,
    resumeTokenHash: `resume-hash-${id}`,
    joinedAt: 1_700_000_000_100,
    blocked: false,
    removed: false,
    timeMultiplier: 1,
    ...overrides,
  };
}

export function action(seq: number, attempt = 1): LoggedAction {
  return {
    seq,
    attempt,
    entry: { tick: seq * 3, action: { type: 'place', objectId: `obj${seq}`, address: seq * 8 } },
  };
}

export function attempts(count: number): AttemptRecord[] {
  return Array.from({ length: count }, (_, i) => ({ attempt: i + 1, startedAtTick: i * 50, seed: 100 + i }));
}

export function resultRow(playerId: string, round: number, score: number): RoundResultRow {
  return {
    playerId,
    nickname: `Nick ${playerId}`,
    round,
    levelId: 'call-stack-abc',
    score,
    stars: 2,
    mistakesByConcept: { 'call-stack': 1, heap: 0 },
    crashes: 1,
    completed: true,
  };
}

export function soloRun(id: string, overrides: Partial<SoloRunRecord> = {}): SoloRunRecord {
  return {
    id,
    levelId: 'call-stack-abc',
    seed: 42,
    actions: [
      { tick: 0, action: { type: 'push', fn: 'a' } },
      { tick: 4, action: { type: 'free', objectIds: ['x', 'y'] } },
      { tick: 9, action: { type: 'raise', error: 'RecursionError' } },
    ],
    score: 830,
    stars: 3,
    nickname: 'Brave Otter',
    createdAt: 1_700_000_000_200,
    ...overrides,
  };
}

/** A room with two players and two rounds of everything. */
export async function fillRoom(store: RoomStore, code: string): Promise<void> {
  await store.createRoom(room(code));
  await store.savePlayer(code, player('p1', { joinedAt: 1 }));
  await store.savePlayer(code, player('p2', { joinedAt: 2 }));
  for (const round of [0, 1]) {
    for (const id of ['p1', 'p2']) {
      await store.appendActions(code, round, id, [action(1), action(2)]);
      await store.saveAttempts(code, round, id, attempts(1));
    }
    await store.saveRoundResults(code, round, [resultRow('p1', round, 500), resultRow('p2', round, 400)]);
  }
  await store.addToLeaderboard(code, 'p1', 1000);
  await store.addToLeaderboard(code, 'p2', 800);
}
