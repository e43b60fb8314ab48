/**
 * One handler per client event. Each checks who is asking (host events need a host
 * session, granted only by the host token; a student acts only on their own seat), then
 * calls the room's command — through the room's queue when it reads and writes the store.
 */
import type { ClientEvent, ClientPayload, ClientReply } from '../../shared/protocol';
import { ClientEvent as E, ErrorCode, PROTOCOL_VERSION } from '../../shared/protocol';
import { generateNickname } from './nicknames';
import type { Room, Seat } from './room';
import { fail } from './room-error';
import { handleAction, restart, snapshot } from './room-play';
import { replay, results, watch } from './room-reports';
import {
  endRound,
  extendRound,
  finish,
  nextRound,
  pauseRound,
  resendResults,
  resumeRound,
  startRound,
} from './room-rounds';
import {
  join,
  peek,
  removeSeat,
  reroll,
  resume,
  setLocked,
  setPlaylist,
  setTimeMultiplier,
  updateSettings,
} from './room-seats';
import type { Handled, MessageContext, RoomService, Session } from './room-service';
import { tokenMatchesHash } from './tokens';
import { hostRoomView } from './views';

type Handler<K extends ClientEvent> = (
  service: RoomService,
  ctx: MessageContext,
  payload: ClientPayload<K>,
) => Handled<ClientReply<K>> | Promise<Handled<ClientReply<K>>>;

function ok<T>(data: T, session?: Session): Handled<T> {
  return session ? { reply: { ok: true, data }, session } : { reply: { ok: true, data } };
}

function checkProtocol(version: number): void {
  if (version !== PROTOCOL_VERSION) {
    fail(
      ErrorCode.ProtocolMismatch,
      `This server speaks protocol ${PROTOCOL_VERSION}; please reload the page.`,
    );
  }
}

function hostRoom(service: RoomService, ctx: MessageContext): Room {
  if (ctx.session.role !== 'host') fail(ErrorCode.Forbidden, 'Only the host of the room can do that.');
  return service.room(ctx.session.code);
}

function playerSeat(service: RoomService, ctx: MessageContext): { room: Room; seat: Seat } {
  if (ctx.session.role !== 'player') fail(ErrorCode.NotInRoom, 'Join a room first.');
  const room = service.room(ctx.session.code);
  const seat = room.seats.get(ctx.session.playerId);
  if (!seat || seat.record.removed || seat.record.blocked)
    fail(ErrorCode.NotInRoom, 'You are no longer in this room.');
  return { room, seat };
}

/** Runs a host command in the room's queue. */
function hostCommand<K extends ClientEvent>(
  run: (room: Room, payload: ClientPayload<K>) => Promise<ClientReply<K>> | ClientReply<K>,
): Handler<K> {
  return async (service, ctx, payload) => {
    const room = hostRoom(service, ctx);
    room.touch();
    return ok(await room.queue.run(() => run(room, payload)));
  };
}

