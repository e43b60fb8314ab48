/**
 * How much a stretch of a rush program asks of the player, read from the ops alone: one
 * action per push, pop, answer and raise, one per object to place. At a fixed `pace` every
 * op takes the same time, so work per op is the stage's pace. (Lists that outgrow their
 * cells and must move, and the garbage to free, add to it at play time; the generator
 * checks those on the simulator.)
 */
import type { Level, Op, ValueSpec } from './schema';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Stage titles are printed as `Stage k of n: ...`. */
export const STAGE_TITLE = /^Stage \d+ of \d+: /;

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
  if ('str' in spec) return spec.interned || IDENTIFIER.test(spec.str) ? 0 : 1;
  if ('float' in spec || 'bytes' in spec) return 1;
  return 0;
}

/**
 * The work a run of ops asks and the ops that take a turn of the clock (a `try` is entered
 * without one). `perOp` is work per op.
 */
export function loadOf(ops: readonly Op[]): { ops: number; work: number; perOp: number } {
  let count = 0;
  let work = 0;
  const visit = (list: readonly Op[]) => {
    for (const op of list) {
      if (op.op === 'try') {
        visit(op.body);
        visit(op.handler);
        continue;
      }
      if (op.op === 'repeat') {
        for (let i = 0; i < op.times; i++) visit(op.body);
        continue;
      }
      count++;
      if (op.op === 'call' || op.op === 'return' || op.op === 'ask') work++;
      else if (op.op === 'new') work += op.objects.reduce((n, o) => n + newObjectCount(o.value), 0);
    }
  };
  visit(ops);
  return { ops: count, work, perOp: count === 0 ? 0 : work / count };
}

/** The program split at its stage titles; what runs before the first title is left out. */
export function rushStages(level: Level): Op[][] {
  const stages: Op[][] = [];
  for (const op of level.program) {
    if (op.op === 'say' && STAGE_TITLE.test(op.text)) stages.push([]);
    stages[stages.length - 1]?.push(op);
  }
  return stages;
}
