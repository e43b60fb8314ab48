import { describe, expect, test } from 'vitest';
import { KEY_HELP, type KeyContext, translateKey } from '../../client/src/game/keymap';

const base: KeyContext = {
  mode: 'play',
  overlay: null,
  request: null,
  cursor: 10,
  cols: 8,
  cells: 32,
  pendingId: null,
  pendingCount: 0,
  selection: [],
  focusedId: null,
  fallbackFn: 'a',
};

const place: KeyContext = {
  ...base,
  request: {
    kind: 'place' as const,
    objectIds: ['y', 'z'],
    line: 7,
    since: 0,
    outOfMemory: false,
    bind: { y: 'y', z: null },
    resize: null,
  },
  pendingId: 'y',
  pendingCount: 2,
};

describe('moving the heap cursor', () => {
  test('arrows step one cell sideways or one row up and down', () => {
    expect(translateKey({ key: 'ArrowRight' }, base)).toEqual({ kind: 'cursor', cell: 11 });
    expect(translateKey({ key: 'ArrowLeft' }, base)).toEqual({ kind: 'cursor', cell: 9 });
    expect(translateKey({ key: 'ArrowDown' }, base)).toEqual({ kind: 'cursor', cell: 18 });
    expect(translateKey({ key: 'ArrowUp' }, base)).toEqual({ kind: 'cursor', cell: 2 });
  });

  test('the cursor stays on the heap', () => {
    expect(translateKey({ key: 'ArrowUp' }, { ...base, cursor: 3 })).toEqual({ kind: 'cursor', cell: 0 });
    expect(translateKey({ key: 'ArrowDown' }, { ...base, cursor: 30 })).toEqual({ kind: 'cursor', cell: 31 });
  });

  test('watchers can move the cursor too, but never act', () => {
    const watch: KeyContext = { ...place, mode: 'watch' };
    expect(translateKey({ key: 'ArrowRight' }, watch)).toEqual({ kind: 'cursor', cell: 11 });
    expect(translateKey({ key: 'Enter' }, watch)).toBeNull();
    expect(translateKey({ key: 'p' }, watch)).toBeNull();
  });
});

describe('actions', () => {
  test('Enter places the pending object at the cursor, in bytes', () => {
    expect(translateKey({ key: 'Enter' }, place)).toEqual({
      kind: 'action',
      action: { type: 'place', objectId: 'y', address: 80 },
    });
    expect(translateKey({ key: 'Enter' }, base)).toBeNull();
  });

  test('P pushes the called function, or the fallback when nothing is called (a mistake for the simulator to count)', () => {
    const push = { ...base, request: { kind: 'push' as const, fn: 'b', line: 3, since: 0, overflow: false } };
    expect(translateKey({ key: 'p' }, push)).toEqual({ kind: 'action', action: { type: 'push', fn: 'b' } });
    expect(translateKey({ key: 'P', shift: true }, push)).toEqual({
      kind: 'action',
      action: { type: 'push', fn: 'b' },
    });
    expect(translateKey({ key: 'p' }, base)).toEqual({ kind: 'action', action: { type: 'push', fn: 'a' } });
    expect(translateKey({ key: 'p' }, { ...base, fallbackFn: null })).toBeNull();
  });

  test('O pops', () => {
    expect(translateKey({ key: 'o' }, base)).toEqual({ kind: 'action', action: { type: 'pop' } });
  });

  test('R raises RecursionError, or MemoryError while a placement waits; M always MemoryError', () => {
    expect(translateKey({ key: 'r' }, base)).toEqual({
      kind: 'action',
      action: { type: 'raise', error: 'RecursionError' },
    });
    expect(translateKey({ key: 'r' }, place)).toEqual({
      kind: 'action',
      action: { type: 'raise', error: 'MemoryError' },
    });
    expect(translateKey({ key: 'm' }, base)).toEqual({
      kind: 'action',
      action: { type: 'raise', error: 'MemoryError' },
    });
  });

  test('number keys answer a question (only with an option of that number)', () => {
    const ask = {
      ...base,
      request: {
        kind: 'answer' as const,
        question: 'New object?',
        options: ['yes', 'no'],
        line: 2,
        since: 0,
      },
    };
    expect(translateKey({ key: '1' }, ask)).toEqual({
      kind: 'action',
      action: { type: 'answer', option: 0 },
    });
    expect(translateKey({ key: '2' }, ask)).toEqual({
      kind: 'action',
      action: { type: 'answer', option: 1 },
    });
    expect(translateKey({ key: '3' }, ask)).toBeNull();
  });

  test('number keys pick which pending object Enter places', () => {
    expect(translateKey({ key: '2' }, place)).toEqual({ kind: 'pick-pending', index: 1 });
    expect(translateKey({ key: '3' }, place)).toBeNull();
  });

  test('F frees the marked objects, or the focused one when none is marked', () => {
    expect(translateKey({ key: 'f' }, { ...base, selection: ['a', 'b'], focusedId: 'c' })).toEqual({
      kind: 'action',
      action: { type: 'free', objectIds: ['a', 'b'] },
    });
    expect(translateKey({ key: 'f' }, { ...base, focusedId: 'c' })).toEqual({
      kind: 'action',
      action: { type: 'free', objectIds: ['c'] },
    });
    expect(translateKey({ key: 'f' }, base)).toBeNull();
  });
});

