/** The typed Socket.IO server and socket of this project, and the room names used for fan-out. */
import type { Server, Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../../shared/protocol';
import type { Session } from '../rooms/room-service';

export type ArenaServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ArenaSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const roomChannel = (code: string) => `r:${code}`;
export const hostChannel = (code: string) => `h:${code}`;
export const playerChannel = (code: string, playerId: string) => `p:${code}:${playerId}`;

export function sessionOf(socket: ArenaSocket): Session {
  const { role, code, playerId } = socket.data;
  if (role === 'host' && code) return { role: 'host', code };
  if (role === 'player' && code && playerId) return { role: 'player', code, playerId };
  return { role: 'none' };
}

/** Moves a socket from its old session's channels to the new session's. */
export function setSession(socket: ArenaSocket, session: Session): void {
  const old = sessionOf(socket);
  if (old.role !== 'none') {
    socket.leave(roomChannel(old.code));
    socket.leave(old.role === 'host' ? hostChannel(old.code) : playerChannel(old.code, old.playerId));
  }
  socket.data.role = session.role;
  socket.data.code = session.role === 'none' ? null : session.code;
  socket.data.playerId = session.role === 'player' ? session.playerId : null;
  if (session.role === 'none') return;
  socket.join(roomChannel(session.code));
  socket.join(
    session.role === 'host' ? hostChannel(session.code) : playerChannel(session.code, session.playerId),
  );
}
