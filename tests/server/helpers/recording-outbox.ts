/**
 * An outbox that keeps every message, so tests can read what each receiver got (and in
 * which order) and drop them once read — a socket pair without sockets.
 */

import type { Outbox, ServerEventArgs, ServerEventName } from '../../../server/rooms/ports';
import type { KickReason } from '../../../shared/protocol';

export type Destination =
  | { kind: 'player'; code: string; playerId: string }
  | { kind: 'hosts'; code: string }
  | { kind: 'room'; code: string };

export interface Sent {
  to: Destination;
  event: ServerEventName;
  payload: unknown;
}

export class RecordingOutbox implements Outbox {
  sent: Sent[] = [];
  kicks: { code: string; playerId: string; reason: KickReason }[] = [];

  toPlayer<E extends ServerEventName>(
    code: string,
    playerId: string,
    event: E,
    ...args: ServerEventArgs<E>
  ): void {
    this.sent.push({ to: { kind: 'player', code, playerId }, event, payload: args[0] });
  }
  toHosts<E extends ServerEventName>(code: string, event: E, ...args: ServerEventArgs<E>): void {
    this.sent.push({ to: { kind: 'hosts', code }, event, payload: args[0] });
  }
  toRoom<E extends ServerEventName>(code: string, event: E, ...args: ServerEventArgs<E>): void {
    this.sent.push({ to: { kind: 'room', code }, event, payload: args[0] });
  }
  kick(code: string, playerId: string, reason: KickReason): void {
    this.kicks.push({ code, playerId, reason });
  }

  /** Messages a player received: to them, or to their whole room. */
  forPlayer<E extends ServerEventName>(code: string, playerId: string, event: E): ServerEventArgs<E>[0][] {
    return this.sent
      .filter(
        (m) =>
          m.event === event &&
          m.to.code === code &&
          (m.to.kind === 'room' || (m.to.kind === 'player' && m.to.playerId === playerId)),
      )
      .map((m) => m.payload as ServerEventArgs<E>[0]);
  }

  /** Messages the hosts of a room received. */
  forHosts<E extends ServerEventName>(code: string, event: E): ServerEventArgs<E>[0][] {
    return this.sent
      .filter(
        (m) => m.event === event && m.to.code === code && (m.to.kind === 'room' || m.to.kind === 'hosts'),
      )
      .map((m) => m.payload as ServerEventArgs<E>[0]);
  }

  clear(): void {
    this.sent = [];
    this.kicks = [];
  }
}
