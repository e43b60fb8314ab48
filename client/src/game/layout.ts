/**
 * Where each part of the board goes. Two arrangements: wide (laptop, projector) and compact
 * (phone in portrait: everything in one column, the stack above the heap, bigger touch
 * targets). All numbers are canvas pixels; `unit` converts design pixels (a 1280×720
 * screen, or a 390-wide phone) into them, so text grows with the screen.
 */
import { fitHeapGrid, type HeapGrid, type Rect } from './heap-grid';

export interface BoardLayout {
  width: number;
  height: number;
  compact: boolean;
  /** Canvas pixels per design pixel. */
  unit: number;
  /** Font sizes in canvas pixels. */
  font: { small: number; body: number; code: number; title: number; request: number; huge: number };
  /** Smallest side of anything tappable, in canvas pixels. */
  touch: number;
  pad: number;
  hud: Rect;
  source: Rect;
  request: Rect;
  stack: Rect;
  heap: Rect;
  grid: HeapGrid;
  shelf: Rect;
  info: Rect;
}

export interface LayoutInput {
  width: number;
  height: number;
  /** Canvas pixels per CSS pixel (device pixel ratio, capped). */
  pixelRatio: number;
  /** Force the phone layout; chosen from the shape when undefined. */
  compact?: boolean;
  heapCells: number;
}

/** Portrait screens, and anything narrower than a small tablet, get the one-column layout. */
export function prefersCompact(cssWidth: number, cssHeight: number): boolean {
  return cssWidth < 700 || cssHeight > cssWidth * 1.15;
}

export function computeLayout(input: LayoutInput): BoardLayout {
  const { width, height, pixelRatio } = input;
  const compact = input.compact ?? prefersCompact(width / pixelRatio, height / pixelRatio);
  return compact ? compactLayout(input) : wideLayout(input);
}

function fonts(unit: number, compact: boolean): BoardLayout['font'] {
  const f = (n: number) => Math.round(n * unit);
  return compact
    ? { small: f(11), body: f(13), code: f(12.5), title: f(15), request: f(19), huge: f(28) }
    : { small: f(12), body: f(15), code: f(15), title: f(18), request: f(24), huge: f(40) };
}

function wideLayout({ width, height, pixelRatio, heapCells }: LayoutInput): BoardLayout {
  // Grow with the screen like a 1280×720 design, but never below the device's own pixels.
  const unit = Math.max(pixelRatio * 0.75, Math.min(width / 1280, height / 720));
  const pad = Math.round(8 * unit);
  const hudH = Math.round(46 * unit);
  const infoH = Math.round(40 * unit);
  const top = hudH + pad;
  const bottom = height - infoH - pad;
  const sourceW = Math.round(Math.min(0.29 * width, 420 * unit));
  const requestH = Math.round(132 * unit);
  const workX = pad + sourceW + pad;
  const workW = width - workX - pad;
  const stackW = Math.round(Math.min(250 * unit, workW * 0.3));
  const shelfH = Math.round(58 * unit);
  const heapX = workX + stackW + pad;
  const heapY = top + requestH + pad;
  const heap: Rect = { x: heapX, y: heapY, w: width - heapX - pad, h: bottom - heapY - shelfH - pad };
  const font = fonts(unit, false);
  return {
    width,
    height,
    compact: false,
    unit,
    font,
    touch: Math.round(36 * unit),
    pad,
    hud: { x: 0, y: 0, w: width, h: hudH },
    source: { x: pad, y: top, w: sourceW, h: bottom - top },
    request: { x: workX, y: top, w: workW, h: requestH },
    stack: { x: workX, y: heapY, w: stackW, h: bottom - heapY },
    heap,
    grid: heapGridIn(heap, heapCells, font.small, unit),
    shelf: { x: heapX, y: bottom - shelfH, w: heap.w, h: shelfH },
    info: { x: pad, y: height - infoH, w: width - 2 * pad, h: infoH - pad / 2 },
  };
}

