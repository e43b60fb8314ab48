/**
 * The room service's outbox over Socket.IO channels: one per room, one for its hosts,
 * one per player (a student may have two tabs open).
 */
import type { KickReason } from '../../shared/protocol';
import type { Outbox, ServerEventArgs, ServerEventName } from '../rooms/ports';
import type { RoomService } from '../rooms/room-service';
import {
  type ArenaServer,
  hostChannel,
  playerChannel,
  roomChannel,
  sessionOf,
  setSession,
} from './socket-types';

/** Time for the `kicked` message to leave before the connection is closed. */
const KICK_CLOSE_DELAY_MS = 250;

export class SocketOutbox implements Outbox {
  /** Set once the service exists (the service needs the outbox first). */
  service: RoomService | null = null;

  constructor(private readonly io: ArenaServer) {}

  toPlayer<E extends ServerEventName>(
    code: string,
    playerId: string,
    event: E,
    ...args: ServerEventArgs<E>
  ): void {
    this.emit(playerChannel(code, playerId), event, args);
  }

  toHosts<E extends ServerEventName>(code: string, event: E, ...args: ServerEventArgs<E>): void {
    this.emit(hostChannel(code), event, args);
  }

  toRoom<E extends ServerEventName>(code: string, event: E, ...args: ServerEventArgs<E>): void {
    this.emit(roomChannel(code), event, args);
  }

  kick(code: string, playerId: string, reason: KickReason): void {
    const ids = this.io.sockets.adapter.rooms.get(playerChannel(code, playerId));
    for (const id of [...(ids ?? [])]) {
      const socket = this.io.sockets.sockets.get(id);
      if (!socket) continue;
      socket.emit('kicked', { reason });
      const session = sessionOf(socket);
      setSession(socket, { role: 'none' });
      this.service?.handleClose(session);
      setTimeout(() => socket.disconnect(true), KICK_CLOSE_DELAY_MS).unref();
    }
  }

  private emit<E extends ServerEventName>(channel: string, event: E, args: ServerEventArgs<E>): void {
    // The typed `emit` cannot spread a generic tuple; the types were checked at the call site.
    (this.io.to(channel).emit as (event: string, ...args: unknown[]) => boolean)(event, ...args);
  }
}
