/**
 * Players made of code. `bestAction` is perfect play: free all garbage the moment it
 * appears (cycles together), then service the request (push, pop, place, raise at an
 * overflow or when memory runs out, the right answer). It places best fit, looking ahead on
 * a tight heap (see placement.ts). `createAutoplayer` plays like a person with a given error
 * rate, using its own seeded randomness.
 */
import { currentOp } from './cursors';
import { heapLayout, spanOf } from './heap';
import { bestFit, perfectPlacement } from './placement';
import { analyse } from './references';
import { createRandom } from './rng';
import type { Action, GameState } from './types';

export type Player = (state: GameState) => Action | null;

/** The next action of a player that plays perfectly, placing best fit (`lookahead`: on a tight heap, the best of a few candidates). */
function perfectAction(state: GameState, lookahead: boolean): Action | null {
  if (state.status !== 'running') return null;
  const junk = analyse(state).garbage;
  if (junk.length > 0) return { type: 'free', objectIds: junk.slice() };
  const request = state.request;
  if (!request) return null;
  switch (request.kind) {
    case 'push':
      return request.overflow ? { type: 'raise', error: 'RecursionError' } : { type: 'push', fn: request.fn };
    case 'pop':
      return { type: 'pop' };
    case 'place': {
      if (request.outOfMemory) return { type: 'raise', error: 'MemoryError' };
      if (lookahead) return perfectPlacement(state, request, bestFitAction);
      for (const id of request.objectIds) {
        const address = bestFit(state, id);
        if (address !== null) return { type: 'place', objectId: id, address };
      }
      return null;
    }
    case 'answer': {
      const op = currentOp(state.level, state.program);
      return { type: 'answer', option: op?.op === 'ask' ? op.correct : 0 };
    }
  }
}

/** Perfect play, but placing plain best fit without looking ahead (the lookahead's own player). */
export function bestFitAction(state: GameState): Action | null {
  return perfectAction(state, false);
}

/** The perfect next action now, or null to wait. */
export function bestAction(state: GameState): Action | null {
  return perfectAction(state, true);
}

export interface AutoplayerOptions {
  /** Chance, per decision, of doing something a hurried student would do instead of the best action. */
  errorRate: number;
  seed: number;
  /** The moves it makes when it does not slip: `bestAction` (the default), or e.g. `bestFitAction`, which never looks ahead. */
  hands?: Player;
}

/** A plausible slip for the situation; never a crash (students do crash, but bots in a demo should not). */
function slip(state: GameState, best: Action, roll: (n: number) => number): Action | null {
  const request = state.request;
  switch (best.type) {
    case 'free':
      return null; // forgets the garbage for a while: it leaks
    case 'push': {
      const others = Object.keys(state.level.functions).filter((fn) => fn !== best.fn);
      if (others.length > 0 && roll(2) === 0) return { type: 'push', fn: others[roll(others.length)]! };
      return state.stack.length > 1 && roll(2) === 0
        ? { type: 'pop' }
        : { type: 'raise', error: 'RecursionError' };
    }
    case 'pop':
      return { type: 'push', fn: state.stack[state.stack.length - 1]!.fn };
    case 'place': {
      const layout = heapLayout(state.objects);
      if (layout.ids.length > 0 && roll(2) === 0) {
        // Drops it onto a cell that is already taken.
        const victim = roll(layout.ids.length);
        return { ...best, address: layout.starts[victim]! };
      }
      const size = state.objects[best.objectId]?.size ?? 8;
      const heapBytes = state.level.machine.heapBytes;
      const cells = (heapBytes - spanOf(size)) / 8 + 1;
      return { ...best, address: roll(Math.max(1, cells)) * 8 };
    }
    case 'raise':
      return null; // hesitates at the edge of the stack or the heap
    case 'answer': {
      const options = request?.kind === 'answer' ? request.options.length : 2;
      return { type: 'answer', option: (best.option + 1 + roll(options - 1)) % options };
    }
  }
}

export function createAutoplayer(options: AutoplayerOptions): Player {
  const random = createRandom(options.seed);
  const roll = (n: number) => random.int(n);
  const hands = options.hands ?? bestAction;
  return (state) => {
    const best = hands(state);
    if (!best || random.next() >= options.errorRate) return best;
    return slip(state, best, roll);
  };
}
