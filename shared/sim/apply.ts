/**
 * The player's actions. Input is validated first (malformed: refused, state unchanged);
 * then the rules: impossible actions are rejected with a small penalty, legal but wrong
 * ones are mistakes tagged with a concept, and a few end the run as a crash.
 */
import type { Concept } from '../level/schema';
import { currentOp } from './cursors';
import { Draft } from './draft';
import { emitNewGarbage } from './garbage-watch';
import { heapLayout, overlapping, rememberLayoutWithout, rememberLayoutWithPlaced, spanOf } from './heap';
import { frameName } from './labels';
import { own } from './own';
import { parseAction } from './parse-action';
import { bindName, popFrame, raiseError } from './program';
import { analyse, pathFromRoot } from './references';
import { completeOp, raisePlace, refreshOutOfMemory, service } from './requests';
import { stackBytes } from './stack';
import type { Action, ApplyResult, GameState, Request } from './types';
import { type MakeContext, makeValue } from './values';

/** `malformed`: refused without penalty. `rejected`: impossible, costs a rejection. */
type Outcome = { refused: 'malformed' | 'rejected'; reason: string } | null;

const malformed = (reason: string): Outcome => ({ refused: 'malformed', reason });
const rejected = (reason: string): Outcome => ({ refused: 'rejected', reason });

type PlaceRequest = Extract<Request, { kind: 'place' }>;

function labelOf(d: Draft, id: string): string {
  return d.object(id)?.label ?? id;
}

function push(d: Draft, fn: string): Outcome {
  const { level, request } = d.state;
  const pending = request?.kind === 'push' ? request : null;
  const def = own(level.functions, fn);
  if (!def && pending?.fn !== fn) return malformed(`There is no function called ${fn}.`);
  if (!pending || pending.fn !== fn) {
    const why = pending
      ? `The program is calling ${pending.fn}(), not ${fn}().`
      : `Nothing is calling ${fn}() right now: frames go on the stack only when a call happens.`;
    d.mistake('call-stack', why);
    return null;
  }
  const frameBytes = def?.frameBytes ?? level.machine.moduleFrameBytes;
  if (stackBytes(d.state.stack) + frameBytes > level.machine.stackBytes) {
    d.crash(
      'stack-overflow',
      `Segmentation fault: stack overflow. ${fn}()'s frame did not fit in the stack.`,
    );
    return null;
  }
  if (d.depth >= level.machine.recursionLimit) {
    d.mistake(
      'recursion',
      `The stack already holds ${d.depth} frames, the recursion limit: raise RecursionError.`,
    );
    return null;
  }
  service(d);
  const op = currentOp(level, d.state.program);
  const ctx: MakeContext = { frameIndex: d.depth - 1, pending: [] };
  const args: [string, string][] = [];
  if (op?.op === 'call' && op.args) {
    const params = def?.params ?? [];
    const names = [
      ...params.filter((p) => Object.hasOwn(op.args!, p)),
      ...Object.keys(op.args).filter((p) => !params.includes(p)),
    ];
    for (const name of names) args.push([name, makeValue(d, op.args[name]!, `${fn}_${name}`, ctx)]);
  }
  d.pushFrame({ fn, locals: {}, size: frameBytes, returnLine: pending.line });
  d.emit({ type: 'frame-pushed', fn, depth: d.depth - 1 });
  for (const [name, id] of args) bindName(d, d.depth - 1, name, id);
  if (ctx.pending.length > 0) raisePlace(d, ctx.pending, pending.line, {}, null);
  else completeOp(d);
  return null;
}

function pop(d: Draft): Outcome {
  const { level, request } = d.state;
  if (d.depth <= 1) return rejected('<module> is the program itself: it cannot be popped.');
  if (request?.kind !== 'pop') {
    d.mistake(
      'call-stack',
      `${d.frame(d.depth - 1).fn}() has not returned yet: its frame must stay on the stack.`,
    );
    return null;
  }
  service(d);
  const op = currentOp(level, d.state.program);
  const ctx: MakeContext = { frameIndex: d.depth - 1, pending: [] };
  const value = op?.op === 'return' && op.value ? makeValue(d, op.value, `line${op.line}`, ctx) : null;
  popFrame(d);
  if (value !== null && op?.op === 'return' && op.bind) bindName(d, d.depth - 1, op.bind, value);
  if (ctx.pending.length > 0) raisePlace(d, ctx.pending, request.line, {}, null);
  else completeOp(d, value !== null && !(op?.op === 'return' && op.bind) ? [value] : []);
  return null;
}

