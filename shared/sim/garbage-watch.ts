/** Announces garbage the moment it appears, cycles separately, so the board can light it up. */
import type { Draft } from './draft';
import { analyse, carryAnalysis, garbageCycles } from './references';
import type { GameState } from './types';

/** Call once a transition has made all its edits. */
export function emitNewGarbage(d: Draft, before: GameState): void {
  const after = d.state;
  carryAnalysis(before, after, d.droppedAll ? null : d.droppedIds);
  if (after.objects === before.objects && after.stack === before.stack && after.temps === before.temps) {
    if (after.request === before.request) return;
  }
  const now = analyse(after).garbage;
  if (now.length === 0) return;
  const old = new Set(analyse(before).garbage);
  const fresh = now.filter((id) => !old.has(id));
  if (fresh.length === 0) return;
  const inCycle = new Set<string>();
  for (const cycle of garbageCycles(after.objects, now)) {
    const appeared = cycle.filter((id) => !old.has(id));
    if (appeared.length === 0) continue;
    for (const id of cycle) inCycle.add(id);
    d.emit({ type: 'garbage', objectIds: appeared, cycle: true });
  }
  const plain = fresh.filter((id) => !inCycle.has(id));
  if (plain.length > 0) d.emit({ type: 'garbage', objectIds: plain, cycle: false });
}
