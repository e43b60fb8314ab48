/**
 * The four Socket.IO event maps. The server uses
 * `Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>`;
 * the client uses `Socket<ServerToClientEvents, ClientToServerEvents>` (the reverse).
 *
 * Every client event is `(payload, ack)`: the server always answers through the
 * acknowledgement callback. Payload types are the schemas' inferred types; the server
 * still parses each payload, since type hints are no validation.
 */
import type { z } from 'zod';
import type { ProtocolError } from './errors';
import { ClientEvent, ServerEvent } from './events';
import * as S from './schemas';
import type {
  Ack,
  ActionAck,
  ClassReportView,
  CreatedRoomView,
  HistogramView,
  HostRoomView,
  JoinedView,
  KickedView,
  LeaderboardView,
  PeekView,
  PongView,
  ProgressView,
  ReplayView,
  ResumedView,
  RoomStateView,
  RosterView,
  RoundResultsView,
  SnapshotView,
  SoloResultView,
  WatchView,
  YouView,
} from './views';

/** The schema that parses each client event's payload. */
export const ClientPayloadSchemas = {
  [ClientEvent.CreateRoom]: S.CreateRoomPayload,
  [ClientEvent.Attach]: S.AttachHostPayload,
  [ClientEvent.Lock]: S.LockPayload,
  [ClientEvent.Remove]: S.RemovePlayerPayload,
  [ClientEvent.Block]: S.BlockPlayerPayload,
  [ClientEvent.Settings]: S.SettingsPayload,
  [ClientEvent.TimeMultiplier]: S.TimeMultiplierPayload,
  [ClientEvent.Playlist]: S.PlaylistPayload,
  [ClientEvent.StartRound]: S.StartRoundPayload,
  [ClientEvent.PauseRound]: S.PauseRoundPayload,
  [ClientEvent.ResumeRound]: S.ResumeRoundPayload,
  [ClientEvent.ExtendRound]: S.ExtendRoundPayload,
  [ClientEvent.EndRound]: S.EndRoundPayload,
  [ClientEvent.NextRound]: S.NextRoundPayload,
  [ClientEvent.Finish]: S.FinishPayload,
  [ClientEvent.Watch]: S.WatchPayload,
  [ClientEvent.Replay]: S.ReplayPayload,
  [ClientEvent.Results]: S.ResultsPayload,
  [ClientEvent.Peek]: S.PeekPayload,
  [ClientEvent.SuggestName]: S.SuggestNamePayload,
  [ClientEvent.Join]: S.JoinPayload,
  [ClientEvent.Reroll]: S.RerollPayload,
  [ClientEvent.Resume]: S.ResumePayload,
  [ClientEvent.Action]: S.ActionPayload,
  [ClientEvent.Restart]: S.RestartPayload,
  [ClientEvent.Snapshot]: S.SnapshotRequestPayload,
  [ClientEvent.Leave]: S.LeavePayload,
  [ClientEvent.Submit]: S.SoloSubmitPayload,
  [ClientEvent.Histogram]: S.HistogramPayload,
  [ClientEvent.Run]: S.SoloRunPayload,
  [ClientEvent.Ping]: S.PingPayload,
} as const satisfies Record<ClientEvent, z.ZodType>;

/**
 * Hand-written checks for the busiest events, tried before the schema: each gives the
 * payload exactly as its schema would, or undefined to leave it to the schema (which then
 * also explains what is wrong).
 */
export const ClientPayloadFastParsers: {
  [E in ClientEvent]?: (input: unknown) => ClientPayload<E> | undefined;
} = {
  [ClientEvent.Action]: S.parseActionPayloadFast,
};

/** What each client event's acknowledgement carries when it succeeds. */
export interface ClientReplyData {
  [ClientEvent.CreateRoom]: CreatedRoomView;
  [ClientEvent.Attach]: HostRoomView;
  [ClientEvent.Lock]: HostRoomView;
  [ClientEvent.Remove]: RosterView;
  [ClientEvent.Block]: RosterView;
  [ClientEvent.Settings]: HostRoomView;
  [ClientEvent.TimeMultiplier]: RosterView;
  [ClientEvent.Playlist]: HostRoomView;
  [ClientEvent.StartRound]: RoomStateView;
  [ClientEvent.PauseRound]: RoomStateView;
  [ClientEvent.ResumeRound]: RoomStateView;
  [ClientEvent.ExtendRound]: RoomStateView;
  [ClientEvent.EndRound]: RoundResultsView;
  [ClientEvent.NextRound]: RoomStateView;
  [ClientEvent.Finish]: RoundResultsView | null;
  [ClientEvent.Watch]: WatchView | null;
  [ClientEvent.Replay]: ReplayView;
  [ClientEvent.Results]: { results: RoundResultsView; report: ClassReportView };
  [ClientEvent.Peek]: PeekView;
  [ClientEvent.SuggestName]: { nickname: string };
  [ClientEvent.Join]: JoinedView;
  [ClientEvent.Reroll]: YouView;
  [ClientEvent.Resume]: ResumedView;
  [ClientEvent.Action]: ActionAck;
  [ClientEvent.Restart]: SnapshotView;
  [ClientEvent.Snapshot]: SnapshotView;
  [ClientEvent.Leave]: null;
  [ClientEvent.Submit]: SoloResultView;
  [ClientEvent.Histogram]: HistogramView;
  [ClientEvent.Run]: ReplayView;
  [ClientEvent.Ping]: PongView;
}

export type ClientPayload<E extends ClientEvent> = z.infer<(typeof ClientPayloadSchemas)[E]>;
export type ClientReply<E extends ClientEvent> = ClientReplyData[E];

export type ClientToServerEvents = {
  [E in ClientEvent]: (payload: ClientPayload<E>, ack: Ack<ClientReplyData[E]>) => void;
};

export interface ServerToClientEvents {
  [ServerEvent.RoomState]: (state: RoomStateView) => void;
  [ServerEvent.You]: (you: YouView) => void;
  [ServerEvent.Snapshot]: (snapshot: SnapshotView) => void;
  [ServerEvent.Leaderboard]: (board: LeaderboardView) => void;
  [ServerEvent.RoundResults]: (results: RoundResultsView) => void;
  [ServerEvent.Kicked]: (kicked: KickedView) => void;
  [ServerEvent.ServerError]: (error: ProtocolError) => void;
  [ServerEvent.Roster]: (roster: RosterView) => void;
  [ServerEvent.Progress]: (progress: ProgressView) => void;
  [ServerEvent.WatchState]: (watch: WatchView) => void;
  [ServerEvent.ClassReport]: (report: ClassReportView) => void;
}

/** One process for now; the Redis adapter (a later step) adds no server-to-server events either. */
export type InterServerEvents = Record<never, never>;

/** What the server remembers about a connection; set only by the server after a token check. */
export interface SocketData {
  role: 'none' | 'host' | 'player';
  code: string | null;
  playerId: string | null;
  address: string;
}
