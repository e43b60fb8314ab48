/**
 * Builds what each receiver may see from the room's records: the edge where server state
 * becomes protocol views. Nothing secret (token hashes, other players' ids for students)
 * ever leaves through here.
 */

import type {
  HostRoomView,
  LevelRef,
  RoomStateView,
  RosterView,
  RoundInfo,
  SnapshotState,
  SnapshotView,
  YouView,
} from '../../shared/protocol';
import { hash as stateHash } from '../../shared/sim';
import type { GameState } from '../../shared/sim/types';
import type { RoundSpec } from '../store/types';
import type { Room, Seat } from './room';
import { deadlineMs } from './round-clock';

export function levelRefOf(spec: RoundSpec): LevelRef {
  return spec.kind === 'level'
    ? { kind: 'level', levelId: spec.levelId }
    : { kind: 'rush', rushSeed: spec.rushSeed };
}

export function roundInfo(room: Room): RoundInfo | null {
  const spec = room.record.playlist[room.record.roundIndex];
  if (!spec) return null;
  return { index: room.record.roundIndex, spec, level: levelRefOf(spec) };
}

export function roomStateView(room: Room): RoomStateView {
  const r = room.record;
  const base = {
    code: r.code,
    playerCount: room.activeSeats().length,
    roundCount: r.playlist.length,
    serverNow: room.now(),
    speedBonus: r.settings.speedBonus,
  };
  const round = roundInfo(room);
  switch (r.phase) {
    case 'lobby':
      return { phase: 'lobby', locked: r.locked, ...base };
    case 'running':
    case 'paused':
      if (!round || r.roundStartedAt === null || r.roundEndsAt === null) break;
      return {
        phase: r.phase,
        locked: r.locked,
        ...base,
        round,
        startedAt: r.roundStartedAt,
        endsAt: r.roundEndsAt,
        pausedAt: r.pausedAt,
        tickHz: room.deps.config.tickHz,
      };
    case 'round-over':
      if (!round) break;
      return { phase: 'round-over', locked: r.locked, ...base, round };
    case 'ended':
      return { phase: 'ended', ...base };
    default:
      return exhaustive(r.phase);
  }
  return { phase: 'lobby', locked: r.locked, ...base };
}

export function rosterView(room: Room): RosterView {
  return {
    players: room.activeSeats().map((seat) => ({
      playerId: seat.record.id,
      nickname: seat.record.nickname,
      connected: seat.connections > 0,
      timeMultiplier: seat.record.timeMultiplier,
    })),
  };
}

export function hostRoomView(room: Room): HostRoomView {
  return {
    code: room.code,
    settings: room.record.settings,
    playlist: room.record.playlist,
    state: roomStateView(room),
    roster: rosterView(room).players,
  };
}

export function youView(seat: Seat): YouView {
  return {
    playerId: seat.record.id,
    nickname: seat.record.nickname,
    timeMultiplier: seat.record.timeMultiplier,
  };
}

export function withoutLevel(state: GameState): SnapshotState {
  const { level: _level, ...rest } = state;
  return rest;
}

export function snapshotView(room: Room, seat: Seat): SnapshotView | null {
  const game = seat.game;
  const setup = room.setup;
  if (!game || !setup) return null;
  const current = game.current;
  return {
    round: setup.round,
    attempt: current.record.attempt,
    level: setup.ref,
    timeLimit: setup.playLevel.timeLimit,
    seed: current.record.seed,
    startedAtTick: current.record.startedAtTick,
    deadline: deadlineMs(room.record, seat.record.timeMultiplier),
    lastSeq: game.lastSeq,
    hash: stateHash(current.state),
    state: withoutLevel(current.state),
    best: game.bestTotal(room.rules(seat)),
  };
}

export function exhaustive(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
