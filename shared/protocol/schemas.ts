/**
 * One zod schema per client-to-server payload. The server parses every payload with
 * these before it touches any state; the types are derived from the schemas so the two
 * can never drift apart. Every object is strict: an unknown field is a bad payload.
 */
import { z } from 'zod';
import { ActionSchema, isWhole, parseAction } from '../sim/parse-action';
import {
  EXTEND_SECONDS_MAX,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  NICKNAME_MAX_LENGTH,
  PLAYLIST_MAX_ROUNDS,
  ROUND_SECONDS_MAX,
  ROUND_SECONDS_MIN,
  SOLO_MAX_ACTIONS,
} from './limits';

/** Join codes are case-insensitive on input; the server always speaks upper case. */
export const JoinCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(
    z
      .string()
      .length(JOIN_CODE_LENGTH)
      .regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]+$`), 'not a join code'),
  );

/** 128-bit tokens, base64url without padding (22 characters). */
export const Token = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not a token');

export const PlayerId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'not a player id');
export const LevelId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, 'not a level id');
const Seed = z.number().int().min(0).max(0xffff_ffff);
const SEQ_MAX = Number.MAX_SAFE_INTEGER;
const TICK_MAX = 1_000_000;
const Seq = z.number().int().min(1).max(SEQ_MAX);
const Tick = z.number().int().min(0).max(TICK_MAX);
const ProtocolVersion = z.number().int().min(0);
/** Raw text; the server trims, checks and may refuse it. Long inputs are refused here already. */
const NicknameInput = z.string().max(NICKNAME_MAX_LENGTH * 4);

export const LeaderboardVisibility = z.enum(['always', 'between-rounds', 'end']);
export const TimeMultiplier = z.union([z.literal(1), z.literal(1.5), z.literal(2), z.literal('untimed')]);

export const RoomSettings = z.strictObject({
  /** Off: the speed component is left out of every score in the room. */
  speedBonus: z.boolean(),
  leaderboard: LeaderboardVisibility,
  lateJoin: z.boolean(),
  freeTextNicknames: z.boolean(),
});
export type RoomSettingsInput = z.infer<typeof RoomSettings>;

/** A round of the playlist; the server picks the seeds that are left out. */
export const RoundSpecInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('level'),
    levelId: LevelId,
    seconds: z.number().int().min(ROUND_SECONDS_MIN).max(ROUND_SECONDS_MAX),
    seed: Seed.optional(),
  }),
  z.strictObject({
    kind: z.literal('rush'),
    rushSeed: Seed.optional(),
    seconds: z.number().int().min(ROUND_SECONDS_MIN).max(ROUND_SECONDS_MAX),
    seed: Seed.optional(),
  }),
]);
export type RoundSpecInput = z.infer<typeof RoundSpecInput>;

/** A player action: the simulator's own schema (it checks the rules itself when applying). */
export { ActionSchema };
export type ActionInput = z.infer<typeof ActionSchema>;

export const TimedActionSchema = z.strictObject({ tick: Tick, action: ActionSchema });

const Empty = z.strictObject({});

// ---------------------------------------------------------------- host

export const CreateRoomPayload = z.strictObject({
  protocol: ProtocolVersion,
  settings: RoomSettings.partial().optional(),
  playlist: z.array(RoundSpecInput).max(PLAYLIST_MAX_ROUNDS).optional(),
});
export const AttachHostPayload = z.strictObject({
  protocol: ProtocolVersion,
  code: JoinCode,
  hostToken: Token,
});
export const LockPayload = z.strictObject({ locked: z.boolean() });
export const RemovePlayerPayload = z.strictObject({ playerId: PlayerId });
export const BlockPlayerPayload = z.strictObject({ playerId: PlayerId });
export const SettingsPayload = RoomSettings.partial();
export const TimeMultiplierPayload = z.strictObject({ playerId: PlayerId, multiplier: TimeMultiplier });
export const PlaylistPayload = z.strictObject({ rounds: z.array(RoundSpecInput).max(PLAYLIST_MAX_ROUNDS) });
export const StartRoundPayload = Empty;
export const PauseRoundPayload = Empty;
export const ResumeRoundPayload = Empty;
export const ExtendRoundPayload = z.strictObject({
  seconds: z.number().int().min(1).max(EXTEND_SECONDS_MAX),
});
export const EndRoundPayload = Empty;
export const NextRoundPayload = Empty;
export const FinishPayload = Empty;
/** `null` stops watching. */
export const WatchPayload = z.strictObject({ playerId: PlayerId.nullable() });
/** Replay of a student's best run of a round (the current one when `round` is absent), anonymised. */
export const ReplayPayload = z.strictObject({
  playerId: PlayerId,
  round: z.number().int().min(0).max(PLAYLIST_MAX_ROUNDS).optional(),
});
export const ResultsPayload = z.strictObject({
  round: z.number().int().min(0).max(PLAYLIST_MAX_ROUNDS).optional(),
});

// ---------------------------------------------------------------- student

export const PeekPayload = z.strictObject({ protocol: ProtocolVersion, code: JoinCode });
export const SuggestNamePayload = z.strictObject({ code: JoinCode });
/** Without a nickname the server generates one; a generated name from `player:suggest-name` is always allowed. */
export const JoinPayload = z.strictObject({
  protocol: ProtocolVersion,
  code: JoinCode,
  nickname: NicknameInput.optional(),
});
export const RerollPayload = Empty;
/** `lastSeq`: the last sequence number the client saw acknowledged (0 when none). */
export const ResumePayload = z.strictObject({
  protocol: ProtocolVersion,
  code: JoinCode,
  resumeToken: Token,
  lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
/**
 * `seq` rises by one per action within a round. `tick` is the client's predicted tick,
 * a hint only: the server stamps the action with its own tick, and sends a snapshot
 * when the two are far apart.
 */
export const ActionPayload = z.strictObject({ seq: Seq, action: ActionSchema, tick: Tick.optional() });

/**
 * `ActionPayload` checked by hand, for the message every student sends several times a
 * second: zod's parse allocates a few kilobytes per message, and on a busy server that
 * garbage is what the collector pauses for. Gives what zod would give for a plain valid
 * payload, and undefined for anything else (zod then parses it and says what is wrong).
 * A property test keeps the two in agreement.
 */
export function parseActionPayloadFast(input: unknown): ActionPayload | undefined {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype)
    return undefined;
  const fields = input as Record<string, unknown>;
  let count = 0;
  for (const key in fields) {
    if (key !== 'seq' && key !== 'action' && key !== 'tick') return undefined;
    count++;
  }
  const { seq, tick } = fields;
  if (!isWhole(seq, 1, SEQ_MAX)) return undefined;
  const action = parseAction(fields.action);
  if (!action.ok) return undefined;
  // A `tick` key holding undefined is left to zod.
  if (tick === undefined) return count === 2 ? { seq, action: action.action } : undefined;
  return isWhole(tick, 0, TICK_MAX) ? { seq, action: action.action, tick } : undefined;
}

export const RestartPayload = Empty;
export const SnapshotRequestPayload = Empty;
export const LeavePayload = Empty;
export const PingPayload = Empty;

// ---------------------------------------------------------------- solo

/** A recorded solo run. Any score the client computed is ignored: the server re-simulates. */
export const SoloSubmitPayload = z.strictObject({
  levelId: LevelId,
  seed: Seed,
  actions: z.array(TimedActionSchema).max(SOLO_MAX_ACTIONS),
  nickname: NicknameInput.optional(),
  /** Accepted so that old clients are not refused, and never used. */
  claimedScore: z.number().optional(),
});
export const HistogramPayload = z.strictObject({ levelId: LevelId });
export const SoloRunPayload = z.strictObject({
  runId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'not a run id'),
});

export type CreateRoomPayload = z.infer<typeof CreateRoomPayload>;
export type AttachHostPayload = z.infer<typeof AttachHostPayload>;
export type LockPayload = z.infer<typeof LockPayload>;
export type RemovePlayerPayload = z.infer<typeof RemovePlayerPayload>;
export type BlockPlayerPayload = z.infer<typeof BlockPlayerPayload>;
export type SettingsPayload = z.infer<typeof SettingsPayload>;
export type TimeMultiplierPayload = z.infer<typeof TimeMultiplierPayload>;
export type PlaylistPayload = z.infer<typeof PlaylistPayload>;
export type ExtendRoundPayload = z.infer<typeof ExtendRoundPayload>;
export type WatchPayload = z.infer<typeof WatchPayload>;
export type ReplayPayload = z.infer<typeof ReplayPayload>;
export type ResultsPayload = z.infer<typeof ResultsPayload>;
export type PeekPayload = z.infer<typeof PeekPayload>;
export type SuggestNamePayload = z.infer<typeof SuggestNamePayload>;
export type JoinPayload = z.infer<typeof JoinPayload>;
export type ResumePayload = z.infer<typeof ResumePayload>;
export type ActionPayload = z.infer<typeof ActionPayload>;
export type SoloSubmitPayload = z.infer<typeof SoloSubmitPayload>;
export type HistogramPayload = z.infer<typeof HistogramPayload>;
export type SoloRunPayload = z.infer<typeof SoloRunPayload>;
export type EmptyPayload = z.infer<typeof Empty>;
