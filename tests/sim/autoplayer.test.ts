/** The players made of code, recording and replaying runs, and the one-sentence explanations. */
import { describe, expect, test } from 'vitest';
import {
  type Action,
  apply,
  bestAction,
  createAutoplayer,
  explainAction,
  type GameState,
  hash,
  playLevel,
  replay,
  score,
  step,
} from '../../shared/sim';
import {
  act,
  CALL_STACK_LEVEL,
  CYCLE_LEVEL,
  type LevelParts,
  makeLevel,
  start,
  untilRequest,
} from './fixtures';

const MIXED: LevelParts = {
  machine: { heapBytes: 512, recursionLimit: 4 },
  functions: { f: { params: ['n'], frameBytes: 64 } },
  program: [
    { op: 'new', line: 1, objects: [{ id: 'items', value: { list: [] }, bind: 'items' }] },
    { op: 'new', line: 2, objects: [{ id: 'wall', value: { float: 1.5 }, bind: 'wall' }] },
    {
      op: 'repeat',
      line: 3,
      times: 6,
      body: [
        { op: 'new', line: 4, objects: [{ id: 'v', value: { float: 2.5 }, bind: 'v' }] },
        { op: 'set', line: 5, target: { name: 'items' }, value: { name: 'v' } },
      ],
    },
    {
      op: 'try',
      line: 6,
      error: 'RecursionError',
      body: [
        {
          op: 'repeat',
          line: 7,
          times: 9,
          body: [{ op: 'call', line: 7, fn: 'f', args: { n: { int: 1 } } }],
        },
      ],
      handler: [
        {
          op: 'ask',
          line: 9,
          question: 'How many frames?',
          options: ['3', '4'],
          correct: 1,
          concept: 'recursion',
          explain: 'The limit counts <module>.',
        },
      ],
    },
    {
      op: 'try',
      line: 10,
      error: 'MemoryError',
      body: [{ op: 'new', line: 11, objects: [{ id: 'huge', value: { bytes: 4000 }, bind: 'huge' }] }],
      handler: [{ op: 'unbind', line: 12, name: 'items' }],
    },
    { op: 'say', line: 13, text: 'bye' },
  ],
};

describe('bestAction', () => {
  test('waits when there is nothing to do', () => {
    expect(bestAction(start(MIXED))).toBeNull();
  });

  test('perfect play completes a level with growth, overflow, a question and MemoryError, without a mistake', () => {
    const run = playLevel(makeLevel(MIXED), 4, bestAction);
    const s = score(run.state);
    expect(run.state.status).toBe('complete');
    expect(s.mistakes).toBe(0);
    expect(s.rejections).toBe(0);
    expect(s.leak).toBe(0);
    const kinds = new Set(run.actions.map((a) => a.action.type));
    expect([...kinds].sort()).toEqual(['answer', 'free', 'place', 'push', 'raise']);
    expect(
      run.actions.filter((a) => a.action.type === 'raise').map((a) => (a.action as { error: string }).error),
    ).toEqual(['RecursionError', 'MemoryError']);
    // The list outgrew its cells while `wall` sat behind it, so it was placed again.
    expect(
      run.actions.filter((a) => a.action.type === 'place' && a.action.objectId === 'items').length,
    ).toBeGreaterThan(1);
  });

  test('places best fit: the 16-byte gap is too small, so the float goes to the free run after b', () => {
    const s = untilRequest(
      start({
        machine: { heapBytes: 256 },
        preplaced: [
          { object: { id: 'a', value: { float: 1 }, bind: 'a' }, address: 0 },
          { object: { id: 'b', value: { float: 2 }, bind: 'b' }, address: 40 },
        ],
        program: [{ op: 'new', line: 1, objects: [{ id: 'x', value: { float: 3 }, bind: 'x' }] }],
      }),
    ).state;
    expect(bestAction(s)).toEqual({ type: 'place', objectId: 'x', address: 64 });
  });

  test('frees the whole garbage set at once, cycles together', () => {
    let s = start(CYCLE_LEVEL);
    while (bestAction(s)?.type !== 'free') {
      const a = bestAction(s);
      s = a ? act(s, a).state : step(s).state;
    }
    expect(s.stack[0]!.locals).toEqual({});
    expect(bestAction(s)).toEqual({ type: 'free', objectIds: ['a', 'b'] });
  });
});

