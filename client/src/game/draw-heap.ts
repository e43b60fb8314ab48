/**
 * The heap: a grid of 8-byte cells with hex addresses down the side, objects drawn over
 * the cells they occupy (shape, tag, value, size), reference-count badges, garbage
 * hatching where the level shows it. The cursor and the placement ghost are on the live
 * layer (`draw-live.ts`).
 */
import type { SimObject } from '../../../shared/sim/types';
import { type DrawContext, dashedRect, hatch, marker, panel } from './draw-kit';
import { cellsFor, formatAddress, formatBytes, objectSegments, type Rect } from './heap-grid';
import { KIND_STYLE, THEME } from './palette';
import { ellipsize, monoFit } from './text-pool';

export interface ObjectAnchor {
  id: string;
  /** The first piece of the object on screen (where its label is). */
  rect: Rect;
}

export function drawHeap(ctx: DrawContext): Map<string, ObjectAnchor> {
  const { layout, model, texts, g } = ctx;
  const r = layout.heap;
  const u = layout.unit;
  const grid = layout.grid;
  panel(g.panels, r, 8 * u);
  const anchors = new Map<string, ObjectAnchor>();
  const state = model.state;
  if (!state) return anchors;
  const heapObjects = model.heapObjects();
  const used = heapObjects.reduce((n, o) => n + cellsFor(o.size) * 8, 0);
  const headY = r.y + (grid.y - r.y) / 2;
  texts.put(
    'heap:title',
    `heap · ${formatBytes(used)} of ${formatBytes(state.level.machine.heapBytes)} used`,
    r.x + layout.pad,
    headY,
    {
      size: layout.font.small,
      bold: true,
      originY: 0.5,
      color: THEME.textDim,
    },
  );
  const toggle: Rect = { x: r.x + r.w - 132 * u, y: r.y + 3 * u, w: 128 * u, h: grid.y - r.y - 6 * u };
  drawToggle(ctx, toggle);

  // Free cells: one background and grid lines, far cheaper than a rectangle per cell.
  const rows = grid.visibleRows;
  const scroll = model.scrollRow;
  const cellsShown = Math.min(grid.cells - scroll * grid.cols, rows * grid.cols);
  const fullRows = Math.floor(cellsShown / grid.cols);
  const lastCols = cellsShown % grid.cols;
  g.cells.fillStyle(THEME.cellFree, 1);
  g.cells.fillRect(grid.x, grid.y, grid.cols * grid.cell, fullRows * grid.cell);
  if (lastCols) g.cells.fillRect(grid.x, grid.y + fullRows * grid.cell, lastCols * grid.cell, grid.cell);
  g.cells.lineStyle(Math.max(1, u * 0.75), THEME.cellEdge, 1);
  const shownRows = fullRows + (lastCols ? 1 : 0);
  for (let i = 0; i <= shownRows; i++) {
    const w = i <= fullRows ? grid.cols : lastCols;
    g.cells.lineBetween(grid.x, grid.y + i * grid.cell, grid.x + w * grid.cell, grid.y + i * grid.cell);
  }
  for (let c = 0; c <= grid.cols; c++) {
    const h = c <= lastCols ? shownRows : fullRows;
    g.cells.lineBetween(grid.x + c * grid.cell, grid.y, grid.x + c * grid.cell, grid.y + h * grid.cell);
  }
  for (let i = 0; i < shownRows; i++) {
    texts.put(
      `addr:${i}`,
      formatAddress((scroll + i) * grid.cols * 8),
      grid.x - 4 * u,
      grid.y + i * grid.cell + grid.cell / 2,
      {
        size: Math.min(layout.font.small, grid.cell * 0.7),
        mono: true,
        originX: 1,
        originY: 0.5,
        color: THEME.textDim,
      },
    );
  }
  if (grid.totalRows > rows) {
    const trackH = rows * grid.cell;
    const barH = Math.max(12 * u, (trackH * rows) / grid.totalRows);
    const barY = grid.y + ((trackH - barH) * scroll) / (grid.totalRows - rows);
    g.cells.fillStyle(THEME.buttonEdge, 1);
    g.cells.fillRoundedRect(grid.x + grid.cols * grid.cell + 3 * u, barY, 4 * u, barH, 2 * u);
  }

  const path = new Set(model.why()?.path?.slice(2) ?? []);
  for (const obj of heapObjects) {
    const segs = objectSegments(grid, obj.address!, obj.size, scroll);
    if (segs.length === 0) continue;
    anchors.set(obj.id, { id: obj.id, rect: segs[0]! });
    drawObject(ctx, obj, segs, path.has(obj.id));
  }
  for (const gone of model.changes?.freed ?? []) {
    for (const s of objectSegments(grid, gone.address!, gone.size, scroll))
      ctx.lit.push({ rect: s, width: 2 * u, dash: 5 * u });
  }
  return anchors;
}

