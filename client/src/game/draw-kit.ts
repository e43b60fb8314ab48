/**
 * Drawing primitives shared by the board's parts: panels, buttons, kind markers, hatching,
 * arrows. Each part of the board draws through a `DrawContext` and registers what can be
 * tapped in `hits`.
 */
import * as Phaser from 'phaser';
import type { BoardModel } from './board-model';
import type { Lit } from './draw-live';
import type { Rect } from './heap-grid';
import type { Hits } from './hits';
import type { BoardLayout } from './layout';
import { type Marker, THEME } from './palette';
import type { TextPool } from './text-pool';

export interface Layers {
  panels: Phaser.GameObjects.Graphics;
  cells: Phaser.GameObjects.Graphics;
  objects: Phaser.GameObjects.Graphics;
  arrows: Phaser.GameObjects.Graphics;
  marks: Phaser.GameObjects.Graphics;
  cards: Phaser.GameObjects.Graphics;
}

export interface Point {
  x: number;
  y: number;
}

export interface DrawContext {
  layout: BoardLayout;
  model: BoardModel;
  texts: TextPool;
  hits: Hits;
  g: Layers;
  /** Outlines of what changed since the last state, for the live layer to light and fade. */
  lit: Lit[];
  /** Called by buttons; the scene turns these into actions or view changes. */
  command: (name: string) => void;
}

export function panel(
  g: Phaser.GameObjects.Graphics,
  r: Rect,
  radius: number,
  fill: number = THEME.panel,
): void {
  g.fillStyle(fill, 1);
  g.fillRoundedRect(r.x, r.y, r.w, r.h, radius);
  g.lineStyle(Math.max(1, radius / 6), THEME.panelEdge, 1);
  g.strokeRoundedRect(r.x, r.y, r.w, r.h, radius);
}

export interface ButtonSpec {
  name: string;
  label: string;
  /** A smaller second line: what the button acts on (`c()`, `RecursionError`, `2 marked`). */
  sub?: string;
  /** The key that does the same, printed in the corner so keyboard play is discoverable. */
  key?: string;
  enabled?: boolean;
  /** Drawn brighter: the button that answers the pending request. */
  hot?: boolean;
  focused?: boolean;
  depth?: number;
}

export function button(ctx: DrawContext, g: Phaser.GameObjects.Graphics, r: Rect, spec: ButtonSpec): void {
  const { layout, texts, hits } = ctx;
  const enabled = spec.enabled ?? true;
  const radius = Math.round(6 * layout.unit);
  g.fillStyle(spec.hot ? THEME.buttonHot : THEME.button, enabled ? 1 : 0.45);
  g.fillRoundedRect(r.x, r.y, r.w, r.h, radius);
  g.lineStyle(
    Math.max(2, Math.round(2 * layout.unit)),
    spec.hot ? THEME.focus : THEME.buttonEdge,
    enabled ? 1 : 0.4,
  );
  g.strokeRoundedRect(r.x, r.y, r.w, r.h, radius);
  if (spec.focused) {
    g.lineStyle(Math.round(3 * layout.unit), THEME.focus, 1);
    g.strokeRoundedRect(
      r.x - 3 * layout.unit,
      r.y - 3 * layout.unit,
      r.w + 6 * layout.unit,
      r.h + 6 * layout.unit,
      radius,
    );
  }
  const depth = spec.depth ?? 6;
  const room = r.w - 10 * layout.unit;
  const sizeFor = (text: string, max: number) => Math.min(max, room / (Math.max(4, longestWord(text)) * 0.6));
  const alpha = enabled ? 1 : 0.5;
  const size = sizeFor(spec.label, Math.min(layout.font.body * 1.1, r.h * (spec.sub ? 0.36 : 0.42)));
  const cx = r.x + r.w / 2;
  const cy = r.y + r.h / 2;
  texts.put(`btn:${spec.name}`, spec.label, cx, spec.sub ? cy - r.h * 0.13 : cy, {
    size,
    bold: true,
    originX: 0.5,
    originY: 0.5,
    depth,
    alpha,
    align: 'center',
    wrap: room,
  });
  if (spec.sub) {
    texts.put(`btnsub:${spec.name}`, spec.sub, cx, cy + r.h * 0.22, {
      size: sizeFor(spec.sub, Math.min(layout.font.small, r.h * 0.26)),
      mono: true,
      originX: 0.5,
      originY: 0.5,
      depth,
      alpha,
      color: THEME.textDim,
    });
  }
  if (spec.key) {
    texts.put(`btnkey:${spec.name}`, spec.key, r.x + 4 * layout.unit, r.y + 2 * layout.unit, {
      size: layout.font.small * 0.85,
      mono: true,
      color: THEME.textDim,
      depth,
      alpha: enabled ? 1 : 0.5,
    });
  }
  hits.add({ name: spec.name, kind: 'button', rect: r, enabled, press: () => ctx.command(spec.name) });
}

function longestWord(text: string): number {
  return text.split(/\s+/).reduce((n, w) => Math.max(n, w.length), 0);
}

