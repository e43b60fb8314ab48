/** The heap: placing objects in cells, refusals, lists that grow, MemoryError, freeing and leaks. */
import { describe, expect, test } from 'vitest';
import { apply, bestAction, freeRuns, type GameState, garbage } from '../../shared/sim';
import { act, type LevelParts, start, ticks, untilRequest } from './fixtures';

const NEW_LIST: LevelParts = {
  machine: { heapBytes: 256 },
  program: [
    {
      op: 'new',
      line: 1,
      objects: [{ id: 'lst', value: { list: [{ int: 1 }, { int: 2 }, { int: 3 }] }, bind: 'lst' }],
    },
    { op: 'say', line: 2, text: 'placed' },
  ],
};

function placeRequested(parts: LevelParts): GameState {
  return untilRequest(start(parts)).state;
}

describe('placing', () => {
  test('a new object waits unplaced until the player places it; then it is bound', () => {
    const s = placeRequested(NEW_LIST);
    expect(s.objects.lst).toMatchObject({
      kind: 'list',
      size: 88,
      address: null,
      shelf: false,
      refs: ['int:1', 'int:2', 'int:3'],
    });
    expect(s.request).toMatchObject({
      kind: 'place',
      objectIds: ['lst'],
      outOfMemory: false,
      bind: { lst: 'lst' },
    });
    expect(s.stack[0]!.locals).toEqual({});
    const r = act(s, { type: 'place', objectId: 'lst', address: 16 });
    expect(r.state.objects.lst!.address).toBe(16);
    expect(r.state.stack[0]!.locals).toEqual({ lst: 'lst' });
    expect(r.events).toContainEqual({ type: 'object-placed', objectId: 'lst', address: 16 });
    expect(freeRuns(r.state)).toEqual([
      { address: 0, bytes: 16 },
      { address: 104, bytes: 152 },
    ]);
  });

  test.each([
    ['misaligned', 12],
    ['past the end', 176],
    ['negative', -8],
    ['fractional', 8.5],
  ])('a %s address is refused without penalty, state unchanged', (_, address) => {
    const s = placeRequested(NEW_LIST);
    const r = apply(s, { type: 'place', objectId: 'lst', address });
    expect(r.ok).toBe(false);
    expect(r.state).toBe(s);
  });

  test('an unknown object id is refused without penalty', () => {
    const s = placeRequested(NEW_LIST);
    expect(apply(s, { type: 'place', objectId: 'ghost', address: 0 }).state).toBe(s);
  });

  test('placing an object nobody asked for is rejected with a penalty', () => {
    let s = placeRequested(NEW_LIST);
    ({ state: s } = act(s, { type: 'place', objectId: 'lst', address: 0 }));
    const again = apply(s, { type: 'place', objectId: 'lst', address: 128 });
    expect(again.ok).toBe(false);
    expect(again.state.tally.rejections).toBe(1);
    expect(again.state.objects).toBe(s.objects);
    const shelf = apply(s, { type: 'place', objectId: 'int:1', address: 128 });
    expect(shelf.state.tally.rejections).toBe(1);
  });

  test('an overlapping placement is rejected with a penalty', () => {
    const s = start({
      machine: { heapBytes: 256 },
      preplaced: [{ object: { id: 'old', value: { float: 1.5 }, bind: 'old' }, address: 64 }],
      program: NEW_LIST.program,
    });
    const ready = untilRequest(s).state;
    const r = apply(ready, { type: 'place', objectId: 'lst', address: 0 });
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ reason: expect.stringMatching(/overlap/) });
    expect(r.state.tally.rejections).toBe(1);
    expect(bestAction(ready)).toEqual({ type: 'place', objectId: 'lst', address: 88 });
  });

  test('a container made in one line makes its inner objects too, all to be placed', () => {
    const s = placeRequested({
      program: [
        {
          op: 'new',
          line: 1,
          objects: [
            {
              id: 'row',
              value: { list: [{ int: 1000 }, { str: 'not an identifier!' }, { int: 5 }] },
              bind: 'row',
            },
          ],
        },
      ],
    });
    expect(s.request).toMatchObject({ kind: 'place', objectIds: ['row.0', 'row.1', 'row'] });
    expect(s.objects['row.0']).toMatchObject({ kind: 'int', size: 28, label: '1000' });
    expect(s.objects['row.1']).toMatchObject({ kind: 'str', size: 67 });
    expect(s.objects.row!.refs).toEqual(['row.0', 'row.1', 'int:5']);
    // Placed inner objects are not garbage while their container waits.
    const one = act(s, { type: 'place', objectId: 'row.0', address: 0 });
    expect(garbage(one.state).ids).toEqual([]);
    expect(one.state.request).toMatchObject({ objectIds: ['row.1', 'row'] });
  });

  test('the objects of one op are alive together, whatever order they are placed in', () => {
    // `f()` returns `[1000]` and the caller drops it: 64 + 32 bytes on an 88-byte heap.
    let s = start({
      machine: { heapBytes: 88 },
      functions: { f: { params: [], frameBytes: 64 } },
      program: [
        { op: 'call', line: 1, fn: 'f' },
        { op: 'return', line: 2, value: { list: [{ int: 1000 }] } },
        { op: 'say', line: 3, text: 'after' },
      ],
    });
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'push', fn: 'f' }));
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'pop' }));
    expect(s.request).toMatchObject({ kind: 'place', objectIds: ['line2.0', 'line2'], outOfMemory: false });
    // The list placed first is still being returned: not garbage to free to make room.
    const list = act(s, { type: 'place', objectId: 'line2', address: 0 });
    expect(garbage(list.state).ids).toEqual([]);
    expect(list.state.request).toMatchObject({ objectIds: ['line2.0'], outOfMemory: true });
    // Placed the other way round, the same: once the op is done both go at once.
    const item = act(s, { type: 'place', objectId: 'line2.0', address: 56 });
    expect(item.state.request).toMatchObject({ objectIds: ['line2'], outOfMemory: true });
  });

  test('a name is rebound when its op completes: the value it held stays alive until then', () => {
    // `a = [0, 0]` (72 B) while a holds a 72-byte list and a big int waits too: no room for both.
    let s = start({
      machine: { heapBytes: 200 },
      preplaced: [
        { object: { id: 'old', value: { list: [{ int: 0 }, { int: 0 }] }, bind: 'a' }, address: 0 },
      ],
      program: [
        {
          op: 'new',
          line: 1,
          objects: [
            { id: 'new', value: { list: [{ int: 0 }, { int: 0 }] }, bind: 'a' },
            { id: 'big', value: { bytes: 60 } },
          ],
        },
      ],
    });
    s = untilRequest(s).state;
    const r = act(s, { type: 'place', objectId: 'new', address: 72 });
    // The old list is still a's: not garbage, so there is no room to make for the bytes.
    expect(r.state.stack[0]!.locals).toEqual({ a: 'old' });
    expect(garbage(r.state).ids).toEqual([]);
    expect(r.state.request).toMatchObject({ objectIds: ['big'], outOfMemory: true });
  });

  test('two objects of one op bound to one name: the later one keeps it, whatever is placed first', () => {
    const s = placeRequested({
      program: [
        {
          op: 'new',
          line: 1,
          objects: [
            { id: 'first', value: { float: 1.5 }, bind: 'c' },
            { id: 'second', value: { float: 2.5 }, bind: 'c' },
          ],
        },
        { op: 'say', line: 2, text: 'after' },
      ],
    });
    let t = act(s, { type: 'place', objectId: 'second', address: 0 }).state;
    t = act(t, { type: 'place', objectId: 'first', address: 24 }).state;
    expect(t.stack[0]!.locals).toEqual({ c: 'second' });
    expect(garbage(t).ids).toEqual(['first']);
    let u = act(s, { type: 'place', objectId: 'first', address: 24 }).state;
    u = act(u, { type: 'place', objectId: 'second', address: 0 }).state;
    expect(u.stack[0]!.locals).toEqual({ c: 'second' });
    expect(garbage(u).ids).toEqual(['first']);
  });
});

