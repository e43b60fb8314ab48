/**
 * A thin SVG layer laid over the board's WebGL canvas, for what changes while the board
 * itself does not: the keyboard cursor, the placement ghost, the hover outline, the light
 * on what just changed, the clock. Rendering the WebGL canvas again means compositing the
 * whole board (with a software renderer, or three boards at 2× on one laptop, tens of
 * milliseconds a frame); this layer changes a few attributes and the browser repaints only
 * the small areas they cover. It takes no input: pointers pass through to the board.
 *
 * Drawing is immediate-mode over a pool of elements: `begin()`, a few shapes, `end()`; an
 * element is only touched when what it shows changed.
 */
import type { Rect } from './heap-grid';
import { cssColor, MONO, SANS } from './palette';
import { measureText } from './text-fit';

export interface LabelStyle {
  size: number;
  color: string;
  bold?: boolean;
  mono?: boolean;
  background?: string;
  /** 0..1 along each axis, like Phaser's origin. */
  originX?: number;
  originY?: number;
}

const SVG = 'http://www.w3.org/2000/svg';
/** Pattern ids are page-wide: several boards may share a page. */
let patternCount = 0;

type Kind = 'rect' | 'text' | 'path';

interface Slot {
  el: SVGElement;
  attrs: Record<string, string>;
  text?: string;
  shown: boolean;
}

export class LiveLayer {
  readonly root: SVGSVGElement;
  private readonly defs: SVGDefsElement;
  /** Shapes below, text above: a label's box never covers another label. */
  private readonly shapes: SVGGElement;
  private readonly texts: SVGGElement;
  private readonly pools: Record<Kind, Slot[]> = { rect: [], text: [], path: [] };
  private readonly used: Record<Kind, number> = { rect: 0, text: 0, path: 0 };
  private readonly patterns = new Map<string, string>();
  private alpha = 1;
  /** Pictures painted (for the frame-rate checks). */
  paints = 0;

  constructor(private readonly board: HTMLCanvasElement) {
    const root = document.createElementNS(SVG, 'svg');
    root.setAttribute('class', 'arena-live');
    root.setAttribute('aria-hidden', 'true');
    root.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;overflow:hidden;';
    this.defs = document.createElementNS(SVG, 'defs');
    this.shapes = document.createElementNS(SVG, 'g');
    this.texts = document.createElementNS(SVG, 'g');
    root.append(this.defs, this.shapes, this.texts);
    board.insertAdjacentElement('afterend', root);
    this.root = root;
  }

  /** Match the board canvas: its pixels as the coordinates, its place and size on the page. */
  fit(): void {
    const b = this.board;
    const s = this.root.style;
    this.root.setAttribute('viewBox', `0 0 ${b.width} ${b.height}`);
    s.width = b.style.width || `${b.clientWidth}px`;
    s.height = b.style.height || `${b.clientHeight}px`;
    s.left = `${b.offsetLeft}px`;
    s.top = `${b.offsetTop}px`;
  }

  /** Start a new picture. */
  begin(): void {
    this.paints++;
    this.alpha = 1;
    this.used.rect = 0;
    this.used.text = 0;
    this.used.path = 0;
  }

  /** Hide what this picture did not use. */
  end(): void {
    for (const kind of ['rect', 'text', 'path'] as const) {
      const pool = this.pools[kind];
      for (let i = this.used[kind]; i < pool.length; i++) {
        const slot = pool[i]!;
        if (slot.shown) {
          slot.el.style.display = 'none';
          slot.shown = false;
        }
      }
    }
  }

  /** Opacity of what is drawn next (the fading light on what changed). */
  setAlpha(alpha: number): void {
    this.alpha = alpha;
  }

  fillRect(r: Rect, color: number, alpha = 1): void {
    this.rect(r, { fill: cssColor(color), 'fill-opacity': num(alpha), stroke: 'none' });
  }

