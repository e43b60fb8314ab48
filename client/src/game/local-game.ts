/**
 * Solo play: the simulator runs here at 10 ticks a second, the player's actions are
 * applied at once and recorded with their tick, and a recorded run replays to the same
 * state anywhere (`replay` in shared/sim). Rules live in the simulator; this is the clock.
 */
import type { Level } from '../../../shared/level/schema';
import { apply, createGame, step } from '../../../shared/sim';
import type { Action, GameState, SimEvent, TimedAction } from '../../../shared/sim/types';
import { secondsLeft, TickLoop } from './clock';
import type { BoardHandle } from './types';

export type EndListener = (state: GameState, actions: TimedAction[]) => void;

export class LocalGame {
  private state: GameState;
  private actions: TimedAction[] = [];
  private loop: TickLoop;
  private listeners: EndListener[] = [];
  private started = false;
  private paused = false;
  private onVisibility = () => {
    if (document.hidden) this.pause();
    else this.resume();
  };

  constructor(
    readonly level: Level,
    readonly seed: number,
    readonly board: BoardHandle,
  ) {
    this.state = createGame(level, seed);
    this.loop = new TickLoop((n) => this.advance(n));
    board.setHandlers({ onAction: (a) => this.act(a), onRestart: () => this.restart() });
    board.setState(this.state, []);
    this.showClock();
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** The state now (read-only). */
  get current(): GameState {
    return this.state;
  }

  /** Show the level's intro card, then run the clock once the player presses Start. */
  async start(): Promise<void> {
    await this.board.showIntro();
    this.started = true;
    this.paused = false;
    this.loop.start();
    this.showClock();
  }

  act(action: Action): void {
    if (!this.started || this.paused || this.state.status !== 'running') return;
    const before = this.state;
    const result = apply(before, action);
    // A malformed action leaves the very same state: nothing to record or replay.
    if (result.state !== before) this.actions.push({ tick: before.tick, action });
    this.state = result.state;
    this.board.setState(this.state, result.events);
    if (!result.ok) this.board.flash(result.reason);
    this.checkEnd();
  }

  /** Try the level again from its start (after a crash, or from the outro card). */
  restart(): void {
    this.loop.stop();
    this.state = createGame(this.level, this.seed);
    this.actions = [];
    this.board.setState(this.state, []);
    this.started = true;
    this.paused = false;
    this.loop.start();
    this.showClock();
  }

  pause(): void {
    if (!this.started || this.state.status !== 'running') return;
    this.paused = true;
    this.loop.stop();
    this.showClock();
  }

  resume(): void {
    if (!this.started || !this.paused || this.state.status !== 'running') return;
    this.paused = false;
    this.loop.start();
    this.showClock();
  }

  recorded(): TimedAction[] {
    return this.actions.slice();
  }

  /** Called each time an attempt ends: complete, timed out or crashed. */
  onEnd(cb: EndListener): void {
    this.listeners.push(cb);
  }

  destroy(): void {
    this.loop.stop();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisibility);
    this.listeners = [];
  }

  private advance(ticks: number): void {
    const events: SimEvent[] = [];
    for (let i = 0; i < ticks && this.state.status === 'running'; i++) {
      const r = step(this.state);
      this.state = r.state;
      events.push(...r.events);
    }
    this.board.setState(this.state, events);
    this.showClock();
    this.checkEnd();
  }

  private checkEnd(): void {
    if (this.state.status === 'running') return;
    this.loop.stop();
    this.showClock();
    const actions = this.recorded();
    for (const cb of this.listeners) cb(this.state, actions);
  }

  private showClock(): void {
    this.board.setClock({ secondsLeft: secondsLeft(this.state), paused: this.paused });
  }
}
