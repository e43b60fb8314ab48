/**
 * Defects of a hand-written level that the schema cannot see: a misspelt name reads as None
 * and the level still runs. The simulator says so with a `level-warning` event naming the op
 * and the field, and `lintLevel` collects them from a perfect run.
 */
import { describe, expect, test } from 'vitest';
import type { Op } from '../../shared/level/schema';
import {
  apply,
  bestAction,
  createGame,
  type GameState,
  lintLevel,
  type SimEvent,
  step,
} from '../../shared/sim';
import { CALL_STACK_LEVEL, CYCLE_LEVEL, type LevelParts, makeLevel } from './fixtures';

/** Plays a level perfectly to the end, keeping every event. */
function perfectEvents(parts: LevelParts): { state: GameState; events: SimEvent[] } {
  let state = createGame(makeLevel(parts), 1);
  const events: SimEvent[] = [];
  while (state.status === 'running') {
    const action = bestAction(state);
    const r = action ? apply(state, action) : step(state);
    events.push(...r.events);
    state = r.state;
  }
  return { state, events };
}

const lint = (program: Op[], extra: Partial<LevelParts> = {}) =>
  lintLevel(makeLevel({ ...extra, program })).map((w) => `${w.at} (line ${w.line}): ${w.message}`);

describe('level warnings', () => {
  test('a misspelt name reads as None; the event names the op, the field and the line', () => {
    const { state, events } = perfectEvents({
      program: [
        { op: 'new', line: 1, objects: [{ id: 'items', value: { list: [] }, bind: 'items' }] },
        { op: 'set', line: 2, target: { name: 'items' }, value: { name: 'itme' } },
      ],
    });
    expect(state.status).toBe('complete');
    expect(state.objects.items!.refs).toEqual(['None']);
    expect(events.filter((e) => e.type === 'level-warning')).toEqual([
      {
        type: 'level-warning',
        line: 2,
        at: 'program[1].value',
        message: 'the name "itme" is not bound here (Python raises NameError); it reads as None',
      },
    ]);
  });

  test('the path goes into repeats, trys and the value specs of a new', () => {
    expect(
      lint([
        {
          op: 'repeat',
          line: 1,
          times: 2,
          body: [
            {
              op: 'try',
              line: 2,
              error: 'MemoryError',
              body: [
                {
                  op: 'new',
                  line: 3,
                  objects: [{ id: 'row', value: { list: [{ int: 1 }, { name: 'missing' }] }, bind: 'row' }],
                },
              ],
              handler: [],
            },
          ],
        },
      ]),
    ).toEqual([
      'program[0].body[0].body[0].objects[0].value.list[1] (line 3): the name "missing" is not bound here (Python raises NameError); it reads as None',
    ]);
  });

  test('a reference to an object that is gone, a store into None, a pop from an empty list, del of an unbound name, a module-level return', () => {
    expect(
      lint([
        { op: 'new', line: 1, objects: [{ id: 'tmp', value: { float: 1.5 }, bind: 'tmp' }] },
        { op: 'unbind', line: 2, name: 'tmp' },
        { op: 'bind', line: 3, name: 'again', value: { ref: 'tmp' } },
        { op: 'set', line: 4, target: { name: 'again' }, value: { int: 1 } },
        { op: 'new', line: 5, objects: [{ id: 'empty', value: { list: [] }, bind: 'empty' }] },
        { op: 'drop', line: 6, target: { name: 'empty' } },
        { op: 'drop', line: 7, target: { name: 'empty' }, all: true },
        {
          op: 'new',
          line: 8,
          objects: [{ id: 'd', value: { dict: [[{ str: 'k' }, { int: 1 }]] }, bind: 'd' }],
        },
        { op: 'drop', line: 9, target: { name: 'd' }, index: 'nope' },
        { op: 'unbind', line: 10, name: 'tmp' },
        { op: 'return', line: 11 },
      ]),
    ).toEqual([
      'program[2].value (line 3): object "tmp" is gone (freed, or never made); it reads as None',
      'program[3].target (line 4): the target None is not a list, dict or set: nothing is stored',
      'program[5].target (line 6): [] is empty: nothing is removed (Python raises IndexError)',
      `program[8].index (line 9): {'k': 1} has no item "nope": nothing is removed (Python raises KeyError)`,
      'program[9].name (line 10): the name "tmp" is not bound here: nothing is deleted (del raises NameError)',
      'program[10] (line 11): return outside a function (Python: SyntaxError): nothing happens',
    ]);
  });

  test('sound levels have nothing to report', () => {
    expect(lintLevel(makeLevel(CALL_STACK_LEVEL))).toEqual([]);
    expect(lintLevel(makeLevel(CYCLE_LEVEL))).toEqual([]);
  });
});
