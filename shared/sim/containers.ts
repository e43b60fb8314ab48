/**
 * Storing into and removing from lists, dicts and sets, with CPython's growth: when the
 * object outgrows its cells it grows in place if the cells after it are free, otherwise it
 * must move (the player places it again; in CPython only its item array moves).
 */
import type { ValueSpec } from '../level/schema';
import type { Draft } from './draft';
import { canGrowInPlace, heapLayout, spanOf } from './heap';
import { containerLabel } from './labels';
import { warnLevel } from './level-warnings';
import {
  dictSizeForKeys,
  type KeyKind,
  listCapacityAfterAppend,
  listCapacityAfterRemove,
  listSize,
  setSize,
} from './sizes';
import type { Request, SimObject } from './types';
import { type MakeContext, makeValue, sameKey } from './values';

/** How a container that must move was before (the request adds whether the move comes alone). */
type Resize = Omit<NonNullable<Extract<Request, { kind: 'place' }>['resize']>, 'alone'> | null;

const LIST_BASE = listSize(0);

function listCapacity(obj: SimObject): number {
  return Math.max(obj.refs.length, Math.floor((obj.size - LIST_BASE) / 8));
}

function keyKinds(d: Draft, refs: string[]): KeyKind[] {
  const kinds: KeyKind[] = [];
  for (let i = 0; i < refs.length; i += 2) kinds.push(d.object(refs[i]!)?.kind === 'str' ? 'str' : 'other');
  return kinds;
}

/**
 * Writes the new contents of a container. Returns the resize record when it no longer fits
 * where it is and must be placed again (it is then unplaced, with its new size).
 */
function rewrite(d: Draft, obj: SimObject, refs: string[], size: number): Resize {
  const label = containerLabel(d.state.objects, obj.kind, refs);
  if ((obj.refs.length === 0) !== (refs.length === 0)) relabelHolders(d, obj.id, refs.length === 0);
  const moves = obj.address !== null && spanOf(size) > spanOf(obj.size);
  if (moves && !canGrowInPlace(heapLayout(d.state.objects), obj, size, d.state.level.machine.heapBytes)) {
    d.putObject({ ...obj, refs, size, label, address: null });
    return { objectId: obj.id, address: obj.address!, size: obj.size, refs: obj.refs };
  }
  d.putObject({ ...obj, refs, size, label });
  return null;
}

/** Containers show an item container as `[]` or `[…]`: when it turns empty or not, their labels change. */
function relabelHolders(d: Draft, id: string, empty: boolean): void {
  const probe = { ...d.object(id)!, refs: empty ? [] : [id] };
  const objects = { ...d.state.objects, [id]: probe };
  for (const key in d.state.objects) {
    const holder = d.state.objects[key]!;
    if (key !== id && holder.refs.includes(id))
      d.putObject({ ...holder, label: containerLabel(objects, holder.kind, holder.refs) });
  }
}

function keySpec(index: number | string): ValueSpec {
  return typeof index === 'number' ? { int: index } : { str: index };
}

/** `target[index] = value`, or `target.append(value)` / `target.add(value)` without an index. */
export function storeInto(
  d: Draft,
  targetId: string,
  valueId: string,
  index: number | string | undefined,
  ctx: MakeContext,
): Resize {
  const obj = d.object(targetId);
  if (!obj || obj.shelf) return notContainer(d, obj, 'nothing is stored');
  if (obj.kind === 'list') {
    const at = typeof index === 'number' ? (index < 0 ? obj.refs.length + index : index) : -1;
    if (at >= 0 && at < obj.refs.length) {
      const refs = obj.refs.slice();
      d.emit({ type: 'reference-dropped', from: obj.id, to: refs[at]! });
      d.dropRef(refs[at]);
      refs[at] = valueId;
      d.emit({ type: 'reference-set', from: obj.id, to: valueId });
      return rewrite(d, obj, refs, obj.size);
    }
    const refs = [...obj.refs, valueId];
    const capacity = listCapacity(obj);
    const size = refs.length > capacity ? listSize(listCapacityAfterAppend(capacity, refs.length)) : obj.size;
    d.emit({ type: 'reference-set', from: obj.id, to: valueId });
    return rewrite(d, obj, refs, size);
  }
  if (obj.kind === 'dict') {
    const keyId = makeValue(d, keySpec(index ?? obj.refs.length / 2), `${obj.id}.${obj.refs.length}`, ctx);
    const refs = obj.refs.slice();
    let at = -1;
    for (let i = 0; i < refs.length; i += 2) if (sameKey(d, refs[i]!, keyId)) at = i;
    if (at >= 0) {
      d.emit({ type: 'reference-dropped', from: obj.id, to: refs[at + 1]! });
      d.dropRef(refs[at + 1]);
      refs[at + 1] = valueId;
    } else {
      refs.push(keyId, valueId);
      d.emit({ type: 'reference-set', from: obj.id, to: keyId });
    }
    d.emit({ type: 'reference-set', from: obj.id, to: valueId });
    return rewrite(d, obj, refs, Math.max(obj.size, dictSizeForKeys(keyKinds(d, refs), 'assign')));
  }
  if (obj.kind === 'set') {
    if (obj.refs.includes(valueId)) return null;
    const refs = [...obj.refs, valueId];
    d.emit({ type: 'reference-set', from: obj.id, to: valueId });
    return rewrite(d, obj, refs, Math.max(obj.size, setSize(refs.length, 'add')));
  }
  return notContainer(d, obj, 'nothing is stored');
}

