/**
 * The pending request, big: what the program waits for, the objects to place (drag them),
 * the answer options, and the action buttons with their keys.
 */
import type { SimObject } from '../../../shared/sim/types';
import { urgent } from './board-model';
import { callName, describeRequest, pendingObjects } from './describe';
import { type ButtonSpec, button, type DrawContext, marker, panel } from './draw-kit';
import { formatBytes, type Rect } from './heap-grid';
import { KIND_STYLE, THEME } from './palette';
import { ellipsize, monoFit } from './text-pool';

export function drawRequest(ctx: DrawContext): void {
  const { layout, model, texts, g } = ctx;
  const r = layout.request;
  const u = layout.unit;
  const state = model.state;
  const req = state?.request ?? null;
  const isUrgent = state ? urgent(state) : false;
  panel(g.panels, r, 8 * u, THEME.panel);
  if (req) {
    // A waiting request gets a bright frame; a stalling one a striped warning edge too.
    g.panels.lineStyle(Math.round(3 * u), isUrgent ? THEME.danger : THEME.focus, 1);
    g.panels.strokeRoundedRect(r.x, r.y, r.w, r.h, 8 * u);
  }
  if (!state) return;
  const pad = layout.pad * 1.5;
  const play = model.interactive;
  // On a phone a question takes the whole panel: its options need finger-sized buttons.
  const askOnPhone = layout.compact && req?.kind === 'answer';
  const buttonsW = play && !layout.compact ? Math.round(Math.min(300 * u, r.w * 0.36)) : 0;
  const buttonsH = play && layout.compact && !askOnPhone ? layout.touch : 0;
  const textW = r.w - 2 * pad - buttonsW;
  const words = describeRequest(state, model.pickedPending);
  const title = texts.put('req:title', words.title, r.x + pad, r.y + pad * 0.7, {
    size: fitSize(words.title, textW, layout.font.request, layout.font.body),
    bold: true,
    wrap: textW,
    color: req ? THEME.text : THEME.textDim,
  });
  const detail = texts.put('req:detail', words.detail, r.x + pad, title.y + title.height + 2 * u, {
    size: layout.font.body,
    color: isUrgent ? THEME.dangerCss : THEME.textDim,
    wrap: textW,
  });
  const rowY = detail.y + detail.height + 6 * u;
  const rowH = Math.min(layout.touch, r.y + r.h - buttonsH - (buttonsH ? pad * 0.8 : 0) - rowY - pad * 0.6);
  const row: Rect = { x: r.x + pad, y: rowY, w: textW, h: Math.max(rowH, 16 * u) };
  if (!play && model.narration) {
    // Demonstrations and replays have no buttons: the narration takes their place, big.
    texts.put('req:narration', `“${model.narration}”`, r.x + pad, rowY + 2 * u, {
      size: fitSize(model.narration, textW, layout.font.title, layout.font.body),
      color: THEME.focusCss,
      wrap: textW,
    });
  } else if (req?.kind === 'place') drawTray(ctx, row, pendingObjects(state));
  if (req?.kind === 'answer') {
    const n = req.options.length;
    const gap = 6 * u;
    const cols = askOnPhone && n > 2 ? 2 : n;
    const lines = Math.ceil(n / cols);
    // On a phone the free button stays beside the options: garbage may appear mid-question.
    const freeW = askOnPhone && play ? Math.round(row.w * 0.22) : 0;
    const w = (row.w - freeW - gap * (cols - (freeW ? 0 : 1))) / cols;
    const h = askOnPhone ? (r.y + r.h - pad * 0.6 - row.y - gap * (lines - 1)) / lines : row.h;
    req.options.forEach((opt, i) => {
      const x = row.x + (i % cols) * (w + gap);
      const y = row.y + Math.floor(i / cols) * (h + gap);
      button(
        ctx,
        g.panels,
        { x, y, w, h },
        {
          name: `answer-${i}`,
          label: opt,
          key: String(i + 1),
          enabled: play,
          hot: play,
        },
      );
    });
    if (freeW) {
      const area = { x: row.x + row.w - freeW, y: row.y, w: freeW, h: lines * h + (lines - 1) * gap };
      button(ctx, g.panels, area, actionSpecs(ctx)[3]!);
    }
  }
  if (play && !askOnPhone) drawButtons(ctx, buttonsW, buttonsH);
}

