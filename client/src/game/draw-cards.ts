/**
 * Cards over the board: the level's intro (with Start), the outro (score breakdown, stars,
 * teaching text), the crash card (what happened, one line on why, Retry) and the key help.
 */
import type * as Phaser from 'phaser';
import type { ScoreBreakdown } from '../../../shared/sim/types';
import { CRASH_TEXT, starString, tidyNames, withoutTitle } from './describe';
import { type ButtonSpec, button, type DrawContext } from './draw-kit';
import type { Rect } from './heap-grid';
import { KEY_HELP } from './keymap';
import { THEME } from './palette';

const DEPTH = 21;

export function drawCard(ctx: DrawContext): void {
  const overlay = ctx.model.overlay;
  if (overlay === 'intro') intro(ctx);
  else if (overlay === 'outro') outro(ctx);
  else if (overlay === 'crash') crash(ctx);
  else if (overlay === 'help') help(ctx);
}

interface Card {
  box: Rect;
  x: number;
  /** Running y, relative to the top of the card's content while it is being built. */
  y: number;
  w: number;
  /** Text size multiplier: long teaching texts shrink until the card fits the screen. */
  k: number;
  items: Phaser.GameObjects.Text[];
}

/**
 * Lay out a card: build its content at a trial size, shrink the text until it fits the
 * screen, then centre the card, draw it, and put the buttons at its foot.
 */
function card(ctx: DrawContext, edge: number, build: (c: Card) => ButtonSpec[]): void {
  const { layout, g } = ctx;
  const u = layout.unit;
  const w = Math.min(layout.width - 2 * layout.pad, 760 * u);
  const pad = layout.compact ? 14 * u : 24 * u;
  const buttonH = Math.max(layout.touch, 44 * u);
  const room = layout.height - 2 * layout.pad;
  let c: Card = {
    box: { x: 0, y: 0, w, h: 0 },
    x: (layout.width - w) / 2 + pad,
    y: 0,
    w: w - 2 * pad,
    k: 1,
    items: [],
  };
  let specs: ButtonSpec[] = [];
  for (const k of [1, 0.88, 0.76, 0.66, 0.58]) {
    c = { ...c, y: 0, k, items: [] };
    specs = build(c);
    const footer = specs.length ? buttonH + 16 * u : 0;
    c.box.h = Math.min(room, pad * 2 + c.y + footer);
    if (pad * 2 + c.y + footer <= room) break;
  }
  c.box.x = (layout.width - w) / 2;
  c.box.y = (layout.height - c.box.h) / 2;
  for (const t of c.items) t.setY(t.y + c.box.y + pad);
  g.cards.fillStyle(0x000000, 0.72);
  g.cards.fillRect(0, 0, layout.width, layout.height);
  g.cards.fillStyle(THEME.panel, 1);
  g.cards.fillRoundedRect(c.box.x, c.box.y, c.box.w, c.box.h, 12 * u);
  g.cards.lineStyle(Math.round(3 * u), edge, 1);
  g.cards.strokeRoundedRect(c.box.x, c.box.y, c.box.w, c.box.h, 12 * u);
  if (specs.length) buttons(ctx, c, specs, buttonH);
}

function say(
  ctx: DrawContext,
  key: string,
  text: string,
  c: Card,
  size: number,
  color: string = THEME.text,
  bold = false,
): void {
  const s = size * c.k;
  const t = ctx.texts.put(`card:${key}`, text, c.x, c.y, { size: s, color, bold, wrap: c.w, depth: DEPTH });
  c.items.push(t);
  c.y += t.height + s * 0.6;
}

function buttons(ctx: DrawContext, c: Card, specs: ButtonSpec[], h: number): void {
  const { layout, g } = ctx;
  const gap = 12 * layout.unit;
  const w = Math.min(220 * layout.unit, (c.w - gap * (specs.length - 1)) / specs.length);
  const y = c.box.y + c.box.h - h - 16 * layout.unit;
  const total = specs.length * w + (specs.length - 1) * gap;
  specs.forEach((s, i) => {
    button(
      ctx,
      g.cards,
      { x: c.box.x + (c.box.w - total) / 2 + i * (w + gap), y, w, h },
      { ...s, depth: DEPTH },
    );
  });
}

