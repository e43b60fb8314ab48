/**
 * The heap as 8-byte cells: where placed objects sit, the free runs between them, whether a
 * block fits, and first fit. The layout is derived from `state.objects` and cached per
 * objects record, so a tick that changes nothing costs nothing.
 */
import type { GameState, SimObject } from './types';

export const CELL_BYTES = 8;

/** Bytes an object of `size` occupies: whole cells. */
export function spanOf(size: number): number {
  return Math.max(1, Math.ceil(size / CELL_BYTES)) * CELL_BYTES;
}

/** Placed objects sorted by address: [start, end) in bytes. */
export interface HeapLayout {
  starts: number[];
  ends: number[];
  ids: string[];
  usedBytes: number;
}

const layouts = new WeakMap<Record<string, SimObject>, HeapLayout>();

export function heapLayout(objects: Record<string, SimObject>): HeapLayout {
  let layout = layouts.get(objects);
  if (!layout) {
    layout = buildLayout(objects);
    layouts.set(objects, layout);
  }
  return layout;
}

function buildLayout(objects: Record<string, SimObject>): HeapLayout {
  const placed: SimObject[] = [];
  for (const id in objects) {
    const obj = objects[id]!;
    if (obj.address !== null) placed.push(obj);
  }
  placed.sort((a, b) => a.address! - b.address!);
  const layout = emptyLayout(placed.length);
  for (let i = 0; i < placed.length; i++) {
    const obj = placed[i]!;
    const span = spanOf(obj.size);
    layout.starts[i] = obj.address!;
    layout.ends[i] = obj.address! + span;
    layout.ids[i] = obj.id;
    layout.usedBytes += span;
  }
  return layout;
}

/**
 * A layout of `count` blocks, its arrays made at their final length and filled by index.
 * Layouts live as long as their states: arrays grown by `push` or `splice` would carry
 * spare capacity (often more than the blocks themselves) through every garbage collection.
 */
function emptyLayout(count: number): HeapLayout {
  return { starts: new Array(count), ends: new Array(count), ids: new Array(count), usedBytes: 0 };
}

export function forgetLayout(objects: Record<string, SimObject>): void {
  layouts.delete(objects);
}

/** The layout of `after` is that of `before` (no object moved, grew past its cells or went away). */
export function shareLayout(before: Record<string, SimObject>, after: Record<string, SimObject>): void {
  const old = layouts.get(before);
  if (old && !layouts.has(after)) layouts.set(after, old);
}

/** Registers the layout after freeing some objects, derived from the previous one. */
export function rememberLayoutWithout(
  before: Record<string, SimObject>,
  after: Record<string, SimObject>,
  freed: Set<string>,
): void {
  const old = layouts.get(before);
  if (!old) return;
  let kept = 0;
  for (const id of old.ids) if (!freed.has(id)) kept++;
  const layout = emptyLayout(kept);
  let to = 0;
  for (let i = 0; i < old.ids.length; i++) {
    if (freed.has(old.ids[i]!)) continue;
    layout.starts[to] = old.starts[i]!;
    layout.ends[to] = old.ends[i]!;
    layout.ids[to] = old.ids[i]!;
    layout.usedBytes += old.ends[i]! - old.starts[i]!;
    to++;
  }
  layouts.set(after, layout);
}

/** Registers the layout after placing one object, derived from the previous one (no full rebuild). */
export function rememberLayoutWithPlaced(
  before: Record<string, SimObject>,
  after: Record<string, SimObject>,
  obj: SimObject,
): void {
  const old = layouts.get(before);
  if (!old || obj.address === null) return;
  const at = firstEndAfter(old, obj.address);
  const span = spanOf(obj.size);
  const layout = emptyLayout(old.ids.length + 1);
  layout.usedBytes = old.usedBytes + span;
  for (let i = 0; i < old.ids.length; i++) {
    const to = i < at ? i : i + 1;
    layout.starts[to] = old.starts[i]!;
    layout.ends[to] = old.ends[i]!;
    layout.ids[to] = old.ids[i]!;
  }
  layout.starts[at] = obj.address;
  layout.ends[at] = obj.address + span;
  layout.ids[at] = obj.id;
  layouts.set(after, layout);
}

/** Index of the first placed block whose end lies after `address`. */
function firstEndAfter(layout: HeapLayout, address: number): number {
  let lo = 0;
  let hi = layout.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (layout.ends[mid]! <= address) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The object occupying any byte of [address, address + bytes), or null; `ignore` is skipped. */
export function overlapping(
  layout: HeapLayout,
  address: number,
  bytes: number,
  ignore?: string,
): string | null {
  for (let i = firstEndAfter(layout, address); i < layout.starts.length; i++) {
    if (layout.starts[i]! >= address + bytes) return null;
    if (layout.ids[i] !== ignore) return layout.ids[i]!;
  }
  return null;
}

export function freeRunsOf(layout: HeapLayout, heapBytes: number): { address: number; bytes: number }[] {
  const runs: { address: number; bytes: number }[] = [];
  let cursor = 0;
  for (let i = 0; i < layout.starts.length; i++) {
    if (layout.starts[i]! > cursor) runs.push({ address: cursor, bytes: layout.starts[i]! - cursor });
    cursor = Math.max(cursor, layout.ends[i]!);
  }
  if (cursor < heapBytes) runs.push({ address: cursor, bytes: heapBytes - cursor });
  return runs;
}

/** The lowest address where `size` bytes fit, or null. */
export function firstFit(layout: HeapLayout, size: number, heapBytes: number): number | null {
  const span = spanOf(size);
  let cursor = 0;
  for (let i = 0; i < layout.starts.length; i++) {
    if (layout.starts[i]! - cursor >= span) return cursor;
    cursor = Math.max(cursor, layout.ends[i]!);
  }
  return heapBytes - cursor >= span ? cursor : null;
}

/** Whether an object that sits at `address` can grow to `newSize` without moving. */
export function canGrowInPlace(
  layout: HeapLayout,
  obj: SimObject,
  newSize: number,
  heapBytes: number,
): boolean {
  if (obj.address === null) return false;
  const end = obj.address + spanOf(newSize);
  return end <= heapBytes && overlapping(layout, obj.address, spanOf(newSize), obj.id) === null;
}

export function freeRuns(state: GameState): { address: number; bytes: number }[] {
  return freeRunsOf(heapLayout(state.objects), state.level.machine.heapBytes);
}
