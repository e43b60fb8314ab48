/**
 * `npm run levels:check`: reads every levels/*.json from disk, parses it (a bad file is
 * reported with its name, the path inside it and the problem), plays it with the perfect
 * autoplayer (it must complete with three stars, and its program must do nothing Python
 * would refuse: no name that names nothing, reported with the op's path), with a player who
 * fragments the heap on purpose (it must not outscore perfect play), with a sloppy bot (below three stars on
 * average and in most runs), at a good person's pace (two stars) and at a decent person's
 * pace (one or two stars, finishing in time), and prints one line per level and a summary.
 * Exit code 1 when anything is wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dryRunProblems, LevelError, parseLevel } from '../shared/level/load';
import type { Level } from '../shared/level/schema';
import { CALIBRATION_SEEDS, FRAGMENTER, PERFECT, playLevel, REFERENCE_PLAYERS, score } from '../shared/sim';

const FOLDER = fileURLToPath(new URL('.', import.meta.url));
const FILE_NAME = /^(\d\d)-[a-z0-9-]+\.json$/;

interface LevelReport {
  file: string;
  line: string;
  problems: string[];
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function starsFor(level: Level, total: number): number {
  const [one, two, three] = level.stars;
  return total >= three ? 3 : total >= two ? 2 : total >= one ? 1 : 0;
}

export function checkLevel(level: Level, file: string): LevelReport {
  // What the program does that Python would not (a misspelt name reads as None), with its place in the file.
  const problems: string[] = dryRunProblems(level).map((p) => `${p.path}: ${p.problem}`);
  const { state } = playLevel(level, 1, PERFECT);
  const perfect = score(state);
  const ticks = state.completedAt ?? state.tick;
  if (state.status !== 'complete')
    problems.push(`perfect play ends ${state.status}${state.crash ? `: ${state.crash.message}` : ''}`);
  if (perfect.stars !== 3)
    problems.push(`perfect play earns ${perfect.stars} stars (${perfect.total} < ${level.stars[2]})`);
  // Fragmenting the heap on purpose must not pay (a MemoryError can end the program early).
  const fragmented = score(playLevel(level, 1, FRAGMENTER).state).total;
  if (fragmented > perfect.total)
    problems.push(
      `a player who fragments the heap on purpose scores ${fragmented}, more than perfect play (${perfect.total})`,
    );
  const sloppy = CALIBRATION_SEEDS.map((seed) =>
    score(playLevel(level, seed, REFERENCE_PLAYERS.sloppy(seed)).state),
  );
  const sloppyMean = mean(sloppy.map((s) => s.total));
  const sloppyThree = sloppy.filter((s) => s.stars === 3).length;
  if (sloppyMean >= level.stars[2] || sloppyThree * 2 >= sloppy.length) {
    problems.push(
      `a sloppy bot averages ${Math.round(sloppyMean)} with three stars in ${sloppyThree} of ${sloppy.length} runs: three stars are too easy`,
    );
  }
  const goodMean = mean(
    CALIBRATION_SEEDS.map((seed) => score(playLevel(level, seed, REFERENCE_PLAYERS.good(seed)).state).total),
  );
  const goodStars = starsFor(level, goodMean);
  if (goodStars !== 2)
    problems.push(`a good player averages ${Math.round(goodMean)} (${goodStars} stars), not 2`);
  const decentRuns = CALIBRATION_SEEDS.map(
    (seed) => playLevel(level, seed, REFERENCE_PLAYERS.decent(seed)).state,
  );
  const decentMean = mean(decentRuns.map((s) => score(s).total));
  const decentStars = starsFor(level, decentMean);
  if (decentStars < 1 || decentStars > 2)
    problems.push(`a decent player averages ${Math.round(decentMean)} (${decentStars} stars), not 1–2`);
  const late = decentRuns.filter((s) => s.status !== 'complete').length;
  if (late > 0) problems.push(`a decent player fails to finish in ${late} of ${decentRuns.length} runs`);
  const decentSeconds = Math.max(...decentRuns.map((s) => s.completedAt ?? s.tick)) / 10;
  const line = [
    `${file.slice(0, 2)} ${level.id.padEnd(24)}`,
    `perfect ${String(perfect.total).padStart(5)} ${perfect.stars}★ in ${String(ticks).padStart(4)} ticks`,
    `sloppy ${String(Math.round(sloppyMean)).padStart(5)} avg (${sloppyThree}/${sloppy.length} at 3★)`,
    `good ${goodStars}★, decent ${decentStars}★ in ~${Math.round(decentSeconds)} s`,
    `stars ${level.stars.join('/')}`,
    problems.length === 0 ? 'ok' : 'FAIL',
  ].join(' | ');
  return { file, line, problems };
}

/** Problems across the pack: file names, order, unique ids, and whether levels/index.ts lists every file. */
function packProblems(
  parsed: { file: string; level: Level }[],
  indexFiles: readonly string[] | null,
): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  let lastOrder = -1;
  for (const { file, level } of parsed) {
    if (ids.has(level.id)) problems.push(`${file}: id "${level.id}" is used twice`);
    ids.add(level.id);
    if (level.order <= lastOrder)
      problems.push(`${file}: order ${level.order} does not come after ${lastOrder}`);
    lastOrder = level.order;
    if (Number(file.slice(0, 2)) !== level.order)
      problems.push(`${file}: the file number and order ${level.order} differ`);
  }
  if (indexFiles) {
    const onDisk = parsed.map(({ file }) => `levels/${file}`);
    for (const file of onDisk)
      if (!indexFiles.includes(file)) problems.push(`${file} is not imported by levels/index.ts`);
    if (indexFiles.join() !== onDisk.filter((f) => indexFiles.includes(f)).join()) {
      problems.push('levels/index.ts lists the levels in another order than their file names');
    }
  }
  return problems;
}

/**
 * Checks every level file in `folder` and prints the report through `print`; returns the
 * process exit code. `indexFiles` (the files levels/index.ts imports) is compared with the
 * folder when given.
 */
export function checkFolder(
  folder: string,
  print: (line: string) => void,
  indexFiles: readonly string[] | null,
): number {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const parsed: { file: string; level: Level }[] = [];
  let failures = 0;
  for (const file of files) {
    if (!FILE_NAME.test(file)) {
      print(`levels/${file}: level files are named NN-slug.json`);
      failures++;
      continue;
    }
    try {
      const json: unknown = JSON.parse(readFileSync(join(folder, file), 'utf8'));
      parsed.push({ file, level: parseLevel(json, `levels/${file}`) });
    } catch (error) {
      failures++;
      print(error instanceof LevelError ? error.message : `levels/${file}: ${(error as Error).message}`);
    }
  }
  const pack = packProblems(parsed, failures === 0 ? indexFiles : null);
  for (const problem of pack) print(problem);
  failures += pack.length;
  for (const { file, level } of parsed) {
    const report = checkLevel(level, file);
    print(report.line);
    for (const problem of report.problems) print(`   levels/${file}: ${problem}`);
    if (report.problems.length > 0) failures++;
  }
  print(
    `\n${files.length} level files, ${parsed.length} parsed, ${failures === 0 ? 'all good' : `${failures} problem(s)`}`,
  );
  return failures === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // The pack itself parses every level as it loads: import it only to compare its list.
  let indexFiles: readonly string[] | null = null;
  try {
    indexFiles = (await import('./index')).LEVEL_FILES;
  } catch {
    indexFiles = null;
  }
  process.exitCode = checkFolder(FOLDER, (line) => console.log(line), indexFiles);
}
