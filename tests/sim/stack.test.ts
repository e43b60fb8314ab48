/** The call stack: push and pop, LIFO mistakes, the recursion limit, stack overflow, arguments and return values. */
import { describe, expect, test } from 'vitest';
import { apply } from '../../shared/sim';
import { act, type LevelParts, start, untilRequest } from './fixtures';

const CALL_F: LevelParts = {
  functions: { f: { params: ['n'], frameBytes: 100 }, g: { params: [], frameBytes: 100 } },
  program: [
    { op: 'call', line: 1, fn: 'f', args: { n: { int: 7 } } },
    { op: 'bind', line: 2, name: 'm', value: { name: 'n' } },
    { op: 'return', line: 3, value: { name: 'n' }, bind: 'result' },
  ],
};

function pushRequested(parts: LevelParts) {
  return untilRequest(start(parts)).state;
}

describe('push', () => {
  test('a call asks for a push; the frame gets the function, its size and its arguments', () => {
    const s = pushRequested(CALL_F);
    expect(s.request).toEqual({ kind: 'push', fn: 'f', line: 1, since: s.tick, overflow: false });
    const r = act(s, { type: 'push', fn: 'f' });
    expect(r.state.stack[1]).toEqual({ fn: 'f', locals: { n: 'int:7' }, size: 100, returnLine: 1 });
    expect(r.events).toContainEqual({ type: 'frame-pushed', fn: 'f', depth: 1 });
    expect(r.events).toContainEqual({ type: 'bound', name: 'n', objectId: 'int:7', depth: 1 });
    expect(r.events).toContainEqual({ type: 'serviced', request: 'push', points: 150, waited: 0 });
    expect(r.state.request).toBeNull();
  });

  test('pushing the wrong function is a call-stack mistake and nothing else changes', () => {
    const s = pushRequested(CALL_F);
    const r = apply(s, { type: 'push', fn: 'g' });
    expect(r.ok).toBe(true);
    expect(r.events).toEqual([
      { type: 'mistake', concept: 'call-stack', message: expect.stringContaining('f()') },
    ]);
    expect(r.state.tally.mistakes).toEqual({ 'call-stack': 1 });
    expect(r.state.stack).toBe(s.stack);
    expect(r.state.request).toBe(s.request);
  });

  test('pushing with no call pending is a call-stack mistake', () => {
    const s = start(CALL_F);
    const r = apply(s, { type: 'push', fn: 'f' });
    expect(r.state.tally.mistakes).toEqual({ 'call-stack': 1 });
    expect(r.state.stack).toHaveLength(1);
  });

  test('an unknown function is refused without penalty and the state is returned as is', () => {
    const s = pushRequested(CALL_F);
    const r = apply(s, { type: 'push', fn: 'nosuch' });
    expect(r.ok).toBe(false);
    expect(r.state).toBe(s);
  });

  test('at the recursion limit the request is an overflow; pushing is a recursion mistake', () => {
    const parts: LevelParts = {
      ...CALL_F,
      machine: { recursionLimit: 2 },
      program: [
        { op: 'call', line: 1, fn: 'f' },
        { op: 'call', line: 2, fn: 'f' },
      ],
    };
    let s = pushRequested(parts);
    expect(s.request).toMatchObject({ kind: 'push', overflow: false });
    ({ state: s } = act(s, { type: 'push', fn: 'f' }));
    ({ state: s } = untilRequest(s));
    expect(s.stack).toHaveLength(2);
    expect(s.request).toMatchObject({ kind: 'push', overflow: true });
    const r = apply(s, { type: 'push', fn: 'f' });
    expect(r.state.tally.mistakes).toEqual({ recursion: 1 });
    expect(r.state.stack).toHaveLength(2);
    expect(r.state.status).toBe('running');
  });

  test('a frame that does not fit in the stack bytes is an overflow; pushing it crashes', () => {
    const s = pushRequested({ ...CALL_F, machine: { stackBytes: 128, moduleFrameBytes: 64 } });
    expect(s.request).toMatchObject({ kind: 'push', overflow: true });
    const r = apply(s, { type: 'push', fn: 'f' });
    expect(r.ok).toBe(true);
    expect(r.state.status).toBe('crashed');
    expect(r.state.crash).toEqual({
      kind: 'stack-overflow',
      message: expect.stringContaining('Segmentation fault'),
    });
    expect(r.events).toContainEqual({ type: 'crash', kind: 'stack-overflow', message: expect.any(String) });
    expect(apply(r.state, { type: 'pop' }).ok).toBe(false);
  });

  test('raising RecursionError when nothing overflows is a recursion mistake', () => {
    const s = pushRequested(CALL_F);
    const r = apply(s, { type: 'raise', error: 'RecursionError' });
    expect(r.state.tally.mistakes).toEqual({ recursion: 1 });
    expect(r.state.request).toBe(s.request);
  });
});

