/**
 * Sizing a rush level by playing it. The perfect player (`bestAction`) runs the level on
 * the real simulator: its peak heap use sizes the heap, its finishing time sizes the time
 * limit, and its score sets the star thresholds (three stars = within 10% of perfect).
 * The simulator is fast (a rush level is a few thousand ticks), so this costs milliseconds.
 */

import type { GameState } from '../sim';
import { apply, bestAction, createGame, score, step } from '../sim';
import type { Level } from './schema';

export interface PerfectRun {
  state: GameState;
  /** Most bytes the placed heap objects ever covered (whole 8-byte cells). */
  peakHeapBytes: number;
  /** Requests the program raised (pushes, pops, placements, raises, answers). */
  requests: number;
  /** The program ran to its last op with no MemoryError and no crash. */
  clean: boolean;
}

const MAX_ACTIONS_PER_TICK = 64;

/** Play the level perfectly to the end (or to its time limit). */
export function playPerfect(level: Level, seed: number): PerfectRun {
  let state = createGame(level, seed);
  let peak = 0;
  let requests = 0;
  let clean = true;
  const watch = (events: readonly { type: string; error?: string }[]) => {
    for (const e of events) {
      if (e.type === 'request') requests++;
      else if (e.type === 'raised' && e.error === 'MemoryError') clean = false;
    }
  };
  const heapInUse = (s: GameState): number => {
    let bytes = 0;
    for (const o of Object.values(s.objects))
      if (!o.shelf && o.address !== null) bytes += Math.ceil(o.size / 8) * 8;
    return bytes;
  };
  while (state.status === 'running') {
    for (let i = 0; i < MAX_ACTIONS_PER_TICK && state.status === 'running'; i++) {
      const action = bestAction(state);
      if (!action) break;
      const result = apply(state, action);
      if (!result.ok) {
        clean = false;
        break;
      }
      watch(result.events);
      state = result.state;
      peak = Math.max(peak, heapInUse(state));
    }
    if (state.status !== 'running') break;
    const result = step(state);
    watch(result.events);
    state = result.state;
  }
  if (state.status !== 'complete') clean = false;
  return { state, peakHeapBytes: peak, requests, clean };
}

export interface Calibration {
  heapBytes: number;
  timeLimit: number;
  stars: [number, number, number];
  perfect: { score: number; ticks: number; requests: number };
}

const HEAP_MAX = 1 << 20;
const TIME_MAX = 36_000;
const roundUp = (n: number, step: number): number => Math.ceil(n / step) * step;

/**
 * Heap: the perfect player's peak times `heapFactor` (tighter at higher difficulty), grown
 * until the perfect run completes with nothing refused. Time: the perfect time plus one
 * grace period per request, room for a person who answers each request within its grace.
 */
export function calibrate(level: Level, seed: number, heapFactor: number): Calibration {
  const roomy: Level = { ...level, machine: { ...level.machine, heapBytes: HEAP_MAX }, timeLimit: TIME_MAX };
  const first = playPerfect(roomy, seed);
  if (!first.clean)
    throw new Error(`rush ${seed}: the program does not run to its end even with a roomy heap`);
  let factor = heapFactor;
  for (let attempt = 0; attempt < 12; attempt++, factor += 0.15) {
    const heapBytes = Math.min(HEAP_MAX, roundUp(first.peakHeapBytes * factor + 64, 64));
    const sized: Level = { ...roomy, machine: { ...roomy.machine, heapBytes } };
    const run = playPerfect(sized, seed);
    if (!run.clean || run.state.completedAt === null) continue;
    const ticks = run.state.completedAt;
    const timeLimit = Math.min(TIME_MAX, roundUp(ticks + run.requests * level.grace, 10));
    const final = playPerfect({ ...sized, timeLimit }, seed);
    if (!final.clean) continue;
    const best = score(final.state).total;
    const stars: [number, number, number] = [
      Math.floor(best * 0.4),
      Math.floor(best * 0.7),
      Math.floor(best * 0.9),
    ];
    return { heapBytes, timeLimit, stars, perfect: { score: best, ticks, requests: final.requests } };
  }
  throw new Error(`rush ${seed}: no heap size lets the perfect player finish`);
}
