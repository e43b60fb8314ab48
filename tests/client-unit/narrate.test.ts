import { describe, expect, test } from 'vitest';
import { CYCLE_LEVEL, cycleState, midStackState } from '../../client/src/game/fixtures';
import { narrate } from '../../client/src/game/narrate';

describe('narration for the live region', () => {
  const s = midStackState();

  test('requests say what to do and which line asks', () => {
    expect(narrate([{ type: 'request', request: s.request! }], s)).toEqual([
      'Line 8 calls c(): push its frame.',
    ]);
    const place = cycleState();
    expect(narrate([{ type: 'request', request: place.request! }], place)).toEqual([
      'Line 7 allocates: place [0, 0, 0, …] (216 B) on the heap.',
    ]);
    expect(
      narrate(
        [
          {
            type: 'request',
            request: { kind: 'answer', question: 'Same object?', options: ['yes', 'no'], line: 3, since: 0 },
          },
        ],
        s,
      ),
    ).toEqual(['Line 3 asks: Same object? 1: yes. 2: no.']);
  });

  test('an overflowing call names the limit', () => {
    const req = { kind: 'push' as const, fn: 'f', line: 2, since: 0, overflow: true };
    expect(narrate([{ type: 'request', request: req }], s)[0]).toBe(
      'Line 2 calls f() with 3 of 1000 frames in use: push, or raise RecursionError?',
    );
  });

  test('results: frames, placement with hex address, frees, answers, mistakes, crashes', () => {
    const lines = narrate(
      [
        { type: 'frame-pushed', fn: 'c', depth: 4 },
        { type: 'frame-popped', fn: 'c', depth: 3 },
        { type: 'object-placed', objectId: 'y', address: 16 },
        { type: 'objects-freed', objectIds: ['a', 'b'], bytes: 176 },
        { type: 'answered', correct: false, explain: 'Small ints are cached.' },
        { type: 'mistake', concept: 'call-stack', message: 'b() is not called yet.' },
        { type: 'crash', kind: 'dangling-pointer', message: 'y was still in use.' },
        { type: 'complete', tick: 99 },
      ],
      s,
    );
    expect(lines).toEqual([
      'Pushed the frame of c(); the stack is 4 frames deep.',
      'Popped the frame of c(); its local names are gone.',
      'Placed [1, 2, 3] at 0x7f00_0010.',
      'Freed 2 objects, 176 B back on the heap.',
      'Not quite. Small ints are cached.',
      'Mistake: b() is not called yet.',
      'Crash: y was still in use.',
      'Level complete.',
    ]);
  });

  test('ticks and stalls stay quiet', () => {
    expect(
      narrate(
        [
          { type: 'line', line: 3 },
          { type: 'stall', waited: 30 },
        ],
        s,
      ),
    ).toEqual([]);
  });

  test('garbage and cycles are only told where the level shows them', () => {
    const shown = cycleState();
    const hidden = {
      ...shown,
      level: { ...CYCLE_LEVEL, show: { refcounts: false, garbage: false, cycles: false } },
    };
    const e = [{ type: 'garbage' as const, objectIds: ['a', 'b'], cycle: true }];
    expect(narrate(e, shown)).toEqual(['Unreachable cycle: [[...]], [[...]].']);
    expect(narrate(e, hidden)).toEqual([]);
  });

  test('messages from the simulator name <module> without call parentheses', () => {
    const crash = narrate(
      [
        {
          type: 'crash',
          kind: 'dangling-pointer',
          message: 'You freed xs (<module>() still reaches it through xs).',
        },
      ],
      s,
    );
    expect(crash).toEqual(['Crash: You freed xs (<module> still reaches it through xs).']);
    const mistake = narrate(
      [{ type: 'mistake', concept: 'call-stack', message: '<module>() has not returned yet.' }],
      s,
    );
    expect(mistake[0]).not.toContain('<module>()');
  });
});
