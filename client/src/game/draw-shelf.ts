/**
 * The shelf: objects Python makes before the program runs (small ints, None, True/False,
 * interned strings). They are shared, never placed and never freed; the ones something
 * refers to come first.
 */
import type { SimObject } from '../../../shared/sim/types';
import type { ObjectAnchor } from './draw-heap';
import { type DrawContext, marker, panel } from './draw-kit';
import type { Rect } from './heap-grid';
import { KIND_STYLE, THEME } from './palette';
import { measureText } from './text-fit';
import { ellipsize } from './text-pool';

export function drawShelf(ctx: DrawContext, anchors: Map<string, ObjectAnchor>): void {
  const { layout, model, texts, g } = ctx;
  const r = layout.shelf;
  const u = layout.unit;
  panel(g.panels, r, 8 * u, 0x161b22);
  const state = model.state;
  if (!state) return;
  const counts = model.views?.refcounts ?? {};
  const items = Object.values(state.objects)
    .filter((o) => o.shelf)
    .sort((a, b) => used(counts, b) - used(counts, a) || order(a, b));
  const size = layout.font.small * 1.05;
  const titleFont = { size: layout.font.small, bold: true };
  const chipH = size * 2.1;
  // On a wide board the title sits above the chips when the panel has room for both; on a
  // phone (or a short panel) it goes first on the chips' own line, never under them.
  const titleH = layout.font.small * 1.25;
  const stacked = !layout.compact && r.h >= titleH + chipH * 0.8 + 10 * u;
  const words = stacked ? 'shelf (made before the program runs)' : 'shelf';
  const h = stacked ? Math.min(chipH, r.h - titleH - 10 * u) : Math.min(chipH, r.h - 8 * u);
  const y = r.y + r.h - h - (stacked ? 5 * u : (r.h - h) / 2);
  texts.put('shelf:title', words, r.x + layout.pad, stacked ? r.y + 4 * u : y + h / 2, {
    ...titleFont,
    originY: stacked ? 0 : 0.5,
    color: THEME.textDim,
  });
  let x = r.x + layout.pad + (stacked ? 0 : measureText(words, titleFont) + layout.pad);
  const path = new Set(model.why()?.path?.slice(2) ?? []);
  let hidden = 0;
  for (const obj of items) {
    const style = KIND_STYLE[obj.kind];
    const label = ellipsize(obj.label, 14);
    const w = label.length * size * 0.62 + h + 8 * u;
    if (x + w > r.x + r.w - 50 * u) {
      hidden++;
      continue;
    }
    const chip: Rect = { x, y, w, h };
    g.panels.fillStyle(style.fill, 1);
    g.panels.fillRoundedRect(chip.x, chip.y, chip.w, chip.h, h / 2);
    const lit = path.has(obj.id) || model.focusedId === obj.id;
    g.panels.lineStyle(Math.round((lit ? 3 : 1) * u), lit ? THEME.focus : 0x000000, 1);
    g.panels.strokeRoundedRect(chip.x, chip.y, chip.w, chip.h, h / 2);
    marker(
      g.panels,
      style.marker,
      chip.x + h / 2,
      chip.y + h / 2,
      h * 0.2,
      style.ink === '#ffffff' ? 0xffffff : 0x0b0e12,
    );
    texts.put(`shelf:${obj.id}`, label, chip.x + h * 0.95, chip.y + h / 2, {
      size,
      mono: true,
      bold: true,
      originY: 0.5,
      color: style.ink,
    });
    if (state.level.show.refcounts && (counts[obj.id] ?? 0) > 0) {
      texts.put(`shelfbadge:${obj.id}`, String(counts[obj.id]), chip.x + chip.w, chip.y, {
        size: layout.font.small * 0.85,
        bold: true,
        mono: true,
        originX: 0.7,
        originY: 0.4,
        color: '#000000',
        background: '#ffffff',
        depth: 7,
      });
    }
    anchors.set(obj.id, { id: obj.id, rect: chip });
    ctx.hits.add({ name: `shelf:${obj.id}`, kind: 'object', id: obj.id, rect: chip, enabled: true });
    x += w + 6 * u;
  }
  if (hidden > 0) {
    texts.put('shelf:more', `+${hidden}`, r.x + r.w - layout.pad, y + h / 2, {
      size,
      originX: 1,
      originY: 0.5,
      color: THEME.textDim,
    });
  }
}

function used(counts: Record<string, number>, o: SimObject): number {
  return (counts[o.id] ?? 0) > 0 ? 1 : 0;
}

const KIND_ORDER = ['int', 'none', 'bool', 'str', 'float', 'bytes', 'tuple', 'list', 'dict', 'set'];

function order(a: SimObject, b: SimObject): number {
  const k = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (k !== 0) return k;
  if (a.kind === 'int') return Number(a.label) - Number(b.label);
  return a.label.localeCompare(b.label);
}
