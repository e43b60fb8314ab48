import { describe, expect, test } from 'vitest';
import { computeLayout, hudSlots } from '../../client/src/game/layout';
import {
  ellipsizeToWidth,
  estimate,
  type FontSpec,
  fitBlock,
  LINE_HEIGHT,
  type Measure,
  wrapLines,
} from '../../client/src/game/text-fit';

/** Every character as wide as a bold capital: the worst case the real fonts stay under. */
const wide: Measure = (text, f) => text.length * f.size * 0.7;

const LONGEST_INFO =
  'An unreachable cycle: the objects point at each other but nothing reachable points at them. Free them together.';
const LONG_WHY = 'Why is [1, 2, 3] alive? <module> → items → [[…], […]] → [1, 2, 3] → {"k": [1, 2, 3]}';

describe('measured text', () => {
  test('a cut title ends in an ellipsis and is no wider than its room', () => {
    const font: FontSpec = { size: 30, bold: true };
    const title = 'The call stack: a → b → c';
    const cut = ellipsizeToWidth(title, 300, font, wide);
    expect(cut.endsWith('…')).toBe(true);
    expect(wide(cut, font)).toBeLessThanOrEqual(300);
    // It is the longest such start: one more letter would not fit.
    expect(wide(`${title.slice(0, cut.length)}…`, font)).toBeGreaterThan(300);
    expect(ellipsizeToWidth(title, 10_000, font, wide)).toBe(title);
    expect(ellipsizeToWidth(title, 5, font, wide)).toBe('');
  });

  test('wrapped lines are each within the width, and keep every word in order', () => {
    const font: FontSpec = { size: 20 };
    const lines = wrapLines(LONGEST_INFO, 400, font, wide);
    for (const l of lines) expect(wide(l, font)).toBeLessThanOrEqual(400);
    expect(lines.join(' ')).toBe(LONGEST_INFO);
    // A word longer than the line is cut rather than left to overflow.
    const long = wrapLines('x'.repeat(100), 140, font, wide);
    for (const l of long) expect(wide(l, font)).toBeLessThanOrEqual(140);
    expect(long.join('')).toBe('x'.repeat(100));
  });

  test('a block takes the biggest size that fits, and at the smallest it cuts with an ellipsis', () => {
    const roomy = fitBlock('Level complete.', { width: 600, height: 60 }, { max: 26, min: 16 }, {}, wide);
    expect(roomy.size).toBe(26);
    expect(roomy.lines).toEqual(['Level complete.']);
    const tight = fitBlock(LONGEST_INFO, { width: 600, height: 60 }, { max: 26, min: 16 }, {}, wide);
    expect(tight.size).toBeLessThan(26);
    expect(tight.height).toBeLessThanOrEqual(60);
    const cramped = fitBlock(LONGEST_INFO, { width: 300, height: 40 }, { max: 26, min: 16 }, {}, wide);
    expect(cramped.size).toBe(16);
    expect(cramped.lines.length).toBe(Math.floor(40 / (16 * LINE_HEIGHT)));
    expect(cramped.lines.at(-1)?.endsWith('…')).toBe(true);
    for (const l of cramped.lines) expect(wide(l, { size: 16 })).toBeLessThanOrEqual(300);
  });

  test('the fallback guess is never narrower than the worst case it stands in for', () => {
    // Bold proportional text averages well under 0.66 of its size per character.
    expect(estimate('MMMM', { size: 10, bold: true })).toBeGreaterThanOrEqual(4 * 10 * 0.66);
    expect(estimate('mono', { size: 10, mono: true })).toBeGreaterThanOrEqual(4 * 10 * 0.6);
  });
});

describe.each([
  { name: 'phone 390×844 at 2×', width: 780, height: 1688, pixelRatio: 2 },
  { name: 'phone 390×560 at 2×', width: 780, height: 1120, pixelRatio: 2 },
  { name: 'phone 390×560 at 1×', width: 390, height: 560, pixelRatio: 1 },
  { name: 'phone board in its 3:4 box (366×488) at 2×', width: 732, height: 976, pixelRatio: 2 },
  { name: 'projector 1280×720', width: 1280, height: 720, pixelRatio: 1 },
  { name: 'projector 1920×1080', width: 1920, height: 1080, pixelRatio: 1 },
])('$name', ({ width, height, pixelRatio }) => {
  const layout = computeLayout({ width, height, pixelRatio, heapCells: 64 });

  test('the header keeps the title, score, stars, tag, clock and help apart', () => {
    const f = layout.font;
    const widths = {
      clock: wide('paused', { size: f.request }),
      tag: wide('WATCHING', { size: f.small }),
      stars: wide(layout.compact ? '☆☆☆' : '☆☆☆  next at 1200', { size: f.title }),
      score: wide(layout.compact ? '9999' : 'score 9999', { size: f.title }),
    };
    const s = hudSlots(layout, widths);
    const title = { size: f.title, bold: true };
    const shown = ellipsizeToWidth('13. Dictionaries in a circle: a → b → a', s.titleW, title, wide);
    const titleRight = s.titleX + wide(shown, title);
    const scoreLeft = s.scoreRight - widths.score;
    expect(titleRight + layout.pad).toBeLessThanOrEqual(scoreLeft);
    expect(scoreLeft).toBeGreaterThan(s.titleX);
    expect(s.scoreRight + layout.pad).toBeLessThanOrEqual(s.starsRight - widths.stars);
    expect(s.starsRight + layout.pad).toBeLessThanOrEqual(s.tagRight - widths.tag);
    expect(s.tagRight + layout.pad).toBeLessThanOrEqual(s.clockRight - widths.clock);
    expect(s.clockRight).toBeLessThanOrEqual(s.help.x);
    expect(s.help.x + s.help.w).toBeLessThanOrEqual(layout.hud.x + layout.hud.w);
    // Some of the title is always left to read.
    expect(s.titleW).toBeGreaterThan(f.title * 3);
  });

  test('the longest info messages fit inside the info strip, above the bottom and below the shelf', () => {
    const r = layout.info;
    const markW = layout.font.body * 1.4;
    const box = { width: r.w - 2 * layout.pad - markW, height: r.h - 4 * layout.unit };
    for (const text of [LONGEST_INFO, LONG_WHY]) {
      const fit = fitBlock(text, box, { max: layout.font.body, min: layout.font.small * 0.85 }, {}, wide);
      const top = r.y + r.h / 2 - fit.height / 2;
      expect(top).toBeGreaterThanOrEqual(layout.shelf.y + layout.shelf.h);
      expect(top + fit.height).toBeLessThanOrEqual(layout.height);
      for (const l of fit.lines) expect(wide(l, { size: fit.size })).toBeLessThanOrEqual(box.width);
      // Still readable: never below 10 CSS px.
      expect(fit.size / pixelRatio).toBeGreaterThanOrEqual(layout.compact ? 9.3 : 10);
    }
  });
});
