/**
 * Small sends shared by several commands. Whole states go to one receiver at a time
 * (a snapshot to its player, a watched game to the hosts), never to the whole room.
 */
import type { RosterView } from '../../shared/protocol';
import type { Room, Seat } from './room';
import { roomStateView, rosterView, snapshotView } from './views';

export function sendRoster(room: Room): RosterView {
  const roster = rosterView(room);
  room.deps.outbox.toHosts(room.code, 'host:roster', roster);
  return roster;
}

export function sendRoomState(room: Room): void {
  room.deps.outbox.toRoom(room.code, 'room:state', roomStateView(room));
}

export function sendSnapshot(room: Room, seat: Seat): void {
  const snapshot = snapshotView(room, seat);
  if (snapshot) room.deps.outbox.toPlayer(room.code, seat.record.id, 'game:snapshot', snapshot);
}
