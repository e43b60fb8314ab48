/**
 * The score a student's screen shows and the score the server ranks come from one rule:
 * every combination of the room's speed-bonus switch and a student's time multiplier
 * gives the same number on both sides, for finished and unfinished games.
 */
import { describe, expect, test } from 'vitest';
import { roundScore } from '../../client/src/score';
import { roomScore } from '../../server/game/room-score';
import type { TimeMultiplier } from '../../shared/protocol';
import { createAutoplayer, playLevel, score } from '../../shared/sim';
import { CALL_STACK } from './helpers/test-levels';

const multipliers: TimeMultiplier[] = [1, 1.5, 2, 'untimed'];

describe('the room score is shared by the server and the student screen', () => {
  const runs = [0, 0.2, 0.5].map((errorRate, i) => {
    const { state } = playLevel(CALL_STACK, 7 + i, createAutoplayer({ errorRate, seed: i + 1 }));
    return state;
  });

  test.each(multipliers)('multiplier %s, speed bonus on and off', (multiplier) => {
    for (const state of runs) {
      for (const speedBonus of [true, false]) {
        const server = roomScore(state, CALL_STACK, { speedBonus, multiplier }).total;
        expect(roundScore(state, CALL_STACK, multiplier, speedBonus)).toBe(server);
      }
    }
  });

  test('turning the speed bonus off takes the speed points away on the student screen too', () => {
    const perfect = runs[0]!;
    const speed = score(perfect).speed;
    expect(speed).toBeGreaterThan(0);
    const on = roundScore(perfect, CALL_STACK, 1, true);
    const off = roundScore(perfect, CALL_STACK, 1, false);
    expect(on - off).toBe(speed);
  });
});
