/**
 * Hand-built levels and states for the visual harness and the unit tests: they follow
 * `shared/sim/types.ts` exactly, so the board can be drawn and checked without running
 * the simulator.
 */
import type { Level } from '../../../shared/level/schema';
import type { Frame, GameState, Request, SimObject } from '../../../shared/sim/types';

export const STACK_LEVEL: Level = {
  id: 'call-stack',
  order: 1,
  title: 'The call stack',
  concept: 'call-stack',
  intro: [
    'Every time a function is called, Python pushes a frame onto the call stack: a box for its local names.',
    'When the function returns, its frame is popped. The last frame pushed is the first one popped.',
  ],
  outro: ['a() called b(), b() called c(): three frames, popped in the reverse order. That is LIFO.'],
  source: [
    'def a():',
    '    x = 1',
    '    b()',
    '    return',
    '',
    'def b():',
    '    y = [1, 2, 3]',
    '    c()',
    '    return',
    '',
    'def c():',
    '    z = 3',
    '    return',
    '',
    'a()',
  ],
  machine: { stackBytes: 512, recursionLimit: 1000, heapBytes: 256, moduleFrameBytes: 64 },
  functions: {
    a: { params: [], frameBytes: 96 },
    b: { params: [], frameBytes: 96 },
    c: { params: [], frameBytes: 80 },
  },
  preplaced: [],
  program: [
    { op: 'call', line: 15, fn: 'a' },
    { op: 'bind', line: 2, name: 'x', value: { int: 1 } },
    { op: 'call', line: 3, fn: 'b' },
    {
      op: 'new',
      line: 7,
      objects: [{ id: 'y', value: { list: [{ int: 1 }, { int: 2 }, { int: 3 }] }, bind: 'y' }],
    },
    { op: 'call', line: 8, fn: 'c' },
    { op: 'bind', line: 12, name: 'z', value: { int: 3 } },
    { op: 'return', line: 13 },
    { op: 'return', line: 9 },
    { op: 'return', line: 4 },
  ],
  pace: 5,
  grace: 20,
  timeLimit: 900,
  stars: [600, 900, 1200],
  show: { refcounts: true, garbage: true, cycles: true },
};

export function shelfObject(id: string, kind: SimObject['kind'], label: string, size: number): SimObject {
  return { id, kind, label, size, refs: [], address: null, shelf: true };
}

export function heapObject(
  id: string,
  kind: SimObject['kind'],
  label: string,
  size: number,
  address: number | null,
  refs: string[] = [],
): SimObject {
  return { id, kind, label, size, refs, address, shelf: false };
}

export function frame(fn: string, size: number, locals: Record<string, string> = {}, returnLine = 0): Frame {
  return { fn, locals, size, returnLine };
}

/** A state of `level` with the given stack, objects and request; everything else at its start values. */
export function makeState(
  level: Level,
  parts: { stack?: Frame[]; objects?: SimObject[]; request?: Request | null; line?: number; tick?: number },
): GameState {
  const objects: Record<string, SimObject> = {};
  for (const o of parts.objects ?? []) objects[o.id] = o;
  return {
    level,
    seed: 1,
    rng: 1,
    tick: parts.tick ?? 40,
    status: 'running',
    crash: null,
    stack: parts.stack ?? [frame('<module>', level.machine.moduleFrameBytes)],
    objects,
    program: { cursors: [], done: false, nextOpAt: 0, line: parts.line ?? 1 },
    request: parts.request ?? null,
    raising: null,
    tally: { serviced: 3, speedPoints: 120, mistakes: {}, rejections: 0, stallTicks: 0, leakByteTicks: 0 },
    nextObjectNumber: 0,
    aliases: {},
    temps: [],
    completedAt: null,
  };
}

