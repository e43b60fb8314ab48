/** The score, always recomputed from the tally: integers only, never stored. */
import { SERVICE_POINTS } from './requests';
import type { GameState, ScoreBreakdown } from './types';

export const MISTAKE_PENALTY = 75;
export const REJECTION_PENALTY = 10;
export const STALL_PENALTY = 2;
export const LEAK_BYTE_TICKS_PER_POINT = 256;
export const COMPLETION_BONUS = 300;
export const POINTS_PER_TICK_LEFT = 2;

export function score(state: GameState): ScoreBreakdown {
  const { tally, level } = state;
  let mistakeCount = 0;
  for (const concept in tally.mistakes)
    mistakeCount += tally.mistakes[concept as keyof typeof tally.mistakes] ?? 0;
  const serviced = SERVICE_POINTS * tally.serviced;
  const speed = tally.speedPoints;
  const mistakes = 0 - MISTAKE_PENALTY * mistakeCount;
  const rejections = 0 - REJECTION_PENALTY * tally.rejections;
  const stalls = 0 - STALL_PENALTY * tally.stallTicks;
  const leak = 0 - Math.floor(tally.leakByteTicks / LEAK_BYTE_TICKS_PER_POINT);
  const completion =
    state.status === 'complete'
      ? COMPLETION_BONUS +
        POINTS_PER_TICK_LEFT * Math.max(0, level.timeLimit - (state.completedAt ?? state.tick))
      : 0;
  const total = Math.max(0, serviced + speed + mistakes + rejections + stalls + leak + completion);
  const [one, two, three] = level.stars;
  const stars = total >= three ? 3 : total >= two ? 2 : total >= one ? 1 : 0;
  return {
    serviced,
    speed,
    mistakes,
    mistakesByConcept: { ...tally.mistakes },
    rejections,
    stalls,
    leak,
    completion,
    total,
    stars,
  };
}