/** The marker that tells kinds apart by shape, centred on (x, y) with radius r. */
export function marker(
  g: Phaser.GameObjects.Graphics,
  kind: Marker,
  x: number,
  y: number,
  r: number,
  color: number,
): void {
  g.fillStyle(color, 1);
  g.lineStyle(Math.max(1.5, r / 3), color, 1);
  switch (kind) {
    case 'circle':
      g.fillCircle(x, y, r);
      break;
    case 'diamond':
      g.fillTriangle(x, y - r, x + r, y, x, y + r);
      g.fillTriangle(x, y - r, x - r, y, x, y + r);
      break;
    case 'triangle':
      g.fillTriangle(x - r, y - r, x + r, y, x - r, y + r);
      break;
    case 'square':
      g.fillRect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case 'bars':
      for (const dx of [-r * 0.8, 0, r * 0.8]) g.fillRect(x + dx - r * 0.22, y - r, r * 0.44, r * 2);
      break;
    case 'ring':
      g.strokeCircle(x, y, r * 0.8);
      break;
    case 'pair':
      g.fillRect(x - r, y - r * 0.5, r * 0.8, r);
      g.fillRect(x + r * 0.2, y - r * 0.5, r * 0.8, r);
      break;
    case 'hollow-diamond':
      polyline(g, [x, y - r, x + r, y, x, y + r, x - r, y, x, y - r]);
      break;
    case 'dash':
      g.fillRect(x - r, y - r * 0.25, r * 2, r * 0.5);
      break;
    case 'check':
      polyline(g, [x - r, y, x - r * 0.3, y + r * 0.7, x + r, y - r * 0.8]);
      break;
  }
}

function polyline(g: Phaser.GameObjects.Graphics, xy: number[]): void {
  for (let i = 0; i + 3 < xy.length; i += 2) g.lineBetween(xy[i]!, xy[i + 1]!, xy[i + 2]!, xy[i + 3]!);
}

/** Diagonal hatching over a rectangle: garbage, and the ghost of a placement that overlaps. */
export function hatch(
  g: Phaser.GameObjects.Graphics,
  r: Rect,
  gap: number,
  color: number,
  width: number,
): void {
  g.lineStyle(width, color, 1);
  for (let d = gap / 2; d < r.w + r.h; d += gap) {
    const x1 = r.x + Math.min(d, r.w);
    const y1 = r.y + Math.max(0, d - r.w);
    const x2 = r.x + Math.max(0, d - r.h);
    const y2 = r.y + Math.min(d, r.h);
    g.lineBetween(x1, y1, x2, y2);
  }
}

export function dashedRect(
  g: Phaser.GameObjects.Graphics,
  r: Rect,
  dash: number,
  color: number,
  width: number,
): void {
  g.lineStyle(width, color, 1);
  const edge = (x1: number, y1: number, x2: number, y2: number) => {
    const len = Math.hypot(x2 - x1, y2 - y1);
    for (let s = 0; s < len; s += dash * 2) {
      const e = Math.min(len, s + dash);
      g.lineBetween(
        x1 + ((x2 - x1) * s) / len,
        y1 + ((y2 - y1) * s) / len,
        x1 + ((x2 - x1) * e) / len,
        y1 + ((y2 - y1) * e) / len,
      );
    }
  };
  edge(r.x, r.y, r.x + r.w, r.y);
  edge(r.x + r.w, r.y, r.x + r.w, r.y + r.h);
  edge(r.x + r.w, r.y + r.h, r.x, r.y + r.h);
  edge(r.x, r.y + r.h, r.x, r.y);
}

/** A curved arrow from a to b, leaving a towards `out` and arriving at b from `into` (unit vectors). */
export function arrow(
  g: Phaser.GameObjects.Graphics,
  a: Point,
  b: Point,
  out: Point,
  into: Point,
  width: number,
  color: number,
  alpha = 1,
  maxBend = Number.POSITIVE_INFINITY,
): void {
  const dist = Math.hypot(b.x - a.x, b.y - a.y);
  const bend = Math.min(maxBend, Math.max(20, dist * 0.4));
  const curve = new Phaser.Curves.CubicBezier(
    new Phaser.Math.Vector2(a.x, a.y),
    new Phaser.Math.Vector2(a.x + out.x * bend, a.y + out.y * bend),
    new Phaser.Math.Vector2(b.x - into.x * bend, b.y - into.y * bend),
    new Phaser.Math.Vector2(b.x, b.y),
  );
  g.lineStyle(width, color, alpha);
  curve.draw(g, Math.max(8, Math.min(24, Math.round(dist / 20))));
  const head = width * 3.2;
  const t = curve.getTangent(1);
  const nx = -t.y;
  const ny = t.x;
  g.fillStyle(color, alpha);
  g.fillTriangle(
    b.x,
    b.y,
    b.x - t.x * head + nx * head * 0.6,
    b.y - t.y * head + ny * head * 0.6,
    b.x - t.x * head - nx * head * 0.6,
    b.y - t.y * head - ny * head * 0.6,
  );
  g.fillCircle(a.x, a.y, width * 1.3);
}

/** A horizontal meter: track, fill, and a label on it. */
export function meter(
  ctx: DrawContext,
  key: string,
  r: Rect,
  fraction: number,
  label: string,
  danger: boolean,
): void {
  const { g, layout, texts } = ctx;
  const radius = r.h / 2;
  g.panels.fillStyle(THEME.cellFree, 1);
  g.panels.fillRoundedRect(r.x, r.y, r.w, r.h, radius);
  const f = Math.max(0, Math.min(1, fraction));
  if (f > 0) {
    g.panels.fillStyle(danger ? THEME.danger : THEME.good, 1);
    g.panels.fillRoundedRect(r.x, r.y, Math.max(r.h, r.w * f), r.h, radius);
  }
  if (danger) {
    // Not colour alone: a full meter is also striped.
    hatch(g.panels, { x: r.x, y: r.y, w: r.w * f, h: r.h }, r.h * 0.8, 0x000000, 1);
  }
  texts.put(`meter:${key}`, label, r.x + 6 * layout.unit, r.y + r.h / 2, {
    size: Math.min(layout.font.small, r.h * 0.8),
    originY: 0.5,
    bold: true,
    mono: true,
  });
}
