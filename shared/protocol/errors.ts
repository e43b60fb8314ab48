/**
 * Error codes a client can switch on. A request that fails is answered with
 * `{ ok: false, error: { code, message } }` and changes nothing.
 */
export const ErrorCode = {
  BadPayload: 'bad-payload',
  ProtocolMismatch: 'protocol-mismatch',
  RateLimited: 'rate-limited',
  RoomNotFound: 'room-not-found',
  RoomLocked: 'room-locked',
  RoomFull: 'room-full',
  LateJoinClosed: 'late-join-closed',
  Forbidden: 'forbidden',
  NotInRoom: 'not-in-room',
  BadToken: 'bad-token',
  Blocked: 'blocked',
  Removed: 'removed',
  NicknameInvalid: 'nickname-invalid',
  NicknameTaken: 'nickname-taken',
  NicknameNotAllowed: 'nickname-not-allowed',
  WrongPhase: 'wrong-phase',
  NoMoreRounds: 'no-more-rounds',
  UnknownLevel: 'unknown-level',
  UnknownPlayer: 'unknown-player',
  UnknownRun: 'unknown-run',
  NoGame: 'no-game',
  NotCrashed: 'not-crashed',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

/** Why an action was acknowledged but not accepted. `rejected` carries the simulator's own reason. */
export const RefusalCode = {
  /** The simulator refused it (malformed or impossible); a rejection penalty may apply. */
  Rejected: 'rejected',
  RateLimited: 'rate-limited',
  /** The round is not running (lobby, paused, over). */
  NotRunning: 'not-running',
  /** This attempt has ended (crashed, complete, out of time); restart after a crash. */
  GameOver: 'game-over',
  /** The sequence number is not above the last one acknowledged. */
  StaleSeq: 'stale-seq',
} as const;
export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

/** Why a player was disconnected from a room. */
export type KickReason = 'removed' | 'blocked' | 'room-closed' | 'left';
