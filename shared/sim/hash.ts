/**
 * A stable 64-bit hash of the dynamic state, used to detect desyncs between a client's
 * prediction and the server. The level is left out (it is shared and never changes)
 * except for its id.
 *
 * It is hashed once per acknowledged action on the server, so it is built for speed:
 * values are fed as 32-bit words (two characters of a string per word, integers as they
 * are), nothing is serialised or allocated, and a record's entries are combined by
 * summing each entry's own finished hash. The sum makes key order irrelevant without
 * sorting keys; finishing each entry first (murmur3's final mix) keeps sums of similar
 * entries from cancelling out. Type tags and lengths keep `'1'` apart from `1`, and
 * `['ab']` from `['a', 'b']`.
 *
 * States are immutable and share every part a transition did not touch, so the big parts
 * (the objects table, each stack frame) are hashed once per identity and remembered (in
 * weak maps, so nothing is kept alive), and a table made from a hashed one by a transition
 * carries its sum over (only the objects that changed are hashed): from one acknowledged
 * action to the next, usually only what the action changed is hashed afresh. Remembered or
 * not, a record goes into the hash the same way. What is remembered lives as long as its
 * state, through every garbage collection on a busy server, so it is kept small.
 */
import type { GameState, SimObject } from './types';

/** Type tags: their names' first letters in ASCII, read as one 32-bit word. */
const Tag = {
  Null: 0x6e756c6c,
  True: 0x74727565,
  False: 0x66616c73,
  Int: 0x696e7400,
  Float: 0x666c7400,
  Str: 0x73747200,
  Array: 0x61727200,
  Record: 0x72656300,
} as const;

const SEED_A = 0x811c9dc5;
const SEED_B = 0x050c5d1f;

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * A record's entry count and the sums of its entries' two finished lanes. Remembered
 * parts live as long as the states they belong to, so they are kept as small as a record
 * of three numbers can be (a class instance, not a tuple array).
 */
class RecordParts {
  constructor(
    readonly count: number,
    readonly a: number,
    readonly b: number,
  ) {}
}

const memo = new WeakMap<object, RecordParts>();

/**
 * A state's parts without its tick, with the state they were summed for, filed under its
 * objects table. Most states differ from one before them only in the tick (quiet ticks of
 * the clock): such a state finds the parts here, shares every other field with the state
 * they were summed for, and only its tick's entry is added. Nothing is done per tick.
 */
interface UntimedParts {
  state: GameState;
  parts: RecordParts;
}
const untimed = new WeakMap<object, UntimedParts>();

/** Whether two states differ in nothing but their tick (their fields compared by identity). */
function sameButTick(a: GameState, b: GameState): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (key !== 'tick' && x[key] !== y[key]) return false;
    count++;
  }
  for (const _ in y) count--;
  return count === 0;
}

