/**
 * Writes acknowledged actions to the store before they are acknowledged, with group
 * commit: entries that arrive while a write is in flight wait for the next one, so a
 * busy room makes one store call per player per round trip instead of one per action
 * (with Redis). A store that writes at once (in this process) is written at once, and the
 * action can be acknowledged without waiting for anything.
 * Each player's entries reach the store in the order they were applied.
 */
import type { LoggedAction, RoomStore } from '../store/types';

interface Pending {
  round: number;
  playerId: string;
  entries: LoggedAction[];
}

export class ActionLog {
  private batch = new Map<string, Pending>();
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly store: RoomStore,
    private readonly code: string,
    /** Told of a failed write that nobody was waiting for (a store that writes at once). */
    private readonly onWriteError: (error: unknown) => void = () => undefined,
  ) {}

  /** Null when the entry is already written; otherwise a promise of the write. */
  append(round: number, playerId: string, entry: LoggedAction): Promise<void> | null {
    if (this.store.writesAtOnce) {
      this.store
        .appendActions(this.code, round, playerId, [entry])
        .catch((error: unknown) => this.onWriteError(error));
      return null;
    }
    const key = `${round}/${playerId}`;
    let pending = this.batch.get(key);
    if (!pending) {
      pending = { round, playerId, entries: [] };
      this.batch.set(key, pending);
    }
    pending.entries.push(entry);
    const written = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) this.flushing = this.flushLoop();
    return written;
  }

  /** Resolves when everything appended so far is written. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    // Let every action that arrived in the same turn of the event loop join the first write.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.batch.size > 0) {
      const batch = [...this.batch.values()];
      const waiters = this.waiters;
      this.batch = new Map();
      this.waiters = [];
      try {
        await Promise.all(
          batch.map((pending) =>
            this.store.appendActions(this.code, pending.round, pending.playerId, pending.entries),
          ),
        );
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.flushing = null;
  }
}
