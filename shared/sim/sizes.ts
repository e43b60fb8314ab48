/**
 * `sys.getsizeof` of CPython 3.11 on 64-bit Linux, byte for byte.
 *
 * Every number here was checked against a real python3 (3.11.7); the formulas follow
 * CPython's C sources (Objects/*object.c). `getsizeof` adds the 16-byte GC header to
 * containers (list, tuple, dict, set), which is why their bases look odd.
 * Pure and deterministic: no Node or DOM API.
 */

const GC_HEAD = 16;
const PTR = 8;

/** `None`: refcount + type pointer. */
export const NONE_SIZE = 16;
/** A float: header + one C double. */
export const FLOAT_SIZE = 24;

export const floatSize = (): number => FLOAT_SIZE;

/** `True` and `False` are ints with one 30-bit digit each; 3.11 counts a digit for False too. */
export const boolSize = (): number => 28;

/**
 * An int: 24-byte header + 4 bytes per 30-bit digit of |value|. Zero still allocates (and
 * counts) one digit in 3.11.7, so `getsizeof(0)` is 28 like `getsizeof(1)`.
 */
export function intSize(value: bigint): number {
  const bits = (value < 0n ? -value : value).toString(2).length; // 0 counts as 1 bit
  return 24 + 4 * Math.ceil(bits / 30);
}

/**
 * A str is stored compactly in the narrowest width its widest code point needs (PEP 393),
 * plus a trailing NUL of that width: ASCII 48-byte header, otherwise a 72-byte header.
 * JS strings are UTF-16, so count code points (an astral character is one Python char).
 */
export function strSize(s: string): number {
  let length = 0;
  let widest = 0;
  for (const ch of s) {
    length++;
    widest = Math.max(widest, ch.codePointAt(0)!);
  }
  if (widest < 0x80) return 48 + (length + 1);
  if (widest < 0x100) return 72 + (length + 1);
  if (widest < 0x10000) return 72 + 2 * (length + 1);
  return 72 + 4 * (length + 1);
}

/** bytes: 32-byte header (with the cached hash) + n bytes + a trailing NUL. */
export function bytesSize(length: number): number {
  return 33 + length;
}

/** A tuple's items live inside the object: 24-byte header + GC header + 8 per item; `()` is 40. */
export function tupleSize(length: number): number {
  return 24 + GC_HEAD + PTR * length;
}

/** A list is a 40-byte header (with GC) + 8 bytes per *allocated* slot, used or not. */
export function listSize(capacity: number): number {
  return 40 + GC_HEAD + PTR * capacity;
}

/**
 * CPython's `list_resize` (Objects/listobject.c): keep the block while the new size lies in
 * [allocated/2, allocated]; otherwise over-allocate by ~1/8 + 6, rounded down to a multiple of 4,
 * unless the jump is so big that rounding the exact size up to 4 is closer; 0 frees everything.
 */
export function listResize(allocated: number, oldLength: number, newLength: number): number {
  if (allocated >= newLength && newLength >= allocated >> 1) return allocated;
  let next = (newLength + (newLength >> 3) + 6) & ~3;
  if (newLength - oldLength > next - newLength) next = (newLength + 3) & ~3;
  return newLength === 0 ? 0 : next;
}

/** `lst.append(x)` taking the list to `newLength` items. */
export function listCapacityAfterAppend(capacity: number, newLength: number): number {
  return listResize(capacity, newLength - 1, newLength);
}

/** `lst.pop()` / `lst.remove(x)` leaving `newLength` items: shrinks below half the capacity. */
export function listCapacityAfterRemove(capacity: number, newLength: number): number {
  return listResize(capacity, newLength + 1, newLength);
}

/** Appends one by one from `[]`: a comprehension (LIST_APPEND), or a loop of `.append`. */
export function listCapacityForComprehension(length: number): number {
  let capacity = 0;
  for (let n = 1; n <= length; n++) capacity = listCapacityAfterAppend(capacity, n);
  return capacity;
}

