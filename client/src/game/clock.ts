/**
 * Game time for the local loops: 10 ticks a second, like the server. A fixed-step
 * accumulator keeps the tick count right even when timers fire late (busy phones,
 * background tabs).
 */
import type { GameState } from '../../../shared/sim/types';

export const TICKS_PER_SECOND = 10;
export const TICK_MS = 1000 / TICKS_PER_SECOND;
/** How often the loop looks at the clock; ticks still advance at TICK_MS. */
const PUMP_MS = 25;
/** Most ticks caught up in one go, so a tab coming back does not freeze the page. */
const MAX_CATCH_UP = 50;

export function secondsLeft(state: GameState): number {
  return Math.max(0, (state.level.timeLimit - state.tick) / TICKS_PER_SECOND);
}

export class TickLoop {
  private timer: ReturnType<typeof setInterval> | null = null;
  private last = 0;
  private acc = 0;

  constructor(
    private onTicks: (n: number) => void,
    private tickMs: number = TICK_MS,
  ) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer) return;
    this.last = performance.now();
    this.acc = 0;
    this.timer = setInterval(() => this.pump(), Math.min(PUMP_MS, this.tickMs / 2));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  setTickMs(ms: number): void {
    this.tickMs = ms;
    if (this.timer) {
      this.stop();
      this.start();
    }
  }

  private pump(): void {
    const now = performance.now();
    this.acc += now - this.last;
    this.last = now;
    let n = 0;
    while (this.acc >= this.tickMs && n < MAX_CATCH_UP) {
      this.acc -= this.tickMs;
      n++;
    }
    if (n >= MAX_CATCH_UP) this.acc = 0;
    if (n > 0) this.onTicks(n);
  }
}
