/**
 * A round's life: start, pause, resume, extend, end (by the host, on time, or when every
 * student is done), next, and closing the session. Games are advanced to the round's tick
 * before any change of phase, so what a student had done up to that instant counts.
 */
import type { RoomStateView, RoundResultsView } from '../../shared/protocol';
import { ErrorCode } from '../../shared/protocol';
import { PlayerGame, roundSetup } from '../game/player-game';
import type { Room } from './room';
import { sendRoomState, sendSnapshot } from './room-broadcast';
import { fail } from './room-error';
import { classReport, computeRoundRows, hostResultsView, studentResultsView } from './room-results';
import { levelRefOf, roomStateView } from './views';

export async function startRound(room: Room): Promise<RoomStateView> {
  const { phase, roundIndex, playlist } = room.record;
  if (phase !== 'lobby' && phase !== 'round-over')
    fail(ErrorCode.WrongPhase, 'A round is already under way.');
  const next = roundIndex + 1;
  const spec = playlist[next];
  if (!spec) fail(ErrorCode.NoMoreRounds, 'The playlist has no more rounds: add one first.');
  const ref = levelRefOf(spec);
  const level =
    ref.kind === 'level' ? room.deps.catalog.byId(ref.levelId) : room.deps.catalog.rush(ref.rushSeed);
  if (!level) fail(ErrorCode.UnknownLevel, 'The level of this round no longer exists.');
  const setup = roundSetup(next, spec, ref, level);
  const now = room.now();
  room.record = {
    ...room.record,
    roundIndex: next,
    phase: 'running',
    roundStartedAt: now,
    roundEndsAt: now + spec.seconds * 1000,
    pausedAt: null,
  };
  room.setup = setup;
  room.ending = false;
  room.progressSent.clear();
  for (const seat of room.seats.values()) {
    seat.game = seat.record.removed ? null : PlayerGame.start(setup, 0);
  }
  room.touch();
  await room.saveRecord();
  await Promise.all(
    [...room.seats.values()]
      .filter((seat) => seat.game)
      .map((seat) =>
        room.deps.store.saveAttempts(room.code, next, seat.record.id, seat.game?.attemptRecords ?? []),
      ),
  );
  sendRoomState(room);
  for (const seat of room.seats.values()) if (seat.game) sendSnapshot(room, seat);
  return roomStateView(room);
}

/** Brings every game up to the round's current tick (frozen while paused). */
export function advanceAll(room: Room, now = room.now()): number {
  const tick = room.roundTick(now);
  for (const seat of room.seats.values()) seat.game?.advanceTo(tick, room.limitTick(seat));
  return tick;
}

export async function pauseRound(room: Room): Promise<RoomStateView> {
  if (room.record.phase !== 'running') fail(ErrorCode.WrongPhase, 'Only a running round can be paused.');
  const now = room.now();
  advanceAll(room, now);
  room.record = { ...room.record, phase: 'paused', pausedAt: now };
  await room.saveRecord();
  sendRoomState(room);
  return roomStateView(room);
}

export async function resumeRound(room: Room): Promise<RoomStateView> {
  const { phase, pausedAt, roundStartedAt, roundEndsAt } = room.record;
  if (phase !== 'paused' || pausedAt === null || roundStartedAt === null || roundEndsAt === null) {
    fail(ErrorCode.WrongPhase, 'Only a paused round can be resumed.');
  }
  const shift = Math.max(0, room.now() - pausedAt);
  room.record = {
    ...room.record,
    phase: 'running',
    pausedAt: null,
    roundStartedAt: roundStartedAt + shift,
    roundEndsAt: roundEndsAt + shift,
  };
  await room.saveRecord();
  sendRoomState(room);
  return roomStateView(room);
}

export async function extendRound(room: Room, seconds: number): Promise<RoomStateView> {
  const { phase, roundEndsAt } = room.record;
  if ((phase !== 'running' && phase !== 'paused') || roundEndsAt === null) {
    fail(ErrorCode.WrongPhase, 'Only a round under way can be extended.');
  }
  room.record = { ...room.record, roundEndsAt: roundEndsAt + seconds * 1000 };
  await room.saveRecord();
  sendRoomState(room);
  return roomStateView(room);
}

