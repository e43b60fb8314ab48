import type { Level } from '../../../shared/level/schema';
import type { Action, GameState, TimedAction } from '../../../shared/sim/types';
import type { BoardHandle } from './types';

/** Solo play: runs the simulator at 10 ticks a second and records the player's actions. */
export class LocalGame {
  constructor(
    readonly level: Level,
    readonly seed: number,
    readonly board: BoardHandle,
  ) {}
  async start(): Promise<void> {}
  act(_action: Action): void {}
  restart(): void {}
  recorded(): TimedAction[] {
    return [];
  }
  onEnd(_cb: (state: GameState, actions: TimedAction[]) => void): void {}
}
