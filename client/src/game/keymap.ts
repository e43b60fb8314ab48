/**
 * The keyboard map: a key press plus what the board shows now becomes either a simulator
 * action or a change to the board's own view (cursor, selection, overlays). Pure, so every
 * key is tested without a browser.
 */
import type { Action, Request } from '../../../shared/sim/types';
import type { BoardMode } from './types';

export type Overlay = 'intro' | 'outro' | 'crash' | 'help' | null;

export interface KeyContext {
  mode: BoardMode;
  overlay: Overlay;
  request: Request | null;
  /** Heap cursor (a cell index) and the grid's shape. */
  cursor: number;
  cols: number;
  cells: number;
  /** The pending object that Enter places (the first unplaced one unless another was picked). */
  pendingId: string | null;
  /** How many objects the place request still has to place. */
  pendingCount: number;
  /** Objects marked for freeing, and the one the Tab focus is on. */
  selection: readonly string[];
  focusedId: string | null;
  /** Function to name in a push when no call is pending (pushing then is a mistake the simulator counts). */
  fallbackFn: string | null;
}

export type Intent =
  | { kind: 'action'; action: Action }
  | { kind: 'cursor'; cell: number }
  | { kind: 'focus-next'; step: 1 | -1 }
  | { kind: 'toggle-select' }
  | { kind: 'pick-pending'; index: number }
  | { kind: 'help' }
  | { kind: 'labels' }
  | { kind: 'close' }
  | { kind: 'start' }
  | { kind: 'retry' }
  | { kind: 'next' };

export interface KeyPress {
  key: string;
  shift?: boolean;
  ctrl?: boolean;
}

/** Every key the board answers to, for the help overlay. */
export const KEY_HELP: readonly [string, string][] = [
  ['← ↑ → ↓', 'move the cursor over the heap'],
  ['Enter', 'place the pending object at the cursor'],
  ['1 – 4', 'answer a question, or pick which object to place'],
  ['P', 'push the called function’s frame'],
  ['O', 'pop the top frame (return)'],
  ['R', 'raise RecursionError (MemoryError while placing)'],
  ['M', 'raise MemoryError'],
  ['Tab / Shift+Tab', 'move focus between objects (“why is this alive?”)'],
  ['Space', 'mark or unmark the focused object for freeing'],
  ['F', 'free the marked objects (or the focused one)'],
  ['L', 'switch arrows ↔ text labels'],
  ['?', 'show or hide this help'],
  ['Esc', 'close a card, clear the marks'],
];

export function translateKey(press: KeyPress, ctx: KeyContext): Intent | null {
  if (press.ctrl) return null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (key === '?' || (key === '/' && press.shift)) return { kind: 'help' };
  if (ctx.overlay === 'help') return key === 'Escape' || key === 'Enter' ? { kind: 'close' } : null;
  if (ctx.overlay === 'intro') return key === 'Enter' || key === ' ' ? { kind: 'start' } : null;
  if (ctx.overlay === 'crash') return key === 'Enter' || key === 'r' ? { kind: 'retry' } : null;
  if (ctx.overlay === 'outro') {
    if (key === 'Enter' || key === 'n') return { kind: 'next' };
    return key === 'r' ? { kind: 'retry' } : null;
  }
  if (key === 'l') return { kind: 'labels' };
  if (key === 'Escape') return { kind: 'close' };
  if (key === 'Tab') return { kind: 'focus-next', step: press.shift ? -1 : 1 };
  const move = arrowStep(key, ctx.cols);
  if (move !== null) return { kind: 'cursor', cell: clamp(ctx.cursor + move, 0, ctx.cells - 1) };
  if (ctx.mode !== 'play') return null;
  return playKey(key, ctx);
}

function playKey(key: string, ctx: KeyContext): Intent | null {
  const req = ctx.request;
  if (/^[1-9]$/.test(key)) {
    const index = Number(key) - 1;
    if (req?.kind === 'answer')
      return index < req.options.length ? action({ type: 'answer', option: index }) : null;
    if (req?.kind === 'place' && index < ctx.pendingCount) return { kind: 'pick-pending', index };
    return null;
  }
  switch (key) {
    case 'Enter':
      if (req?.kind === 'place' && ctx.pendingId) {
        return action({ type: 'place', objectId: ctx.pendingId, address: ctx.cursor * 8 });
      }
      return null;
    case 'p': {
      const fn = req?.kind === 'push' ? req.fn : ctx.fallbackFn;
      return fn ? action({ type: 'push', fn }) : null;
    }
    case 'o':
      return action({ type: 'pop' });
    case 'r':
      return action({ type: 'raise', error: req?.kind === 'place' ? 'MemoryError' : 'RecursionError' });
    case 'm':
      return action({ type: 'raise', error: 'MemoryError' });
    case ' ':
      return ctx.focusedId ? { kind: 'toggle-select' } : null;
    case 'f': {
      const ids = ctx.selection.length > 0 ? [...ctx.selection] : ctx.focusedId ? [ctx.focusedId] : [];
      return ids.length > 0 ? action({ type: 'free', objectIds: ids }) : null;
    }
    default:
      return null;
  }
}

function arrowStep(key: string, cols: number): number | null {
  switch (key) {
    case 'ArrowLeft':
      return -1;
    case 'ArrowRight':
      return 1;
    case 'ArrowUp':
      return -cols;
    case 'ArrowDown':
      return cols;
    default:
      return null;
  }
}

function action(a: Action): Intent {
  return { kind: 'action', action: a };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