function intro(ctx: DrawContext): void {
  const { layout, model } = ctx;
  const level = model.state?.level;
  if (!level) return;
  card(ctx, THEME.focus, (c) => {
    say(
      ctx,
      'intro:kicker',
      `Level ${level.order} · ${level.concept.replace(/-/g, ' ')}`,
      c,
      layout.font.body,
      THEME.focusCss,
      true,
    );
    say(ctx, 'intro:title', level.title, c, layout.font.huge, THEME.text, true);
    level.intro.forEach((p, i) => {
      say(ctx, `intro:p${i}`, p, c, layout.font.title);
    });
    return [{ name: 'start', label: 'Start', key: 'Enter', hot: true }];
  });
}

function outro(ctx: DrawContext): void {
  const { layout, model } = ctx;
  const state = model.state;
  const s = model.views?.score;
  if (!state || !s) return;
  const done = state.status === 'complete';
  const f = layout.font;
  card(ctx, done ? THEME.good : THEME.focus, (c) => {
    say(
      ctx,
      'outro:title',
      done ? `${state.level.title}: complete` : 'Time is up',
      c,
      f.huge * 0.8,
      THEME.text,
      true,
    );
    say(ctx, 'outro:stars', `${starString(s.stars)}   ${s.total} points`, c, f.huge, THEME.focusCss, true);
    say(ctx, 'outro:table', breakdown(s), c, f.body, THEME.text);
    state.level.outro.forEach((p, i) => {
      say(ctx, `outro:p${i}`, p, c, f.title * 0.9);
    });
    const specs: ButtonSpec[] = [];
    if (model.canRetry && model.interactive) specs.push({ name: 'retry', label: 'Play again', key: 'R' });
    if (model.hasNext && model.interactive)
      specs.push({ name: 'next', label: 'Next level', key: 'Enter', hot: true });
    return specs;
  });
}

/** Each line of the score as "label  points", lined up for a monospace-free font by tabs of spaces. */
export function breakdown(s: ScoreBreakdown): string {
  const rows: [string, number][] = [
    ['requests serviced', s.serviced],
    ['speed bonus', s.speed],
    ['mistakes', -Math.abs(s.mistakes)],
    ['refused actions', -Math.abs(s.rejections)],
    ['stalling', -Math.abs(s.stalls)],
    ['garbage left lying', -Math.abs(s.leak)],
    ['completion bonus', s.completion],
  ];
  return rows
    .filter(([, n]) => n !== 0)
    .map(([label, n]) => `${label}: ${n > 0 ? '+' : ''}${n}`)
    .join('\n');
}

function crash(ctx: DrawContext): void {
  const { layout, model } = ctx;
  const crashed = model.state?.crash;
  if (!crashed) return;
  const words = CRASH_TEXT[crashed.kind];
  card(ctx, THEME.danger, (c) => {
    say(ctx, 'crash:kicker', 'CRASH', c, layout.font.body, THEME.dangerCss, true);
    say(ctx, 'crash:title', words.title, c, layout.font.huge * 0.8, THEME.text, true);
    say(
      ctx,
      'crash:message',
      withoutTitle(tidyNames(crashed.message), words.title),
      c,
      layout.font.title,
      THEME.text,
    );
    say(ctx, 'crash:why', words.why, c, layout.font.body, THEME.textDim);
    return model.canRetry && model.interactive
      ? [{ name: 'retry', label: 'Retry', key: 'Enter', hot: true }]
      : [];
  });
}

function help(ctx: DrawContext): void {
  const { layout } = ctx;
  card(ctx, THEME.focus, (c) => {
    say(ctx, 'help:title', 'Keys', c, layout.font.huge * 0.7, THEME.text, true);
    const size = layout.font.body * c.k;
    const longest = KEY_HELP.reduce((n, [k]) => Math.max(n, k.length), 0);
    const keyW = Math.min(c.w * 0.42, (longest * 0.62 + 1.2) * size);
    for (const [i, [key, what]] of KEY_HELP.entries()) {
      const k = ctx.texts.put(`card:help:k${i}`, key, c.x, c.y, {
        wrap: keyW - size * 0.6,
        size,
        mono: true,
        bold: true,
        color: THEME.focusCss,
        depth: DEPTH,
      });
      const t = ctx.texts.put(`card:help:v${i}`, what, c.x + keyW, c.y, {
        size,
        wrap: c.w - keyW,
        depth: DEPTH,
      });
      c.items.push(k, t);
      c.y += Math.max(t.height, k.height, size * 1.2) + size * 0.35;
    }
    c.y += size * 0.4;
    say(
      ctx,
      'help:pointer',
      'Mouse and touch: drag the pending object onto free cells (or tap a cell); tap an object to mark it and see why it is alive, then press free.',
      c,
      layout.font.body,
      THEME.textDim,
    );
    return [{ name: 'close', label: 'Close', key: 'Esc' }];
  });
}
