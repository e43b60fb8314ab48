/**
 * Heap geometry: byte offsets, 8-byte cells, hex addresses and pixels. Pure maths, no
 * Phaser, so it is tested on its own and shared by drawing, input and the test hook.
 */
export const CELL_BYTES = 8;
/** The simulator stores byte offsets from 0; addresses are shown from here, as CPython's `id()` might be. */
export const DISPLAY_BASE = 0x7f00_0000;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface HeapGrid {
  /** Top-left of cell 0's column, right of the address gutter. */
  x: number;
  y: number;
  /** Width of the address gutter left of the cells. */
  gutter: number;
  cols: number;
  /** Rows that fit on screen at once. */
  visibleRows: number;
  /** Rows the whole heap needs. */
  totalRows: number;
  cells: number;
  /** Side of one square cell in pixels. */
  cell: number;
}

export function cellsFor(bytes: number): number {
  return Math.ceil(bytes / CELL_BYTES);
}

export function offsetToCell(offset: number): number {
  return Math.floor(offset / CELL_BYTES);
}

export function cellToOffset(cell: number): number {
  return cell * CELL_BYTES;
}

/** `0x7f00_0040` for offset 64: hex, grouped in fours so it reads aloud on a projector. */
export function formatAddress(offset: number): string {
  const hex = (DISPLAY_BASE + offset).toString(16).padStart(8, '0');
  return `0x${hex.slice(0, -4)}_${hex.slice(-4)}`;
}

/** Bytes as a person reads them: 88 B, 1.5 KB, 2 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KB`;
  return `${trim(bytes / (1024 * 1024))} MB`;
}

function trim(n: number): string {
  return n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}

/** Column counts: multiples of 4 cells (32 bytes), so row addresses step evenly in hex. */
const COLUMN_CHOICES = [4, 8, 12, 16, 20, 24, 32, 40, 48, 64, 96, 128] as const;

/**
 * Fit `cells` square cells into `area`, right of an address gutter. Picks the column count
 * that gives the biggest cells;
 * when even the smallest readable cell cannot show every row, the grid scrolls.
 */
export function fitHeapGrid(
  area: Rect,
  cells: number,
  gutter: number,
  minCell: number,
  maxCell: number,
): HeapGrid {
  const width = Math.max(1, area.w - gutter);
  let best: { cols: number; cell: number } | null = null;
  for (const cols of COLUMN_CHOICES) {
    const rows = Math.ceil(cells / cols);
    const cell = Math.min(width / cols, area.h / rows, maxCell);
    if (!best || cell > best.cell + 0.01) best = { cols, cell };
  }
  let { cols, cell } = best!;
  if (cell < minCell) {
    // Too many cells to show at once: keep cells readable and scroll rows instead.
    cell = minCell;
    cols = COLUMN_CHOICES.reduce((acc, c) => (c * minCell <= width ? c : acc), 4 as number);
    cell = Math.min(width / cols, maxCell);
  }
  cell = Math.floor(cell);
  const totalRows = Math.ceil(cells / cols);
  const visibleRows = Math.max(1, Math.min(totalRows, Math.floor(area.h / cell)));
  return { x: area.x + gutter, y: area.y, gutter, cols, visibleRows, totalRows, cells, cell };
}

/** Screen rectangle of a cell, or null when its row is scrolled out of view. */
export function cellRect(grid: HeapGrid, cell: number, scrollRow: number): Rect | null {
  if (cell < 0 || cell >= grid.cells) return null;
  const row = Math.floor(cell / grid.cols) - scrollRow;
  if (row < 0 || row >= grid.visibleRows) return null;
  const col = cell % grid.cols;
  return { x: grid.x + col * grid.cell, y: grid.y + row * grid.cell, w: grid.cell, h: grid.cell };
}

/** The cell under a point, or null outside the grid. */
export function pointToCell(grid: HeapGrid, x: number, y: number, scrollRow: number): number | null {
  const col = Math.floor((x - grid.x) / grid.cell);
  const row = Math.floor((y - grid.y) / grid.cell);
  if (col < 0 || col >= grid.cols || row < 0 || row >= grid.visibleRows) return null;
  const cell = (row + scrollRow) * grid.cols + col;
  return cell < grid.cells ? cell : null;
}

/**
 * The row pieces an object of `bytes` at `offset` covers on screen (it wraps at the end of
 * a row), clipped to the rows in view. The first piece is where its label goes.
 */
export function objectSegments(grid: HeapGrid, offset: number, bytes: number, scrollRow: number): Rect[] {
  const first = offsetToCell(offset);
  const last = Math.min(grid.cells, first + Math.max(1, cellsFor(bytes))) - 1;
  const out: Rect[] = [];
  let cell = first;
  while (cell <= last) {
    const rowEnd = (Math.floor(cell / grid.cols) + 1) * grid.cols - 1;
    const end = Math.min(rowEnd, last);
    const a = cellRect(grid, cell, scrollRow);
    if (a) out.push({ x: a.x, y: a.y, w: (end - cell + 1) * grid.cell, h: grid.cell });
    cell = end + 1;
  }
  return out;
}

/** Scroll position that keeps `cell` in view, moving as little as possible. */
export function scrollToShow(grid: HeapGrid, cell: number, scrollRow: number): number {
  const row = Math.floor(cell / grid.cols);
  const maxScroll = Math.max(0, grid.totalRows - grid.visibleRows);
  let next = scrollRow;
  if (row < next) next = row;
  if (row >= next + grid.visibleRows) next = row - grid.visibleRows + 1;
  return Math.max(0, Math.min(maxScroll, next));
}

/** Which object (if any) covers each cell. Display only: the simulator decides what is legal. */
export function occupancy(
  cells: number,
  objects: Iterable<{ id: string; address: number | null; size: number; shelf: boolean }>,
): (string | null)[] {
  const map: (string | null)[] = new Array(cells).fill(null);
  for (const o of objects) {
    if (o.shelf || o.address === null) continue;
    const start = offsetToCell(o.address);
    const end = Math.min(cells, start + Math.max(1, cellsFor(o.size)));
    for (let c = Math.max(0, start); c < end; c++) map[c] = o.id;
  }
  return map;
}

export type Fit = 'fits' | 'overlaps' | 'outside';

/** Whether an object of `bytes` dropped at `cell` would land on free cells; shown by the drag ghost. */
export function fitAt(map: readonly (string | null)[], cell: number, bytes: number, self?: string): Fit {
  const n = Math.max(1, cellsFor(bytes));
  if (cell < 0 || cell + n > map.length) return 'outside';
  for (let c = cell; c < cell + n; c++) {
    const who = map[c];
    if (who !== null && who !== undefined && who !== self) return 'overlaps';
  }
  return 'fits';
}
