import type { Level } from '../../../shared/level/schema';
import type { BoardHandle } from './types';

/** A demonstration: the autoplayer plays the level and each step is explained. */
export class DemoPlayer {
  constructor(
    readonly level: Level,
    readonly seed: number,
    readonly board: BoardHandle,
  ) {}
  play(): void {}
  pause(): void {}
}
