/**
 * Rush sources are real Python: run a batch of them under python3 (one process for the
 * batch) and hold CPython's own record against the level: the calls and returns, what is
 * printed (so every `is` answer), how deep the recursion gets before RecursionError, and
 * `sys.getsizeof` of every variable after every line against the simulator's sizes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { generateRushLevel } from '../../shared/level/rush';
import type { Level } from '../../shared/level/schema';
import { tracePerfectRun } from './sim-trace';
import { type CallEvent, lineGroups, lineRuns, runEnds, walkProgram } from './walk';

const HARNESS = fileURLToPath(new URL('./trace-rush.py', import.meta.url));
const hasPython = spawnSync('python3', ['--version']).status === 0;

interface TracedLine {
  fn: string;
  line: number;
  after: Record<string, number> | null;
}
interface PythonResult {
  id: string;
  traced: {
    events: CallEvent[];
    lines: TracedLine[];
    printed: string[];
    recursion: { fn: string; frames: number; tryDepth: number; error: string } | null;
    error: string | null;
  };
  standalone: { exit: number; stdout: string; stderr: string; calls: Record<string, number> | null };
}

/** The recursive function: the one whose body calls itself. */
function diveOf(level: Level): string {
  const fn = Object.keys(level.functions).find((f) => level.source.some((l) => l.includes(`return ${f}(`)));
  if (!fn) throw new Error(`${level.id}: no recursive function`);
  return fn;
}

function runPython(levels: Level[]): Map<string, PythonResult> {
  const input = JSON.stringify({
    levels: levels.map((l) => ({ id: l.id, source: l.source, dive: diveOf(l) })),
  });
  const out = execFileSync('python3', [HARNESS], { input, maxBuffer: 256 << 20, timeout: 240_000 });
  const parsed = JSON.parse(out.toString()) as { python: string; results: PythonResult[] };
  expect(parsed.python.startsWith('3.11')).toBe(true);
  return new Map(parsed.results.map((r) => [r.id, r]));
}

const LEVELS: Level[] = [
  ...Array.from({ length: 24 }, (_, i) => generateRushLevel(i * 7919 + 11)),
  ...[1, 2, 3].flatMap((difficulty) =>
    [1, 2, 5].map((rounds) =>
      generateRushLevel(rounds * 101 + difficulty, { rounds, difficulty: difficulty as 1 | 2 | 3 }),
    ),
  ),
];

describe.runIf(hasPython)('rush sources under CPython 3.11', () => {
  const results = hasPython ? runPython(LEVELS) : new Map<string, PythonResult>();

  test.each(LEVELS.map((l) => [l.id, l] as const))(
    '%s runs as a script and prints what the level says',
    (_, level) => {
      const r = results.get(level.id)!;
      const walk = walkProgram(level);
      expect(r.standalone.stderr).toBe('');
      expect(r.standalone.exit).toBe(0);
      expect(r.standalone.stdout).toBe(walk.printed.map((t) => `${t}\n`).join(''));
      expect(r.traced.error).toBeNull();
      expect(r.traced.printed).toEqual(walk.printed);
    },
  );

  test.each(LEVELS.map((l) => [l.id, l] as const))(
    '%s calls, returns and overflows as the program does',
    (_, level) => {
      const r = results.get(level.id)!;
      const walk = walkProgram(level);
      expect(r.traced.events).toEqual(walk.events);
      // The plain script, profiled in C (no frame added), makes the same calls: the recursion
      // really stops where the level says, not where the tracer would.
      const counts: Record<string, number> = {};
      for (const [kind, fn] of walk.events) if (kind === 'call') counts[fn] = (counts[fn] ?? 0) + 1;
      expect(r.standalone.calls).toEqual(counts);
      expect(walk.recursion).not.toBeNull();
      expect(r.traced.recursion).toEqual(walk.recursion);
      // CPython 3.11: with sys.setrecursionlimit(L) the deepest stack is L frames, <module> included.
      expect(walk.recursion!.tryDepth + walk.recursion!.frames).toBe(level.machine.recursionLimit);
    },
  );

  test.each(LEVELS.map((l) => [l.id, l] as const))(
    '%s: every line runs where the ops say, with the sizes the simulator gives',
    (_, level) => {
      const r = results.get(level.id)!;
      const walk = walkProgram(level);
      const dive = diveOf(level);
      const runs = lineRuns(walk);
      const { groupOf, lines } = lineGroups(walk);
      const ends = runEnds(walk, runs, groupOf);
      const sim = tracePerfectRun(level, level.rush!.seed);
      expect(sim.state.status).toBe('complete');
      // The simulator moves through the lines in the order the walk does.
      expect(sim.lines).toEqual(lines);

      // CPython's line events, kept to the lines that carry ops (outside the untraced recursion).
      const opLines = new Set(runs.map((run) => `${run.fn}:${run.line}`));
      const python = r.traced.lines.filter((l) => l.fn !== dive && opLines.has(`${l.fn}:${l.line}`));
      const ours = runs.map((run, i) => ({ run, end: ends[i]! })).filter(({ run }) => run.fn !== dive);
      expect(python.map((l) => `${l.fn}:${l.line}`)).toEqual(ours.map(({ run }) => `${run.fn}:${run.line}`));

      let compared = 0;
      ours.forEach(({ run, end }, i) => {
        if (end === null) return;
        const stack = end === lines.length ? sim.end : sim.before[end]!;
        const frame = stack[run.depth - 1];
        expect(frame?.fn, `frame of line ${run.line}`).toBe(run.fn);
        expect(python[i]!.after, `variables after line ${run.line}: ${level.source[run.line - 1]}`).toEqual(
          frame!.sizes,
        );
        compared++;
      });
      expect(compared).toBeGreaterThan(20);
    },
  );
});