describe('lists that grow', () => {
  const GROW: LevelParts = {
    machine: { heapBytes: 256 },
    program: [
      { op: 'new', line: 1, objects: [{ id: 'a', value: { list: [] }, bind: 'a' }] },
      { op: 'new', line: 2, objects: [{ id: 'b', value: { list: [] }, bind: 'b' }] },
      { op: 'set', line: 3, target: { name: 'a' }, value: { int: 1 } },
      { op: 'say', line: 4, text: 'appended' },
    ],
  };

  test('an append past capacity grows in place when the next cells are free', () => {
    let s = placeRequested(GROW);
    ({ state: s } = act(s, { type: 'place', objectId: 'a', address: 0 }));
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'place', objectId: 'b', address: 128 }));
    const r = untilRequest(s);
    expect(r.state.status).toBe('complete');
    expect(r.state.objects.a).toMatchObject({ address: 0, size: 88, refs: ['int:1'], label: '[1]' });
  });

  test('when the next cells are taken the same object must be placed again', () => {
    let s = placeRequested(GROW);
    ({ state: s } = act(s, { type: 'place', objectId: 'a', address: 0 }));
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'place', objectId: 'b', address: 56 }));
    ({ state: s } = untilRequest(s));
    expect(s.request).toMatchObject({
      kind: 'place',
      objectIds: ['a'],
      resize: { objectId: 'a', address: 0, size: 56, refs: [] },
    });
    expect(s.objects.a).toMatchObject({ address: null, size: 88 });
    expect(s.stack[0]!.locals.a).toBe('a');
    expect(garbage(s).ids).toEqual([]);
    const r = act(s, { type: 'place', objectId: 'a', address: 112 });
    expect(r.state.objects.a!.address).toBe(112);
    expect(r.state.request).toBeNull();
  });
});

