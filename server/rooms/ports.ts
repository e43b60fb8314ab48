/**
 * How the room service reaches the outside world without knowing about sockets: the
 * transport implements `Outbox` (Socket.IO in production, a recording outbox in tests).
 */
import type { KickReason, ServerToClientEvents } from '../../shared/protocol';

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventArgs<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>;

export interface Outbox {
  /** Every socket of one player. */
  toPlayer<E extends ServerEventName>(
    code: string,
    playerId: string,
    event: E,
    ...args: ServerEventArgs<E>
  ): void;
  /** Every host socket of a room. */
  toHosts<E extends ServerEventName>(code: string, event: E, ...args: ServerEventArgs<E>): void;
  /** Every socket of a room: hosts and players. */
  toRoom<E extends ServerEventName>(code: string, event: E, ...args: ServerEventArgs<E>): void;
  /** Tells a player's sockets why, then detaches them from the room. */
  kick(code: string, playerId: string, reason: KickReason): void;
}

/** The subset of pino the service uses. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

export interface RoomServiceConfig {
  tickHz: number;
  /** Host progress broadcasts, each with the host's leaderboard; at least twice a second. */
  progressIntervalMs: number;
  /** Students' own small boards (when the host shows the board during rounds). */
  studentBoardIntervalMs: number;
  watchIntervalMs: number;
  actionRatePerSecond: number;
  /** Rooms with nobody connected and no change for this long are dropped from memory (the store expires them too). */
  idleRoomMs: number;
}

export const DEFAULT_PROGRESS_INTERVAL_MS = 400; // 2.5 per second
export const DEFAULT_STUDENT_BOARD_INTERVAL_MS = 3000;
export const DEFAULT_WATCH_INTERVAL_MS = 250; // 4 per second: smooth enough on a projector
export const DEFAULT_IDLE_ROOM_MS = 24 * 60 * 60 * 1000;
