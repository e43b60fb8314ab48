/**
 * What changed between two states, so the board can light it up. Worked out from the
 * states themselves rather than from events, so a server snapshot that replaces a
 * predicted state is highlighted just as well.
 */
import type { GameState, SimObject } from '../../../shared/sim/types';

export interface Changes {
  /** Objects that are new, moved, relabelled or whose references changed. */
  objects: Set<string>;
  /** Objects that are gone, with where they were, so their cells can fade out. */
  freed: SimObject[];
  /** Stack depths (0 = `<module>`) whose frame is new or whose locals changed. */
  frames: Set<number>;
  /** How many frames were popped off the top. */
  popped: number;
  lineMoved: boolean;
  requestChanged: boolean;
  /** True when nothing is worth highlighting (e.g. a tick where the program only waited). */
  none: boolean;
}

export function diffStates(prev: GameState | null, next: GameState): Changes {
  const objects = new Set<string>();
  const frames = new Set<number>();
  const freed: SimObject[] = [];
  if (!prev || prev.level.id !== next.level.id || next.tick < prev.tick) {
    // A first state, another level or a restart: nothing to compare with.
    return { objects, freed, frames, popped: 0, lineMoved: false, requestChanged: false, none: true };
  }
  for (const [id, obj] of Object.entries(next.objects)) {
    const before = prev.objects[id];
    if (!before) {
      if (!obj.shelf) objects.add(id);
    } else if (before !== obj && objectChanged(before, obj)) {
      objects.add(id);
    }
  }
  for (const [id, obj] of Object.entries(prev.objects)) {
    if (!next.objects[id] && obj.address !== null) freed.push(obj);
  }
  next.stack.forEach((frame, depth) => {
    const before = prev.stack[depth];
    if (!before || before.fn !== frame.fn) frames.add(depth);
    else if (before.locals !== frame.locals && !sameLocals(before.locals, frame.locals)) frames.add(depth);
  });
  const popped = Math.max(0, prev.stack.length - next.stack.length);
  const lineMoved = prev.program.line !== next.program.line;
  const requestChanged = !sameRequest(prev, next);
  const none = objects.size === 0 && freed.length === 0 && frames.size === 0 && popped === 0;
  return { objects, freed, frames, popped, lineMoved, requestChanged, none };
}

function objectChanged(a: SimObject, b: SimObject): boolean {
  if (a.address !== b.address || a.label !== b.label || a.size !== b.size) return true;
  if (a.refs.length !== b.refs.length) return true;
  return a.refs.some((r, i) => r !== b.refs[i]);
}

function sameLocals(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

function sameRequest(prev: GameState, next: GameState): boolean {
  const a = prev.request;
  const b = next.request;
  if (!a || !b) return a === b;
  return a.kind === b.kind && a.line === b.line && a.since === b.since;
}