describe('MemoryError', () => {
  const TOO_BIG: LevelParts = {
    machine: { heapBytes: 128 },
    program: [
      {
        op: 'try',
        line: 1,
        error: 'MemoryError',
        body: [{ op: 'new', line: 2, objects: [{ id: 'huge', value: { bytes: 500 }, bind: 'h' }] }],
        handler: [{ op: 'say', line: 4, text: 'out of memory' }],
      },
    ],
  };

  test('an object that fits nowhere, with no garbage to free, makes the request a MemoryError', () => {
    const s = placeRequested(TOO_BIG);
    expect(s.request).toMatchObject({ kind: 'place', outOfMemory: true });
    expect(bestAction(s)).toEqual({ type: 'raise', error: 'MemoryError' });
    const r = act(s, { type: 'raise', error: 'MemoryError' });
    expect(r.state.objects.huge).toBeUndefined();
    expect(r.events).toContainEqual({ type: 'raised', error: 'MemoryError', unwound: 0 });
    const rest = untilRequest(r.state);
    expect(rest.events).toContainEqual({ type: 'say', text: 'out of memory' });
    expect(rest.state.status).toBe('complete');
  });

  test('while garbage could be freed it is not a MemoryError yet; raising it is a heap mistake', () => {
    let s = start({
      machine: { heapBytes: 128 },
      preplaced: [{ object: { id: 'junk', value: { bytes: 60 } }, address: 0 }],
      program: [{ op: 'new', line: 1, objects: [{ id: 'big', value: { bytes: 80 }, bind: 'big' }] }],
    });
    s = untilRequest(s).state;
    expect(garbage(s).ids).toEqual(['junk']);
    expect(s.request).toMatchObject({ kind: 'place', outOfMemory: false });
    expect(apply(s, { type: 'raise', error: 'MemoryError' }).state.tally.mistakes).toEqual({ heap: 1 });
    const freed = act(s, { type: 'free', objectIds: ['junk'] });
    expect(freed.state.request).toMatchObject({ outOfMemory: false });
    expect(act(freed.state, { type: 'place', objectId: 'big', address: 0 }).state.status).toBe('complete');
  });

  test('a list that cannot move anywhere raises MemoryError and stays as it was', () => {
    let s = start({
      machine: { heapBytes: 128 },
      preplaced: [
        {
          object: {
            id: 'full',
            value: { list: [{ int: 1 }, { int: 2 }, { int: 3 }, { int: 4 }] },
            bind: 'full',
          },
          address: 0,
        },
        { object: { id: 'wall', value: { float: 2.5 }, bind: 'wall' }, address: 88 },
      ],
      program: [
        {
          op: 'try',
          line: 1,
          error: 'MemoryError',
          body: [{ op: 'set', line: 2, target: { name: 'full' }, value: { int: 5 } }],
          handler: [],
        },
      ],
    });
    s = untilRequest(s).state;
    expect(s.request).toMatchObject({ kind: 'place', objectIds: ['full'], outOfMemory: true });
    const r = act(s, { type: 'raise', error: 'MemoryError' });
    expect(r.state.objects.full).toMatchObject({
      address: 0,
      size: 88,
      refs: ['int:1', 'int:2', 'int:3', 'int:4'],
    });
    expect(r.state.status).toBe('complete');
  });

  test('a place request whose MemoryError flag flips is changed, not raised again', () => {
    // Freeing the garbage that kept the request hopeful leaves no run big enough for `big`.
    let s = start({
      machine: { heapBytes: 128 },
      preplaced: [
        { object: { id: 'junk', value: { float: 1.5 } }, address: 0 },
        { object: { id: 'keep', value: { float: 2.5 }, bind: 'keep' }, address: 56 },
      ],
      program: [{ op: 'new', line: 1, objects: [{ id: 'big', value: { bytes: 80 }, bind: 'big' }] }],
    });
    const raised = untilRequest(s);
    s = raised.state;
    expect(raised.events.filter((e) => e.type === 'request')).toHaveLength(1);
    expect(s.request).toMatchObject({ kind: 'place', outOfMemory: false });
    const freed = act(s, { type: 'free', objectIds: ['junk'] });
    expect(freed.state.request).toMatchObject({ kind: 'place', objectIds: ['big'], outOfMemory: true });
    expect(freed.events.filter((e) => e.type === 'request')).toEqual([]);
    expect(freed.events).toContainEqual({ type: 'request-changed', request: freed.state.request });
    // Placing one of two objects badly flips it too.
    let two = start({
      machine: { heapBytes: 128 },
      program: [
        {
          op: 'new',
          line: 1,
          objects: [
            { id: 'p', value: { float: 0.5 }, bind: 'p' },
            { id: 'q', value: { bytes: 60 }, bind: 'q' },
          ],
        },
      ],
    });
    two = untilRequest(two).state;
    const placed = act(two, { type: 'place', objectId: 'p', address: 48 });
    expect(placed.state.request).toMatchObject({ objectIds: ['q'], outOfMemory: true });
    expect(placed.events.map((e) => e.type)).toEqual(['object-placed', 'request-changed']);
  });
});

