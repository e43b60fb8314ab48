/**
 * Properties over random levels and random play: the heap stays sound, derived counts match
 * a naive recount, nothing reachable is ever freed, states survive JSON, runs are
 * deterministic and replayable, and perfect play always completes.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Level } from '../../shared/level/schema';
import {
  apply,
  bestAction,
  createAutoplayer,
  createGame,
  type GameState,
  garbage,
  hash,
  parseAction,
  playLevel,
  refcounts,
  replay,
  score,
  step,
  type TimedAction,
} from '../../shared/sim';
import { type Command, commandsArb, levelArb, toAction } from './arbitraries';
import { makeLevel } from './fixtures';

const RUNS = 150;

function naiveReachable(s: GameState): Set<string> {
  const seen = new Set<string>();
  const todo: string[] = [];
  const root = (id: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      todo.push(id);
    }
  };
  for (const frame of s.stack) for (const id of Object.values(frame.locals)) root(id);
  for (const id of s.temps) root(id);
  if (s.request?.kind === 'place') for (const id of s.request.objectIds) root(id);
  while (todo.length > 0) for (const ref of s.objects[todo.pop()!]?.refs ?? []) root(ref);
  return seen;
}

function naiveGarbage(s: GameState): string[] {
  const live = naiveReachable(s);
  return Object.values(s.objects)
    .filter((o) => o.address !== null && !live.has(o.id))
    .map((o) => o.id)
    .sort();
}

/** What must hold in every state. */
function checkState(s: GameState): void {
  const heapBytes = s.level.machine.heapBytes;
  const placed = Object.values(s.objects)
    .filter((o) => o.address !== null)
    .sort((x, y) => x.address! - y.address!);
  let end = 0;
  for (const o of placed) {
    expect(o.shelf, `${o.id} is a shelf object on the heap`).toBe(false);
    expect(o.address! % 8).toBe(0);
    expect(o.address!, `${o.id} overlaps the object before it`).toBeGreaterThanOrEqual(end);
    end = o.address! + Math.max(1, Math.ceil(o.size / 8)) * 8;
    expect(end, `${o.id} runs past the heap`).toBeLessThanOrEqual(heapBytes);
  }
  // No dangling references: every local, temporary and slot points at a live object.
  for (const frame of s.stack)
    for (const id of Object.values(frame.locals)) expect(s.objects[id], id).toBeDefined();
  for (const o of Object.values(s.objects))
    for (const ref of o.refs) expect(s.objects[ref], `${o.id} → ${ref}`).toBeDefined();
  const naive: Record<string, number> = {};
  for (const id in s.objects) naive[id] = 0;
  for (const frame of s.stack) for (const id of Object.values(frame.locals)) naive[id]!++;
  for (const id of s.temps) naive[id]!++;
  for (const o of Object.values(s.objects)) for (const ref of o.refs) naive[ref]!++;
  expect(refcounts(s)).toEqual(naive);
  expect([...garbage(s).ids].sort()).toEqual(naiveGarbage(s));
}

/** What must hold across one transition. */
function checkTransition(before: GameState, after: GameState, action: unknown): void {
  checkState(after);
  const wasGarbage = new Set(naiveGarbage(before));
  for (const o of Object.values(before.objects)) {
    if (o.address !== null && !after.objects[o.id]) {
      expect(wasGarbage.has(o.id), `freed ${o.id} while it was reachable`).toBe(true);
    }
  }
  const parsed = parseAction(action);
  if (parsed.ok && parsed.action.type === 'free' && before.status === 'running') {
    const ids = parsed.action.objectIds;
    const onHeap = ids.every((id) => before.objects[id] && before.objects[id]!.address !== null);
    if (onHeap && ids.some((id) => !wasGarbage.has(id))) expect(after.status).toBe('crashed');
  }
}

function restore(s: GameState): GameState {
  return { ...JSON.parse(JSON.stringify({ ...s, level: undefined })), level: s.level };
}

interface Driven {
  state: GameState;
  timed: TimedAction[];
  hashes: string[];
}

