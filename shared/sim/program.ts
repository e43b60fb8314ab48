/**
 * Running the program: the next op when it is due, by itself (bind, set, drop, unbind, say)
 * or as a request to the player (call, return, new, ask), and raising errors towards a `try`.
 */
import type { NewObject, Op } from '../level/schema';
import { dropFrom, storeInto } from './containers';
import { catchingTry, enterNextOp, settle } from './cursors';
import type { Draft } from './draft';
import { warnLevel } from './level-warnings';
import { own, setOwn } from './own';
import { completeOp, finishIfDone, raisePlace, raiseRequest } from './requests';
import { stackBytes } from './stack';
import type { ErrorName, Request } from './types';
import { type MakeContext, makeValue } from './values';

type PlaceRequest = Extract<Request, { kind: 'place' }>;

export function bindName(d: Draft, frameIndex: number, name: string, objectId: string): void {
  const frame = d.frame(frameIndex);
  const old = own(frame.locals, name);
  if (old === objectId) return;
  if (old !== undefined) d.emit({ type: 'unbound', name, depth: frameIndex });
  d.bindLocal(frameIndex, name, objectId);
  d.emit({ type: 'bound', name, objectId, depth: frameIndex });
}

/** Whether calling `fn` now overflows: the recursion limit, or a frame that would not fit in the stack's bytes. */
export function callOverflows(d: Draft, fn: string): boolean {
  const { machine, functions } = d.state.level;
  const frameBytes = own(functions, fn)?.frameBytes ?? machine.moduleFrameBytes;
  return d.depth >= machine.recursionLimit || stackBytes(d.state.stack) + frameBytes > machine.stackBytes;
}

/** Makes the objects of a `new` op; shelf values and references are bound at once, heap objects on placement. */
function runNew(d: Draft, objects: NewObject[], line: number): void {
  const top = d.depth - 1;
  const ctx: MakeContext = { frameIndex: top, pending: [] };
  const bind: PlaceRequest['bind'] = {};
  const holdNow: string[] = [];
  for (const spec of objects) {
    const before = ctx.pending.length;
    const id = makeValue(d, spec.value, spec.id, ctx);
    if (spec.label && ctx.pending.length > before) d.putObject({ ...d.object(id)!, label: spec.label });
    if (ctx.pending.length > before && ctx.pending.includes(id)) {
      d.setAlias(spec.id, id);
      setOwn(bind, id, spec.bind ?? null);
    } else if (spec.bind) {
      bindName(d, top, spec.bind, id);
    } else {
      holdNow.push(id);
    }
  }
  if (ctx.pending.length === 0) {
    completeOp(d, holdNow);
    return;
  }
  if (holdNow.length > 0) d.setTemps([...d.state.temps, ...holdNow]);
  raisePlace(d, ctx.pending, line, bind, null);
}

/** After a non-blocking op: objects it made, and a container that must move, are placed before the program goes on. */
function completeOrPlace(
  d: Draft,
  ctx: MakeContext,
  line: number,
  moved: ReturnType<typeof storeInto> = null,
): void {
  if (!moved) {
    if (ctx.pending.length === 0) completeOp(d);
    else raisePlace(d, ctx.pending, line, {}, null);
    return;
  }
  const resize = { ...moved, alone: ctx.pending.length === 0 };
  raisePlace(d, [...ctx.pending, moved.objectId], line, {}, resize);
}

function runOp(d: Draft, op: Op): void {
  const top = d.depth - 1;
  const since = d.state.tick;
  const ctx: MakeContext = { frameIndex: top, pending: [] };
  switch (op.op) {
    case 'call':
      raiseRequest(d, { kind: 'push', fn: op.fn, line: op.line, since, overflow: callOverflows(d, op.fn) });
      return;
    case 'return':
      if (d.depth <= 1) {
        warnLevel(d, 'return outside a function (Python: SyntaxError): nothing happens', '');
        completeOp(d);
      } else raiseRequest(d, { kind: 'pop', fn: d.frame(top).fn, line: op.line, since });
      return;
    case 'new':
      runNew(d, op.objects, op.line);
      return;
    case 'ask':
      raiseRequest(d, { kind: 'answer', question: op.question, options: op.options, line: op.line, since });
      return;
    case 'bind':
      bindName(d, top, op.name, makeValue(d, op.value, `line${op.line}`, ctx));
      completeOrPlace(d, ctx, op.line);
      return;
    case 'set': {
      const target = makeValue(d, op.target, `line${op.line}`, ctx);
      const value = makeValue(d, op.value, `line${op.line}`, ctx);
      const resize = storeInto(d, target, value, op.index, ctx);
      completeOrPlace(d, ctx, op.line, resize);
      return;
    }
    case 'drop':
      dropFrom(d, makeValue(d, op.target, `line${op.line}`, ctx), op.index, op.all ?? false);
      completeOrPlace(d, ctx, op.line);
      return;
    case 'unbind':
      if (d.unbindLocal(top, op.name)) d.emit({ type: 'unbound', name: op.name, depth: top });
      else
        warnLevel(
          d,
          `the name "${op.name}" is not bound here: nothing is deleted (del raises NameError)`,
          'name',
        );
      completeOp(d);
      return;
    case 'say':
      d.emit({ type: 'say', text: op.text });
      completeOp(d);
      return;
    case 'repeat':
    case 'try':
      // enterNextOp never stops on these.
      completeOp(d);
      return;
  }
}

/** Runs the next op (the caller checked it is due and nothing is pending). */
export function runNextOp(d: Draft): void {
  const program = d.program();
  const op = enterNextOp(d.state.level, program, d.depth);
  if (!op) {
    finishIfDone(d);
    return;
  }
  if (d.state.raising) d.set('raising', null);
  if (program.line !== op.line) {
    program.line = op.line;
    d.emit({ type: 'line', line: op.line });
  }
  runOp(d, op);
}

export function popFrame(d: Draft): void {
  const frame = d.popFrame();
  d.emit({ type: 'frame-popped', fn: frame.fn, depth: d.depth });
}

/**
 * Raises `error`: unwinds to the innermost `try` that catches it and runs its handler, or,
 * with none, ends the program with a traceback (complete: the player did the right thing).
 */
export function raiseError(d: Draft, error: ErrorName): void {
  const level = d.state.level;
  const program = d.program();
  const k = catchingTry(level, program.cursors, error);
  const depth = k < 0 ? 1 : program.cursors[k]!.depth;
  const unwound = Math.max(0, d.depth - depth);
  d.emit({ type: 'raised', error, unwound });
  while (d.depth > depth) popFrame(d);
  d.setRequest(null);
  d.setTemps([]);
  d.set('raising', error);
  if (k < 0) {
    program.cursors = [];
    program.done = true;
  } else {
    const at = program.cursors[k]!;
    program.cursors = program.cursors.slice(0, k);
    program.cursors.push({ ...at, branch: 'handler', index: 0, iteration: 0 });
    settle(level, program);
  }
  program.nextOpAt = d.state.tick + level.pace;
  finishIfDone(d);
}
