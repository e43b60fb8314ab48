/**
 * One tick of the clock: garbage left on the heap leaks, a request waiting past its grace
 * stalls, the next op runs when it is due, and the level times out at its limit.
 */
import { copyState, Draft } from './draft';
import { emitNewGarbage } from './garbage-watch';
import { runNextOp } from './program';
import { analyse } from './references';
import type { GameState, StepResult } from './types';

/** The game clock's default rate: 10 ticks make one second (a level's pace, grace and time limit are in ticks). */
export const TICKS_PER_SECOND = 10;

export function step(state: GameState): StepResult {
  if (state.status !== 'running') return { state, events: [] };
  const { level } = state;
  const tick = state.tick + 1;
  const leak = analyse(state).garbageBytes;
  const request = state.request;
  const waited = request ? tick - request.since : 0;
  const stalls = request !== null && waited > level.grace;
  const due = request === null && !state.program.done && tick >= state.program.nextOpAt;
  const timesOut = tick >= level.timeLimit;
  if (leak === 0 && !stalls && !due && !timesOut) {
    // The common tick: nothing happens but the clock.
    return { state: copyState(state, tick), events: [] };
  }
  const d = new Draft(state);
  d.set('tick', tick);
  if (leak > 0) d.tally().leakByteTicks += leak;
  if (stalls) {
    d.tally().stallTicks++;
    d.emit({ type: 'stall', waited });
  }
  if (due) {
    runNextOp(d);
    emitNewGarbage(d, state);
  }
  if (timesOut && d.state.status === 'running') {
    d.set('status', 'timeout');
    d.emit({ type: 'timeout', tick });
  }
  return { state: d.finish(), events: d.events };
}
