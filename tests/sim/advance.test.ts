/**
 * `advance` takes runs of quiet ticks in one transition: it must leave exactly the state
 * that stepping one tick at a time leaves, leaks and stalls counted, on every level.
 */
import { describe, expect, test } from 'vitest';
import { LEVELS } from '../../levels';
import { generateRushLevel } from '../../shared/level/rush';
import type { Level } from '../../shared/level/schema';
import {
  advance,
  apply,
  createAutoplayer,
  createGame,
  type GameState,
  hash,
  type Player,
  playLevel,
  REFERENCE_PLAYERS,
  step,
  type TimedAction,
} from '../../shared/sim';

function stepTo(state: GameState, target: number): GameState {
  let current = state;
  while (current.status === 'running' && current.tick < target) current = step(current).state;
  return current;
}

/** The state without its level (shared, and large), for comparing contents. */
function contents(state: GameState): string {
  return JSON.stringify({ ...state, level: state.level.id });
}

/**
 * Waits `delay` ticks after each request appears before answering, and never frees: its
 * requests stall past their grace and its garbage leaks, the ticks `advance` must add up.
 */
function neglectful(delay: number, seed: number): Player {
  const hands = createAutoplayer({ errorRate: 0.1, seed });
  return (state) => {
    if (state.request && state.tick - state.request.since < delay) return null;
    const action = hands(state);
    return action?.type === 'free' ? null : action;
  };
}

interface Case {
  name: string;
  level: Level;
  player: Player;
}

const CASES: Case[] = [
  ...LEVELS.flatMap((level) => [
    { name: `${level.id} sloppy`, level, player: REFERENCE_PLAYERS.sloppy(3) },
    { name: `${level.id} decent`, level, player: REFERENCE_PLAYERS.decent(4) },
    { name: `${level.id} neglectful`, level, player: neglectful(level.grace + 7, 5) },
  ]),
  { name: 'rush 7 neglectful', level: generateRushLevel(7), player: neglectful(25, 6) },
];

/** Replays a recorded run, reaching each action's tick with `reach`, and keeps the state at each action. */
function replayWith(
  level: Level,
  actions: readonly TimedAction[],
  until: number,
  reach: (state: GameState, tick: number) => GameState,
): { states: GameState[]; final: GameState } {
  let state = createGame(level, 1);
  const states: GameState[] = [];
  for (const { tick, action } of actions) {
    state = reach(state, tick);
    if (state.status !== 'running' || state.tick !== tick) continue;
    states.push(state);
    state = apply(state, action).state;
  }
  return { states, final: reach(state, until) };
}

describe('advance', () => {
  test.each(CASES.map((c) => [c.name, c] as const))(
    '%s: the same states as stepping tick by tick',
    (_, { level, player }) => {
      const run = playLevel(level, 1, player);
      const until = run.state.tick + 5;
      const stepped = replayWith(level, run.actions, until, stepTo);
      const advanced = replayWith(level, run.actions, until, advance);
      expect(advanced.states.length).toBe(stepped.states.length);
      for (const [i, state] of advanced.states.entries())
        expect(contents(state), `before action ${i}`).toBe(contents(stepped.states[i]!));
      expect(contents(advanced.final)).toBe(contents(stepped.final));
      expect(contents(advanced.final)).toBe(contents(run.state));
    },
  );

  test('the runs above leak and stall, so quiet ticks with a leak and a stall are covered', () => {
    const neglected = CASES.filter((c) => c.name.endsWith('neglectful')).map(
      (c) => playLevel(c.level, 1, c.player).state.tally,
    );
    expect(neglected.filter((tally) => tally.leakByteTicks > 0).length).toBeGreaterThan(5);
    expect(neglected.filter((tally) => tally.stallTicks > 0).length).toBeGreaterThan(5);
  });

  test('any stretch of time: from every state of a run to targets near and far', () => {
    const level = generateRushLevel(11);
    const run = playLevel(level, 1, REFERENCE_PLAYERS.decent(2));
    const { states } = replayWith(level, run.actions, run.state.tick, stepTo);
    expect(states.length).toBeGreaterThan(50);
    expect(run.state.tally.stallTicks).toBeGreaterThan(0);
    expect(run.state.tally.leakByteTicks).toBeGreaterThan(0);
    for (const [i, state] of states.entries()) {
      for (const ahead of [0, 1, 2, 7, 40 + i, 400]) {
        const target = state.tick + ahead;
        expect(contents(advance(state, target)), `state ${i} + ${ahead}`).toBe(
          contents(stepTo(state, target)),
        );
      }
    }
  });

  test('an ended game stays as it is, and a target in the past changes nothing', () => {
    const level = LEVELS[0]!;
    const run = playLevel(level, 1, REFERENCE_PLAYERS.sloppy(1));
    expect(run.state.status).not.toBe('running');
    expect(advance(run.state, run.state.tick + 100)).toBe(run.state);
    const fresh = createGame(level, 1);
    expect(advance(fresh, 0)).toBe(fresh);
    expect(advance(fresh, -3)).toBe(fresh);
  });

  test('a game never runs past its time limit: it times out at the limit, as stepping does', () => {
    const level = { ...generateRushLevel(3), timeLimit: 120 };
    const idle = createGame(level, 1);
    const advanced = advance(idle, 10_000);
    expect(advanced.status).toBe('timeout');
    expect(contents(advanced)).toBe(contents(stepTo(idle, 10_000)));
  });

  test('a state reached over quiet ticks hashes as a fresh copy of it does', () => {
    const level = generateRushLevel(5);
    const run = playLevel(level, 1, neglectful(20, 3));
    let state = createGame(level, 1);
    hash(state);
    for (const { tick, action } of run.actions) {
      for (const target of [tick - 3, tick - 1, tick]) {
        state = advance(state, target);
        expect(hash(state)).toBe(hash(structuredClone(state)));
      }
      if (state.status !== 'running' || state.tick !== tick) continue;
      state = apply(state, action).state;
      // Hashing some states and not others: what is remembered must not matter.
      if (tick % 2 === 0) hash(state);
    }
    for (let i = 0; i < 30; i++) {
      state = step(state).state;
      expect(hash(state)).toBe(hash(structuredClone(state)));
    }
  });
});
