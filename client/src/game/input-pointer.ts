/**
 * Mouse and touch. Buttons fire on release; a pending object can be dragged onto the heap
 * (the ghost shows whether it fits) or placed by tapping a free cell; tapping an object
 * marks it for freeing and asks why it is alive; dragging an empty part of a tall heap or
 * using the wheel scrolls it.
 *
 * A mouse reports moves faster than frames are drawn: moves are only noted as they come
 * and handled once a frame (`flush`), and hovering or dragging repaints the live layer
 * alone, never the board.
 */
import type * as Phaser from 'phaser';
import { pointToCell } from './heap-grid';
import type { Hit } from './hits';
import { inside } from './layout';
import type { BoardScene } from './scenes/BoardScene';

interface Press {
  hit: Hit | null;
  cell: number | null;
  x: number;
  y: number;
  moved: boolean;
  scrollFrom: number;
}

export interface PointerInput {
  /** Handle the latest move, if any (called once a frame). */
  flush(): void;
  /** Find what the mouse is over in a freshly drawn board (hits are rebuilt on every redraw). */
  refreshHover(): void;
  detach(): void;
}

export function attachPointer(scene: BoardScene): PointerInput {
  let press: Press | null = null;
  /** The latest move not handled yet. */
  let moved: { x: number; y: number; touch: boolean } | null = null;
  /** Where the mouse is over the board (null when it is out, or the last input was touch). */
  let mouse: { x: number; y: number } | null = null;
  const input = scene.input;
  const cellAt = (x: number, y: number) => pointToCell(scene.layout.grid, x, y, scene.model.scrollRow);
  const hoverAt = (x: number, y: number) => (press ? null : scene.hits.at(x, y, (h) => h.enabled));

  const setHover = (hit: Hit | null) => {
    if (hit === scene.hover) return;
    if (!!hit !== !!scene.hover) scene.link.keyTarget.style.cursor = hit ? 'pointer' : '';
    scene.hover = hit;
    scene.invalidateLive();
  };

  const down = (p: Phaser.Input.Pointer) => {
    flush();
    scene.link.keyTarget.focus({ preventScroll: true });
    const hit = scene.hits.at(p.x, p.y, (h) => h.enabled);
    const overlay = scene.model.overlay !== null;
    press = {
      hit,
      cell: overlay ? null : cellAt(p.x, p.y),
      x: p.x,
      y: p.y,
      moved: false,
      scrollFrom: scene.model.scrollRow,
    };
    setHover(null);
    if (hit?.kind === 'pending' && hit.id) {
      scene.model.pickedPending = hit.id;
      scene.invalidate();
    }
  };

  const move = (p: Phaser.Input.Pointer) => {
    moved = { x: p.x, y: p.y, touch: p.wasTouch };
  };

  const flush = () => {
    const p = moved;
    if (!p) return;
    moved = null;
    mouse = p.touch ? null : { x: p.x, y: p.y };
    const m = scene.model;
    if (press && Math.hypot(p.x - press.x, p.y - press.y) > 8 * scene.layout.unit) press.moved = true;
    if (press?.hit?.kind === 'pending') {
      const cell = cellAt(p.x, p.y);
      if (cell !== m.ghostCell) {
        m.ghostCell = cell;
        scene.invalidateLive();
      }
      return;
    }
    if (press && press.cell !== null && press.moved && !press.hit) {
      // Drag on the heap itself scrolls it when it is taller than its panel.
      const grid = scene.layout.grid;
      const rows = Math.round((press.y - p.y) / grid.cell);
      const max = Math.max(0, grid.totalRows - grid.visibleRows);
      const next = Math.max(0, Math.min(max, press.scrollFrom + rows));
      if (next !== m.scrollRow) {
        m.scrollRow = next;
        scene.invalidate();
      }
      return;
    }
    if (press || p.touch) return;
    setHover(hoverAt(p.x, p.y));
    const placing = m.interactive && m.state?.request?.kind === 'place' && m.overlay === null;
    const cell = placing ? cellAt(p.x, p.y) : null;
    if (cell !== m.ghostCell) {
      m.ghostCell = cell;
      scene.invalidateLive();
    }
  };

  const up = (p: Phaser.Input.Pointer) => {
    flush();
    const pr = press;
    press = null;
    if (!pr) return;
    const m = scene.model;
    const cell = cellAt(p.x, p.y);
    if (pr.hit?.kind === 'pending') {
      m.ghostCell = null;
      if (pr.moved && cell !== null && pr.hit.id) {
        scene.intent({ kind: 'action', action: { type: 'place', objectId: pr.hit.id, address: cell * 8 } });
      }
      scene.invalidate();
      return;
    }
    if (pr.moved) return;
    if (pr.hit) {
      const again = scene.hits.at(p.x, p.y, (h) => h.enabled);
      if (again?.name !== pr.hit.name) return;
      if (pr.hit.kind === 'button') pr.hit.press?.();
      else if (pr.hit.kind === 'object' && pr.hit.id) m.focus(pr.hit.id);
      else if (pr.hit.kind === 'local' && pr.hit.id) m.focus(pr.hit.id);
      scene.invalidate();
      return;
    }
    if (cell === null || m.overlay !== null) return;
    const obj = m.objectAtCell(cell);
    m.cursor = cell;
    if (obj) {
      m.focus(obj.id);
      m.cursor = cell;
      if (m.interactive) m.toggleSelect(obj.id);
    } else if (m.interactive && m.state?.request?.kind === 'place' && m.pickedPending) {
      scene.intent({
        kind: 'action',
        action: { type: 'place', objectId: m.pickedPending, address: cell * 8 },
      });
    } else {
      m.focus(null);
    }
    scene.invalidate();
  };

  const wheel = (p: Phaser.Input.Pointer, _over: unknown, _dx: number, dy: number) => {
    if (!inside(scene.layout.heap, p.x, p.y)) return;
    const grid = scene.layout.grid;
    const max = Math.max(0, grid.totalRows - grid.visibleRows);
    const next = Math.max(0, Math.min(max, scene.model.scrollRow + Math.sign(dy) * 2));
    if (next !== scene.model.scrollRow) {
      scene.model.scrollRow = next;
      scene.invalidate();
    }
  };

  const out = () => {
    moved = null;
    mouse = null;
    setHover(null);
    if (!press && scene.model.ghostCell !== null) {
      scene.model.ghostCell = null;
      scene.invalidateLive();
    }
  };

  input.on('pointerdown', down);
  input.on('pointermove', move);
  input.on('pointerup', up);
  input.on('wheel', wheel);
  input.on('gameout', out);
  return {
    flush,
    refreshHover() {
      const hit = mouse ? hoverAt(mouse.x, mouse.y) : null;
      if (!!hit !== !!scene.hover) scene.link.keyTarget.style.cursor = hit ? 'pointer' : '';
      scene.hover = hit;
    },
    detach() {
      input.off('pointerdown', down);
      input.off('pointermove', move);
      input.off('pointerup', up);
      input.off('wheel', wheel);
      input.off('gameout', out);
    },
  };
}
