/**
 * A real socket.io-client connection, typed with the protocol's maps in reverse, with
 * awaitable requests and pushes.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientEvent,
  ClientReply,
  ClientToServerEvents,
  Reply,
  ServerToClientEvents,
} from '../../../shared/protocol';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type PushName = keyof ServerToClientEvents;
type PushPayload<E extends PushName> = Parameters<ServerToClientEvents[E]>[0];

export class TestClient {
  readonly socket: ClientSocket;
  private readonly pushes: { event: PushName; payload: unknown }[] = [];
  private waiters: { event: PushName; match: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];

  constructor(url: string, transports: ('websocket' | 'polling')[] = ['websocket']) {
    this.socket = io(url, { transports, reconnection: false, forceNew: true, timeout: 5_000 });
    this.socket.onAny((event: PushName, payload: unknown) => {
      this.pushes.push({ event, payload });
      this.waiters = this.waiters.filter((w) => {
        if (w.event !== event || !w.match(payload)) return true;
        w.resolve(payload);
        return false;
      });
    });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  /** Sends a request and waits for its acknowledgement. Payloads are `unknown` on purpose: tests send bad ones too. */
  request<K extends ClientEvent>(
    event: K,
    payload: unknown,
    timeoutMs = 5_000,
  ): Promise<Reply<ClientReply<K>>> {
    const timed = this.socket.timeout(timeoutMs) as unknown as {
      emit(
        event: string,
        payload: unknown,
        ack: (error: Error | null, reply: Reply<ClientReply<K>>) => void,
      ): void;
    };
    return new Promise((resolve, reject) => {
      timed.emit(event, payload, (error, reply) => (error ? reject(error) : resolve(reply)));
    });
  }

  async ok<K extends ClientEvent>(event: K, payload: unknown = {}): Promise<ClientReply<K>> {
    const reply = await this.request(event, payload);
    if (!reply.ok) throw new Error(`${event} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  }

  /** Every push of one event received so far. */
  received<E extends PushName>(event: E): PushPayload<E>[] {
    return this.pushes.filter((p) => p.event === event).map((p) => p.payload as PushPayload<E>);
  }

  /** The next push of `event` matching `match` (one already received counts). */
  next<E extends PushName>(
    event: E,
    match: (p: PushPayload<E>) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<PushPayload<E>> {
    const seen = this.pushes.find((p) => p.event === event && match(p.payload as PushPayload<E>));
    if (seen) return Promise.resolve(seen.payload as PushPayload<E>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        event,
        match: match as (p: unknown) => boolean,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p as PushPayload<E>);
        },
      });
    });
  }

  /** Sends a raw event with any arguments, bypassing the types (for malformed traffic). */
  raw(event: string, ...args: unknown[]): void {
    (this.socket.emit as unknown as (event: string, ...args: unknown[]) => void)(event, ...args);
  }

  close(): void {
    this.socket.disconnect();
  }
}