/**
 * `list_preallocate_exact` rounds up to an even count (the allocator has 16-byte granularity).
 * It serves `list(x)` for anything with a length, and extending an empty list by a tuple.
 */
const evenCapacity = (length: number): number => (length + 1) & ~1;

/**
 * A display `[a, b, c]`. With 3+ items that are all constants, 3.11 compiles it as
 * `BUILD_LIST 0; LOAD_CONST (a, b, c); LIST_EXTEND`, so the capacity is rounded up to even
 * ([1,2,3] is 88). Otherwise `BUILD_LIST n` is exact, except beyond 30 items (the compiler's
 * stack-use guideline), where it is `BUILD_LIST 0` plus one LIST_APPEND per item.
 */
export function listCapacityForLiteral(length: number, allConstants = true): number {
  if (allConstants && length > 2) return evenCapacity(length);
  if (length > 30) return listCapacityForComprehension(length);
  return length;
}

/** `[x] * n` allocates exactly n slots. */
export function listCapacityForRepeat(length: number): number {
  return length;
}

/** `lst.copy()` and `lst[:]` (and `a + b`) allocate exactly; `list(lst)` preallocates an even count. */
export function listCapacityForCopy(length: number, how: 'copy' | 'slice' | 'list' = 'copy'): number {
  return how === 'list' ? evenCapacity(length) : length;
}

/**
 * `list(generator)`: no length is known, so `list_extend` guesses 8 (list_resize to exactly 8),
 * appends with the usual growth, then trims with a final `list_resize` to the real length.
 */
export function listCapacityForIterator(length: number): number {
  let capacity = listResize(0, 0, 8);
  for (let n = 9; n <= length; n++) capacity = listCapacityAfterAppend(capacity, n);
  return listResize(capacity, length, length);
}

export type ListHow = 'literal' | 'literal-exprs' | 'repeat' | 'append' | 'copy' | 'list' | 'iterator';

const LIST_BUILDS: Record<ListHow, (length: number) => number> = {
  literal: (n) => listCapacityForLiteral(n, true),
  'literal-exprs': (n) => listCapacityForLiteral(n, false),
  repeat: listCapacityForRepeat,
  append: listCapacityForComprehension,
  copy: (n) => listCapacityForCopy(n, 'copy'),
  list: (n) => listCapacityForCopy(n, 'list'),
  iterator: listCapacityForIterator,
};

/** The capacity of a list of `length` items built this way. */
export function listCapacity(length: number, how: ListHow): number {
  return LIST_BUILDS[how](length);
}

/** Whether a key is an exact `str` (3.11 then uses a compact key table without stored hashes). */
export type KeyKind = 'str' | 'other';
/** `display`: `{k: v, ...}`; `assign`: `{}` then `d[k] = v` (also comprehensions, MAP_ADD). */
export type DictHow = 'display' | 'assign';

type KeyTable = { log2: number; unicode: boolean };

/** `calculate_log2_keysize`, bit trick included (it doubles exact powers of two >= 16). */
const log2KeySize = (minSize: number): number => 32 - Math.clz32(((minSize | 8) - 1) | 7);

/** A table of 2^k slots holds 2/3 of that many entries (USABLE_FRACTION). */
const usable = (log2: number): number => Math.floor(((1 << log2) * 2) / 3);

/** One `insertdict` into a table holding `used` keys (null = the shared empty table of `{}`). */
function insertKey(table: KeyTable | null, used: number, kind: KeyKind): KeyTable {
  if (table === null) return { log2: 3, unicode: kind === 'str' };
  // A non-str key converts a str-only table: resized to GROWTH_RATE = used * 3.
  if (table.unicode && kind !== 'str') table = { log2: log2KeySize(used * 3), unicode: false };
  if (usable(table.log2) - used <= 0) table = { log2: log2KeySize(used * 3), unicode: table.unicode };
  return table;
}

