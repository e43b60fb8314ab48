/**
 * The server's clock as seen from here. Each push carries `serverNow`; the receipt time
 * minus it is the clock offset plus the one-way delay, so the smallest delay seen lately
 * (the largest `serverNow - receivedAt`) is the best estimate of the offset.
 */
import type { RoomStateView } from '../../../shared/protocol';

const SAMPLES = 16;

export class ServerClock {
  private samples: number[] = [];
  private offset = 0;

  observe(serverNow: number, receivedAt = Date.now()): void {
    this.samples.push(serverNow - receivedAt);
    if (this.samples.length > SAMPLES) this.samples.shift();
    this.offset = Math.max(...this.samples);
  }

  now(): number {
    return Date.now() + this.offset;
  }

  /** The round's tick now, frozen while paused; null outside a round. */
  roundTick(room: RoomStateView | null): number | null {
    if (!room || (room.phase !== 'running' && room.phase !== 'paused')) return null;
    const at = room.phase === 'paused' && room.pausedAt !== null ? room.pausedAt : this.now();
    return Math.max(0, Math.floor(((at - room.startedAt) * room.tickHz) / 1000));
  }

  /** Whole seconds until `deadline` (epoch ms on the server), counted from a frozen instant while paused. */
  secondsUntil(deadline: number, room: RoomStateView | null): number {
    const at = room && room.phase === 'paused' && room.pausedAt !== null ? room.pausedAt : this.now();
    return Math.max(0, Math.ceil((deadline - at) / 1000));
  }
}
