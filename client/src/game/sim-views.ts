/**
 * The simulator's derived views the board shows. The board never works these out itself:
 * counts, garbage, cycles, "why alive" paths and the score all come from `shared/sim`.
 */
import { garbage, pathFromRoot, refcounts, score } from '../../../shared/sim';
import type { GameState, ScoreBreakdown } from '../../../shared/sim/types';

export interface Views {
  refcounts: Record<string, number>;
  garbage: Set<string>;
  /** Each unreachable cycle, and for each member the cycle it belongs to. */
  cycles: string[][];
  cycleOf: Map<string, string[]>;
  score: ScoreBreakdown;
}

export function viewsOf(state: GameState, scoreOf: (state: GameState) => ScoreBreakdown = score): Views {
  const g = garbage(state);
  const cycleOf = new Map<string, string[]>();
  for (const c of g.cycles) for (const id of c) cycleOf.set(id, c);
  return {
    refcounts: refcounts(state),
    garbage: new Set(g.ids),
    cycles: g.cycles,
    cycleOf,
    score: scoreOf(state),
  };
}

export function whyAlive(state: GameState, objectId: string): string[] | null {
  return pathFromRoot(state, objectId);
}
