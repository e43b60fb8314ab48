/**
 * The call stack, growing upward from `<module>`, with a byte meter and a recursion meter.
 * Each frame lists its local names as chips; arrows leave from the chips. When the stack
 * is deeper than the panel, the top frames and `<module>` stay and the middle folds into
 * one band that says how many frames it holds.
 */
import type { Frame } from '../../../shared/sim/types';
import { callName } from './describe';
import { type DrawContext, meter, type Point, panel } from './draw-kit';
import { formatAddress, formatBytes, type Rect } from './heap-grid';
import { THEME } from './palette';
import { monoFit } from './text-pool';

export interface LocalAnchor {
  depth: number;
  name: string;
  target: string;
  at: Point;
  /** Direction arrows leave in: right on wide screens, down on phones. */
  out: Point;
  rect: Rect;
}

export function drawStack(ctx: DrawContext): LocalAnchor[] {
  const { layout, model, g } = ctx;
  const r = layout.stack;
  const u = layout.unit;
  panel(g.panels, r, 8 * u);
  const state = model.state;
  if (!state) return [];
  const { stackBytes, recursionLimit } = state.level.machine;
  const used = state.stack.reduce((n, f) => n + f.size, 0);
  const depth = state.stack.length;
  const pad = layout.pad;
  const mh = Math.round(layout.font.small * 1.55);
  const mw = layout.compact ? (r.w - 3 * pad) / 2 : r.w - 2 * pad;
  meter(
    ctx,
    'bytes',
    { x: r.x + pad, y: r.y + pad, w: mw, h: mh },
    used / stackBytes,
    `stack ${used} / ${formatBytes(stackBytes)}`,
    used / stackBytes > 0.85,
  );
  const second = layout.compact
    ? { x: r.x + 2 * pad + mw, y: r.y + pad }
    : { x: r.x + pad, y: r.y + pad + mh + 4 * u };
  meter(
    ctx,
    'depth',
    { ...second, w: mw, h: mh },
    depth / recursionLimit,
    `depth ${depth} / ${recursionLimit}`,
    depth >= recursionLimit,
  );
  const area: Rect = { x: r.x + pad, y: second.y + mh + pad, w: r.w - 2 * pad, h: 0 };
  area.h = r.y + r.h - pad - area.y;
  return drawFrames(ctx, state.stack, area);
}

interface Placed {
  frame: Frame;
  depth: number;
  chips: { name: string; target: string; text: string; w: number }[];
  rows: number;
}

