/**
 * What the server sends: reply data and pushed events. These are produced only by the
 * server, so they are plain types (no runtime schemas); the server builds each view at
 * the edge from its own records, sending only what the receiver may see.
 */
import type { Concept } from '../level/schema';
import type { Action, CrashKind, GameState, ScoreBreakdown, Status, TimedAction } from '../sim/types';
import type { KickReason, ProtocolError, RefusalCode } from './errors';
import type { RoomSettingsInput, RoundSpecInput } from './schemas';

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };
export type Ack<T> = (reply: Reply<T>) => void;

export type LeaderboardVisibility = RoomSettingsInput['leaderboard'];
export type TimeMultiplier = 1 | 1.5 | 2 | 'untimed';
export type RoomSettings = RoomSettingsInput;
/** A playlist round with its seeds chosen by the server. */
export type RoundSpec =
  | { kind: 'level'; levelId: string; seconds: number; seed: number }
  | { kind: 'rush'; rushSeed: number; seconds: number; seed: number };
export type { RoundSpecInput };

/** Where the client gets the level from: the level pack (`LEVELS`) or `generateRushLevel(rushSeed)`. */
export type LevelRef = { kind: 'level'; levelId: string } | { kind: 'rush'; rushSeed: number };

// ---------------------------------------------------------------- room and clock

export interface RoundInfo {
  /** Index in the playlist, from 0. */
  index: number;
  spec: RoundSpec;
  level: LevelRef;
}

/** The room's rules a student needs to show their own score as the server counts it. */
interface RoomRulesView {
  /** Off: the speed component is left out of every score in the room. */
  speedBonus: boolean;
}

/**
 * The room's phase, each with only its own fields. Times are server epoch milliseconds;
 * `serverNow` lets a client correct for its own clock. A round's tick is
 * `floor((now - startedAt) * tickHz / 1000)` while running (pauses shift `startedAt`).
 */
export type RoomStateView = RoomRulesView &
  (
    | {
        phase: 'lobby';
        code: string;
        locked: boolean;
        playerCount: number;
        roundCount: number;
        serverNow: number;
      }
    | {
        phase: 'running' | 'paused';
        code: string;
        locked: boolean;
        playerCount: number;
        roundCount: number;
        round: RoundInfo;
        startedAt: number;
        endsAt: number;
        pausedAt: number | null;
        tickHz: number;
        serverNow: number;
      }
    | {
        phase: 'round-over';
        code: string;
        locked: boolean;
        playerCount: number;
        roundCount: number;
        round: RoundInfo;
        serverNow: number;
      }
    | { phase: 'ended'; code: string; playerCount: number; roundCount: number; serverNow: number }
  );
export type RoomPhase = RoomStateView['phase'];

export interface HostRoomView {
  code: string;
  settings: RoomSettings;
  playlist: RoundSpec[];
  state: RoomStateView;
  roster: RosterEntry[];
}

export interface RosterEntry {
  playerId: string;
  nickname: string;
  connected: boolean;
  timeMultiplier: TimeMultiplier;
}
export interface RosterView {
  players: RosterEntry[];
}

export interface PeekView {
  code: string;
  locked: boolean;
  freeTextNicknames: boolean;
  lateJoin: boolean;
  phase: RoomPhase;
  suggestedNickname: string;
}

export interface CreatedRoomView {
  code: string;
  /** Shown once; keep it to re-attach. Only its hash is stored. */
  hostToken: string;
  room: HostRoomView;
}

// ---------------------------------------------------------------- the student's own game

export interface YouView {
  playerId: string;
  nickname: string;
  timeMultiplier: TimeMultiplier;
}

export interface JoinedView {
  you: YouView;
  /** Shown once; keep it to resume. Only its hash is stored. */
  resumeToken: string;
  room: RoomStateView;
  /** Present when a round is running: the game to play, with the time left. */
  snapshot: SnapshotView | null;
}

export interface ResumedView {
  you: YouView;
  room: RoomStateView;
  snapshot: SnapshotView | null;
  /** The last sequence number the server logged this round; anything the client sent after it was not applied. */
  lastSeq: number;
}

/** A game state without its level: the client already has the level (see `level`). */
export type SnapshotState = Omit<GameState, 'level'>;

