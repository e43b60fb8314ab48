/**
 * The rush generator: deterministic, valid, varied, and every level plays every mechanic
 * with a pace that rises from stage to stage.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { generateRushLevel, loadOf, rushStages, STAGE_TITLE } from '../../shared/level/rush';
import { pyStr } from '../../shared/level/rush-draft';
import { Level, type Op, type ValueSpec } from '../../shared/level/schema';
import { tracePerfectRun } from './sim-trace';
import { walkProgram } from './walk';

const SEEDS = Array.from({ length: 50 }, (_, i) => i * 104_729 + 3);
const DEFAULT_LEVELS = SEEDS.map((seed) => generateRushLevel(seed));
const VARIANTS = [1, 2, 3].flatMap((difficulty) =>
  [1, 2, 3, 4, 5].map((rounds) => ({ rounds, difficulty: difficulty as 1 | 2 | 3 })),
);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('determinism and variety', () => {
  test('the same seed gives the same level, deep-equal', () => {
    for (const seed of [0, 1, 42, 2 ** 40 + 7, -3]) {
      expect(generateRushLevel(seed)).toEqual(generateRushLevel(seed));
    }
    expect(generateRushLevel(7, { rounds: 5, difficulty: 3 })).toEqual(
      generateRushLevel(7, { rounds: 5, difficulty: 3 }),
    );
  });

  test('no clock and no Math.random: generation is pure', () => {
    const random = vi.spyOn(Math, 'random');
    const now = vi.spyOn(Date, 'now');
    const a = generateRushLevel(99);
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    expect(a).toEqual(generateRushLevel(99));
  });

  test('different seeds give different levels', () => {
    const sources = new Set(DEFAULT_LEVELS.map((l) => l.source.join('\n')));
    expect(sources.size).toBe(DEFAULT_LEVELS.length);
    const programs = new Set(DEFAULT_LEVELS.map((l) => JSON.stringify(l.program)));
    expect(programs.size).toBe(DEFAULT_LEVELS.length);
    // Options change the level too.
    expect(generateRushLevel(5, { difficulty: 1 })).not.toEqual(generateRushLevel(5, { difficulty: 3 }));
  });

  test('bad options are refused', () => {
    expect(() => generateRushLevel(1.5)).toThrow(RangeError);
    expect(() => generateRushLevel(Number.NaN)).toThrow(RangeError);
    expect(() => generateRushLevel(1, { rounds: 0 })).toThrow(RangeError);
    expect(() => generateRushLevel(1, { rounds: 6 })).toThrow(RangeError);
    expect(() => generateRushLevel(1, { difficulty: 4 as 1 })).toThrow(RangeError);
  });
});

describe('valid levels', () => {
  test.each(SEEDS.map((seed, i) => [seed, DEFAULT_LEVELS[i]!] as const))(
    'seed %i validates against the schema',
    (seed, level) => {
      const parsed = Level.safeParse(level);
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(
        true,
      );
      // Nothing is left to the schema's defaults: what the generator returns is what is played.
      expect(parsed.data).toEqual(level);
      expect(level.id).toBe(`rush-${seed}`);
      expect(level.title).toBe(`Rush #${seed}`);
      expect(level.rush).toEqual({ seed });
    },
  );

  test.each(VARIANTS)('rounds $rounds, difficulty $difficulty validates', (options) => {
    for (const seed of [1, 2]) {
      const level = generateRushLevel(seed, options);
      expect(Level.safeParse(level).success).toBe(true);
      expect(rushStages(level)).toHaveLength(options.rounds);
    }
  });

  test('harder means faster, less grace, deeper recursion', () => {
    const [easy, normal, hard] = ([1, 2, 3] as const).map((difficulty) =>
      generateRushLevel(11, { difficulty }),
    );
    expect(easy!.pace).toBeGreaterThan(normal!.pace);
    expect(normal!.pace).toBeGreaterThan(hard!.pace);
    expect(easy!.grace).toBeGreaterThan(hard!.grace);
    const limits = (difficulty: 1 | 3) =>
      SEEDS.slice(0, 6).map((seed) => generateRushLevel(seed, { difficulty }).machine.recursionLimit);
    expect(Math.max(...limits(1))).toBeLessThan(Math.min(...limits(3)));
  });

  test('the stack holds the deepest recursion: the recursion limit, not the bytes, stops it', () => {
    for (const level of DEFAULT_LEVELS) {
      const biggest = Math.max(...Object.values(level.functions).map((f) => f.frameBytes));
      const deepest = level.machine.moduleFrameBytes + (level.machine.recursionLimit - 1) * biggest;
      expect(deepest).toBeLessThanOrEqual(level.machine.stackBytes);
    }
  });
});

/** Every value a spec makes on the heap, with its kind. */
function heapKinds(spec: ValueSpec, into: Set<string>): void {
  if ('list' in spec) {
    into.add('list');
    for (const v of spec.list) heapKinds(v, into);
  } else if ('tuple' in spec) {
    into.add('tuple');
    for (const v of spec.tuple) heapKinds(v, into);
  } else if ('dict' in spec) {
    into.add('dict');
    for (const [k, v] of spec.dict) {
      heapKinds(k, into);
      heapKinds(v, into);
    }
  } else if ('int' in spec) {
    const v = BigInt(spec.int);
    if (v < -5n || v > 256n) into.add('big int');
  } else if ('str' in spec && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(spec.str)) {
    into.add('str');
  }
}

