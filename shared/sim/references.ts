/**
 * Derived views of the object graph: reference counts, what is reachable from the roots,
 * the garbage, its cycles and "why is this alive?". Nothing here is stored in the state;
 * results are cached per (objects, stack, temps, objects being made) so unchanged ticks are free.
 */
import type { Frame, GameState, SimObject } from './types';

export interface Analysis {
  /** Placed heap objects nothing reachable points to, in object order (shared: never mutate). */
  garbage: string[];
  garbageBytes: number;
}

/** The analysis of every state without garbage. */
const NO_GARBAGE: Analysis = Object.freeze({
  garbage: Object.freeze([]) as unknown as string[],
  garbageBytes: 0,
});

function makingOf(state: GameState): string[] | null {
  return state.request?.kind === 'place' ? state.request.objectIds : null;
}

interface CacheEntry<T> {
  stack: Frame[];
  temps: string[];
  /** The objects being made (roots too); the rest of the request does not matter. */
  making: string[] | null;
  value: T;
}

const ENTRIES_PER_RECORD = 4;

/**
 * Derived data keyed by what it depends on: the objects record, the stack array, the
 * temporaries and the objects being made, all compared by identity. A few entries per
 * objects record: a transition looks at the state before it and after it, and pushes and
 * pops change the stack without touching the objects.
 */
class DerivedCache<T> {
  private readonly byObjects = new WeakMap<Record<string, SimObject>, CacheEntry<T>[]>();

  get(state: GameState): T | undefined {
    const entries = this.byObjects.get(state.objects);
    if (!entries) return undefined;
    const making = makingOf(state);
    for (const hit of entries) {
      if (hit.stack === state.stack && hit.temps === state.temps && hit.making === making) return hit.value;
    }
    return undefined;
  }

  set(state: GameState, value: T): void {
    const entry = { stack: state.stack, temps: state.temps, making: makingOf(state), value };
    const entries = this.byObjects.get(state.objects);
    if (!entries) this.byObjects.set(state.objects, [entry]);
    else {
      if (entries.length >= ENTRIES_PER_RECORD) entries.pop();
      entries.unshift(entry);
    }
  }

  /** `to` holds the same objects as `from` under another record: what was worked out for one holds for both. */
  share(from: Record<string, SimObject>, to: Record<string, SimObject>): void {
    const entries = this.byObjects.get(from);
    if (entries && !this.byObjects.has(to)) this.byObjects.set(to, entries.slice());
  }

  forget(objects: Record<string, SimObject>, stack?: Frame[]): void {
    const entries = this.byObjects.get(objects);
    if (!entries) return;
    if (stack)
      this.byObjects.set(
        objects,
        entries.filter((e) => e.stack !== stack),
      );
    else this.byObjects.delete(objects);
  }
}

const analyses = new DerivedCache<Analysis>();
const counts = new DerivedCache<Record<string, number>>();

function cached<T>(cache: DerivedCache<T>, state: GameState, compute: (state: GameState) => T): T {
  let value = cache.get(state);
  if (value === undefined) {
    value = compute(state);
    cache.set(state, value);
  }
  return value;
}

/** Drops what is cached for an objects record (or one stack with it) being edited in place inside a transition. */
export function forgetAnalysis(objects: Record<string, SimObject>, stack?: Frame[]): void {
  analyses.forget(objects, stack);
  counts.forget(objects, stack);
}

/** `to` is `from` written out afresh (the same objects): it keeps what was analysed for `from`. */
export function shareAnalysis(from: Record<string, SimObject>, to: Record<string, SimObject>): void {
  analyses.share(from, to);
  counts.share(from, to);
}

/** The roots: every frame's locals (top frame first), interpreter temporaries, objects being made. */
export function forEachRoot(
  state: GameState,
  visit: (id: string, frame: string, name: string) => void,
): void {
  for (let i = state.stack.length - 1; i >= 0; i--) {
    const frame = state.stack[i]!;
    for (const name in frame.locals) visit(frame.locals[name]!, frame.fn, name);
  }
  for (const id of state.temps)
    visit(id, state.stack[state.stack.length - 1]?.fn ?? '<module>', '(temporary)');
  if (state.request?.kind === 'place') {
    for (const id of state.request.objectIds)
      visit(id, state.stack[state.stack.length - 1]?.fn ?? '<module>', '(being made)');
  }
}

/**
 * Every object reachable from the roots (frames' locals, temporaries, objects being made): a
 * fresh set. Only the analysis it feeds is cached: a set per state would outlive the
 * transition that needed it, and most states never ask again.
 */
