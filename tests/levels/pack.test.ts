import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { LEVEL_FILES, LEVELS, levelById } from '../../levels';
import { parseLevel } from '../../shared/level/load';
import { CONCEPTS, type Level, type Op } from '../../shared/level/schema';
import { bestAction, garbage, playLevel } from '../../shared/sim';

const FOLDER = new URL('../../levels/', import.meta.url);

function* allOps(ops: Op[]): Generator<Op> {
  for (const op of ops) {
    yield op;
    if (op.op === 'repeat') yield* allOps(op.body);
    if (op.op === 'try') {
      yield* allOps(op.body);
      yield* allOps(op.handler);
    }
  }
}

const source = (level: Level): string => level.source.join('\n');
const ops = (level: Level): Op[] => [...allOps(level.program)];
const calls = (level: Level): string[] => ops(level).flatMap((op) => (op.op === 'call' ? [op.fn] : []));

/** Each topic the lesson requires, the level that teaches it, and what that level must contain. */
const TOPICS: [topic: string, id: string, has: (level: Level) => boolean][] = [
  [
    'the call stack a → b → c',
    'call-stack',
    (l) => /def a\(\):[\s\S]*def b\(\):[\s\S]*def c\(\):/.test(source(l)) && calls(l).join() === 'a,b,c',
  ],
  [
    'locals and parameters (calculate)',
    'locals-and-parameters',
    (l) => source(l).includes('def calculate():') && calls(l).includes('calculate'),
  ],
  ['a list on the heap', 'list-on-the-heap', (l) => source(l).includes('data = [1, 2, 3, 4, 5]')],
  [
    'sys.getsizeof',
    'getsizeof',
    (l) => source(l).includes('sys.getsizeof([])') || source(l).includes('sys.getsizeof(empty)'),
  ],
  [
    'memory units and capacity',
    'memory-units',
    (l) => l.concept === 'memory-units' && source(l).includes('1024'),
  ],
  ['fragmentation', 'fragmentation', (l) => l.preplaced.length > 0 && l.concept === 'fragmentation'],
  [
    'infinite recursion',
    'infinite-recursion',
    (l) => source(l).includes('def infinite_recursion():') && source(l).includes('sys.setrecursionlimit('),
  ],
  [
    'deep recursion near the limit',
    'deep-recursion',
    (l) => ops(l).some((op) => op.op === 'try' && op.error === 'RecursionError'),
  ],
  ['modify_list', 'modify-list', (l) => source(l).includes('def modify_list(lst):')],
  [
    'rebinding vs mutation (try_to_change)',
    'try-to-change',
    (l) => source(l).includes('def try_to_change(x, lst):'),
  ],
  [
    'id(), the small-int cache, is vs ==',
    'identity',
    (l) => source(l).includes('id(x)') && ops(l).some((op) => op.op === 'ask' && / is /.test(op.check ?? '')),
  ],
  ['reference counting', 'reference-counting', (l) => l.show.refcounts && source(l).includes('y = None')],
  [
    'the a/b list cycle and the collector',
    'reference-cycle',
    (l) => l.show.cycles && source(l).includes('b.append(a)'),
  ],
  [
    '+= on strings vs join',
    'string-building',
    (l) => source(l).includes('result += str(i)') && source(l).includes('"".join('),
  ],
  [
    'list comprehension vs generator',
    'generators',
    (l) => ops(l).some((op) => op.op === 'try' && op.error === 'MemoryError'),
  ],
  ['del of a huge object', 'del-huge-object', (l) => source(l).includes('del data')],
  [
    'the mutable default argument',
    'mutable-default',
    (l) => source(l).includes('def add_item(item, lst=[]):'),
  ],
  [
    'modifying a list while iterating',
    'modify-while-iterating',
    (l) => source(l).includes('for item in my_list[:]:'),
  ],
  ['alias vs copy', 'alias-or-copy', (l) => source(l).includes('list2 = list1.copy()')],
  ['the circular dicts', 'circular-dicts', (l) => source(l).includes("b['other'] = a") && l.show.cycles],
];

