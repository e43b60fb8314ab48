/**
 * The simulator's state hash, remembered per state object: states are immutable, and the
 * same state is often hashed more than once (an ack, then a refusal at the same tick, a
 * snapshot). The hash itself remembers the parts states share (the objects).
 */
import { hash } from '../../shared/sim';
import type { GameState } from '../../shared/sim/types';

const digests = new WeakMap<GameState, string>();

export function stateHash(state: GameState): string {
  let digest = digests.get(state);
  if (digest === undefined) {
    digest = hash(state);
    digests.set(state, digest);
  }
  return digest;
}
