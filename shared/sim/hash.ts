/**
 * A stable 64-bit hash of the dynamic state (two FNV-1a lanes) over a canonical
 * serialisation: sorted keys, undefined fields skipped as JSON does. The level is left
 * out (it is shared and never changes) except for its id. Used to detect desyncs.
 */
import type { GameState } from './types';

const FNV_PRIME = 0x01000193;

class Hasher {
  a = 0x811c9dc5;
  b = 0x050c5d1f;

  text(s: string): void {
    let { a, b } = this;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, FNV_PRIME);
      b = Math.imul(b ^ (c + 0x9e), 0x01000197);
    }
    this.a = a;
    this.b = b;
  }

  value(v: unknown): void {
    if (v === null) {
      this.text('n');
      return;
    }
    switch (typeof v) {
      case 'string':
        this.text('"');
        this.text(v.includes('"') || v.includes('\\') ? v.replace(/["\\]/g, '\\$&') : v);
        this.text('"');
        return;
      case 'number':
        this.text(Number.isFinite(v) ? String(v) : 'n');
        return;
      case 'boolean':
        this.text(v ? 't' : 'f');
        return;
      case 'object':
        if (Array.isArray(v)) {
          this.text('[');
          for (let i = 0; i < v.length; i++) {
            if (i > 0) this.text(',');
            this.value(v[i] === undefined ? null : v[i]);
          }
          this.text(']');
          return;
        }
        this.record(v as Record<string, unknown>);
        return;
      default:
        this.text('n');
    }
  }

  record(v: Record<string, unknown>, skip?: string): void {
    const keys = Object.keys(v).sort();
    this.text('{');
    let first = true;
    for (const key of keys) {
      const item = v[key];
      if (item === undefined || key === skip || typeof item === 'function') continue;
      if (!first) this.text(',');
      first = false;
      this.value(key);
      this.text(':');
      this.value(item);
    }
    this.text('}');
  }

  digest(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}

export function hash(state: GameState): string {
  const h = new Hasher();
  h.value(state.level.id);
  h.record(state as unknown as Record<string, unknown>, 'level');
  return h.digest();
}

/** The hash of a text, as two unsigned 32-bit lanes (for callers that combine hashes). */
export function hashText(text: string): [number, number] {
  const h = new Hasher();
  h.text(text);
  return [h.a >>> 0, h.b >>> 0];
}
