/**
 * Running the clock forward without input: the state `step` would reach after every tick
 * up to a target, without making a state per tick where nothing but the clock moves.
 *
 * Most ticks are quiet: no op is due, the level is not at its limit, and the only changes
 * are the tick and, per tick, the same leak (the garbage cannot change without an action)
 * and a stall when a request has waited past its grace. A run of such ticks is taken in one
 * transition that adds up what the ticks would have added one by one. A server advances
 * every student's game on each action and each progress report, often by several ticks.
 */
import { copyState, Draft } from './draft';
import { analyse } from './references';
import { step } from './step';
import type { GameState } from './types';

/** Steps a running game until its tick reaches `target`; an ended game stays as it is. */
export function advance(state: GameState, target: number): GameState {
  let current = state;
  while (current.status === 'running' && current.tick < target) {
    const quiet = lastQuietTick(current, target);
    current = quiet > current.tick + 1 ? skipQuietTicks(current, quiet) : step(current).state;
  }
  return current;
}

/**
 * The last tick up to `target` before which nothing but the clock, the leak and stalls can
 * change: the tick before the next op is due (when it can run: no request pending, the
 * program not done) and before the level's time limit. `state.tick` when there is none.
 */
function lastQuietTick(state: GameState, target: number): number {
  let last = Math.min(target, state.level.timeLimit - 1);
  if (state.request === null && !state.program.done) last = Math.min(last, state.program.nextOpAt - 1);
  return Math.max(last, state.tick);
}

/** The state after the quiet ticks from `state.tick + 1` to `last`, as `step` would leave it. */
function skipQuietTicks(state: GameState, last: number): GameState {
  const ticks = last - state.tick;
  const leak = analyse(state).garbageBytes;
  // A request stalls on every tick t with t - since > grace (see step).
  const request = state.request;
  const stallsFrom = request ? request.since + state.level.grace + 1 : Number.POSITIVE_INFINITY;
  const stalls = Math.max(0, last - Math.max(state.tick + 1, stallsFrom) + 1);
  if (leak === 0 && stalls === 0) return copyState(state, last);
  const d = new Draft(state);
  d.set('tick', last);
  const tally = d.tally();
  tally.leakByteTicks += leak * ticks;
  tally.stallTicks += stalls;
  return d.finish();
}
