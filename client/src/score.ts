/**
 * The score a student sees during a round. Round games run with no time limit of their
 * own (the round's clock ends them), so the level's own limit is put back for scoring, and
 * extra time (1.5×, 2×) is scaled away from the completion bonus — the same rule the
 * server's room score applies (the room's speed-bonus switch is not known to students).
 */
import type { Level } from '../../shared/level/schema';
import type { TimeMultiplier } from '../../shared/protocol';
import { score } from '../../shared/sim';
import type { GameState } from '../../shared/sim/types';

export function displayState(state: GameState, level: Level): GameState {
  return state.level === level ? state : { ...state, level };
}

export function roundScore(state: GameState, level: Level, multiplier: TimeMultiplier): number {
  const factor = multiplier === 'untimed' ? 1 : multiplier;
  let scored: GameState = { ...state, level };
  if (state.status === 'complete' && state.completedAt !== null) {
    const completedAt = Math.min(level.timeLimit, Math.ceil(state.completedAt / factor));
    scored = { ...scored, completedAt, tick: completedAt };
  }
  return score(scored).total;
}
