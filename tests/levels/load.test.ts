import { describe, expect, test } from 'vitest';
import { formatPath, LevelError, parseLevel } from '../../shared/level/load';
import type { LevelInput, Op } from '../../shared/level/schema';

/** A small valid level; each test breaks one thing in a copy. */
function base(): LevelInput {
  return {
    id: 'tiny',
    order: 1,
    title: 'Tiny',
    concept: 'call-stack',
    intro: ['Push f.'],
    outro: ['Done.'],
    source: ['def f(n):', '    x = [n, 1000]', '    return x', '', 'f(1)'],
    machine: { stackBytes: 512, recursionLimit: 10, heapBytes: 256 },
    functions: { f: { params: ['n'], frameBytes: 64 } },
    preplaced: [{ object: { id: 'old', value: { float: 1.5 }, bind: 'old' }, address: 0 }],
    program: [
      { op: 'call', line: 5, fn: 'f', args: { n: { int: 1 } } },
      {
        op: 'new',
        line: 2,
        objects: [{ id: 'x', value: { list: [{ name: 'n' }, { int: 1000 }] }, bind: 'x' }],
      },
      { op: 'return', line: 3, value: { ref: 'x' } },
    ],
    pace: 5,
    grace: 30,
    timeLimit: 600,
    stars: [100, 200, 300],
  };
}

function problemsOf(json: unknown, file = 'levels/99-tiny.json'): string[] {
  try {
    parseLevel(json, file);
  } catch (error) {
    expect(error).toBeInstanceOf(LevelError);
    return (error as Error).message.split('\n');
  }
  throw new Error('the level was accepted');
}

function edit(change: (level: LevelInput & Record<string, unknown>) => void): unknown {
  const level = structuredClone(base()) as LevelInput & Record<string, unknown>;
  change(level);
  return level;
}

