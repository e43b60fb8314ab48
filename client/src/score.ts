/**
 * The score a student sees during a round: the room's own rule (shared with the server),
 * so the number on screen is the one the server ranks — speed bonus on or off, extra
 * time scaled away.
 */
import type { Level } from '../../shared/level/schema';
import type { TimeMultiplier } from '../../shared/protocol';
import { roomScore } from '../../shared/protocol/room-score';
import type { GameState } from '../../shared/sim/types';

export function displayState(state: GameState, level: Level): GameState {
  return state.level === level ? state : { ...state, level };
}

export function roundScore(
  state: GameState,
  level: Level,
  multiplier: TimeMultiplier,
  speedBonus: boolean,
): number {
  return roomScore(state, level, { speedBonus, multiplier }).total;
}