function place(d: Draft, objectId: string, address: number): Outcome {
  const obj = d.object(objectId);
  if (!obj) return malformed(`There is no object ${objectId}.`);
  if (address % 8 !== 0) return malformed(`Address ${address} is not the start of a cell (a multiple of 8).`);
  const span = spanOf(obj.size);
  if (address + span > d.state.level.machine.heapBytes)
    return malformed(`${obj.label} would run past the end of the heap.`);
  const request = d.state.request;
  if (request?.kind !== 'place' || !request.objectIds.includes(objectId)) {
    return rejected(`${obj.label} is not waiting to be placed.`);
  }
  const before = d.state.objects;
  const other = overlapping(heapLayout(before), address, span);
  if (other) return rejected(`That would overlap ${labelOf(d, other)}: two objects never share a cell.`);
  const placed = { ...obj, address };
  d.putObject(placed);
  rememberLayoutWithPlaced(before, d.state.objects, placed);
  d.emit({ type: 'object-placed', objectId, address });
  const waiting = request.objectIds.filter((id) => id !== objectId);
  // Until its op completes the interpreter holds what the op made, and binds names only then
  // (Python evaluates the whole right-hand side first): the objects of one op, and what the
  // names held before, are alive together, whatever order they are placed in.
  if (waiting.length > 0 && (own(request.bind, objectId) !== undefined || !referenced(d, objectId)))
    d.setTemps([...d.state.temps, objectId]);
  // No longer held as "being made": whether anything else holds it is for the garbage check to see.
  d.dropRef(objectId);
  if (waiting.length > 0) {
    d.setRequest({ ...request, objectIds: waiting });
    refreshOutOfMemory(d);
    return null;
  }
  service(d);
  // In the op's order: of two objects bound to one name, the later keeps it.
  for (const id in request.bind) {
    const name = request.bind[id];
    if (name && d.object(id)) bindName(d, d.depth - 1, name, id);
  }
  completeOp(d, heldTemps(request));
  return null;
}

/**
 * Whether a name or an object refers to `id`. An object that nothing refers to yet (a value
 * being returned, one stored into something that is not a container) is held by the
 * interpreter until its op completes, as CPython holds it on its value stack: the objects of
 * one op are alive together, whatever order they are placed in.
 */
function referenced(d: Draft, id: string): boolean {
  for (let i = 0; i < d.depth; i++) {
    const locals = d.frame(i).locals;
    for (const name in locals) if (locals[name] === id) return true;
  }
  const objects = d.state.objects;
  for (const key in objects) if (objects[key]!.refs.includes(id)) return true;
  return false;
}

function heldTemps(request: PlaceRequest): string[] {
  return Object.keys(request.bind).filter((id) => request.bind[id] === null);
}

function free(d: Draft, objectIds: string[]): Outcome {
  const ids = [...new Set(objectIds)];
  for (const id of ids) if (!d.object(id)) return malformed(`There is no object ${id}.`);
  for (const id of ids) {
    const obj = d.object(id)!;
    if (obj.shelf) return rejected(`${obj.label} lives on the shelf: it is never freed.`);
    if (obj.address === null) return rejected(`${obj.label} is not on the heap.`);
  }
  // A placed heap object is reachable exactly when it is not garbage.
  const analysis = analyse(d.state);
  const junk = new Set(analysis.garbage);
  const live = ids.find((id) => !junk.has(id));
  if (live) {
    const path = pathFromRoot(d.state, live);
    const via = path ? ` (${frameName(path[0]!)} still reaches it through ${path[1]})` : '';
    d.crash('dangling-pointer', `Dangling pointer: ${labelOf(d, live)} was still in use${via}.`);
    return null;
  }
  const freeing = new Set(ids);
  for (const id of analysis.garbage) {
    if (freeing.has(id)) continue;
    const target = d.object(id)!.refs.find((ref) => freeing.has(ref));
    if (target)
      return rejected(`${labelOf(d, id)} still points at ${labelOf(d, target)}: free them together.`);
  }
  let bytes = 0;
  const before = d.state.objects;
  for (const id of ids) {
    bytes += d.object(id)!.size;
    d.removeObject(id);
  }
  rememberLayoutWithout(before, d.state.objects, freeing);
  d.emit({ type: 'objects-freed', objectIds: ids, bytes });
  refreshOutOfMemory(d);
  return null;
}

