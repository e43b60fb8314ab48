/** Bad input never throws: malformed actions are refused and the very same state comes back. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { apply, parseAction } from '../../shared/sim';
import { ActionSchema } from '../../shared/sim/parse-action';
import { CALL_STACK_LEVEL, start, untilRequest } from './fixtures';

const ready = untilRequest(start(CALL_STACK_LEVEL)).state;

describe('apply with bad input', () => {
  test.each([
    undefined,
    null,
    42,
    'push',
    [],
    [{ type: 'pop' }],
    {},
    { type: 'jump' },
    { type: 'push' },
    { type: 'push', fn: '' },
    { type: 'push', fn: 'a', extra: 1 },
    { type: 'place', objectId: 'x', address: '8' },
    { type: 'place', objectId: 'x', address: Number.NaN },
    { type: 'place', objectId: 'x', address: Number.POSITIVE_INFINITY },
    { type: 'free', objectIds: [] },
    { type: 'free', objectIds: 'x' },
    { type: 'free', objectIds: [1] },
    { type: 'raise', error: 'ValueError' },
    { type: 'answer', option: -1 },
    { type: 'answer', option: 1.5 },
  ])('%j is refused, state unchanged', (input) => {
    const r = apply(ready, input);
    expect(r.ok).toBe(false);
    expect(r.state).toBe(ready);
    expect(r.events).toEqual([]);
    expect(r).toMatchObject({ reason: expect.stringMatching(/Not a valid action/) });
  });

  test.each([
    { type: 'free', objectIds: ['constructor'] },
    { type: 'free', objectIds: ['__proto__'] },
    { type: 'place', objectId: 'toString', address: 0 },
    { type: 'push', fn: 'constructor' },
    { type: 'push', fn: '__proto__' },
  ])('%j names something only Object.prototype has: refused, state unchanged', (input) => {
    expect(apply(ready, input)).toMatchObject({ ok: false, state: ready });
  });

  test('an object whose getter throws is refused, not thrown', () => {
    const evil = Object.defineProperty({}, 'type', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(apply(ready, evil)).toMatchObject({ ok: false, state: ready });
  });

  test('anything at all: never throws, and refusals return the same state', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = apply(ready, input);
        if (!r.ok && r.state !== ready) expect(r.state.tally.rejections).toBe(ready.tally.rejections + 1);
      }),
      { numRuns: 500 },
    );
  });

  test('the hand-written check agrees with the zod schema', () => {
    const near = fc.record(
      {
        type: fc.constantFrom('push', 'pop', 'place', 'free', 'raise', 'answer', 'other'),
        fn: fc.oneof(fc.string({ maxLength: 45 }), fc.integer()),
        objectId: fc.oneof(fc.string({ maxLength: 125 }), fc.constant(null)),
        objectIds: fc.oneof(fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }), fc.string()),
        address: fc.oneof(fc.integer({ min: -10, max: 1 << 25 }), fc.double(), fc.constant(2 ** 60)),
        error: fc.constantFrom('RecursionError', 'MemoryError', 'KeyError'),
        option: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double()),
        extra: fc.anything(),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(fc.oneof(near, fc.anything()), (input) => {
        const mine = parseAction(input);
        const zod = ActionSchema.safeParse(input);
        expect(mine.ok).toBe(zod.success);
        if (mine.ok && zod.success) expect(mine.action).toEqual(zod.data);
      }),
      { numRuns: 2000 },
    );
  });

  test('a finished game refuses every action without changing', () => {
    const over = { ...ready, status: 'complete' as const };
    expect(apply(over, { type: 'push', fn: 'a' })).toMatchObject({ ok: false, state: over });
  });
});
