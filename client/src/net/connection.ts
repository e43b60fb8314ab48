/**
 * One socket per tab, shared by the screens: the home screen opens it to peek at a room
 * and join, and the room screen carries on with the same connection. A screen that took
 * a role (student, host) closes it when it goes, so the next role starts clean.
 */
import { type ArenaSocket, connectSocket } from './socket';

let shared: ArenaSocket | null = null;

export function getSocket(): ArenaSocket {
  if (!shared) shared = connectSocket();
  else if (shared.disconnected && !shared.active) shared.connect();
  return shared;
}

export function hasSocket(): boolean {
  return shared !== null;
}

export function closeSocket(): void {
  shared?.removeAllListeners();
  shared?.disconnect();
  shared = null;
}

/** Resolves once connected (or at once if already); rejects after `timeoutMs`. */
export function whenConnected(socket: ArenaSocket, timeoutMs = 10_000): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('connect', onConnect);
      reject(new Error('Could not reach the game server.'));
    }, timeoutMs);
    const onConnect = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.once('connect', onConnect);
  });
}
