/**
 * Reference players for calibrating a level: the simulator's perfect autoplayer, a sloppy
 * bot (fast, but one decision in five goes wrong) and people, who need time to read the
 * board before each move. A level's stars are set so that perfect play earns three, a
 * sloppy bot does not, and a person playing decently earns one or two. The level pack's
 * check (`npm run levels:check`) and the rush generator both calibrate with these, so that
 * stars mean the same everywhere.
 *
 * The sloppy bot and the people place best fit when they do not slip: a careful person
 * picks the snuggest hole, but does not play the rest of the level in their head first
 * (and the reference runs stay as cheap as plain runs).
 */
import { bestAction, bestFitAction, createAutoplayer, type Player } from './autoplayer';
import { freeRuns, spanOf } from './heap';
import { analyse } from './references';

export interface HumanlikeOptions {
  /** Ticks a person needs to react to something new, and between two moves (10 ticks = 1 s). */
  reactionTicks: number;
  /** Chance that a move is a slip (see createAutoplayer). */
  errorRate: number;
  seed: number;
}

/** Plays like the autoplayer with an error rate, but never sooner than `reactionTicks` after a request appears or after its last move. */
export function createHumanlikePlayer({ reactionTicks, errorRate, seed }: HumanlikeOptions): Player {
  const hands = createAutoplayer({ errorRate, seed, hands: bestFitAction });
  let nextMoveAt = 0;
  return (state) => {
    if (state.tick < nextMoveAt) return null;
    if (state.request && state.tick - state.request.since < reactionTicks) return null;
    const action = hands(state);
    if (action) nextMoveAt = state.tick + reactionTicks;
    return action;
  };
}

export const PERFECT: Player = bestAction;

/**
 * Plays like the perfect player but places every object where the largest free run left is
 * smallest (in the middle of a run), to fragment the heap on purpose and run into a
 * MemoryError. It makes no mistake; a level on which it outscores perfect play rewards that
 * (the MemoryError ends the program early with more time left, or leads to a handler worth
 * more than the rest of the program).
 */
export const FRAGMENTER: Player = (state) => {
  const request = state.request;
  if (request?.kind !== 'place' || request.outOfMemory || analyse(state).garbage.length > 0)
    return bestAction(state);
  const runs = freeRuns(state);
  let best: { objectId: string; address: number; largest: number } | null = null;
  for (const objectId of request.objectIds) {
    const span = spanOf(state.objects[objectId]!.size);
    runs.forEach((run, i) => {
      if (run.bytes < span) return;
      const address = run.address + Math.floor((run.bytes - span) / 16) * 8;
      let largest = Math.max(address - run.address, run.address + run.bytes - address - span);
      runs.forEach((other, j) => {
        if (j !== i) largest = Math.max(largest, other.bytes);
      });
      if (!best || largest < best.largest) best = { objectId, address, largest };
    });
  }
  if (!best) return bestAction(state);
  const { objectId, address } = best;
  return { type: 'place', objectId, address };
};

/** The reference players, each made fresh for a seed. */
export const REFERENCE_PLAYERS = {
  /** Fast, but one decision in five goes wrong: must stay below three stars. */
  sloppy: (seed: number): Player => createAutoplayer({ errorRate: 0.2, seed, hands: bestFitAction }),
  /** Reads the board for 1.5 s per move and rarely slips: the two-star line. */
  good: (seed: number): Player => createHumanlikePlayer({ reactionTicks: 15, errorRate: 0.05, seed }),
  /** 3 s per move, a slip now and then: the one-star line. */
  decent: (seed: number): Player => createHumanlikePlayer({ reactionTicks: 30, errorRate: 0.15, seed }),
} as const;

/**
 * Seeds the reference players are averaged over: sixteen, so that a few lucky runs of the
 * sloppy bot on a short level do not decide whether it reaches three stars in most runs.
 */
export const CALIBRATION_SEEDS: readonly number[] = Array.from({ length: 16 }, (_, i) => i + 1);