const isSmallInt = (v: ValueSpec): boolean => 'int' in v && BigInt(v.int) >= -5n && BigInt(v.int) <= 256n;

describe('every mechanic in every level', () => {
  test.each(SEEDS.map((seed, i) => [seed, DEFAULT_LEVELS[i]!] as const))('seed %i', (_, level) => {
    const walk = walkProgram(level);
    const ops = walk.steps.map((s) => s.op);
    const found = new Set<string>();
    const kinds = new Set<string>();
    const bound = new Map<number, Set<string>>();
    for (const { op, fn, depth, frame } of walk.steps) {
      const names = bound.get(frame) ?? new Set<string>();
      bound.set(frame, names);
      const rebinds = (name: string) => {
        if (names.has(name)) found.add('rebinding');
        names.add(name);
      };
      switch (op.op) {
        case 'call':
          found.add('call');
          if (depth >= 2 && op.fn !== walk.recursion?.fn) found.add('nested call');
          if (Object.values(op.args ?? {}).some(isSmallInt)) found.add('shelf-int argument');
          break;
        case 'return':
          if (op.bind) found.add('return value bound');
          break;
        case 'new':
          for (const o of op.objects) {
            heapKinds(o.value, kinds);
            if (o.bind) rebinds(o.bind);
            else found.add('temporary');
          }
          break;
        case 'bind':
          if (isSmallInt(op.value)) found.add(fn === '<module>' ? 'shelf int' : 'shelf-int local');
          if ('name' in op.value) found.add('alias');
          if ('none' in op.value) found.add('= None');
          rebinds(op.name);
          break;
        case 'set':
          found.add(op.index === undefined ? 'append' : 'dict store');
          break;
        case 'unbind':
          found.add('del');
          names.delete(op.name);
          break;
        case 'ask':
          found.add(`ask ${op.concept} ${op.options[op.correct]}`);
          break;
        default:
          break;
      }
    }
    expect(ops.filter((o) => o.op === 'call').length).toBeGreaterThanOrEqual(3);
    expect(ops.filter((o) => o.op === 'return').length).toBeGreaterThanOrEqual(3);
    expect([...found].sort()).toEqual(
      expect.arrayContaining([
        'call',
        'nested call',
        'shelf-int argument',
        'shelf-int local',
        'shelf int',
        'temporary',
        'return value bound',
        'alias',
        'append',
        'dict store',
        'rebinding',
        'del',
        '= None',
        'ask identity True',
        'ask identity False',
        'ask references True',
      ]),
    );
    expect([...kinds].sort()).toEqual(['big int', 'dict', 'list', 'str', 'tuple']);
    // The recursion hits the limit inside try/except RecursionError.
    expect(walk.recursion).toMatchObject({ error: 'RecursionError' });
    expect(walk.recursion!.tryDepth + walk.recursion!.frames).toBe(level.machine.recursionLimit);
    expect(walk.maxDepth).toBe(level.machine.recursionLimit);

    // Played on the simulator: garbage from del/None/rebinding, list cycles and dict cycles to collect.
    const sim = tracePerfectRun(level, level.rush!.seed);
    expect(sim.state.status).toBe('complete');
    expect(sim.garbage.some((g) => !g.cycle)).toBe(true);
    const cycles = sim.garbage.filter((g) => g.cycle);
    expect(cycles.some((g) => g.kinds.every((k) => k === 'list' || k === 'tuple' || k === 'str'))).toBe(true);
    expect(cycles.some((g) => g.kinds.includes('dict'))).toBe(true);
    expect(sim.raised).toEqual([{ error: 'RecursionError', unwound: walk.recursion!.frames }]);
    expect(sim.actions.some((a) => a.type === 'free')).toBe(true);
  });
});

