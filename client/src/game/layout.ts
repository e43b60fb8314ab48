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
  const hudH = Math.round(40 * unit);
  const sourceH = Math.round(Math.min(112 * unit, height * 0.15));
  const requestH = Math.round(150 * unit);
  const stackH = Math.round(Math.min(150 * unit, height * 0.19));
  const shelfH = Math.round(46 * unit);
  const infoH = Math.round(50 * unit);
  let y = hudH + pad;
  const source: Rect = { x: pad, y, w, h: sourceH };
  y += sourceH + pad;
  const request: Rect = { x: pad, y, w, h: requestH };
  y += requestH + pad;
  const stack: Rect = { x: pad, y, w, h: stackH };
  y += stackH + pad;
  const heapBottom = height - infoH - shelfH - pad;
  const heap: Rect = { x: pad, y, w, h: Math.max(Math.round(80 * unit), heapBottom - y - pad) };
  const font = fonts(unit, true);
  return {
    width,
    height,
    compact: true,
    unit,
    font,
    touch: Math.round(Math.max(44 * pixelRatio, 44 * unit)),
    pad,
    hud: { x: 0, y: 0, w: width, h: hudH },
    source,
    request,
    stack,
    heap,
    grid: heapGridIn(heap, heapCells, font.small, unit),
    shelf: { x: pad, y: heap.y + heap.h + pad, w, h: shelfH },
    info: { x: pad, y: height - infoH, w, h: infoH - pad / 2 },
  };
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

/** True when a point is inside a rectangle (edges included). */
export function inside(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
}