/** Mixed into a finished entry's second lane, so that the two lanes' sums differ. */
const ENTRY_B = 0x27d4eb2f;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class StateHasher {
  a = SEED_A;
  b = SEED_B;
  /** The lanes of the last entry `objectEntry` finished (kept here: nothing is allocated per entry). */
  entryA = 0;
  entryB = 0;

  word(w: number): void {
    this.a = Math.imul(this.a ^ w, 0x01000193);
    this.b = Math.imul((this.b ^ w) + 0x9e3779b9, 0x01000197);
  }

  string(s: string): void {
    const n = s.length;
    this.word(Tag.Str);
    this.word(n);
    let i = 0;
    for (; i + 1 < n; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < n) this.word(s.charCodeAt(i));
  }

  number(v: number): void {
    // -0 passes as 0, as JSON writes it.
    if ((v | 0) === v) {
      this.word(Tag.Int);
      this.word(v);
    } else if (Number.isFinite(v)) {
      // Rare in a state (nothing in the simulator is fractional or huge): its shortest text.
      this.word(Tag.Float);
      this.string(String(v));
    } else {
      this.word(Tag.Null);
    }
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'string':
        this.string(v);
        return;
      case 'number':
        this.number(v);
        return;
      case 'boolean':
        this.word(v ? Tag.True : Tag.False);
        return;
      case 'object':
        if (v === null) this.word(Tag.Null);
        else if (Array.isArray(v)) this.array(v);
        else this.record(v as Record<string, unknown>);
        return;
      default:
        // undefined (in an array) and anything JSON could not hold read as null, as JSON does.
        this.word(Tag.Null);
    }
  }

  array(v: readonly unknown[]): void {
    this.word(Tag.Array);
    this.word(v.length);
    for (let i = 0; i < v.length; i++) this.value(v[i]);
  }

  record(v: Record<string, unknown>): void {
    this.recordParts(this.entries(v));
  }

  /**
   * The state's own fields, the level left out. The stack's frames go through the memo, and
   * the objects table has its own; the small records (tally, program, request) change with
   * nearly every transition, and hashing them costs less than remembering them. All but the
   * tick are remembered for the states that follow on quiet ticks (see `untimed`).
   */
  state(s: GameState): void {
    let known = untimed.get(s.objects);
    if (known === undefined || !sameButTick(known.state, s)) {
      known = { state: s, parts: this.entries(s as unknown as Record<string, unknown>, true) };
      untimed.set(s.objects, known);
    }
    const { count, a: sumA, b: sumB } = known.parts;
    // The tick's entry, summed in as `entries` would have.
    const outerA = this.a;
    const outerB = this.b;
    this.a = SEED_A;
    this.b = SEED_B;
    this.string('tick');
    this.number(s.tick);
    const tickA = finish(this.a);
    const tickB = finish(this.b ^ ENTRY_B);
    this.a = outerA;
    this.b = outerB;
    this.word(Tag.Record);
    this.word(count + 1);
    this.word((sumA + tickA) | 0);
    this.word((sumB + tickB) | 0);
  }

  private recordParts(parts: RecordParts): void {
    this.word(Tag.Record);
    this.word(parts.count);
    this.word(parts.a);
    this.word(parts.b);
  }

  /** A record fed through the memo: it goes into the hash exactly as `record` would feed it. */
  private remembered(v: Record<string, unknown>): void {
    let parts = memo.get(v);
    if (parts === undefined) {
      parts = this.entries(v);
      memo.set(v, parts);
    }
    this.recordParts(parts);
  }

  /** An array fed as `array` would feed it, its records through the memo. */
  private rememberedArray(v: readonly unknown[]): void {
    this.word(Tag.Array);
    this.word(v.length);
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      if (isRecord(item)) this.remembered(item);
      else this.value(item);
    }
  }

  /**
   * The objects table, fed as `record` would feed it. A new table is made whenever one
   * object changes, so besides the table's own parts, each object's finished entry (its
   * id and its content) is remembered: summing a new table costs a lookup per object.
   */
  private objectsTable(table: Record<string, Record<string, unknown>>): void {
    let parts = memo.get(table);
    if (parts === undefined) {
      let sumA = 0;
      let sumB = 0;
      let count = 0;
      for (const key in table) {
        const item = table[key];
        if (item === undefined) continue;
        this.objectEntry(key, item);
        sumA = (sumA + this.entryA) | 0;
        sumB = (sumB + this.entryB) | 0;
        count++;
      }
      parts = new RecordParts(count, sumA, sumB);
      memo.set(table, parts);
    }
    this.recordParts(parts);
  }

  /**
   * One object's finished entry in an objects table (its id and its content), left in
   * `entryA` and `entryB`. Not remembered: a table is summed in full once per game (later
   * tables carry their parts, see `carryObjectsDigest`), and an entry kept per object
   * version would outlive most of them.
   */
  objectEntry(key: string, item: Record<string, unknown>): void {
    const outerA = this.a;
    const outerB = this.b;
    this.a = SEED_A;
    this.b = SEED_B;
    this.string(key);
    this.record(item);
    this.entryA = finish(this.a);
    this.entryB = finish(this.b ^ ENTRY_B);
    this.a = outerA;
    this.b = outerB;
  }

  /**
   * A record's entry count and the sums of its entries' finished lanes (entries whose value
   * is undefined or a function skipped, as JSON skips them). `isState`: the record is the
   * game state itself, summed without its level and its tick (see `state`).
   */
  private entries(v: Record<string, unknown>, isState = false): RecordParts {
    const outerA = this.a;
    const outerB = this.b;
    let sumA = 0;
    let sumB = 0;
    let count = 0;
    for (const key in v) {
      const item = v[key];
      if (item === undefined || typeof item === 'function') continue;
      if (isState && (key === 'level' || key === 'tick')) continue;
      this.a = SEED_A;
      this.b = SEED_B;
      this.string(key);
      if (isState && key === 'objects') this.objectsTable(item as Record<string, Record<string, unknown>>);
      else if (isState && key === 'stack') this.rememberedArray(item as unknown[]);
      else this.value(item);
      sumA = (sumA + finish(this.a)) | 0;
      sumB = (sumB + finish(this.b ^ ENTRY_B)) | 0;
      count++;
    }
    this.a = outerA;
    this.b = outerB;
    return new RecordParts(count, sumA, sumB);
  }

  digest(): string {
    const a = finish(this.a) >>> 0;
    const b = finish(this.b ^ a) >>> 0;
    return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
  }
}

export function hash(state: GameState): string {
  const h = new StateHasher();
  h.string(state.level.id);
  h.state(state);
  return h.digest();
}

/**
 * Called when a transition made `after` from `before` by changing only the objects under
 * `changedIds`. When `before` was hashed, `after`'s part of the hash follows from it (take
 * the old entries out, put the new ones in) without summing every object again: on a
 * server, where every acknowledged state is hashed, a placement then costs a few entries
 * instead of the whole table. When `before` was never hashed, nothing is done.
 */
export function carryObjectsDigest(
  before: Record<string, SimObject>,
  after: Record<string, SimObject>,
  changedIds: Iterable<string>,
): void {
  const parts = memo.get(before);
  if (parts === undefined) return;
  const h = new StateHasher();
  let { count, a: sumA, b: sumB } = parts;
  for (const id of changedIds) {
    const old = Object.hasOwn(before, id) ? before[id] : undefined;
    if (old !== undefined) {
      h.objectEntry(id, old as unknown as Record<string, unknown>);
      sumA = (sumA - h.entryA) | 0;
      sumB = (sumB - h.entryB) | 0;
      count--;
    }
    const now = Object.hasOwn(after, id) ? after[id] : undefined;
    if (now !== undefined) {
      h.objectEntry(id, now as unknown as Record<string, unknown>);
      sumA = (sumA + h.entryA) | 0;
      sumB = (sumB + h.entryB) | 0;
      count++;
    }
  }
  memo.set(after, new RecordParts(count, sumA, sumB));
}

/**
 * The FNV-1a hash of a text, as two unsigned 32-bit lanes (for callers that combine hashes:
 * the autoplayer's memo of positions it has seen).
 */
export function hashText(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ (c + 0x9e), 0x01000197);
  }
  return [a >>> 0, b >>> 0];
}