const handlers: { [K in ClientEvent]: Handler<K> } = {
  [E.CreateRoom]: async (service, _ctx, payload) => {
    checkProtocol(payload.protocol);
    const created = await service.createRoom(payload);
    return ok(created, service.opened({ role: 'host', code: created.code }));
  },
  [E.Attach]: async (service, _ctx, payload) => {
    checkProtocol(payload.protocol);
    const room = service.room(payload.code);
    if (!tokenMatchesHash(payload.hostToken, room.record.hostTokenHash)) {
      fail(ErrorCode.BadToken, 'That host token does not belong to this room.');
    }
    return ok(hostRoomView(room), service.opened({ role: 'host', code: room.code }));
  },
  [E.Lock]: hostCommand((room, { locked }) => setLocked(room, locked)),
  [E.Remove]: hostCommand(async (room, { playerId }) => {
    await removeSeat(room, playerId, 'removed');
    return { players: hostRoomView(room).roster };
  }),
  [E.Block]: hostCommand(async (room, { playerId }) => {
    await removeSeat(room, playerId, 'blocked');
    return { players: hostRoomView(room).roster };
  }),
  [E.Settings]: hostCommand((room, changes) => updateSettings(room, changes)),
  [E.TimeMultiplier]: hostCommand((room, { playerId, multiplier }) =>
    setTimeMultiplier(room, playerId, multiplier),
  ),
  [E.Playlist]: hostCommand((room, { rounds }) => setPlaylist(room, rounds)),
  [E.StartRound]: hostCommand((room) => startRound(room)),
  [E.PauseRound]: hostCommand((room) => pauseRound(room)),
  [E.ResumeRound]: hostCommand((room) => resumeRound(room)),
  [E.ExtendRound]: hostCommand((room, { seconds }) => extendRound(room, seconds)),
  [E.EndRound]: hostCommand((room) => endRound(room, 'host')),
  [E.NextRound]: hostCommand((room) => nextRound(room)),
  [E.Finish]: hostCommand((room) => finish(room)),
  [E.Watch]: async (service, ctx, { playerId }) => ok(watch(hostRoom(service, ctx), playerId)),
  [E.Replay]: async (service, ctx, { playerId, round }) =>
    ok(await replay(hostRoom(service, ctx), playerId, round)),
  [E.Results]: async (service, ctx, { round }) => ok(await results(hostRoom(service, ctx), round)),

  [E.Peek]: async (service, _ctx, payload) => {
    checkProtocol(payload.protocol);
    return ok(peek(service.room(payload.code)));
  },
  [E.SuggestName]: async (service, _ctx, { code }) => {
    const room = service.room(code);
    return ok({ nickname: generateNickname(room.takenNicknames()) });
  },
  [E.Join]: async (service, _ctx, payload) => {
    checkProtocol(payload.protocol);
    const room = service.room(payload.code);
    const { seat, view } = await room.queue.run(() => join(room, payload.nickname));
    return ok(view, service.opened({ role: 'player', code: room.code, playerId: seat.record.id }));
  },
  [E.Reroll]: async (service, ctx) => {
    const { room, seat } = playerSeat(service, ctx);
    return ok(await room.queue.run(() => reroll(room, seat)));
  },
  [E.Resume]: async (service, _ctx, payload) => {
    checkProtocol(payload.protocol);
    const room = service.room(payload.code);
    const { seat, view } = await room.queue.run(() => resume(room, payload.resumeToken, payload.lastSeq));
    const playerId = seat.record.id;
    return {
      ...ok(view, service.opened({ role: 'player', code: room.code, playerId })),
      // Back after the round (a reload, another device): the results are on screen again.
      afterOpen: () => resendResults(room, playerId),
    };
  },
  // Synchronous when the ack need not wait (see RoomService.handleMessage).
  [E.Action]: (service, ctx, payload) => {
    const { room, seat } = playerSeat(service, ctx);
    const ack = handleAction(room, seat, payload);
    return ack instanceof Promise ? ack.then((done) => ok(done)) : ok(ack);
  },
  [E.Restart]: async (service, ctx) => {
    const { room, seat } = playerSeat(service, ctx);
    return ok(await room.queue.run(() => restart(room, seat)));
  },
  [E.Snapshot]: async (service, ctx) => {
    const { room, seat } = playerSeat(service, ctx);
    return ok(snapshot(room, seat));
  },
  [E.Leave]: async (service, ctx) => {
    const { room, seat } = playerSeat(service, ctx);
    await room.queue.run(() => removeSeat(room, seat.record.id, 'left'));
    return ok(null, { role: 'none' });
  },

  [E.Submit]: async (service, _ctx, payload) => ok(await service.solo.submit(payload)),
  [E.Histogram]: async (service, _ctx, { levelId }) => ok(await service.solo.histogram(levelId)),
  [E.Run]: async (service, _ctx, { runId }) => ok(await service.solo.run(runId)),

  [E.Ping]: async (service) => ok({ serverNow: service.now() }),
};

export function dispatch<K extends ClientEvent>(
  service: RoomService,
  ctx: MessageContext,
  event: K,
  payload: ClientPayload<K>,
): Handled<ClientReply<K>> | Promise<Handled<ClientReply<K>>> {
  const handler = handlers[event] as Handler<K> | undefined;
  if (!handler) fail(ErrorCode.BadPayload, `Unknown event "${String(event)}".`);
  return handler(service, ctx, payload);
}