describe('pop', () => {
  test('a return asks for a pop; the locals go with the frame and the value is bound in the caller', () => {
    let s = pushRequested(CALL_F);
    ({ state: s } = act(s, { type: 'push', fn: 'f' }));
    ({ state: s } = untilRequest(s));
    expect(s.stack[1]!.locals).toEqual({ n: 'int:7', m: 'int:7' });
    expect(s.request).toMatchObject({ kind: 'pop', fn: 'f', line: 3 });
    const r = act(s, { type: 'pop' });
    expect(r.state.stack).toHaveLength(1);
    expect(r.state.stack[0]!.locals).toEqual({ result: 'int:7' });
    expect(r.events).toContainEqual({ type: 'frame-popped', fn: 'f', depth: 1 });
    expect(r.state.status).toBe('complete');
  });

  test('popping before the return is a call-stack mistake', () => {
    let s = pushRequested(CALL_F);
    ({ state: s } = act(s, { type: 'push', fn: 'f' }));
    const r = apply(s, { type: 'pop' });
    expect(r.state.tally.mistakes).toEqual({ 'call-stack': 1 });
    expect(r.state.stack).toBe(s.stack);
  });

  test('popping <module> is rejected with a penalty', () => {
    const s = start(CALL_F);
    const r = apply(s, { type: 'pop' });
    expect(r.ok).toBe(false);
    expect(r.state.tally.rejections).toBe(1);
    expect(r.state.stack).toBe(s.stack);
  });

  test('a return value that is not kept is held until the next line is done, then it is garbage', () => {
    let s = start({
      functions: { f: { params: [], frameBytes: 64 } },
      program: [
        { op: 'call', line: 1, fn: 'f' },
        { op: 'new', line: 2, objects: [{ id: 'big', value: { int: 1000 }, bind: 'x' }] },
        { op: 'return', line: 3, value: { name: 'x' } },
        { op: 'say', line: 4, text: 'next' },
        { op: 'say', line: 5, text: 'later' },
      ],
    });
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'push', fn: 'f' }));
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'place', objectId: 'big', address: 0 }));
    ({ state: s } = untilRequest(s));
    ({ state: s } = act(s, { type: 'pop' }));
    expect(s.temps).toEqual(['big']);
    const next = untilRequest(s);
    expect(next.events).toContainEqual({ type: 'garbage', objectIds: ['big'], cycle: false });
  });
});

describe('recursion and try', () => {
  const RECURSE: LevelParts = {
    functions: { r: { params: [], frameBytes: 64 } },
    machine: { recursionLimit: 3 },
    program: [
      {
        op: 'try',
        line: 1,
        error: 'RecursionError',
        body: [{ op: 'repeat', line: 2, times: 10, body: [{ op: 'call', line: 2, fn: 'r' }] }],
        handler: [{ op: 'say', line: 4, text: 'caught' }],
      },
      { op: 'bind', line: 5, name: 'after', value: { int: 1 } },
    ],
  };

  test('with limit 3 the deepest stack is 3 frames including <module>; the third call overflows', () => {
    let s = start(RECURSE);
    for (let depth = 1; depth <= 2; depth++) {
      ({ state: s } = untilRequest(s));
      expect(s.request).toMatchObject({ kind: 'push', overflow: false });
      ({ state: s } = act(s, { type: 'push', fn: 'r' }));
    }
    ({ state: s } = untilRequest(s));
    expect(s.stack).toHaveLength(3);
    expect(s.request).toMatchObject({ kind: 'push', overflow: true });
    const r = act(s, { type: 'raise', error: 'RecursionError' });
    expect(r.events).toContainEqual({ type: 'raised', error: 'RecursionError', unwound: 2 });
    expect(r.state.stack).toHaveLength(1);
    expect(r.state.raising).toBe('RecursionError');
    const rest = untilRequest(r.state);
    expect(rest.events).toContainEqual({ type: 'say', text: 'caught' });
    expect(rest.state.stack[0]!.locals).toEqual({ after: 'int:1' });
    expect(rest.state.status).toBe('complete');
  });

  test('an error no try catches ends the program as complete (a traceback), not as a crash', () => {
    let s = start({
      ...RECURSE,
      program: [{ op: 'repeat', line: 2, times: 10, body: [{ op: 'call', line: 2, fn: 'r' }] }],
    });
    for (let i = 0; i < 2; i++) {
      ({ state: s } = untilRequest(s));
      ({ state: s } = act(s, { type: 'push', fn: 'r' }));
    }
    ({ state: s } = untilRequest(s));
    const r = act(s, { type: 'raise', error: 'RecursionError' });
    expect(r.state.status).toBe('complete');
    expect(r.state.crash).toBeNull();
    expect(r.state.stack).toHaveLength(1);
  });

  test('a try for another error does not catch', () => {
    let s = start({
      ...RECURSE,
      program: [{ ...(RECURSE.program[0] as object), error: 'MemoryError' } as LevelParts['program'][number]],
    });
    for (let i = 0; i < 2; i++) {
      ({ state: s } = untilRequest(s));
      ({ state: s } = act(s, { type: 'push', fn: 'r' }));
    }
    ({ state: s } = untilRequest(s));
    expect(act(s, { type: 'raise', error: 'RecursionError' }).state.status).toBe('complete');
  });

  test('frames below the try are kept when unwinding', () => {
    let s = start({
      functions: { main: { params: [], frameBytes: 64 }, r: { params: [], frameBytes: 64 } },
      machine: { recursionLimit: 4 },
      program: [
        { op: 'call', line: 1, fn: 'main' },
        {
          op: 'try',
          line: 2,
          error: 'RecursionError',
          body: [{ op: 'repeat', line: 3, times: 10, body: [{ op: 'call', line: 3, fn: 'r' }] }],
          handler: [],
        },
        { op: 'return', line: 5 },
      ],
    });
    for (let i = 0; i < 3; i++) {
      ({ state: s } = untilRequest(s));
      if (s.request?.kind === 'push' && !s.request.overflow)
        ({ state: s } = act(s, { type: 'push', fn: s.request.fn }));
    }
    ({ state: s } = untilRequest(s));
    expect(s.request).toMatchObject({ kind: 'push', overflow: true });
    expect(s.stack.map((f) => f.fn)).toEqual(['<module>', 'main', 'r', 'r']);
    ({ state: s } = act(s, { type: 'raise', error: 'RecursionError' }));
    expect(s.stack.map((f) => f.fn)).toEqual(['<module>', 'main']);
    ({ state: s } = untilRequest(s));
    expect(s.request).toMatchObject({ kind: 'pop', fn: 'main' });
  });
});
