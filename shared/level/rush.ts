/**
 * Rush levels for competitions: a seeded generator of levels that mix every mechanic of
 * the lesson (calls and returns, locals, heap objects of every kind, aliases, mutation,
 * rebinding, `del` and `= None`, reference cycles, recursion to the limit, `is` questions)
 * and speed up stage by stage.
 *
 * Pure and deterministic: the same seed and options give the same level, deep-equal, on
 * the server and in every browser (own PRNG, no clock). The Python source is real
 * CPython 3.11 that does exactly what the program says; tests run it.
 *
 * How the pace rises: `pace` (ticks between ops) is one number for the level, so later
 * stages put more work into each op. Stage 1 writes one object per line and narrates;
 * middle stages build two objects per line; the last stage builds containers inside
 * containers, drops the narration and ends with the recursion. `stageLoads` measures it.
 */
import { calibrate } from './rush-calibrate';
import { Draft } from './rush-draft';
import {
  DENSE_EXTRAS,
  EPISODE_MAX_LINES,
  type EpisodeKind,
  EXTRA_EPISODES,
  REQUIRED_EPISODES,
  writeEpisode,
} from './rush-episodes';
import { type DiveTrail, RushFunctions } from './rush-functions';
import { createRng, type Rng } from './rush-random';
import { type Intensity, type Scene, say } from './rush-scene';
import { rushTexts } from './rush-texts';
import type { Level, Op, ValueSpec } from './schema';

export interface RushOptions {
  /** Stages of rising pace, 1..5 (default 3). */
  rounds?: number;
  /** 1 gentle, 2 normal (default), 3 hard: faster pace, shorter grace, tighter heap, deeper recursion. */
  difficulty?: 1 | 2 | 3;
}

