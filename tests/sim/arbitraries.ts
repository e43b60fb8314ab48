/**
 * fast-check generators for the property tests: small valid levels (balanced calls and
 * returns, repeats, trys, every op kind) and abstract player commands that are turned into
 * concrete actions against whatever state the game is in.
 */
import fc from 'fast-check';
import { Level, type Op, type ValueSpec } from '../../shared/level/schema';
import type { Action, GameState } from '../../shared/sim';

const NAMES = ['a', 'b', 'c', 'p'];
const IDS = ['o1', 'o2', 'o3'];

const scalar: fc.Arbitrary<ValueSpec> = fc.oneof(
  fc.integer({ min: -5, max: 256 }).map((n) => ({ int: n })),
  fc.integer({ min: 257, max: 1_000_000 }).map((n) => ({ int: n })),
  fc.constant({ int: '123456789012345678901234567890' }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => ({ float: x })),
  fc.constantFrom({ str: 'hello' }, { str: 'two words' }, { str: 'x', interned: true }),
  fc.integer({ min: 0, max: 64 }).map((n) => ({ bytes: n })),
  fc.constant({ none: true as const }),
  fc.boolean().map((b) => ({ bool: b })),
);

const pointer: fc.Arbitrary<ValueSpec> = fc.oneof(
  fc.constantFrom(...NAMES).map((name) => ({ name })),
  fc.constantFrom(...IDS).map((ref) => ({ ref })),
);

const value: fc.Arbitrary<ValueSpec> = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 3, arbitrary: pointer },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.oneof(scalar, pointer, fc.record({ repeat: scalar, times: fc.integer({ min: 0, max: 12 }) })),
        {
          maxLength: 4,
        },
      )
      .map((list) => ({ list })),
  },
  { weight: 1, arbitrary: fc.array(fc.oneof(scalar, pointer), { maxLength: 3 }).map((tuple) => ({ tuple })) },
  { weight: 1, arbitrary: fc.array(fc.oneof(scalar, pointer), { maxLength: 3 }).map((set) => ({ set })) },
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.tuple(fc.constantFrom({ str: 'k' }, { str: 'key two' }, { int: 3 }), fc.oneof(scalar, pointer)),
        {
          maxLength: 3,
        },
      )
      .map((dict) => ({ dict: dict as [ValueSpec, ValueSpec][] })),
  },
);

const line = fc.integer({ min: 1, max: 40 });

const simpleOp: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        line,
        objects: fc.array(
          fc.record({
            id: fc.constantFrom(...IDS),
            value,
            bind: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 2 },
        ),
      })
      .map(({ line, objects }) => ({
        op: 'new' as const,
        line,
        objects: objects.map((o) => (o.bind === undefined ? { id: o.id, value: o.value } : o)),
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ line, name: fc.constantFrom(...NAMES), value })
      .map((r): Op => ({ op: 'bind', ...r })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        line,
        target: pointer,
        value: fc.oneof(pointer, scalar),
        index: fc.option(fc.oneof(fc.integer({ min: -2, max: 4 }), fc.constantFrom('k', 'key two')), {
          nil: undefined,
        }),
      })
      .map(({ index, ...rest }) => ({
        op: 'set' as const,
        ...rest,
        ...(index === undefined ? {} : { index }),
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        line,
        target: pointer,
        index: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        all: fc.boolean(),
      })
      .map(({ index, ...rest }) => ({
        op: 'drop' as const,
        ...rest,
        ...(index === undefined ? {} : { index }),
      })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ line, name: fc.constantFrom(...NAMES) }).map((r): Op => ({ op: 'unbind', ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        line,
        correct: fc.integer({ min: 0, max: 2 }),
        concept: fc.constantFrom('identity' as const, 'heap' as const),
      })
      .map(
        (r): Op => ({
          op: 'ask',
          ...r,
          question: 'Does this line allocate?',
          options: ['yes', 'no', 'maybe'],
          explain: 'Because.',
        }),
      ),
  },
  { weight: 1, arbitrary: line.map((l): Op => ({ op: 'say', line: l, text: 'hi' })) },
);

