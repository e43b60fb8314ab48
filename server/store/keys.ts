/**
 * Every key the stores write, in one place. The Redis store uses these names as they are;
 * the memory store uses the same names so that both stores share one picture of the data.
 *
 *   {p}rooms                                 sorted set: room code -> expiry time (ms), for listRoomCodes
 *   {p}room:{code}                           string: the room record (JSON)
 *   {p}room:{code}:keys                      set: every per-round key written for the room
 *   {p}room:{code}:players                   hash: player id -> player record (JSON)
 *   {p}room:{code}:resume                    hash: sha256(resume token) -> player id
 *   {p}room:{code}:leaderboard               sorted set: player id -> cumulative points
 *   {p}room:{code}:round:{n}:actions:{id}    list: one JSON action per entry, in order
 *   {p}room:{code}:round:{n}:attempts:{id}   string: the player's attempts in the round (JSON)
 *   {p}room:{code}:round:{n}:results         string: the round's result rows (JSON)
 *   {p}solo:{id}                             string: a verified solo run (JSON)
 *   {p}histogram:{levelId}                   hash: bucket index -> number of verified runs
 */

export const DEFAULT_KEY_PREFIX = 'arena:';

export interface StoreKeys {
  readonly prefix: string;
  roomIndex(): string;
  room(code: string): string;
  /** The fixed keys of a room besides the record itself. */
  roomFixed(code: string): { registry: string; players: string; resume: string; leaderboard: string };
  actions(code: string, round: number, playerId: string): string;
  attempts(code: string, round: number, playerId: string): string;
  results(code: string, round: number): string;
  solo(id: string): string;
  histogram(levelId: string): string;
  /** True when `key` belongs to the room `code` (its record or any key under it). */
  belongsToRoom(key: string, code: string): boolean;
}

export function storeKeys(prefix: string = DEFAULT_KEY_PREFIX): StoreKeys {
  const room = (code: string) => `${prefix}room:${code}`;
  return {
    prefix,
    roomIndex: () => `${prefix}rooms`,
    room,
    roomFixed: (code) => ({
      registry: `${room(code)}:keys`,
      players: `${room(code)}:players`,
      resume: `${room(code)}:resume`,
      leaderboard: `${room(code)}:leaderboard`,
    }),
    actions: (code, round, playerId) => `${room(code)}:round:${round}:actions:${playerId}`,
    attempts: (code, round, playerId) => `${room(code)}:round:${round}:attempts:${playerId}`,
    results: (code, round) => `${room(code)}:round:${round}:results`,
    solo: (id) => `${prefix}solo:${id}`,
    histogram: (levelId) => `${prefix}histogram:${levelId}`,
    belongsToRoom: (key, code) => key === room(code) || key.startsWith(`${room(code)}:`),
  };
}