function drawFrames(ctx: DrawContext, stack: Frame[], area: Rect): LocalAnchor[] {
  const { layout, model, texts, g } = ctx;
  const u = layout.unit;
  const size = layout.font.small;
  const head = Math.round(layout.font.body * 1.5);
  const chipH = Math.round(size * 1.7);
  const gap = 4 * u;
  const inner = area.w - 2 * gap;
  // On phones the first row of chips shares the line with the frame's name and size.
  const sizeRoom = layout.compact ? size * 0.61 * 7 : 0;
  const rowLimit = (row: number) => (row === 0 ? inner - sizeRoom : inner);
  const labels = model.labels;
  const state = model.state!;
  const plan = (frame: Frame, depth: number): Placed => {
    const chips = Object.entries(frame.locals).map(([name, target]) => {
      const obj = state.objects[target];
      const where = obj?.address != null ? formatAddress(obj.address).slice(-4) : obj ? obj.label : '?';
      const text = labels ? `${name} → ${obj?.address != null ? `…${where}` : where}` : name;
      return { name, target, text, w: Math.min(inner, text.length * size * 0.61 + size * 2) };
    });
    // Headers sit on their own line on wide screens, and share it with the chips on phones.
    let x = layout.compact ? Math.min(inner * 0.45, (frame.fn.length + 9) * layout.font.body * 0.6) : 0;
    let rows = layout.compact ? 1 : chips.length > 0 ? 2 : 1;
    for (const c of chips) {
      if (x + c.w > rowLimit(rows - 1) && x > 0) {
        rows++;
        x = 0;
      }
      x += c.w + gap;
    }
    return { frame, depth, chips, rows };
  };
  const heightOf = (p: Placed) => head + (p.rows - 1) * (chipH + gap) + gap;
  // The top of the stack matters most: it is shown first, then `<module>` at the bottom,
  // then more frames downward while there is room; the rest fold into one band.
  const plans = stack.map((f, i) => plan(f, i));
  const shown: Placed[] = [];
  const band = Math.round(size * 1.8);
  const fits = (used: number) => used <= area.h;
  let bottom: Placed | undefined = plans[0];
  let used = 0;
  let top = plans.length - 1;
  if (top >= 1) {
    shown.unshift(plans[top]!);
    used += heightOf(plans[top]!) + gap;
    top--;
  }
  if (bottom && !fits(used + heightOf(bottom) + gap + (top >= 1 ? band + gap : 0))) bottom = undefined;
  if (bottom) used += heightOf(bottom) + gap;
  while (top >= 1 && fits(used + heightOf(plans[top]!) + gap + (top > 1 ? band + gap : 0))) {
    used += heightOf(plans[top]!) + gap;
    shown.unshift(plans[top]!);
    top--;
  }
  // Frames 1..top are folded (and 0 too when even `<module>` had no room).
  const folded = top + (bottom || plans.length === 0 ? 0 : 1);
  const anchors: LocalAnchor[] = [];
  let y = area.y + area.h;
  const path = model.why()?.path ?? null;
  const pathDepth = path
    ? stack.findLastIndex((f) => f.fn === path[0] && f.locals[path[1]!] === path[2])
    : -1;
  const drawOne = (p: Placed) => {
    const h = heightOf(p);
    y -= h;
    const box: Rect = { x: area.x, y, w: area.w, h };
    const isTop = p.depth === stack.length - 1;
    const isNew = model.changes?.frames.has(p.depth) ?? false;
    g.panels.fillStyle(isTop ? 0x26313d : 0x1f2730, 1);
    g.panels.fillRoundedRect(box.x, box.y, box.w, box.h, 5 * u);
    g.panels.lineStyle(Math.round((isTop ? 2.5 : 1) * u), isTop ? THEME.arrow : THEME.panelEdge, 1);
    g.panels.strokeRoundedRect(box.x, box.y, box.w, box.h, 5 * u);
    if (isNew) {
      const rect = { x: box.x - 2 * u, y: box.y - 2 * u, w: box.w + 4 * u, h: box.h + 4 * u };
      ctx.lit.push({ rect, width: Math.round(4 * u), radius: 6 * u });
    }
    const name = callName(p.frame.fn);
    texts.put(`frame:${p.depth}:name`, `${isTop ? '▲ ' : ''}${name}`, box.x + gap * 1.5, box.y + head / 2, {
      size: layout.font.body,
      bold: true,
      mono: true,
      originY: 0.5,
    });
    texts.put(
      `frame:${p.depth}:size`,
      formatBytes(p.frame.size),
      box.x + box.w - gap * 1.5,
      box.y + head / 2,
      {
        size: size,
        mono: true,
        originX: 1,
        originY: 0.5,
        color: THEME.textDim,
      },
    );
    let cx = layout.compact ? Math.min(inner * 0.45, (p.frame.fn.length + 9) * layout.font.body * 0.6) : 0;
    let row = layout.compact ? 0 : 1;
    const chipY0 = layout.compact ? box.y + (head - chipH) / 2 : box.y + head;
    for (const c of p.chips) {
      if (cx + c.w > rowLimit(row) && cx > 0) {
        row++;
        cx = 0;
      }
      const rect: Rect = {
        x: box.x + gap + cx,
        y: chipY0 + (row - (layout.compact ? 0 : 1)) * (chipH + gap),
        w: c.w,
        h: chipH,
      };
      const lit = p.depth === pathDepth && path?.[1] === c.name;
      g.panels.fillStyle(0x121820, 1);
      g.panels.fillRoundedRect(rect.x, rect.y, rect.w, rect.h, 4 * u);
      g.panels.lineStyle(Math.round((lit ? 3 : 1) * u), lit ? THEME.focus : THEME.buttonEdge, 1);
      g.panels.strokeRoundedRect(rect.x, rect.y, rect.w, rect.h, 4 * u);
      texts.put(
        `frame:${p.depth}:local:${c.name}`,
        c.text.slice(0, monoFit(rect.w - size, size)),
        rect.x + size * 0.5,
        rect.y + rect.h / 2,
        {
          size,
          mono: true,
          originY: 0.5,
        },
      );
      const out = layout.compact ? { x: 0, y: 1 } : { x: 1, y: 0 };
      const at = layout.compact
        ? { x: rect.x + rect.w / 2, y: rect.y + rect.h }
        : { x: rect.x + rect.w, y: rect.y + rect.h / 2 };
      anchors.push({ depth: p.depth, name: c.name, target: c.target, at, out, rect });
      ctx.hits.add({ name: `local:${p.depth}:${c.name}`, kind: 'local', id: c.target, rect, enabled: true });
      cx += c.w + gap;
    }
    y -= gap;
  };
  if (bottom) drawOne(bottom);
  if (folded >= 1) {
    y -= band;
    g.panels.fillStyle(0x1f2730, 1);
    g.panels.fillRoundedRect(area.x, y, area.w, band, 5 * u);
    texts.put(
      'frame:folded',
      `⋮ ${folded} more ${folded === 1 ? 'frame' : 'frames'} ⋮`,
      area.x + area.w / 2,
      y + band / 2,
      {
        size,
        mono: true,
        originX: 0.5,
        originY: 0.5,
        color: THEME.textDim,
      },
    );
    y -= gap;
  }
  for (const p of shown) drawOne(p);
  return anchors;
}