export function reachable(state: GameState): Set<string> {
  const { objects } = state;
  const found = new Set<string>();
  const todo: string[] = [];
  forEachRoot(state, (id) => {
    if (!found.has(id)) {
      found.add(id);
      todo.push(id);
    }
  });
  while (todo.length > 0) {
    const obj = objects[todo.pop()!];
    if (!obj) continue;
    for (const ref of obj.refs) {
      if (!found.has(ref)) {
        found.add(ref);
        todo.push(ref);
      }
    }
  }
  return found;
}

function analyseNow(state: GameState): Analysis {
  const { objects } = state;
  const live = reachable(state);
  const garbage: string[] = [];
  let garbageBytes = 0;
  for (const id in objects) {
    const obj = objects[id]!;
    if (obj.address !== null && !live.has(id)) {
      garbage.push(id);
      garbageBytes += obj.size;
    }
  }
  return garbage.length > 0 ? { garbage, garbageBytes } : NO_GARBAGE;
}

/**
 * Called at the very end of a transition (nothing edits `after` any more) with the objects
 * that lost a reference (null: unknown). Every placed object that was reachable before is
 * still reachable if each object that lost a reference is still held directly by a root
 * (follow its old path from a root: the last broken link points at a root). So when the
 * garbage before is gone (there was none, or it was all freed), there is none now, and the
 * reachability pass is skipped.
 */
export function carryAnalysis(before: GameState, after: GameState, dropped: string[] | null): void {
  if (dropped === null) return;
  const old = analyse(before).garbage;
  for (const id of old) if (Object.hasOwn(after.objects, id)) return;
  if (dropped.length > 0) {
    const roots = new Set<string>();
    forEachRoot(after, (id) => roots.add(id));
    for (const id of dropped) if (!roots.has(id) && Object.hasOwn(after.objects, id)) return;
  }
  analyses.set(after, NO_GARBAGE);
}

export function analyse(state: GameState): Analysis {
  return cached(analyses, state, analyseNow);
}

function countNow(state: GameState): Record<string, number> {
  const result: Record<string, number> = {};
  for (const id in state.objects) result[id] = 0;
  const add = (id: string) => {
    result[id] = (result[id] ?? 0) + 1;
  };
  for (const frame of state.stack) for (const name in frame.locals) add(frame.locals[name]!);
  for (const id of state.temps) add(id);
  for (const id in state.objects) for (const ref of state.objects[id]!.refs) add(ref);
  return result;
}

/** Reference count of every live object: references from all frames' locals, temporaries and live objects. */
export function refcounts(state: GameState): Record<string, number> {
  return cached(counts, state, countNow);
}

/** Strongly connected groups of garbage that reference themselves: unreachable cycles (Tarjan). */
export function garbageCycles(objects: Record<string, SimObject>, ids: string[]): string[][] {
  const inGarbage = new Set(ids);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (root: string) => {
    // Iterative Tarjan: each work item is a node and the position in its refs.
    const work: [string, number][] = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [node, at] = top;
      const refs = objects[node]?.refs ?? [];
      if (at < refs.length) {
        top[1]++;
        const next = refs[at]!;
        if (!inGarbage.has(next)) continue;
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push([next, 0]);
        } else if (onStack.has(next)) {
          low.set(node, Math.min(low.get(node)!, index.get(next)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) === index.get(node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== node);
        if (group.length > 1 || refs.includes(node)) cycles.push(group.reverse());
      }
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return cycles;
}

export function garbage(state: GameState): { ids: string[]; cycles: string[][] } {
  const ids = analyse(state).garbage;
  return { ids: ids.slice(), cycles: ids.length === 0 ? [] : garbageCycles(state.objects, ids) };
}

/** "Why is this alive?": [frame, name, objectId, ...] ending at `objectId`, or null when unreachable. */
export function pathFromRoot(state: GameState, objectId: string): string[] | null {
  if (!Object.hasOwn(state.objects, objectId)) return null;
  const parent = new Map<string, string | null>();
  const rootOf = new Map<string, [string, string]>();
  const queue: string[] = [];
  forEachRoot(state, (id, frame, name) => {
    if (!parent.has(id)) {
      parent.set(id, null);
      rootOf.set(id, [frame, name]);
      queue.push(id);
    }
  });
  for (let head = 0; head < queue.length && !parent.has(objectId); head++) {
    const id = queue[head]!;
    for (const ref of state.objects[id]?.refs ?? []) {
      if (!parent.has(ref)) {
        parent.set(ref, id);
        queue.push(ref);
      }
    }
  }
  if (!parent.has(objectId)) return null;
  const chain: string[] = [];
  let at: string | null = objectId;
  while (at !== null) {
    chain.push(at);
    const up: string | null = parent.get(at) ?? null;
    if (up === null) break;
    at = up;
  }
  chain.reverse();
  const [frame, name] = rootOf.get(chain[0]!)!;
  return [frame, name, ...chain];
}