function drawObject(ctx: DrawContext, obj: SimObject, segs: Rect[], onPath: boolean): void {
  const { layout, model, texts, g } = ctx;
  const u = layout.unit;
  const style = KIND_STYLE[obj.kind];
  const show = model.state!.level.show;
  const views = model.views;
  const inset = Math.max(2, Math.round(2.5 * u));
  const radius = Math.min(6 * u, layout.grid.cell / 4);
  segs.forEach((s, i) => {
    // Pieces of one object that wraps a row keep square corners where they join.
    const open = i > 0 ? 0 : radius;
    const close = i < segs.length - 1 ? 0 : radius;
    const corners = { tl: open, bl: open, tr: close, br: close };
    const right = i < segs.length - 1 ? 0 : inset;
    const left = i > 0 ? 0 : inset;
    g.objects.fillStyle(style.fill, 1);
    g.objects.fillRoundedRect(s.x + left, s.y + inset, s.w - left - right, s.h - 2 * inset, corners);
    g.objects.lineStyle(Math.max(1, u), 0x000000, 0.9);
    g.objects.strokeRoundedRect(s.x + left, s.y + inset, s.w - left - right, s.h - 2 * inset, corners);
    if (i > 0 && s.w >= s.h) {
      // A piece that continues the object from the row above starts with a small arrowhead.
      g.objects.fillStyle(0x000000, 0.35);
      g.objects.fillTriangle(
        s.x + 3 * u,
        s.y + s.h * 0.3,
        s.x + 3 * u + s.h * 0.25,
        s.y + s.h / 2,
        s.x + 3 * u,
        s.y + s.h * 0.7,
      );
    }
    if (obj.kind === 'list' && s.h >= layout.font.small * 2.7) {
      // Slot ticks along the bottom: a list is a row of references.
      g.objects.lineStyle(Math.max(1, u), 0x000000, 0.35);
      for (let x = s.x + layout.grid.cell; x < s.x + s.w - 1; x += layout.grid.cell)
        g.objects.lineBetween(x, s.y + s.h * 0.72, x, s.y + s.h - inset);
    }
  });
  const garbage = views?.garbage.has(obj.id) ?? false;
  const inCycle = views?.cycleOf.has(obj.id) ?? false;
  if (garbage && (show.garbage || (inCycle && show.cycles))) {
    for (const s of segs) hatch(g.objects, s, 9 * u, THEME.danger, Math.max(1.5, 2 * u));
    if (inCycle && show.cycles) for (const s of segs) dashedRect(g.objects, s, 6 * u, THEME.danger, 3 * u);
  }
  // The label and badge go on the widest piece: an object that starts in a row's last
  // cell would otherwise have no room for them.
  const first = segs.reduce((best, s) => (s.w > best.w + 0.5 ? s : best), segs[0]!);
  const ink = style.ink === '#ffffff' ? 0xffffff : 0x0b0e12;
  const br = Math.max(7 * u, Math.min(first.h * 0.28, 11 * u));
  const badge = show.refcounts && views !== null && first.w >= br * 4;
  const twoLinesFit = first.h >= layout.font.small * 2.7;
  const size = Math.min(layout.font.small * 1.05, first.h * (twoLinesFit ? 0.4 : 0.55));
  const mr = Math.min(first.h * (twoLinesFit ? 0.16 : 0.22), 7 * u);
  const markerX = first.x + mr + 4 * u;
  const textX = markerX + mr + 3 * u;
  const room = first.w - (textX - first.x) - 3 * u - (badge ? br * 2 : 0);
  if (first.w >= mr * 2 + 8 * u) {
    marker(
      g.objects,
      style.marker,
      markerX,
      twoLinesFit ? first.y + mr + 5 * u : first.y + first.h / 2,
      mr,
      ink,
    );
  }
  const fit = monoFit(room, size);
  if (fit >= 2) {
    const twoLines = twoLinesFit && !(model.labels && obj.refs.length > 0);
    const labelY = twoLines ? first.y + first.h * 0.36 : first.y + first.h / 2;
    texts.put(`obj:${obj.id}:label`, ellipsize(obj.label, fit), textX, labelY, {
      size,
      mono: true,
      bold: true,
      originY: 0.5,
      color: style.ink,
    });
    if (twoLines) {
      texts.put(
        `obj:${obj.id}:size`,
        ellipsize(`${style.tag} ${obj.size} B`, monoFit(first.w - 10 * u, size * 0.9)),
        first.x + 5 * u,
        first.y + first.h * 0.74,
        {
          size: size * 0.9,
          mono: true,
          originY: 0.5,
          color: style.ink,
          alpha: 0.85,
        },
      );
    }
  }
  if (badge && views) {
    const count = views.refcounts[obj.id] ?? 0;
    const bx = first.x + first.w - br - 1 * u;
    const by = first.y + br * 0.1;
    g.marks.fillStyle(count === 0 ? THEME.danger : 0xffffff, 1);
    g.marks.fillCircle(bx, by + br * 0.9, br);
    g.marks.lineStyle(Math.max(1, u), 0x000000, 1);
    g.marks.strokeCircle(bx, by + br * 0.9, br);
    texts.put(`badge:${obj.id}`, String(count), bx, by + br * 0.9, {
      size: br * 1.25,
      bold: true,
      mono: true,
      originX: 0.5,
      originY: 0.5,
      color: '#000000',
      depth: 7,
    });
  }
  const marked = model.selection.includes(obj.id);
  const focused = model.focusedId === obj.id;
  for (const s of segs) {
    if (marked) {
      g.marks.lineStyle(Math.round(3.5 * u), 0xffffff, 1);
      g.marks.strokeRect(s.x + inset, s.y + inset, s.w - 2 * inset, s.h - 2 * inset);
    }
    if (focused || onPath) {
      g.marks.lineStyle(Math.round(3 * u), THEME.focus, 1);
      g.marks.strokeRect(s.x - u, s.y - u, s.w + 2 * u, s.h + 2 * u);
    }
    if (model.changes?.objects.has(obj.id)) {
      ctx.lit.push({
        rect: { x: s.x - 2 * u, y: s.y - 2 * u, w: s.w + 4 * u, h: s.h + 4 * u },
        width: Math.round(4 * u),
      });
    }
  }
  if (marked) {
    texts.put(`mark:${obj.id}`, '✓ free', first.x + first.w - 3 * u, first.y + first.h - 2 * u, {
      size: layout.font.small * 0.9,
      bold: true,
      originX: 1,
      originY: 1,
      color: '#000000',
      background: '#ffffff',
      depth: 8,
    });
  }
}

function drawToggle(ctx: DrawContext, r: Rect): void {
  const { layout, model, texts, g, hits } = ctx;
  const u = layout.unit;
  g.panels.fillStyle(THEME.button, 1);
  g.panels.fillRoundedRect(r.x, r.y, r.w, r.h, 4 * u);
  g.panels.lineStyle(Math.max(1, u), THEME.buttonEdge, 1);
  g.panels.strokeRoundedRect(r.x, r.y, r.w, r.h, 4 * u);
  texts.put('btn:labels', model.labels ? 'L  show arrows' : 'L  show labels', r.x + r.w / 2, r.y + r.h / 2, {
    size: Math.min(layout.font.small, r.h * 0.6),
    originX: 0.5,
    originY: 0.5,
    bold: true,
  });
  hits.add({ name: 'labels', kind: 'button', rect: r, enabled: true, press: () => ctx.command('labels') });
}
