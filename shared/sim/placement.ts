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
import { hashLanes } from './hash';
import { freeRunsOf, type HeapLayout, heapLayout, spanOf } from './heap';
import { analyse } from './references';
import { score } from './score';
import { step } from './step';
import type { Action, GameState, Request } from './types';

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
}

/** A state met on a playthrough where the player placed something: its shape and its tick. */
interface Decision {
  shape: string;
  tick: number;
}

/**
 * Plays the rest of the level from `state` with `player` (no randomness, so the same every
 * time). With `decisions`, notes every state at which the player placed an object.
 */
export function playthrough(
  state: GameState,
  player: (s: GameState) => Action | null,
  decisions?: Decision[],
): Playthrough {
  let s = state;
  let fragmented = false;
  while (s.status === 'running') {
    for (let i = 0; i < ACTIONS_PER_TICK && s.status === 'running'; i++) {
      const action = player(s);
      if (!action) break;
      if (decisions && action.type === 'place') decisions.push({ shape: shapeOf(s), tick: s.tick });
      if (action.type === 'raise' && action.error === 'MemoryError' && isFragmentationError(s))
        fragmented = true;
      s = apply(s, action).state;
    }
    if (s.status !== 'running') break;
    s = step(idleUntilDue(s)).state;
  }
  return { state: s, fragmented };
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
 * Bytes that the best-fit player's run of the whole level allocates, adding up every rise
 * of the bytes in use (placements, moves, growth in place): more than the rest of the
 * level can need from any point of that run. Infinite when that run raises a MemoryError
 * (its path is then not the program's whole path). Worked out once per level.
 */
const volumes = new WeakMap<Level, number>();

function allocationVolume(level: Level, plain: (s: GameState) => Action | null): number {
  let volume = volumes.get(level);
  if (volume !== undefined) return volume;
  volume = 0;
  let s = createGame(level, 0);
  let used = 0;
  const note = (next: GameState) => {
    const now = heapLayout(next.objects).usedBytes;
    if (now > used) volume! += now - used;
    used = now;
    s = next;
  };
  const decisions: Decision[] = [];
  while (s.status === 'running' && volume !== Number.POSITIVE_INFINITY) {
    for (let i = 0; i < ACTIONS_PER_TICK && s.status === 'running'; i++) {
      const action = plain(s);
      if (!action) break;
      if (action.type === 'raise' && action.error === 'MemoryError') volume = Number.POSITIVE_INFINITY;
      if (action.type === 'place') decisions.push({ shape: shapeOf(s), tick: s.tick });
      note(apply(s, action).state);
    }
    if (s.status !== 'running') break;
    note(step(idleUntilDue(s)).state);
  }
  volumes.set(level, volume);
  // A run without any MemoryError is a clean best-fit run: perfect play follows it.
  if (volume !== Number.POSITIVE_INFINITY && s.status === 'complete')
    rememberClean(level, decisions, s.completedAt!);
  return volume;
}

/**
 * Whether the heap has room to spare: after placing `span` bytes at the best fit, one free
 * run still holds everything the rest of the level allocates. Best fit cannot then run out.
 */
function roomy(state: GameState, span: number, fit: number, plain: (s: GameState) => Action | null): boolean {
  let largest = 0;
  for (const run of freeRunsOf(heapLayout(state.objects), state.level.machine.heapBytes)) {
    const left = run.address === fit ? run.bytes - span : run.bytes;
    if (left > largest) largest = left;
  }
  return largest >= allocationVolume(state.level, plain);
}

const lanes = new WeakMap<object, [number, number]>();

/** The hash lanes of an object or frame of a state, kept while it lives (states share them). */
function lanesOf(part: object): [number, number] {
  let known = lanes.get(part);
  if (!known) {
    known = hashLanes(part);
    lanes.set(part, known);
  }
  return known;
}

/**
 * A hash of a state without what only the clock and the score hold (the tick, when the
 * pending request came, the tally): two states of one level with the same shape play out
 * the same under the same player, one later than the other, until the clock runs out.
 * Objects and frames are hashed once each (states share them) and the objects summed, in
 * any order.
 */
function shapeOf(s: GameState): string {
  let a = 0;
  let b = 0;
  for (const id in s.objects) {
    const [x, y] = lanesOf(s.objects[id]!);
    a = (a + x) >>> 0;
    b = (b + y) >>> 0;
  }
  const [x, y] = hashLanes({
    objects: [a, b],
    stack: s.stack.map(lanesOf),
    status: s.status,
    // While a request waits, the next op's time is set afresh when it is serviced.
    program: { ...s.program, nextOpAt: s.request ? 0 : s.program.nextOpAt - s.tick },
    request: s.request && { ...s.request, since: 0 },
    raising: s.raising,
    nextObjectNumber: s.nextObjectNumber,
    aliases: s.aliases,
    temps: s.temps,
  });
  return `${x.toString(36)}.${y.toString(36)}`;
}

/**
 * Per level, the shapes of decision states on best-fit playthroughs that completed without a
 * MemoryError of fragmentation, each with the ticks it took from there to the end. From a
 * state of such a shape best fit is perfect again, as long as the clock lasts that long:
 * bots and reference players that follow the perfect run skip the lookahead.
 */
const cleanRuns = new WeakMap<Level, Map<string, number>>();
const CLEAN_SHAPES_KEPT = 4096;

function rememberClean(level: Level, decisions: Decision[], end: number): void {
  let known = cleanRuns.get(level);
  if (!known) {
    known = new Map();
    cleanRuns.set(level, known);
  }
  if (known.size + decisions.length > CLEAN_SHAPES_KEPT) known.clear();
  for (const { shape, tick } of decisions) known.set(shape, end - tick);
}

function knownClean(state: GameState, shape: string): boolean {
  const ticks = cleanRuns.get(state.level)?.get(shape);
  return ticks !== undefined && state.tick + ticks < state.level.timeLimit;
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
    if (candidates.length < 2 || roomy(state, spanOf(state.objects[id]!.size), fit, plain))
      return place(id, fit);
    const shape = shapeOf(state);
    if (knownClean(state, shape)) return place(id, fit);
    let best = fit;
    let bestRank: [number, number] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const address of candidates) {
      const placed = apply(state, place(id, address));
      if (!placed.ok) continue;
      const decisions: Decision[] | undefined = address === fit ? [{ shape, tick: state.tick }] : undefined;
      const end = playthrough(placed.state, plain, decisions);
      // Best fit that runs clean cannot be beaten without a MemoryError: no need to look further.
      if (address === fit && !end.fragmented) {
        if (end.state.status === 'complete') rememberClean(state.level, decisions!, end.state.completedAt!);
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
