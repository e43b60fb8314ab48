/**
 * From a level's ValueSpec to objects: which values live on the shelf (shared, never
 * placed), which are new heap objects, their ids, labels and sizes.
 */
import type { ValueSpec } from '../level/schema';
import type { Draft } from './draft';
import { bytesLabel, containerLabel, floatLabel, intLabel, strLabel } from './labels';
import { nameSpec, refSpec, warnLevel } from './level-warnings';
import { own } from './own';
import {
  boolSize,
  bytesSize,
  dictSizeForKeys,
  FLOAT_SIZE,
  intSize,
  type KeyKind,
  listCapacityForLiteral,
  listSize,
  NONE_SIZE,
  setSize,
  strSize,
  tupleSize,
} from './sizes';
import type { ObjectKind, SimObject } from './types';

export const NONE_ID = 'None';
const SMALL_INT_MIN = -5n;
const SMALL_INT_MAX = 256n;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where names are looked up and what a `new` made that now needs a place on the heap. */
export interface MakeContext {
  frameIndex: number;
  pending: string[];
}

function shelfObject(id: string, kind: ObjectKind, label: string, size: number): SimObject {
  return { id, kind, label, size, refs: [], address: null, shelf: true };
}

/** The shelf object a spec denotes, or null when the spec needs a heap object (or is a reference). */
export function shelfObjectFor(spec: ValueSpec): SimObject | null {
  if ('none' in spec) return shelfObject(NONE_ID, 'none', 'None', NONE_SIZE);
  if ('bool' in spec)
    return shelfObject(spec.bool ? 'True' : 'False', 'bool', spec.bool ? 'True' : 'False', boolSize());
  if ('int' in spec) {
    const value = BigInt(spec.int);
    if (value < SMALL_INT_MIN || value > SMALL_INT_MAX) return null;
    return shelfObject(`int:${value}`, 'int', value.toString(), intSize(value));
  }
  if ('str' in spec && (spec.interned || IDENTIFIER.test(spec.str))) {
    return shelfObject(`str:${spec.str}`, 'str', strLabel(spec.str), strSize(spec.str));
  }
  return null;
}

/** Every shelf object a level mentions, so that the shelf is complete before the program starts. */
export function collectShelf(spec: ValueSpec, into: Map<string, SimObject>): void {
  const own = shelfObjectFor(spec);
  if (own) {
    into.set(own.id, own);
    return;
  }
  if ('list' in spec) for (const item of spec.list) collectShelf(item, into);
  else if ('tuple' in spec) for (const item of spec.tuple) collectShelf(item, into);
  else if ('set' in spec) for (const item of spec.set) collectShelf(item, into);
  else if ('dict' in spec)
    for (const [k, v] of spec.dict) {
      collectShelf(k, into);
      collectShelf(v, into);
    }
  else if ('repeat' in spec) collectShelf(spec.repeat, into);
}

/** A fresh id for a heap object: the level's own id while it is free, else `id#n`. */
export function freshId(d: Draft, base: string): string {
  if (!d.object(base)) return base;
  let n = d.state.nextObjectNumber;
  while (d.object(`${base}#${n}`)) n++;
  d.set('nextObjectNumber', n + 1);
  return `${base}#${n}`;
}

/** What a name means in a frame: its local, else the module's global, else None (with a warning about the level). */
export function lookupName(d: Draft, frameIndex: number, name: string): string {
  const frame = d.state.stack[frameIndex];
  const local = frame ? own(frame.locals, name) : undefined;
  if (local !== undefined) return local;
  const global = d.state.stack[0] ? own(d.state.stack[0].locals, name) : undefined;
  if (global !== undefined) return global;
  warnLevel(
    d,
    `the name "${name}" is not bound here (Python raises NameError); it reads as None`,
    nameSpec(name),
  );
  return ensureObject(d, shelfObjectFor({ none: true })!);
}

/** The live object a level object id refers to now (through aliases), or None when it is gone (with a warning). */
export function lookupRef(d: Draft, levelId: string): string {
  const id = own(d.state.aliases, levelId) ?? levelId;
  if (d.object(id)) return id;
  warnLevel(d, `object "${levelId}" is gone (freed, or never made); it reads as None`, refSpec(levelId));
  return ensureObject(d, shelfObjectFor({ none: true })!);
}

function ensureObject(d: Draft, obj: SimObject): string {
  if (!d.object(obj.id)) d.putObject(obj);
  return obj.id;
}

function isConstant(spec: ValueSpec): boolean {
  if ('tuple' in spec) return spec.tuple.every(isConstant);
  return (
    'int' in spec || 'float' in spec || 'str' in spec || 'bytes' in spec || 'none' in spec || 'bool' in spec
  );
}

