/**
 * A score by the room's rules, built on the simulator's own `score`; the server ranks
 * with it and a student's screen shows it, so both count the same points:
 * - the speed component is left out when the room turns the speed bonus off;
 * - the completion bonus counts the time left against the level's own time limit, with a
 *   student's extra time (1.5×, 2×) scaled away, so extra time is help, never an advantage.
 *   Untimed students are measured as if at 1×.
 * Games in a round run with no time limit of their own (the round's clock ends them), so
 * the level's limit is put back here for scoring only.
 */
import type { Level } from '../level/schema';
import { score } from '../sim';
import type { GameState, ScoreBreakdown } from '../sim/types';
import type { TimeMultiplier } from './views';

export interface ScoreRules {
  speedBonus: boolean;
  multiplier: TimeMultiplier;
}

export interface RoomScore {
  total: number;
  stars: 0 | 1 | 2 | 3;
  breakdown: ScoreBreakdown;
}

export function roomScore(state: GameState, level: Level, rules: ScoreRules): RoomScore {
  const factor = rules.multiplier === 'untimed' ? 1 : rules.multiplier;
  let scored: GameState = { ...state, level };
  if (state.status === 'complete' && state.completedAt !== null) {
    const completedAt = Math.min(level.timeLimit, Math.ceil(state.completedAt / factor));
    scored = { ...scored, completedAt, tick: completedAt };
  }
  const breakdown = score(scored);
  const total = rules.speedBonus ? breakdown.total : Math.max(0, breakdown.total - breakdown.speed);
  return { total, stars: starsFor(level, total), breakdown };
}

export function starsFor(level: Level, total: number): 0 | 1 | 2 | 3 {
  const [one, two, three] = level.stars;
  return total >= three ? 3 : total >= two ? 2 : total >= one ? 1 : 0;
}
