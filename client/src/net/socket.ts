/**
 * The one place in the client that imports socket.io-client. A typed socket (the shared
 * protocol's maps in reverse) and `request`, which turns every client event's
 * acknowledgement into a promise of a `Reply` — a lost connection or a silent server
 * becomes an error reply instead of a promise that never settles.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientEvent,
  ClientPayload,
  ClientReply,
  ClientToServerEvents,
  Reply,
  ServerToClientEvents,
} from '../../../shared/protocol';

export type ArenaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a request waits for its acknowledgement before it is reported as failed. */
export const REQUEST_TIMEOUT_MS = 8_000;

export function connectSocket(): ArenaSocket {
  return io({
    // Default transports: long-polling first works on school networks that block websockets.
    reconnection: true,
    reconnectionDelay: 400,
    reconnectionDelayMax: 4_000,
    timeout: 10_000,
  });
}

type LooseEmitter = {
  emit(event: string, payload: unknown, ack: (err: Error | null, reply: unknown) => void): void;
};

export function request<E extends ClientEvent>(
  socket: ArenaSocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<Reply<ClientReply<E>>> {
  return new Promise((resolve) => {
    // The mapped event types are too generic for TypeScript to check one emit call; the
    // signature of `request` carries the types instead.
    const emitter = socket.timeout(timeoutMs) as unknown as LooseEmitter;
    emitter.emit(event, payload, (err, reply) => {
      if (err) {
        resolve({
          ok: false,
          error: {
            code: 'internal',
            message: socket.connected ? 'The server did not answer.' : 'Not connected.',
          },
        });
      } else {
        resolve(reply as Reply<ClientReply<E>>);
      }
    });
  });
}

/** A request whose failure is thrown as an Error with the server's message (for form handlers). */
export async function call<E extends ClientEvent>(
  socket: ArenaSocket,
  event: E,
  payload: ClientPayload<E>,
): Promise<ClientReply<E>> {
  const reply = await request(socket, event, payload);
  if (!reply.ok) throw new ProtocolFailure(reply.error.code, reply.error.message);
  return reply.data;
}

export class ProtocolFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolFailure';
  }
}
