/** The two levels DESIGN.md plays out, step by step. */
import { describe, expect, test } from 'vitest';
import { apply, bestAction, garbage, playLevel, refcounts, replay, score } from '../../shared/sim';
import { act, CALL_STACK_LEVEL, CYCLE_LEVEL, makeLevel, start, untilRequest } from './fixtures';

describe('the a → b → c call stack', () => {
  test('each call asks for a push, each return for a pop, in LIFO order', () => {
    let s = start(CALL_STACK_LEVEL);
    ({ state: s } = untilRequest(s));
    expect(s.request).toMatchObject({ kind: 'push', fn: 'a', line: 15, overflow: false });
    ({ state: s } = act(s, { type: 'push', fn: 'a' }));
    expect(s.stack.map((f) => f.fn)).toEqual(['<module>', 'a']);
    ({ state: s } = untilRequest(s));
    expect(s.stack[1]!.locals).toEqual({ x: 'int:1' });
    expect(s.request).toMatchObject({ kind: 'push', fn: 'b', line: 3 });
    ({ state: s } = act(s, { type: 'push', fn: 'b' }));
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'push', fn: 'c' }));
    ({ state: s } = untilRequest(s));
    expect(s.stack.map((f) => f.fn)).toEqual(['<module>', 'a', 'b', 'c']);
    expect(s.stack[3]!.locals).toEqual({ z: 'int:3' });
    expect(s.request).toMatchObject({ kind: 'pop', fn: 'c', line: 13 });
    ({ state: s } = act(s, { type: 'pop' }));
    expect(s.stack.map((f) => f.fn)).toEqual(['<module>', 'a', 'b']);
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'pop' }));
    ({ state: s } = untilRequest(s));
    const last = act(s, { type: 'pop' });
    expect(last.state.status).toBe('complete');
    expect(last.events).toContainEqual({ type: 'complete', tick: last.state.tick });
    expect(score(last.state).mistakes).toBe(0);
  });

  test('pushing b while a() is still on line 2 is a call-stack mistake', () => {
    let s = start(CALL_STACK_LEVEL);
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'push', fn: 'a' }));
    const r = apply(s, { type: 'push', fn: 'b' });
    expect(r.ok).toBe(true);
    expect(r.state.tally.mistakes).toEqual({ 'call-stack': 1 });
    expect(r.state.stack).toBe(s.stack);
  });

  test('the autoplayer finishes it without a mistake and a replay reaches the same score', () => {
    const level = makeLevel(CALL_STACK_LEVEL);
    const run = playLevel(level, 3, bestAction);
    expect(run.state.status).toBe('complete');
    expect(score(replay(level, 3, run.actions))).toEqual(score(run.state));
  });
});

describe('the a/b cycle, then big = [0] * 20', () => {
  test('after del a and del b both lists keep a count of 1 but are unreachable garbage', () => {
    let s = start(CYCLE_LEVEL);
    for (let i = 0; i < 4; i++) {
      ({ state: s } = untilRequest(s));
      const action = bestAction(s)!;
      expect(action.type).toBe('place');
      ({ state: s } = act(s, action));
    }
    const seen = untilRequest(s);
    s = seen.state;
    const counts = refcounts(s);
    expect(counts.a).toBe(1);
    expect(counts.b).toBe(1);
    const g = garbage(s);
    expect(g.ids.sort()).toEqual(['a', 'b']);
    expect(g.cycles.map((c) => [...c].sort())).toEqual([['a', 'b']]);
    expect(seen.events).toContainEqual({ type: 'garbage', objectIds: expect.any(Array), cycle: true });
    expect(s.request).toMatchObject({ kind: 'place', objectIds: ['big'], outOfMemory: false });
    expect(s.objects.big!.size).toBe(216);
    // Freeing only one half of the cycle is refused: the other still points at it.
    const half = apply(s, { type: 'free', objectIds: ['a'] });
    expect(half.ok).toBe(false);
    expect(half.state.tally.rejections).toBe(1);
    const both = act(s, { type: 'free', objectIds: ['a', 'b'] });
    expect(both.events).toContainEqual({ type: 'objects-freed', objectIds: ['a', 'b'], bytes: 176 });
    const placed = act(both.state, { type: 'place', objectId: 'big', address: 0 });
    expect(placed.state.status).toBe('complete');
  });
});
