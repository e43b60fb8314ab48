/** The score: recomputed from the tally, integers only, each part as the rules state it. */
import { describe, expect, test } from 'vitest';
import { type GameState, score } from '../../shared/sim';
import { start } from './fixtures';

function withTally(patch: Partial<GameState['tally']>, rest: Partial<GameState> = {}): GameState {
  const s = start({ timeLimit: 1000, stars: [100, 500, 1000], program: [{ op: 'say', line: 1, text: 'x' }] });
  return { ...s, ...rest, tally: { ...s.tally, ...patch } };
}

describe('score', () => {
  test('a fresh game scores nothing', () => {
    expect(score(withTally({}))).toEqual({
      serviced: 0,
      speed: 0,
      mistakes: 0,
      mistakesByConcept: {},
      rejections: 0,
      stalls: 0,
      leak: 0,
      completion: 0,
      total: 0,
      stars: 0,
    });
  });

  test('100 per request serviced plus the speed points earned', () => {
    const s = score(withTally({ serviced: 3, speedPoints: 95 }));
    expect(s).toMatchObject({ serviced: 300, speed: 95, total: 395, stars: 1 });
  });

  test('-75 per mistake, -10 per rejection, -2 per stall tick, -1 per 256 leaked byte-ticks', () => {
    const s = score(
      withTally({
        serviced: 20,
        mistakes: { 'call-stack': 2, heap: 1 },
        rejections: 3,
        stallTicks: 7,
        leakByteTicks: 256 * 4 + 255,
      }),
    );
    expect(s).toMatchObject({
      serviced: 2000,
      mistakes: -225,
      mistakesByConcept: { 'call-stack': 2, heap: 1 },
      rejections: -30,
      stalls: -14,
      leak: -4,
      total: 2000 - 225 - 30 - 14 - 4,
      stars: 3,
    });
  });

  test('completion earns 300 and 2 per tick left; a crash or timeout earns none', () => {
    expect(score(withTally({}, { status: 'complete', completedAt: 400 })).completion).toBe(300 + 2 * 600);
    expect(score(withTally({}, { status: 'crashed', completedAt: null })).completion).toBe(0);
    expect(score(withTally({}, { status: 'timeout', tick: 1000 })).completion).toBe(0);
  });

  test('the total never drops below zero', () => {
    expect(score(withTally({ mistakes: { recursion: 10 } })).total).toBe(0);
  });

  test('stars follow the level’s thresholds', () => {
    const stars = (serviced: number) => score(withTally({ serviced })).stars;
    expect([stars(0), stars(1), stars(4), stars(5), stars(9), stars(10)]).toEqual([0, 1, 1, 2, 2, 3]);
  });
});
