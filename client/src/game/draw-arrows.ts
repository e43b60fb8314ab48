/**
 * References as arrows: from each local name to its object, and from containers to what
 * they hold. On a crowded heap (or when the player asks) the arrows give way to text
 * labels, except the path that answers "why is this alive?", which is always drawn.
 */

import type { ObjectAnchor } from './draw-heap';
import { arrow, type DrawContext, type Point } from './draw-kit';
import type { LocalAnchor } from './draw-stack';
import { formatAddress, type Rect } from './heap-grid';
import { THEME } from './palette';
import { monoFit } from './text-pool';

export function drawArrows(
  ctx: DrawContext,
  locals: LocalAnchor[],
  objects: Map<string, ObjectAnchor>,
): void {
  const { layout, model, g } = ctx;
  const state = model.state;
  if (!state) return;
  const u = layout.unit;
  const why = model.why()?.path ?? null;
  const pathLinks = new Set<string>();
  if (why) {
    for (let i = 2; i + 1 < why.length; i++) pathLinks.add(`${why[i]}>${why[i + 1]}`);
  }
  const rootDepth = why
    ? state.stack.findLastIndex((f) => f.fn === why[0] && f.locals[why[1]!] === why[2])
    : -1;
  const labels = model.labels;
  const thin = Math.max(1.5, 2 * u);
  const thick = Math.max(3, 4 * u);
  const shelfTop = layout.shelf.y;

  for (const a of locals) {
    const target = objects.get(a.target);
    if (!target) continue;
    const lit = a.depth === rootDepth && a.name === why?.[1];
    if (labels && !lit) continue;
    const { at, into } = entry(target.rect, a.at, shelfTop, layout.compact);
    arrow(
      g.arrows,
      a.at,
      at,
      a.out,
      into,
      lit ? thick : thin,
      lit ? THEME.focus : THEME.arrow,
      lit ? 1 : 0.85,
    );
  }

  for (const obj of model.heapObjects()) {
    const from = objects.get(obj.id);
    if (!from) continue;
    const seen = new Set<string>();
    const targets: string[] = [];
    for (const ref of obj.refs) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      targets.push(ref);
      const to = objects.get(ref);
      if (!to) continue;
      const lit = pathLinks.has(`${obj.id}>${ref}`);
      if (labels && !lit) continue;
      const link = between(from.rect, to.rect, ref === obj.id, shelfTop, layout.grid.y, u);
      const width = lit ? thick : thin * 0.8;
      const color = lit ? THEME.focus : THEME.arrow;
      arrow(
        g.arrows,
        link.a,
        link.b,
        link.out,
        link.into,
        width,
        color,
        lit ? 1 : 0.6,
        layout.grid.cell * 1.3,
      );
    }
    if (labels && targets.length > 0) refLabel(ctx, obj.id, from.rect, targets);
  }
}

/**
 * An arrow between two objects on the heap, kept close to the grid: down to objects below
 * (and the shelf), up to objects above, and an arc over (or, on the top row, under) the row
 * for objects beside it.
 */
function between(
  f: Rect,
  t: Rect,
  self: boolean,
  shelfTop: number,
  gridTop: number,
  u: number,
): { a: Point; b: Point; out: Point; into: Point } {
  const fx = f.x + Math.min(f.w * 0.3, 14 * u);
  const tx = self ? f.x + Math.min(f.w - 6 * u, 44 * u) : t.x + Math.min(t.w / 2, 16 * u);
  const fc = f.y + f.h / 2;
  const tc = t.y + t.h / 2;
  const down = { x: 0, y: 1 };
  const up = { x: 0, y: -1 };
  if (!self && (t.y >= shelfTop || tc > fc + f.h / 2)) {
    return { a: { x: fx, y: f.y + f.h }, b: { x: tx, y: t.y }, out: down, into: down };
  }
  if (!self && tc < fc - f.h / 2)
    return { a: { x: fx, y: f.y }, b: { x: tx, y: t.y + t.h }, out: up, into: up };
  if (f.y <= gridTop + 1)
    return { a: { x: fx, y: f.y + f.h }, b: { x: tx, y: t.y + t.h }, out: down, into: up };
  return { a: { x: fx, y: f.y }, b: { x: tx, y: t.y }, out: up, into: down };
}

/** Where an arrow lands on its target: the top edge on phones and for the shelf, the left edge on wide screens. */
function entry(r: Rect, from: Point, shelfTop: number, fromAbove: boolean): { at: Point; into: Point } {
  if (r.y >= shelfTop || fromAbove) {
    const below = from.y > r.y + r.h;
    return below
      ? { at: { x: r.x + Math.min(r.w / 2, 16), y: r.y + r.h }, into: { x: 0, y: -1 } }
      : { at: { x: r.x + Math.min(r.w / 2, 16), y: r.y }, into: { x: 0, y: 1 } };
  }
  return { at: { x: r.x, y: r.y + r.h / 2 }, into: { x: 1, y: 0 } };
}

/** In label mode a container lists where its references point, under its own label when there is room. */
function refLabel(ctx: DrawContext, id: string, r: Rect, targets: string[]): void {
  const { layout, model, texts } = ctx;
  const size = Math.min(layout.font.small * 0.9, r.h * 0.3);
  if (r.h < layout.font.small * 2.7 || r.w < size * 6) return;
  const objects = model.state!.objects;
  const names = targets.map((t) => {
    const o = objects[t];
    return o?.address != null ? `…${formatAddress(o.address).slice(-4)}` : (o?.label ?? t);
  });
  const fit = monoFit(r.w - 8, size);
  let text = `→ ${names.join(' ')}`;
  if (text.length > fit) {
    let n = names.length;
    while (n > 0 && `→ ${names.slice(0, n).join(' ')} +${names.length - n}`.length > fit) n--;
    text = n > 0 ? `→ ${names.slice(0, n).join(' ')} +${names.length - n}` : `→ ${names.length} refs`;
  }
  texts.put(`refs:${id}`, text.slice(0, fit), r.x + 4, r.y + r.h - 2, {
    size,
    mono: true,
    originY: 1,
    color: '#000000',
    depth: 6,
  });
}
