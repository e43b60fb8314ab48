import { describe, expect, test } from 'vitest';
import {
  callName,
  clockText,
  describeRequest,
  pendingObjects,
  starString,
  starsInReach,
  tidyNames,
  withoutTitle,
} from '../../client/src/game/describe';
import { cycleState, midStackState } from '../../client/src/game/fixtures';

describe('the pending request, in words', () => {
  test('push, with the frame size', () => {
    expect(describeRequest(midStackState())).toEqual({
      title: 'push frame c()',
      detail: 'line 8 calls c() · its frame takes 80 B',
    });
  });

  test('an overflowing call asks for RecursionError and shows the depth', () => {
    const s = midStackState();
    s.request = { kind: 'push', fn: 'c', line: 8, since: 0, overflow: true };
    expect(describeRequest(s).title).toBe('raise RecursionError?');
    expect(describeRequest(s).detail).toContain('3 of 1000 frames');
  });

  test('place names the object, its size and cells; a picked object comes first', () => {
    const s = cycleState();
    expect(describeRequest(s)).toEqual({
      title: 'place [0, 0, 0, …] (216 B)',
      detail: 'line 7 allocates · 27 cells',
    });
    expect(pendingObjects(s).map((o) => o.id)).toEqual(['big']);
  });

  test('nothing pending: what the program is doing', () => {
    const s = midStackState();
    s.request = null;
    expect(describeRequest(s).title).toBe('running…');
    expect(describeRequest({ ...s, status: 'complete' }).title).toBe('level complete');
  });
});

describe('stars and clock', () => {
  test('stars won and the score the next one needs', () => {
    expect(starsInReach(0, [600, 900, 1200])).toEqual({ stars: 0, next: 600 });
    expect(starsInReach(900, [600, 900, 1200])).toEqual({ stars: 2, next: 1200 });
    expect(starsInReach(5000, [600, 900, 1200])).toEqual({ stars: 3, next: null });
    expect(starString(2)).toBe('★★☆');
  });

  test('clock as m:ss', () => {
    expect(clockText(null)).toBe('');
    expect(clockText(65.7)).toBe('1:05');
    expect(clockText(-3)).toBe('0:00');
  });
});

describe('crash cards', () => {
  test('a message that repeats the card title drops the echo', () => {
    expect(withoutTitle('Dangling pointer: [1, 2] was still in use.', 'Dangling pointer')).toBe(
      '[1, 2] was still in use.',
    );
    expect(
      withoutTitle('Segmentation fault: the frame of f() did not fit.', 'Segmentation fault: stack overflow'),
    ).toBe('The frame of f() did not fit.');
    expect(withoutTitle('Out of room: nothing fits.', 'MemoryError')).toBe('Out of room: nothing fits.');
    expect(withoutTitle('No colon here', 'MemoryError')).toBe('No colon here');
  });
});

describe('the module frame is named as Python names it', () => {
  test('a function is a call, <module> is not', () => {
    expect(callName('fib')).toBe('fib()');
    expect(callName('<module>')).toBe('<module>');
  });

  test("the simulator's sentences lose the call parentheses after <module>", () => {
    expect(tidyNames('You freed [1, 2] (<module>() still reaches it through xs).')).toBe(
      'You freed [1, 2] (<module> still reaches it through xs).',
    );
    expect(tidyNames('<module>() has not returned yet; f() has.')).toBe(
      '<module> has not returned yet; f() has.',
    );
  });

  test('no request text built by the board calls <module>', () => {
    const s = midStackState();
    const pop = describeRequest({ ...s, request: { kind: 'pop', fn: '<module>', line: 1, since: 0 } });
    expect(`${pop.title} ${pop.detail}`).not.toContain('<module>()');
  });
});
