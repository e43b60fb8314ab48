/**
 * A periodic line in the log about the process: rooms, connected players, requests and
 * actions per second, event-loop delay and memory. Enough to see from the log alone
 * whether a classroom server is keeping up.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from './rooms/ports';
import type { RoomService } from './rooms/room-service';

export function startStatsLog(service: RoomService, logger: Logger, intervalMs: number): () => void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let last = { ...service.counters, at: performance.now() };
  const timer = setInterval(() => {
    const now = performance.now();
    const seconds = (now - last.at) / 1000;
    let running = 0;
    let players = 0;
    for (const room of service.rooms.values()) {
      if (room.record.phase === 'running') running++;
      for (const seat of room.seats.values()) if (seat.connections > 0) players++;
    }
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    logger.info(
      {
        rooms: service.rooms.size,
        running,
        players,
        requestsPerSecond: Math.round((service.counters.requests - last.requests) / seconds),
        actionsPerSecond: Math.round((service.counters.actions - last.actions) / seconds),
        loopDelayP50Ms: ms(delay.percentile(50)),
        loopDelayP99Ms: ms(delay.percentile(99)),
        loopDelayMaxMs: ms(delay.max),
        rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
      },
      'stats',
    );
    delay.reset();
    last = { ...service.counters, at: now };
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    delay.disable();
  };
}
