/**
 * A student's seat in a room, kept alive across drops: joins or resumes with the resume
 * token and the last acknowledged sequence number, resumes again after every reconnect
 * and when a phone's tab comes back to the front, and hands room news to the screen.
 */
import type { Level } from '../../../shared/level/schema';
import {
  type KickedView,
  type LeaderboardView,
  PROTOCOL_VERSION,
  type ProtocolError,
  type ResumedView,
  type RoomStateView,
  type RoundResultsView,
  ServerEvent,
  type SnapshotView,
  StudentEvent,
  type YouView,
} from '../../../shared/protocol';
import type { Action } from '../../../shared/sim/types';
import { levelFromRef } from '../levels';
import { type StudentSession as Stored, storage } from '../storage';
import { ServerClock } from './clock';
import { closeSocket, getSocket } from './connection';
import { startPinger } from './pinger';
import { type ArenaSocket, call, request } from './socket';
import { StudentGame, type StudentGameView } from './student-game';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface StudentListener extends StudentGameView {
  onConnection(state: ConnectionState, latencyMs: number | null): void;
  onRoom(room: RoomStateView): void;
  onYou(you: YouView): void;
  onLeaderboard(view: LeaderboardView): void;
  onResults(view: RoundResultsView): void;
  /** The seat is gone (removed, blocked, room closed, token refused): the screen should leave. */
  onGone(reason: string): void;
}

/** A tab hidden for longer than this asks for a fresh snapshot when it comes back. */
const HIDDEN_RESYNC_MS = 1_500;

export class StudentSession {
  readonly clock = new ServerClock();
  readonly game: StudentGame;
  room: RoomStateView | null = null;
  you: YouView | null = null;
  latencyMs: number | null = null;
  private listener: StudentListener | null = null;
  private hiddenAt = 0;
  private disposed = false;
  private readonly socket: ArenaSocket = getSocket();
  private stopPinger: () => void = () => {};

  constructor(private stored: Stored) {
    this.game = new StudentGame(
      this.socket,
      this.clock,
      () => this.room,
      (snapshot: SnapshotView): Level => levelFromRef(snapshot.level),
      () => this.deadline(),
      {
        onState: (state, events) => this.listener?.onState(state, events),
        onFlash: (text) => this.listener?.onFlash(text),
        onSnapshot: (snapshot) => this.listener?.onSnapshot(snapshot),
        onAck: (seq, rtt) => {
          storage.ackStudent(seq);
          this.observeRoundTrip(rtt);
        },
      },
    );
    this.wire();
  }

  /**
   * When this student's time runs out: the round's length stretched by their time
   * multiplier, from the room's current start (a pause moves both ends forward).
   */
  deadline(): number | null {
    const room = this.room;
    const multiplier = this.you?.timeMultiplier ?? 1;
    if (multiplier === 'untimed') return null;
    if (!room || (room.phase !== 'running' && room.phase !== 'paused'))
      return this.game.current?.deadline ?? null;
    return room.startedAt + (room.endsAt - room.startedAt) * multiplier;
  }

  get code(): string {
    return this.stored.code;
  }

  attach(listener: StudentListener): void {
    this.listener = listener;
    listener.onConnection(this.socket.connected ? 'online' : 'connecting', this.latencyMs);
    if (this.room) listener.onRoom(this.room);
    if (this.you) listener.onYou(this.you);
    const snapshot = this.game.current;
    if (snapshot) listener.onSnapshot(snapshot);
    if (this.game.state) listener.onState(this.game.state, []);
  }

  act(action: Action): void {
    this.game.act(action);
  }

  async restart(): Promise<ProtocolError | null> {
    const reply = await request(this.socket, StudentEvent.Restart, {});
    if (!reply.ok) return reply.error;
    this.game.load(reply.data);
    return null;
  }

  async reroll(): Promise<ProtocolError | null> {
    const reply = await request(this.socket, StudentEvent.Reroll, {});
    if (!reply.ok) return reply.error;
    this.applyYou(reply.data);
    return null;
  }

  /** Give up the seat for good (the "Leave" button). */
  async leave(): Promise<void> {
    await request(this.socket, StudentEvent.Leave, {}, 2_000);
    storage.saveStudent(null);
    this.dispose();
  }

  /** Resume with the token and the last acknowledged seq; used on load and after every reconnect. */
  async resume(): Promise<void> {
    const started = performance.now();
    const reply = await request(this.socket, StudentEvent.Resume, {
      protocol: PROTOCOL_VERSION,
      code: this.stored.code,
      resumeToken: this.stored.resumeToken,
      lastSeq: Math.max(this.stored.lastAckedSeq, storage.student()?.lastAckedSeq ?? 0),
    });
    if (this.disposed) return;
    if (!reply.ok) {
      if (reply.error.code === 'internal') return; // not connected: the next connect retries
      storage.saveStudent(null);
      this.listener?.onGone(reply.error.message);
      return;
    }
    this.latencyMs = performance.now() - started;
    this.adopt(reply.data);
    this.listener?.onConnection('online', this.latencyMs);
  }

