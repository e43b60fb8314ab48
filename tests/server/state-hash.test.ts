import { describe, expect, test } from 'vitest';
import { LEVELS } from '../../levels';
import { stateHash } from '../../server/game/state-hash';
import { generateRushLevel } from '../../shared/level/rush';
import type { Level } from '../../shared/level/schema';
import { apply, createAutoplayer, createGame, hash, step } from '../../shared/sim';
import type { GameState } from '../../shared/sim/types';

const pack: Level[] = Array.isArray(LEVELS) ? [...LEVELS] : Object.values(LEVELS as Record<string, Level>);

/** Every state of a game played with slips, crashes included, tick by tick. */
function statesOf(level: Level, seed: number): GameState[] {
  const player = createAutoplayer({ errorRate: 0.3, seed });
  const states: GameState[] = [];
  let state = createGame(level, seed);
  for (let t = 0; t < level.timeLimit && state.status === 'running' && states.length < 3000; t++) {
    const action = player(state);
    if (action) state = apply(state, action).state;
    states.push(state);
    state = step(state).state;
    states.push(state);
  }
  return states;
}

describe('the server’s state hash', () => {
  test('equals the simulator’s hash on every state of every level and some rush levels', () => {
    let checked = 0;
    for (const level of [...pack, generateRushLevel(3), generateRushLevel(20_260_101)]) {
      for (const state of statesOf(level, 11)) {
        expect(stateHash(state), `${level.id} tick ${state.tick}`).toBe(hash(state));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  test('odd values hash as the simulator hashes them', () => {
    const base = createGame(pack[0]!, 1);
    const odd = {
      ...base,
      crash: { kind: 'dangling-pointer', message: 'quote " and back\\slash' },
      tally: { ...base.tally, extra: undefined, nan: Number.NaN, list: [undefined, null, -0, 1e21] },
    } as unknown as GameState;
    expect(stateHash(odd)).toBe(hash(odd));
  });
});