/** Bytes of a key table: 32-byte header + index array (1, 2, 4 or 8 bytes per slot) + entries. */
function keyTableBytes(table: KeyTable): number {
  const indexWidth = table.log2 < 8 ? 1 : table.log2 < 16 ? 2 : table.log2 < 32 ? 4 : 8;
  const entryBytes = table.unicode ? 16 : 24; // (key, value) vs (hash, key, value)
  return 32 + indexWidth * (1 << table.log2) + usable(table.log2) * entryBytes;
}

/**
 * A dict whose keys, in insertion order, have these kinds. `{}` (64) shares an empty table.
 * A display is presized (`dict_new_presized`) only above 5 items, for its first chunk of 17
 * (the compiler splits longer displays into DICT_UPDATE chunks); the rest is inserted one by one.
 */
export function dictSizeForKeys(keys: readonly KeyKind[], how: DictHow = 'display'): number {
  let table: KeyTable | null = null;
  let used = 0;
  if (how === 'display' && keys.length > 5) {
    const chunk = keys.slice(0, 17);
    table = {
      log2: log2KeySize(Math.floor((chunk.length * 3 + 1) / 2)),
      unicode: chunk.every((k) => k === 'str'),
    };
  }
  for (const kind of keys) table = insertKey(table, used++, kind);
  return 48 + GC_HEAD + (table === null ? 0 : keyTableBytes(table));
}

/** A dict of `entries` keys all of one kind: `{'a': 1}` is 184, `{1: 1}` 224, `{}` 64. */
export function dictSize(entries: number, how: DictHow = 'display', keys: KeyKind = 'str'): number {
  return dictSizeForKeys(new Array<KeyKind>(entries).fill(keys), how);
}

/**
 * `add`: `set()` then adds (also `set(list)`, `set(range)`, comprehensions, displays of
 * expressions): after an insert that makes fill*5 >= mask*3 the table grows to the first power
 * of two above used*4. `merge`: from another set in one go (`set(s)`, `s.copy()`, a display of
 * 3+ constants built from a frozenset constant): one resize to the first power of two above n*2.
 */
export type SetHow = 'add' | 'merge';

function setTableAbove(minUsed: number): number {
  let size = 8;
  while (size <= minUsed) size <<= 1;
  return size;
}

/** A set: 200-byte object (with an inline 8-slot table) + GC header + 16 bytes per slot beyond it. */
export function setSize(entries: number, how: SetHow = 'add'): number {
  let slots = 8;
  if (how === 'merge') {
    if (entries * 5 >= 7 * 3) slots = setTableAbove(entries * 2);
  } else {
    for (let used = 1; used <= entries; used++) {
      if (used * 5 >= (slots - 1) * 3) slots = setTableAbove(used > 50000 ? used * 2 : used * 4);
    }
  }
  return 200 + GC_HEAD + (slots === 8 ? 0 : 16 * slots);
}

export type SizeInput =
  | { kind: 'int'; value: bigint | number | string }
  | { kind: 'float' }
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; length: number }
  | { kind: 'tuple'; length: number }
  /** Either the capacity itself, or the length and how the list was built. */
  | { kind: 'list'; capacity: number }
  | { kind: 'list'; length: number; how: ListHow }
  | { kind: 'dict'; keys: readonly KeyKind[]; how: DictHow }
  | { kind: 'set'; entries: number; how: SetHow }
  | { kind: 'none' }
  | { kind: 'bool' };

export function sizeOfValue(v: SizeInput): number {
  switch (v.kind) {
    case 'int':
      return intSize(BigInt(v.value));
    case 'float':
      return FLOAT_SIZE;
    case 'str':
      return strSize(v.value);
    case 'bytes':
      return bytesSize(v.length);
    case 'tuple':
      return tupleSize(v.length);
    case 'list':
      return listSize('capacity' in v ? v.capacity : listCapacity(v.length, v.how));
    case 'dict':
      return dictSizeForKeys(v.keys, v.how);
    case 'set':
      return setSize(v.entries, v.how);
    case 'none':
      return NONE_SIZE;
    case 'bool':
      return boolSize();
  }
}
