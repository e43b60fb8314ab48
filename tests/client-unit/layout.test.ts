import { describe, expect, test } from 'vitest';
import type { Rect } from '../../client/src/game/heap-grid';
import { computeLayout, prefersCompact, share } from '../../client/src/game/layout';

function within(inner: Rect, outer: { width: number; height: number }) {
  expect(inner.x).toBeGreaterThanOrEqual(0);
  expect(inner.y).toBeGreaterThanOrEqual(0);
  expect(inner.x + inner.w).toBeLessThanOrEqual(outer.width + 0.5);
  expect(inner.y + inner.h).toBeLessThanOrEqual(outer.height + 0.5);
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('choosing the arrangement', () => {
  test('phones in portrait get the one-column layout, laptops and projectors the wide one', () => {
    expect(prefersCompact(390, 844)).toBe(true);
    expect(prefersCompact(1280, 720)).toBe(false);
    expect(prefersCompact(1920, 1080)).toBe(false);
    expect(prefersCompact(600, 500)).toBe(true);
  });
});

describe.each([
  { name: 'projector 1280×720', width: 1280, height: 720, pixelRatio: 1 },
  { name: 'full HD', width: 1920, height: 1080, pixelRatio: 1 },
  { name: 'phone 390×844 at 2×', width: 780, height: 1688, pixelRatio: 2 },
  { name: 'phone 390×560 at 2×', width: 780, height: 1120, pixelRatio: 2 },
  { name: 'phone, board in its 3:4 box (366×488) at 2×', width: 732, height: 976, pixelRatio: 2 },
  { name: 'small phone 360×640 at 3×', width: 1080, height: 1920, pixelRatio: 3 },
  { name: 'phone, board in a 390×600 box', width: 780, height: 1200, pixelRatio: 2 },
  { name: 'phone, board in a 360×480 box', width: 720, height: 960, pixelRatio: 2 },
])('$name', ({ width, height, pixelRatio }) => {
  const layout = computeLayout({ width, height, pixelRatio, heapCells: 512 });
  const panels = [
    layout.hud,
    layout.source,
    layout.request,
    layout.stack,
    layout.heap,
    layout.shelf,
    layout.info,
  ];

  test('every panel is on screen and no two panels overlap', () => {
    for (const p of panels) within(p, layout);
    for (let i = 0; i < panels.length; i++) {
      for (let j = i + 1; j < panels.length; j++) expect(overlaps(panels[i]!, panels[j]!)).toBe(false);
    }
  });

  test('the heap grid fits inside the heap panel', () => {
    const g = layout.grid;
    expect(g.x - g.gutter).toBeGreaterThanOrEqual(layout.heap.x);
    expect(g.x + g.cols * g.cell).toBeLessThanOrEqual(layout.heap.x + layout.heap.w);
    expect(g.y + g.visibleRows * g.cell).toBeLessThanOrEqual(layout.heap.y + layout.heap.h);
  });

  test('text is readable: body at least 12 CSS px; touch targets big enough for fingers on a phone', () => {
    expect(layout.font.body / pixelRatio).toBeGreaterThanOrEqual(12);
    expect(layout.touch / pixelRatio).toBeGreaterThanOrEqual(layout.compact ? 44 : 27);
  });

  test('on a phone the stack sits above the heap', () => {
    if (layout.compact) expect(layout.stack.y + layout.stack.h).toBeLessThanOrEqual(layout.heap.y);
    else expect(layout.stack.x + layout.stack.w).toBeLessThanOrEqual(layout.heap.x);
  });
});

describe('sharing a short column', () => {
  const parts = { top: { min: 20, want: 40 }, heap: { min: 100, want: 0 }, bottom: { min: 30, want: 50 } };

  test('room to spare: everyone gets what they want and the heap the rest', () => {
    expect(share(parts, 400, 0)).toEqual({ top: 40, heap: 310, bottom: 50 });
  });

  test('a little short: the others give up slack in proportion, the heap keeps its minimum', () => {
    const h = share(parts, 170, 0);
    expect(h.heap).toBe(100);
    expect(h.top + h.bottom).toBeCloseTo(70);
    expect(h.top).toBeCloseTo(20 + 20 * (20 / 40));
  });

  test('below every minimum: all shrink alike, and the total still fits', () => {
    const h = share(parts, 75, 0);
    expect(h.top + h.heap + h.bottom).toBeCloseTo(75);
    expect(h.heap / h.top).toBeCloseTo(5);
  });

  test('gaps are taken off first', () => {
    const h = share(parts, 400, 10);
    expect(h.top + h.heap + h.bottom).toBe(370);
  });
});
