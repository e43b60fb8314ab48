/**
 * Who is in a room: joining, resuming, nicknames, leaving, removing and blocking, and the
 * host's room-wide settings. Each command checks and changes memory synchronously, then
 * persists; callers run these inside the room's queue.
 */
import type {
  JoinedView,
  PeekView,
  ResumedView,
  RoomSettings,
  RoundSpecInput,
  TimeMultiplier,
  YouView,
} from '../../shared/protocol';
import { ErrorCode, ROOM_MAX_PLAYERS } from '../../shared/protocol';
import { PlayerGame } from '../game/player-game';
import type { PlayerRecord, RoundSpec } from '../store/types';
import { checkFreeTextNickname, generateNickname, isGeneratedNickname, nicknameKey } from './nicknames';
import type { Room, Seat } from './room';
import { sendRoomState, sendRoster, sendSnapshot } from './room-broadcast';
import { fail } from './room-error';
import { hashToken, newId, newSeed, newToken } from './tokens';
import { hostRoomView, roomStateView, snapshotView, youView } from './views';

export function peek(room: Room): PeekView {
  return {
    code: room.code,
    locked: room.record.locked,
    freeTextNicknames: room.record.settings.freeTextNicknames,
    lateJoin: room.record.settings.lateJoin,
    phase: room.record.phase,
    suggestedNickname: generateNickname(room.takenNicknames()),
  };
}

/** A generated name is always allowed; free text only when the host allows it. */
export function chooseNickname(room: Room, input: string | undefined, except?: string): string {
  const taken = room.takenNicknames(except);
  if (input === undefined) return generateNickname(taken);
  const trimmed = input.normalize('NFC').trim().replace(/\s+/gu, ' ');
  let nickname = trimmed;
  if (!isGeneratedNickname(trimmed)) {
    if (!room.record.settings.freeTextNicknames) {
      fail(ErrorCode.NicknameNotAllowed, 'This room uses generated nicknames: pick one of the suggestions.');
    }
    const check = checkFreeTextNickname(trimmed);
    if (!check.ok) fail(ErrorCode.NicknameInvalid, check.reason);
    nickname = check.nickname;
  }
  if (taken.has(nicknameKey(nickname)))
    fail(ErrorCode.NicknameTaken, 'Someone in this room already has that nickname.');
  return nickname;
}

export async function join(
  room: Room,
  nicknameInput: string | undefined,
): Promise<{ seat: Seat; view: JoinedView }> {
  const phase = room.record.phase;
  if (phase === 'ended') fail(ErrorCode.WrongPhase, 'This session has ended.');
  if (room.record.locked) fail(ErrorCode.RoomLocked, 'The teacher has locked this room.');
  if (room.activeSeats().length >= ROOM_MAX_PLAYERS) fail(ErrorCode.RoomFull, 'This room is full.');
  const nickname = chooseNickname(room, nicknameInput);
  const resumeToken = newToken();
  const record: PlayerRecord = {
    id: newId(),
    nickname,
    resumeTokenHash: hashToken(resumeToken),
    joinedAt: room.now(),
    blocked: false,
    removed: false,
    timeMultiplier: 1,
  };
  const seat = room.addSeat(record);
  try {
    await room.savePlayer(seat);
    await seatLateJoiner(room, seat);
  } catch (error) {
    room.seats.delete(record.id);
    throw error;
  }
  room.touch(); // the roster goes to the hosts once the new seat's connection opens
  sendRoomState(room); // everyone's player count
  return {
    seat,
    view: { you: youView(seat), resumeToken, room: roomStateView(room), snapshot: snapshotView(room, seat) },
  };
}

export async function resume(
  room: Room,
  resumeToken: string,
  lastSeq: number,
): Promise<{ seat: Seat; view: ResumedView }> {
  const tokenHash = hashToken(resumeToken);
  const seat = [...room.seats.values()].find((s) => s.record.resumeTokenHash === tokenHash);
  if (!seat) fail(ErrorCode.BadToken, 'That resume token does not belong to this room.');
  if (seat.record.blocked) fail(ErrorCode.Blocked, 'The teacher has removed you from this room.');
  if (seat.record.removed) {
    seat.record = { ...seat.record, removed: false };
    await room.savePlayer(seat);
    sendRoster(room);
    sendRoomState(room);
  }
  await seatLateJoiner(room, seat);
  const serverSeq = seat.game?.lastSeq ?? 0;
  if (lastSeq > serverSeq && room.setup) {
    room.deps.logger.warn(
      { code: room.code, playerId: seat.record.id, lastSeq, serverSeq },
      'client saw more acks than logged',
    );
  }
  room.touch();
  return {
    seat,
    view: {
      you: youView(seat),
      room: roomStateView(room),
      snapshot: snapshotView(room, seat),
      lastSeq: serverSeq,
    },
  };
}

