/**
 * What the host sees while a round runs and after it: progress rows (only those that
 * changed), the leaderboard, one student's game watched live, results and the class
 * report, and anonymised replays for the projector. Students get a small personal board
 * when the host shows the leaderboard during rounds.
 */

import type { Level } from '../../shared/level/schema';
import type {
  ClassReportView,
  LeaderboardView,
  ProgressRow,
  ReplayView,
  RoundResultsView,
  WatchView,
} from '../../shared/protocol';
import { ErrorCode } from '../../shared/protocol';
import { progress, hash as stateHash } from '../../shared/sim';
import type { TimedAction } from '../../shared/sim/types';
import { type PlayerGame, roundSetup } from '../game/player-game';
import { heapUsed, mistakeCount, roomScore } from '../game/room-score';
import { runRecorded } from '../game/run';
import type { ArchivedRun, Room, Seat } from './room';
import { fail } from './room-error';
import { classReport, hostResultsView, liveBoard } from './room-results';
import { levelRefOf, withoutLevel } from './views';

/** Students see the top three and their own row: enough to race, small enough for phones. */
const STUDENT_BOARD_TOP = 3;
const HOST_BOARD_TOP = 50;
const STUDENT_BOARDS_PER_TICK = 5;

export function progressRow(room: Room, seat: Seat): ProgressRow | null {
  const game = seat.game;
  const setup = room.setup;
  if (!game || !setup) return null;
  const rules = room.rules(seat);
  const current = game.current;
  const state = current.state;
  const timeUp = room.roundTick() >= room.limitTick(seat);
  return {
    playerId: seat.record.id,
    nickname: seat.record.nickname,
    score: game.total(current, rules),
    best: game.bestTotal(rules),
    progress: Math.round(progress(state) * 1000) / 1000,
    stackDepth: state.stack.length,
    heapUsed: heapUsed(state),
    heapBytes: setup.level.machine.heapBytes,
    mistakes: game.attempts.reduce((sum, attempt) => sum + mistakeCount(attempt.state), 0),
    crashes: game.crashes,
    attempt: current.record.attempt,
    status: timeUp && state.status === 'running' ? 'timeout' : state.status,
    connected: seat.connections > 0,
  };
}

/**
 * Writes what a student's progress row is computed from into `inputs`, and tells whether
 * any of it changed. The simulator shares unchanged parts between states (a plain tick
 * copies only the top level), so comparing these references tells cheaply whether a row
 * can have changed. `inputs` is kept per student and written in place: a report every
 * 0.4 s for every student would otherwise leave arrays that outlive the young generation.
 */
function readInputs(room: Room, seat: Seat, game: PlayerGame, inputs: unknown[]): boolean {
  const state = game.current.state;
  let changed = put(inputs, 0, state.tally);
  changed = put(inputs, 1, state.objects) || changed;
  changed = put(inputs, 2, state.stack) || changed;
  changed = put(inputs, 3, state.program) || changed;
  changed = put(inputs, 4, state.status) || changed;
  changed = put(inputs, 5, game.attempts.length) || changed;
  changed = put(inputs, 6, room.roundTick() >= room.limitTick(seat)) || changed;
  changed = put(inputs, 7, seat.connections > 0) || changed;
  changed = put(inputs, 8, seat.record) || changed;
  changed = put(inputs, 9, room.record.settings) || changed;
  return changed;
}

function put(inputs: unknown[], index: number, value: unknown): boolean {
  if (index < inputs.length && inputs[index] === value) return false;
  inputs[index] = value;
  return true;
}

/**
 * Rows hold only numbers, strings and booleans: a field-by-field look tells whether the host
 * has this one already. Walked with `for…in`, which makes no key arrays: it runs for every
 * changed student at every report.
 */
function sameRow(a: ProgressRow, b: ProgressRow): boolean {
  let count = 0;
  for (const key in b) {
    if (a[key as keyof ProgressRow] !== b[key as keyof ProgressRow]) return false;
    count++;
  }
  for (const _ in a) count--;
  return count === 0;
}

