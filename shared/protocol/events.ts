/**
 * Every Socket.IO event name, in one place. Client-to-server events are requests: each
 * carries a payload and an acknowledgement callback, and every one is answered through
 * that callback with a `Reply` (never with a separate reply event). Server-to-client
 * events are pushes.
 */

export const HostEvent = {
  CreateRoom: 'room:create',
  /** Re-attach a host (projector reload, reconnect) with the join code and host token. */
  Attach: 'host:attach',
  Lock: 'host:lock',
  Remove: 'host:remove',
  /** Remove and block: the player's resume token stops working. */
  Block: 'host:block',
  Settings: 'host:settings',
  TimeMultiplier: 'host:time-multiplier',
  Playlist: 'host:playlist',
  StartRound: 'round:start',
  PauseRound: 'round:pause',
  ResumeRound: 'round:resume',
  ExtendRound: 'round:extend',
  EndRound: 'round:end',
  NextRound: 'round:next',
  /** Close the session after the last round: final standings, nobody can act any more. */
  Finish: 'room:finish',
  Watch: 'host:watch',
  Replay: 'host:replay',
  Results: 'host:results',
} as const;
export type HostEvent = (typeof HostEvent)[keyof typeof HostEvent];

export const StudentEvent = {
  /** What a join form needs before joining: whether free-text nicknames are allowed, a generated name. */
  Peek: 'room:peek',
  /** A fresh generated two-word nickname (a re-roll), before or after joining. */
  SuggestName: 'player:suggest-name',
  Join: 'player:join',
  /** Take a new generated nickname once joined (lobby only). */
  Reroll: 'player:reroll',
  Resume: 'player:resume',
  Action: 'game:action',
  Restart: 'game:restart',
  Snapshot: 'game:snapshot',
  Leave: 'player:leave',
} as const;
export type StudentEvent = (typeof StudentEvent)[keyof typeof StudentEvent];

/** Solo play needs no room. */
export const SoloEvent = {
  Submit: 'solo:submit',
  Histogram: 'solo:histogram',
  /** A verified solo run, by the id `solo:submit` answered with, to watch it again. */
  Run: 'solo:run',
} as const;
export type SoloEvent = (typeof SoloEvent)[keyof typeof SoloEvent];

/** Any connection, in any role. */
export const ConnectionEvent = {
  /** A cheap round trip (answered with the server's clock) so an idle client still knows its latency. */
  Ping: 'net:ping',
} as const;
export type ConnectionEvent = (typeof ConnectionEvent)[keyof typeof ConnectionEvent];

export const ClientEvent = { ...HostEvent, ...StudentEvent, ...SoloEvent, ...ConnectionEvent } as const;
export type ClientEvent = HostEvent | StudentEvent | SoloEvent | ConnectionEvent;

export const ServerEvent = {
  /** Phase, round and clock of the room; sent to everyone in the room whenever it changes. */
  RoomState: 'room:state',
  /** The player's own seat (nickname, time multiplier); sent on join and whenever it changes. */
  You: 'player:you',
  /** The authoritative state of the player's game: at round start, on restart, on request, when out of step. */
  Snapshot: 'game:snapshot',
  Leaderboard: 'leaderboard',
  RoundResults: 'round:results',
  Kicked: 'kicked',
  ServerError: 'server:error',
  /** Host only. */
  Roster: 'host:roster',
  Progress: 'host:progress',
  WatchState: 'host:watch-state',
  ClassReport: 'host:class-report',
} as const;
export type ServerEvent = (typeof ServerEvent)[keyof typeof ServerEvent];
