/** How far through its program a run is (0..1), for progress bars on the projector. */
import { progressOf } from './cursors';
import type { GameState } from './types';

export function progress(state: GameState): number {
  return progressOf(state.level, state.program);
}
