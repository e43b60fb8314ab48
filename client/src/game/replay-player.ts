/**
 * Plays a recorded run back: play, pause, one tick at a time, or jump to any tick. The run
 * is re-simulated from its actions (the same rule as the server: at tick t apply the
 * actions stamped t, then step), with snapshots every few seconds so seeking is quick.
 */
import type { Level } from '../../../shared/level/schema';
import { apply, createGame, explainAction, step } from '../../../shared/sim';
import type { Action, GameState, SimEvent, TimedAction } from '../../../shared/sim/types';
import { secondsLeft, TICK_MS, TickLoop } from './clock';
import type { BoardHandle } from './types';

const SNAPSHOT_EVERY = 100;

export type ChangeListener = (tick: number, playing: boolean) => void;

export class ReplayPlayer {
  private byTick = new Map<number, Action[]>();
  /** Start-of-tick states (before that tick's actions) every SNAPSHOT_EVERY ticks. */
  private snapshots: GameState[] = [];
  private end: GameState;
  private state: GameState;
  private loop: TickLoop;
  private listeners: ChangeListener[] = [];
  private speed = 1;

  constructor(
    readonly level: Level,
    readonly seed: number,
    readonly actions: TimedAction[],
    readonly board: BoardHandle,
  ) {
    for (const a of actions) {
      const list = this.byTick.get(a.tick) ?? [];
      list.push(a.action);
      this.byTick.set(a.tick, list);
    }
    let s = createGame(level, seed);
    for (;;) {
      if (s.tick % SNAPSHOT_EVERY === 0) this.snapshots.push(s);
      s = this.applyTick(s).state;
      if (s.status !== 'running') break;
      s = step(s).state;
    }
    this.end = s;
    this.loop = new TickLoop((n) => {
      for (let i = 0; i < n && this.playing; i++) this.stepOnce();
    });
    this.state = this.applyTick(createGame(level, seed)).state;
    board.setState(this.state, []);
    this.showClock();
  }

  get tick(): number {
    return this.state.tick;
  }

  /** The tick at which the run ended. */
  get length(): number {
    return this.end.tick;
  }

  get playing(): boolean {
    return this.loop.running;
  }

  /** The state shown now (read-only). */
  get current(): GameState {
    return this.state;
  }

  play(): void {
    if (this.state.tick >= this.length) this.seek(0);
    this.loop.start();
    this.notify();
  }

  pause(): void {
    this.loop.stop();
    this.notify();
  }

  /** 1 = real time; 2 = twice as fast. */
  setSpeed(speed: number): void {
    this.speed = Math.max(0.25, Math.min(8, speed));
    this.loop.setTickMs(TICK_MS / this.speed);
  }

  /** Forward one tick: the clock steps, then the actions stamped at the new tick apply. */
  stepOnce(): void {
    if (this.state.status !== 'running' || this.state.tick >= this.length) {
      this.loop.stop();
      this.notify();
      return;
    }
    const stepped = step(this.state);
    const applied =
      stepped.state.status === 'running'
        ? this.applyTick(stepped.state)
        : { state: stepped.state, events: [] };
    this.state = applied.state;
    this.board.setState(this.state, [...stepped.events, ...applied.events]);
    this.showClock();
    if (this.state.status !== 'running') this.loop.stop();
    this.notify();
  }

  seek(tick: number): void {
    const target = Math.max(0, Math.min(this.length, Math.round(tick)));
    let s = this.snapshots[Math.min(this.snapshots.length - 1, Math.floor(target / SNAPSHOT_EVERY))]!;
    for (;;) {
      s = this.applyTick(s).state;
      if (s.tick >= target || s.status !== 'running') break;
      s = step(s).state;
    }
    this.state = s;
    this.board.setState(this.state, []);
    this.board.setNarration('');
    this.showClock();
    this.notify();
  }

  onChange(cb: ChangeListener): void {
    this.listeners.push(cb);
  }

  destroy(): void {
    this.loop.stop();
    this.listeners = [];
  }

  /** Apply the actions stamped at this state's tick; say what the player did. */
  private applyTick(s: GameState): { state: GameState; events: SimEvent[] } {
    const events: SimEvent[] = [];
    for (const action of this.byTick.get(s.tick) ?? []) {
      if (this.state && this.board) this.board.setNarration(explainAction(s, action));
      const r = apply(s, action);
      s = r.state;
      events.push(...r.events);
    }
    return { state: s, events };
  }

  private showClock(): void {
    this.board.setClock({ secondsLeft: secondsLeft(this.state), paused: !this.playing });
  }

  private notify(): void {
    for (const cb of this.listeners) cb(this.state.tick, this.playing);
  }
}
