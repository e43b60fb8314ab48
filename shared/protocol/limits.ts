/**
 * Numbers both sides must agree on. The server enforces them; the client uses them to
 * validate forms before sending and to pace itself.
 */

/** Join codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V). 29^6 ≈ 6·10^8 codes. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

export const NICKNAME_MIN_LENGTH = 1;
export const NICKNAME_MAX_LENGTH = 20;

/** Actions a student may send per second before they are refused (not fatal). */
export const ACTION_RATE_PER_SECOND = 20;
/** Default simulation rate: 10 ticks = 1 second. The server may be configured otherwise and says so in the round state. */
export const DEFAULT_TICK_HZ = 10;
/** Largest Socket.IO message the server accepts (bytes). */
export const MAX_MESSAGE_BYTES = 32 * 1024;

export const ROUND_SECONDS_MIN = 10;
export const ROUND_SECONDS_MAX = 3600;
export const EXTEND_SECONDS_MAX = 1800;
export const PLAYLIST_MAX_ROUNDS = 30;
/** Actions in one solo run submission. */
export const SOLO_MAX_ACTIONS = 2000;
/** Players in one room. */
export const ROOM_MAX_PLAYERS = 200;
/**
 * A client is sent a snapshot when its predicted tick (sent with each action) is ahead of
 * the server's by more than this — its clock is wrong, since an action cannot arrive
 * before it was sent — or behind by more than `OUT_OF_STEP_LAG_TICKS`: a slow network
 * alone should not bring a stream of snapshots.
 */
export const OUT_OF_STEP_TICKS = 10;
export const OUT_OF_STEP_LAG_TICKS = 30;
