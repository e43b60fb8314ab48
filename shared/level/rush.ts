/**
 * Rush levels for competitions: a seeded generator of levels that mix every mechanic of
 * the lesson (calls and returns, locals, heap objects of every kind, aliases, mutation,
 * rebinding, `del` and `= None`, reference cycles, recursion to the limit, `is` questions)
 * and speed up stage by stage.
 *
 * Pure and deterministic: the same seed and options give the same level, deep-equal, on
 * the server and in every browser (own PRNG, no clock). The Python source is real
 * CPython 3.11 that does exactly what the program says; the tests run it.
 *
 * How the pace rises: `pace` (ticks between ops) is one number for the level, so later
 * stages put more work into each op. Stage 1 writes one object per line and narrates;
 * middle stages build two objects per line; the last stage builds containers inside
 * containers, drops the narration and holds the runaway recursion. The generator plays each
 * level with the perfect player and tops a stage up until it keeps the player busier
 * (actions per tick) than the stage before. The same run sizes the heap and the clock;
 * the stars come from playing the final level with the perfect player and the level
 * pack's reference players (`shared/sim/reference-players.ts`), so they mean what they mean there.
 */
import { fitClockAndStars, fitHeap, type PerfectRun, stagePace } from './rush-calibrate';
import { STAGE_TITLE } from './rush-load';
import { type DifficultyTable, MAX_SOURCE_LINES, type WrittenProgram, writeProgram } from './rush-program';
import { createRng } from './rush-random';
import { rushTexts } from './rush-texts';
import type { Level } from './schema';

export { loadOf, newObjectCount, rushStages, STAGE_TITLE } from './rush-load';

export interface RushOptions {
  /** Stages of rising pace, 1..5 (default 3). */
  rounds?: number;
  /** 1 gentle, 2 normal (default), 3 hard: faster pace, shorter grace, tighter heap, deeper recursion. */
  difficulty?: 1 | 2 | 3;
}

const DIFFICULTY: Record<1 | 2 | 3, DifficultyTable> = {
  1: { pace: 8, grace: 40, heapFactor: 2, limit: [6, 8], extrasPerStage: 0, diveTrail: 'list' },
  2: { pace: 6, grace: 30, heapFactor: 1.6, limit: [8, 11], extrasPerStage: 1, diveTrail: 'list' },
  3: {
    pace: 5,
    grace: 20,
    heapFactor: 1.35,
    limit: [10, 14],
    extrasPerStage: 2,
    diveTrail: 'list-and-tuple',
  },
};

/** Plans tried before giving up; each draws its own seed from the level's, so all stay deterministic. */
const ATTEMPTS = 12;
/** A stage must keep the perfect player at least this much busier than the stage before. */
const PACE_RISE = 1.05;
/** Rush levels come after the lesson's levels. */
const RUSH_ORDER = 1000;
const MODULE_FRAME_BYTES = 64;

export function generateRushLevel(seed: number, options: RushOptions = {}): Level {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`rush seed must be a safe integer, got ${seed}`);
  const rounds = options.rounds ?? 3;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 5) {
    throw new RangeError(`rush rounds must be 1..5, got ${rounds}`);
  }
  const difficulty = options.difficulty ?? 2;
  const table = DIFFICULTY[difficulty];
  if (!table) throw new RangeError(`rush difficulty must be 1, 2 or 3, got ${difficulty}`);

  const rng = createRng(seed);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const planSeed = rng.int(0, 0x7fff_ffff);
    const bursts = new Array<number>(rounds).fill(0);
    for (;;) {
      const written = writeProgram(createRng(planSeed), rounds, table, bursts);
      if (!written) break;
      const draftLevel = assemble(seed, rounds, difficulty, table, written);
      const heap = fitHeap(draftLevel, seed, table.heapFactor);
      const pace = stagePace(heap.run, (text) => STAGE_TITLE.test(text));
      const slow = pace.findIndex((p, s) => s > 0 && p < pace[s - 1]! * PACE_RISE);
      if (slow >= 0) {
        bursts[slow]! += burstsToCatchUp(pace[slow - 1]! * PACE_RISE, heap.run, slow, table.pace);
        continue;
      }
      const level: Level = { ...draftLevel, machine: { ...draftLevel.machine, heapBytes: heap.heapBytes } };
      const fit = fitClockAndStars(level, seed, heap.run);
      return { ...level, timeLimit: fit.timeLimit, stars: fit.stars };
    }
  }
  throw new Error(`rush ${seed}: no plan fits the listing with a rising pace`);
}

/**
 * How many bursts (about five actions over two ops) bring stage `stage` of the run up to
 * `target` actions per tick; at least one.
 */
function burstsToCatchUp(target: number, run: PerfectRun, stage: number, pace: number): number {
  const starts = run.says.filter((s) => STAGE_TITLE.test(s.text)).map((s) => s.tick);
  const start = starts[stage]!;
  const stop = starts[stage + 1] ?? (run.state.completedAt ?? run.state.tick) + 1;
  const actions = run.actionTicks.filter((t) => t >= start && t < stop).length;
  const perBurst = 5 - target * 2 * pace;
  if (perBurst <= 0) return 1;
  return Math.max(1, Math.ceil((target * (stop - start) - actions) / perBurst));
}

/** The level around a written program, with a roomy heap and clock until calibration sizes them. */
function assemble(
  seed: number,
  rounds: number,
  difficulty: 1 | 2 | 3,
  table: DifficultyTable,
  { draft, fns, recursionLimit }: WrittenProgram,
): Level {
  const { source, program } = draft.finish();
  if (source.length > MAX_SOURCE_LINES) throw new Error(`rush ${seed}: ${source.length} source lines`);
  const functions = fns.defs;
  const deepestFrame = Math.max(...Object.values(functions).map((f) => f.frameBytes));
  const texts = rushTexts(createRng(seed ^ 0x5bd1e995), {
    seed,
    rounds,
    difficulty,
    recursionLimit,
    dive: fns.names.dive,
  });
  return {
    id: `rush-${seed}`,
    order: RUSH_ORDER,
    title: `Rush #${seed}`,
    concept: 'heap',
    intro: texts.intro,
    outro: texts.outro,
    source,
    machine: {
      // The recursion limit, not the bytes, is what stops the recursion.
      stackBytes: Math.ceil((MODULE_FRAME_BYTES + (recursionLimit - 1) * deepestFrame + 64) / 64) * 64,
      recursionLimit,
      heapBytes: 1 << 20,
      moduleFrameBytes: MODULE_FRAME_BYTES,
    },
    functions,
    preplaced: [],
    program,
    pace: table.pace,
    grace: table.grace,
    timeLimit: 36_000,
    stars: [1, 2, 3],
    show: { refcounts: true, garbage: difficulty < 3, cycles: difficulty < 2 },
    rush: { seed },
  };
}
