/**
 * Rush levels played on the simulator: the perfect player finishes every one with three
 * stars and no mistakes, and the stars and the clock meet the level pack's standard
 * (`npm run levels:check`): three stars only for near-perfect play, two for a good person,
 * one or two for a decent person, who finishes in time.
 */
import { describe, expect, test } from 'vitest';
import { generateRushLevel } from '../../shared/level/rush';
import type { Level } from '../../shared/level/schema';
import {
  bestAction,
  CALIBRATION_SEEDS,
  type GameState,
  hash,
  type Player,
  playLevel,
  progress,
  REFERENCE_PLAYERS,
  replay,
  score,
} from '../../shared/sim';

const SEEDS = Array.from({ length: 50 }, (_, i) => i * 7_727 + 1);
const LEVELS: Level[] = [
  ...SEEDS.map((seed) => generateRushLevel(seed)),
  ...([1, 3] as const).flatMap((difficulty) =>
    [1, 5].map((rounds) => generateRushLevel(rounds * 31 + difficulty, { rounds, difficulty })),
  ),
];

/** Perfect decisions, each request left waiting `delay` ticks first (garbage is still freed at once). */
function slowPlayer(delay: number): Player {
  return (state: GameState) => {
    const action = bestAction(state);
    if (action?.type === 'free') return action;
    if (state.request && state.tick - state.request.since < delay) return null;
    return action;
  };
}

describe('the perfect player', () => {
  test.each(LEVELS.map((l) => [l.id, l] as const))('%s: complete, three stars, no mistakes', (_, level) => {
    const { state } = playLevel(level, level.rush!.seed, bestAction);
    expect(state.status).toBe('complete');
    expect(progress(state)).toBe(1);
    expect(state.tally.mistakes).toEqual({});
    expect(state.tally.rejections).toBe(0);
    expect(state.tally.stallTicks).toBe(0);
    const result = score(state);
    expect(result.stars).toBe(3);
    // Three stars is near perfect.
    expect(level.stars[2]).toBeGreaterThanOrEqual(Math.floor(result.total * 0.95));
    expect(level.stars[2]).toBeLessThanOrEqual(result.total);
    expect(state.completedAt!).toBeLessThan(level.timeLimit);
  });

  test.each(LEVELS.slice(0, 5).map((l) => [l.id, l] as const))(
    '%s: the recorded run replays to the same state',
    (_, level) => {
      const { state, actions } = playLevel(level, level.rush!.seed, bestAction);
      expect(hash(replay(level, level.rush!.seed, actions))).toBe(hash(state));
    },
  );
});

describe('the calibration: stars mean what they mean in the level pack', () => {
  const sample = LEVELS.filter((_, i) => i % 6 === 0);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const runs = (level: Level, player: (seed: number) => Player) =>
    CALIBRATION_SEEDS.map((seed) => playLevel(level, seed, player(seed)).state);

  test.each(sample.map((l) => [l.id, l] as const))(
    '%s: sloppy bot below three stars, good person two, decent one or two',
    (_, level) => {
      const sloppy = runs(level, REFERENCE_PLAYERS.sloppy).map((s) => score(s));
      expect(mean(sloppy.map((s) => s.total))).toBeLessThan(level.stars[2]);
      expect(sloppy.filter((s) => s.stars === 3).length * 2).toBeLessThan(sloppy.length);
      const good = mean(runs(level, REFERENCE_PLAYERS.good).map((s) => score(s).total));
      expect(good).toBeGreaterThanOrEqual(level.stars[1]);
      expect(good).toBeLessThan(level.stars[2]);
      const decent = runs(level, REFERENCE_PLAYERS.decent);
      // A decent person (3 s per move, a slip now and then) finishes every run in time.
      expect(decent.map((s) => s.status)).toEqual(decent.map(() => 'complete'));
      const decentMean = mean(decent.map((s) => score(s).total));
      expect(decentMean).toBeGreaterThanOrEqual(level.stars[0]);
      expect(decentMean).toBeLessThan(level.stars[2]);
    },
  );

  test.each(sample.map((l) => [l.id, l] as const))(
    '%s: a correct but slow player (a grace period per request) finishes',
    (_, level) => {
      const { state } = playLevel(level, level.rush!.seed, slowPlayer(level.grace - 1));
      expect(state.status).toBe('complete');
      expect(score(state).stars).toBeGreaterThanOrEqual(1);
    },
  );

  test.each(sample.map((l) => [l.id, l] as const))(
    '%s: answering each request a second late is not three-star play',
    (_, level) => {
      const { state } = playLevel(level, level.rush!.seed, slowPlayer(10));
      expect(state.status).toBe('complete');
      expect(score(state).stars).toBeLessThan(3);
    },
  );

  test('a tighter heap at higher difficulty: the perfect player must free garbage to fit', () => {
    for (const seed of SEEDS.slice(0, 10)) {
      const level = generateRushLevel(seed, { difficulty: 3 });
      // Without freeing, the program's objects would not all fit.
      const hoarder: Player = (state) => {
        const action = bestAction(state);
        return action?.type === 'free' ? null : action;
      };
      const { state } = playLevel(level, seed, hoarder);
      const ranOut = state.status !== 'complete' || score(state).total < level.stars[0];
      expect(ranOut).toBe(true);
    }
  });
});
