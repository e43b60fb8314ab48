/**
 * Loading a room back from the store, after a restart: its record, players, cumulative
 * standings and, for a round under way, every student's game rebuilt by replaying their
 * logged actions with the same rule the live server used.
 */
import { PlayerGame, roundSetup } from '../game/player-game';
import { Room, type RoomDeps } from './room';
import { levelRefOf } from './views';

const LEADERBOARD_LOAD_LIMIT = 10_000;

export async function loadRoom(deps: RoomDeps, code: string): Promise<Room | null> {
  const { store } = deps;
  const record = await store.getRoom(code);
  if (!record) return null;
  const room = new Room(deps, record);
  const [players, board] = await Promise.all([
    store.getPlayers(code),
    store.getLeaderboard(code, LEADERBOARD_LOAD_LIMIT),
  ]);
  for (const player of players) room.addSeat(player);
  for (const entry of board) room.cumulative.set(entry.playerId, entry.score);

  const spec = record.playlist[record.roundIndex];
  if (!spec || record.phase === 'lobby' || record.phase === 'ended') return room;
  const ref = levelRefOf(spec);
  const level = ref.kind === 'level' ? deps.catalog.byId(ref.levelId) : deps.catalog.rush(ref.rushSeed);
  if (!level) {
    deps.logger.error({ code, round: record.roundIndex, ref }, 'the level of the room’s round is gone');
    return room;
  }
  const setup = roundSetup(record.roundIndex, spec, ref, level);
  room.setup = setup;
  if (record.phase === 'round-over') {
    room.results.set(setup.round, await store.getRoundResults(code, setup.round));
    return room;
  }
  const tick = room.roundTick();
  await Promise.all(
    [...room.seats.values()].map(async (seat) => {
      const [attempts, log] = await Promise.all([
        store.getAttempts(code, setup.round, seat.record.id),
        store.getActions(code, setup.round, seat.record.id),
      ]);
      if (attempts.length === 0) return; // not in this round (joined without late join, or removed at its start)
      seat.game = PlayerGame.rebuild(setup, attempts, log, tick, room.limitTick(seat));
    }),
  );
  return room;
}
