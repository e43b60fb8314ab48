/**
 * Time the process spent paused for garbage collection since the last `take()`: the
 * collector's pauses are what an action's answer waits for when the server is busy, so the
 * stats log (and the load bench, for its echo server too) reports them.
 */
import { PerformanceObserver } from 'node:perf_hooks';

export interface GcFigures {
  /** Milliseconds paused in all. */
  gcMs: number;
  /** Number of pauses. */
  gcPauses: number;
  /** The longest pause, in milliseconds. */
  gcMaxMs: number;
}

export function watchGarbageCollector(): { take(): GcFigures; stop(): void } {
  let totalMs = 0;
  let pauses = 0;
  let maxMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      totalMs += entry.duration;
      pauses++;
      maxMs = Math.max(maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    take() {
      const figures = {
        gcMs: Math.round(totalMs * 10) / 10,
        gcPauses: pauses,
        gcMaxMs: Math.round(maxMs * 100) / 100,
      };
      totalMs = 0;
      pauses = 0;
      maxMs = 0;
      return figures;
    },
    stop() {
      observer.disconnect();
    },
  };
}
