/**
 * Where the perfect player puts an object. Best fit: the smallest free run that holds it,
 * at its lowest address (ties: the lowest run), which keeps big runs whole for big objects.
 * Best fit is still greedy: on a tight heap a placement that looks worse now can be the one
 * that lets a later object fit. So when the heap is tight and there is a real choice, the
 * player looks ahead: it plays the rest of the level with the best-fit player from each of a
 * few candidates (each fitting run's start and end) and keeps the one that ends best.
 */
import type { Level } from '../level/schema';
import { apply } from './apply';
import { createGame } from './create-game';
import { copyState } from './draft';
import { hashText } from './hash';
import { freeRunsOf, type HeapLayout, heapLayout, spanOf } from './heap';
import { analyse } from './references';
import { score } from './score';
import { step } from './step';
import type { Action, GameState, Request, SimEvent } from './types';

type PlaceRequest = Extract<Request, { kind: 'place' }>;
type Run = { address: number; bytes: number };

/** Most addresses the lookahead tries for one decision (each one costs a playthrough of the rest). */
export const MAX_CANDIDATES = 8;
/** Most actions a playthrough takes in one tick (a guard, as in playLevel). */
const ACTIONS_PER_TICK = 64;

/** The free runs that hold `span` bytes, best fit first: the smallest, then the lowest address. */
function fittingRuns(layout: HeapLayout, heapBytes: number, span: number): Run[] {
  return freeRunsOf(layout, heapBytes)
    .filter((run) => run.bytes >= span)
    .sort((a, b) => a.bytes - b.bytes || a.address - b.address);
}

/** The best-fit address for `objectId`, or null when it fits nowhere. */
export function bestFit(state: GameState, objectId: string): number | null {
  const obj = state.objects[objectId];
  if (!obj) return null;
  const runs = fittingRuns(heapLayout(state.objects), state.level.machine.heapBytes, spanOf(obj.size));
  return runs[0]?.address ?? null;
}

/**
 * Addresses worth trying for `objectId`, best fit first: the start and the end of each run
 * it fits in, in best-fit order of the runs, distinct, at most MAX_CANDIDATES.
 */
export function candidateAddresses(state: GameState, objectId: string): number[] {
  const obj = state.objects[objectId];
  if (!obj) return [];
  const span = spanOf(obj.size);
  const out: number[] = [];
  for (const run of fittingRuns(heapLayout(state.objects), state.level.machine.heapBytes, span)) {
    for (const address of [run.address, run.address + run.bytes - span]) {
      if (out.length < MAX_CANDIDATES && !out.includes(address)) out.push(address);
    }
  }
  return out;
}

/**
 * A MemoryError that only fragmentation causes: the objects still waiting would fit in the
 * free bytes taken together, but no run is big enough. Placing differently could have
 * avoided it; a MemoryError for more bytes than are free could not.
 */
export function isFragmentationError(state: GameState): boolean {
  const request = state.request;
  if (request?.kind !== 'place' || !request.outOfMemory) return false;
  const layout = heapLayout(state.objects);
  const free = state.level.machine.heapBytes - layout.usedBytes;
  let needed = 0;
  for (const id of request.objectIds) needed += spanOf(state.objects[id]?.size ?? 0);
  return needed <= free;
}

export interface Playthrough {
  state: GameState;
  /** Whether the player raised a MemoryError that placing differently could have avoided. */
  fragmented: boolean;
  /** Whether it stopped early, at a state from which nothing can go wrong any more (see `until`). */
  cut: boolean;
}

interface PlaythroughOptions {
  /** Notes the shape of every state at which the player places an object. */
  decisions?: string[];
  /** Stops at a state where the player is about to place an object and this holds (unless it has already fragmented). */
  until?: (s: GameState) => boolean;
}

/** Plays the rest of the level from `state` with `player` (no randomness, so the same every time). */
export function playthrough(
  state: GameState,
  player: (s: GameState) => Action | null,
  { decisions, until }: PlaythroughOptions = {},
): Playthrough {
  let s = state;
  let fragmented = false;
  while (s.status === 'running') {
    for (let i = 0; i < ACTIONS_PER_TICK && s.status === 'running'; i++) {
      const action = player(s);
      if (!action) break;
      if (action.type === 'place') {
        if (!fragmented && until?.(s)) return { state: s, fragmented, cut: true };
        decisions?.push(shapeOf(s));
      }
      if (action.type === 'raise' && action.error === 'MemoryError' && isFragmentationError(s))
        fragmented = true;
      s = apply(s, action).state;
    }
    if (s.status !== 'running') break;
    s = step(idleUntilDue(s)).state;
  }
  return { state: s, fragmented, cut: false };
}

