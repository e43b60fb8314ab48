/**
 * Recording and re-verifying runs. A run is the list of actions stamped with the tick
 * they were applied at; at each tick t, every action stamped t is applied in order, then
 * the clock steps. The server, the client and this file all follow that one rule.
 */
import type { Level } from '../level/schema';
import { apply } from './apply';
import type { Player } from './autoplayer';
import { createGame } from './create-game';
import { step } from './step';
import type { GameState, TimedAction } from './types';

export interface PlayOptions {
  /** Most actions a player may take in one tick (a guard against a player that repeats a refused action). */
  maxActionsPerTick?: number;
}

export function playLevel(
  level: Level,
  seed: number,
  player: Player,
  opts: PlayOptions = {},
): { state: GameState; actions: TimedAction[] } {
  const maxActions = opts.maxActionsPerTick ?? 16;
  const actions: TimedAction[] = [];
  let state = createGame(level, seed);
  while (state.status === 'running') {
    for (let i = 0; i < maxActions && state.status === 'running'; i++) {
      const action = player(state);
      if (!action) break;
      actions.push({ tick: state.tick, action });
      state = apply(state, action).state;
    }
    if (state.status !== 'running') break;
    state = step(state).state;
  }
  return { state, actions };
}

/**
 * Rebuilds a run from its actions (which must be in tick order). Without `untilTick` it
 * runs to the end; with it, it stops at that tick after applying the actions stamped then.
 */
export function replay(level: Level, seed: number, actions: TimedAction[], untilTick?: number): GameState {
  let state = createGame(level, seed);
  let next = 0;
  for (;;) {
    while (next < actions.length && actions[next]!.tick <= state.tick) {
      const timed = actions[next++]!;
      if (timed.tick === state.tick) state = apply(state, timed.action).state;
    }
    if (state.status !== 'running' || (untilTick !== undefined && state.tick >= untilTick)) return state;
    state = step(state).state;
  }
}