describe('the level pack', () => {
  test('has at least 19 levels', () => {
    expect(LEVELS.length).toBeGreaterThanOrEqual(19);
  });

  test('every file on disk parses and is in levels/index.ts, in file order', () => {
    const files = readdirSync(FOLDER)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(LEVEL_FILES).toEqual(files.map((f) => `levels/${f}`));
    for (const file of files) {
      const level = parseLevel(JSON.parse(readFileSync(new URL(file, FOLDER), 'utf8')), `levels/${file}`);
      expect(file).toBe(`${String(level.order).padStart(2, '0')}-${level.id}.json`);
      expect(levelById(level.id)).toEqual(level);
    }
  });

  test('ids are unique and the order rises', () => {
    expect(new Set(LEVELS.map((l) => l.id)).size).toBe(LEVELS.length);
    const orders = LEVELS.map((l) => l.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(new Set(orders).size).toBe(orders.length);
  });

  test.each(TOPICS)('teaches %s (level %s)', (_topic, id, has) => {
    const level = levelById(id);
    expect(level, `no level "${id}"`).toBeDefined();
    expect(has(level!)).toBe(true);
  });

  test("follows the lesson's order", () => {
    const positions = TOPICS.map(([, id]) => LEVELS.findIndex((l) => l.id === id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(LEVELS[0]!.id).toBe('call-stack');
  });

  test('every concept of the lesson has a level', () => {
    const taught = new Set(LEVELS.map((l) => l.concept));
    expect(CONCEPTS.filter((c) => !taught.has(c))).toEqual([]);
  });

  test.each(LEVELS.map((l) => [l.id, l] as const))(
    '%s has teaching texts in short paragraphs',
    (_id, level) => {
      for (const text of [...level.intro, ...level.outro]) {
        expect(text.length).toBeGreaterThan(40);
        expect(text.length).toBeLessThanOrEqual(400);
      }
      expect(level.intro.length + level.outro.length).toBeGreaterThanOrEqual(3);
      expect(level.title.length).toBeGreaterThan(5);
    },
  );

  test.each(LEVELS.map((l) => [l.id, l] as const))(
    '%s has a pace, a grace and a time limit a student can live with',
    (_id, level) => {
      expect(level.pace).toBeGreaterThanOrEqual(3);
      expect(level.grace).toBeGreaterThanOrEqual(20);
      expect(level.timeLimit).toBeGreaterThanOrEqual(600);
      expect(level.timeLimit).toBeLessThanOrEqual(3600);
    },
  );

  test('the first level that needs a move tells the player its key', () => {
    const keys: Record<string, RegExp> = {
      push: /\bP\b/,
      pop: /\bO\b/,
      place: /Enter/,
      answer: /1–4/,
      free: /\bF\b/,
      RecursionError: /\bR\b/,
      MemoryError: /\bM\b/,
    };
    const explained = new Set<string>();
    for (const level of LEVELS) {
      const { actions } = playLevel(level, 1, bestAction);
      const intro = level.intro.join(' ');
      for (const { action } of actions) {
        const move = action.type === 'raise' ? action.error : action.type;
        if (explained.has(move)) continue;
        expect(intro, `${level.id} is the first level to need "${move}"`).toMatch(keys[move]!);
        explained.add(move);
      }
    }
    expect([...explained].sort()).toEqual(Object.keys(keys).sort());
  });

  test('reference counts and cycles are shown only in levels about them', () => {
    for (const level of LEVELS) {
      const about = ops(level).some(
        (op) => op.op === 'ask' && (op.concept === 'refcount' || op.concept === 'cycles'),
      );
      if (level.show.refcounts) expect(about || level.concept === 'refcount', level.id).toBe(true);
      if (level.show.cycles) {
        // A cycle really becomes garbage in the level: seen by a player who never frees anything.
        const { state } = playLevel(level, 1, (s) => {
          const a = bestAction(s);
          return a?.type === 'free' ? null : a;
        });
        expect(garbage(state).cycles.length, level.id).toBeGreaterThan(0);
      }
    }
  });
});
