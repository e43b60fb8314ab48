import { describe, expect, test } from 'vitest';
import { diffStates } from '../../client/src/game/changes';
import {
  CYCLE_LEVEL,
  cycleState,
  frame,
  heapObject,
  makeState,
  midStackState,
} from '../../client/src/game/fixtures';

describe('what changed since the last state', () => {
  test('a first state highlights nothing', () => {
    const d = diffStates(null, midStackState());
    expect(d.none).toBe(true);
    expect(d.objects.size).toBe(0);
  });

  test('the same state again highlights nothing', () => {
    const s = midStackState();
    const d = diffStates(s, { ...s, tick: s.tick + 1 });
    expect(d.none).toBe(true);
    expect(d.lineMoved).toBe(false);
    expect(d.requestChanged).toBe(false);
  });

  test('a pushed frame is new at its depth', () => {
    const s = midStackState();
    const next = { ...s, tick: s.tick + 1, stack: [...s.stack, frame('c', 80, {}, 8)], request: null };
    const d = diffStates(s, next);
    expect([...d.frames]).toEqual([3]);
    expect(d.popped).toBe(0);
    expect(d.requestChanged).toBe(true);
  });

  test('a popped frame is counted, a rebound local marks its frame', () => {
    const s = midStackState();
    const popped = { ...s, tick: s.tick + 1, stack: s.stack.slice(0, 2) };
    expect(diffStates(s, popped).popped).toBe(1);
    const stack = s.stack.map((f, i) => (i === 1 ? { ...f, locals: { x: 'int:2' } } : f));
    expect([...diffStates(s, { ...s, tick: s.tick + 1, stack }).frames]).toEqual([1]);
  });

  test('a placed object is new; a moved or re-pointed one is changed; a freed one is remembered', () => {
    const s = cycleState();
    const objects = { ...s.objects };
    objects.big = { ...objects.big!, address: 200 };
    objects.a = { ...objects.a!, refs: [] };
    delete objects.b;
    const d = diffStates(s, { ...s, tick: s.tick + 1, objects });
    expect([...d.objects].sort()).toEqual(['a', 'big']);
    expect(d.freed.map((o) => o.id)).toEqual(['b']);
    expect(d.none).toBe(false);
  });

  test('new shelf objects are not highlighted; new heap objects are', () => {
    const s = makeState(CYCLE_LEVEL, { objects: [] });
    const next = makeState(CYCLE_LEVEL, {
      tick: s.tick + 1,
      objects: [
        { id: 'int:7', kind: 'int', label: '7', size: 28, refs: [], address: null, shelf: true },
        heapObject('x', 'float', '1.5', 24, 0),
      ],
    });
    expect([...diffStates(s, next).objects]).toEqual(['x']);
  });

  test('a restart (tick going back) or another level starts afresh', () => {
    const s = cycleState();
    expect(diffStates(s, { ...s, tick: 0, stack: [] }).none).toBe(true);
    expect(diffStates(s, midStackState()).none).toBe(true);
  });
});
