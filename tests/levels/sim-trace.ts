/**
 * What the simulator does with a level under perfect play, in the terms the Python run is
 * compared in: frames pushed and popped (depth counted with <module> = 1, as Python's
 * stack), errors raised, and which op each request came from (a `new` with the sizes of
 * the objects it made, a `return`, an `ask`).
 */
import type { Level, NewObject, Op } from '../../shared/level/schema';
import { apply, bestAction, createGame, type GameState, type SimEvent, step } from '../../shared/sim';
import { catchingTry, currentOp } from '../../shared/sim/cursors';

export type NewOp = Extract<Op, { op: 'new' }>;
export type ReturnOp = Extract<Op, { op: 'return' }>;
export type AskOp = Extract<Op, { op: 'ask' }>;

export interface MadeObject {
  /** The simulator's id: the level's id, `id#n` when made again, `id.i` for an object inside it. */
  id: string;
  size: number;
  /** The level object it belongs to and the slot path inside it (empty for the object itself). */
  levelObject: NewObject;
  path: number[];
}

export interface SimTrace {
  /** `call f @2`, `return f @2`, `raise RecursionError @8` (the stack depth when raised). */
  frames: string[];
  /** Each `new` that raised a place request, in order, with the objects it made. */
  news: { line: number; op: NewOp; objects: MadeObject[]; memoryError: boolean }[];
  /** The `return` op of each pop request, in order. */
  returns: ReturnOp[];
  asks: { line: number; op: AskOp }[];
  /** Containers changed by a `set` or `drop`, with their size right after (grown or shrunk). */
  stores: { line: number; objectId: string; size: number }[];
  /** What `say` ops narrate, with their lines. */
  says: { line: number; text: string }[];
  /** The error that ended the program, uncaught, if any. */
  uncaught: string | null;
  state: GameState;
}

const SIM_ID = /^([A-Za-z_][A-Za-z0-9_]*)(?:#\d+)?((?:\.\d+)*)$/;

function madeObject(op: NewOp, id: string, state: GameState): MadeObject {
  const m = SIM_ID.exec(id);
  const levelObject = m ? op.objects.find((o) => o.id === m[1]) : undefined;
  if (!m || !levelObject)
    throw new Error(`object ${id} made at line ${op.line} belongs to none of ${op.objects.map((o) => o.id)}`);
  const path = m[2] ? m[2].slice(1).split('.').map(Number) : [];
  return { id, size: state.objects[id]!.size, levelObject, path };
}

export function traceLevel(level: Level, seed = 1): SimTrace {
  const trace: SimTrace = {
    frames: [],
    news: [],
    returns: [],
    asks: [],
    says: [],
    stores: [],
    uncaught: null,
    state: createGame(level, seed),
  };
  let lastRequest = '';
  const record = (before: GameState, after: GameState, events: SimEvent[]) => {
    const changed = new Set<string>();
    for (const event of events) {
      if (event.type === 'reference-set' || event.type === 'reference-dropped') changed.add(event.from);
    }
    for (const id of changed) {
      const obj = after.objects[id];
      if (obj) trace.stores.push({ line: after.program.line, objectId: id, size: obj.size });
    }
    for (const event of events) {
      if (event.type === 'say') trace.says.push({ line: after.program.line, text: event.text });
      else if (event.type === 'frame-pushed') trace.frames.push(`call ${event.fn} @${event.depth + 1}`);
      else if (event.type === 'frame-popped') trace.frames.push(`return ${event.fn} @${event.depth + 1}`);
      else if (event.type === 'raised') {
        trace.frames.push(`raise ${event.error} @${before.stack.length}`);
        if (catchingTry(level, before.program.cursors, event.error) < 0) trace.uncaught = event.error;
        if (event.error === 'MemoryError') trace.news[trace.news.length - 1]!.memoryError = true;
      } else if (event.type === 'request') {
        const r = event.request;
        const key = `${r.kind}:${r.line}:${r.since}`;
        if (key === lastRequest) continue;
        lastRequest = key;
        const op = currentOp(level, after.program);
        if (r.kind === 'place' && op?.op === 'new' && r.resize === null) {
          const objects = r.objectIds.map((id) => madeObject(op, id, after));
          trace.news.push({ line: op.line, op, objects, memoryError: false });
        } else if (r.kind === 'pop' && op?.op === 'return') trace.returns.push(op);
        else if (r.kind === 'answer' && op?.op === 'ask') trace.asks.push({ line: op.line, op });
      }
    }
  };
  let state = trace.state;
  while (state.status === 'running') {
    for (let i = 0; i < 16 && state.status === 'running'; i++) {
      const action = bestAction(state);
      if (!action) break;
      const result = apply(state, action);
      record(state, result.state, result.events);
      state = result.state;
    }
    if (state.status !== 'running') break;
    const result = step(state);
    record(state, result.state, result.events);
    state = result.state;
  }
  trace.state = state;
  return trace;
}
