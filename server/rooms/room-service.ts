/**
 * Every room of this process, independent of any transport. The transport parses a
 * payload with the protocol's schema, then calls `handleMessage` with the connection's
 * session; the service answers with a reply (and, for create/attach/join/resume, the new
 * session). Expected refusals are `RoomError`s, caught once here; anything else is
 * logged and answered with `internal`, and changes nothing more.
 */
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type {
  ClientEvent,
  ClientPayload,
  ClientReply,
  CreatedRoomView,
  CreateRoomPayload,
  Reply,
  RoomSettings,
} from '../../shared/protocol';
import { ClientEvent as ClientEventName, ErrorCode } from '../../shared/protocol';
import type { LevelCatalog } from '../game/level-catalog';
import type { SoloService } from '../solo/solo-service';
import type { RoomRecord, RoomStore } from '../store/types';
import { dispatch } from './dispatch';
import type { Logger, Outbox, RoomServiceConfig } from './ports';
import { loadRoom } from './recovery';
import { Room, type RoomDeps } from './room';
import { sendRoster } from './room-broadcast';
import { fail, RoomError } from './room-error';
import {
  queueStudentBoards,
  sendHostBoard,
  sendProgress,
  sendQueuedStudentBoards,
  sendWatch,
} from './room-reports';
import { tickRound } from './room-rounds';
import { resolveSpec } from './room-seats';
import { hashToken, newJoinCode, newToken } from './tokens';
import { hostRoomView } from './views';

export type Session =
  | { role: 'none' }
  | { role: 'host'; code: string }
  | { role: 'player'; code: string; playerId: string };

export interface MessageContext {
  session: Session;
  address: string;
}

export interface Handled<T> {
  reply: Reply<T>;
  /** Set when the connection's session changes (created, attached, joined, resumed, left). */
  session?: Session;
  /** Pushes for the new session, run once the connection has joined its channels. */
  afterOpen?: () => void;
}

export const DEFAULT_SETTINGS: RoomSettings = {
  speedBonus: true,
  leaderboard: 'always',
  lateJoin: true,
  freeTextNicknames: false,
};

const CREATE_ATTEMPTS = 20;
const SWEEP_INTERVAL_MS = 60_000;

export interface RoomServiceDeps {
  store: RoomStore;
  outbox: Outbox;
  catalog: LevelCatalog;
  config: RoomServiceConfig;
  logger: Logger;
  solo: SoloService;
  now?: () => number;
  maxRooms?: number;
}

export class RoomService {
  readonly rooms = new Map<string, Room>();
  readonly roomDeps: RoomDeps;
  /** Requests handled since start, for the stats log. */
  readonly counters = { requests: 0, actions: 0 };
  /**
   * How long actions took from arrival to acknowledgement (in nanoseconds), since the stats
   * log last read and reset it. A histogram, not a list: a list of every action's time
   * would grow by thousands of numbers a second and live long enough to burden the
   * garbage collector.
   */
  readonly actionTimes: RecordableHistogram = createHistogram();
  private timer: NodeJS.Timeout | null = null;
  /** A sliced tick is still going through the rooms. */
  private slicing = false;
  private lastSweep = 0;

  constructor(readonly deps: RoomServiceDeps) {
    this.roomDeps = {
      store: deps.store,
      outbox: deps.outbox,
      catalog: deps.catalog,
      config: deps.config,
      logger: deps.logger,
      now: deps.now ?? Date.now,
    };
  }

  get solo(): SoloService {
    return this.deps.solo;
  }

  now(): number {
    return this.roomDeps.now();
  }

  /**
   * Answers one request. The answer comes without a promise when nothing had to be waited
   * for (an action with the in-memory store: the hot path, thousands a second), so that
   * a busy server makes no promises, closures or microtask hops for it.
   */
  handleMessage<E extends ClientEvent>(
    ctx: MessageContext,
    event: E,
    payload: ClientPayload<E>,
  ): Handled<ClientReply<E>> | Promise<Handled<ClientReply<E>>> {
    this.counters.requests++;
    const isAction = event === ClientEventName.Action;
    // Actions are timed for the stats log.
    const started = isAction ? performance.now() : null;
    if (isAction) this.counters.actions++;
    let handled: Handled<ClientReply<E>> | Promise<Handled<ClientReply<E>>>;
    try {
      handled = dispatch(this, ctx, event, payload);
    } catch (error) {
      return this.refusal(error, event);
    }
    if (handled instanceof Promise) {
      return handled.then(
        (done) => this.handled(ctx, done, started),
        (error: unknown) => this.refusal(error, event),
      );
    }
    return this.handled(ctx, handled, started);
  }

  private handled<T>(ctx: MessageContext, handled: Handled<T>, started: number | null): Handled<T> {
    if (started !== null)
      this.actionTimes.record(Math.max(1, Math.round((performance.now() - started) * 1e6)));
    if (handled.session && ctx.session.role !== 'none') this.handleClose(ctx.session);
    return handled;
  }

  private refusal<T>(error: unknown, event: ClientEvent): Handled<T> {
    if (error instanceof RoomError) return { reply: { ok: false, error: error.toProtocol() } };
    this.deps.logger.error({ err: error, event }, 'request failed');
    return {
      reply: {
        ok: false,
        error: { code: ErrorCode.Internal, message: 'Something went wrong on the server.' },
      },
    };
  }