/**
 * Late joiners enter the running round with the time that is left — also a student back
 * from a removal, or one who waited while late join was off. Returns whether a game began.
 */
export async function seatLateJoiner(room: Room, seat: Seat): Promise<boolean> {
  const { phase, settings } = room.record;
  const setup = room.setup;
  if ((phase !== 'running' && phase !== 'paused') || !settings.lateJoin || !setup || seat.game) return false;
  if (seat.record.removed || seat.record.blocked) return false;
  seat.game = PlayerGame.start(setup, room.roundTick());
  await room.deps.store.saveAttempts(room.code, setup.round, seat.record.id, seat.game.attemptRecords);
  return true;
}

export async function reroll(room: Room, seat: Seat): Promise<YouView> {
  if (room.record.phase === 'running' || room.record.phase === 'paused') {
    fail(ErrorCode.WrongPhase, 'Nicknames can change between rounds only.');
  }
  const nickname = generateNickname(room.takenNicknames(seat.record.id));
  seat.record = { ...seat.record, nickname };
  seat.key = nicknameKey(nickname);
  await room.savePlayer(seat);
  sendRoster(room);
  return youView(seat);
}

/** Leaving, removal and blocking all keep the seat's game and scores; only blocking stops the resume token. */
export async function removeSeat(
  room: Room,
  playerId: string,
  how: 'left' | 'removed' | 'blocked',
): Promise<void> {
  const seat = room.seats.get(playerId);
  if (!seat || (seat.record.removed && how !== 'blocked') || seat.record.blocked) {
    fail(ErrorCode.UnknownPlayer, 'No such player in this room.');
  }
  seat.record = { ...seat.record, removed: true, blocked: seat.record.blocked || how === 'blocked' };
  if (room.watching === playerId) room.watching = null;
  await room.savePlayer(seat);
  if (how !== 'left') room.deps.outbox.kick(room.code, playerId, how);
  sendRoster(room);
  sendRoomState(room);
}

export async function setLocked(room: Room, locked: boolean) {
  room.record = { ...room.record, locked };
  await room.saveRecord();
  room.deps.outbox.toRoom(room.code, 'room:state', roomStateView(room));
  return hostRoomView(room);
}

export async function updateSettings(room: Room, changes: Partial<RoomSettings>) {
  const settings = { ...room.record.settings };
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) Object.assign(settings, { [key]: value });
  }
  room.record = { ...room.record, settings };
  await room.saveRecord();
  room.progressSent.clear(); // scores may change with the speed bonus
  sendRoomState(room); // students count their own score by the room's rules
  // Turning late join on lets in whoever was waiting for the next round.
  for (const seat of room.activeSeats()) if (await seatLateJoiner(room, seat)) sendSnapshot(room, seat);
  return hostRoomView(room);
}

export async function setTimeMultiplier(room: Room, playerId: string, multiplier: TimeMultiplier) {
  const seat = room.seats.get(playerId);
  if (!seat || seat.record.removed) fail(ErrorCode.UnknownPlayer, 'No such player in this room.');
  seat.record = { ...seat.record, timeMultiplier: multiplier };
  await room.savePlayer(seat);
  room.deps.outbox.toPlayer(room.code, playerId, 'player:you', youView(seat));
  if (seat.game) sendSnapshot(room, seat);
  return sendRoster(room);
}

/** Replaces the rounds not yet played; rounds already started stay as they were. */
export async function setPlaylist(room: Room, rounds: RoundSpecInput[]) {
  const played = room.record.playlist.slice(0, room.record.roundIndex + 1);
  const specs = rounds.map((round) => resolveSpec(room, round));
  room.record = { ...room.record, playlist: [...played, ...specs] };
  await room.saveRecord();
  room.deps.outbox.toRoom(room.code, 'room:state', roomStateView(room));
  return hostRoomView(room);
}

export function resolveSpec(room: Room, round: RoundSpecInput): RoundSpec {
  if (round.kind === 'level') {
    if (!room.deps.catalog.byId(round.levelId))
      fail(ErrorCode.UnknownLevel, `There is no level "${round.levelId}".`);
    return { kind: 'level', levelId: round.levelId, seconds: round.seconds, seed: round.seed ?? newSeed() };
  }
  return {
    kind: 'rush',
    rushSeed: round.rushSeed ?? newSeed(),
    seconds: round.seconds,
    seed: round.seed ?? newSeed(),
  };
}