/** The four action buttons: what each would do now, and whether it answers the request. */
function actionSpecs(ctx: DrawContext): ButtonSpec[] {
  const { model } = ctx;
  const req = model.state?.request ?? null;
  const fn = req?.kind === 'push' ? req.fn : (model.keyContext(1).fallbackFn ?? '');
  const marked = model.selection.length;
  return [
    {
      name: 'push',
      label: 'push',
      sub: req?.kind === 'push' ? callName(fn) : 'frame',
      key: 'P',
      hot: req?.kind === 'push' && !req.overflow,
    },
    {
      name: 'pop',
      label: 'pop',
      sub: req?.kind === 'pop' ? callName(req.fn) : 'frame',
      key: 'O',
      hot: req?.kind === 'pop',
    },
    {
      name: 'raise',
      label: 'raise',
      sub: req?.kind === 'place' ? 'MemoryError' : 'RecursionError',
      key: 'R',
      hot: (req?.kind === 'push' && req.overflow) || (req?.kind === 'place' && req.outOfMemory),
    },
    {
      name: 'free',
      label: 'free',
      sub: marked > 0 ? `${marked} marked` : model.focusedId ? 'focused' : 'mark first',
      key: 'F',
      enabled: marked > 0 || model.focusedId !== null,
      hot: marked > 0,
    },
  ];
}

function drawButtons(ctx: DrawContext, buttonsW: number, buttonsH: number): void {
  const { layout, g } = ctx;
  const r = layout.request;
  const u = layout.unit;
  const specs = actionSpecs(ctx);
  const gap = 6 * u;
  if (layout.compact) {
    const w = (r.w - 2 * layout.pad * 1.5 - gap * 3) / 4;
    const y = r.y + r.h - buttonsH - layout.pad;
    specs.forEach((s, i) => {
      button(ctx, g.panels, { x: r.x + layout.pad * 1.5 + i * (w + gap), y, w, h: buttonsH }, s);
    });
    return;
  }
  const x0 = r.x + r.w - buttonsW - layout.pad;
  const w = (buttonsW - gap) / 2;
  const h = (r.h - 2 * layout.pad - gap) / 2;
  specs.forEach((s, i) => {
    const col = i % 2;
    const rowN = Math.floor(i / 2);
    button(ctx, g.panels, { x: x0 + col * (w + gap), y: r.y + layout.pad + rowN * (h + gap), w, h }, s);
  });
}

/** The objects waiting to be placed, as chips: drag one onto the heap, or tap it to pick it. */
function drawTray(ctx: DrawContext, row: Rect, pending: SimObject[]): void {
  const { layout, model, texts, g, hits } = ctx;
  const u = layout.unit;
  const size = layout.font.body;
  let x = row.x;
  pending.forEach((obj, i) => {
    const style = KIND_STYLE[obj.kind];
    const text = `${style.tag} ${obj.label} · ${formatBytes(obj.size)}`;
    const room = row.x + row.w - x;
    if (room < 60 * u) return;
    const w = Math.min(room, size * 0.61 * text.length + row.h + 16 * u);
    const chip: Rect = { x, y: row.y, w, h: row.h };
    const picked = obj.id === model.pickedPending;
    g.panels.fillStyle(style.fill, 1);
    g.panels.fillRoundedRect(chip.x, chip.y, chip.w, chip.h, 6 * u);
    g.panels.lineStyle(Math.round((picked ? 3 : 1.5) * u), picked ? THEME.focus : 0x000000, 1);
    g.panels.strokeRoundedRect(chip.x, chip.y, chip.w, chip.h, 6 * u);
    const ink = style.ink === '#ffffff' ? 0xffffff : 0x0b0e12;
    marker(g.panels, style.marker, chip.x + chip.h / 2, chip.y + chip.h / 2, chip.h * 0.2, ink);
    texts.put(
      `tray:${i}`,
      ellipsize(text, monoFit(chip.w - chip.h - 8 * u, size)),
      chip.x + chip.h,
      chip.y + chip.h / 2,
      {
        size,
        mono: true,
        bold: true,
        originY: 0.5,
        color: style.ink,
      },
    );
    hits.add({ name: `pending-${i}`, kind: 'pending', id: obj.id, rect: chip, enabled: model.interactive });
    x += w + 8 * u;
  });
}

/** A font size at which `text` fits `width` on at most two lines (estimated for speed). */
function fitSize(text: string, width: number, max: number, min: number): number {
  for (let s = max; s > min; s -= 1) {
    if (text.length * s * 0.56 <= width * 2 * 0.92) return s;
  }
  return min;
}