/** Sends the host the progress rows that changed since the last send (all of them the first time). */
export function sendProgress(room: Room): void {
  const setup = room.setup;
  if (!setup || room.hostConnections === 0) return;
  const full = room.progressSent.size === 0;
  const rows: ProgressRow[] = [];
  const seen = new Set<string>();
  for (const seat of room.activeSeats()) {
    const game = seat.game;
    if (!game) continue;
    const id = seat.record.id;
    seen.add(id);
    let sent = room.progressSent.get(id);
    if (!sent) {
      sent = { inputs: [], row: null };
      room.progressSent.set(id, sent);
    }
    if (!readInputs(room, seat, game, sent.inputs) && sent.row) continue;
    const row = progressRow(room, seat);
    if (!row || (sent.row && sameRow(sent.row, row))) continue;
    // The last row sent is kept by copying into it: the new one is garbage once it is sent.
    if (sent.row) Object.assign(sent.row, row);
    else sent.row = { ...row };
    rows.push(row);
  }
  const removed = [...room.progressSent.keys()].filter((id) => !seen.has(id));
  for (const id of removed) room.progressSent.delete(id);
  // Sent even when nothing changed: the host's heartbeat and round tick, at least twice a second.
  room.deps.outbox.toHosts(room.code, 'host:progress', {
    round: setup.round,
    tick: room.roundTick(),
    full,
    rows,
    removed,
  });
}

function isLive(room: Room): boolean {
  return room.record.phase === 'running' || room.record.phase === 'paused';
}

/** The host's leaderboard of the round (sent with every progress update). */
export function sendHostBoard(room: Room): void {
  if (!isLive(room) || room.hostConnections === 0) return;
  const board = liveBoard(room);
  room.deps.outbox.toHosts(room.code, 'leaderboard', {
    round: room.setup?.round ?? null,
    kind: 'round',
    top: board.slice(0, HOST_BOARD_TOP),
    total: board.length,
  });
}

/** Every student's small board (the top three and their own row), queued to go out over the next ticks. */
export function queueStudentBoards(room: Room): void {
  if (!isLive(room) || room.record.settings.leaderboard !== 'always') return;
  const board = liveBoard(room);
  const round = room.setup?.round ?? null;
  const top = board.slice(0, STUDENT_BOARD_TOP).map(({ playerId: _id, ...row }) => row);
  room.studentBoards = [];
  for (const row of board) {
    if (!row.playerId) continue;
    const view: LeaderboardView = { round, kind: 'round', top, you: row, total: board.length };
    room.studentBoards.push({ playerId: row.playerId, view });
  }
  sendQueuedStudentBoards(room);
}

/**
 * Sends the next few students' boards. A roomful sent at once is forty socket writes in one
 * turn of the event loop, and every student's ack waits behind them; a few per tick (forty
 * in under a second) keeps the ticks short. Boards of a round that is over are dropped.
 */
export function sendQueuedStudentBoards(room: Room): void {
  const queue = room.studentBoards;
  if (queue.length === 0) return;
  if (!isLive(room) || room.record.settings.leaderboard !== 'always') {
    room.studentBoards = [];
    return;
  }
  let sent = 0;
  while (sent < STUDENT_BOARDS_PER_TICK && queue.length > 0) {
    const { playerId, view } = queue.shift()!;
    const seat = room.seats.get(playerId);
    if (!seat || seat.connections === 0 || view.round !== (room.setup?.round ?? null)) continue;
    room.deps.outbox.toPlayer(room.code, playerId, 'leaderboard', view);
    sent++;
  }
}

export function watchView(room: Room, playerId: string): WatchView | null {
  const seat = room.seats.get(playerId);
  const setup = room.setup;
  if (!seat?.game || !setup) return null;
  const current = seat.game.current;
  return {
    playerId,
    nickname: seat.record.nickname,
    round: setup.round,
    attempt: current.record.attempt,
    level: setup.ref,
    timeLimit: setup.playLevel.timeLimit,
    hash: stateHash(current.state),
    state: withoutLevel(current.state),
    score: seat.game.score(current, room.rules(seat)).breakdown,
  };
}

/** The watched student's game, whenever it changed since the last send (a bare tick is no change). */
export function sendWatch(room: Room): void {
  if (!room.watching || room.hostConnections === 0) return;
  const seat = room.seats.get(room.watching);
  if (!seat?.game) return;
  room.bringToClock(seat);
  if (room.watchSent?.playerId !== room.watching) room.watchSent = { playerId: room.watching, inputs: [] };
  if (!readInputs(room, seat, seat.game, room.watchSent.inputs)) return;
  const view = watchView(room, room.watching);
  if (view) room.deps.outbox.toHosts(room.code, 'host:watch-state', view);
}

