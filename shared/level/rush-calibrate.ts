/**
 * Sizing a rush level by playing it on the real simulator. The perfect player sizes the
 * heap (its peak use) and the clock (its time and its actions); the perfect player and the
 * level pack's reference players together set the stars. A perfect run of a rush level is a
 * few hundred ticks: milliseconds.
 *
 * The perfect runs here are played by the best-fit player (`bestFitAction`): a run counts
 * only when it meets no MemoryError, and on such a run the perfect player (`bestAction`)
 * places exactly as best fit does, so both give the same run, without the lookahead's cost.
 * Where best fit alone runs out of room the heap is grown a little more instead.
 */
import type { GameState, Player, SimEvent } from '../sim';
import { apply, bestFitAction, createGame, playLevel, REFERENCE_PLAYERS, score, step } from '../sim';
import type { Level } from './schema';

export interface PerfectRun {
  state: GameState;
  /** Most bytes the placed heap objects ever covered (whole 8-byte cells). */
  peakHeapBytes: number;
  /** Requests the program raised (pushes, pops, placements, raises, answers). */
  requests: number;
  /** The program ran to its last op with no MemoryError and no crash. */
  clean: boolean;
  /** The tick of each action the player took. */
  actionTicks: number[];
  /** The tick of each `say`, with its text. */
  says: { tick: number; text: string }[];
}

const MAX_ACTIONS_PER_TICK = 64;

/** Play the level perfectly to the end (or to its time limit). */
export function playPerfect(level: Level, seed: number): PerfectRun {
  let state = createGame(level, seed);
  let peak = 0;
  let requests = 0;
  let clean = true;
  const actionTicks: number[] = [];
  const says: PerfectRun['says'] = [];
  const watch = (events: readonly SimEvent[], tick: number) => {
    for (const e of events) {
      if (e.type === 'request') requests++;
      else if (e.type === 'raised' && e.error === 'MemoryError') clean = false;
      else if (e.type === 'say') says.push({ tick, text: e.text });
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
      const action = bestFitAction(state);
      if (!action) break;
      const result = apply(state, action);
      if (!result.ok) {
        clean = false;
        break;
      }
      watch(result.events, state.tick);
      actionTicks.push(state.tick);
      state = result.state;
      peak = Math.max(peak, heapInUse(state));
    }
    if (state.status !== 'running') break;
    const result = step(state);
    watch(result.events, result.state.tick);
    state = result.state;
  }
  if (state.status !== 'complete') clean = false;
  return { state, peakHeapBytes: peak, requests, clean, actionTicks, says };
}

export interface HeapFit {
  heapBytes: number;
  /** The perfect run on that heap (with a roomy clock). */
  run: PerfectRun;
}

export interface Calibration {
  timeLimit: number;
  stars: [number, number, number];
  perfect: { score: number; ticks: number; requests: number };
}

const HEAP_MAX = 1 << 20;
const TIME_MAX = 36_000;
/** Room on the clock per action of the perfect run: 4.5 s, more than a decent person's 3 s per move. */
const TICKS_PER_ACTION = 45;
/** Seeds the reference players are run with to set the stars. */
const STAR_SEEDS = [1, 2] as const;
const roundUp = (n: number, step: number): number => Math.ceil(n / step) * step;

/**
 * The heap: the perfect player's peak times `heapFactor` (tighter at higher difficulty),
 * grown until the perfect run completes with nothing refused and no MemoryError.
 */
export function fitHeap(level: Level, seed: number, heapFactor: number): HeapFit {
  const roomy: Level = { ...level, machine: { ...level.machine, heapBytes: HEAP_MAX }, timeLimit: TIME_MAX };
  const first = playPerfect(roomy, seed);
  if (!first.clean)
    throw new Error(`rush ${seed}: the program does not run to its end even with a roomy heap`);
  let factor = heapFactor;
  for (let attempt = 0; attempt < 12; attempt++, factor += 0.15) {
    const heapBytes = Math.min(HEAP_MAX, roundUp(first.peakHeapBytes * factor + 64, 64));
    const run = playPerfect({ ...roomy, machine: { ...roomy.machine, heapBytes } }, seed);
    if (run.clean && run.state.completedAt !== null) return { heapBytes, run };
  }
  throw new Error(`rush ${seed}: no heap size lets the perfect player finish`);
}

/**
 * The clock and the stars, for a level whose heap is fitted, on the level pack's standard
 * (the reference players of `shared/sim/reference-players.ts`, so that stars mean the same everywhere):
 * - the clock: the perfect time plus 4.5 s per action of the perfect run, so a decent
 *   person (3 s per move, a slip now and then) finishes;
 * - three stars: near perfect, halfway between perfect play and the best sloppy bot;
 * - two stars: between a good person (1.5 s per move) and a decent one;
 * - one star: a little under the decent person.
 */
export function fitClockAndStars(level: Level, seed: number, fitted: PerfectRun): Calibration {
  const ticks = fitted.state.completedAt ?? TIME_MAX;
  const timeLimit = Math.min(TIME_MAX, roundUp(ticks + fitted.actionTicks.length * TICKS_PER_ACTION, 10));
  const timed: Level = { ...level, timeLimit };
  const final = playPerfect(timed, seed);
  if (!final.clean) throw new Error(`rush ${seed}: the perfect player does not finish in time`);
  const best = score(final.state).total;
  const scores = (player: (s: number) => Player) =>
    STAR_SEEDS.map((s) => score(playLevel(timed, s, player(s)).state).total);
  const sloppy = Math.max(...scores(REFERENCE_PLAYERS.sloppy));
  const good = mean(scores(REFERENCE_PLAYERS.good));
  const decent = mean(scores(REFERENCE_PLAYERS.decent));
  const three = best - Math.max(5, Math.ceil((best - sloppy) / 2));
  const two = Math.min(three - 1, Math.floor((good + decent) / 2));
  const one = Math.max(1, Math.min(two - 1, Math.floor(decent * 0.8)));
  return { timeLimit, stars: [one, two, three], perfect: { score: best, ticks, requests: final.requests } };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * How busy each stage keeps the perfect player: actions per tick between one stage title's
 * `print` and the next (the last stage runs to the end). Stages are told apart by `isTitle`.
 */
export function stagePace(run: PerfectRun, isTitle: (text: string) => boolean): number[] {
  const starts = run.says.filter((s) => isTitle(s.text)).map((s) => s.tick);
  const end = run.state.completedAt ?? run.state.tick;
  return starts.map((start, i) => {
    const stop = starts[i + 1] ?? end + 1;
    const actions = run.actionTicks.filter((t) => t >= start && t < stop).length;
    return actions / Math.max(1, stop - start);
  });
}
