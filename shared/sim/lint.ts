/**
 * A dry run of a level that reports what its program does that Python would not: names that
 * name nothing, references to objects that are gone, stores into and removals from things
 * that are not containers, `del` of unbound names (see level-warnings.ts). Such a level
 * runs, and reads the missing value as None, so the defect would pass silently.
 *
 * The perfect player plays the run, so the ops of the path it takes are checked: a handler
 * that perfect play never reaches is not.
 */
import type { Level } from '../level/schema';
import { apply } from './apply';
import { bestAction } from './autoplayer';
import { createGame } from './create-game';
import { step } from './step';
import type { SimEvent } from './types';

export interface LevelWarning {
  /** Where in the level file, e.g. `program[3].target` or `program[2].objects[0].value.list[1]`. */
  at: string;
  line: number;
  message: string;
}

/** Most actions in one tick, as in playLevel. */
const ACTIONS_PER_TICK = 16;

/** The level warnings of a perfect run of `level`, each (place and message) once, in the order they came. */
export function lintLevel(level: Level, seed = 1): LevelWarning[] {
  const found = new Map<string, LevelWarning>();
  const note = (events: readonly SimEvent[]) => {
    for (const e of events) {
      if (e.type !== 'level-warning') continue;
      const key = `${e.at}\n${e.message}`;
      if (!found.has(key)) found.set(key, { at: e.at, line: e.line, message: e.message });
    }
  };
  let state = createGame(level, seed);
  while (state.status === 'running') {
    for (let i = 0; i < ACTIONS_PER_TICK && state.status === 'running'; i++) {
      const action = bestAction(state);
      if (!action) break;
      const result = apply(state, action);
      note(result.events);
      state = result.state;
    }
    if (state.status !== 'running') break;
    const result = step(state);
    note(result.events);
    state = result.state;
  }
  return [...found.values()];
}
