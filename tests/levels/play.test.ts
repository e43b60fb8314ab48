import { describe, expect, test } from 'vitest';
import { LEVELS } from '../../levels';
import { checkLevel } from '../../levels/check';
import { createHumanlikePlayer, hash, lintLevel, PERFECT, playLevel, replay, score } from '../../shared/sim';

const cases = LEVELS.map((level) => [level.id, level] as const);

describe('playing the levels', () => {
  test.each(cases)('%s: perfect play completes with three stars and no slip', (_id, level) => {
    const { state, actions } = playLevel(level, 7, PERFECT);
    const result = score(state);
    expect(state.status).toBe('complete');
    expect(result.stars).toBe(3);
    expect(result.mistakesByConcept).toEqual({});
    expect(result.rejections).toBe(0);
    expect(result.stalls).toBe(0);
    // A recorded run replays to the very same state.
    expect(hash(replay(level, 7, actions))).toBe(hash(state));
  });

  test.each(cases)('%s: the program does nothing Python would refuse (dry run)', (_id, level) => {
    expect(lintLevel(level)).toEqual([]);
  });

  test.each(cases)('%s: stars separate perfect, sloppy and decent play', (id, level) => {
    expect(checkLevel(level, `${String(level.order).padStart(2, '0')}-${id}.json`).problems).toEqual([]);
  });

  test('a player who is too slow runs out of time', () => {
    const level = LEVELS[0]!;
    const { state } = playLevel(
      level,
      1,
      createHumanlikePlayer({ reactionTicks: level.timeLimit, errorRate: 0, seed: 1 }),
    );
    expect(state.status).toBe('timeout');
  });
});
