import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import type { KeyKind, SizeInput } from '../../shared/sim/sizes';
import {
  boolSize,
  bytesSize,
  dictSize,
  dictSizeForKeys,
  floatSize,
  intSize,
  listCapacityAfterAppend,
  listCapacityAfterRemove,
  listCapacityForComprehension,
  listCapacityForCopy,
  listCapacityForIterator,
  listCapacityForLiteral,
  listCapacityForRepeat,
  listSize,
  NONE_SIZE,
  setSize,
  sizeOfValue,
  strSize,
  tupleSize,
} from '../../shared/sim/sizes';

/** Helpers the Python side uses to build values that need statements. */
const PRELUDE = `
import sys, json
def appended(n):
    l = []
    for i in range(n): l.append(i)
    return l
def popped(start, n):
    l = list(range(start)) * 1
    for _ in range(start - n): l.pop()
    return l
def assigned(keys):
    d = {}
    for k in keys: d[k] = 0
    return d
def added(n):
    s = set()
    for i in range(n): s.add(i)
    return s
`;

const S = 'str' as const;
const O = 'other' as const;
const keys = (...k: KeyKind[]) => k;
const many = (n: number, k: KeyKind) => new Array<KeyKind>(n).fill(k);
/** A Python dict display of n keys: str keys 'k0'.., other keys 0... */
const pyDict = (k: readonly KeyKind[]) =>
  `{${k.map((kind, i) => (kind === 'str' ? `'k${i}': 0` : `${i}: 0`)).join(', ')}}`;
const pyKeys = (k: readonly KeyKind[]) =>
  `[${k.map((kind, i) => (kind === 'str' ? `'k${i}'` : `${i}`)).join(', ')}]`;