/** The lesson's shapes, which random ops rarely hit: two containers pointing at each other, a list that keeps growing. */
const shapedBlock: fc.Arbitrary<Op[]> = fc.oneof(
  fc
    .record({
      x: fc.constantFrom(...NAMES),
      y: fc.constantFrom(...NAMES),
      ids: fc.constantFrom(['o1', 'o2'], ['o2', 'o3']),
      dict: fc.boolean(),
      drop: fc.boolean(),
    })
    .map(({ x, y, ids, dict, drop }): Op[] => [
      { op: 'new', line: 7, objects: [{ id: ids[0]!, value: dict ? { dict: [] } : { list: [] }, bind: x }] },
      { op: 'new', line: 8, objects: [{ id: ids[1]!, value: { list: [] }, bind: y }] },
      { op: 'set', line: 9, target: { name: x }, value: { name: y }, ...(dict ? { index: 'k' } : {}) },
      { op: 'set', line: 10, target: { name: y }, value: { name: x } },
      ...(drop
        ? ([
            { op: 'unbind', line: 11, name: x },
            { op: 'unbind', line: 12, name: y },
          ] satisfies Op[])
        : []),
    ]),
  fc
    .record({
      n: fc.constantFrom(...NAMES),
      times: fc.integer({ min: 1, max: 12 }),
      item: fc.oneof(scalar, pointer),
    })
    .map(({ n, times, item }): Op[] => [
      { op: 'new', line: 13, objects: [{ id: 'o1', value: { list: [] }, bind: n }] },
      { op: 'new', line: 14, objects: [{ id: 'o2', value: { float: 0.5 } }] },
      { op: 'repeat', line: 15, times, body: [{ op: 'set', line: 16, target: { name: n }, value: item }] },
    ]),
);

/** Blocks keep calls and returns balanced, except `repeat { call r }`, which recurses until it overflows. */
const { block } = fc.letrec<{ block: Op[] }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: simpleOp.map((op) => [op]) },
    { weight: 2, arbitrary: shapedBlock },
    {
      weight: 2,
      arbitrary: fc
        .record({
          fn: fc.constantFrom('f', 'g'),
          arg: value,
          body: fc.array(tie('block'), { maxLength: 3 }),
          ret: fc.option(value, { nil: undefined }),
          bind: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
        })
        .map(({ fn, arg, body, ret, bind }): Op[] => [
          { op: 'call', line: 2, fn, ...(fn === 'f' ? { args: { p: arg } } : {}) },
          ...body.flat(),
          { op: 'return', line: 3, ...(ret ? { value: ret } : {}), ...(ret && bind ? { bind } : {}) },
        ]),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          times: fc.integer({ min: 0, max: 3 }),
          body: fc.array(tie('block'), { minLength: 1, maxLength: 3 }),
        })
        .map(({ times, body }): Op[] => [{ op: 'repeat', line: 4, times, body: body.flat() }]),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          error: fc.constantFrom('RecursionError' as const, 'MemoryError' as const),
          body: fc.array(tie('block'), { minLength: 1, maxLength: 3 }),
          recurse: fc.boolean(),
          handler: fc.array(tie('block'), { maxLength: 2 }),
        })
        .map(({ error, body, recurse, handler }): Op[] => [
          {
            op: 'try',
            line: 5,
            error,
            body: [
              ...body.flat(),
              ...(recurse
                ? [
                    {
                      op: 'repeat' as const,
                      line: 6,
                      times: 50,
                      body: [{ op: 'call' as const, line: 6, fn: 'g' }],
                    },
                  ]
                : []),
            ],
            handler: handler.flat(),
          },
        ]),
    },
  ),
}));

