/**
 * The state hash: stable, independent of key order, blind to the level's content but not its
 * id, and the same whether a state's shared parts were hashed before or not.
 */
import { describe, expect, test } from 'vitest';
import {
  apply,
  bestAction,
  createAutoplayer,
  createGame,
  type GameState,
  hash,
  playLevel,
  step,
} from '../../shared/sim';
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

  test('sees a change to any one object, even with the rest of the state shared', () => {
    const s = start(CYCLE_LEVEL);
    const before = hash(s);
    const [id, obj] = Object.entries(s.objects)[0]!;
    const moved = { ...s, objects: { ...s.objects, [id]: { ...obj, address: 4096 } } };
    expect(hash(moved)).not.toBe(before);
    const relabelled = { ...s, objects: { ...s.objects, [id]: { ...obj, label: `${obj.label}!` } } };
    expect(hash(relabelled)).not.toBe(before);
    // The original, whose parts were remembered, still hashes as before.
    expect(hash(s)).toBe(before);
  });

  test('gives a remembered state and a fresh copy of it the same hash, all through a run', () => {
    const level = makeLevel(CYCLE_LEVEL);
    let state = createGame(level, 3);
    const player = createAutoplayer({ errorRate: 0.3, seed: 5 });
    while (state.status === 'running') {
      const action = player(state);
      state = action ? apply(state, action).state : step(state).state;
      const copy = { ...structuredClone({ ...state, level: undefined }), level } as GameState;
      expect(hash(copy)).toBe(hash(state));
    }
  });

  test('tells a value moved to another key, or split in two, from the original', () => {
    const s = start(CYCLE_LEVEL);
    const a = { ...s, aliases: { x: '1', y: '2' } };
    const swapped = { ...s, aliases: { x: '2', y: '1' } };
    const whole = { ...s, temps: ['ab'] };
    const split = { ...s, temps: ['a', 'b'] };
    expect(hash(a)).not.toBe(hash(swapped));
    expect(hash(whole)).not.toBe(hash(split));
  });

  test('tells apart values that print alike', () => {
    const s = start(CYCLE_LEVEL);
    const a = { ...s, aliases: { x: '1' } };
    const b = { ...s, aliases: { x: 1 as unknown as string } };
    const c = { ...s, aliases: { 'x":"1': '' } };
    expect(new Set([hash(a), hash(b), hash(c)]).size).toBe(3);
  });
});
