/**
 * The simulator's state hash, remembered per state object: states are immutable, and the
 * same state is often hashed more than once (an ack, then a refusal, then a snapshot).
 */
import { hash } from '../../shared/sim';
import type { GameState } from '../../shared/sim/types';

const hashes = new WeakMap<GameState, string>();

export function stateHash(state: GameState): string {
  let value = hashes.get(state);
  if (value === undefined) {
    value = hash(state);
    hashes.set(state, value);
  }
  return value;
}