  strokeRect(r: Rect, width: number, color: number, radius = 0): void {
    this.rect(r, {
      fill: 'none',
      stroke: cssColor(color),
      'stroke-width': num(width),
      'stroke-dasharray': 'none',
      rx: num(radius),
    });
  }

  dashedRect(r: Rect, dash: number, width: number, color: number): void {
    this.rect(r, {
      fill: 'none',
      stroke: cssColor(color),
      'stroke-width': num(width),
      'stroke-dasharray': `${num(dash)} ${num(dash)}`,
    });
  }

  /** Diagonal stripes over a rectangle (a placement that would overlap). */
  hatch(r: Rect, gap: number, width: number, color: number): void {
    this.rect(r, { fill: `url(#${this.pattern(gap, width, color)})`, stroke: 'none' });
  }

  /** One line of text, optionally on a filled box; returns the box it took. */
  label(text: string, x: number, y: number, s: LabelStyle): Rect {
    if (!text) return { x, y, w: 0, h: 0 };
    const size = Math.max(6, Math.round(s.size));
    const padX = s.background ? Math.round(size * 0.25) : 0;
    const w = Math.ceil(measureText(text, { size, bold: s.bold, mono: s.mono }) + 2 * padX);
    const h = Math.round(size * 1.25);
    const box = { x: Math.round(x - w * (s.originX ?? 0)), y: Math.round(y - h * (s.originY ?? 0)), w, h };
    if (s.background) this.rect(box, { fill: s.background, stroke: 'none' });
    const slot = this.next('text', {
      x: num(box.x + padX),
      y: num(box.y + h / 2),
      'dominant-baseline': 'central',
      'font-family': s.mono ? MONO : SANS,
      'font-size': String(size),
      'font-weight': s.bold ? 'bold' : 'normal',
      fill: s.color,
    });
    if (slot.text !== text) {
      slot.el.textContent = text;
      slot.text = text;
    }
    return box;
  }

  destroy(): void {
    this.root.remove();
  }

  private rect(r: Rect, attrs: Record<string, string>): void {
    this.next('rect', {
      x: num(r.x),
      y: num(r.y),
      width: num(Math.max(0, r.w)),
      height: num(Math.max(0, r.h)),
      rx: '0',
      ...attrs,
    });
  }

  /** The next pooled element of a kind, with these attributes (only changed ones are set). */
  private next(kind: Kind, attrs: Record<string, string>): Slot {
    const pool = this.pools[kind];
    let slot = pool[this.used[kind]];
    if (!slot) {
      const el = document.createElementNS(SVG, kind);
      (kind === 'text' ? this.texts : this.shapes).appendChild(el);
      slot = { el, attrs: {}, shown: true };
      pool.push(slot);
    }
    this.used[kind]++;
    attrs.opacity = num(this.alpha);
    for (const [k, v] of Object.entries(attrs)) {
      if (slot.attrs[k] !== v) {
        slot.el.setAttribute(k, v);
        slot.attrs[k] = v;
      }
    }
    if (!slot.shown) {
      slot.el.style.display = '';
      slot.shown = true;
    }
    return slot;
  }

  private pattern(gap: number, width: number, color: number): string {
    const key = `${num(gap)}-${num(width)}-${color}`;
    let id = this.patterns.get(key);
    if (id) return id;
    id = `arena-hatch-${++patternCount}`;
    const p = document.createElementNS(SVG, 'pattern');
    p.setAttribute('id', id);
    p.setAttribute('patternUnits', 'userSpaceOnUse');
    p.setAttribute('width', num(gap));
    p.setAttribute('height', num(gap));
    p.setAttribute('patternTransform', 'rotate(45)');
    const line = document.createElementNS(SVG, 'rect');
    line.setAttribute('x', '0');
    line.setAttribute('y', '0');
    line.setAttribute('width', num(width));
    line.setAttribute('height', num(gap));
    line.setAttribute('fill', cssColor(color));
    p.appendChild(line);
    this.defs.appendChild(p);
    this.patterns.set(key, id);
    return id;
  }
}

function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}
