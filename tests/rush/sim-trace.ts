/**
 * A perfect run of a level on the real simulator, with what the tests compare: the stack's
 * variables and their sizes each time the program moves to another line, the frames pushed
 * and popped, the errors raised, and every action with its tick.
 */
import type { Level } from '../../shared/level/schema';
import { apply, bestAction, createGame, type GameState, type SimEvent, step } from '../../shared/sim';

/** Each frame of the stack, bottom first: its function and `sys.getsizeof` of each variable. */
export type StackSizes = { fn: string; sizes: Record<string, number> }[];

export interface SimTrace {
  state: GameState;
  /** The line of each `line` event, in order. */
  lines: number[];
  /** The stack just before each `line` event's op ran (so: after the previous ops). */
  before: StackSizes[];
  /** The stack at the end. */
  end: StackSizes;
  /** 'push fn' and 'pop fn' as frames came and went (unwinding included). */
  frames: string[];
  raised: { error: string; unwound: number }[];
  actions: { tick: number; type: string }[];
  says: { tick: number; text: string }[];
  /** Garbage as it appeared: the kinds of the objects, and whether they form an unreachable cycle. */
  garbage: { kinds: string[]; cycle: boolean }[];
  events: SimEvent[];
}

function stackSizes(state: GameState): StackSizes {
  return state.stack.map((frame) => ({
    fn: frame.fn,
    sizes: Object.fromEntries(
      Object.entries(frame.locals).map(([name, id]) => [name, state.objects[id]!.size]),
    ),
  }));
}

export function tracePerfectRun(level: Level, seed: number, maxTicks = 40_000): SimTrace {
  let state = createGame(level, seed);
  const trace: SimTrace = {
    state,
    lines: [],
    before: [],
    end: [],
    frames: [],
    raised: [],
    actions: [],
    says: [],
    garbage: [],
    events: [],
  };
  const record = (events: readonly SimEvent[], at: number, now: GameState) => {
    for (const e of events) {
      trace.events.push(e);
      if (e.type === 'frame-pushed') trace.frames.push(`push ${e.fn}`);
      else if (e.type === 'frame-popped') trace.frames.push(`pop ${e.fn}`);
      else if (e.type === 'raised') trace.raised.push({ error: e.error, unwound: e.unwound });
      else if (e.type === 'say') trace.says.push({ tick: at, text: e.text });
      else if (e.type === 'garbage') {
        trace.garbage.push({ kinds: e.objectIds.map((id) => now.objects[id]?.kind ?? '?'), cycle: e.cycle });
      }
    }
  };
  while (state.status === 'running' && state.tick < maxTicks) {
    for (let i = 0; i < 64 && state.status === 'running'; i++) {
      const action = bestAction(state);
      if (!action) break;
      const result = apply(state, action);
      if (!result.ok) throw new Error(`perfect play refused at tick ${state.tick}: ${result.reason}`);
      trace.actions.push({ tick: state.tick, type: action.type });
      record(result.events, state.tick, result.state);
      state = result.state;
    }
    if (state.status !== 'running') break;
    const before = state;
    const result = step(state);
    for (const e of result.events) {
      if (e.type === 'line') {
        trace.lines.push(e.line);
        trace.before.push(stackSizes(before));
      }
    }
    record(result.events, result.state.tick, result.state);
    state = result.state;
  }
  trace.state = state;
  trace.end = stackSizes(state);
  return trace;
}