/**
 * Skips the ticks on which nothing can happen: nothing pending, no garbage, the next op not
 * due. Each of them would only advance the clock (see step), so this is the state the last
 * of them would leave.
 */
function idleUntilDue(s: GameState): GameState {
  if (s.request !== null || s.program.done || analyse(s).garbageBytes > 0) return s;
  const last = Math.min(s.program.nextOpAt, s.level.timeLimit) - 1;
  return last > s.tick ? copyState(s, last) : s;
}

/**
 * What the rest of a level can allocate, from a best-fit run of the whole of it: every
 * object placed (moves included) and every growth in place counted at its full new size,
 * as if it had to move. These amounts do not depend on where objects sit, so from any
 * point of the program (on that run's path) they bound what the rest can need at once.
 */
interface Volume {
  /** Bytes the whole run allocates; infinite when that run raises a MemoryError (its path is then not the whole program). */
  total: number;
  /** Bytes allocated before each position of the program (its cursors) was first reached. */
  before: Map<string, number>;
}

const volumes = new WeakMap<Level, Volume>();

const positionOf = (s: GameState): string =>
  s.program.cursors.map((c) => `${c.path.join('.')}:${c.branch}:${c.index}:${c.iteration}`).join('/');

function allocationVolume(level: Level, plain: (s: GameState) => Action | null): Volume {
  const known = volumes.get(level);
  if (known) return known;
  const volume: Volume = { total: 0, before: new Map() };
  let s = createGame(level, 0);
  const note = (next: GameState, events: readonly SimEvent[]) => {
    for (const e of events) {
      if (e.type === 'object-placed') volume.total += spanOf(next.objects[e.objectId]?.size ?? 0);
      else if (e.type === 'reference-set') {
        const was = s.objects[e.from];
        const now = next.objects[e.from];
        if (was && now && now.address !== null && spanOf(now.size) > spanOf(was.size))
          volume.total += spanOf(now.size);
      } else if (e.type === 'raised' && e.error === 'MemoryError') volume.total = Number.POSITIVE_INFINITY;
    }
    const moved = next.program !== s.program;
    s = next;
    if (!moved) return;
    const position = positionOf(s);
    if (!volume.before.has(position)) volume.before.set(position, volume.total);
  };
  volume.before.set(positionOf(s), 0);
  const decisions: string[] = [];
  while (s.status === 'running' && volume.total !== Number.POSITIVE_INFINITY) {
    for (let i = 0; i < ACTIONS_PER_TICK && s.status === 'running'; i++) {
      const action = plain(s);
      if (!action) break;
      if (action.type === 'place') decisions.push(shapeOf(s));
      const r = apply(s, action);
      note(r.state, r.events);
    }
    if (s.status !== 'running') break;
    const r = step(idleUntilDue(s));
    note(r.state, r.events);
  }
  volumes.set(level, volume);
  // A run without any MemoryError is a clean best-fit run: perfect play follows it.
  if (volume.total !== Number.POSITIVE_INFINITY && s.status === 'complete') rememberClean(level, decisions);
  return volume;
}

/**
 * Whether one free run holds everything the rest of the level can still allocate, once
 * `span` more bytes are placed at `fit` (none by default). Best fit cannot then run out:
 * whatever lands in that run, the run keeps room for the rest.
 */
function roomy(state: GameState, plain: (s: GameState) => Action | null, span = 0, fit = -1): boolean {
  let largest = 0;
  for (const run of freeRunsOf(heapLayout(state.objects), state.level.machine.heapBytes)) {
    const left = run.address === fit ? run.bytes - span : run.bytes;
    if (left > largest) largest = left;
  }
  const volume = allocationVolume(state.level, plain);
  // A position that run never reached (a handler it did not need) has no bound.
  const before = volume.before.get(positionOf(state));
  return before !== undefined && largest >= volume.total - before;
}

const lanes = new WeakMap<object, [number, number]>();

/**
 * The hash lanes of a part of a state (an object, a frame, the aliases), kept while it lives:
 * states share their unchanged parts. Its JSON is the key: the same content written with
 * its fields in another order would only make a lookup miss, never a false match.
 */