export interface SnapshotView {
  round: number;
  attempt: number;
  level: LevelRef;
  /** The level's `timeLimit` for this player (scaled by their time multiplier). */
  timeLimit: number;
  seed: number;
  /** Round tick at which this attempt began; the game's tick is the round tick minus this. */
  startedAtTick: number;
  /**
   * Epoch ms at which this player's time runs out (null: untimed), as of sending. A pause
   * or an extension moves it: then it is `startedAt + (endsAt - startedAt) × multiplier`
   * from the latest room state.
   */
  deadline: number | null;
  /**
   * The last action already in `state`. Its ack (and those of earlier actions) may still
   * be on the way: after taking a snapshot, ignore acks with `seq <= lastSeq`.
   */
  lastSeq: number;
  hash: string;
  state: SnapshotState;
  /** Best score so far this round (over every attempt), by the room's rules. */
  best: number;
}

export type ActionAck =
  | { seq: number; accepted: true; tick: number; hash: string }
  | { seq: number; accepted: false; code: RefusalCode; reason: string; tick: number; hash: string };

// ---------------------------------------------------------------- boards and results

export interface LeaderboardRow {
  rank: number;
  nickname: string;
  score: number;
  /** Only sent to the player it belongs to and to the host. */
  playerId?: string;
}
export interface LeaderboardView {
  round: number | null;
  /** Round scores while a round runs; cumulative standings otherwise. */
  kind: 'round' | 'cumulative';
  top: LeaderboardRow[];
  /** The receiving student's own row (students only). */
  you?: LeaderboardRow;
  total: number;
}

/** One student's progress as the host sees it. */
export interface ProgressRow {
  playerId: string;
  nickname: string;
  score: number;
  best: number;
  /** 0..1 through the program. */
  progress: number;
  stackDepth: number;
  heapUsed: number;
  heapBytes: number;
  mistakes: number;
  crashes: number;
  attempt: number;
  status: Status;
  connected: boolean;
}
/** Sent to the host at least twice a second while a round runs; `full: false` holds only the rows that changed. */
export interface ProgressView {
  round: number;
  tick: number;
  full: boolean;
  rows: ProgressRow[];
  removed: string[];
}

export interface WatchView {
  playerId: string;
  nickname: string;
  round: number;
  attempt: number;
  level: LevelRef;
  timeLimit: number;
  hash: string;
  state: SnapshotState;
  score: ScoreBreakdown;
}

export interface ResultRow {
  rank: number;
  playerId?: string;
  nickname: string;
  score: number;
  stars: number;
  completed: boolean;
  crashes: number;
  mistakes: number;
}
export interface StandingRow {
  rank: number;
  playerId?: string;
  nickname: string;
  total: number;
}
export interface RoundResultsView {
  round: number;
  levelId: string;
  podium: ResultRow[];
  /** Every row for the host; the top ten for students. */
  rows: ResultRow[];
  standings: StandingRow[];
  you?: { result: ResultRow | null; standing: StandingRow | null };
  final: boolean;
}

/** How many students made a mistake of each concept, or crashed in each way, in a round. */
export interface ClassReportView {
  round: number;
  levelId: string;
  players: number;
  mistakesByConcept: { concept: Concept; students: number; total: number }[];
  crashesByKind: { kind: CrashKind; students: number; total: number }[];
}

/** A run for the projector: no nickname, no player id. */
export interface ReplayView {
  round: number;
  label: string;
  level: LevelRef;
  timeLimit: number;
  seed: number;
  actions: TimedAction[];
  score: number;
  stars: number;
}

// ---------------------------------------------------------------- solo

export interface HistogramView {
  levelId: string;
  bucketSize: number;
  buckets: number[];
  total: number;
}
export interface SoloResultView {
  runId: string;
  levelId: string;
  score: number;
  stars: number;
  breakdown: ScoreBreakdown;
  status: Status;
  histogram: HistogramView;
  /** Index of the bucket this score falls in, and the share of runs scoring strictly less (0..1). */
  bucket: number;
  below: number;
}

export interface PongView {
  serverNow: number;
}

export interface KickedView {
  reason: KickReason;
}

export type { Action, TimedAction };
