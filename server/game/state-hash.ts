/**
 * The simulator's `hash(state)`, computed faster for the server's hot path and giving
 * the very same digest (a test checks this against `hash` on thousands of states).
 *
 * Why: every acknowledgement carries the state hash, and hashing was the largest cost
 * of an action. The simulator's states are immutable and share every unchanged part
 * with the previous state (a plain tick copies only the top level). So the canonical
 * text of each sub-object is remembered by identity, and so are the two FNV-1a lanes
 * after feeding it from given lanes: the lanes run over the same characters, in the same
 * order, as the simulator's streaming hasher, but an unchanged part is never fed twice.
 */
import type { GameState } from '../../shared/sim/types';

const FNV_PRIME = 0x01000193;
const texts = new WeakMap<object, string>();
const digests = new WeakMap<GameState, string>();

function quoted(s: string): string {
  return `"${s.includes('"') || s.includes('\\') ? s.replace(/["\\]/g, '\\$&') : s}"`;
}

function canonical(v: unknown): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'string':
      return quoted(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'n';
    case 'boolean':
      return v ? 't' : 'f';
    case 'object': {
      const cached = texts.get(v);
      if (cached !== undefined) return cached;
      const text = Array.isArray(v) ? canonicalArray(v) : canonicalRecord(v as Record<string, unknown>);
      texts.set(v, text);
      return text;
    }
    default:
      return 'n';
  }
}

function canonicalArray(v: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < v.length; i++) {
    if (i > 0) text += ',';
    text += canonical(v[i] === undefined ? null : v[i]);
  }
  return `${text}]`;
}

function canonicalRecord(v: Record<string, unknown>, skip?: string): string {
  const keys = Object.keys(v).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const item = v[key];
    if (item === undefined || key === skip || typeof item === 'function') continue;
    if (!first) text += ',';
    first = false;
    text += `${quoted(key)}:${canonical(item)}`;
  }
  return `${text}}`;
}

type Lanes = readonly [number, number];

/** Feeds `text` to both FNV-1a lanes, as the simulator's streaming hasher does. */
function feed([a0, b0]: Lanes, text: string): Lanes {
  let a = a0;
  let b = b0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ (c + 0x9e), 0x01000197);
  }
  return [a, b];
}

/**
 * Lanes after feeding an object's canonical text, remembered per (lanes before, object):
 * a tick changes `tick` and perhaps `tally`, so every larger part in front is a hit.
 */
const fed = new WeakMap<object, Map<string, Lanes>>();
const FED_PER_OBJECT = 8;

function feedValue(lanes: Lanes, value: unknown): Lanes {
  if (typeof value !== 'object' || value === null) return feed(lanes, canonical(value));
  const key = `${lanes[0]},${lanes[1]}`;
  let byLanes = fed.get(value);
  const hit = byLanes?.get(key);
  if (hit) return hit;
  const result = feed(lanes, canonical(value));
  if (!byLanes || byLanes.size >= FED_PER_OBJECT) {
    byLanes = new Map();
    fed.set(value, byLanes);
  }
  byLanes.set(key, result);
  return result;
}

/** Equal to `hash(state)` from the simulator. */
export function stateHash(state: GameState): string {
  let digest = digests.get(state);
  if (digest !== undefined) return digest;
  const record = state as unknown as Record<string, unknown>;
  let lanes = feed([0x811c9dc5, 0x050c5d1f], `${quoted(state.level.id)}{`);
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined || key === 'level' || typeof item === 'function') continue;
    lanes = feed(lanes, `${first ? '' : ','}${quoted(key)}:`);
    first = false;
    lanes = feedValue(lanes, item);
  }
  const [a, b] = feed(lanes, '}');
  digest = (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  digests.set(state, digest);
  return digest;
}
