/** The program: pace, blocking requests, grace and stalls, each op kind, repeat, ask, the end of the level. */
import { describe, expect, test } from 'vitest';
import { apply, createGame, progress, step } from '../../shared/sim';
import { act, makeLevel, start, ticks, untilRequest } from './fixtures';

describe('time', () => {
  const SAYS = {
    pace: 3,
    program: [
      { op: 'say', line: 1, text: 'one' },
      { op: 'say', line: 2, text: 'two' },
      { op: 'say', line: 3, text: 'three' },
    ],
  } as const;

  test('ops that run by themselves run one every `pace` ticks, the first on the first tick', () => {
    let s = start({ ...SAYS, program: [...SAYS.program] });
    const said: [number, string][] = [];
    while (s.status === 'running') {
      const r = step(s);
      s = r.state;
      for (const e of r.events) if (e.type === 'say') said.push([s.tick, e.text]);
    }
    expect(said).toEqual([
      [1, 'one'],
      [4, 'two'],
      [7, 'three'],
    ]);
    expect(s.status).toBe('complete');
    expect(s.completedAt).toBe(7);
  });

  test('each line that starts is announced once', () => {
    const { events } = ticks(start({ ...SAYS, program: [...SAYS.program] }), 8);
    expect(events.filter((e) => e.type === 'line')).toEqual([
      { type: 'line', line: 1 },
      { type: 'line', line: 2 },
      { type: 'line', line: 3 },
    ]);
  });

  test('a blocking op waits for the player; the next op runs `pace` ticks after it is serviced', () => {
    let s = start({
      pace: 4,
      functions: { f: { params: [], frameBytes: 64 } },
      program: [
        { op: 'call', line: 1, fn: 'f' },
        { op: 'say', line: 2, text: 'inside' },
      ],
    });
    s = untilRequest(s).state;
    const waited = ticks(s, 10).state;
    expect(waited.request).toEqual(s.request);
    const pushed = act(waited, { type: 'push', fn: 'f' }).state;
    expect(pushed.program.nextOpAt).toBe(waited.tick + 4);
    const r = ticks(pushed, 4);
    expect(r.events.filter((e) => e.type === 'say')).toHaveLength(1);
    expect(ticks(pushed, 3).events.filter((e) => e.type === 'say')).toHaveLength(0);
  });

  test('the speed bonus falls linearly to nothing at `grace`; after that every tick stalls', () => {
    const level = {
      grace: 10,
      functions: { f: { params: [], frameBytes: 64 } },
      program: [{ op: 'call' as const, line: 1, fn: 'f' }],
    };
    const s = untilRequest(start(level)).state;
    const points = (wait: number) => {
      const r = act(ticks(s, wait).state, { type: 'push', fn: 'f' });
      return r.events.find((e) => e.type === 'serviced');
    };
    expect(points(0)).toEqual({ type: 'serviced', request: 'push', points: 150, waited: 0 });
    expect(points(4)).toMatchObject({ points: 130, waited: 4 });
    expect(points(10)).toMatchObject({ points: 100, waited: 10 });
    expect(ticks(s, 10).state.tally.stallTicks).toBe(0);
    const late = ticks(s, 13);
    expect(late.state.tally.stallTicks).toBe(3);
    expect(late.events.filter((e) => e.type === 'stall')).toEqual([
      { type: 'stall', waited: 11 },
      { type: 'stall', waited: 12 },
      { type: 'stall', waited: 13 },
    ]);
  });

  test('the level times out when the tick reaches the time limit first', () => {
    const s = untilRequest(
      start({
        timeLimit: 30,
        functions: { f: { params: [], frameBytes: 64 } },
        program: [{ op: 'call', line: 1, fn: 'f' }],
      }),
    ).state;
    const r = ticks(s, 40);
    expect(r.state.status).toBe('timeout');
    expect(r.state.tick).toBe(30);
    expect(r.events).toContainEqual({ type: 'timeout', tick: 30 });
    expect(step(r.state).state).toBe(r.state);
    expect(apply(r.state, { type: 'push', fn: 'f' })).toMatchObject({ ok: false, state: r.state });
  });

  test('progress runs from 0 to 1 through repeats', () => {
    let s = start({
      program: [{ op: 'repeat', line: 1, times: 4, body: [{ op: 'say', line: 1, text: 'x' }] }],
    });
    const seen = [progress(s)];
    while (s.status === 'running') {
      s = step(s).state;
      seen.push(progress(s));
    }
    expect(seen).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe('ops that run by themselves', () => {
  test('bind aliases a name to the object another name refers to', () => {
    let s = untilRequest(
      start({
        program: [
          { op: 'new', line: 1, objects: [{ id: 'lst', value: { list: [{ int: 1 }] }, bind: 'a' }] },
          { op: 'bind', line: 2, name: 'b', value: { name: 'a' } },
          { op: 'bind', line: 3, name: 'c', value: { ref: 'lst' } },
        ],
      }),
    ).state;
    ({ state: s } = act(s, { type: 'place', objectId: 'lst', address: 0 }));
    s = ticks(s, 3).state;
    expect(s.stack[0]!.locals).toEqual({ a: 'lst', b: 'lst', c: 'lst' });
  });

  test('names and ids that Object.prototype also has are ordinary names', () => {
    let s = untilRequest(
      start({
        program: [
          { op: 'bind', line: 1, name: 'constructor', value: { int: 1 } },
          { op: 'new', line: 2, objects: [{ id: 'toString', value: { float: 1.5 }, bind: '__proto__' }] },
          { op: 'bind', line: 3, name: 'copy', value: { name: 'valueOf' } },
          { op: 'bind', line: 4, name: 'again', value: { ref: 'toString' } },
        ],
      }),
    ).state;
    expect(s.stack[0]!.locals).toEqual({ constructor: 'int:1' });
    ({ state: s } = act(s, { type: 'place', objectId: 'toString', address: 0 }));
    s = ticks(s, 3).state;
    expect(Object.keys(s.stack[0]!.locals)).toEqual(['constructor', '__proto__', 'copy', 'again']);
    expect(s.stack[0]!.locals).toMatchObject({ copy: 'None', again: 'toString' });
    expect(Object.getPrototypeOf(s.stack[0]!.locals)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(s.stack[0]!.locals))).toEqual(s.stack[0]!.locals);
  });

  test('rebinding a name drops the old reference and binds the new one', () => {
    const r = ticks(
      start({
        program: [
          { op: 'bind', line: 1, name: 'x', value: { int: 1 } },
          { op: 'bind', line: 2, name: 'x', value: { str: 'hello' } },
        ],
      }),
      2,
    );
    expect(r.state.stack[0]!.locals).toEqual({ x: 'str:hello' });
    expect(r.events).toContainEqual({ type: 'unbound', name: 'x', depth: 0 });
    expect(r.events).toContainEqual({ type: 'bound', name: 'x', objectId: 'str:hello', depth: 0 });
  });

  test('a value a line builds without `new` (x = 1000) still has to be placed', () => {
    const s = untilRequest(
      start({ program: [{ op: 'bind', line: 1, name: 'x', value: { int: 1000 } }] }),
    ).state;
    expect(s.request).toMatchObject({ kind: 'place', objectIds: ['line1'] });
    expect(s.stack[0]!.locals).toEqual({ x: 'line1' });
    expect(act(s, { type: 'place', objectId: 'line1', address: 0 }).state.status).toBe('complete');
  });

  test('set stores into a list slot or a dict key, drop removes, labels follow', () => {
    let s = untilRequest(
      start({
        program: [
          {
            op: 'new',
            line: 1,
            objects: [{ id: 'd', value: { dict: [[{ str: 'a' }, { int: 1 }]] }, bind: 'd' }],
          },
          { op: 'set', line: 2, target: { name: 'd' }, value: { int: 2 }, index: 'a' },
          { op: 'set', line: 3, target: { name: 'd' }, value: { int: 3 }, index: 'b' },
          { op: 'drop', line: 4, target: { name: 'd' }, index: 'a' },
          { op: 'say', line: 5, text: 'done' },
        ],
      }),
    ).state;
    expect(s.objects.d).toMatchObject({ size: 184, label: "{'a': 1}" });
    ({ state: s } = act(s, { type: 'place', objectId: 'd', address: 0 }));
    s = ticks(s, 1).state;
    expect(s.objects.d).toMatchObject({ refs: ['str:a', 'int:2'], label: "{'a': 2}" });
    s = ticks(s, 1).state;
    expect(s.objects.d).toMatchObject({
      refs: ['str:a', 'int:2', 'str:b', 'int:3'],
      label: "{'a': 2, 'b': 3}",
    });
    s = ticks(s, 1).state;
    expect(s.objects.d).toMatchObject({ refs: ['str:b', 'int:3'], label: "{'b': 3}", size: 184 });
  });

  test('drop with `all` clears a list, which shrinks it back to an empty list', () => {
    let s = untilRequest(
      start({
        program: [
          {
            op: 'new',
            line: 1,
            objects: [{ id: 'l', value: { list: [{ int: 1 }, { int: 2 }, { int: 3 }] }, bind: 'l' }],
          },
          { op: 'drop', line: 2, target: { name: 'l' }, all: true },
          { op: 'say', line: 3, text: 'done' },
        ],
      }),
    ).state;
    ({ state: s } = act(s, { type: 'place', objectId: 'l', address: 0 }));
    const r = ticks(s, 1);
    expect(r.state.objects.l).toMatchObject({ refs: [], size: 56, label: '[]' });
    expect(r.events.filter((e) => e.type === 'reference-dropped')).toHaveLength(3);
  });

  test('a new without a name is held by a hidden temporary until the next line is done', () => {
    let s = untilRequest(
      start({
        program: [
          { op: 'new', line: 1, objects: [{ id: 'tmp', value: { float: 2.5 } }] },
          { op: 'say', line: 2, text: 'still held' },
          { op: 'say', line: 3, text: 'gone' },
        ],
      }),
    ).state;
    ({ state: s } = act(s, { type: 'place', objectId: 'tmp', address: 0 }));
    expect(s.temps).toEqual(['tmp']);
    const r = ticks(s, 1);
    expect(r.state.temps).toEqual([]);
    expect(r.events).toContainEqual({ type: 'garbage', objectIds: ['tmp'], cycle: false });
  });

  test('a new in a repeat makes a fresh object each time; {ref} finds the latest', () => {
    let s = start({
      program: [
        {
          op: 'repeat',
          line: 1,
          times: 3,
          body: [
            { op: 'new', line: 2, objects: [{ id: 'item', value: { float: 1.5 } }] },
            { op: 'bind', line: 3, name: 'last', value: { ref: 'item' } },
          ],
        },
      ],
    });
    const ids: string[] = [];
    while (s.status === 'running') {
      s = untilRequest(s).state;
      if (s.request?.kind === 'place') {
        ids.push(s.request.objectIds[0]!);
        s = act(s, { type: 'place', objectId: s.request.objectIds[0]!, address: ids.length * 24 }).state;
      }
    }
    expect(ids).toEqual(['item', 'item#1', 'item#2']);
    expect(s.stack[0]!.locals.last).toBe('item#2');
  });
});

describe('ask', () => {
  const ASK = {
    program: [
      {
        op: 'ask' as const,
        line: 1,
        question: 'Does x = 5 make a new object?',
        options: ['yes', 'no'],
        correct: 1,
        concept: 'identity' as const,
        explain: 'Small ints are cached.',
      },
      { op: 'say' as const, line: 2, text: 'next' },
    ],
  };

  test('a question waits for an answer; the right one is serviced', () => {
    const s = untilRequest(start(ASK)).state;
    expect(s.request).toEqual({
      kind: 'answer',
      question: 'Does x = 5 make a new object?',
      options: ['yes', 'no'],
      line: 1,
      since: s.tick,
    });
    const r = act(s, { type: 'answer', option: 1 });
    expect(r.events).toContainEqual({ type: 'answered', correct: true, explain: 'Small ints are cached.' });
    expect(r.state.tally.serviced).toBe(1);
  });

  test('a wrong answer is a mistake of the question’s concept, and the program goes on', () => {
    const s = untilRequest(start(ASK)).state;
    const r = act(s, { type: 'answer', option: 0 });
    expect(r.state.tally.mistakes).toEqual({ identity: 1 });
    expect(r.state.tally.serviced).toBe(0);
    expect(r.events).toContainEqual({ type: 'answered', correct: false, explain: 'Small ints are cached.' });
    expect(untilRequest(r.state).state.status).toBe('complete');
  });

  test('an option that does not exist is refused; answering with no question is rejected', () => {
    const s = untilRequest(start(ASK)).state;
    expect(apply(s, { type: 'answer', option: 3 }).state).toBe(s);
    const none = apply(createGame(makeLevel(ASK), 1), { type: 'answer', option: 0 });
    expect(none.ok).toBe(false);
    expect(none.state.tally.rejections).toBe(1);
  });
});