/** A MemoryError abandons the allocation: objects still waiting vanish, a moving container stays as it was. */
function abandonAllocation(d: Draft, request: PlaceRequest): void {
  if (request.resize) {
    const { objectId, address, size, refs } = request.resize;
    const obj = d.object(objectId);
    if (obj) d.putObject({ ...obj, address, size, refs });
  }
  const gone = new Set(request.objectIds.filter((id) => id !== request.resize?.objectId));
  d.droppedAll = true;
  for (const id of gone) d.removeObject(id);
  if (gone.size === 0) return;
  for (const id in d.state.objects) {
    const obj = d.state.objects[id]!;
    if (obj.refs.some((ref) => gone.has(ref)))
      d.putObject({ ...obj, refs: obj.refs.filter((ref) => !gone.has(ref)) });
  }
  // A name bound to a value that was never made is not bound after all (as `x = bytes(10**12)` leaves x unbound).
  for (let i = 0; i < d.depth; i++) {
    const locals = d.frame(i).locals;
    for (const name in locals) if (gone.has(locals[name]!)) d.unbindLocal(i, name);
  }
  if (d.state.temps.some((id) => gone.has(id))) d.setTemps(d.state.temps.filter((id) => !gone.has(id)));
}

function raise(d: Draft, error: 'RecursionError' | 'MemoryError'): Outcome {
  const request = d.state.request;
  if (error === 'RecursionError') {
    if (request?.kind !== 'push' || !request.overflow) {
      d.mistake('recursion', 'Nothing overflows: the next call still fits on the stack.');
      return null;
    }
  } else if (request?.kind !== 'place' || !request.outOfMemory) {
    d.mistake('heap', 'There is still room on the heap (or garbage to free): no MemoryError yet.');
    return null;
  }
  service(d);
  if (request.kind === 'place') abandonAllocation(d, request);
  raiseError(d, error);
  return null;
}

function answer(d: Draft, option: number): Outcome {
  const request = d.state.request;
  if (request?.kind !== 'answer') return rejected('There is no question to answer.');
  if (option >= request.options.length) return malformed(`There is no option ${option}.`);
  const op = currentOp(d.state.level, d.state.program);
  const correct = op?.op === 'ask' && op.correct === option;
  const concept: Concept = op?.op === 'ask' ? op.concept : 'memory-units';
  if (correct) service(d);
  else {
    d.mistake(concept, `Not quite: ${request.options[option]}.`);
    d.setRequest(null);
  }
  d.emit({ type: 'answered', correct, explain: op?.op === 'ask' ? op.explain : '' });
  completeOp(d);
  return null;
}

function dispatch(d: Draft, action: Action): Outcome {
  switch (action.type) {
    case 'push':
      return push(d, action.fn);
    case 'pop':
      return pop(d);
    case 'place':
      return place(d, action.objectId, action.address);
    case 'free':
      return free(d, action.objectIds);
    case 'raise':
      return raise(d, action.error);
    case 'answer':
      return answer(d, action.option);
  }
}

export function apply(state: GameState, input: unknown): ApplyResult {
  const parsed = parseAction(input);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, state, events: [] };
  if (state.status !== 'running')
    return { ok: false, reason: `The run is over (${state.status}).`, state, events: [] };
  const d = new Draft(state);
  const outcome = dispatch(d, parsed.action);
  if (outcome?.refused === 'malformed') return { ok: false, reason: outcome.reason, state, events: [] };
  if (outcome) {
    const rejectedDraft = new Draft(state);
    rejectedDraft.tally().rejections++;
    return { ok: false, reason: outcome.reason, state: rejectedDraft.finish(), events: [] };
  }
  emitNewGarbage(d, state);
  return { ok: true, state: d.finish(), events: d.events };
}
