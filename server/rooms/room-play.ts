/**
 * A student's moves on their own game: actions (the hot path), restarts after a crash,
 * and snapshots. An action is stamped with the server's tick, applied by the simulator,
 * written to the action log, and only then acknowledged.
 */

import type { ActionAck, ActionPayload, SnapshotView } from '../../shared/protocol';
import { ErrorCode, OUT_OF_STEP_LAG_TICKS, OUT_OF_STEP_TICKS, RefusalCode } from '../../shared/protocol';
import { hash as stateHash } from '../../shared/sim';
import type { Room, Seat } from './room';
import { sendSnapshot } from './room-broadcast';
import { fail } from './room-error';
import { snapshotView } from './views';

/** At most one unrequested snapshot per student in this time: a slow network should not get slower. */
const RESYNC_INTERVAL_MS = 2_000;

function refuse(seq: number, code: RefusalCode, reason: string, seat: Seat): ActionAck {
  const state = seat.game?.current.state;
  return { seq, accepted: false, code, reason, tick: state?.tick ?? 0, hash: state ? stateHash(state) : '' };
}

/**
 * Acks leave in the order the actions came: a refusal answered at once still waits for
 * the log write of an earlier accepted action, so a client can trust the order.
 */
export function handleAction(room: Room, seat: Seat, payload: ActionPayload): ActionAck | Promise<ActionAck> {
  const before = seat.acksWritten;
  const { ack, written } = decide(room, seat, payload);
  // Nothing to wait for (a store that writes at once, no earlier ack waiting): answer now.
  if (before === null && written === null) return ack;
  const done = written && before ? Promise.all([before, written]) : (written ?? before)!;
  const settled: Promise<void> = done.then(
    () => {
      if (seat.acksWritten === settled) seat.acksWritten = null;
    },
    () => {
      if (seat.acksWritten === settled) seat.acksWritten = null;
    },
  );
  seat.acksWritten = settled;
  return done.then(() => ack);
}

function decide(
  room: Room,
  seat: Seat,
  payload: ActionPayload,
): { ack: ActionAck; written: Promise<void> | null } {
  const { seq } = payload;
  const game = seat.game;
  const setup = room.setup;
  if (!game || !setup || room.record.phase !== 'running') {
    return {
      ack: refuse(seq, RefusalCode.NotRunning, 'No round is running for you right now.', seat),
      written: null,
    };
  }
  if (seq <= game.lastSeq) {
    return {
      ack: refuse(seq, RefusalCode.StaleSeq, `Sequence ${seq} was already used.`, seat),
      written: null,
    };
  }
  const now = room.now();
  if (!seat.limiter.take(now)) {
    return {
      ack: refuse(seq, RefusalCode.RateLimited, 'Too many actions: slow down a little.', seat),
      written: null,
    };
  }
  const outcome = game.apply(payload.action, seq, room.roundTick(now), room.limitTick(seat));
  if (outcome.kind === 'over') {
    const reason = 'This attempt is over.';
    return {
      ack: {
        seq,
        accepted: false,
        code: RefusalCode.GameOver,
        reason,
        tick: outcome.tick,
        hash: outcome.hash,
      },
      written: null,
    };
  }
  // An action that changed nothing (a misclick the simulator refused without a penalty)
  // needs no log entry: replaying without it gives the same game.
  const written = outcome.logged ? room.log.append(setup.round, seat.record.id, outcome.logged) : null;
  const drift = payload.tick === undefined ? 0 : payload.tick - outcome.tick;
  const outOfStep = drift > OUT_OF_STEP_TICKS || drift < -OUT_OF_STEP_LAG_TICKS;
  if (outOfStep && now - seat.lastResyncAt >= RESYNC_INTERVAL_MS) {
    // The client's clock has drifted from the game: set it straight right after the ack.
    seat.lastResyncAt = now;
    (written ?? Promise.resolve())
      .then(() => setImmediate(() => sendSnapshot(room, seat)))
      .catch(() => undefined);
  }
  const { tick, hash } = outcome;
  const ack: ActionAck = outcome.accepted
    ? { seq, accepted: true, tick, hash }
    : { seq, accepted: false, code: RefusalCode.Rejected, reason: outcome.reason, tick, hash };
  return { ack, written };
}

/** After a crash, a fresh attempt with the time that is left; the best attempt counts. */
export async function restart(room: Room, seat: Seat): Promise<SnapshotView> {
  const game = seat.game;
  const setup = room.setup;
  if (!game || !setup || room.record.phase !== 'running')
    fail(ErrorCode.WrongPhase, 'No round is running for you right now.');
  const now = room.now();
  const tick = room.roundTick(now);
  const limit = room.limitTick(seat);
  game.advanceTo(tick, limit);
  if (tick >= limit) fail(ErrorCode.WrongPhase, 'Your time for this round is up.');
  if (game.current.state.status !== 'crashed')
    fail(ErrorCode.NotCrashed, 'You can restart only after a crash.');
  game.restart(tick);
  await room.deps.store.saveAttempts(room.code, setup.round, seat.record.id, game.attemptRecords);
  return snapshotOrFail(room, seat);
}

export function snapshot(room: Room, seat: Seat): SnapshotView {
  room.bringToClock(seat);
  return snapshotOrFail(room, seat);
}

function snapshotOrFail(room: Room, seat: Seat): SnapshotView {
  const view = snapshotView(room, seat);
  if (!view) fail(ErrorCode.NoGame, 'You have no game in this round.');
  return view;
}