const listOf = (n: number, item: string) => `[${new Array(n).fill(item).join(', ')}]`;
const consts = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(', ')}]`;

/** Capacity of `[x] * start` after popping down to n items. */
function afterPops(start: number, n: number): number {
  let capacity = listCapacityForRepeat(start);
  for (let len = start - 1; len >= n; len--) capacity = listCapacityAfterRemove(capacity, len);
  return capacity;
}

/** [python expression, description of the same value] */
const CORPUS: [string, SizeInput][] = [
  ['0', { kind: 'int', value: 0n }],
  ['1', { kind: 'int', value: 1n }],
  ['-1', { kind: 'int', value: -1n }],
  ['257', { kind: 'int', value: 257 }],
  ['2**30 - 1', { kind: 'int', value: 2n ** 30n - 1n }],
  ['2**30', { kind: 'int', value: 2n ** 30n }],
  ['-2**30', { kind: 'int', value: -(2n ** 30n) }],
  ['2**60 - 1', { kind: 'int', value: 2n ** 60n - 1n }],
  ['2**60', { kind: 'int', value: 2n ** 60n }],
  ['2**63', { kind: 'int', value: '9223372036854775808' }],
  ['10**100', { kind: 'int', value: 10n ** 100n }],
  ['-(10**100)', { kind: 'int', value: `-1${'0'.repeat(100)}` }],
  ['2**1000', { kind: 'int', value: 2n ** 1000n }],
  ['1.5', { kind: 'float' }],
  ['float("inf")', { kind: 'float' }],
  ['None', { kind: 'none' }],
  ['True', { kind: 'bool' }],
  ['False', { kind: 'bool' }],
  ["''", { kind: 'str', value: '' }],
  ["'a'", { kind: 'str', value: 'a' }],
  ["'hello'", { kind: 'str', value: 'hello' }],
  ["'hello world' * 10", { kind: 'str', value: 'hello world'.repeat(10) }],
  ["'\\x7f'", { kind: 'str', value: '\x7f' }],
  ["'\\x80'", { kind: 'str', value: '\x80' }],
  ["'caf\\xe9'", { kind: 'str', value: 'café' }],
  ["'\\xff' * 5", { kind: 'str', value: 'ÿÿÿÿÿ' }],
  ["'\\u0100'", { kind: 'str', value: 'Ā' }],
  ["'10\\u20ac'", { kind: 'str', value: '10€' }],
  ["'\\uffff'", { kind: 'str', value: '\uffff' }],
  ["'\\U0001F600'", { kind: 'str', value: '😀' }],
  ["'a\\U0001F600b\\u20ac'", { kind: 'str', value: 'a😀b€' }],
  ["'\\U0010FFFF' * 3", { kind: 'str', value: '\u{10FFFF}'.repeat(3) }],
  ["b''", { kind: 'bytes', length: 0 }],
  ["b'abc'", { kind: 'bytes', length: 3 }],
  ['bytes(1000)', { kind: 'bytes', length: 1000 }],
  ['()', { kind: 'tuple', length: 0 }],
  ['(1,)', { kind: 'tuple', length: 1 }],
  ['(1, 2, 3)', { kind: 'tuple', length: 3 }],
  ['tuple(range(100))', { kind: 'tuple', length: 100 }],
  ['[]', { kind: 'list', length: 0, how: 'literal' }],
  ['[1]', { kind: 'list', length: 1, how: 'literal' }],
  ['[1, 2]', { kind: 'list', length: 2, how: 'literal' }],
  ['[1, 2, 3]', { kind: 'list', length: 3, how: 'literal' }],
  ["[1, 'a', None, 2.5, (1, 2)]", { kind: 'list', length: 5, how: 'literal' }],
  [consts(31), { kind: 'list', length: 31, how: 'literal' }],
  ['[x, x, x]', { kind: 'list', length: 3, how: 'literal-exprs' }],
  ['[1, 2, x]', { kind: 'list', length: 3, how: 'literal-exprs' }],
  ['[[1], [2], [3]]', { kind: 'list', length: 3, how: 'literal-exprs' }],
  [listOf(30, 'x'), { kind: 'list', length: 30, how: 'literal-exprs' }],
  [listOf(31, 'x'), { kind: 'list', length: 31, how: 'literal-exprs' }],
  [listOf(41, 'x'), { kind: 'list', length: 41, how: 'literal-exprs' }],
  ['[0] * 0', { kind: 'list', length: 0, how: 'repeat' }],
  ['[0] * 7', { kind: 'list', length: 7, how: 'repeat' }],
  ['[None] * 1000', { kind: 'list', length: 1000, how: 'repeat' }],
  ['appended(1)', { kind: 'list', length: 1, how: 'append' }],
  ['appended(5)', { kind: 'list', length: 5, how: 'append' }],
  ['appended(17)', { kind: 'list', length: 17, how: 'append' }],
  ['appended(1000)', { kind: 'list', length: 1000, how: 'append' }],
  ['[i for i in range(9)]', { kind: 'list', length: 9, how: 'append' }],
  ['[i * i for i in range(100)]', { kind: 'list', length: 100, how: 'append' }],
  ['list(range(5)).copy()', { kind: 'list', length: 5, how: 'copy' }],
  ['list(range(7))[:]', { kind: 'list', length: 7, how: 'copy' }],
  ['[1, 2] + [3]', { kind: 'list', length: 3, how: 'copy' }],
  ['list([1, 2, 3, 4, 5])', { kind: 'list', length: 5, how: 'list' }],
  ['list(range(11))', { kind: 'list', length: 11, how: 'list' }],
  ['list(x for x in range(0))', { kind: 'list', length: 0, how: 'iterator' }],
  ['list(x for x in range(1))', { kind: 'list', length: 1, how: 'iterator' }],
  ['list(x for x in range(3))', { kind: 'list', length: 3, how: 'iterator' }],
  ['list(x for x in range(9))', { kind: 'list', length: 9, how: 'iterator' }],
  ['list(x for x in range(40))', { kind: 'list', length: 40, how: 'iterator' }],
  ['popped(10, 1)', { kind: 'list', capacity: afterPops(10, 1) }],
  ['popped(100, 40)', { kind: 'list', capacity: afterPops(100, 40) }],
  ['{}', { kind: 'dict', keys: [], how: 'display' }],
  ["{'a': 1}", { kind: 'dict', keys: keys(S), how: 'display' }],
  ['{1: 1}', { kind: 'dict', keys: keys(O), how: 'display' }],
  [pyDict(many(6, S)), { kind: 'dict', keys: many(6, S), how: 'display' }],
  [pyDict(many(11, O)), { kind: 'dict', keys: many(11, O), how: 'display' }],
  [pyDict(many(22, S)), { kind: 'dict', keys: many(22, S), how: 'display' }],
  [pyDict(many(90, O)), { kind: 'dict', keys: many(90, O), how: 'display' }],
  [pyDict(keys(S, O)), { kind: 'dict', keys: keys(S, O), how: 'display' }],
  [pyDict(keys(O, S)), { kind: 'dict', keys: keys(O, S), how: 'display' }],
  [pyDict(keys(S, S, S, O)), { kind: 'dict', keys: keys(S, S, S, O), how: 'display' }],
  [pyDict([...many(6, S), O]), { kind: 'dict', keys: [...many(6, S), O], how: 'display' }],
  [pyDict([...many(18, S), O]), { kind: 'dict', keys: [...many(18, S), O], how: 'display' }],
  [`assigned(${pyKeys(many(5, S))})`, { kind: 'dict', keys: many(5, S), how: 'assign' }],
  [`assigned(${pyKeys(many(10, O))})`, { kind: 'dict', keys: many(10, O), how: 'assign' }],
  [`assigned(${pyKeys(many(43, O))})`, { kind: 'dict', keys: many(43, O), how: 'assign' }],
  [`assigned(${pyKeys(many(342, S))})`, { kind: 'dict', keys: many(342, S), how: 'assign' }],
  [`assigned(${pyKeys(keys(S, O))})`, { kind: 'dict', keys: keys(S, O), how: 'assign' }],
  ['{i: i for i in range(86)}', { kind: 'dict', keys: many(86, O), how: 'assign' }],
  ['set()', { kind: 'set', entries: 0, how: 'add' }],
  ['{x}', { kind: 'set', entries: 1, how: 'add' }],
  ['{1, 2, 3, 4}', { kind: 'set', entries: 4, how: 'merge' }],
  ['{1, 2, 3, 4, 5}', { kind: 'set', entries: 5, how: 'merge' }],
  ['{x, x + 1, x + 2, x + 3, x + 4}', { kind: 'set', entries: 5, how: 'add' }],
  ['set(range(19))', { kind: 'set', entries: 19, how: 'add' }],
  ['set(set(range(16)))', { kind: 'set', entries: 16, how: 'merge' }],
  ['added(77)', { kind: 'set', entries: 77, how: 'add' }],
  ['{i for i in range(1000)}', { kind: 'set', entries: 1000, how: 'add' }],
  ['set(range(100)).copy()', { kind: 'set', entries: 100, how: 'merge' }],
];

function runPython(): number[] | null {
  try {
    const script = `${PRELUDE}\nx = 1\nexprs = json.loads(sys.stdin.read())\nprint(json.dumps([sys.getsizeof(eval(e)) for e in exprs]))`;
    const out = execFileSync('python3', ['-c', script], {
      input: JSON.stringify(CORPUS.map(([py]) => py)),
      encoding: 'utf8',
    });
    return JSON.parse(out) as number[];
  } catch {
    return null;
  }
}

const actual = runPython();
const hasPython = actual !== null;

describe('sizes match sys.getsizeof of python3', () => {
  test('the corpus is large enough', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  });

  test.runIf(hasPython)('every value in the corpus', () => {
    const mismatches = CORPUS.flatMap(([py, input], i) => {
      const ours = sizeOfValue(input);
      return ours === actual?.[i] ? [] : [`${py}: python ${actual?.[i]}, ours ${ours}`];
    });
    expect(mismatches).toEqual([]);
  });
});

describe('sizes verified against CPython 3.11.7', () => {
  test('scalars', () => {
    expect([intSize(0n), intSize(1n), intSize(-(2n ** 30n)), intSize(10n ** 100n)]).toEqual([28, 28, 32, 72]);
    expect([floatSize(), NONE_SIZE, boolSize()]).toEqual([24, 16, 28]);
    expect(sizeOfValue({ kind: 'int', value: '-1267650600228229401496703205376' })).toEqual(40);
  });

  test('strings by width', () => {
    expect([
      strSize(''),
      strSize('hello'),
      strSize('é'),
      strSize('€x'),
      strSize('😀'),
      strSize('a😀'),
    ]).toEqual([49, 54, 74, 78, 80, 84]);
  });

  test('bytes and tuples', () => {
    expect([bytesSize(0), bytesSize(3), tupleSize(0), tupleSize(3)]).toEqual([33, 36, 40, 64]);
  });

  test('list capacities', () => {
    expect(listSize(0)).toBe(56);
    expect([1, 2, 3, 4, 5, 7].map((n) => listSize(listCapacityForLiteral(n)))).toEqual([
      64, 72, 88, 88, 104, 120,
    ]);
    expect([3, 5, 31].map((n) => listCapacityForLiteral(n, false))).toEqual([3, 5, 32]);
    expect([0, 3].map(listCapacityForRepeat)).toEqual([0, 3]);
    expect([1, 5, 9, 17, 25, 33].map(listCapacityForComprehension)).toEqual([4, 8, 16, 24, 32, 40]);
    expect([listCapacityForCopy(5), listCapacityForCopy(5, 'slice'), listCapacityForCopy(5, 'list')]).toEqual(
      [5, 5, 6],
    );
    expect([0, 1, 2, 8, 9].map(listCapacityForIterator)).toEqual([0, 4, 8, 8, 16]);
  });

  test('list_resize keeps the block within [capacity/2, capacity] and grows by ~1/8', () => {
    expect(listCapacityAfterAppend(4, 4)).toBe(4);
    expect(listCapacityAfterAppend(4, 5)).toBe(8);
    expect(listCapacityAfterAppend(0, 1)).toBe(4);
    expect(listCapacityAfterRemove(10, 5)).toBe(10);
    expect(listCapacityAfterRemove(10, 4)).toBe(8);
    expect(listCapacityAfterRemove(4, 0)).toBe(0);
  });

  test('dicts and sets', () => {
    expect([dictSize(0), dictSize(1), dictSize(1, 'display', 'other'), dictSize(6)]).toEqual([
      64, 184, 224, 272,
    ]);
    expect([5, 6, 10, 11, 21, 22, 42, 43, 85, 86].map((n) => dictSize(n, 'assign', 'other'))).toEqual([
      224, 352, 352, 632, 632, 1168, 1168, 2264, 2264, 4688,
    ]);
    expect(dictSizeForKeys(['str', 'other'])).toBe(352);
    expect([0, 4, 5, 18, 19, 76, 77].map((n) => setSize(n))).toEqual([216, 216, 728, 728, 2264, 2264, 8408]);
    expect([4, 5, 8, 16].map((n) => setSize(n, 'merge'))).toEqual([216, 472, 728, 1240]);
  });
});
