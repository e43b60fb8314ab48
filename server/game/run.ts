/**
 * The one rule for running a recorded game, shared by live play, restart recovery and
 * solo verification: at each tick t, apply every action stamped t in order, then step.
 * Using the same function everywhere is what makes a rebuilt game identical to the live one.
 */
import type { Level } from '../../shared/level/schema';
import { advance, apply, createGame } from '../../shared/sim';
import type { GameState, TimedAction } from '../../shared/sim/types';

/**
 * Replays `actions` (sorted by tick) from a fresh game and advances to `until`. Actions
 * stamped after the game ended or after `until` are ignored, as the live server would have.
 */
export function runRecorded(
  level: Level,
  seed: number,
  actions: readonly TimedAction[],
  until: number,
): GameState {
  let state = createGame(level, seed);
  for (const { tick, action } of actions) {
    if (tick > until) break;
    state = advance(state, tick);
    if (state.status !== 'running' || state.tick !== tick) continue;
    state = apply(state, action).state;
  }
  return advance(state, until);
}

/** Ticks must never go backwards in a recorded run. */
export function isSortedByTick(actions: readonly TimedAction[]): boolean {
  for (let i = 1; i < actions.length; i++)
    if ((actions[i]?.tick ?? 0) < (actions[i - 1]?.tick ?? 0)) return false;
  return true;
}