/** The call-stack level in the middle: a() and b() pushed, `y` placed, c() called. */
export function midStackState(): GameState {
  return makeState(STACK_LEVEL, {
    line: 8,
    stack: [frame('<module>', 64), frame('a', 96, { x: 'int:1' }, 15), frame('b', 96, { y: 'y' }, 3)],
    objects: [
      shelfObject('int:1', 'int', '1', 28),
      shelfObject('int:2', 'int', '2', 28),
      shelfObject('int:3', 'int', '3', 28),
      shelfObject('None', 'none', 'None', 16),
      heapObject('y', 'list', '[1, 2, 3]', 88, 16, ['int:1', 'int:2', 'int:3']),
    ],
    request: { kind: 'push', fn: 'c', line: 8, since: 38, overflow: false },
  });
}

export const CYCLE_LEVEL: Level = {
  ...STACK_LEVEL,
  id: 'cycle',
  order: 9,
  title: 'The cycle',
  concept: 'cycles',
  source: ['a = []', 'b = []', 'a.append(b)', 'b.append(a)', 'del a', 'del b', 'big = [0] * 20'],
  functions: {},
  program: [
    { op: 'new', line: 7, objects: [{ id: 'big', value: { list: [{ repeat: { int: 0 }, times: 20 }] } }] },
  ],
  machine: { stackBytes: 512, recursionLimit: 1000, heapBytes: 256, moduleFrameBytes: 64 },
};

/** Two lists that point at each other and nothing else reaches, while a 216 B list waits. */
export function cycleState(): GameState {
  return makeState(CYCLE_LEVEL, {
    line: 7,
    objects: [
      shelfObject('int:0', 'int', '0', 28),
      heapObject('a', 'list', '[[...]]', 88, 0, ['b']),
      heapObject('b', 'list', '[[...]]', 88, 120, ['a']),
      heapObject('big', 'list', '[0, 0, 0, …]', 216, null, Array(20).fill('int:0')),
    ],
    request: {
      kind: 'place',
      objectIds: ['big'],
      line: 7,
      since: 30,
      outOfMemory: false,
      bind: { big: 'big' },
      resize: null,
    },
  });
}

export const CROWDED_LEVEL: Level = {
  ...STACK_LEVEL,
  id: 'crowded',
  title: 'A crowded heap',
  concept: 'fragmentation',
  machine: { stackBytes: 4096, recursionLimit: 1000, heapBytes: 16384, moduleFrameBytes: 64 },
  show: { refcounts: true, garbage: true, cycles: false },
};

/** 150 objects of every kind spread over a 16 KB heap, with a list in `<module>` holding most of them. */
export function crowdedState(count = 150): GameState {
  const kinds: [SimObject['kind'], (i: number) => string, number][] = [
    ['int', (i) => String(1000 + i * 37), 28],
    ['float', (i) => `${i}.5`, 24],
    ['str', (i) => `'word${i}'`, 53],
    ['list', (i) => `[${i}, ${i + 1}]`, 72],
    ['tuple', (i) => `(${i}, ${i})`, 56],
    ['dict', (i) => `{'k': ${i}}`, 184],
    ['set', (i) => `{${i}}`, 216],
    ['bytes', (i) => `b'…${i}'`, 40],
  ];
  const objects: SimObject[] = [];
  let address = 0;
  for (let i = 0; i < count; i++) {
    const [kind, label, size] = kinds[i % kinds.length]!;
    const refs = kind === 'list' && i > 0 ? [`o${i - 1}`] : [];
    objects.push(heapObject(`o${i}`, kind, label(i), size, address, refs));
    address += Math.ceil(size / 8) * 8 + (i % 3 === 0 ? 8 : 0);
  }
  const holder = heapObject(
    'holder',
    'list',
    '[…150 items]',
    56 + 8 * count,
    null,
    objects.filter((_, i) => i % 5 !== 4).map((o) => o.id),
  );
  objects.push(holder);
  return makeState(CROWDED_LEVEL, {
    line: 1,
    stack: [frame('<module>', 64, { items: 'o3', last: 'o149', first: 'o0' })],
    objects,
    request: {
      kind: 'place',
      objectIds: ['holder'],
      line: 1,
      since: 30,
      outOfMemory: false,
      bind: { holder: 'holder' },
      resize: null,
    },
  });
}
