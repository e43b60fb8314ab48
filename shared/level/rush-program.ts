/**
 * Writing a rush program: the preamble, then each stage's episodes, calm to full rush.
 * Every required episode appears once (so every mechanic is played), the recursion is the
 * last stage's finale, and extras fill the listing's line budget. Each stage must ask more
 * work per op than the one before; bursts of nested containers top a stage up.
 */
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
import { loadOf } from './rush-load';
import type { Rng } from './rush-random';
import { type Intensity, type Scene, say } from './rush-scene';

export interface DifficultyTable {
  pace: number;
  grace: number;
  heapFactor: number;
  limit: [number, number];
  extrasPerStage: number;
  diveTrail: DiveTrail;
}

export interface WrittenProgram {
  draft: Draft;
  fns: RushFunctions;
  recursionLimit: number;
}

export const MAX_SOURCE_LINES = 120;
/** Lines the functions can take at most (wrap 3, pack 4, tangle 4, dive 3, one blank after each). */
const FUNCTION_LINES = 18;
/** Work per op a stage must add over the one before, read from its ops. */
const PACE_STEP = 0.1;
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

/**
 * One program. `bursts[s]` extra bursts go at the end of stage s (the simulator may ask for
 * them when growing lists made an earlier stage busier than its ops say). Null when the
 * stages do not fit the listing.
 */
export function writeProgram(
  rng: Rng,
  rounds: number,
  table: DifficultyTable,
  bursts: readonly number[],
): WrittenProgram | null {
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
    for (let b = 0; b < (bursts[s] ?? 0); b++) {
      if (linesLeft(draft) < EPISODE_MAX_LINES.burst) return null;
      writeEpisode(scene, 'burst');
    }
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
  const middle = ['faster!', 'even faster!', 'faster still!'];
  const name =
    rounds === 1 ? 'go!' : stage === 0 ? 'warm-up' : stage === rounds - 1 ? 'full rush!' : middle[stage - 1];
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
  // Budget: the preamble, per stage a title, a clean-up and room for two bursts, the recursion.
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

/** At the end of a brisk stage some names are deleted in one line: objects only they held become garbage. */
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