describe('createAutoplayer', () => {
  test('with no errors it plays exactly like bestAction', () => {
    const level = makeLevel(MIXED);
    const a = playLevel(level, 2, createAutoplayer({ errorRate: 0, seed: 1 }));
    const b = playLevel(level, 2, bestAction);
    expect(a.actions).toEqual(b.actions);
  });

  test('with errors it slips (mistakes, rejections, delays) but never crashes, the same way for the same seed', () => {
    const level = makeLevel(MIXED);
    const one = playLevel(level, 2, createAutoplayer({ errorRate: 0.4, seed: 7 }));
    const two = playLevel(level, 2, createAutoplayer({ errorRate: 0.4, seed: 7 }));
    expect(two.actions).toEqual(one.actions);
    expect(one.state.status).not.toBe('crashed');
    const perfect = score(playLevel(level, 2, bestAction).state).total;
    expect(score(one.state).total).toBeLessThan(perfect);
    let slips = 0;
    for (let seed = 0; seed < 5; seed++) {
      const s = score(playLevel(level, 2, createAutoplayer({ errorRate: 0.4, seed })).state);
      slips += s.mistakes + s.rejections;
    }
    expect(slips).toBeLessThan(0);
    const other = playLevel(level, 2, createAutoplayer({ errorRate: 0.4, seed: 8 }));
    expect(other.actions).not.toEqual(one.actions);
  });
});

describe('playLevel and replay', () => {
  test('a recorded run replays to the same state, hash and score', () => {
    const level = makeLevel(MIXED);
    const run = playLevel(level, 5, createAutoplayer({ errorRate: 0.3, seed: 3 }));
    const again = replay(level, 5, run.actions);
    expect(hash(again)).toBe(hash(run.state));
    expect(score(again)).toEqual(score(run.state));
  });

  test('replay can stop at a tick, after the actions stamped then', () => {
    const level = makeLevel(CALL_STACK_LEVEL);
    const run = playLevel(level, 1, bestAction);
    const first = run.actions[0]!;
    const at = replay(level, 1, run.actions, first.tick);
    expect(at.tick).toBe(first.tick);
    expect(at.stack.map((f) => f.fn)).toEqual(['<module>', 'a']);
    const before = replay(level, 1, run.actions, first.tick - 1);
    expect(before.stack).toHaveLength(1);
  });

  test('actions stamped in the past are ignored', () => {
    const level = makeLevel(CALL_STACK_LEVEL);
    const run = playLevel(level, 1, bestAction);
    const stale = [{ tick: 0, action: { type: 'pop' } as Action }, ...run.actions];
    expect(hash(replay(level, 1, stale))).not.toBe(hash(run.state));
    expect(replay(level, 1, stale).tally.rejections).toBe(1);
  });
});

describe('explainAction', () => {
  function at(parts: LevelParts, until: (s: GameState) => boolean): GameState {
    let s = start(parts);
    while (!until(s)) {
      const a = bestAction(s);
      s = a ? apply(s, a).state : step(s).state;
    }
    return s;
  }

  test('push, with the names the frame will hold (the lesson’s example)', () => {
    const s = at(CALL_STACK_LEVEL, (x) => x.request?.kind === 'push' && x.request.fn === 'b');
    expect(explainAction(s, { type: 'push', fn: 'b' })).toBe(
      'Push a frame for b(): the call on line 3 needs its own space for y.',
    );
    expect(explainAction(s, { type: 'pop' })).toBe('a() has not returned yet, so its frame has to stay.');
  });

  test('pop, place and free', () => {
    const popAt = at(CALL_STACK_LEVEL, (x) => x.request?.kind === 'pop');
    expect(explainAction(popAt, { type: 'pop' })).toBe(
      "Pop c()'s frame: it returned on line 13, so its variable z goes with it.",
    );
    const placeAt = at(CYCLE_LEVEL, (x) => x.request?.kind === 'place');
    expect(explainAction(placeAt, bestAction(placeAt)!)).toBe(
      'Put the new list [] at 0x7f000000: it needs 56 bytes, 7 cells in a row.',
    );
    const freeAt = at(CYCLE_LEVEL, (x) => bestAction(x)?.type === 'free');
    expect(explainAction(freeAt, bestAction(freeAt)!)).toMatch(/only point at each other/);
  });

  test('raise and answer', () => {
    const overflow = at(MIXED, (x) => x.request?.kind === 'push' && x.request.overflow);
    expect(explainAction(overflow, { type: 'raise', error: 'RecursionError' })).toMatch(
      /^Raise RecursionError: /,
    );
    const question = at(MIXED, (x) => x.request?.kind === 'answer');
    expect(explainAction(question, { type: 'answer', option: 1 })).toBe(
      'Answer "4": The limit counts <module>.',
    );
    expect(explainAction(question, { type: 'answer', option: 0 })).toMatch(/is not right/);
    const oom = at(MIXED, (x) => x.request?.kind === 'place' && x.request.outOfMemory);
    expect(explainAction(oom, { type: 'raise', error: 'MemoryError' })).toMatch(
      /^Raise MemoryError: bytes\(4000\) needs 4033 bytes/,
    );
  });
});
