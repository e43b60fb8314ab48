/**
 * The round's clock, derived from the room record and the wall clock only, so that a
 * restarted server and a client agree on it: while running, round tick =
 * floor((now - roundStartedAt) * tickHz / 1000). A pause freezes it; resuming moves
 * `roundStartedAt` and `roundEndsAt` forward by the pause's length.
 */
import type { TimeMultiplier } from '../../shared/protocol';
import type { RoomRecord } from '../store/types';

export function roundElapsedMs(room: RoomRecord, now: number): number {
  if (room.roundStartedAt === null) return 0;
  const until = room.pausedAt ?? now;
  return Math.max(0, until - room.roundStartedAt);
}

export function roundTick(room: RoomRecord, now: number, tickHz: number): number {
  return Math.floor((roundElapsedMs(room, now) * tickHz) / 1000);
}

export function roundDurationMs(room: RoomRecord): number {
  if (room.roundStartedAt === null || room.roundEndsAt === null) return 0;
  return room.roundEndsAt - room.roundStartedAt;
}

export function multiplierFactor(multiplier: TimeMultiplier): number {
  return multiplier === 'untimed' ? Number.POSITIVE_INFINITY : multiplier;
}

/** The round tick at which a student's time runs out (Infinity when untimed). */
export function limitTick(room: RoomRecord, multiplier: TimeMultiplier, tickHz: number): number {
  const factor = multiplierFactor(multiplier);
  if (!Number.isFinite(factor)) return Number.POSITIVE_INFINITY;
  return Math.floor((roundDurationMs(room) * factor * tickHz) / 1000);
}

/** Epoch milliseconds at which a student's time runs out if the round is not paused again; null when untimed. */
export function deadlineMs(room: RoomRecord, multiplier: TimeMultiplier): number | null {
  const factor = multiplierFactor(multiplier);
  if (!Number.isFinite(factor) || room.roundStartedAt === null) return null;
  return room.roundStartedAt + roundDurationMs(room) * factor;
}
