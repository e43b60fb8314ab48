/**
 * What the board is showing, apart from the game state itself: the heap cursor, the
 * focused and marked objects, which card is open, the info line. Plain TypeScript with no
 * Phaser, so the scene stays a thin drawing layer and this logic is unit-tested.
 */
import type { GameState, ScoreBreakdown, SimEvent, SimObject } from '../../../shared/sim/types';
import { type Changes, diffStates } from './changes';
import { callName, pendingObjects, scoreDigits, starsInReach, tidyNames } from './describe';
import { cellsFor, occupancy, offsetToCell } from './heap-grid';
import type { KeyContext, Overlay } from './keymap';
import { type Views, viewsOf, whyAlive } from './sim-views';
import type { BoardMode, ClockInfo } from './types';

export type Tone = 'info' | 'good' | 'bad' | 'warn';

/** What a new state asks to draw again. */
export type Redraw = 'board' | 'live' | null;

const STALL_NOTE = 'The program is waiting for you: each tick now costs points.';

export interface WhyAnswer {
  /** [frame, name, objectId, ...] from a root to the object, or null when nothing reachable holds it. */
  path: string[] | null;
  text: string;
}

export interface InfoLine {
  text: string;
  tone: Tone;
}

/** Past this many arrows they turn into text labels, unless the player chose otherwise. */
export const AUTO_LABELS_AT = 60;
/** The same on a phone, where arrows cross the whole narrow board much sooner. */
export const AUTO_LABELS_AT_COMPACT = 10;
/** How long what changed stays highlighted. */
export const HIGHLIGHT_MS = 2200;
/** A state this many ticks away from the last is a jump, not a step. */
export const JUMP_TICKS = 20;

export class BoardModel {
  state: GameState | null = null;
  views: Views | null = null;
  changes: Changes | null = null;
  /** performance.now() of the last state that changed something, for the highlight fade. */
  changedAt = 0;
  cursor = 0;
  scrollRow = 0;
  selection: string[] = [];
  focusedId: string | null = null;
  pickedPending: string | null = null;
  /** Where a dragged or hovered pending object would land; the keyboard cursor when null. */
  ghostCell: number | null = null;
  /** Set once the arrow keys moved the cursor: from then on the placement ghost follows it. */
  cursorActive = false;
  introOpen = false;
  helpOpen = false;
  /** null: automatic (labels once the heap is crowded). */
  labelsChoice: boolean | null = null;
  /** Set by the scene from its layout. */
  autoLabelsAt = AUTO_LABELS_AT;
  clock: ClockInfo = { secondsLeft: null, paused: false };
  narration = '';
  info: InfoLine | null = null;
  /** Whether the crash and outro cards offer Retry and Next (the shell or a local loop listens). */
  canRetry = false;
  hasNext = false;

  constructor(
    readonly mode: BoardMode,
    readonly showOutro: boolean,
    private readonly scoreOf?: (state: GameState) => ScoreBreakdown,
  ) {}

  get interactive(): boolean {
    return this.mode === 'play';
  }

  /**
   * Take a new state. Returns what must be drawn again: the board, only the live layer (the
   * score moved, e.g. by the stall or leak penalty on a quiet tick), or nothing (most ticks).
   */
  setState(state: GameState, events: SimEvent[], now: number): Redraw {
    const prev = this.state;
    const prevScore = this.views?.score.total;
    const prevUrgent = prev ? urgent(prev) : false;
    // A jump (seeking a replay, a snapshot after a reconnect) lights nothing: everything would
    // have changed. Otherwise the last real change stays lit for a while: most ticks change nothing.
    const jumped = prev !== null && Math.abs(state.tick - prev.tick) > JUMP_TICKS;
    const diff = diffStates(jumped ? null : prev, state);
    if (!diff.none) {
      this.changes = diff;
      this.changedAt = now;
    } else if (!prev || jumped || state.tick < prev.tick || now - this.changedAt > HIGHLIGHT_MS) {
      this.changes = diff;
    }
    this.state = state;
    this.views = viewsOf(state, this.scoreOf);
    if (!prev || prev.level.id !== state.level.id) this.resetView(state);
    this.selection = this.selection.filter((id) => onHeap(state.objects[id]));
    if (this.focusedId && !state.objects[this.focusedId]) this.focusedId = null;
    const pending = pendingObjects(state);
    if (!pending.some((o) => o.id === this.pickedPending)) this.pickedPending = pending[0]?.id ?? null;
    this.cursor = Math.min(this.cursor, this.heapCells - 1);
    const info = this.info;
    for (const e of events) this.noteEvent(e, state);
    const score = this.views.score.total;
    if (
      !prev ||
      events.some((e) => e.type !== 'stall') ||
      info !== this.info ||
      !sameView(prev, state) ||
      prevUrgent !== urgent(state) ||
      (prevScore !== undefined && !sameScoreSlot(prevScore, score, state.level.stars))
    ) {
      return 'board';
    }
    return prevScore !== score ? 'live' : null;
  }

