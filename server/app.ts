/**
 * Puts the server together: store, HTTP app, Socket.IO, rooms. Used by `main.ts` and by
 * the integration tests, which start it in-process on a free port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerConfig } from './config';
import { createLevelCatalog, type LevelPack } from './game/level-catalog';
import { createHttpApp } from './http/create-http-app';
import type { Logger } from './rooms/ports';
import { RoomService } from './rooms/room-service';
import { SoloService } from './solo/solo-service';
import { startStatsLog } from './stats-log';
import { createStore } from './store/create-store';
import type { RoomStore } from './store/types';
import { attachService, createSocketServer } from './transport/socket-server';
import type { ArenaServer } from './transport/socket-types';

export interface RunningServer {
  port: number;
  store: RoomStore;
  service: RoomService;
  io: ArenaServer;
  /** Rooms brought back from the store at start. */
  recovered: number;
  close(): Promise<void>;
}

/** `levels`: the level pack (`LEVELS` from `levels/`); tests pass their own. */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  levels: LevelPack,
): Promise<RunningServer> {
  const store = await createStore({
    ...(config.redisUrl && { redisUrl: config.redisUrl }),
    ...(config.keyPrefix && { keyPrefix: config.keyPrefix }),
    ttlSeconds: config.ttlSeconds,
    onError: (error) => logger.error({ err: error }, 'store error'),
  });
  const catalog = createLevelCatalog(levels);
  const app = createHttpApp({ store, levels, clientDir: config.clientDir, log: logger });
  const httpServer = createServer(app);
  const { io, outbox } = createSocketServer(httpServer, {
    ...config.handlers,
    maxMessageBytes: config.maxMessageBytes,
    corsOrigins: config.corsOrigins,
  });
  const solo = new SoloService({ store, catalog, logger, now: Date.now });
  const service = new RoomService({ store, outbox, catalog, config: config.rooms, logger, solo });
  attachService(io, outbox, service, logger, config.handlers);
  const recovered = await service.recover();
  service.start();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const stopStats =
    config.statsIntervalMs > 0 ? startStatsLog(service, logger, config.statsIntervalMs) : () => {};
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      service.stop();
      stopStats();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await service.shutdown();
      await store.close();
    })();
    return closing;
  };
  return { port, store, service, io, recovered, close };
}
