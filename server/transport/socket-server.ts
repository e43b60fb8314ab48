/**
 * The Socket.IO server of the game: small messages only, no compression, no reliance on
 * connection state recovery (a resume token and the last acknowledged sequence number
 * bring a student back, also after a restart).
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Logger } from '../rooms/ports';
import type { RoomService } from '../rooms/room-service';
import { bindHandlers, type HandlerOptions } from './socket-handlers';
import { SocketOutbox } from './socket-outbox';
import type { ArenaServer } from './socket-types';

export interface SocketServerOptions extends HandlerOptions {
  maxMessageBytes: number;
  /** Origins allowed to connect from another origin (the Vite dev server); none by default. */
  corsOrigins: string[];
}

export function createSocketServer(
  httpServer: HttpServer,
  options: SocketServerOptions,
): { io: ArenaServer; outbox: SocketOutbox } {
  const io: ArenaServer = new Server(httpServer, {
    maxHttpBufferSize: options.maxMessageBytes,
    perMessageDeflate: false,
    httpCompression: false,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    ...(options.corsOrigins.length > 0 && { cors: { origin: options.corsOrigins } }),
  });
  return { io, outbox: new SocketOutbox(io) };
}

export function attachService(
  io: ArenaServer,
  outbox: SocketOutbox,
  service: RoomService,
  logger: Logger,
  options: HandlerOptions,
): void {
  outbox.service = service;
  bindHandlers(io, service, logger, options);
}