function compactLayout({ width, height, pixelRatio, heapCells }: LayoutInput): BoardLayout {
  const unit = Math.max(pixelRatio * 0.92, Math.min(width / 390, height / 760));
  const pad = Math.round(6 * unit);
  const w = width - 2 * pad;
  const touch = Math.round(Math.max(44 * pixelRatio, 44 * unit));
  // One column, top to bottom. Each part has the height it would like and the least it can
  // live with; on a short screen (or a short box in the page) they give way in proportion.
  const parts = {
    hud: { min: 34, want: 40 },
    source: { min: 52, want: Math.min(112, (height / unit) * 0.15) },
    request: { min: 96 + touch / unit, want: 150 },
    stack: { min: 92, want: Math.min(150, (height / unit) * 0.19) },
    heap: { min: 110, want: 0 },
    shelf: { min: 36, want: 46 },
    info: { min: 40, want: 50 },
  };
  const heights = share(parts, height / unit - pad / unit, pad / unit);
  const px = (n: number) => Math.round(n * unit);
  let y = 0;
  const next = (h: number, inset = true): Rect => {
    const r = { x: inset ? pad : 0, y, w: inset ? w : width, h: px(h) };
    y += px(h) + pad;
    return r;
  };
  const hud = next(heights.hud, false);
  const source = next(heights.source);
  const request = next(heights.request);
  const stack = next(heights.stack);
  const heap = next(heights.heap);
  const shelf = next(heights.shelf);
  const info = { x: pad, y, w, h: Math.max(px(heights.info) - pad / 2, height - y - pad / 2) };
  const font = fonts(unit, true);
  return {
    width,
    height,
    compact: true,
    unit,
    font,
    touch,
    pad,
    hud,
    source,
    request,
    stack,
    heap,
    grid: heapGridIn(heap, heapCells, font.small, unit),
    shelf,
    info,
  };
}

/**
 * Share `total` design pixels (less a gap after each part) among parts: every part gets
 * what it wants and the heap takes what is left; when that does not fit, each part gives
 * up a share of its slack (want - min) until it does, and below the minimums all shrink.
 */
export function share<K extends string>(
  parts: Record<K, { min: number; want: number }>,
  total: number,
  gap: number,
): Record<K, number> {
  const keys = Object.keys(parts) as K[];
  const room = total - gap * keys.length;
  const heapKey = 'heap' as K;
  const others = keys.filter((k) => k !== heapKey);
  const wanted = others.reduce((n, k) => n + parts[k].want, 0);
  const out = {} as Record<K, number>;
  const heapMin = parts[heapKey]?.min ?? 0;
  if (wanted + heapMin <= room) {
    for (const k of others) out[k] = parts[k].want;
    out[heapKey] = room - wanted;
    return out;
  }
  const mins = keys.reduce((n, k) => n + parts[k].min, 0);
  const slack = others.reduce((n, k) => n + (parts[k].want - parts[k].min), 0);
  if (mins <= room && slack > 0) {
    const keep = (room - mins) / slack;
    for (const k of others) out[k] = parts[k].min + (parts[k].want - parts[k].min) * keep;
    out[heapKey] = heapMin;
    return out;
  }
  const scale = room / mins;
  for (const k of keys) out[k] = parts[k].min * scale;
  return out;
}

/** The heap grid inside its panel: a header line for the title, an address gutter on the left. */
function heapGridIn(heap: Rect, cells: number, smallFont: number, unit: number): HeapGrid {
  const header = Math.round(smallFont * 1.7);
  const gutter = Math.round(smallFont * 7.3);
  const inner: Rect = {
    x: heap.x + 4 * unit,
    y: heap.y + header,
    w: heap.w - 8 * unit,
    h: heap.h - header - 4 * unit,
  };
  return fitHeapGrid(inner, Math.max(1, cells), gutter, Math.round(20 * unit), Math.round(96 * unit));
}

/** Widths (canvas pixels) of what shares the header with the level's title. */
export interface HudWidths {
  clock: number;
  /** The mode tag (WATCHING, REPLAY, DEMO), 0 when there is none. */
  tag: number;
  stars: number;
  /** Room kept for the score: its widest number of the same digit count, so it can change alone. */
  score: number;
}

export interface HudSlots {
  help: Rect;
  /** Right edges of the right-aligned items, right to left. */
  clockRight: number;
  tagRight: number;
  starsRight: number;
  scoreRight: number;
  /** The title is left-aligned here and must be no wider than `titleW`. */
  titleX: number;
  titleW: number;
  /** The widths these slots were made for. */
  widths: HudWidths;
}

/**
 * The header, right to left: help button, clock, mode tag, stars, score, and the title in
 * what is left, with a gap before the score so that the two never touch.
 */
export function hudSlots(layout: BoardLayout, widths: HudWidths): HudSlots {
  const r = layout.hud;
  const gap = layout.pad * 2;
  const help = { x: r.x + r.w - layout.pad - r.h * 0.8, y: r.y + r.h * 0.1, w: r.h * 0.8, h: r.h * 0.8 };
  const clockRight = help.x - layout.pad;
  const tagRight = clockRight - widths.clock - gap;
  const starsRight = widths.tag > 0 ? tagRight - widths.tag - gap : tagRight;
  const scoreRight = starsRight - widths.stars - gap;
  const titleX = r.x + layout.pad * 1.5;
  const titleW = Math.max(0, scoreRight - widths.score - gap - titleX);
  return { help, clockRight, tagRight, starsRight, scoreRight, titleX, titleW, widths };
}

/** True when a point is inside a rectangle (edges included). */
export function inside(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
}