/** Plays commands the way the server does (actions at a tick, then the step), checking every transition. */
function drive(level: Level, seed: number, commands: Command[], restoreAt = -1, check = true): Driven {
  let state = createGame(level, seed);
  if (check) checkState(state);
  const timed: TimedAction[] = [];
  const hashes: string[] = [];
  commands.forEach((c, i) => {
    if (i === restoreAt) {
      const copy = restore(state);
      expect(hash(copy)).toBe(hash(state));
      state = copy;
    }
    for (let w = 0; w < c.wait && state.status === 'running'; w++) {
      const before = state;
      state = step(state).state;
      if (check) checkTransition(before, state, null);
    }
    if (state.status !== 'running') return;
    const input = toAction(state, c, bestAction(state));
    const before = state;
    state = apply(state, input).state;
    if (check) checkTransition(before, state, input);
    const parsed = parseAction(input);
    if (parsed.ok) timed.push({ tick: before.tick, action: parsed.action });
    hashes.push(hash(state));
  });
  return { state, timed, hashes };
}

describe('properties of random play on random levels', () => {
  test('the heap stays sound, counts and garbage match a naive recount, nothing reachable is freed', () => {
    fc.assert(
      fc.property(levelArb, fc.integer(), commandsArb, (level, seed, commands) => {
        drive(level, seed, commands);
      }),
      { numRuns: RUNS },
    );
  });

  test('a state restored from JSON hashes the same and evolves identically', () => {
    fc.assert(
      fc.property(levelArb, fc.integer(), commandsArb, fc.nat(), (level, seed, commands, at) => {
        const plain = drive(level, seed, commands, -1, false);
        const restored = drive(level, seed, commands, commands.length ? at % commands.length : -1, false);
        expect(restored.hashes).toEqual(plain.hashes);
        expect(hash(restored.state)).toBe(hash(plain.state));
      }),
      { numRuns: RUNS },
    );
  });

  test('the same level, seed and timed actions give the same hash (replay)', () => {
    fc.assert(
      fc.property(levelArb, fc.integer(), commandsArb, (level, seed, commands) => {
        const run = drive(level, seed, commands, -1, false);
        const again = replay(level, seed, run.timed, run.state.tick);
        expect(hash(again)).toBe(hash(run.state));
      }),
      { numRuns: RUNS },
    );
  });

  test('a recorded run of a careless player replays to the same score', () => {
    fc.assert(
      fc.property(levelArb, fc.integer(), fc.integer(), (level, seed, playerSeed) => {
        const run = playLevel(level, seed, createAutoplayer({ errorRate: 0.3, seed: playerSeed }));
        expect(score(replay(level, seed, run.actions))).toEqual(score(run.state));
      }),
      { numRuns: RUNS },
    );
  });

  test('the perfect autoplayer always completes, with no mistake and no rejection, through sound states', () => {
    fc.assert(
      fc.property(levelArb, fc.integer(), (level, seed) => {
        const run = playLevel(level, seed, (s) => {
          checkState(s);
          return bestAction(s);
        });
        const s = score(run.state);
        expect(run.state.status).toBe('complete');
        expect(s.mistakes).toBe(0);
        expect(s.rejections).toBe(0);
        expect(s.leak).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('regressions the properties found', () => {
  test('a value stored into something that is not a container is garbage once placed', () => {
    const level = makeLevel({
      machine: { heapBytes: 128 },
      program: [
        { op: 'set', line: 1, target: { ref: 'missing' }, value: { float: 0 } },
        { op: 'say', line: 2, text: 'next' },
      ],
    });
    drive(level, 0, [{ wait: 1, kind: 0, a: 0, b: 0 }]);
    const run = playLevel(level, 0, bestAction);
    expect(run.actions.map((a) => a.action.type)).toEqual(['place', 'free']);
  });

  test('a name bound to a value that could not be made is unbound by the MemoryError', () => {
    const level = makeLevel({
      machine: { heapBytes: 128 },
      program: [
        {
          op: 'try',
          line: 1,
          error: 'MemoryError',
          body: [{ op: 'bind', line: 2, name: 'a', value: { set: [] } }],
          handler: [],
        },
        { op: 'new', line: 3, objects: [{ id: 'o1', value: { name: 'a' } }] },
      ],
    });
    const run = playLevel(level, 0, (s) => {
      checkState(s);
      return bestAction(s);
    });
    expect(run.state.status).toBe('complete');
    expect(run.state.stack[0]!.locals).toEqual({});
  });
});
