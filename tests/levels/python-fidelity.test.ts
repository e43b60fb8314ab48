/**
 * Each level's `source` is real Python: run it with python3 (CPython 3.11, the version the
 * object sizes follow) and check that the simulator, played perfectly, does what CPython
 * does — same calls and returns at the same depths, RecursionError at the same depth,
 * MemoryError on the same line, the same object sizes, return values, printed lines and
 * answers to the asks. Skipped when python3 3.11 is not installed.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { LEVELS, levelById } from '../../levels';
import type { Level, Op } from '../../shared/level/schema';
import { compareWithPython, harnessSpec, type PythonResult, pythonVersion, runPython } from './python-run';
import { type SimTrace, traceLevel } from './sim-trace';

const version = pythonVersion();
const hasPython311 = version?.startsWith('3.11.') ?? false;

let mutants = 0;

function mutant(id: string, change: (level: Level) => void): Level {
  const level = structuredClone(levelById(id)!);
  level.id = `${id}-mutant-${++mutants}`;
  change(level);
  return level;
}

function findOp<T extends Op['op']>(
  ops: Op[],
  kind: T,
  test: (op: Extract<Op, { op: T }>) => boolean,
): Extract<Op, { op: T }> {
  for (const op of ops) {
    if (op.op === kind && test(op as Extract<Op, { op: T }>)) return op as Extract<Op, { op: T }>;
    const inner = op.op === 'repeat' ? op.body : op.op === 'try' ? [...op.body, ...op.handler] : [];
    try {
      return findOp(inner, kind, test);
    } catch {}
  }
  throw new Error(`no ${kind} op found`);
}

/** Levels broken on purpose, each in one way the check must notice. */
const MUTANTS: [name: string, level: Level, problem: RegExp][] = [
  [
    'a recursion limit one frame too high',
    mutant('deep-recursion', (l) => (l.machine.recursionLimit = 13)),
    /frame event \d+: python "raise RecursionError @10"/,
  ],
  [
    'a list size CPython does not give',
    mutant('list-on-the-heap', (l) => {
      const made = findOp(l.program, 'new', (op) => op.objects[0]!.id === 'data');
      (made.objects[0]!.value as { capacity?: number }).capacity = 8;
    }),
    /sys\.getsizeof\(data\) is 104, the simulator's data is 120/,
  ],
  [
    'a container that grows differently from CPython',
    mutant('alias-or-copy', (l) => {
      const copy = findOp(l.program, 'new', (op) => op.objects[0]!.id === 'list2');
      (copy.objects[0]!.value as { capacity?: number }).capacity = 5;
    }),
    /after it sys\.getsizeof\(list2\) is 120, the simulator's list2 is 96/,
  ],
  [
    'a wrong answer about identity',
    mutant('identity', (l) => {
      findOp(l.program, 'ask', (op) => op.check === 'a is b').correct = 0;
    }),
    /python says a is b = False/,
  ],
  [
    'a wrong return value',
    mutant('deep-recursion', (l) => {
      findOp(l.program, 'return', (op) => JSON.stringify(op.value) === '{"int":15}').value = { int: 16 };
    }),
    /return #5 gives \{"int":16\} in the level, 15 in python/,
  ],
  [
    'a missing call',
    mutant('call-stack', (l) => {
      l.program = l.program.filter((op) => !(op.op === 'call' && op.fn === 'c'));
    }),
    /frame event 2: python "call c @4", simulator "return b @3"/,
  ],
  [
    'a limit the source does not set',
    mutant('infinite-recursion', (l) => {
      l.source[1] = 'sys.setrecursionlimit(9)';
    }),
    /frame event/,
  ],
  [
    'a MemoryError real Python never raises',
    mutant('generators', (l) => {
      l.source[5] = 'pass  # no limit';
    }),
    /python never raises MemoryError/,
  ],
  [
    'a print the level does not narrate',
    mutant('call-stack', (l) => {
      findOp(l.program, 'say', (op) => op.text === 'C done').text = 'c done';
    }),
    /python prints \["C done","B done","A done"\], the level's print lines say \["c done","B done","A done"\]/,
  ],
  [
    'a preplaced object of the wrong size',
    mutant('fragmentation', (l) => {
      l.preplaced[0]!.object.value = { list: [{ repeat: { int: 0 }, times: 5 }] };
    }),
    /preplaced\[0\]: sys\.getsizeof\(a\) is 88, the simulator's is 96/,
  ],
];

describe.runIf(hasPython311)(`the levels against CPython ${version ?? '(absent)'}`, () => {
  const traces = new Map<string, SimTrace>();
  const results = new Map<string, PythonResult>();

  beforeAll(() => {
    const levels = [...LEVELS, ...MUTANTS.map(([, level]) => level)];
    for (const level of levels) traces.set(level.id, traceLevel(level));
    const out = runPython(levels.map((level) => harnessSpec(level, traces.get(level.id)!)));
    for (const result of out) results.set(result.id, result);
  }, 600_000);

  test.each(LEVELS.map((l) => [l.id, l] as const))(
    '%s does in CPython what it does in the game',
    (id, level) => {
      expect(compareWithPython(level, traces.get(id)!, results.get(id)!)).toEqual([]);
    },
  );

  test.each(MUTANTS)('notices %s', (_name, level, problem) => {
    const problems = compareWithPython(level, traces.get(level.id)!, results.get(level.id)!);
    expect(problems.join('\n')).toMatch(problem);
  });

  test('the recursion limit: with sys.setrecursionlimit(L) the deepest stack is L frames, <module> included', () => {
    const result = results.get('infinite-recursion')!;
    expect(result.standalone.uncaught).toEqual({
      type: 'RecursionError',
      frames: levelById('infinite-recursion')!.machine.recursionLimit,
    });
  });

  test('the MemoryError level really runs out of memory in CPython', () => {
    const events = results.get('generators')!.traced.events;
    expect(events).toContainEqual(['raise', 'MemoryError', 14, 1]);
  });
});

describe('python3', () => {
  test('the fidelity check runs wherever python3 3.11 is installed', () => {
    // Informational when absent: the suite above is skipped rather than failing.
    expect(version === null || /^\d+\.\d+\.\d+/.test(version)).toBe(true);
  });
});
