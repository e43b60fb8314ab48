/**
 * Tiny levels for the simulator's tests, written inline the way reducer tests define tiny
 * games, plus helpers to drive a game tick by tick.
 */
import { Level, type LevelInput, type Op } from '../../shared/level/schema';
import { apply, createGame, type GameState, type SimEvent, step } from '../../shared/sim';

export type LevelParts = Partial<Omit<LevelInput, 'machine'>> & {
  program: Op[];
  machine?: Partial<LevelInput['machine']>;
};

/** A valid level around `parts.program`: roomy machine, pace 1, grace 20, plenty of time. */
export function makeLevel(parts: LevelParts): Level {
  const { machine, ...rest } = parts;
  return Level.parse({
    id: 'test-level',
    order: 0,
    title: 'Test level',
    concept: 'heap',
    intro: ['A test.'],
    outro: ['Done.'],
    source: ['pass'],
    pace: 1,
    grace: 20,
    timeLimit: 2000,
    stars: [100, 200, 300],
    ...rest,
    machine: { stackBytes: 4096, recursionLimit: 1000, heapBytes: 1024, moduleFrameBytes: 64, ...machine },
  });
}

export function start(parts: LevelParts, seed = 1): GameState {
  return createGame(makeLevel(parts), seed);
}

/** Steps until a request is pending or the game ends (at most `limit` ticks); collects events. */
export function untilRequest(state: GameState, limit = 500): { state: GameState; events: SimEvent[] } {
  const events: SimEvent[] = [];
  let s = state;
  for (let i = 0; i < limit && s.status === 'running' && s.request === null; i++) {
    const r = step(s);
    events.push(...r.events);
    s = r.state;
  }
  return { state: s, events };
}

/** Steps `n` ticks. */
export function ticks(state: GameState, n: number): { state: GameState; events: SimEvent[] } {
  const events: SimEvent[] = [];
  let s = state;
  for (let i = 0; i < n; i++) {
    const r = step(s);
    events.push(...r.events);
    s = r.state;
  }
  return { state: s, events };
}

/** Applies an action that must be accepted and returns the new state. */
export function act(state: GameState, action: unknown): { state: GameState; events: SimEvent[] } {
  const r = apply(state, action);
  if (!r.ok) throw new Error(`action refused: ${r.reason}`);
  return { state: r.state, events: r.events };
}

/** Freezes a value and everything inside it, except the level (shared, and frozen separately if at all). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** The a → b → c call stack of the lesson (DESIGN.md, "Two levels, played out"). */
export const CALL_STACK_LEVEL: LevelParts = {
  id: 'call-stack',
  concept: 'call-stack',
  source: [
    'def a():',
    '    x = 1',
    '    b()',
    '    return',
    '',
    'def b():',
    '    y = 2',
    '    c()',
    '    return',
    '',
    'def c():',
    '    z = 3',
    '    return',
    '',
    'a()',
  ],
  machine: { stackBytes: 512, recursionLimit: 1000, heapBytes: 256 },
  functions: {
    a: { params: [], frameBytes: 96 },
    b: { params: [], frameBytes: 96 },
    c: { params: [], frameBytes: 96 },
  },
  pace: 5,
  grace: 20,
  program: [
    { op: 'call', line: 15, fn: 'a' },
    { op: 'bind', line: 2, name: 'x', value: { int: 1 } },
    { op: 'call', line: 3, fn: 'b' },
    { op: 'bind', line: 7, name: 'y', value: { int: 2 } },
    { op: 'call', line: 8, fn: 'c' },
    { op: 'bind', line: 12, name: 'z', value: { int: 3 } },
    { op: 'return', line: 13 },
    { op: 'return', line: 9 },
    { op: 'return', line: 4 },
  ],
};

/** The lesson's a/b cycle, then `big = [0] * 20` in a 256-byte heap. */
export const CYCLE_LEVEL: LevelParts = {
  id: 'the-cycle',
  concept: 'cycles',
  source: ['a = []', 'b = []', 'a.append(b)', 'b.append(a)', 'del a', 'del b', 'big = [0] * 20'],
  machine: { heapBytes: 256 },
  show: { refcounts: true, garbage: false, cycles: false },
  program: [
    { op: 'new', line: 1, objects: [{ id: 'a', value: { list: [] }, bind: 'a' }] },
    { op: 'new', line: 2, objects: [{ id: 'b', value: { list: [] }, bind: 'b' }] },
    { op: 'set', line: 3, target: { name: 'a' }, value: { name: 'b' } },
    { op: 'set', line: 4, target: { name: 'b' }, value: { name: 'a' } },
    { op: 'unbind', line: 5, name: 'a' },
    { op: 'unbind', line: 6, name: 'b' },
    {
      op: 'new',
      line: 7,
      objects: [{ id: 'big', value: { list: [{ repeat: { int: 0 }, times: 20 }] }, bind: 'big' }],
    },
  ],
};
