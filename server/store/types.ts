/**
 * The one storage port of the server. Two implementations pass the same contract
 * tests: in memory (the default for one teacher on one laptop) and Redis (REDIS_URL).
 * Everything stored expires after `ttlSeconds` (24 h by default) unless touched again:
 * every write refreshes what it writes, and writing the room record (`createRoom`,
 * `saveRoom`) refreshes every key of the room, so a room's players, logs and results live
 * as long as the room does. `round` arguments are the 0-based playlist index (`roundIndex`).
 * Records are copied on the way in and out: mutating one never changes what is stored.
 *
 * Only nicknames, scores and runs are stored: no names, no e-mail, no addresses.
 */
import type { TimedAction } from '../../shared/sim/types';

export type LeaderboardVisibility = 'always' | 'between-rounds' | 'end';
export type TimeMultiplier = 1 | 1.5 | 2 | 'untimed';

export interface RoomSettings {
  speedBonus: boolean;
  leaderboard: LeaderboardVisibility;
  lateJoin: boolean;
  freeTextNicknames: boolean;
}

export type RoundSpec =
  | { kind: 'level'; levelId: string; seconds: number; seed: number }
  | { kind: 'rush'; rushSeed: number; seconds: number; seed: number };

export type RoomPhase = 'lobby' | 'running' | 'paused' | 'round-over' | 'ended';

export interface RoomRecord {
  code: string;
  /** sha256 of the host token; the token itself is never stored. */
  hostTokenHash: string;
  createdAt: number;
  locked: boolean;
  settings: RoomSettings;
  playlist: RoundSpec[];
  /** Index into the playlist of the current (or last) round, -1 before the first. */
  roundIndex: number;
  phase: RoomPhase;
  /** Server time (ms) at which the running round started, and its total pause so far. */
  roundStartedAt: number | null;
  roundEndsAt: number | null;
  pausedAt: number | null;
  /** Bumped on every change, so a restarted server knows what it is looking at. */
  version: number;
}

export interface PlayerRecord {
  id: string;
  nickname: string;
  /** sha256 of the resume token. */
  resumeTokenHash: string;
  joinedAt: number;
  blocked: boolean;
  removed: boolean;
  timeMultiplier: TimeMultiplier;
}

/** One attempt of a player in a round; the best attempt counts. */
export interface AttemptRecord {
  attempt: number;
  /** Server tick of the round at which the attempt started. */
  startedAtTick: number;
  seed: number;
}

export interface RoundResultRow {
  playerId: string;
  nickname: string;
  round: number;
  levelId: string;
  score: number;
  stars: number;
  mistakesByConcept: Record<string, number>;
  crashes: number;
  completed: boolean;
}

export interface SoloRunRecord {
  id: string;
  levelId: string;
  seed: number;
  actions: TimedAction[];
  score: number;
  stars: number;
  nickname: string;
  createdAt: number;
}

export interface RoomStore {
  readonly kind: 'memory' | 'redis';
  /**
   * `appendActions` has stored the entries by the time it returns (a store in this
   * process): an action can be acknowledged at once, without waiting for the promise.
   */
  readonly writesAtOnce: boolean;

  /**
   * Rooms. `createRoom` fails (returns false) when the code is taken; when it succeeds,
   * anything left over from an expired room with the same code is gone.
   */
  createRoom(room: RoomRecord): Promise<boolean>;
  getRoom(code: string): Promise<RoomRecord | null>;
  saveRoom(room: RoomRecord): Promise<void>;
  listRoomCodes(): Promise<string[]>;
  deleteRoom(code: string): Promise<void>;

  /** Players of a room, in the order they joined. Saving with a new resume hash retires the old one. */
  savePlayer(code: string, player: PlayerRecord): Promise<void>;
  getPlayers(code: string): Promise<PlayerRecord[]>;
  findPlayerByResumeHash(code: string, resumeTokenHash: string): Promise<PlayerRecord | null>;

  /** Per-player action log of the current round, in order; appended as actions are acknowledged (one batch lands whole). */
  appendActions(code: string, round: number, playerId: string, entries: LoggedAction[]): Promise<void>;
  getActions(code: string, round: number, playerId: string): Promise<LoggedAction[]>;
  /** Attempts (restarts after a crash) of a player in a round. */
  saveAttempts(code: string, round: number, playerId: string, attempts: AttemptRecord[]): Promise<void>;
  getAttempts(code: string, round: number, playerId: string): Promise<AttemptRecord[]>;

  /**
   * Round results and the room's cumulative leaderboard (a sorted set in Redis): highest
   * score first, equal scores by player id in descending order (Redis's own order).
   */
  saveRoundResults(code: string, round: number, rows: RoundResultRow[]): Promise<void>;
  getRoundResults(code: string, round: number): Promise<RoundResultRow[]>;
  addToLeaderboard(code: string, playerId: string, points: number): Promise<void>;
  getLeaderboard(code: string, limit: number): Promise<{ playerId: string; score: number }[]>;

  /** Verified solo runs and the score distribution of every level. */
  saveSoloRun(run: SoloRunRecord): Promise<void>;
  getSoloRun(id: string): Promise<SoloRunRecord | null>;
  /** Adds a verified score to the level's histogram and returns the histogram. */
  recordSoloScore(levelId: string, score: number): Promise<Histogram>;
  getHistogram(levelId: string): Promise<Histogram>;

  /** Liveness for /healthz: false (never a throw, never a hang) when the store cannot answer. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** An action as the server logged it: stamped with the server's own tick and the client's sequence number. */
export interface LoggedAction {
  seq: number;
  attempt: number;
  entry: TimedAction;
}

/** Score distribution of a level: counts per bucket of `bucketSize` points, starting at 0. */
export interface Histogram {
  levelId: string;
  bucketSize: number;
  buckets: number[];
  total: number;
}