  private resetView(state: GameState): void {
    this.cursor = 0;
    this.scrollRow = 0;
    this.selection = [];
    this.focusedId = null;
    this.info = null;
    this.labelsChoice = null;
    this.heapCellsCache = Math.max(1, state.level.machine.heapBytes / 8);
  }

  private heapCellsCache = 1;
  get heapCells(): number {
    return this.heapCellsCache;
  }

  private noteEvent(e: SimEvent, state: GameState): void {
    switch (e.type) {
      case 'mistake':
        this.info = { text: tidyNames(e.message), tone: 'bad' };
        break;
      case 'answered':
        this.info = {
          text: `${e.correct ? 'Right.' : 'Not quite.'} ${tidyNames(e.explain)}`,
          tone: e.correct ? 'good' : 'bad',
        };
        break;
      case 'crash':
        this.info = { text: tidyNames(e.message), tone: 'bad' };
        break;
      case 'raised':
        this.info = { text: `${e.error} raised.`, tone: 'info' };
        break;
      case 'say':
        this.info = { text: tidyNames(e.text), tone: 'info' };
        break;
      case 'stall':
        // One note for the whole wait, not a new one (and a redraw) every tick of it.
        if (this.info?.tone !== 'bad' && this.info?.text !== STALL_NOTE)
          this.info = { text: STALL_NOTE, tone: 'warn' };
        break;
      case 'garbage':
        if ((e.cycle && state.level.show.cycles) || (!e.cycle && state.level.show.garbage)) {
          this.info = {
            text: e.cycle
              ? 'An unreachable cycle: the objects point at each other but nothing reachable points at them. Free them together.'
              : 'New garbage: nothing refers to it any more. Free it.',
            tone: 'warn',
          };
        }
        break;
      case 'complete':
        this.info = { text: 'Level complete.', tone: 'good' };
        break;
      case 'objects-freed':
        this.info = {
          text: `Freed ${e.objectIds.length} ${e.objectIds.length === 1 ? 'object' : 'objects'}: ${e.bytes} B back on the heap.`,
          tone: 'good',
        };
        break;
      default:
        break;
    }
  }

  flash(text: string): void {
    this.info = { text: tidyNames(text), tone: 'bad' };
  }

  get overlay(): Overlay {
    if (this.helpOpen) return 'help';
    if (this.introOpen) return 'intro';
    const status = this.state?.status;
    if (status === 'crashed') return 'crash';
    if ((status === 'complete' || status === 'timeout') && this.showOutro) return 'outro';
    return null;
  }

  /** Arrows or text labels: the player's choice, else labels once the heap is crowded. */
  get labels(): boolean {
    if (this.labelsChoice !== null) return this.labelsChoice;
    return this.arrowCount() > this.autoLabelsAt;
  }

  /** Arrows the board would draw: one per local name, one per distinct reference held by a heap object. */
  arrowCount(): number {
    const state = this.state;
    if (!state) return 0;
    let n = 0;
    for (const f of state.stack) n += Object.keys(f.locals).length;
    for (const o of this.heapObjects()) n += new Set(o.refs).size;
    return n;
  }

  toggleLabels(): void {
    this.labelsChoice = !this.labels;
  }

  /** Placed heap objects in address order: the Tab order. */
  heapObjects(): SimObject[] {
    if (!this.state) return [];
    return Object.values(this.state.objects)
      .filter(onHeap)
      .sort((a, b) => a.address! - b.address!);
  }

  focusNext(step: 1 | -1): void {
    const list = this.heapObjects();
    if (list.length === 0) return;
    const at = list.findIndex((o) => o.id === this.focusedId);
    const next = at < 0 ? (step > 0 ? 0 : list.length - 1) : (at + step + list.length) % list.length;
    this.focus(list[next]!.id);
  }

  focus(id: string | null): void {
    this.focusedId = id;
    // The "why is this alive?" answer replaces whatever the info line said before.
    if (id) this.info = null;
    const obj = id ? this.state?.objects[id] : undefined;
    if (obj?.address !== null && obj?.address !== undefined) this.cursor = offsetToCell(obj.address);
  }

  toggleSelect(id: string | null = this.focusedId): void {
    if (!id || !onHeap(this.state?.objects[id])) return;
    this.selection = this.selection.includes(id)
      ? this.selection.filter((x) => x !== id)
      : [...this.selection, id];
  }