export function watch(room: Room, playerId: string | null): WatchView | null {
  room.watchSent = null;
  if (playerId === null) {
    room.watching = null;
    return null;
  }
  const seat = room.seats.get(playerId);
  if (!seat || seat.record.removed) fail(ErrorCode.UnknownPlayer, 'No such player in this room.');
  room.watching = playerId;
  room.bringToClock(seat);
  return watchView(room, playerId);
}

export async function results(
  room: Room,
  round?: number,
): Promise<{ results: RoundResultsView; report: ClassReportView }> {
  const lastFinished =
    room.record.phase === 'round-over' || room.record.phase === 'ended'
      ? room.record.roundIndex
      : room.record.roundIndex - 1;
  const r = round ?? lastFinished;
  if (r < 0 || r > lastFinished) fail(ErrorCode.WrongPhase, 'That round has no results yet.');
  let rows = room.results.get(r);
  if (!rows) {
    rows = await room.deps.store.getRoundResults(room.code, r);
    room.results.set(r, rows);
  }
  const final = room.record.phase === 'ended' && r === room.record.roundIndex;
  return { results: hostResultsView(room, r, rows, final), report: classReport(room, r, rows) };
}

/** A student's best run of a round for the projector, without their name. */
export async function replay(room: Room, playerId: string, round?: number): Promise<ReplayView> {
  const r = round ?? room.record.roundIndex;
  const spec = room.record.playlist[r];
  const seat = room.seats.get(playerId);
  if (!spec || r > room.record.roundIndex || r < 0)
    fail(ErrorCode.WrongPhase, 'That round has not been played.');
  if (!seat) fail(ErrorCode.UnknownPlayer, 'No such player in this room.');
  const ref = levelRefOf(spec);
  const level =
    ref.kind === 'level' ? room.deps.catalog.byId(ref.levelId) : room.deps.catalog.rush(ref.rushSeed);
  if (!level) fail(ErrorCode.UnknownLevel, 'The level of that round no longer exists.');
  const setup = room.setup?.round === r ? room.setup : roundSetup(r, spec, ref, level);
  let run: ArchivedRun | undefined = room.archive.get(r)?.get(playerId);
  if (!run && seat.game && room.setup?.round === r) {
    const best = seat.game.best(room.rules(seat));
    run = {
      attempt: best.attempt.record.attempt,
      seed: best.attempt.record.seed,
      actions: best.attempt.actions.map((logged) => logged.entry),
      score: best.score.total,
      stars: best.score.stars,
    };
  }
  run ??= await bestStoredRun(room, seat, r, setup.playLevel, setup.level);
  if (!run) fail(ErrorCode.UnknownRun, 'That student has no run in that round.');
  const position = [...room.seats.keys()].indexOf(playerId) + 1;
  return {
    round: r,
    label: `Run ${position}`,
    level: ref,
    timeLimit: setup.playLevel.timeLimit,
    seed: run.seed,
    actions: run.actions,
    score: run.score,
    stars: run.stars,
  };
}

/** After a restart the archive is gone: re-simulate the stored attempts and keep the best. */
async function bestStoredRun(
  room: Room,
  seat: Seat,
  round: number,
  playLevel: Level,
  level: Level,
): Promise<ArchivedRun | undefined> {
  const [attempts, log] = await Promise.all([
    room.deps.store.getAttempts(room.code, round, seat.record.id),
    room.deps.store.getActions(room.code, round, seat.record.id),
  ]);
  let best: ArchivedRun | undefined;
  for (const attempt of attempts) {
    const actions: TimedAction[] = log
      .filter((entry) => entry.attempt === attempt.attempt)
      .map((entry) => entry.entry);
    const until = (actions[actions.length - 1]?.tick ?? 0) + level.timeLimit;
    const state = runRecorded(playLevel, attempt.seed, actions, until);
    const scored = roomScore(state, level, room.rules(seat));
    if (!best || scored.total > best.score) {
      best = {
        attempt: attempt.attempt,
        seed: attempt.seed,
        actions,
        score: scored.total,
        stars: scored.stars,
      };
    }
  }
  return best;
}
