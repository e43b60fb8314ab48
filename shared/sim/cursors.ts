/**
 * Walking the nested program: one cursor per open list (the top level, a `repeat` body, a
 * `try` body or handler). The top cursor points at the op being run; it moves on only when
 * that op has completed, so a `try` is still open while its last op waits for the player.
 */
import type { Level, Op } from '../level/schema';
import type { Cursor, GameState } from './types';

type Program = GameState['program'];

/** A cursor moved to `index` (and `iteration`); cursors are replaced, never edited. */
function moved(c: Cursor, index: number, iteration = c.iteration): Cursor {
  return { path: c.path, branch: c.branch, index, iteration, depth: c.depth };
}

/** The op list cursor `k` walks. */
export function listAt(level: Level, cursors: Cursor[], k: number): Op[] {
  let list = level.program;
  for (let j = 1; j <= k; j++) {
    const cursor = cursors[j]!;
    const op = list[cursor.path[cursor.path.length - 1]!];
    if (op?.op === 'repeat') list = op.body;
    else if (op?.op === 'try') list = cursor.branch === 'handler' ? op.handler : op.body;
    else return [];
  }
  return list;
}

/** The op that owns cursor `k`'s list (a repeat or try), or null for the top level. */
export function ownerOf(level: Level, cursors: Cursor[], k: number): Op | null {
  if (k === 0) return null;
  const cursor = cursors[k]!;
  return listAt(level, cursors, k - 1)[cursor.path[cursor.path.length - 1]!] ?? null;
}

/** The op under the top cursor, if any. */
export function currentOp(level: Level, program: Program): Op | undefined {
  const k = program.cursors.length - 1;
  if (k < 0) return undefined;
  return listAt(level, program.cursors, k)[program.cursors[k]!.index];
}

/** Where the op under the top cursor sits in the level file, e.g. `program[4].body[1]`. */
export function opPath(program: Program): string {
  const { cursors } = program;
  let out = 'program';
  for (let k = 0; k < cursors.length; k++) {
    out += `[${cursors[k]!.index}]`;
    const inner = cursors[k + 1];
    if (inner) out += `.${inner.branch === 'handler' ? 'handler' : 'body'}`;
  }
  return out;
}

/** Closes finished lists: next repeat iteration, or back to the parent's next op; marks the end. */
export function settle(level: Level, program: Program): void {
  const { cursors } = program;
  while (cursors.length > 0) {
    const k = cursors.length - 1;
    const top = cursors[k]!;
    if (top.index < listAt(level, cursors, k).length) return;
    const owner = ownerOf(level, cursors, k);
    if (owner?.op === 'repeat' && top.iteration + 1 < owner.times) {
      cursors[k] = moved(top, 0, top.iteration + 1);
      return;
    }
    cursors.pop();
    const parent = cursors[cursors.length - 1];
    if (parent) cursors[cursors.length - 1] = moved(parent, parent.index + 1);
  }
  program.done = true;
}

/** Moves past the op under the top cursor (it has completed). */
export function advance(level: Level, program: Program): void {
  const k = program.cursors.length - 1;
  if (k < 0) return;
  const top = program.cursors[k]!;
  program.cursors[k] = moved(top, top.index + 1);
  settle(level, program);
}

/** Opens repeats and trys until the top cursor points at a plain op; returns it (undefined at the end). */
export function enterNextOp(level: Level, program: Program, depth: number): Op | undefined {
  settle(level, program);
  for (;;) {
    const k = program.cursors.length - 1;
    if (k < 0) return undefined;
    const top = program.cursors[k]!;
    const op = listAt(level, program.cursors, k)[top.index];
    if (!op) return undefined;
    if (op.op === 'repeat' || op.op === 'try') {
      if (op.op === 'repeat' && op.times === 0) {
        advance(level, program);
        continue;
      }
      program.cursors.push({ path: [...top.path, top.index], branch: 'body', index: 0, iteration: 0, depth });
      settle(level, program);
      continue;
    }
    return op;
  }
}

/** Finds the innermost open `try` body catching `error`: its cursor index, or -1. */
export function catchingTry(level: Level, cursors: Cursor[], error: string): number {
  for (let k = cursors.length - 1; k > 0; k--) {
    if (cursors[k]!.branch !== 'body') continue;
    const owner = ownerOf(level, cursors, k);
    if (owner?.op === 'try' && owner.error === error) return k;
  }
  return -1;
}

// ---------------------------------------------------------------- progress

const weights = new WeakMap<Op[], number[]>();

/** Prefix sums of op weights (how many plain ops each one runs) over a list. */
function prefix(list: Op[]): number[] {
  let sums = weights.get(list);
  if (!sums) {
    sums = [0];
    for (const op of list) sums.push(sums[sums.length - 1]! + weightOf(op));
    weights.set(list, sums);
  }
  return sums;
}

function weightOf(op: Op): number {
  if (op.op === 'repeat') return op.times * prefix(op.body)[op.body.length]!;
  if (op.op === 'try') return prefix(op.body)[op.body.length]! + prefix(op.handler)[op.handler.length]!;
  return 1;
}

/** How far through the program the run is, 0..1. */
export function progressOf(level: Level, program: Program): number {
  if (program.done) return 1;
  const total = prefix(level.program)[level.program.length]!;
  if (total === 0) return 1;
  let doneWeight = 0;
  for (let k = 0; k < program.cursors.length; k++) {
    const cursor = program.cursors[k]!;
    const list = listAt(level, program.cursors, k);
    const sums = prefix(list);
    doneWeight += sums[Math.min(cursor.index, list.length)]!;
    const owner = ownerOf(level, program.cursors, k);
    if (owner?.op === 'repeat') doneWeight += cursor.iteration * sums[list.length]!;
    if (owner?.op === 'try' && cursor.branch === 'handler')
      doneWeight += prefix(owner.body)[owner.body.length]!;
  }
  return Math.min(1, doneWeight / total);
}