  /** A connection's session ends (disconnect, or replaced by another session). */
  handleClose(session: Session): void {
    if (session.role === 'none') return;
    const room = this.rooms.get(session.code);
    if (!room) return;
    if (session.role === 'host') {
      room.hostConnections = Math.max(0, room.hostConnections - 1);
      return;
    }
    const seat = room.seats.get(session.playerId);
    if (!seat) return;
    seat.connections = Math.max(0, seat.connections - 1);
    if (seat.connections === 0) sendRoster(room);
  }

  /** Called once a session is granted, so that connection counts stay right. */
  opened(session: Session): Session {
    if (session.role === 'none') return session;
    const room = this.rooms.get(session.code);
    if (!room) return session;
    if (session.role === 'host') {
      room.hostConnections++;
      room.progressSent.clear(); // a new host screen needs every row
    } else {
      const seat = room.seats.get(session.playerId);
      if (seat && seat.connections++ === 0) sendRoster(room);
    }
    return session;
  }

  room(code: string): Room {
    const room = this.rooms.get(code);
    if (!room) fail(ErrorCode.RoomNotFound, 'There is no room with that code.');
    return room;
  }

  async createRoom(payload: CreateRoomPayload): Promise<CreatedRoomView> {
    if (this.rooms.size >= (this.deps.maxRooms ?? 5000))
      fail(ErrorCode.RoomFull, 'The server has too many rooms open.');
    const hostToken = newToken();
    const settings: RoomSettings = { ...DEFAULT_SETTINGS };
    for (const [key, value] of Object.entries(payload.settings ?? {})) {
      if (value !== undefined) Object.assign(settings, { [key]: value });
    }
    for (let i = 0; i < CREATE_ATTEMPTS; i++) {
      const code = newJoinCode();
      if (this.rooms.has(code)) continue;
      const record: RoomRecord = {
        code,
        hostTokenHash: hashToken(hostToken),
        createdAt: this.now(),
        locked: false,
        settings,
        playlist: [],
        roundIndex: -1,
        phase: 'lobby',
        roundStartedAt: null,
        roundEndsAt: null,
        pausedAt: null,
        version: 1,
      };
      const room = new Room(this.roomDeps, record);
      record.playlist = (payload.playlist ?? []).map((round) => resolveSpec(room, round));
      if (!(await this.deps.store.createRoom(record))) continue;
      this.rooms.set(code, room);
      this.deps.logger.info({ code }, 'room created');
      return { code, hostToken, room: hostRoomView(room) };
    }
    fail(ErrorCode.Internal, 'Could not find a free join code.');
  }

  /** Brings back every room in the store (after a restart), with running games rebuilt. */
  async recover(): Promise<number> {
    const codes = await this.deps.store.listRoomCodes();
    let loaded = 0;
    for (const code of codes) {
      if (this.rooms.has(code)) continue;
      try {
        const room = await loadRoom(this.roomDeps, code);
        if (!room) continue;
        this.rooms.set(code, room);
        loaded++;
      } catch (error) {
        this.deps.logger.error({ err: error, code }, 'could not recover a room');
      }
    }
    return loaded;
  }

  /**
   * The live ticker. Rooms are ticked one per turn of the event loop, so that students'
   * actions are handled between rooms instead of waiting behind every room's work.
   */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tickSliced(), 1000 / this.deps.config.tickHz);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tickSliced(): void {
    if (this.slicing) return; // the last tick is still going: this one is folded into it
    this.slicing = true;
    const rooms = [...this.rooms.values()];
    let i = 0;
    const next = () => {
      const now = this.now();
      if (i < rooms.length) {
        const room = rooms[i++];
        if (room) this.tickRoom(room, now);
        setImmediate(next);
        return;
      }
      this.slicing = false;
      this.sweepIfDue(now);
    };
    next();
  }

  /** One tick of every room at once: games advance, rounds end, hosts hear about progress. */
  tick(now: number): void {
    for (const room of this.rooms.values()) this.tickRoom(room, now);
    this.sweepIfDue(now);
  }

  tickRoom(room: Room, now: number): void {
    const phase = room.record.phase;
    if (phase !== 'running' && phase !== 'paused') return;
    const { progressIntervalMs, studentBoardIntervalMs, watchIntervalMs } = this.deps.config;
    try {
      const reportDue = now - room.lastProgressAt >= progressIntervalMs;
      tickRound(room, now, reportDue);
      if (reportDue) {
        room.lastProgressAt = now;
        sendProgress(room);
        // In the same tick as the progress rows: the board and the table on the projector agree.
        sendHostBoard(room);
      }
      if (now - room.lastStudentBoardAt >= studentBoardIntervalMs) {
        room.lastStudentBoardAt = now;
        queueStudentBoards(room);
      } else {
        sendQueuedStudentBoards(room);
      }
      if (now - room.lastWatchAt >= watchIntervalMs) {
        room.lastWatchAt = now;
        sendWatch(room);
      }
    } catch (error) {
      this.deps.logger.error({ err: error, code: room.code }, 'tick failed');
    }
  }

  private sweepIfDue(now: number): void {
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    this.sweep(now);
  }

  /** Forgets rooms nobody has used for a long time; the store expires them on its own. */
  private sweep(now: number): void {
    for (const [code, room] of this.rooms) {
      if (!room.isConnected() && now - room.lastActivityAt > this.deps.config.idleRoomMs)
        this.rooms.delete(code);
    }
  }

  /** Stops ticking and waits for every queued command and log write. */
  async shutdown(): Promise<void> {
    this.stop();
    await Promise.all(
      [...this.rooms.values()].map(async (room) => {
        await room.queue.idle();
        await room.log.drain();
      }),
    );
  }
}
