/**
 * Runs tasks one at a time, in the order they were queued: every read-modify-write of a
 * room goes through its queue, so two host commands never interleave across an `await`.
 * A failing task rejects its own promise and does not stop the queue.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.pending++;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    );
    return result;
  }

  /** Resolves once everything queued so far has run. */
  idle(): Promise<void> {
    return this.run(() => undefined);
  }

  get size(): number {
    return this.pending;
  }
}