/** Warns that an op's target is not a list, dict or set; what the op does then: nothing. */
function notContainer(d: Draft, obj: SimObject | undefined, outcome: string): null {
  warnLevel(d, `the target ${obj?.label ?? 'None'} is not a list, dict or set: ${outcome}`, 'target');
  return null;
}

function nothingThere(d: Draft, obj: SimObject, index: number | string | undefined): void {
  const what =
    index === undefined ? `${obj.label} is empty` : `${obj.label} has no item ${JSON.stringify(index)}`;
  const error = obj.kind === 'dict' && index !== undefined ? 'KeyError' : 'IndexError';
  warnLevel(
    d,
    `${what}: nothing is removed (Python raises ${error})`,
    index === undefined ? 'target' : 'index',
  );
}

/** `del target[index]`, `target.pop()` (no index) or `target.clear()` (`all`). Containers only shrink in place. */
export function dropFrom(d: Draft, targetId: string, index: number | string | undefined, all: boolean): void {
  const obj = d.object(targetId);
  if (!obj || obj.shelf || !(obj.kind === 'list' || obj.kind === 'dict' || obj.kind === 'set')) {
    notContainer(d, obj, 'nothing is removed');
    return;
  }
  if (obj.refs.length === 0) {
    // Clearing an empty container is fine; taking an item out of one is not.
    if (!all) nothingThere(d, obj, index);
    return;
  }
  let refs: string[];
  let size = obj.size;
  if (all) {
    refs = [];
    if (obj.kind === 'list') size = LIST_BASE;
    else if (obj.kind === 'dict') size = dictSizeForKeys([], 'display');
    else if (obj.kind === 'set') size = setSize(0);
  } else if (obj.kind === 'dict') {
    let at = obj.refs.length - 2;
    if (index !== undefined) {
      at = -1;
      for (let i = 0; i < obj.refs.length; i += 2) {
        const key = d.object(obj.refs[i]!);
        if (key && key.label.replace(/^'(.*)'$/, '$1') === String(index)) at = i;
      }
      if (at < 0) {
        nothingThere(d, obj, index);
        return;
      }
    }
    refs = obj.refs.slice();
    refs.splice(at, 2);
  } else if (obj.kind === 'list' || obj.kind === 'set') {
    let at = obj.refs.length - 1;
    if (typeof index === 'number') at = index < 0 ? obj.refs.length + index : index;
    if (at < 0 || at >= obj.refs.length) {
      nothingThere(d, obj, index);
      return;
    }
    refs = obj.refs.slice();
    refs.splice(at, 1);
    if (obj.kind === 'list') size = listSize(listCapacityAfterRemove(listCapacity(obj), refs.length));
  } else {
    return;
  }
  const remaining = refs.slice();
  for (const ref of obj.refs) {
    const i = remaining.indexOf(ref);
    if (i >= 0) remaining.splice(i, 1);
    else {
      d.emit({ type: 'reference-dropped', from: obj.id, to: ref });
      d.dropRef(ref);
    }
  }
  rewrite(d, obj, refs, Math.min(size, obj.size));
}