  pickPending(index: number): void {
    const pending = this.state ? pendingObjects(this.state) : [];
    if (pending[index]) this.pickedPending = pending[index].id;
  }

  private occupancyCache: { objects: GameState['objects']; cells: number; map: (string | null)[] } | null =
    null;

  /** Which object covers each heap cell (for the placement ghost), kept while the objects stay the same. */
  occupancy(cells: number): (string | null)[] {
    const objects = this.state?.objects ?? {};
    const c = this.occupancyCache;
    if (c && c.objects === objects && c.cells === cells) return c.map;
    const map = occupancy(cells, Object.values(objects));
    this.occupancyCache = { objects, cells, map };
    return map;
  }

  /** The object under a heap cell, if any. */
  objectAtCell(cell: number): SimObject | null {
    for (const o of this.heapObjects()) {
      const start = offsetToCell(o.address!);
      if (cell >= start && cell < start + Math.max(1, cellsFor(o.size))) return o;
    }
    return null;
  }

  keyContext(cols: number): KeyContext {
    const state = this.state;
    const pending = state ? pendingObjects(state) : [];
    return {
      mode: this.mode,
      overlay: this.overlay,
      request: state?.request ?? null,
      cursor: this.cursor,
      cols,
      cells: this.heapCells,
      pendingId: this.pickedPending,
      pendingCount: pending.length,
      selection: this.selection,
      focusedId: this.focusedId,
      fallbackFn: fallbackFn(state),
    };
  }

  private whyCache: { state: GameState | null; id: string | null; value: WhyAnswer | null } | null = null;

  /** The "why is this alive?" answer for the focused object, as a path to light and a sentence. */
  why(): WhyAnswer | null {
    const c = this.whyCache;
    if (c && c.state === this.state && c.id === this.focusedId) return c.value;
    const value = this.whyNow();
    this.whyCache = { state: this.state, id: this.focusedId, value };
    return value;
  }

  private whyNow(): WhyAnswer | null {
    const state = this.state;
    const id = this.focusedId;
    const obj = id ? state?.objects[id] : undefined;
    if (!state || !id || !obj) return null;
    const path = whyAlive(state, id);
    const name = obj.label;
    if (path) {
      const [fn, local, ...ids] = path;
      const chain = ids.map((x) => state.objects[x]?.label ?? x).join(' → ');
      const frameName = callName(fn ?? '');
      const root = local?.startsWith('(') ? `${frameName} ${local}` : `${frameName} → ${local}`;
      return { path, text: `Why is ${name} alive? ${root} → ${chain}` };
    }
    const cycle = this.views?.cycleOf.get(id);
    if (cycle) {
      const others = cycle.filter((x) => x !== id).map((x) => state.objects[x]?.label ?? x);
      return {
        path: null,
        text: `${name} is in an unreachable cycle with ${others.join(', ')}: its count is not 0, yet no root reaches it.`,
      };
    }
    const count = this.views?.refcounts[id] ?? 0;
    return {
      path: null,
      text:
        count > 0
          ? `${name} is unreachable: only garbage still points at it.`
          : `Nothing refers to ${name} any more: it is garbage.`,
    };
  }
}

/**
 * Whether a new score can be shown on the live layer alone: the stars and the next
 * threshold are unchanged and the number still fits the width the header keeps for it.
 */
function sameScoreSlot(a: number, b: number, stars: readonly [number, number, number]): boolean {
  const ra = starsInReach(a, stars);
  const rb = starsInReach(b, stars);
  return ra.stars === rb.stars && ra.next === rb.next && scoreDigits(a) === scoreDigits(b);
}

/** The parts of a state the board draws (the simulator shares unchanged parts between ticks). */
function sameView(a: GameState, b: GameState): boolean {
  return (
    a.level === b.level &&
    a.objects === b.objects &&
    a.stack === b.stack &&
    a.request === b.request &&
    a.program.line === b.program.line &&
    a.program.done === b.program.done &&
    a.status === b.status &&
    a.crash === b.crash &&
    a.temps === b.temps
  );
}

/** A request waiting past its grace: the board shows it in the warning colour. */
export function urgent(state: GameState): boolean {
  const req = state.request;
  return req !== null && state.tick - req.since > state.level.grace;
}

function onHeap(obj: SimObject | undefined): obj is SimObject {
  return !!obj && !obj.shelf && obj.address !== null;
}

/** Function named by a push when no call is pending: the top frame's own function, else the first defined. */
function fallbackFn(state: GameState | null): string | null {
  if (!state) return null;
  if (state.request?.kind === 'push') return state.request.fn;
  const top = state.stack[state.stack.length - 1]?.fn;
  if (top && top !== '<module>') return top;
  return Object.keys(state.level.functions)[0] ?? null;
}
