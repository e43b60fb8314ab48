/**
 * The teacher's connection: attaches with the join code and the host token (again after
 * every reconnect, so a projector that reloads or drops comes straight back), forwards
 * the room's pushes to the host screen and sends the host's commands.
 */
import {
  type ClassReportView,
  type ClientEvent,
  type ClientPayload,
  type ClientReply,
  type CreatedRoomView,
  HostEvent,
  type HostRoomView,
  type LeaderboardView,
  PROTOCOL_VERSION,
  type ProgressView,
  type Reply,
  type RoomStateView,
  type RosterView,
  type RoundResultsView,
  ServerEvent,
  type WatchView,
} from '../../../shared/protocol';
import { type HostSession as Stored, storage } from '../storage';
import { ServerClock } from './clock';
import { closeSocket, getSocket } from './connection';
import { startPinger } from './pinger';
import { type ArenaSocket, request } from './socket';
import type { ConnectionState } from './student-session';

export interface HostListener {
  onConnection(state: ConnectionState, latencyMs: number | null): void;
  onRoom(room: HostRoomView): void;
  onState(state: RoomStateView): void;
  onRoster(roster: RosterView): void;
  onProgress(progress: ProgressView): void;
  onLeaderboard(view: LeaderboardView): void;
  onResults(view: RoundResultsView): void;
  onReport(report: ClassReportView): void;
  onWatch(view: WatchView): void;
  /** The token was refused or the room is gone. */
  onGone(reason: string): void;
}

let created: CreatedRoomView | null = null;

/** Keep a new room's host token so the projector can reload or come back later. */
export function rememberHostRoom(view: CreatedRoomView): void {
  created = view;
  storage.saveHost({ code: view.code, hostToken: view.hostToken, savedAt: Date.now() });
}

export class HostSession {
  readonly clock = new ServerClock();
  room: HostRoomView | null = null;
  latencyMs: number | null = null;
  private listener: HostListener | null = null;
  private readonly socket: ArenaSocket = getSocket();
  private disposed = false;
  private readonly stopPinger: () => void;

  constructor(readonly stored: Stored) {
    if (created && created.code === stored.code) {
      this.room = created.room;
      this.clock.observe(created.room.state.serverNow);
    }
    created = null;
    const s = this.socket;
    s.on('connect', this.attachHost);
    s.on('disconnect', () => this.listener?.onConnection('offline', null));
    s.on(ServerEvent.RoomState, (state) => {
      this.clock.observe(state.serverNow);
      if (this.room) this.room = { ...this.room, state };
      this.listener?.onState(state);
    });
    s.on(ServerEvent.Roster, (roster) => {
      if (this.room) this.room = { ...this.room, roster: roster.players };
      this.listener?.onRoster(roster);
    });
    s.on(ServerEvent.Progress, (p) => this.listener?.onProgress(p));
    s.on(ServerEvent.Leaderboard, (v) => this.listener?.onLeaderboard(v));
    s.on(ServerEvent.RoundResults, (v) => this.listener?.onResults(v));
    s.on(ServerEvent.ClassReport, (v) => this.listener?.onReport(v));
    s.on(ServerEvent.WatchState, (v) => this.listener?.onWatch(v));
    document.addEventListener('visibilitychange', this.onVisible);
    this.stopPinger = startPinger(s, (ms, serverNow) => {
      this.clock.observe(serverNow);
      this.latencyMs = ms;
      this.listener?.onConnection('online', ms);
    });
    // A room created a moment ago on this socket is attached already; otherwise attach now.
    if (!this.room && s.connected) void this.attachHost();
  }

  get code(): string {
    return this.stored.code;
  }

  attach(listener: HostListener): void {
    this.listener = listener;
    listener.onConnection(this.socket.connected ? 'online' : 'connecting', this.latencyMs);
    if (this.room) listener.onRoom(this.room);
  }

  private readonly attachHost = async (): Promise<void> => {
    const started = performance.now();
    const reply = await request(this.socket, HostEvent.Attach, {
      protocol: PROTOCOL_VERSION,
      code: this.stored.code,
      hostToken: this.stored.hostToken,
    });
    if (this.disposed) return;
    if (!reply.ok) {
      if (reply.error.code === 'internal') return;
      storage.saveHost(null);
      this.listener?.onGone(reply.error.message);
      return;
    }
    this.latencyMs = performance.now() - started;
    this.room = reply.data;
    this.clock.observe(reply.data.state.serverNow);
    this.listener?.onConnection('online', this.latencyMs);
    this.listener?.onRoom(reply.data);
  };

  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && !this.socket.connected) this.socket.connect();
  };

  /** Send a host command; the reply's round trip also feeds the latency shown. */
  async send<E extends ClientEvent>(event: E, payload: ClientPayload<E>): Promise<Reply<ClientReply<E>>> {
    const started = performance.now();
    const reply = await request(this.socket, event, payload);
    if (reply.ok) {
      this.latencyMs = performance.now() - started;
      this.listener?.onConnection('online', this.latencyMs);
    }
    return reply;
  }

  /** The results CSV, fetched with the host token in a header (never in the address bar). */
  async downloadCsv(): Promise<{ blob: Blob; filename: string }> {
    const res = await fetch(`/api/rooms/${encodeURIComponent(this.code)}/results.csv`, {
      headers: { Authorization: `Bearer ${this.stored.hostToken}` },
    });
    if (!res.ok) throw new Error(`The results could not be downloaded (${res.status}).`);
    const disposition = res.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `memory-arena-${this.code}-results.csv`;
    return { blob: await res.blob(), filename };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopPinger();
    document.removeEventListener('visibilitychange', this.onVisible);
    closeSocket();
  }
}

export function hostSessionFor(code: string): HostSession | null {
  const stored = storage.host();
  if (!stored || stored.code !== code) return null;
  return new HostSession(stored);
}