/** Ends the round under way: results, cumulative standings, podium, the class report. */
export async function endRound(room: Room, why: 'host' | 'time'): Promise<RoundResultsView> {
  const { phase } = room.record;
  if (phase !== 'running' && phase !== 'paused') fail(ErrorCode.WrongPhase, 'No round is under way.');
  const setup = room.setup;
  if (!setup) fail(ErrorCode.NoGame, 'No round is under way.');
  const now = room.now();
  advanceAll(room, now);
  const { rows, runs } = computeRoundRows(room);
  room.record = { ...room.record, phase: 'round-over', pausedAt: null };
  room.results.set(setup.round, rows);
  room.archive.set(setup.round, runs);
  for (const row of rows)
    room.cumulative.set(row.playerId, (room.cumulative.get(row.playerId) ?? 0) + row.score);
  room.touch();
  room.deps.logger.info({ code: room.code, round: setup.round, why, players: rows.length }, 'round over');
  await room.saveRecord();
  await room.deps.store.saveRoundResults(room.code, setup.round, rows);
  await Promise.all(rows.map((row) => room.deps.store.addToLeaderboard(room.code, row.playerId, row.score)));
  const final = room.record.roundIndex + 1 >= room.record.playlist.length;
  return publishResults(room, setup.round, final);
}

export function publishResults(room: Room, round: number, final: boolean): RoundResultsView {
  const rows = room.results.get(round) ?? [];
  const host = hostResultsView(room, round, rows, final);
  sendRoomState(room);
  room.deps.outbox.toHosts(room.code, 'round:results', host);
  room.deps.outbox.toHosts(room.code, 'host:class-report', classReport(room, round, rows));
  for (const seat of room.activeSeats()) {
    room.deps.outbox.toPlayer(
      room.code,
      seat.record.id,
      'round:results',
      studentResultsView(room, host, seat.record.id),
    );
  }
  return host;
}

/**
 * The latest results again, for one student back after the round (a reload, another
 * device): what `publishResults` sent them, as it stands now.
 */
export function resendResults(room: Room, playerId: string): void {
  const { phase, roundIndex, playlist } = room.record;
  if (phase !== 'round-over' && phase !== 'ended') return;
  const rows = room.results.get(roundIndex);
  if (!rows) return;
  const final = phase === 'ended' || roundIndex + 1 >= playlist.length;
  const host = hostResultsView(room, roundIndex, rows, final);
  room.deps.outbox.toPlayer(room.code, playerId, 'round:results', studentResultsView(room, host, playerId));
}

export async function nextRound(room: Room): Promise<RoomStateView> {
  const { phase, roundIndex, playlist } = room.record;
  if (roundIndex + 1 >= playlist.length) fail(ErrorCode.NoMoreRounds, 'The playlist has no more rounds.');
  if (phase === 'running' || phase === 'paused') await endRound(room, 'host');
  return startRound(room);
}

/** Closes the session: final standings for everyone; nobody can act any more. */
export async function finish(room: Room): Promise<RoundResultsView | null> {
  const { phase } = room.record;
  if (phase === 'ended') fail(ErrorCode.WrongPhase, 'This session has already ended.');
  if (phase === 'running' || phase === 'paused') await endRound(room, 'host');
  room.record = { ...room.record, phase: 'ended' };
  await room.saveRecord();
  if (room.record.roundIndex < 0) {
    sendRoomState(room);
    return null;
  }
  return publishResults(room, room.record.roundIndex, true);
}

/**
 * The ticker's work for a running round: advance every game (when `advanceGames`), and end
 * the round when every student is done (finished or out of time) — or, with nobody
 * playing, on time. A game also advances on each of its student's actions, so between
 * reports to the host it need not be stepped: it would only make states nobody reads. A
 * game that ends on its own is then seen at the next report, a fraction of a second later.
 */
export function tickRound(room: Room, now: number, advanceGames: boolean): void {
  if (room.record.phase !== 'running' || room.ending) return;
  const tick = room.roundTick(now);
  let playing = 0;
  let done = 0;
  for (const seat of room.seats.values()) {
    const game = seat.game;
    if (!game) continue;
    const limit = room.limitTick(seat);
    if (advanceGames) game.advanceTo(tick, limit);
    if (seat.record.removed) continue;
    playing++;
    if (game.isDone(tick, limit)) done++;
  }
  const over = playing > 0 ? done === playing : now >= (room.record.roundEndsAt ?? now);
  if (!over) return;
  room.ending = true;
  room.queue
    .run(() => (room.record.phase === 'running' ? endRound(room, 'time') : null))
    .catch((error) => room.deps.logger.error({ err: error, code: room.code }, 'ending the round failed'))
    .finally(() => {
      room.ending = false;
    });
}