describe('freeing', () => {
  const DROP: LevelParts = {
    program: [
      { op: 'new', line: 1, objects: [{ id: 'x', value: { float: 1.5 }, bind: 'x' }] },
      { op: 'new', line: 2, objects: [{ id: 'y', value: { float: 2.5 }, bind: 'y' }] },
      { op: 'unbind', line: 3, name: 'x' },
      { op: 'say', line: 4, text: 'x is gone' },
      { op: 'repeat', line: 5, times: 10, body: [{ op: 'say', line: 5, text: 'still going' }] },
    ],
  };

  function afterDrop(): GameState {
    let s = placeRequested(DROP);
    ({ state: s } = act(s, { type: 'place', objectId: 'x', address: 0 }));
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'place', objectId: 'y', address: 24 }));
    return ticks(s, 1).state;
  }

  test('unbinding the last name makes garbage, announced at once', () => {
    let s = placeRequested(DROP);
    ({ state: s } = act(s, { type: 'place', objectId: 'x', address: 0 }));
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'place', objectId: 'y', address: 24 }));
    const r = ticks(s, 1);
    expect(r.events).toContainEqual({ type: 'unbound', name: 'x', depth: 0 });
    expect(r.events).toContainEqual({ type: 'garbage', objectIds: ['x'], cycle: false });
  });

  test('every tick with garbage on the heap adds its bytes to the leak', () => {
    const s = afterDrop();
    expect(s.tally.leakByteTicks).toBe(0);
    expect(ticks(s, 3).state.tally.leakByteTicks).toBe(72);
    const freed = act(s, { type: 'free', objectIds: ['x'] });
    expect(freed.events).toContainEqual({ type: 'objects-freed', objectIds: ['x'], bytes: 24 });
    expect(ticks(freed.state, 3).state.tally.leakByteTicks).toBe(0);
  });

  test('freeing a reachable object is a dangling pointer: the run crashes', () => {
    const r = apply(afterDrop(), { type: 'free', objectIds: ['y'] });
    expect(r.ok).toBe(true);
    expect(r.state.status).toBe('crashed');
    expect(r.state.crash).toMatchObject({ kind: 'dangling-pointer' });
    expect(r.state.objects.y).toBeDefined();
    // The module frame is named as Python's traceback names it, without call parentheses.
    expect(r.state.crash?.message).toContain('<module> still reaches it');
    expect(r.state.crash?.message).not.toContain('<module>()');
  });

  test('freeing garbage together with a reachable object still crashes', () => {
    expect(apply(afterDrop(), { type: 'free', objectIds: ['x', 'y'] }).state.status).toBe('crashed');
  });

  test('freeing something that is not on the heap is rejected with a penalty', () => {
    const s = afterDrop();
    const shelf = apply(s, { type: 'free', objectIds: ['None'] });
    expect(shelf.ok).toBe(false);
    expect(shelf.state.tally.rejections).toBe(1);
    const unknown = apply(s, { type: 'free', objectIds: ['nothing'] });
    expect(unknown.state).toBe(s);
  });

  test('freeing an object that is still being made is rejected', () => {
    const s = placeRequested(DROP);
    const r = apply(s, { type: 'free', objectIds: ['x'] });
    expect(r.ok).toBe(false);
    expect(r.state.tally.rejections).toBe(1);
  });
});
