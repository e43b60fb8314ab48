/**
 * One classroom room held in memory: its record, its seats, the current round's games.
 * The store is the durable copy; this object is the authority while the process runs.
 * Commands that read and write the store run one at a time through `queue`; the hot
 * path (a student's action) changes memory synchronously and then waits for its log
 * write, so it never needs the queue.
 *
 * The room's commands live in `room-seats.ts`, `room-rounds.ts`, `room-play.ts` and
 * `room-reports.ts`, as functions of this object.
 */
import type { LeaderboardView, ProgressRow } from '../../shared/protocol';
import type { TimedAction } from '../../shared/sim/types';
import type { LevelCatalog } from '../game/level-catalog';
import type { PlayerGame, RoundSetup } from '../game/player-game';
import type { ScoreRules } from '../game/room-score';
import type { PlayerRecord, RoomRecord, RoomStore, RoundResultRow } from '../store/types';
import { ActionLog } from './action-log';
import { nicknameKey } from './nicknames';
import type { Logger, Outbox, RoomServiceConfig } from './ports';
import { TokenBucket } from './rate-limit';
import { limitTick, roundTick } from './round-clock';
import { SerialQueue } from './serial-queue';

export interface RoomDeps {
  store: RoomStore;
  outbox: Outbox;
  catalog: LevelCatalog;
  config: RoomServiceConfig;
  logger: Logger;
  now: () => number;
}

export interface Seat {
  record: PlayerRecord;
  /** Case-insensitive form of the nickname, for uniqueness. */
  key: string;
  /** Open sockets of this player (a student may have two tabs). */
  connections: number;
  game: PlayerGame | null;
  limiter: TokenBucket;
  /** When the last out-of-step snapshot was pushed, so a lagging client is not flooded with them. */
  lastResyncAt: number;
  /** Settles when every ack so far may be sent (acks leave in order); null when none is waiting. */
  acksWritten: Promise<void> | null;
}

/** A finished run kept for replays: the best attempt of a player in a round. */
export interface ArchivedRun {
  attempt: number;
  seed: number;
  actions: TimedAction[];
  score: number;
  stars: number;
}

export class Room {
  readonly seats = new Map<string, Seat>();
  readonly queue = new SerialQueue();
  readonly log: ActionLog;
  setup: RoundSetup | null = null;
  /** Cumulative points over every finished round, by player id. */
  readonly cumulative = new Map<string, number>();
  readonly results = new Map<number, RoundResultRow[]>();
  readonly archive = new Map<number, Map<string, ArchivedRun>>();
  hostConnections = 0;
  watching: string | null = null;
  /** What the last watched state sent was computed from. */
  watchSent: { playerId: string; inputs: unknown[] } | null = null;
  /** Progress rows last sent to the host (and what they were computed from), to send only what changed. */
  readonly progressSent = new Map<string, { inputs: unknown[]; row: ProgressRow | null }>();
  lastProgressAt = 0;
  lastStudentBoardAt = 0;
  /** Students' boards waiting to go out, a few per tick (see `sendQueuedStudentBoards`). */
  studentBoards: { playerId: string; view: LeaderboardView }[] = [];
  lastWatchAt = 0;
  lastActivityAt: number;
  /** Set while the round's end is queued, so the ticker asks only once. */
  ending = false;

  constructor(
    readonly deps: RoomDeps,
    public record: RoomRecord,
  ) {
    this.log = new ActionLog(deps.store, record.code, (error) =>
      deps.logger.error({ err: error, code: record.code }, 'writing an action failed'),
    );
    this.lastActivityAt = deps.now();
  }

  get code(): string {
    return this.record.code;
  }

  now(): number {
    return this.deps.now();
  }

  roundTick(now = this.now()): number {
    return roundTick(this.record, now, this.deps.config.tickHz);
  }

  limitTick(seat: Seat): number {
    return limitTick(this.record, seat.record.timeMultiplier, this.deps.config.tickHz);
  }

  /**
   * Steps a student's game to the clock. Games are stepped when they are read (an action, a
   * report, a snapshot, the watched game), not on every tick: see `tickRound`.
   */
  bringToClock(seat: Seat): void {
    if (seat.game && this.record.phase === 'running')
      seat.game.advanceTo(this.roundTick(), this.limitTick(seat));
  }

  rules(seat: Seat): ScoreRules {
    return { speedBonus: this.record.settings.speedBonus, multiplier: seat.record.timeMultiplier };
  }

  /** Players who are in the room (not removed), in joining order. */
  activeSeats(): Seat[] {
    const seats: Seat[] = [];
    for (const seat of this.seats.values()) if (!seat.record.removed) seats.push(seat);
    return seats;
  }

  takenNicknames(except?: string): Set<string> {
    const taken = new Set<string>();
    for (const seat of this.seats.values())
      if (seat.record.id !== except && !seat.record.blocked) taken.add(seat.key);
    return taken;
  }

  addSeat(record: PlayerRecord): Seat {
    const seat: Seat = {
      record,
      key: nicknameKey(record.nickname),
      connections: 0,
      game: null,
      limiter: new TokenBucket(
        this.deps.config.actionRatePerSecond,
        this.deps.config.actionRatePerSecond,
        this.now(),
      ),
      lastResyncAt: 0,
      acksWritten: null,
    };
    this.seats.set(record.id, seat);
    return seat;
  }

  touch(): void {
    this.lastActivityAt = this.now();
  }

  async saveRecord(): Promise<void> {
    this.record = { ...this.record, version: this.record.version + 1 };
    await this.deps.store.saveRoom(this.record);
  }

  async savePlayer(seat: Seat): Promise<void> {
    await this.deps.store.savePlayer(this.code, seat.record);
  }

  isConnected(): boolean {
    if (this.hostConnections > 0) return true;
    for (const seat of this.seats.values()) if (seat.connections > 0) return true;
    return false;
  }
}
