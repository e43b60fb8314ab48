/**
 * A demonstration: the perfect autoplayer plays the level while the narration line says
 * what it is about to do and why (`explainAction`). It waits a moment before each action
 * so a class can read the request and the sentence first.
 */
import type { Level } from '../../../shared/level/schema';
import { apply, bestAction, createGame, explainAction, step } from '../../../shared/sim';
import type { Action, GameState, SimEvent } from '../../../shared/sim/types';
import { secondsLeft, TickLoop } from './clock';
import type { BoardHandle } from './types';

/** Ticks the demo waits, sentence on screen, before acting (capped below the level's grace). */
const THINK_TICKS = 12;

export class DemoPlayer {
  private state: GameState;
  private loop: TickLoop;
  private planned: { action: Action; at: number } | null = null;
  private listeners: ((state: GameState) => void)[] = [];

  constructor(
    readonly level: Level,
    readonly seed: number,
    readonly board: BoardHandle,
  ) {
    this.state = createGame(level, seed);
    this.loop = new TickLoop((n) => {
      for (let i = 0; i < n; i++) this.tick();
    });
    board.setState(this.state, []);
    board.setNarration('Watch: the computer plays this level and says why it does each thing.');
    board.setClock({ secondsLeft: secondsLeft(this.state), paused: true });
  }

  get current(): GameState {
    return this.state;
  }

  get playing(): boolean {
    return this.loop.running;
  }

  play(): void {
    if (this.state.status !== 'running') this.reset();
    this.loop.start();
    this.board.setClock({ secondsLeft: secondsLeft(this.state), paused: false });
  }

  pause(): void {
    this.loop.stop();
    this.board.setClock({ secondsLeft: secondsLeft(this.state), paused: true });
  }

  onEnd(cb: (state: GameState) => void): void {
    this.listeners.push(cb);
  }

  destroy(): void {
    this.loop.stop();
    this.listeners = [];
  }

  private reset(): void {
    this.state = createGame(this.level, this.seed);
    this.planned = null;
    this.board.setState(this.state, []);
  }

  private tick(): void {
    if (this.state.status !== 'running') return;
    const events: SimEvent[] = [];
    const think = Math.max(1, Math.min(THINK_TICKS, Math.floor(this.level.grace / 2)));
    // Act on the plan once it has been on screen long enough; plan again after each action.
    for (let guard = 0; guard < 16; guard++) {
      const best = bestAction(this.state);
      if (!best) {
        this.planned = null;
        break;
      }
      if (!this.planned || !sameAction(this.planned.action, best)) {
        this.planned = { action: best, at: this.state.tick + think };
        this.board.setNarration(explainAction(this.state, best));
      }
      if (this.state.tick < this.planned.at) break;
      const r = apply(this.state, best);
      this.state = r.state;
      events.push(...r.events);
      this.planned = null;
      if (this.state.status !== 'running') break;
    }
    if (this.state.status === 'running') {
      const r = step(this.state);
      this.state = r.state;
      events.push(...r.events);
    }
    this.board.setState(this.state, events);
    this.board.setClock({ secondsLeft: secondsLeft(this.state), paused: false });
    if (this.state.status !== 'running') {
      this.loop.stop();
      for (const cb of this.listeners) cb(this.state);
    }
  }
}

function sameAction(a: Action, b: Action): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
