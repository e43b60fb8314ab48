/**
 * In a room the board shows the room's score, not the simulator's own: with the speed
 * bonus off the speed points are gone from the breakdown and from the total.
 */
import { describe, expect, test } from 'vitest';
import { viewsOf } from '../../client/src/game/sim-views';
import { roundBreakdown, roundScore } from '../../client/src/score';
import { LEVELS } from '../../levels';
import { bestAction, playLevel, score } from '../../shared/sim';

describe('the board in a room', () => {
  const level = LEVELS[0]!;
  const { state } = playLevel(level, 1, bestAction);

  test('speed bonus off: no speed points, and the room total the server ranks', () => {
    const own = score(state);
    expect(own.speed).toBeGreaterThan(0);
    const shown = roundBreakdown(state, level, 1, false);
    expect(shown.speed).toBe(0);
    expect(shown.total).toBe(roundScore(state, level, 1, false));
    expect(shown.total).toBe(own.total - own.speed);
  });

  test('speed bonus on: the simulator total', () => {
    expect(roundBreakdown(state, level, 1, true).total).toBe(score(state).total);
  });

  test('the board views take the score rule they are given', () => {
    expect(viewsOf(state).score.total).toBe(score(state).total);
    const views = viewsOf(state, (s) => roundBreakdown(s, level, 1, false));
    expect(views.score.total).toBe(roundScore(state, level, 1, false));
  });
});
