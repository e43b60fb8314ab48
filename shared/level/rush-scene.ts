/**
 * What a rush episode writes with: the scene it plays in (the draft, the randomness,
 * the module's own variables) and small builders that write one line of module code
 * together with the ops it runs.
 *
 * Every value that lands on the heap is made while the program runs (`who + '...'`,
 * `base * 1000`, `[base, base]`), never a constant the compiler folds, so the identity
 * answers hold in CPython exactly as the game plays them.
 */
import { type Draft, pyStr } from './rush-draft';
import type { RushFunctions } from './rush-functions';
import type { Rng } from './rush-random';
import type { NewObject, Op, ValueSpec } from './schema';

/** 1 calm (one object a line, narration), 2 brisk, 3 full rush (containers in containers). */
export type Intensity = 1 | 2 | 3;

export interface Scene {
  draft: Draft;
  rng: Rng;
  fns: RushFunctions;
  intensity: Intensity;
  /** The module's small int and its value (3..99). */
  base: { name: string; value: number };
  /** The module's interned string and its value (an identifier). */
  who: { name: string; value: string };
  recursionLimit: number;
  /** Module names still bound to heap objects, that a stage may `del` to make garbage. */
  leftovers: string[];
}

type OpAt = (line: number) => Op;

/** Write one module line and the ops it runs. */
export function line(s: Scene, text: string, ...ops: OpAt[]): number {
  const at = s.draft.moduleLine(text);
  for (const make of ops) s.draft.emit(make(at));
  return at;
}

export const make =
  (...objects: NewObject[]): OpAt =>
  (at) => ({ op: 'new', line: at, objects });
export const bind =
  (name: string, value: ValueSpec): OpAt =>
  (at) => ({ op: 'bind', line: at, name, value });
export const unbind =
  (name: string): OpAt =>
  (at) => ({ op: 'unbind', line: at, name });
export const append =
  (target: string, value: ValueSpec): OpAt =>
  (at) => ({ op: 'set', line: at, target: { name: target }, value });
export const store =
  (target: string, key: string, value: ValueSpec): OpAt =>
  (at) => ({ op: 'set', line: at, target: { name: target }, index: key, value });

/** The value a name holds in the running frame. */
export const named = (name: string): ValueSpec => ({ name });

/** A new object bound to `bindName`, or a temporary the line uses and lets go when it has no name. */
export function obj(
  s: Scene,
  bindName: string | null,
  value: ValueSpec,
  prefix = bindName ?? 'tmp',
): NewObject {
  const o: NewObject = { id: s.draft.objectId(prefix), value };
  if (bindName) o.bind = bindName;
  return o;
}

/** An int as a value spec: a number while it is exact in JavaScript, a decimal string beyond. */
export function intSpec(value: bigint): ValueSpec {
  const n = Number(value);
  return Number.isSafeInteger(n) ? { int: n } : { int: value.toString() };
}

export interface Expr<T> {
  text: string;
  value: T;
}

/** A runtime expression of `base` that makes an int too big for the small-int cache. */
export function bigInt(s: Scene): Expr<bigint> {
  const { name, value } = s.base;
  const b = BigInt(value);
  const forms: Expr<bigint>[] = [
    { text: `${name} * 1000`, value: b * 1000n },
    { text: `${name} * 4096`, value: b * 4096n },
    { text: `${name} * 1000000007`, value: b * 1000000007n },
    { text: `${name} ** 12`, value: b ** 12n },
    { text: `${name} ** 25`, value: b ** 25n },
  ];
  if (value >= 9) forms.push({ text: `2 ** ${name}`, value: 2n ** b });
  return s.rng.pick(forms);
}

/** A runtime string built from `who`: never an identifier, so never interned. */
export function newText(s: Scene): Expr<string> {
  const tail = s.rng.pick([' rocks!', ' was here', ' & friends', ', hi!', ' wins!', ' v2.0', ' says hi']);
  return { text: `${s.who.name} + ${pyStr(tail)}`, value: s.who.value + tail };
}

/** Print a line and say it in the narration. */
export function say(s: Scene, text: string, indent = ''): void {
  line(s, `${indent}print(${pyStr(text)})`, (at) => ({ op: 'say', line: at, text }));
}

/** Narration: always in calm stages, sometimes in brisk ones, never at full rush. */
export function narrate(s: Scene, text: string): void {
  const chance = s.intensity === 1 ? 1 : s.intensity === 2 ? 0.25 : 0;
  if (chance > 0 && s.rng.chance(chance)) say(s, text);
}

/** `print(expr)` of a bool, asked before it is shown. */
export function ask(
  expr: string,
  answer: boolean,
  explain: string,
  concept: 'identity' | 'references',
): OpAt {
  return (at) => ({
    op: 'ask',
    line: at,
    question: `What does print(${expr}) show?`,
    options: ['True', 'False'],
    correct: answer ? 0 : 1,
    concept,
    explain,
  });
}
