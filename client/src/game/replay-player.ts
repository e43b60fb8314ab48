import type { Level } from '../../../shared/level/schema';
import type { TimedAction } from '../../../shared/sim/types';
import type { BoardHandle } from './types';

/** Plays a recorded run back with play, pause, step and seek. */
export class ReplayPlayer {
  constructor(
    readonly level: Level,
    readonly seed: number,
    readonly actions: TimedAction[],
    readonly board: BoardHandle,
  ) {}
  play(): void {}
  pause(): void {}
  stepOnce(): void {}
  seek(_tick: number): void {}
  get tick(): number {
    return 0;
  }
  get length(): number {
    return 0;
  }
  onChange(_cb: (tick: number, playing: boolean) => void): void {}
}