describe('view keys and cards', () => {
  test('Tab cycles focus both ways, Space marks the focused object', () => {
    expect(translateKey({ key: 'Tab' }, base)).toEqual({ kind: 'focus-next', step: 1 });
    expect(translateKey({ key: 'Tab', shift: true }, base)).toEqual({ kind: 'focus-next', step: -1 });
    expect(translateKey({ key: ' ' }, { ...base, focusedId: 'a' })).toEqual({ kind: 'toggle-select' });
    expect(translateKey({ key: ' ' }, base)).toBeNull();
  });

  test('? toggles help from anywhere; while help is open other keys do nothing', () => {
    expect(translateKey({ key: '?', shift: true }, base)).toEqual({ kind: 'help' });
    expect(translateKey({ key: '?' }, { ...base, overlay: 'intro' })).toEqual({ kind: 'help' });
    const help = { ...base, overlay: 'help' as const };
    expect(translateKey({ key: 'Escape' }, help)).toEqual({ kind: 'close' });
    expect(translateKey({ key: 'p' }, help)).toBeNull();
  });

  test('cards answer Enter: start, retry after a crash, next after the outro', () => {
    expect(translateKey({ key: 'Enter' }, { ...base, overlay: 'intro' })).toEqual({ kind: 'start' });
    expect(translateKey({ key: 'Enter' }, { ...base, overlay: 'crash' })).toEqual({ kind: 'retry' });
    expect(translateKey({ key: 'Enter' }, { ...base, overlay: 'outro' })).toEqual({ kind: 'next' });
    expect(translateKey({ key: 'r' }, { ...base, overlay: 'outro' })).toEqual({ kind: 'retry' });
    expect(translateKey({ key: 'p' }, { ...base, overlay: 'crash' })).toBeNull();
  });

  test('L switches arrows and labels; Ctrl combinations are left to the browser', () => {
    expect(translateKey({ key: 'l' }, base)).toEqual({ kind: 'labels' });
    expect(translateKey({ key: 'r', ctrl: true }, base)).toBeNull();
  });

  test('the help overlay lists every key the map answers to', () => {
    const listed = KEY_HELP.map(([k]) => k).join(' ');
    for (const k of ['Enter', 'P', 'O', 'R', 'M', 'Tab', 'Space', 'F', 'L', '?', 'Esc', '1 – 4']) {
      expect(listed).toContain(k);
    }
  });
});
