/**
 * A periodic line in the log about the process: rooms, connected players, requests and
 * actions per second, how long an action takes inside the server (arrival to ack),
 * event-loop delay and memory. Enough to see from the log alone
 * whether a classroom server is keeping up.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { watchGarbageCollector } from './gc-watch';
import type { Logger } from './rooms/ports';
import type { RoomService } from './rooms/room-service';

export function startStatsLog(service: RoomService, logger: Logger, intervalMs: number): () => void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const gc = watchGarbageCollector();
  let slowestTick = 0;
  const tickRoom = service.tickRoom.bind(service);
  service.tickRoom = (room, now) => {
    const started = performance.now();
    tickRoom(room, now);
    slowestTick = Math.max(slowestTick, performance.now() - started);
  };
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
    const times = service.actionTimes;
    const at = (p: number) => (times.count > 0 ? ms(times.percentile(p * 100)) : 0);
    logger.info(
      {
        rooms: service.rooms.size,
        running,
        players,
        requestsPerSecond: Math.round((service.counters.requests - last.requests) / seconds),
        actionsPerSecond: Math.round((service.counters.actions - last.actions) / seconds),
        actionP50Ms: at(0.5),
        actionP99Ms: at(0.99),
        loopDelayP50Ms: ms(delay.percentile(50)),
        loopDelayP99Ms: ms(delay.percentile(99)),
        loopDelayMaxMs: ms(delay.max),
        slowestRoomTickMs: Math.round(slowestTick * 100) / 100,
        ...gc.take(),
        rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
      },
      'stats',
    );
    delay.reset();
    times.reset();
    slowestTick = 0;
    last = { ...service.counters, at: now };
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    delay.disable();
    gc.stop();
    service.tickRoom = tickRoom;
  };
}