interface DifficultyTable {
  pace: number;
  grace: number;
  heapFactor: number;
  limit: [number, number];
  extrasPerStage: number;
  diveTrail: DiveTrail;
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

const MAX_SOURCE_LINES = 120;
/** How much more work per op each stage asks than the one before, at least. */
const PACE_STEP = 0.1;
/** Lines the functions can take at most (wrap 3, pack 4, tangle 4, dive 3, one blank after each). */
const FUNCTION_LINES = 18;
/** Plans tried before giving up (each try draws on, so the result stays deterministic). */
const ATTEMPTS = 20;
/** Rush levels come after the lesson's levels. */
const RUSH_ORDER = 1000;
const BASE_NAMES = ['base', 'start', 'num', 'lucky'] as const;
const WHO_NAMES = ['who', 'hero', 'player', 'coder'] as const;
const WHO_VALUES = [
  'Ada',
  'Alan',
  'Grace',
  'Guido',
  'Linus',
  'Margaret',
  'Barbara',
  'Edsger',
  'Tim',
] as const;

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
  let written: { draft: Draft; fns: RushFunctions; recursionLimit: number } | null = null;
  for (let attempt = 0; attempt < ATTEMPTS && !written; attempt++) written = writeProgram(rng, rounds, table);
  if (!written) throw new Error(`rush ${seed}: no plan fits the listing with a rising pace`);
  const { draft, fns, recursionLimit } = written;
  const { source, program } = draft.finish();
  if (source.length > MAX_SOURCE_LINES) throw new Error(`rush ${seed}: ${source.length} source lines`);
  const functions = fns.defs;
  const moduleFrameBytes = 64;
  const deepestFrame = Math.max(...Object.values(functions).map((f) => f.frameBytes));
  const texts = rushTexts(rng, { seed, rounds, difficulty, recursionLimit, dive: fns.names.dive });
  const level: Level = {
    id: `rush-${seed}`,
    order: RUSH_ORDER,
    title: `Rush #${seed}`,
    concept: 'heap',
    intro: texts.intro,
    outro: texts.outro,
    source,
    machine: {
      stackBytes: Math.ceil((moduleFrameBytes + (recursionLimit - 1) * deepestFrame + 64) / 64) * 64,
      recursionLimit,
      heapBytes: 1 << 20,
      moduleFrameBytes,
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
  const fit = calibrate(level, seed, table.heapFactor);
  return {
    ...level,
    machine: { ...level.machine, heapBytes: fit.heapBytes },
    timeLimit: fit.timeLimit,
    stars: fit.stars,
  };
}

/**
 * One try at the program: the preamble, then each stage's episodes. Null when a stage
 * cannot be made denser than the one before within the listing's line budget.
 */
function writeProgram(
  rng: Rng,
  rounds: number,
  table: DifficultyTable,
): { draft: Draft; fns: RushFunctions; recursionLimit: number } | null {
  const draft = new Draft();
  draft.headerLine('import sys');
  const fns = new RushFunctions(draft, rng, { diveTrail: table.diveTrail });
  const recursionLimit = rng.int(table.limit[0], table.limit[1]);
  const base = { name: rng.pick(BASE_NAMES), value: rng.int(3, 99) };
  const who = { name: rng.pick(WHO_NAMES), value: rng.pick(WHO_VALUES) };
  draft.reserve(base.name, who.name, 'sys');

  // Every import comes before the limit is lowered (an import needs stack of its own).
  draft.moduleLine(`sys.setrecursionlimit(${recursionLimit})`);
  const baseLine = draft.moduleLine(`${base.name} = ${base.value}`);
  draft.emit({ op: 'bind', line: baseLine, name: base.name, value: { int: base.value } });
  const whoLine = draft.moduleLine(`${who.name} = '${who.value}'`);
  draft.emit({ op: 'bind', line: whoLine, name: who.name, value: { str: who.value } });

  const plan = planStages(rng, rounds, table);
  const scene: Scene = { draft, rng, fns, intensity: 1, base, who, recursionLimit, leftovers: [] };
  let previousLoad = -1;
  for (let s = 0; s < rounds; s++) {
    scene.intensity = intensityOf(s, rounds);
    const start = draft.program.length;
    say(scene, stageTitle(s, rounds));
    for (const kind of plan[s] ?? []) writeEpisode(scene, kind);
    cleanUp(scene);
    // A stage must ask more work per op than the one before; bursts of nested containers do.
    while (s > 0 && loadOf(draft.program.slice(start)).perOp <= previousLoad + PACE_STEP) {
      if (linesLeft(draft) < EPISODE_MAX_LINES.burst) return null;
      writeEpisode(scene, 'burst');
    }
    previousLoad = loadOf(draft.program.slice(start)).perOp;
  }
  return { draft, fns, recursionLimit };
}

/** 1 for the first stage, 3 for the last, rising in between. */
function intensityOf(stage: number, rounds: number): Intensity {
  if (rounds === 1) return 2;
  return (1 + Math.round((2 * stage) / (rounds - 1))) as Intensity;
}

function stageTitle(stage: number, rounds: number): string {
  const name =
    stage === 0 ? 'warm-up' : stage === rounds - 1 ? 'full rush!' : stage === 1 ? 'faster!' : 'even faster!';
  return `Stage ${stage + 1} of ${rounds}: ${name}`;
}

/**
 * Which episodes each stage runs: every required one once (the recursion as the last
 * stage's finale), spread over the stages, then extras where the line budget allows.
 */
function planStages(rng: Rng, rounds: number, table: DifficultyTable): EpisodeKind[][] {
  const plan: EpisodeKind[][] = Array.from({ length: rounds }, () => []);
  const spread = rng.shuffle(REQUIRED_EPISODES.filter((k) => k !== 'recursion'));
  spread.forEach((kind, i) => {
    plan[i % rounds]!.push(kind);
  });
  const linesOf = (kinds: EpisodeKind[]) => kinds.reduce((n, k) => n + EPISODE_MAX_LINES[k], 0);
  // Budget: preamble 3, per stage a title, a clean-up and room for two bursts, the recursion.
  const budget =
    MAX_SOURCE_LINES -
    2 -
    FUNCTION_LINES -
    3 -
    rounds * (2 + 2 * EPISODE_MAX_LINES.burst) -
    EPISODE_MAX_LINES.recursion;
  let used = linesOf(spread);
  for (let s = 0; s < rounds; s++) {
    // The calm first stage gets no extras; later stages get more, and denser ones.
    const extras =
      rounds === 1 ? table.extrasPerStage : Math.round((table.extrasPerStage + 1) * (s / (rounds - 1)));
    for (let e = 0; e < extras; e++) {
      const pool = s === 0 ? EXTRA_EPISODES : DENSE_EXTRAS;
      const fresh = pool.filter((k) => !plan[s]!.includes(k));
      const kind = rng.pick(fresh.length > 0 ? fresh : pool);
      if (used + EPISODE_MAX_LINES[kind] > budget) break;
      plan[s]!.push(kind);
      used += EPISODE_MAX_LINES[kind];
    }
    plan[s] = rng.shuffle(plan[s]!);
  }
  const last = plan[rounds - 1]!;
  last.splice(rng.int(Math.floor(last.length / 2), last.length), 0, 'recursion');
  return plan;
}

/** At the end of a busy stage some names are deleted in one line: the objects only they held become garbage. */
function cleanUp(s: Scene): void {
  if (s.intensity !== 2 || s.leftovers.length < 2) return;
  const names = s.rng.shuffle(s.leftovers).slice(0, Math.min(3, s.leftovers.length));
  s.leftovers = s.leftovers.filter((n) => !names.includes(n));
  const at = s.draft.moduleLine(`del ${names.join(', ')}`);
  for (const name of names) s.draft.emit({ op: 'unbind', line: at, name });
}

function linesLeft(draft: Draft): number {
  return MAX_SOURCE_LINES - FUNCTION_LINES - 2 - draft.moduleLineCount;
}

/** Heap objects a value spec makes (each one a placement for the player). */
export function newObjectCount(spec: ValueSpec): number {
  if ('list' in spec) return 1 + spec.list.reduce((n, v) => n + newObjectCount(v), 0);
  if ('tuple' in spec) return 1 + spec.tuple.reduce((n, v) => n + newObjectCount(v), 0);
  if ('set' in spec) return 1 + spec.set.reduce((n, v) => n + newObjectCount(v), 0);
  if ('dict' in spec)
    return 1 + spec.dict.reduce((n, [k, v]) => n + newObjectCount(k) + newObjectCount(v), 0);
  if ('repeat' in spec) return newObjectCount(spec.repeat);
  if ('int' in spec) {
    const v = BigInt(spec.int);
    return v < -5n || v > 256n ? 1 : 0;
  }
  if ('str' in spec) return spec.interned || /^[A-Za-z_][A-Za-z0-9_]*$/.test(spec.str) ? 0 : 1;
  if ('float' in spec || 'bytes' in spec) return 1;
  return 0;
}

/**
 * The work a run of ops asks of the player: one per push, pop, answer and raise, one per
 * object to place. `perOp` is that work per op run, the stage's pace at a fixed `pace`.
 */
export function loadOf(ops: readonly Op[]): { ops: number; work: number; perOp: number } {
  let count = 0;
  let work = 0;
  const visit = (list: readonly Op[]) => {
    for (const op of list) {
      count++;
      if (op.op === 'call' || op.op === 'return' || op.op === 'ask') work++;
      else if (op.op === 'new') work += op.objects.reduce((n, o) => n + newObjectCount(o.value), 0);
      else if (op.op === 'try') {
        visit(op.body);
        visit(op.handler);
      } else if (op.op === 'repeat') {
        for (let i = 0; i < op.times; i++) visit(op.body);
      }
    }
  };
  visit(ops);
  return { ops: count, work, perOp: count === 0 ? 0 : work / count };
}

/** The program split at its stage titles (`print('Stage k of n: ...')`), for tests and the host's view. */
export function rushStages(level: Level): Op[][] {
  const stages: Op[][] = [];
  for (const op of level.program) {
    if (op.op === 'say' && /^Stage \d+ of \d+/.test(op.text)) stages.push([]);
    stages[stages.length - 1]?.push(op);
  }
  return stages;
}
