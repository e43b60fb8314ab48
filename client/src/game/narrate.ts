import type { GameState, SimEvent } from '../../../shared/sim/types';

/** Plain sentences for an ARIA live region: each request and each result. */
export function narrate(_events: SimEvent[], _state: GameState): string[] {
  return [];
}