describe('parseLevel', () => {
  test('accepts a valid level and fills in defaults', () => {
    const level = parseLevel(base(), 'levels/99-tiny.json');
    expect(level.id).toBe('tiny');
    expect(level.machine.moduleFrameBytes).toBe(64);
    expect(level.show).toEqual({ refcounts: false, garbage: false, cycles: false });
  });

  test('formats paths the way a reader writes them', () => {
    expect(formatPath(['program', 3, 'objects', 0, 'value'])).toBe('program[3].objects[0].value');
    expect(formatPath([])).toBe('');
  });

  test('a schema problem names the file, the path and what is wrong', () => {
    const json = edit((l) => {
      (l.program[1] as { objects: { value: unknown }[] }).objects[0]!.value = { lst: [] };
    });
    expect(problemsOf(json)).toEqual([
      'levels/99-tiny.json: program[1].objects[0].value: unknown value kind "lst": a value is an object with one of the keys int, float, str, bytes, list, tuple, dict, set, none, bool, ref, name, repeat',
    ]);
  });

  test('the error carries the file and each problem separately', () => {
    try {
      parseLevel(
        edit((l) => {
          l.pace = 0;
          l.title = '';
        }),
        'levels/x.json',
      );
      expect.unreachable();
    } catch (error) {
      const e = error as LevelError;
      expect(e.fileName).toBe('levels/x.json');
      expect(e.problems).toEqual([
        { path: 'title', problem: 'must not be empty (got the text "")' },
        { path: 'pace', problem: 'must be at least 1 (got the number 0)' },
      ]);
    }
  });

  test.each([
    [
      'a missing field',
      (l: Record<string, unknown>) => delete l.timeLimit,
      'timeLimit: is missing (expected number)',
    ],
    [
      'a wrong type',
      (l: Record<string, unknown>) => (l.order = 'first'),
      'order: expected number, got the text "first"',
    ],
    [
      'an unknown field',
      (l: Record<string, unknown>) => (l.colour = 'red'),
      '(the whole level): unknown field "colour"',
    ],
    [
      'an unknown op',
      (l: LevelInput) => ((l.program[0] as { op: string }).op = 'jump'),
      'program[0].op: unknown op "jump" (expected one of call, return, new, bind, set, drop, unbind, ask, say, repeat, try)',
    ],
    [
      'a bad concept',
      (l: Record<string, unknown>) => (l.concept = 'pointers'),
      'concept: must be one of "memory-units", "call-stack", "locals", "heap", "getsizeof", "fragmentation", "recursion", "references", "identity", "refcount", "cycles", "best-practice", "common-mistakes" (got the text "pointers")',
    ],
    [
      'a value that is not an object',
      (l: LevelInput) => ((l.program[0] as { args: Record<string, unknown> }).args.n = 5),
      'program[0].args.n: expected a value such as {"int": 5} or {"list": [...]}, got the number 5',
    ],
    [
      'a nested value of the wrong type',
      (l: LevelInput) =>
        ((l.program[1] as { objects: { value: { list: unknown[] } }[] }).objects[0]!.value.list[1] = {
          int: 1.5,
        }),
      'program[1].objects[0].value.list[1].int: expected int or string, got the number 1.5',
    ],
    [
      'falling stars',
      (l: LevelInput) => (l.stars = [300, 200, 100]),
      'stars: star thresholds must rise: one < two < three',
    ],
    [
      'a heap that is not whole cells',
      (l: LevelInput) => (l.machine.heapBytes = 100),
      'machine.heapBytes: heapBytes must be a multiple of 8',
    ],
  ])('schema: %s', (_name, change, problem) => {
    expect(problemsOf(edit(change as (l: LevelInput & Record<string, unknown>) => void))).toEqual([
      `levels/99-tiny.json: ${problem}`,
    ]);
  });

  test.each([
    [
      'a call to an undefined function',
      (l: LevelInput) => ((l.program[0] as { fn: string }).fn = 'g'),
      'program[0].fn: calls "g", which is not in functions (defined: f)',
    ],
    [
      'call arguments that do not match the parameters',
      (l: LevelInput) => ((l.program[0] as { args: Record<string, unknown> }).args = { m: { int: 1 } }),
      'program[0].args: f(n) is called with (m): no value for "n"; "f" has no parameter "m"',
    ],
    [
      'an object id used twice',
      (l: LevelInput) =>
        l.program.push({ op: 'new', line: 2, objects: [{ id: 'old', value: { float: 2.5 } }] }),
      'program[3].objects[0].id: object id "old" is already used at preplaced[0].object.id: ids must be unique',
    ],
    [
      'a reference to an object that was never made',
      (l: LevelInput) => ((l.program[2] as { value: unknown }).value = { ref: 'nope' }),
      'program[2].value.ref: no object made before this point has id "nope"',
    ],
    [
      'a line that does not exist',
      (l: LevelInput) => ((l.program[2] as Op).line = 9),
      'program[2].line: line 9 does not exist: the source has 5 lines',
    ],
    [
      'a blank line',
      (l: LevelInput) => ((l.program[2] as Op).line = 4),
      'program[2].line: line 4 of the source is blank',
    ],
    [
      'an answer past the options',
      (l: LevelInput) =>
        l.program.push({
          op: 'ask',
          line: 5,
          question: 'q?',
          options: ['a', 'b'],
          correct: 2,
          concept: 'heap',
          explain: 'e',
        }),
      'program[3].correct: is 2 but there are only 2 options (counted from 0)',
    ],
    [
      'a new op that makes no heap object',
      (l: LevelInput) => l.program.push({ op: 'new', line: 5, objects: [{ id: 'five', value: { int: 5 } }] }),
      'program[3].objects[0].value: makes no new heap object (a shared shelf value or a reference): use a bind op instead',
    ],
    [
      'a preplaced object past the end of the heap',
      (l: LevelInput) => (l.preplaced![0]!.address = 240),
      'preplaced[0]: object "old" (24 bytes at 240) ends at byte 264, past the end of the 256-byte heap',
    ],
    [
      'a preplaced object off the cell grid',
      (l: LevelInput) => (l.preplaced![0]!.address = 4),
      'preplaced[0].address: address 4 is not a multiple of 8 (heap cells are 8 bytes)',
    ],
    [
      'a preplaced shelf object',
      (l: LevelInput) => (l.preplaced![0]!.object.value = { int: 7 }),
      'preplaced[0].object.value: is a shelf object (small int, None, bool or interned str): it is never placed on the heap',
    ],
  ])('semantic check: %s', (_name, change, problem) => {
    expect(problemsOf(edit(change as (l: LevelInput & Record<string, unknown>) => void))).toEqual([
      `levels/99-tiny.json: ${problem}`,
    ]);
  });

  test('overlapping preplaced objects name both', () => {
    const json = edit((l) => {
      l.preplaced!.push({
        object: { id: 'other', value: { list: [{ int: 1 }, { int: 2 }, { int: 3 }] } },
        address: 16,
      });
    });
    expect(problemsOf(json)).toEqual([
      'levels/99-tiny.json: preplaced[1]: object "other" (bytes 16..103) overlaps preplaced[0] (bytes 0..23)',
    ]);
  });

  test('checks inside repeat and try bodies too', () => {
    const json = edit((l) => {
      l.program.push({
        op: 'try',
        line: 5,
        error: 'RecursionError',
        body: [{ op: 'repeat', line: 5, times: 2, body: [{ op: 'call', line: 5, fn: 'h' }] }],
        handler: [{ op: 'say', line: 7, text: 'x' }],
      });
    });
    expect(problemsOf(json)).toEqual([
      'levels/99-tiny.json: program[3].body[0].body[0].fn: calls "h", which is not in functions (defined: f)',
      'levels/99-tiny.json: program[3].handler[0].line: line 7 does not exist: the source has 5 lines',
    ]);
  });

  test('reports every problem at once', () => {
    const json = edit((l) => {
      (l.program[0] as { fn: string }).fn = 'g';
      (l.program[2] as Op).line = 40;
    });
    expect(problemsOf(json)).toHaveLength(2);
  });
});

describe('parseLevel with a dry run', () => {
  /** The base level with `x = [n, 1000]` misspelt as `x = [m, 1000]`. */
  const misspelt = () =>
    edit((l) => {
      const made = (l.program[1] as { objects: { value: { list: unknown[] } }[] }).objects[0]!;
      made.value.list[0] = { name: 'm' };
    });

  test('a name that names nothing parses (it is valid JSON of the right shape) but fails the dry run', () => {
    expect(parseLevel(misspelt(), 'levels/99-tiny.json').id).toBe('tiny');
    try {
      parseLevel(misspelt(), 'levels/99-tiny.json', { dryRun: true });
      throw new Error('the level was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(LevelError);
      expect((error as LevelError).problems).toEqual([
        {
          path: 'program[1].objects[0].value.list[0]',
          problem: 'line 2: the name "m" is not bound here (Python raises NameError); it reads as None',
        },
      ]);
      expect((error as Error).message).toBe(
        'levels/99-tiny.json: program[1].objects[0].value.list[0]: line 2: the name "m" is not bound here (Python raises NameError); it reads as None',
      );
    }
  });

  test('a sound level passes the dry run', () => {
    expect(parseLevel(base(), 'levels/99-tiny.json', { dryRun: true }).id).toBe('tiny');
  });
});