/** The op's own part of its source line, as the line must say it. */
function lineDoes(op: Op, text: string): boolean {
  const code = text.trim();
  const word = (name: string) => new RegExp(`(^|[^\\w.])${name}\\b`).test(code);
  switch (op.op) {
    case 'call':
      return code.includes(`${op.fn}(`);
    case 'return':
      return code.startsWith('return ') || code.startsWith(`return`);
    case 'new':
      return op.objects.every((o) => (o.bind ? word(o.bind) && code.includes('=') : /[[{(]/.test(code)));
    case 'bind':
      return word(op.name) && code.includes('=');
    case 'set': {
      const target = 'name' in op.target ? op.target.name : '';
      return op.index === undefined
        ? code.includes(`${target}.append(`)
        : code.includes(`${target}[${pyStr(String(op.index))}] = `);
    }
    case 'unbind':
      return code.startsWith('del ') && word(op.name);
    case 'ask':
      return op.question === `What does ${code} show?`;
    case 'say':
      return code === `print(${pyStr(op.text)})`;
    case 'try':
      return code === 'try:';
    default:
      return false;
  }
}

describe('source and ops agree', () => {
  test.each(SEEDS.slice(0, 20).map((seed, i) => [seed, DEFAULT_LEVELS[i]!] as const))(
    'seed %i: each op points at the line that does it',
    (_, level) => {
      const visit = (ops: readonly Op[]) => {
        for (const op of ops) {
          const text = level.source[op.line - 1];
          expect(text, `op ${op.op} at line ${op.line}`).toBeDefined();
          expect(lineDoes(op, text!), `${op.op} ${JSON.stringify(op).slice(0, 120)} at "${text}"`).toBe(true);
          if (op.op === 'try') {
            visit(op.body);
            visit(op.handler);
          }
        }
      };
      visit(level.program);
      // Imports come before the limit is lowered.
      const limitLine = level.source.findIndex((l) => l.startsWith('sys.setrecursionlimit('));
      const lastImport = level.source.findLastIndex((l) => /^(import|from) /.test(l));
      expect(lastImport).toBeLessThan(limitLine);
      expect(level.source[limitLine]).toBe(`sys.setrecursionlimit(${level.machine.recursionLimit})`);
    },
  );
});

describe('the pace rises', () => {
  const cases = [
    ...SEEDS.slice(0, 20).map((seed, i) => ({ name: `seed ${seed}`, level: DEFAULT_LEVELS[i]! })),
    ...VARIANTS.filter((v) => v.rounds > 1).map((v) => ({
      name: `rounds ${v.rounds}, difficulty ${v.difficulty}`,
      level: generateRushLevel(v.rounds * 13 + v.difficulty, v),
    })),
  ];

  test.each(cases)('$name: each stage asks more work per op', ({ level }) => {
    const loads = rushStages(level).map((ops) => loadOf(ops).perOp);
    for (let s = 1; s < loads.length; s++) expect(loads[s]).toBeGreaterThan(loads[s - 1]!);
  });

  test.each(cases)('$name: each stage keeps the perfect player busier', ({ level }) => {
    const sim = tracePerfectRun(level, level.rush!.seed);
    const starts = sim.says.filter((s) => STAGE_TITLE.test(s.text)).map((s) => s.tick);
    expect(starts).toHaveLength(rushStages(level).length);
    const end = sim.state.completedAt! + 1;
    const rates = starts.map((start, i) => {
      const stop = starts[i + 1] ?? end;
      return sim.actions.filter((a) => a.tick >= start && a.tick < stop).length / (stop - start);
    });
    for (let s = 1; s < rates.length; s++) expect(rates[s]).toBeGreaterThan(rates[s - 1]!);
    // Narration thins out: the first stage talks more than the last.
    const says = rushStages(level).map((ops) => ops.filter((o) => o.op === 'say').length);
    expect(says[0]!).toBeGreaterThanOrEqual(says[says.length - 1]!);
  });
});
