/**
 * What the player reads on an object: Python's repr, kept short. A container shows its
 * items' labels, but a nested container only as `[…]`, so that changing one object never
 * changes the label of another.
 */
import type { ObjectKind, SimObject } from './types';

const MAX_LABEL = 40;

export function truncate(text: string, closing = ''): string {
  if (text.length <= MAX_LABEL) return text;
  return `${text.slice(0, MAX_LABEL - 1 - closing.length)}…${closing}`;
}

export function intLabel(value: bigint): string {
  const text = value.toString();
  if (text.length <= MAX_LABEL) return text;
  return `${text.slice(0, 12)}…(${text.replace('-', '').length} digits)`;
}

/** Python's float repr for the values JSON can carry. */
export function floatLabel(value: number): string {
  const size = Math.abs(value);
  if (Number.isInteger(value) && size < 1e16) return `${value}.0`;
  const text = size >= 1e16 || (size > 0 && size < 1e-4) ? value.toExponential() : String(value);
  const m = /^(.*)e([+-])(\d+)$/.exec(text);
  return m ? `${m[1]}e${m[2]}${m[3]!.padStart(2, '0')}` : text;
}

export function strLabel(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === quote) out += `\\${quote}`;
    else out += ch;
  }
  return truncate(`${quote}${out}${quote}`, quote);
}

export function bytesLabel(length: number): string {
  return length === 0 ? "b''" : `bytes(${length})`;
}

const SHORT: Partial<Record<ObjectKind, string>> = { list: '[…]', tuple: '(…)', dict: '{…}', set: '{…}' };
const EMPTY: Partial<Record<ObjectKind, string>> = { list: '[]', tuple: '()', dict: '{}', set: 'set()' };

function itemLabel(objects: Record<string, SimObject>, id: string): string {
  const item = objects[id];
  if (!item) return '?';
  if (item.refs.length === 0) return EMPTY[item.kind] ?? item.label;
  return SHORT[item.kind] ?? item.label;
}

/** The label of a container from its current items. */
export function containerLabel(objects: Record<string, SimObject>, kind: ObjectKind, refs: string[]): string {
  if (refs.length === 0) return EMPTY[kind] ?? '';
  const shown = refs.slice(0, 24);
  if (kind === 'dict') {
    const pairs: string[] = [];
    for (let i = 0; i + 1 < shown.length; i += 2) {
      pairs.push(`${itemLabel(objects, shown[i]!)}: ${itemLabel(objects, shown[i + 1]!)}`);
    }
    return truncate(`{${pairs.join(', ')}${refs.length > shown.length ? ', …' : ''}}`, '}');
  }
  const items = shown.map((id) => itemLabel(objects, id));
  const more = refs.length > shown.length ? ', …' : '';
  if (kind === 'tuple') return truncate(`(${items.join(', ')}${refs.length === 1 ? ',' : ''}${more})`, ')');
  if (kind === 'set') return truncate(`{${items.join(', ')}${more}}`, '}');
  return truncate(`[${items.join(', ')}${more}]`, ']');
}

/** A frame's name as Python's traceback prints it: `f()` for a call, `<module>` alone. */
export function frameName(fn: string): string {
  return fn === '<module>' ? fn : `${fn}()`;
}