  /** Called once with the join reply (the seat was just taken) or the resume reply. */
  adopt(view: ResumedView | { you: YouView; room: RoomStateView; snapshot: SnapshotView | null }): void {
    this.applyYou(view.you);
    this.applyRoom(view.room);
    if (view.snapshot) this.game.load(view.snapshot);
    else if (view.room.phase !== 'running' && view.room.phase !== 'paused') this.game.stop();
  }

  private applyYou(you: YouView): void {
    this.you = you;
    this.stored = { ...this.stored, nickname: you.nickname, playerId: you.playerId };
    const saved = storage.student();
    if (saved && saved.code === this.stored.code) storage.saveStudent({ ...saved, nickname: you.nickname });
    this.listener?.onYou(you);
  }

  private applyRoom(room: RoomStateView): void {
    this.clock.observe(room.serverNow);
    this.room = room;
    if (room.phase === 'round-over' || room.phase === 'ended' || room.phase === 'lobby') this.game.stop();
    this.listener?.onRoom(room);
  }

  private wire(): void {
    const s = this.socket;
    s.on('connect', this.onConnect);
    s.on('disconnect', this.onDisconnect);
    s.on(ServerEvent.RoomState, (room) => this.applyRoom(room));
    s.on(ServerEvent.You, (you) => this.applyYou(you));
    s.on(ServerEvent.Snapshot, (snapshot) => this.game.load(snapshot));
    s.on(ServerEvent.Leaderboard, (view) => this.listener?.onLeaderboard(view));
    s.on(ServerEvent.RoundResults, (view) => this.listener?.onResults(view));
    s.on(ServerEvent.Kicked, this.onKicked);
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('online', this.onOnline);
    this.stopPinger = startPinger(s, (ms) => this.observeRoundTrip(ms));
  }

  /** Any answered round trip (an ack, a ping) moves the latency shown, smoothed. */
  private observeRoundTrip(ms: number): void {
    this.latencyMs = this.latencyMs === null ? ms : this.latencyMs * 0.7 + ms * 0.3;
    this.listener?.onConnection('online', this.latencyMs);
  }

  private readonly onConnect = () => {
    void this.resume();
  };

  private readonly onDisconnect = () => {
    this.listener?.onConnection('offline', null);
  };

  private readonly onKicked = (kicked: KickedView) => {
    storage.saveStudent(null);
    const why =
      kicked.reason === 'blocked'
        ? 'The teacher removed you from this room.'
        : kicked.reason === 'removed'
          ? 'The teacher removed you from this room. You can join again with the code.'
          : kicked.reason === 'room-closed'
            ? 'This room has closed.'
            : 'You left the room.';
    this.listener?.onGone(why);
    this.dispose();
  };

  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      this.hiddenAt = Date.now();
      return;
    }
    if (!this.socket.connected) {
      this.listener?.onConnection('connecting', null);
      this.socket.connect();
    } else if (Date.now() - this.hiddenAt > HIDDEN_RESYNC_MS) {
      this.game.requestSnapshot();
    }
  };

  private readonly onOnline = () => {
    if (!this.socket.connected) this.socket.connect();
  };

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopPinger();
    this.game.clear();
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('online', this.onOnline);
    closeSocket();
  }
}

/** Join a room from the home form: takes the seat, remembers the token, returns the live session. */
export async function joinRoom(code: string, nickname: string | undefined): Promise<StudentSession> {
  const socket = getSocket();
  const started = performance.now();
  const joined = await call(socket, StudentEvent.Join, {
    protocol: PROTOCOL_VERSION,
    code,
    ...(nickname ? { nickname } : {}),
  });
  const stored: Stored = {
    code: joined.room.code,
    resumeToken: joined.resumeToken,
    playerId: joined.you.playerId,
    nickname: joined.you.nickname,
    lastAckedSeq: 0,
    savedAt: Date.now(),
  };
  storage.saveStudent(stored);
  const session = new StudentSession(stored);
  session.latencyMs = performance.now() - started;
  session.adopt(joined);
  activeSession = session;
  return session;
}

let activeSession: StudentSession | null = null;

/** The live session for this room, or a new one that resumes from the stored token. */
export function sessionFor(code: string): StudentSession | null {
  if (activeSession && activeSession.code === code) return activeSession;
  activeSession?.dispose();
  activeSession = null;
  const stored = storage.student();
  if (!stored || stored.code !== code) return null;
  activeSession = new StudentSession(stored);
  if (getSocket().connected) void activeSession.resume();
  return activeSession;
}

export function dropSession(): void {
  activeSession?.dispose();
  activeSession = null;
}
