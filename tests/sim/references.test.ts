/** Derived views: reference counts, reachability, garbage and its cycles, and "why is this alive?". */
import { describe, expect, test } from 'vitest';
import { type GameState, garbage, pathFromRoot, reachable, refcounts } from '../../shared/sim';
import { start } from './fixtures';

/** A state with a heap laid out in advance: module globals `keep` → [k1, k2], a cycle c1 ⇄ c2 with `tail` hanging off it. */
function graph(): GameState {
  return start({
    machine: { heapBytes: 1024 },
    preplaced: [
      { object: { id: 'k1', value: { float: 1.5 } }, address: 0 },
      { object: { id: 'k2', value: { float: 2.5 } }, address: 24 },
      {
        object: { id: 'keep', value: { list: [{ ref: 'k1' }, { ref: 'k2' }, { ref: 'k1' }] }, bind: 'keep' },
        address: 48,
      },
      { object: { id: 'c1', value: { list: [] } }, address: 200 },
      { object: { id: 'c2', value: { list: [{ ref: 'c1' }] } }, address: 256 },
      { object: { id: 'tail', value: { float: 9.5 } }, address: 320 },
      { object: { id: 'c1b', value: { list: [{ ref: 'c2' }, { ref: 'tail' }] } }, address: 400 },
      { object: { id: 'alone', value: { str: 'no one points here' } }, address: 500 },
    ],
    program: [{ op: 'say', line: 1, text: 'x' }],
  });
}

describe('reference counts', () => {
  test('count references from every frame’s locals and from every live object', () => {
    const s = graph();
    const counts = refcounts(s);
    expect(counts.keep).toBe(1);
    expect(counts.k1).toBe(2);
    expect(counts.k2).toBe(1);
    expect(counts.c1).toBe(1);
    expect(counts.c2).toBe(1);
    expect(counts.tail).toBe(1);
    expect(counts.alone).toBe(0);
  });

  test('equal a naive count over all references', () => {
    const s = graph();
    const naive: Record<string, number> = {};
    for (const id in s.objects) naive[id] = 0;
    for (const f of s.stack) for (const id of Object.values(f.locals)) naive[id]!++;
    for (const o of Object.values(s.objects)) for (const r of o.refs) naive[r]!++;
    expect(refcounts(s)).toEqual(naive);
  });
});

describe('reachability and garbage', () => {
  test('reachable is what the roots lead to; everything placed and not reachable is garbage', () => {
    const s = graph();
    const live = reachable(s);
    expect([...live].filter((id) => !s.objects[id]!.shelf).sort()).toEqual(['k1', 'k2', 'keep']);
    expect(garbage(s).ids.sort()).toEqual(['alone', 'c1', 'c1b', 'c2', 'tail']);
  });

  test('garbage that still has references belongs to (or hangs off) an unreachable cycle', () => {
    // c2 → c1 only; c1b → c2 and tail: no cycle yet, nothing but counts.
    const s = graph();
    expect(garbage(s).cycles).toEqual([]);
    const looped: GameState = {
      ...s,
      objects: { ...s.objects, c1: { ...s.objects.c1!, refs: ['c1b'] } },
    };
    const cycles = garbage(looped).cycles.map((c) => [...c].sort());
    expect(cycles).toEqual([['c1', 'c1b', 'c2']]);
    expect(refcounts(looped).tail).toBe(1);
  });

  test('an object that refers to itself is a cycle of one', () => {
    const s = graph();
    const self: GameState = {
      ...s,
      objects: { ...s.objects, alone: { ...s.objects.alone!, refs: ['alone'] } },
    };
    expect(garbage(self).cycles).toContainEqual(['alone']);
  });

  test('the public sets are copies: changing them changes nothing', () => {
    const s = graph();
    reachable(s).clear();
    garbage(s).ids.length = 0;
    expect(reachable(s).size).toBeGreaterThan(0);
    expect(garbage(s).ids).toHaveLength(5);
  });
});

describe('pathFromRoot', () => {
  test('names the frame, the variable and the chain of objects that keep an object alive', () => {
    const s = graph();
    expect(pathFromRoot(s, 'keep')).toEqual(['<module>', 'keep', 'keep']);
    expect(pathFromRoot(s, 'k2')).toEqual(['<module>', 'keep', 'keep', 'k2']);
  });

  test('is null for garbage and for unknown objects', () => {
    const s = graph();
    expect(pathFromRoot(s, 'c1')).toBeNull();
    expect(pathFromRoot(s, 'nothing')).toBeNull();
  });

  test('prefers the innermost frame', () => {
    const s = graph();
    const deeper: GameState = {
      ...s,
      stack: [...s.stack, { fn: 'f', locals: { mine: 'k2' }, size: 64, returnLine: 1 }],
    };
    expect(pathFromRoot(deeper, 'k2')).toEqual(['f', 'mine', 'k2']);
  });
});
