/** Every level of the pack can be played perfectly to the end, and replays to the same result. */
import { describe, expect, test } from 'vitest';
import { LEVELS } from '../../levels';
import { bestAction, createAutoplayer, hash, playLevel, replay, score } from '../../shared/sim';

describe('the level pack under the simulator', () => {
  test.each(LEVELS.map((level) => [level.id, level] as const))(
    '%s: perfect play completes with no mistake',
    (_, level) => {
      const run = playLevel(level, 1, bestAction);
      const s = score(run.state);
      expect(run.state.status).toBe('complete');
      expect(s.mistakes).toBe(0);
      expect(s.rejections).toBe(0);
      expect(hash(replay(level, 1, run.actions))).toBe(hash(run.state));
    },
  );

  test('a careless player never crashes on any level', () => {
    for (const level of LEVELS) {
      const run = playLevel(level, 2, createAutoplayer({ errorRate: 0.3, seed: 9 }));
      expect(run.state.status, level.id).not.toBe('crashed');
    }
  });
});
