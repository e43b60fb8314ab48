/** From ValueSpecs to objects: the shelf, heap objects, sizes as CPython 3.11 reports them, labels, ids. */
import { describe, expect, test } from 'vitest';
import type { ValueSpec } from '../../shared/level/schema';
import type { GameState, SimObject } from '../../shared/sim';
import { start, untilRequest } from './fixtures';

/** The object `x = value` makes (placed or shelf), and the state around it. */
function make(value: ValueSpec): { obj: SimObject; state: GameState } {
  const state = untilRequest(
    start({ program: [{ op: 'new', line: 1, objects: [{ id: 'x', value, bind: 'x' }] }] }),
  ).state;
  const id = state.request?.kind === 'place' ? 'x' : state.stack[0]!.locals.x!;
  return { obj: state.objects[id]!, state };
}

describe('the shelf', () => {
  test.each([
    [{ int: -5 }, 'int:-5'],
    [{ int: 0 }, 'int:0'],
    [{ int: 256 }, 'int:256'],
    [{ int: '7' }, 'int:7'],
    [{ none: true }, 'None'],
    [{ bool: true }, 'True'],
    [{ bool: false }, 'False'],
    [{ str: 'hello' }, 'str:hello'],
    [{ str: 'two words', interned: true }, 'str:two words'],
  ] as [ValueSpec, string][])('%j lives on the shelf as %s: bound at once, nothing to place', (value, id) => {
    const { obj, state } = make(value);
    expect(obj.id).toBe(id);
    expect(obj.shelf).toBe(true);
    expect(obj.address).toBeNull();
    expect(state.request).toBeNull();
  });

  test('None, True and False exist from the start, with their sizes', () => {
    const s = start({ program: [{ op: 'say', line: 1, text: 'x' }] });
    expect(s.objects.None).toMatchObject({ kind: 'none', size: 16, label: 'None', shelf: true });
    expect(s.objects.True).toMatchObject({ kind: 'bool', size: 28, label: 'True' });
    expect(s.objects.False).toMatchObject({ kind: 'bool', size: 28, label: 'False' });
  });

  test('every shelf object the level mentions is there before the program runs', () => {
    const s = start({
      program: [{ op: 'bind', line: 1, name: 'x', value: { list: [{ int: 42 }, { str: 'abc' }] } }],
    });
    expect(s.objects['int:42']).toMatchObject({ shelf: true, size: 28 });
    expect(s.objects['str:abc']).toMatchObject({ shelf: true, size: 52, label: "'abc'" });
  });
});

describe('heap objects', () => {
  test.each([
    [{ int: 257 }, 'int', 28, '257'],
    [{ int: -6 }, 'int', 28, '-6'],
    [{ int: '1267650600228229401496703205376' }, 'int', 40, '1267650600228229401496703205376'],
    [{ float: 3.5 }, 'float', 24, '3.5'],
    [{ float: 2 }, 'float', 24, '2.0'],
    [{ float: 0.00001 }, 'float', 24, '1e-05'],
    [{ float: 1e16 }, 'float', 24, '1e+16'],
    [{ str: 'hi there' }, 'str', 57, "'hi there'"],
    [{ str: "it's" }, 'str', 53, '"it\'s"'],
    [{ bytes: 10 }, 'bytes', 43, 'bytes(10)'],
    [{ list: [] }, 'list', 56, '[]'],
    [{ list: [{ int: 1 }, { int: 2 }, { int: 3 }] }, 'list', 88, '[1, 2, 3]'],
    [{ list: [{ repeat: { int: 0 }, times: 20 }] }, 'list', 216, '[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0…]'],
    [{ list: [{ int: 1 }], capacity: 4 }, 'list', 88, '[1]'],
    [{ tuple: [{ int: 1 }, { int: 2 }, { int: 3 }] }, 'tuple', 64, '(1, 2, 3)'],
    [{ tuple: [{ int: 1 }] }, 'tuple', 48, '(1,)'],
    [{ set: [{ int: 1 }, { int: 2 }, { int: 3 }] }, 'set', 216, '{1, 2, 3}'],
    [{ set: [] }, 'set', 216, 'set()'],
    [{ dict: [] }, 'dict', 64, '{}'],
    [
      {
        dict: [
          [{ str: 'a' }, { int: 1 }],
          [{ str: 'b' }, { int: 2 }],
        ],
      },
      'dict',
      184,
      "{'a': 1, 'b': 2}",
    ],
  ] as [ValueSpec, string, number, string][])(
    '%j is a %s of %i bytes shown as %s',
    (value, kind, size, label) => {
      const { obj, state } = make(value);
      expect(obj).toMatchObject({ kind, size, label, shelf: false, address: null });
      expect(state.request).toMatchObject({ kind: 'place', objectIds: ['x'] });
    },
  );

  test('a nested container is shown short, so its own changes never touch the outer label', () => {
    const { obj } = make({ list: [{ list: [{ int: 1 }] }, { list: [] }, { dict: [] }] });
    expect(obj.label).toBe('[[…], [], {}]');
  });

  test('[x] * n holds n references to one object', () => {
    const { obj, state } = make({ list: [{ repeat: { float: 0.5 }, times: 4 }] });
    expect(obj.refs).toEqual(['x.0', 'x.0', 'x.0', 'x.0']);
    expect(state.request).toMatchObject({ objectIds: ['x.0', 'x'] });
  });

  test('a label given by the level wins', () => {
    const state = untilRequest(
      start({
        program: [
          {
            op: 'new',
            line: 1,
            objects: [
              {
                id: 'sq',
                value: { list: [{ repeat: { int: 1 }, times: 1000 }] },
                bind: 'sq',
                label: '[x**2 for x in range(1000)]',
              },
            ],
          },
        ],
      }),
    ).state;
    expect(state.objects.sq!.label).toBe('[x**2 for x in range(1000)]');
  });

  test('a name that is not bound reads as None', () => {
    const s = untilRequest(
      start({ program: [{ op: 'bind', line: 1, name: 'y', value: { name: 'nowhere' } }] }),
    ).state;
    expect(s.stack[0]!.locals.y).toBe('None');
  });
});
