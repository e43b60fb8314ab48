/**
 * A level's program read the way Python would run it, without the simulator: the ops in
 * execution order (which frame runs each), the calls and returns, what gets printed and
 * where the recursion overflows. The tests hold both CPython and the simulator to this.
 */
import type { Level, Op } from '../../shared/level/schema';

export interface WalkStep {
  op: Op;
  fn: string;
  /** Stack depth of the frame running the op (<module> = 1). */
  depth: number;
  /** Which frame instance runs it (0 = <module>). */
  frame: number;
}

export type CallEvent = ['call' | 'return' | 'unwind', string];

export interface Walk {
  steps: WalkStep[];
  events: CallEvent[];
  /** What the source prints: each `say`, and each ask's right answer. */
  printed: string[];
  recursion: { fn: string; frames: number; tryDepth: number; error: string } | null;
  /** Deepest stack reached by a successful call. */
  maxDepth: number;
}

class Overflow extends Error {
  constructor(
    readonly error: 'RecursionError',
    readonly fn: string,
  ) {
    super(`${error} calling ${fn}`);
  }
}

export function walkProgram(level: Level): Walk {
  const stack: { fn: string; id: number }[] = [{ fn: '<module>', id: 0 }];
  let nextFrame = 1;
  const walk: Walk = { steps: [], events: [], printed: [], recursion: null, maxDepth: 1 };
  const run = (ops: readonly Op[]): void => {
    for (const op of ops) {
      const top = stack[stack.length - 1]!;
      walk.steps.push({ op, fn: top.fn, depth: stack.length, frame: top.id });
      switch (op.op) {
        case 'call':
          if (stack.length >= level.machine.recursionLimit) throw new Overflow('RecursionError', op.fn);
          stack.push({ fn: op.fn, id: nextFrame++ });
          walk.maxDepth = Math.max(walk.maxDepth, stack.length);
          walk.events.push(['call', op.fn]);
          break;
        case 'return':
          if (stack.length > 1) {
            stack.pop();
            walk.events.push(['return', top.fn]);
          }
          break;
        case 'say':
          walk.printed.push(op.text);
          break;
        case 'ask':
          walk.printed.push(op.options[op.correct]!);
          break;
        case 'repeat':
          for (let i = 0; i < op.times; i++) run(op.body);
          break;
        case 'try': {
          const depth = stack.length;
          try {
            run(op.body);
          } catch (e) {
            if (!(e instanceof Overflow) || e.error !== op.error) throw e;
            walk.recursion = {
              fn: e.fn,
              frames: stack.filter((f) => f.fn === e.fn).length,
              tryDepth: depth,
              error: e.error,
            };
            while (stack.length > depth) walk.events.push(['unwind', stack.pop()!.fn]);
            run(op.handler);
          }
          break;
        }
        default:
          break;
      }
    }
  };
  run(level.program);
  return walk;
}

/** One run of one source line in one frame (as CPython's line events see it). */
export interface LineRun {
  fn: string;
  line: number;
  depth: number;
  frame: number;
  /** Indexes into `walk.steps`. */
  steps: number[];
}

/**
 * The line runs per frame: a frame's next op on a different line starts a new run, as a
 * CPython frame reports a line event when its line changes (a call in the middle of a line
 * does not end the caller's line).
 */
export function lineRuns(walk: Walk): LineRun[] {
  const runs: LineRun[] = [];
  const current = new Map<number, LineRun>();
  walk.steps.forEach((step, i) => {
    const open = current.get(step.frame);
    if (open && open.line === step.op.line) {
      open.steps.push(i);
      return;
    }
    const run: LineRun = {
      fn: step.fn,
      line: step.op.line,
      depth: step.depth,
      frame: step.frame,
      steps: [i],
    };
    runs.push(run);
    current.set(step.frame, run);
  });
  return runs;
}

/**
 * The simulator's `line` events: one each time the op it runs is on a different line than
 * the op before (a `try` is entered without running as an op). Returns, per step, the index
 * of its group (-1 for a `try`), and the lines of the groups.
 */
export function lineGroups(walk: Walk): { groupOf: number[]; lines: number[] } {
  const groupOf: number[] = [];
  const lines: number[] = [];
  for (const step of walk.steps) {
    if (step.op.op === 'try') {
      groupOf.push(-1);
      continue;
    }
    if (lines[lines.length - 1] !== step.op.line) lines.push(step.op.line);
    groupOf.push(lines.length - 1);
  }
  return { groupOf, lines };
}

/**
 * When a line run is over, as a group index: the group of its frame's next op (the state
 * just before that op runs holds the line's effects), `lines.length` for the end of the
 * program, or null when its frame is popped by the run itself (a return line).
 */
export function runEnds(walk: Walk, runs: readonly LineRun[], groupOf: readonly number[]): (number | null)[] {
  const groupCount = Math.max(-1, ...groupOf) + 1;
  return runs.map((run) => {
    const last = run.steps[run.steps.length - 1]!;
    if (walk.steps[last]!.op.op === 'return') return null;
    for (let i = last + 1; i < walk.steps.length; i++) {
      if (walk.steps[i]!.frame === run.frame && groupOf[i]! >= 0) return groupOf[i]!;
    }
    return run.frame === 0 ? groupCount : null;
  });
}
