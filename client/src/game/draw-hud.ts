/** The bar across the top (level, score, stars, clock, help) and the info line at the bottom. */
import type { BoardModel, Tone } from './board-model';
import { clockText, scoreDigits, starString, starsInReach } from './describe';
import { button, type DrawContext } from './draw-kit';
import { type BoardLayout, type HudSlots, hudSlots } from './layout';
import { THEME } from './palette';
import { ellipsizeToWidth, type FontSpec, fitBlock, measureText } from './text-fit';

const MODE_TAG = { play: '', watch: 'WATCHING', replay: 'REPLAY', demo: 'DEMO' } as const;

/** Fonts of the header's parts. */
export function hudFonts(layout: BoardLayout) {
  const f = layout.font;
  return {
    title: { size: f.title, bold: true },
    score: { size: f.title, bold: true, mono: true },
    stars: { size: layout.compact ? f.body : f.title },
    tag: { size: f.small, bold: true },
    clock: { size: f.request, bold: true, mono: true },
  } satisfies Record<string, FontSpec>;
}

export function scoreLabel(layout: BoardLayout, score: number): string {
  return `${layout.compact ? '' : 'score '}${score}`;
}

/** Where the header's parts go for this model: measured, so the title stops short of the score. */
export function hudFor(layout: BoardLayout, model: BoardModel): HudSlots {
  const fonts = hudFonts(layout);
  const score = model.views?.score.total ?? 0;
  const tag = MODE_TAG[model.mode];
  return hudSlots(layout, {
    // The clock is redrawn alone every second: it keeps room for minutes and seconds (or
    // whatever it says now, if wider: "paused").
    clock: Math.max(measureText('00:00', fonts.clock), measureText(clockLabel(model), fonts.clock)),
    tag: tag ? measureText(tag, fonts.tag) : 0,
    stars: measureText(starsLine(layout, model), fonts.stars),
    score: measureText(scoreLabel(layout, 10 ** scoreDigits(score) - 1), fonts.score),
  });
}

function starsLine(layout: BoardLayout, model: BoardModel): string {
  const level = model.state?.level;
  const score = model.views?.score.total ?? 0;
  const reach = level ? starsInReach(score, level.stars) : { stars: 0 as const, next: null };
  return `${starString(reach.stars)}${reach.next !== null && !layout.compact ? `  next at ${reach.next}` : ''}`;
}

export function drawHud(ctx: DrawContext, slots: HudSlots): void {
  const { layout, model, texts, g } = ctx;
  const r = layout.hud;
  const u = layout.unit;
  const fonts = hudFonts(layout);
  g.panels.fillStyle(THEME.panel, 1);
  g.panels.fillRect(r.x, r.y, r.w, r.h);
  g.panels.lineStyle(Math.max(1, u), THEME.panelEdge, 1);
  g.panels.lineBetween(r.x, r.y + r.h, r.x + r.w, r.y + r.h);
  const mid = r.y + r.h / 2;
  button(ctx, g.panels, slots.help, { name: 'help', label: '?' });
  const tag = MODE_TAG[model.mode];
  if (tag) {
    texts.put('hud:mode', tag, slots.tagRight, mid, {
      ...fonts.tag,
      originX: 1,
      originY: 0.5,
      color: THEME.textDark,
      background: THEME.focusCss,
    });
  }
  texts.put('hud:stars', starsLine(layout, model), slots.starsRight, mid, {
    ...fonts.stars,
    originX: 1,
    originY: 0.5,
    color: THEME.focusCss,
  });
  const level = model.state?.level;
  const title = level ? `${layout.compact ? '' : `${level.order}. `}${level.title}` : '';
  texts.put('hud:title', ellipsizeToWidth(title, slots.titleW, fonts.title, measureText), slots.titleX, mid, {
    ...fonts.title,
    originY: 0.5,
  });
  // Under a card the score and the clock are part of the dimmed picture; otherwise they
  // change on their own (every second, every stalled tick) and the live layer shows them.
  if (model.overlay === null) return;
  texts.put('hud:score', scoreLabel(layout, model.views?.score.total ?? 0), slots.scoreRight, mid, {
    ...fonts.score,
    originX: 1,
    originY: 0.5,
  });
  texts.put('hud:clock', clockLabel(model), slots.clockRight, mid, {
    ...fonts.clock,
    originX: 1,
    originY: 0.5,
    color: clockColor(model),
  });
}

/** Whether the clock's text still fits the room the header kept for it. */
export function clockFits(layout: BoardLayout, model: BoardModel, slots: HudSlots): boolean {
  return measureText(clockLabel(model), hudFonts(layout).clock) <= slots.widths.clock + 0.5;
}

export function clockLabel(model: BoardModel): string {
  return model.clock.paused ? 'paused' : clockText(model.clock.secondsLeft);
}

export function clockColor(model: BoardModel): string {
  return (model.clock.secondsLeft ?? 99) <= 10 ? THEME.dangerCss : THEME.text;
}

const TONE: Record<Tone, { mark: string; color: string }> = {
  info: { mark: '›', color: THEME.text },
  good: { mark: '✓', color: THEME.goodCss },
  bad: { mark: '✗', color: THEME.dangerCss },
  warn: { mark: '!', color: THEME.focusCss },
};

/**
 * One line saying what went wrong, why something is alive, or what the demo is doing; a
 * longer message takes smaller type on more lines, measured to stay inside its strip.
 */
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
  const fit = fitBlock(
    text,
    { width, height: r.h - 4 * layout.unit },
    { max: layout.font.body, min: layout.font.small * 0.85 },
    {},
    measureText,
  );
  texts.put('info:mark', tone.mark, r.x + layout.pad, r.y + r.h / 2, {
    size: layout.font.body * 1.2,
    bold: true,
    originY: 0.5,
    color: tone.color,
  });
  texts.put('info:text', fit.lines.join('\n'), r.x + layout.pad + markW, r.y + r.h / 2, {
    size: fit.size,
    originY: 0.5,
    color: line ? tone.color : THEME.textDim,
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
