/**
 * Scoring by the room's rules lives in `shared/protocol/room-score.ts`, so that a
 * student's screen counts the same points as the server; these are the server's extra
 * measures of a game for the host's progress rows.
 */
import type { GameState } from '../../shared/sim/types';

export type { RoomScore, ScoreRules } from '../../shared/protocol/room-score';
export { roomScore, starsFor } from '../../shared/protocol/room-score';

/** Bytes of heap in use: every placed object takes whole 8-byte cells. */
export function heapUsed(state: GameState): number {
  let bytes = 0;
  for (const id in state.objects) {
    const object = state.objects[id];
    if (object && object.address !== null && !object.shelf) bytes += Math.ceil(object.size / 8) * 8;
  }
  return bytes;
}

export function mistakeCount(state: GameState): number {
  let total = 0;
  for (const count of Object.values(state.tally.mistakes)) total += count ?? 0;
  return total;
}
