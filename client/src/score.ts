/**
 * The score a student sees during a round: the room's own rule (shared with the server),
 * so the number on screen is the one the server ranks — speed bonus on or off, extra
 * time scaled away.
 */
import type { Level } from '../../shared/level/schema';
import type { TimeMultiplier } from '../../shared/protocol';
import { roomScore } from '../../shared/protocol/room-score';
import type { GameState, ScoreBreakdown } from '../../shared/sim/types';

export function displayState(state: GameState, level: Level): GameState {
  return state.level === level ? state : { ...state, level };
}

/** The breakdown the board shows in a room: the room's total and stars, no speed points when they are off. */
export function roundBreakdown(
  state: GameState,
  level: Level,
  multiplier: TimeMultiplier,
  speedBonus: boolean,
): ScoreBreakdown {
  const scored = roomScore(state, level, { speedBonus, multiplier });
  return {
    ...scored.breakdown,
    speed: speedBonus ? scored.breakdown.speed : 0,
    total: scored.total,
    stars: scored.stars,
  };
}

export function roundScore(
  state: GameState,
  level: Level,
  multiplier: TimeMultiplier,
  speedBonus: boolean,
): number {
  return roomScore(state, level, { speedBonus, multiplier }).total;
}
