/** The bar across the top (level, score, stars, clock, help) and the info line at the bottom. */
import type { Tone } from './board-model';
import { clockText, starString, starsInReach } from './describe';
import { button, type DrawContext } from './draw-kit';
import { THEME } from './palette';
import { ellipsize } from './text-pool';

const MODE_TAG = { play: '', watch: 'WATCHING', replay: 'REPLAY', demo: 'DEMO' } as const;

export function drawHud(ctx: DrawContext): void {
  const { layout, model, texts, g } = ctx;
  const state = model.state;
  const r = layout.hud;
  const u = layout.unit;
  g.panels.fillStyle(THEME.panel, 1);
  g.panels.fillRect(r.x, r.y, r.w, r.h);
  g.panels.lineStyle(Math.max(1, u), THEME.panelEdge, 1);
  g.panels.lineBetween(r.x, r.y + r.h, r.x + r.w, r.y + r.h);
  const mid = r.y + r.h / 2;
  const help = { x: r.w - layout.pad - r.h * 0.8, y: r.y + r.h * 0.1, w: r.h * 0.8, h: r.h * 0.8 };
  button(ctx, g.panels, help, { name: 'help', label: '?' });

  const level = state?.level;
  const titleSize = layout.font.title;
  const score = model.views?.score.total ?? 0;
  const reach = level ? starsInReach(score, level.stars) : { stars: 0 as const, next: null };
  const clockX = help.x - layout.pad;
  // The clock has a fixed width, so it can be redrawn alone every second.
  const clockW = layout.font.request * 0.62 * 6;
  let right = clockX - clockW - layout.pad * 2;
  const tag = MODE_TAG[model.mode];
  if (tag) {
    const t = texts.put('hud:mode', tag, right, mid, {
      size: layout.font.small,
      bold: true,
      originX: 1,
      originY: 0.5,
      color: THEME.textDark,
      background: THEME.focusCss,
    });
    right -= t.width + layout.pad * 2;
  }
  const starsLine = `${starString(reach.stars)}${reach.next !== null && !layout.compact ? `  next at ${reach.next}` : ''}`;
  const starsT = texts.put('hud:stars', starsLine, right, mid, {
    size: layout.compact ? layout.font.body : layout.font.title,
    originX: 1,
    originY: 0.5,
    color: THEME.focusCss,
  });
  right -= starsT.width + layout.pad * 2;
  const scoreT = texts.put('hud:score', `${layout.compact ? '' : 'score '}${score}`, right, mid, {
    size: layout.font.title,
    bold: true,
    mono: true,
    originX: 1,
    originY: 0.5,
  });
  right -= scoreT.width + layout.pad * 2;
  const title = level ? `${layout.compact ? '' : `${level.order}. `}${level.title}` : '';
  const room = Math.max(0, right - layout.pad * 2);
  texts.put('hud:title', ellipsize(title, Math.floor(room / (titleSize * 0.55))), layout.pad * 1.5, mid, {
    size: titleSize,
    bold: true,
    originY: 0.5,
  });
}

/** The clock, on its own: it changes every second while nothing else may. */
export function drawClock(ctx: DrawContext): void {
  const { layout, model, texts } = ctx;
  const r = layout.hud;
  const help = r.w - layout.pad - r.h * 0.8;
  const clock = model.clock.paused ? 'paused' : clockText(model.clock.secondsLeft);
  texts.put('hud:clock', clock, help - layout.pad, r.y + r.h / 2, {
    size: layout.font.request,
    mono: true,
    bold: true,
    originX: 1,
    originY: 0.5,
    color: (model.clock.secondsLeft ?? 99) <= 10 ? THEME.dangerCss : THEME.text,
    // Under a card the clock is part of the dimmed board.
    live: model.overlay === null,
  });
}

const TONE: Record<Tone, { mark: string; color: string }> = {
  info: { mark: '›', color: THEME.text },
  good: { mark: '✓', color: THEME.goodCss },
  bad: { mark: '✗', color: THEME.dangerCss },
  warn: { mark: '!', color: THEME.focusCss },
};

/** One line (two on a phone) saying what went wrong, why something is alive, or what the demo is doing. */
export function drawInfo(ctx: DrawContext): void {
  const { layout, model, texts, g } = ctx;
  const r = layout.info;
  const why = model.why();
  // Narration is shown big in the request panel; here it only appears if a player gets one.
  const line =
    model.narration && model.interactive
      ? { text: model.narration, tone: 'info' as Tone }
      : (model.info ?? (why ? { text: why.text, tone: 'info' as Tone } : null));
  g.panels.fillStyle(THEME.panel, 1);
  g.panels.fillRoundedRect(r.x, r.y, r.w, r.h, 6 * layout.unit);
  const text = line?.text ?? hint(ctx);
  const tone = TONE[line?.tone ?? 'info'];
  const markW = layout.font.body * 1.4;
  const width = r.w - layout.pad - markW - layout.pad;
  // One line at body size if it fits, else smaller type on two lines.
  const oneLine = text.length * layout.font.body * 0.52 <= width;
  const twoLines = Math.min(layout.font.body, r.h / 2.6, (width * 2 * 0.9) / (text.length * 0.52));
  const size = oneLine ? layout.font.body : Math.max(layout.font.small * 0.85, twoLines);
  texts.put('info:mark', tone.mark, r.x + layout.pad, r.y + r.h / 2, {
    size: layout.font.body * 1.2,
    bold: true,
    originY: 0.5,
    color: tone.color,
  });
  texts.put('info:text', text, r.x + layout.pad + markW, r.y + r.h / 2, {
    size,
    originY: 0.5,
    color: line ? tone.color : THEME.textDim,
    wrap: width,
  });
}

function hint(ctx: DrawContext): string {
  const req = ctx.model.state?.request;
  if (!ctx.model.interactive) return 'Press ? for the keys.';
  if (req?.kind === 'place') {
    return ctx.layout.compact
      ? 'Tap free cells to place the object, or drag it there.'
      : 'Drag the object onto free cells, click a cell, or move with the arrow keys and press Enter.';
  }
  return ctx.layout.compact
    ? 'Tap an object to ask why it is alive.'
    : 'Tab through objects to ask why each is alive · ? lists every key.';
}
