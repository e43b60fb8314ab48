/**
 * The board's public contract: what the app shell passes in when it mounts the board and
 * what it gets back. The board only draws simulator states and turns input into actions;
 * it never changes a state itself.
 */
import type { Action, GameState, ScoreBreakdown, SimEvent } from '../../../shared/sim/types';

export type BoardMode = 'play' | 'watch' | 'replay' | 'demo';

export interface BoardOptions {
  /** `watch`, `replay` and `demo` take no game input (the help and label toggles still work). */
  mode: BoardMode;
  /** Player input, already translated into simulator actions. */
  onAction?: (action: Action) => void;
  /** After a crash (or on the outro card) the player asks to try the level again. */
  onRestart?: () => void;
  /** The intro card's Start button was pressed. */
  onStart?: () => void;
  /** The outro card's "Next level" button; the button is only drawn when this is given. */
  onNext?: () => void;
  /** Skip tweens and pulses (the board also honours `prefers-reduced-motion` when this is absent). */
  reducedMotion?: boolean;
  /** Phone portrait layout: stack above heap, bigger touch targets. Chosen from the parent's shape when absent. */
  compact?: boolean;
  /**
   * The score to show. The simulator's own when absent; a room passes its rules (speed bonus
   * off, extra time scaled away) so the board shows the number the server ranks.
   */
  scoreOf?: (state: GameState) => ScoreBreakdown;
  /** Show the level's outro card (teaching text, score breakdown, stars) when the level ends. Default: true in play and demo. */
  showOutro?: boolean;
}

export interface ClockInfo {
  /** Whole seconds left in the level or round, or null when there is no clock. */
  secondsLeft: number | null;
  paused: boolean;
}

/** Handlers a local loop (solo, replay, demonstration) attaches after the board is mounted. */
export type BoardHandlers = Pick<BoardOptions, 'onAction' | 'onRestart' | 'onStart' | 'onNext'>;

export interface BoardHandle {
  /** Redraw from this state; `events` are what happened since the previous state and are highlighted. */
  setState(state: GameState, events: SimEvent[]): void;
  setClock(info: ClockInfo): void;
  /** A sentence for the narration strip (demonstrations, replays). Empty text hides it. */
  setNarration(text: string): void;
  /** One plain sentence about what just went wrong, e.g. the reason an action was refused. */
  flash(text: string): void;
  /** Show the level's intro card; resolves when the player presses Start (at once outside play mode). */
  showIntro(): Promise<void>;
  /** Replace the input handlers (a local loop attaches itself this way). */
  setHandlers(handlers: BoardHandlers): void;
  destroy(): void;
}

/**
 * Read-only hook for browser tests, set as `window.__arena.board` once the scene is ready.
 * All positions are page pixels (CSS pixels relative to the document), ready for
 * `page.mouse.click(x, y)`.
 */
export interface BoardTestHook {
  ready: true;
  mode: BoardMode;
  /** The latest state given to `setState`, or null before the first one. */
  state: GameState | null;
  /** Centre of the heap cell holding this byte offset (0, 8, 16, ...), or null when it is scrolled out of view. */
  cellToScreen(offset: number): { x: number; y: number } | null;
  /** Centre of an object: on the heap, on the shelf, or in the pending-request tray. */
  objectScreenPos(id: string): { x: number; y: number } | null;
  /**
   * Centre of a visible, enabled button, or null when it is not drawn now (or a card covers it). Names: `push`, `pop`,
   * `raise`, `free`, `answer-0` … `answer-3`, `start`, `retry`, `next`, `close`, `help`, `labels`,
   * `pending-0` … (the objects of a place request, in order).
   */
  buttonScreenPos(name: string): { x: number; y: number } | null;
  /**
   * How much drawing the board has done since it was mounted: full redraws of the board,
   * frames the WebGL canvas rendered, and repaints of the light layer over it (pointer,
   * cursor, clock). A board at rest should add to none of them.
   */
  readonly work: { redraws: number; rendered: number; livePaints: number };
}
