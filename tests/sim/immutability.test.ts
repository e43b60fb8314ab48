/** step and apply never change the state they are given: frozen states go through whole runs. */
import { describe, expect, test } from 'vitest';
import { apply, createAutoplayer, createGame, type GameState, step } from '../../shared/sim';
import { CALL_STACK_LEVEL, CYCLE_LEVEL, deepFreeze, type LevelParts, makeLevel } from './fixtures';

const GROWING: LevelParts = {
  machine: { heapBytes: 512, recursionLimit: 5 },
  functions: { f: { params: ['x'], frameBytes: 64 } },
  program: [
    { op: 'new', line: 1, objects: [{ id: 'acc', value: { list: [] }, bind: 'acc' }] },
    { op: 'new', line: 2, objects: [{ id: 'wall', value: { float: 0.5 } }] },
    {
      op: 'repeat',
      line: 3,
      times: 5,
      body: [
        { op: 'call', line: 4, fn: 'f', args: { x: { name: 'acc' } } },
        { op: 'new', line: 5, objects: [{ id: 'item', value: { str: 'item text!' }, bind: 'item' }] },
        { op: 'set', line: 6, target: { name: 'x' }, value: { name: 'item' } },
        { op: 'return', line: 7, value: { name: 'item' }, bind: 'last' },
        { op: 'drop', line: 8, target: { name: 'acc' }, index: 0 },
      ],
    },
    {
      op: 'try',
      line: 9,
      error: 'RecursionError',
      body: [{ op: 'repeat', line: 10, times: 9, body: [{ op: 'call', line: 10, fn: 'f' }] }],
      handler: [{ op: 'unbind', line: 11, name: 'acc' }],
    },
  ],
};

/** Plays a level with every input state frozen; returns the final state. */
function frozenRun(parts: LevelParts, errorRate: number, seed: number): GameState {
  const level = deepFreeze(makeLevel(parts));
  const player = createAutoplayer({ errorRate, seed });
  let state = deepFreeze(createGame(level, seed));
  while (state.status === 'running') {
    for (let i = 0; i < 8; i++) {
      const action = player(state);
      if (!action) break;
      const input = state;
      const snapshot = JSON.stringify({ ...input, level: undefined });
      state = deepFreeze(apply(input, action).state);
      expect(JSON.stringify({ ...input, level: undefined })).toBe(snapshot);
    }
    const input = state;
    const snapshot = JSON.stringify({ ...input, level: undefined });
    state = deepFreeze(step(input).state);
    expect(JSON.stringify({ ...input, level: undefined })).toBe(snapshot);
  }
  return state;
}

describe('immutability', () => {
  test.each([
    ['the call stack', CALL_STACK_LEVEL],
    ['the cycle', CYCLE_LEVEL],
    ['growing lists, arguments, recursion', GROWING],
  ])('%s: a run over frozen states works and never writes to an input', (_, parts) => {
    for (const [errorRate, seed] of [
      [0, 1],
      [0.3, 2],
      [0.5, 3],
    ] as const) {
      const end = frozenRun(parts, errorRate, seed);
      expect(['complete', 'timeout']).toContain(end.status);
    }
  });

  test('a refused action hands back the very same (frozen) state', () => {
    const state = deepFreeze(createGame(makeLevel(CALL_STACK_LEVEL), 1));
    expect(apply(state, { type: 'free' }).state).toBe(state);
  });
});
