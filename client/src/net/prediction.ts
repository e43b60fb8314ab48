/**
 * Client-side prediction for one student's game. The shared simulator runs here exactly
 * as on the server:
 *
 *   confirmed  the last state the server vouched for: a snapshot, moved forward by each
 *              acknowledged action at the tick the server stamped it with;
 *   pending    actions sent but not acknowledged yet (with the tick they were shown at);
 *   predicted  what the player sees: confirmed + pending, stepped to the current tick.
 *
 * An ack whose hash differs from the confirmed state's means this copy went astray: the
 * caller asks for a snapshot and `reset` re-applies whatever is still pending. Nothing
 * here touches the DOM or the network, so the caller decides what to draw and send.
 */
import type { RefusalCode } from '../../../shared/protocol';
import type { Action, ApplyResult, GameState, SimEvent, StepResult } from '../../../shared/sim/types';

export interface SimFunctions {
  step(state: GameState): StepResult;
  apply(state: GameState, action: unknown): ApplyResult;
  hash(state: GameState): string;
}

export interface PendingAction {
  seq: number;
  action: Action;
  /** The predicted tick at which the player saw it take effect. */
  tick: number;
}

export type AckInput =
  | { seq: number; accepted: true; tick: number; hash: string }
  | { seq: number; accepted: false; code: RefusalCode; reason: string; tick: number; hash: string };

export type AckOutcome = 'confirmed' | 'mismatch' | 'unknown-seq';

/** How far behind the clock the prediction may fall before it catches up in one go rather than tick by tick. */
const MAX_STEPS_PER_ADVANCE = 3_000;

function running(state: GameState): boolean {
  return state.status === 'running';
}

export class Prediction {
  private confirmed: GameState;
  private pending: PendingAction[] = [];
  predicted: GameState;

  constructor(
    private readonly sim: SimFunctions,
    initial: GameState,
  ) {
    this.confirmed = initial;
    this.predicted = initial;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Take the server's state; actions it has not logged yet (seq > lastSeq) are applied again on top. */
  reset(state: GameState, lastSeq: number): SimEvent[] {
    const shownTick = this.predicted.tick;
    this.confirmed = state;
    this.pending = this.pending.filter((p) => p.seq > lastSeq);
    this.predicted = this.rebuild(Math.max(state.tick, Math.min(shownTick, state.tick + 2)));
    return [];
  }

  /** Show the player's action at once. A refused action changes nothing and is not sent. */
  act(action: Action, seq: number): ApplyResult {
    const result = this.sim.apply(this.predicted, action);
    if (result.ok || result.state !== this.predicted) {
      // A well-formed but impossible action still costs a rejection on the server: send it too.
      this.pending.push({ seq, action, tick: this.predicted.tick });
      this.predicted = result.state;
    }
    return result;
  }

  /** Step the prediction up to `tick` (never backwards); returns what happened on the way. */
  advanceTo(tick: number): SimEvent[] {
    const events: SimEvent[] = [];
    let steps = 0;
    while (this.predicted.tick < tick && running(this.predicted) && steps < MAX_STEPS_PER_ADVANCE) {
      const next = this.sim.step(this.predicted);
      this.predicted = next.state;
      events.push(...next.events);
      steps++;
    }
    return events;
  }

  /**
   * The server's answer to action `seq`. The confirmed state is stepped to the server's
   * tick and the action applied there (a simulator rejection is applied too: it carries a
   * penalty on both sides), then hashed and compared.
   */
  ack(ack: AckInput): AckOutcome {
    const index = this.pending.findIndex((p) => p.seq === ack.seq);
    if (index < 0) return 'unknown-seq';
    const [entry] = this.pending.splice(index, 1);
    // Acks come in order; anything older that is still pending was lost on the way.
    this.pending = this.pending.filter((p) => p.seq > ack.seq);
    let state = this.confirmed;
    while (state.tick < ack.tick && running(state)) state = this.sim.step(state).state;
    const appliedOnServer = ack.accepted || ack.code === 'rejected';
    if (appliedOnServer && entry) state = this.sim.apply(state, entry.action).state;
    this.confirmed = state;
    if (state.tick !== ack.tick || this.sim.hash(state) !== ack.hash) return 'mismatch';
    this.predicted = this.rebuild(this.predicted.tick);
    return 'confirmed';
  }

  /** confirmed + pending, stepped to `tick`. */
  private rebuild(tick: number): GameState {
    let state = this.confirmed;
    const queue = [...this.pending].sort((a, b) => a.seq - b.seq);
    for (const p of queue) {
      while (state.tick < p.tick && running(state)) state = this.sim.step(state).state;
      state = this.sim.apply(state, p.action).state;
    }
    while (state.tick < tick && running(state)) state = this.sim.step(state).state;
    return state;
  }
}
