/** The state hash: stable, independent of key order, blind to the level's content but not its id. */
import { describe, expect, test } from 'vitest';
import { bestAction, createGame, type GameState, hash, playLevel, step } from '../../shared/sim';
import { CYCLE_LEVEL, makeLevel, start } from './fixtures';

function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    ) as T;
  }
  return value;
}

describe('hash', () => {
  test('is a 16-digit hex string that changes when the state does', () => {
    const s = start(CYCLE_LEVEL);
    expect(hash(s)).toMatch(/^[0-9a-f]{16}$/);
    expect(hash(step(s).state)).not.toBe(hash(s));
  });

  test('is the same for equal states built independently', () => {
    const level = makeLevel(CYCLE_LEVEL);
    expect(hash(createGame(level, 9))).toBe(hash(createGame(makeLevel(CYCLE_LEVEL), 9)));
    expect(hash(createGame(level, 9))).not.toBe(hash(createGame(level, 10)));
  });

  test('does not depend on the order of keys', () => {
    const run = playLevel(makeLevel(CYCLE_LEVEL), 1, bestAction).state;
    const { level, ...rest } = run;
    const shuffled = { ...reversedKeys(rest), level } as GameState;
    expect(hash(shuffled)).toBe(hash(run));
  });

  test('leaves the level out except its id', () => {
    const s = start(CYCLE_LEVEL);
    expect(hash({ ...s, level: { ...s.level, title: 'Another title' } })).toBe(hash(s));
    expect(hash({ ...s, level: { ...s.level, id: 'another-id' } })).not.toBe(hash(s));
  });

  test('tells apart values that print alike', () => {
    const s = start(CYCLE_LEVEL);
    const a = { ...s, aliases: { x: '1' } };
    const b = { ...s, aliases: { x: 1 as unknown as string } };
    const c = { ...s, aliases: { 'x":"1': '' } };
    expect(new Set([hash(a), hash(b), hash(c)]).size).toBe(3);
  });
});
