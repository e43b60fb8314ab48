/**
 * Making text fit a box by measuring it, not by guessing from its length: a bold title in a
 * proportional font is far wider per letter than a line of lower-case text, and a guess
 * that suits one runs the other into its neighbour. The maths takes the measuring function
 * as a parameter, so it is tested without a browser.
 */
import { MONO, SANS } from './palette';

export interface FontSpec {
  size: number;
  bold?: boolean;
  mono?: boolean;
}

/** Width in pixels of one line of text in a font. */
export type Measure = (text: string, font: FontSpec) => number;

/** Line height used for text laid out here, as a multiple of the font size (Phaser's is ~1.2). */
export const LINE_HEIGHT = 1.3;

export function cssFont(f: FontSpec): string {
  return `${f.bold ? 'bold ' : ''}${Math.max(6, Math.round(f.size))}px ${f.mono ? MONO : SANS}`;
}

/** A generous guess for when nothing can measure (no canvas): wide enough for bold sans capitals. */
export const estimate: Measure = (text, f) => text.length * f.size * (f.mono ? 0.61 : f.bold ? 0.66 : 0.6);

let context: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();

/** The browser's own measure (a shared 2D canvas, never attached to the page), cached. */
export const measureText: Measure = (text, f) => {
  if (context === undefined) {
    context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  if (!context) return estimate(text, f);
  const font = cssFont(f);
  const key = `${font}\u0000${text}`;
  let w = cache.get(key);
  if (w === undefined) {
    if (cache.size > 2000) cache.clear();
    context.font = font;
    w = context.measureText(text).width;
    cache.set(key, w);
  }
  return w;
};

/** The longest start of `text` (with an ellipsis when cut) no wider than `width`. */
export function ellipsizeToWidth(text: string, width: number, font: FontSpec, measure: Measure): string {
  if (measure(text, font) <= width) return text;
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${text.slice(0, mid).trimEnd()}…`, font) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${text.slice(0, lo).trimEnd()}…`;
}

/** Words on lines no wider than `width`; a word longer than a line is cut to fit it. */
export function wrapLines(text: string, width: number, font: FontSpec, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (measure(joined, font) <= width) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (line.length > 1 && measure(line, font) > width) {
      let cut = line.length - 1;
      while (cut > 1 && measure(line.slice(0, cut), font) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface FittedBlock {
  size: number;
  lines: string[];
  /** Height the lines take at LINE_HEIGHT. */
  height: number;
}

/**
 * The largest font size from `max` down to `min` at which `text`, wrapped to `width`, fits
 * in `height`. At `min` it keeps the lines that fit, the last one ending in an ellipsis.
 */
export function fitBlock(
  text: string,
  box: { width: number; height: number },
  sizes: { max: number; min: number },
  style: Omit<FontSpec, 'size'>,
  measure: Measure,
): FittedBlock {
  const step = Math.max(0.5, (sizes.max - sizes.min) / 8);
  for (let size = sizes.max; size > sizes.min; size -= step) {
    const lines = wrapLines(text, box.width, { ...style, size }, measure);
    const height = lines.length * size * LINE_HEIGHT;
    if (height <= box.height) return { size, lines, height };
  }
  const size = sizes.min;
  const font = { ...style, size };
  const all = wrapLines(text, box.width, font, measure);
  const room = Math.max(1, Math.floor(box.height / (size * LINE_HEIGHT)));
  if (all.length <= room) return { size, lines: all, height: all.length * size * LINE_HEIGHT };
  const lines = all.slice(0, room);
  lines[room - 1] = ellipsizeToWidth(`${lines[room - 1]} ${all[room]}`, box.width, font, measure);
  return { size, lines, height: room * size * LINE_HEIGHT };
}
