/**
 * What the live layer shows over the board's cached picture: the light on what just
 * changed (fading), the keyboard cursor, the placement ghost with its verdict, the outline
 * of whatever the mouse is over, the score and the clock. All cheap to repaint, so the pointer, the
 * arrow keys, the fade and the ticking clock the stall and leak
 * penalties never redraw the board itself.
 */
import type { BoardModel } from './board-model';
import { clockColor, clockLabel, hudFonts, scoreLabel } from './draw-hud';
import { cellRect, type Fit, fitAt, formatAddress, objectSegments, type Rect } from './heap-grid';
import type { Hit } from './hits';
import type { BoardLayout, HudSlots } from './layout';
import type { LiveLayer } from './live-layer';
import { THEME } from './palette';

/** An outline around something that just changed, recorded by the board's redraw. */
export interface Lit {
  rect: Rect;
  width: number;
  radius?: number;
  /** Dashed: where a freed object was. */
  dash?: number;
}

export interface LiveContext {
  layout: BoardLayout;
  model: BoardModel;
  live: LiveLayer;
  lit: readonly Lit[];
  /** 0..1: how far the light on what changed has faded (1 = full). */
  litAlpha: number;
  /** What the mouse is over, when it can be pressed. */
  hover: Hit | null;
  /** Where the header keeps room for the score and the clock. */
  hud: HudSlots;
}

export function drawLive(ctx: LiveContext): void {
  const { live, model } = ctx;
  live.begin();
  // Under a card, everything (the clock too) is part of the dimmed picture beneath it.
  if (model.state && !model.overlay) drawParts(ctx);
  live.end();
}

function drawParts(ctx: LiveContext): void {
  const { live } = ctx;
  if (ctx.litAlpha > 0 && ctx.lit.length > 0) {
    live.setAlpha(ctx.litAlpha);
    for (const l of ctx.lit) {
      if (l.dash) live.dashedRect(l.rect, l.dash, l.width, THEME.focus);
      else live.strokeRect(l.rect, l.width, THEME.focus, l.radius);
    }
    live.setAlpha(1);
  }
  drawHover(ctx);
  drawCursorAndGhost(ctx);
  drawHudNumbers(ctx);
}

function drawHover(ctx: LiveContext): void {
  const h = ctx.hover;
  if (!h) return;
  const u = ctx.layout.unit;
  const r = h.rect;
  const grow = h.kind === 'button' ? 0 : 2 * u;
  ctx.live.strokeRect(
    { x: r.x - grow, y: r.y - grow, w: r.w + 2 * grow, h: r.h + 2 * grow },
    Math.max(1, Math.round(2 * u)),
    0xffffff,
    h.kind === 'button' ? 4 * u : 0,
  );
}

const FIT_WORDS: Record<Fit, (at: number) => string> = {
  fits: (at) => `✓ fits · ${formatAddress(at * 8)}`,
  overlaps: () => '✗ overlaps an object',
  outside: () => '✗ runs off the heap',
};

/** The keyboard cursor, and where the pending object would land (fits / overlaps). */
function drawCursorAndGhost(ctx: LiveContext): void {
  const { layout, model, live } = ctx;
  const u = layout.unit;
  const grid = layout.grid;
  const state = model.state!;
  const interactive = model.interactive;
  const cur = cellRect(grid, model.cursor, model.scrollRow);
  if (cur && interactive && model.cursorActive) {
    live.strokeRect(
      { x: cur.x + u, y: cur.y + u, w: cur.w - 2 * u, h: cur.h - 2 * u },
      Math.round(3 * u),
      THEME.focus,
    );
  }
  const pending = model.pickedPending ? state.objects[model.pickedPending] : undefined;
  if (!interactive || !pending || state.request?.kind !== 'place') return;
  // The keyboard ghost appears once the arrow keys are used; the pointer's on hover or drag.
  const at = model.ghostCell ?? (model.cursorActive ? model.cursor : null);
  if (at === null) return;
  const fit = fitAt(model.occupancy(grid.cells), at, pending.size, pending.id);
  const segs = objectSegments(grid, at * 8, Math.min(pending.size, (grid.cells - at) * 8), model.scrollRow);
  const color = fit === 'fits' ? THEME.good : THEME.danger;
  for (const s of segs) {
    if (fit === 'fits') live.fillRect(s, THEME.good, 0.45);
    else live.hatch(s, 8 * u, 2.5 * u, THEME.danger);
    live.strokeRect(s, Math.round(2.5 * u), color);
  }
  const first = segs[0];
  const last = segs[segs.length - 1];
  if (!first || !last) return;
  // Above the ghost, unless that would cover the heap's title: then below it.
  const above = first.y - layout.font.small * 1.4 > grid.y;
  live.label(
    FIT_WORDS[fit](at),
    above ? first.x : last.x,
    above ? first.y - 2 * u : last.y + last.h + 2 * u,
    {
      size: layout.font.small,
      bold: true,
      originY: above ? 1 : 0,
      color: '#000000',
      background: fit === 'fits' ? THEME.goodCss : THEME.dangerCss,
    },
  );
}

/** The score and the clock in the places the header kept for them. */
function drawHudNumbers(ctx: LiveContext): void {
  const { layout, model, live, hud } = ctx;
  const fonts = hudFonts(layout);
  const mid = layout.hud.y + layout.hud.h / 2;
  live.label(scoreLabel(layout, model.views?.score.total ?? 0), hud.scoreRight, mid, {
    ...fonts.score,
    originX: 1,
    originY: 0.5,
    color: THEME.text,
  });
  live.label(clockLabel(model), hud.clockRight, mid, {
    ...fonts.clock,
    originX: 1,
    originY: 0.5,
    color: clockColor(model),
  });
}