function heapObject(
  d: Draft,
  ctx: MakeContext,
  base: string,
  kind: ObjectKind,
  label: string,
  size: number,
  refs: string[],
) {
  const id = freshId(d, base);
  d.putObject({ id, kind, label, size, refs, address: null, shelf: false });
  ctx.pending.push(id);
  d.emit({ type: 'object-created', objectId: id });
  return id;
}

/** The items of a list/tuple/set spec, with `{repeat, times}` expanded (one object, many slots). */
function makeItems(d: Draft, items: ValueSpec[], base: string, ctx: MakeContext): string[] {
  const ids: string[] = [];
  for (const item of items) {
    if ('repeat' in item) {
      const id = makeValue(d, item.repeat, `${base}.${ids.length}`, ctx);
      for (let i = 0; i < item.times; i++) ids.push(id);
    } else {
      ids.push(makeValue(d, item, `${base}.${ids.length}`, ctx));
    }
  }
  return ids;
}

/**
 * The object a spec denotes, making it (and anything inside it) when it is new. New heap
 * objects are added unplaced and listed in `ctx.pending`; `base` names them.
 */
export function makeValue(d: Draft, spec: ValueSpec, base: string, ctx: MakeContext): string {
  const shelf = shelfObjectFor(spec);
  if (shelf) return ensureObject(d, shelf);
  if ('ref' in spec) return lookupRef(d, spec.ref);
  if ('name' in spec) return lookupName(d, ctx.frameIndex, spec.name);
  if ('repeat' in spec) return makeValue(d, spec.repeat, base, ctx);
  if ('int' in spec) {
    const value = BigInt(spec.int);
    return heapObject(d, ctx, base, 'int', intLabel(value), intSize(value), []);
  }
  if ('float' in spec) return heapObject(d, ctx, base, 'float', floatLabel(spec.float), FLOAT_SIZE, []);
  if ('str' in spec) return heapObject(d, ctx, base, 'str', strLabel(spec.str), strSize(spec.str), []);
  if ('bytes' in spec)
    return heapObject(d, ctx, base, 'bytes', bytesLabel(spec.bytes), bytesSize(spec.bytes), []);
  if ('list' in spec) {
    const refs = makeItems(d, spec.list, base, ctx);
    const onlyRepeats = spec.list.length > 0 && spec.list.every((item) => 'repeat' in item);
    const capacity =
      spec.capacity ??
      (onlyRepeats ? refs.length : listCapacityForLiteral(refs.length, spec.list.every(isConstant)));
    const label = containerLabel(d.state.objects, 'list', refs);
    return heapObject(d, ctx, base, 'list', label, listSize(Math.max(capacity, refs.length)), refs);
  }
  if ('tuple' in spec) {
    const refs = makeItems(d, spec.tuple, base, ctx);
    return heapObject(
      d,
      ctx,
      base,
      'tuple',
      containerLabel(d.state.objects, 'tuple', refs),
      tupleSize(refs.length),
      refs,
    );
  }
  if ('set' in spec) {
    const refs = [...new Set(makeItems(d, spec.set, base, ctx))];
    const how = refs.length >= 3 && spec.set.every(isConstant) ? 'merge' : 'add';
    return heapObject(
      d,
      ctx,
      base,
      'set',
      containerLabel(d.state.objects, 'set', refs),
      setSize(refs.length, how),
      refs,
    );
  }
  if (!('dict' in spec)) return ensureObject(d, shelfObjectFor({ none: true })!);
  const refs: string[] = [];
  const keys: KeyKind[] = [];
  for (const [k, v] of spec.dict) {
    const key = makeValue(d, k, `${base}.${refs.length}`, ctx);
    const at = refs.findIndex((id, i) => i % 2 === 0 && sameKey(d, id, key));
    const value = makeValue(d, v, `${base}.${refs.length + 1}`, ctx);
    if (at >= 0) {
      refs[at + 1] = value;
    } else {
      refs.push(key, value);
      keys.push(d.object(key)?.kind === 'str' ? 'str' : 'other');
    }
  }
  return heapObject(
    d,
    ctx,
    base,
    'dict',
    containerLabel(d.state.objects, 'dict', refs),
    dictSizeForKeys(keys, 'display'),
    refs,
  );
}

/** Two dict keys are the same key when they are one object or equal values of one kind. */
export function sameKey(d: Draft, a: string, b: string): boolean {
  if (a === b) return true;
  const x = d.object(a);
  const y = d.object(b);
  return !!x && !!y && x.kind === y.kind && x.label === y.label && x.refs.length === 0;
}
