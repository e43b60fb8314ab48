/**
 * Every client event on a connection: parse the payload with the protocol's schema (actions
 * by the schema's hand-written twin first), refuse anything malformed with a clear error
 * (changing nothing), rate-limit joins per address and requests per connection, then hand
 * the parsed payload to the room service with the connection's session. Nothing a client
 * sends can throw out of here.
 */
import type { z } from 'zod';
import type { ClientEvent, ProtocolError, Reply } from '../../shared/protocol';
import {
  ClientPayloadFastParsers,
  ClientPayloadSchemas,
  ClientEvent as E,
  ErrorCode,
} from '../../shared/protocol';
import type { Logger } from '../rooms/ports';
import { KeyedRateLimiter, TokenBucket } from '../rooms/rate-limit';
import type { Handled, RoomService } from '../rooms/room-service';
import { type ArenaServer, type ArenaSocket, sessionOf, setSession } from './socket-types';

export interface HandlerOptions {
  /** Join-like requests (create, attach, peek, suggest, join, resume) per address. */
  joinBurst: number;
  joinPerSecond: number;
  /** Solo submissions per address (each one is re-simulated). */
  soloBurst: number;
  soloPerSecond: number;
  /** Any request per connection; actions have their own, tighter limit in the room. */
  requestBurst: number;
  requestPerSecond: number;
  /** Take the client address from X-Forwarded-For (behind a trusted proxy only). */
  trustProxy: boolean;
  /** Open connections from one address (a school shares one address: keep it generous). */
  maxConnectionsPerAddress: number;
}

const JOIN_EVENTS = new Set<ClientEvent>([E.CreateRoom, E.Attach, E.Peek, E.SuggestName, E.Join, E.Resume]);
const SOLO_EVENTS = new Set<ClientEvent>([E.Submit]);
const KNOWN_EVENTS = new Set<string>(Object.keys(ClientPayloadSchemas));

export function bindHandlers(
  io: ArenaServer,
  service: RoomService,
  logger: Logger,
  options: HandlerOptions,
): void {
  const joins = new KeyedRateLimiter(options.joinBurst, options.joinPerSecond);
  const solos = new KeyedRateLimiter(options.soloBurst, options.soloPerSecond);
  const perAddress = new Map<string, number>();

  // Refused connections hear why through `connect_error` (`error.data.code`).
  io.use((socket, next) => {
    const address = addressOf(socket, options.trustProxy);
    const open = perAddress.get(address) ?? 0;
    if (open >= options.maxConnectionsPerAddress) {
      const error = new Error('Too many connections from this network.') as Error & { data: ProtocolError };
      error.data = { code: ErrorCode.RateLimited, message: error.message };
      next(error);
      return;
    }
    perAddress.set(address, open + 1);
    socket.once('disconnect', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
    next();
  });

  io.on('connection', (socket) => {
    socket.data = {
      role: 'none',
      code: null,
      playerId: null,
      address: addressOf(socket, options.trustProxy),
    };
    const requests = new TokenBucket(options.requestBurst, options.requestPerSecond, service.now());

    for (const event of Object.keys(ClientPayloadSchemas) as ClientEvent[]) {
      const schema = ClientPayloadSchemas[event] as z.ZodType;
      const fast = ClientPayloadFastParsers[event] as ((input: unknown) => unknown) | undefined;
      // One listener per event and connection; nothing below makes a closure per message.
      socket.on(event, ((payload: unknown, ack: unknown) => {
        const now = service.now();
        if (!requests.take(now))
          return answer(socket, ack, refusal(ErrorCode.RateLimited, 'Too many requests.'));
        if (typeof ack !== 'function') {
          return answer(
            socket,
            ack,
            refusal(ErrorCode.BadPayload, `"${event}" needs an acknowledgement callback.`),
          );
        }
        let data = fast?.(payload);
        if (data === undefined) {
          const parsed = schema.safeParse(payload);
          if (!parsed.success)
            return answer(socket, ack, refusal(ErrorCode.BadPayload, describe(event, parsed.error)));
          data = parsed.data;
        }
        const address = socket.data.address;
        if (JOIN_EVENTS.has(event) && !joins.take(address, now)) {
          return answer(
            socket,
            ack,
            refusal(ErrorCode.RateLimited, 'Too many attempts from this network: wait a little.'),
          );
        }
        if (SOLO_EVENTS.has(event) && !solos.take(address, now)) {
          return answer(
            socket,
            ack,
            refusal(ErrorCode.RateLimited, 'Too many runs submitted: wait a little.'),
          );
        }
        handle(service, logger, socket, event, data, ack);
      }) as never);
    }

    socket.onAny((event: unknown) => {
      if (typeof event === 'string' && KNOWN_EVENTS.has(event)) return;
      socket.emit('server:error', {
        code: ErrorCode.BadPayload,
        message: `Unknown event "${String(event).slice(0, 40)}".`,
      });
    });

    socket.on('disconnect', () => {
      service.handleClose(sessionOf(socket));
      socket.data.role = 'none';
    });
  });
}

type Ack = (reply: Reply<unknown>) => void;

/** Replies through the acknowledgement when there is one; otherwise a refusal goes out as `server:error`. */
function answer(socket: ArenaSocket, ack: unknown, response: Reply<unknown>): void {
  if (typeof ack === 'function') (ack as Ack)(response);
  else if (!response.ok) socket.emit('server:error', response.error);
}

function refusal(code: ErrorCode, message: string): Reply<unknown> {
  return { ok: false, error: { code, message } };
}

/** Runs a parsed request in the room service and answers it; nothing it throws escapes. */
function handle(
  service: RoomService,
  logger: Logger,
  socket: ArenaSocket,
  event: ClientEvent,
  payload: unknown,
  ack: unknown,
): void {
  try {
    const handled = service.handleMessage(
      { session: sessionOf(socket), address: socket.data.address },
      event,
      payload as never,
    );
    // Answered at once when the service could (most actions); otherwise when it has.
    if (!(handled instanceof Promise)) deliver(service, socket, ack, handled);
    else
      handled
        .then((done) => deliver(service, socket, ack, done))
        .catch((error: unknown) => failed(logger, socket, ack, event, error));
  } catch (error) {
    failed(logger, socket, ack, event, error);
  }
}

function deliver(service: RoomService, socket: ArenaSocket, ack: unknown, handled: Handled<unknown>): void {
  if (handled.session && socket.connected) {
    setSession(socket, handled.session);
    answer(socket, ack, handled.reply);
    handled.afterOpen?.();
    return;
  }
  if (handled.session) service.handleClose(handled.session); // gone while we worked
  answer(socket, ack, handled.reply);
}

function failed(logger: Logger, socket: ArenaSocket, ack: unknown, event: ClientEvent, error: unknown): void {
  logger.error({ err: error, event }, 'handler failed');
  answer(socket, ack, refusal(ErrorCode.Internal, 'Something went wrong on the server.'));
}

function describe(event: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `Malformed "${event}" payload.`;
  const path = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return `Malformed "${event}" payload${path}: ${issue.message}`;
}

function addressOf(socket: ArenaSocket, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = socket.handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return socket.handshake.address || 'unknown';
}