export const levelArb: fc.Arbitrary<Level> = fc
  .record({
    program: fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) => blocks.flat()),
    stackBytes: fc.integer({ min: 200, max: 1200 }),
    recursionLimit: fc.integer({ min: 2, max: 8 }),
    heapCells: fc.integer({ min: 16, max: 128 }),
    frameF: fc.integer({ min: 32, max: 160 }),
    frameG: fc.integer({ min: 32, max: 160 }),
    pace: fc.integer({ min: 1, max: 3 }),
    grace: fc.integer({ min: 2, max: 20 }),
    preplaced: fc.array(
      fc.record({ id: fc.constantFrom('pre1', 'pre2', 'pre3'), value: scalar, bound: fc.boolean() }),
      {
        maxLength: 3,
      },
    ),
  })
  .map((g) => {
    let address = 0;
    const used = new Set<string>();
    const preplaced = g.preplaced
      .filter((p) => !used.has(p.id) && used.add(p.id))
      .map((p) => {
        const at = address;
        address += 64;
        return { object: { id: p.id, value: p.value, ...(p.bound ? { bind: p.id } : {}) }, address: at };
      });
    return Level.parse({
      id: 'generated',
      order: 0,
      title: 'Generated',
      concept: 'heap',
      intro: ['x'],
      outro: ['x'],
      source: ['pass'],
      machine: {
        stackBytes: g.stackBytes,
        recursionLimit: g.recursionLimit,
        heapBytes: Math.max(g.heapCells * 8, address + 64),
      },
      functions: { f: { params: ['p'], frameBytes: g.frameF }, g: { params: [], frameBytes: g.frameG } },
      preplaced,
      program: g.program,
      pace: g.pace,
      grace: g.grace,
      timeLimit: 36_000,
      stars: [1, 2, 3],
    });
  });

/** An abstract player command: wait some ticks, then do something chosen by `kind`, with numbers to pick its details. */
export interface Command {
  wait: number;
  kind: number;
  a: number;
  b: number;
}

export const commandsArb: fc.Arbitrary<Command[]> = fc.array(
  fc.record({
    wait: fc.integer({ min: 0, max: 4 }),
    kind: fc.integer({ min: 0, max: 11 }),
    a: fc.nat(1000),
    b: fc.nat(1000),
  }),
  { maxLength: 60 },
);

/** The action a command means in this state: mostly plausible, sometimes absurd. */
export function toAction(state: GameState, c: Command, best: Action | null): unknown {
  const ids = Object.keys(state.objects);
  const pick = <T>(list: T[], n: number): T | undefined => list[n % Math.max(1, list.length)];
  const heapBytes = state.level.machine.heapBytes;
  switch (c.kind) {
    case 0:
    case 1:
    case 2:
      return best;
    case 3:
      return { type: 'push', fn: pick(['f', 'g', 'h'], c.a) };
    case 4:
      return { type: 'pop' };
    case 5: {
      const waiting = state.request?.kind === 'place' ? state.request.objectIds : ids;
      return { type: 'place', objectId: pick(waiting, c.a) ?? 'none', address: (c.b * 8) % (heapBytes + 16) };
    }
    case 6:
      return { type: 'place', objectId: pick(ids, c.a) ?? 'none', address: c.b % heapBytes };
    case 7:
      return { type: 'free', objectIds: [pick(ids, c.a) ?? 'none'] };
    case 8:
      return {
        type: 'free',
        objectIds: ids
          .filter((_, i) => (c.a >> (i % 10)) & 1)
          .slice(0, 5)
          .concat(pick(ids, c.b) ?? 'x'),
      };
    case 9:
      return { type: 'raise', error: c.a % 2 ? 'RecursionError' : 'MemoryError' };
    case 10:
      return { type: 'answer', option: c.a % 4 };
    default:
      return c.a % 2 ? { type: 'nonsense' } : null;
  }
}
