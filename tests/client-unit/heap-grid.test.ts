import { describe, expect, test } from 'vitest';
import {
  cellRect,
  cellsFor,
  cellToOffset,
  DISPLAY_BASE,
  fitAt,
  fitHeapGrid,
  formatAddress,
  formatBytes,
  objectSegments,
  occupancy,
  offsetToCell,
  pointToCell,
  scrollToShow,
} from '../../client/src/game/heap-grid';

const area = { x: 100, y: 50, w: 600, h: 400 };

describe('addresses', () => {
  test('offsets show from the display base, grouped in fours', () => {
    expect(DISPLAY_BASE).toBe(0x7f000000);
    expect(formatAddress(0)).toBe('0x7f00_0000');
    expect(formatAddress(64)).toBe('0x7f00_0040');
    expect(formatAddress(0x1_2345)).toBe('0x7f01_2345');
  });

  test('cells are 8 bytes and objects round up to whole cells', () => {
    expect(offsetToCell(0)).toBe(0);
    expect(offsetToCell(88)).toBe(11);
    expect(cellToOffset(11)).toBe(88);
    expect(cellsFor(88)).toBe(11);
    expect(cellsFor(28)).toBe(4);
    expect(cellsFor(216)).toBe(27);
  });

  test('byte counts read like a person writes them', () => {
    expect(formatBytes(88)).toBe('88 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(16384)).toBe('16 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MB');
  });
});

describe('fitting the grid', () => {
  test('a small heap gets big cells and every row shows', () => {
    const g = fitHeapGrid(area, 32, 80, 12, 64);
    expect(g.cols * g.cell).toBeLessThanOrEqual(area.w - 80);
    expect(g.visibleRows).toBe(g.totalRows);
    expect(g.cols * g.totalRows).toBeGreaterThanOrEqual(32);
    expect(g.cell).toBe(64);
  });

  test('a big heap scrolls rather than shrinking cells below the minimum', () => {
    const g = fitHeapGrid(area, 100_000, 80, 12, 64);
    expect(g.cell).toBeGreaterThanOrEqual(12);
    expect(g.visibleRows).toBeLessThan(g.totalRows);
    expect(g.cols * g.cell).toBeLessThanOrEqual(area.w - 80);
  });

  test('columns are multiples of 4 cells so each row starts at a round hex address', () => {
    for (const cells of [32, 100, 512, 2048, 5000]) {
      const g = fitHeapGrid(area, cells, 80, 12, 64);
      expect(g.cols % 4).toBe(0);
      expect((g.cols * 8) % 32).toBe(0);
    }
  });
});

describe('cells and pixels', () => {
  const g = fitHeapGrid(area, 512, 80, 12, 64);

  test('cell → pixel → cell round-trips for every visible cell', () => {
    for (let cell = 0; cell < Math.min(g.cells, g.visibleRows * g.cols); cell += 7) {
      const r = cellRect(g, cell, 0)!;
      expect(pointToCell(g, r.x + r.w / 2, r.y + r.h / 2, 0)).toBe(cell);
    }
  });

  test('cell 0 sits right of the address gutter', () => {
    expect(cellRect(g, 0, 0)).toEqual({ x: area.x + 80, y: area.y, w: g.cell, h: g.cell });
  });

  test('scrolled-out rows have no rectangle and points outside hit nothing', () => {
    expect(cellRect(g, 0, 1)).toBeNull();
    expect(pointToCell(g, area.x + 10, area.y + 10, 0)).toBeNull();
    expect(pointToCell(g, g.x + 1, g.y - 1, 0)).toBeNull();
  });

  test('scrolling moves rows up', () => {
    const scrolled = cellRect(g, g.cols, 1)!;
    expect(scrolled.y).toBe(g.y);
    expect(pointToCell(g, g.x + 1, g.y + 1, 3)).toBe(3 * g.cols);
  });

  test('an object that runs past the end of a row is drawn as two pieces', () => {
    const grid = fitHeapGrid(area, 32, 80, 12, 64); // 8 columns
    expect(grid.cols).toBe(8);
    const parts = objectSegments(grid, 6 * 8, 88, 0); // cells 6..16
    expect(parts).toHaveLength(3);
    expect(parts[0]!.w).toBe(2 * grid.cell);
    expect(parts[1]!.w).toBe(8 * grid.cell);
    expect(parts[2]!.w).toBe(1 * grid.cell);
    expect(parts[1]!.y).toBe(parts[0]!.y + grid.cell);
  });

  test('scrollToShow moves only as far as needed', () => {
    const big = fitHeapGrid(area, 100_000, 80, 12, 64);
    expect(scrollToShow(big, 0, 5)).toBe(0);
    const below = (big.visibleRows + 3) * big.cols;
    expect(scrollToShow(big, below, 0)).toBe(4);
    expect(scrollToShow(big, big.cols * 2, 0)).toBe(0);
  });
});

describe('occupancy and the drag ghost', () => {
  const objs = [
    { id: 'a', address: 0, size: 28, shelf: false },
    { id: 'b', address: 64, size: 56, shelf: false },
    { id: 'int:1', address: null, size: 28, shelf: true },
    { id: 'new', address: null, size: 88, shelf: false },
  ];
  const map = occupancy(32, objs);

  test('placed objects cover their cells; shelf and unplaced objects cover none', () => {
    expect(map.slice(0, 5)).toEqual(['a', 'a', 'a', 'a', null]);
    expect(map.slice(8, 15)).toEqual(Array(7).fill('b'));
    expect(map.filter((x) => x === null)).toHaveLength(32 - 4 - 7);
  });

  test('fit, overlap and outside', () => {
    expect(fitAt(map, 4, 32)).toBe('fits');
    expect(fitAt(map, 4, 40)).toBe('overlaps');
    expect(fitAt(map, 30, 28)).toBe('outside');
    expect(fitAt(map, 8, 56, 'b')).toBe('fits');
  });
});