function lanesOf(part: object): [number, number] {
  let known = lanes.get(part);
  if (!known) {
    known = hashText(JSON.stringify(part));
    lanes.set(part, known);
  }
  return known;
}

/**
 * A hash of a state without what only the clock and the score hold (the tick, when the
 * pending request came, the tally): two states of one level with the same shape play out
 * the same under the same player, one later than the other, until the clock runs out.
 * Heap objects are hashed once each and summed, in any order; shelf objects are never
 * placed nor freed, so which of them exist changes nothing ahead.
 */
function shapeOf(s: GameState): string {
  let a = 0;
  let b = 0;
  for (const id in s.objects) {
    const obj = s.objects[id]!;
    if (obj.shelf) continue;
    const [x, y] = lanesOf(obj);
    a = (a + x) >>> 0;
    b = (b + y) >>> 0;
  }
  const { cursors, done, line, nextOpAt } = s.program;
  const [x, y] = hashText(
    JSON.stringify([
      a,
      b,
      s.stack.map(lanesOf),
      s.status,
      cursors,
      done,
      line,
      // While a request waits, the next op's time is set afresh when it is serviced.
      s.request ? 0 : nextOpAt - s.tick,
      s.request && { ...s.request, since: 0 },
      s.raising,
      s.nextObjectNumber,
      lanesOf(s.aliases),
      s.temps,
    ]),
  );
  return `${x.toString(36)}.${y.toString(36)}`;
}

/**
 * Per level, the shapes of decision states from which the best-fit player meets no
 * MemoryError of fragmentation: it completes, or reaches a roomy heap, first. A state of
 * such a shape plays out the same (perhaps later, perhaps cut short by the clock), so best
 * fit is perfect there: bots and reference players that follow a perfect run skip the
 * lookahead.
 */
const cleanShapes = new WeakMap<Level, Set<string>>();
const CLEAN_SHAPES_KEPT = 8192;

function rememberClean(level: Level, shapes: string[]): void {
  let known = cleanShapes.get(level);
  if (!known) {
    known = new Set();
    cleanShapes.set(level, known);
  }
  if (known.size + shapes.length > CLEAN_SHAPES_KEPT) known.clear();
  for (const shape of shapes) known.add(shape);
}

const place = (objectId: string, address: number): Action => ({ type: 'place', objectId, address });

/**
 * The perfect placement for a place request that is not out of memory and has no garbage
 * to free first: the first waiting object that fits, at its best fit; or, when there is a
 * choice and best fit alone runs into a MemoryError that fragmentation causes (the heap is
 * tight), at the candidate whose playthrough by `plain` (the best-fit player) ends best:
 * without such a MemoryError if any can, then with the highest score, then the earliest
 * candidate. A MemoryError that ends the program early can score more than finishing it;
 * a perfect allocator still avoids it.
 */
export function perfectPlacement(
  state: GameState,
  request: PlaceRequest,
  plain: (s: GameState) => Action | null,
): Action | null {
  for (const id of request.objectIds) {
    const candidates = candidateAddresses(state, id);
    if (candidates.length === 0) continue;
    const fit = candidates[0]!;
    if (candidates.length < 2 || roomy(state, plain, spanOf(state.objects[id]!.size), fit))
      return place(id, fit);
    const shape = shapeOf(state);
    if (cleanShapes.get(state.level)?.has(shape)) return place(id, fit);
    let best = fit;
    let bestRank: [number, number] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const address of candidates) {
      const placed = apply(state, place(id, address));
      if (!placed.ok) continue;
      const fitting = address === fit;
      const decisions = [shape];
      const end = playthrough(
        placed.state,
        plain,
        fitting ? { decisions, until: (s) => roomy(s, plain) } : {},
      );
      // Best fit that runs clean cannot be beaten without a MemoryError: no need to look further.
      if (fitting && !end.fragmented) {
        if (end.cut || end.state.status === 'complete') rememberClean(state.level, decisions);
        return place(id, fit);
      }
      const rank: [number, number] = [end.fragmented ? 0 : 1, score(end.state).total];
      if (rank[0] > bestRank[0] || (rank[0] === bestRank[0] && rank[1] > bestRank[1])) {
        best = address;
        bestRank = rank;
      }
    }
    return place(id, best);
  }
  return null;
}
