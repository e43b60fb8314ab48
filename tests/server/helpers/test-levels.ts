/**
 * Tiny levels written inline, so that room tests know every move: the lesson's call
 * stack with one list on the heap.
 */
import { Level } from '../../../shared/level/schema';

/**
 * push a; (x = 1); place data; push b; pop b; (del data: garbage) free data; pop a.
 * Pace 5 ticks, grace 20, 60 s.
 */
export const CALL_STACK = Level.parse({
  id: 'test-call-stack',
  order: 0,
  title: 'The call stack',
  concept: 'call-stack',
  intro: ['Functions call functions.'],
  outro: ['Last in, first out.'],
  source: [
    'def b():',
    '    return',
    'def a():',
    '    x = 1',
    '    data = [1, 2]',
    '    b()',
    '    del data',
    'a()',
  ],
  machine: { stackBytes: 512, recursionLimit: 1000, heapBytes: 256 },
  functions: { a: { frameBytes: 96 }, b: { frameBytes: 64 } },
  program: [
    { op: 'call', line: 8, fn: 'a' },
    { op: 'bind', line: 4, name: 'x', value: { int: 1 } },
    {
      op: 'new',
      line: 5,
      objects: [{ id: 'data', value: { list: [{ int: 1 }, { int: 2 }] }, bind: 'data' }],
    },
    { op: 'call', line: 6, fn: 'b' },
    { op: 'return', line: 2 },
    { op: 'unbind', line: 7, name: 'data' },
    { op: 'return', line: 7 },
  ],
  pace: 5,
  grace: 20,
  timeLimit: 600,
  stars: [300, 600, 900],
});
