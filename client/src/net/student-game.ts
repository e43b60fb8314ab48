/**
 * A student's live game: feeds the board from the prediction, sends each action with
 * its sequence number, reconciles acknowledgements, and keeps the prediction stepping at
 * the server's tick rate against the server's clock. A mismatch asks for a snapshot and
 * the board is simply given the corrected state — no reload of the screen.
 */
import type { Level } from '../../../shared/level/schema';
import type { ActionAck, RoomStateView, SnapshotView } from '../../../shared/protocol';
import { StudentEvent } from '../../../shared/protocol';
import { apply, hash, step } from '../../../shared/sim';
import type { Action, GameState, SimEvent } from '../../../shared/sim/types';
import type { ServerClock } from './clock';
import { Prediction } from './prediction';
import { type ArenaSocket, request } from './socket';

/** How often the prediction is brought up to the server's clock (twice per tick at 10 Hz). */
const LOOP_INTERVAL_MS = 50;

export interface StudentGameView {
  onState(state: GameState, events: SimEvent[]): void;
  onFlash(text: string): void;
  onAck(seq: number, rttMs: number): void;
  onSnapshot(snapshot: SnapshotView): void;
}

export class StudentGame {
  private prediction: Prediction | null = null;
  private snapshot: SnapshotView | null = null;
  private nextSeq = 1;
  private sentAt = new Map<number, number>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private awaitingSnapshot = false;
  /** Acks whose hash matched the prediction, and those that did not (each answered by a snapshot). */
  confirmed = 0;
  mismatches = 0;

  constructor(
    private readonly socket: ArenaSocket,
    private readonly clock: ServerClock,
    private readonly room: () => RoomStateView | null,
    private readonly levelFor: (snapshot: SnapshotView) => Level,
    /** Epoch ms (server clock) at which this student's time runs out, or null when untimed. */
    private readonly deadline: () => number | null,
    private readonly view: StudentGameView,
  ) {}

  get state(): GameState | null {
    return this.prediction?.predicted ?? null;
  }

  get current(): SnapshotView | null {
    return this.snapshot;
  }

  get lastSeqSent(): number {
    return this.nextSeq - 1;
  }

  /** Take a snapshot from the server (round start, restart, resume, or a correction). */
  load(snapshot: SnapshotView): void {
    const newRound =
      !this.snapshot || this.snapshot.round !== snapshot.round || this.snapshot.attempt !== snapshot.attempt;
    const level = { ...this.levelFor(snapshot), timeLimit: snapshot.timeLimit };
    const state: GameState = { ...snapshot.state, level };
    if (newRound || !this.prediction) {
      this.prediction = new Prediction({ step, apply, hash }, state);
      if (!this.snapshot || this.snapshot.round !== snapshot.round) this.nextSeq = snapshot.lastSeq + 1;
    } else {
      this.prediction.reset(state, snapshot.lastSeq);
    }
    this.nextSeq = Math.max(this.nextSeq, snapshot.lastSeq + 1);
    this.snapshot = snapshot;
    this.awaitingSnapshot = false;
    this.view.onSnapshot(snapshot);
    this.catchUp();
    this.view.onState(this.prediction.predicted, []);
    this.startLoop();
  }

  /** The player's input: shown at once, then sent. */
  act(action: Action): void {
    const prediction = this.prediction;
    if (prediction?.predicted.status !== 'running') return;
    this.catchUp();
    const seq = this.nextSeq;
    const before = prediction.predicted;
    const result = prediction.act(action, seq);
    if (!result.ok) this.view.onFlash(result.reason);
    if (prediction.predicted === before) return;
    this.nextSeq++;
    this.view.onState(prediction.predicted, result.events);
    if (!this.socket.connected) return; // re-synced by the resume snapshot
    this.sentAt.set(seq, performance.now());
    void request(this.socket, StudentEvent.Action, { seq, action, tick: before.tick }).then((reply) => {
      if (reply.ok) this.handleAck(reply.data);
      else if (reply.error.code !== 'internal') this.requestSnapshot();
    });
  }

  private handleAck(ack: ActionAck): void {
    const started = this.sentAt.get(ack.seq);
    this.sentAt.delete(ack.seq);
    if (started !== undefined) this.view.onAck(ack.seq, performance.now() - started);
    const prediction = this.prediction;
    if (!prediction) return;
    if (!ack.accepted && ack.code !== 'rejected' && ack.code !== 'stale-seq') this.view.onFlash(ack.reason);
    const outcome = prediction.ack(ack);
    if (outcome === 'mismatch') {
      this.mismatches++;
      this.requestSnapshot();
    } else if (outcome === 'confirmed') {
      this.confirmed++;
      this.view.onState(prediction.predicted, []);
    }
  }

  requestSnapshot(): void {
    if (this.awaitingSnapshot || !this.socket.connected) return;
    this.awaitingSnapshot = true;
    void request(this.socket, StudentEvent.Snapshot, {}).then((reply) => {
      this.awaitingSnapshot = false;
      if (reply.ok) this.load(reply.data);
    });
  }

  /**
   * The game tick the server is at now: the round's tick, capped at the round tick where
   * this student's time runs out (the server freezes the game there), minus the tick at
   * which this attempt began.
   */
  private targetTick(): number | null {
    const snapshot = this.snapshot;
    const room = this.room();
    const roundTick = this.clock.roundTick(room);
    if (!snapshot || roundTick === null || !room || (room.phase !== 'running' && room.phase !== 'paused'))
      return null;
    const deadline = this.deadline();
    const limit =
      deadline === null
        ? Number.POSITIVE_INFINITY
        : Math.floor(((deadline - room.startedAt) * room.tickHz) / 1000);
    return Math.min(roundTick, limit) - snapshot.startedAtTick;
  }

  /** Seconds left for this student (their own deadline, which a time multiplier stretches), or null when untimed. */
  secondsLeft(): number | null {
    const deadline = this.deadline();
    return deadline === null ? null : this.clock.secondsUntil(deadline, this.room());
  }

  private catchUp(): SimEvent[] {
    const target = this.targetTick();
    if (!this.prediction || target === null) return [];
    return this.prediction.advanceTo(target);
  }

  private startLoop(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const prediction = this.prediction;
      if (!prediction) return;
      const before = prediction.predicted;
      const events = this.catchUp();
      if (prediction.predicted !== before) this.view.onState(prediction.predicted, events);
    }, LOOP_INTERVAL_MS);
  }

  /** The round is over or the student left: stop stepping. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  clear(): void {
    this.stop();
    this.prediction = null;
    this.snapshot = null;
  }
}
