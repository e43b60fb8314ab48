/**
 * The in-memory store: the default when no REDIS_URL is set (one teacher, one laptop).
 * It keeps the same keys as the Redis store and honours the same expiry, checked lazily on
 * read with an injectable clock, plus an occasional sweep so that a server running for
 * weeks does not keep expired rooms. Everything is deep-copied on the way in and out.
 */
import { buildHistogram, DEFAULT_HISTOGRAM_BUCKET_SIZE, histogramBucket } from './histogram';
import { type StoreKeys, storeKeys } from './keys';
import { compareLeaderboardEntries, comparePlayers } from './ordering';
import type {
  AttemptRecord,
  Histogram,
  LoggedAction,
  PlayerRecord,
  RoomRecord,
  RoomStore,
  RoundResultRow,
  SoloRunRecord,
} from './types';

export interface MemoryStoreOptions {
  ttlSeconds: number;
  keyPrefix?: string;
  histogramBucketSize?: number;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number;
}

/** How often (at most) a write also drops every expired key. */
const SWEEP_INTERVAL_MS = 60_000;

interface Entry {
  value: unknown;
  expiresAt: number;
}

export class MemoryRoomStore implements RoomStore {
  readonly kind = 'memory' as const;
  readonly writesAtOnce = true;
  private readonly entries = new Map<string, Entry>();
  private readonly keys: StoreKeys;
  private readonly ttlMs: number;
  private readonly bucketSize: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(options: MemoryStoreOptions) {
    if (!(options.ttlSeconds > 0)) throw new Error('ttlSeconds must be positive');
    this.keys = storeKeys(options.keyPrefix);
    this.ttlMs = options.ttlSeconds * 1000;
    this.bucketSize = options.histogramBucketSize ?? DEFAULT_HISTOGRAM_BUCKET_SIZE;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  async createRoom(room: RoomRecord): Promise<boolean> {
    const key = this.keys.room(room.code);
    if (this.live(key) !== undefined) return false;
    this.dropRoomKeys(room.code);
    this.put(key, clone(room));
    return true;
  }

  async getRoom(code: string): Promise<RoomRecord | null> {
    return cloneOrNull(this.live<RoomRecord>(this.keys.room(code)));
  }

  async saveRoom(room: RoomRecord): Promise<void> {
    this.put(this.keys.room(room.code), clone(room));
    this.touchRoom(room.code);
  }

  async listRoomCodes(): Promise<string[]> {
    const codes: string[] = [];
    const roomPrefix = this.keys.room('');
    for (const key of [...this.entries.keys()]) {
      if (!key.startsWith(roomPrefix)) continue;
      const code = key.slice(roomPrefix.length);
      if (code.includes(':')) continue;
      if (this.live(key) !== undefined) codes.push(code);
    }
    return codes.sort();
  }

  async deleteRoom(code: string): Promise<void> {
    this.dropRoomKeys(code);
  }

  async savePlayer(code: string, player: PlayerRecord): Promise<void> {
    const { players: playersKey, resume: resumeKey } = this.keys.roomFixed(code);
    const players = this.live<Record<string, PlayerRecord>>(playersKey) ?? {};
    const resume = this.live<Record<string, string>>(resumeKey) ?? {};
    const previous = players[player.id];
    if (previous && previous.resumeTokenHash !== player.resumeTokenHash) {
      delete resume[previous.resumeTokenHash];
    }
    players[player.id] = clone(player);
    resume[player.resumeTokenHash] = player.id;
    this.put(playersKey, players);
    this.put(resumeKey, resume);
  }

  async getPlayers(code: string): Promise<PlayerRecord[]> {
    const players = this.live<Record<string, PlayerRecord>>(this.keys.roomFixed(code).players) ?? {};
    return clone(Object.values(players)).sort(comparePlayers);
  }

  async findPlayerByResumeHash(code: string, resumeTokenHash: string): Promise<PlayerRecord | null> {
    const fixed = this.keys.roomFixed(code);
    const playerId = this.live<Record<string, string>>(fixed.resume)?.[resumeTokenHash];
    if (playerId === undefined) return null;
    const player = this.live<Record<string, PlayerRecord>>(fixed.players)?.[playerId];
    return player && player.resumeTokenHash === resumeTokenHash ? clone(player) : null;
  }

  async appendActions(code: string, round: number, playerId: string, entries: LoggedAction[]): Promise<void> {
    if (entries.length === 0) return;
    const key = this.keys.actions(code, round, playerId);
    const log = this.live<LoggedAction[]>(key) ?? [];
    for (const entry of entries) log.push(copyLogged(entry));
    this.put(key, log);
  }

  async getActions(code: string, round: number, playerId: string): Promise<LoggedAction[]> {
    return clone(this.live<LoggedAction[]>(this.keys.actions(code, round, playerId)) ?? []);
  }

  async saveAttempts(
    code: string,
    round: number,
    playerId: string,
    attempts: AttemptRecord[],
  ): Promise<void> {
    this.put(this.keys.attempts(code, round, playerId), clone(attempts));
  }

  async getAttempts(code: string, round: number, playerId: string): Promise<AttemptRecord[]> {
    return clone(this.live<AttemptRecord[]>(this.keys.attempts(code, round, playerId)) ?? []);
  }

  async saveRoundResults(code: string, round: number, rows: RoundResultRow[]): Promise<void> {
    this.put(this.keys.results(code, round), clone(rows));
  }

  async getRoundResults(code: string, round: number): Promise<RoundResultRow[]> {
    return clone(this.live<RoundResultRow[]>(this.keys.results(code, round)) ?? []);
  }

  async addToLeaderboard(code: string, playerId: string, points: number): Promise<void> {
    const key = this.keys.roomFixed(code).leaderboard;
    const board = this.live<Record<string, number>>(key) ?? {};
    board[playerId] = (board[playerId] ?? 0) + points;
    this.put(key, board);
  }

  async getLeaderboard(code: string, limit: number): Promise<{ playerId: string; score: number }[]> {
    if (!(limit > 0)) return [];
    const board = this.live<Record<string, number>>(this.keys.roomFixed(code).leaderboard) ?? {};
    return Object.entries(board)
      .map(([playerId, score]) => ({ playerId, score }))
      .sort(compareLeaderboardEntries)
      .slice(0, limit);
  }

  async saveSoloRun(run: SoloRunRecord): Promise<void> {
    this.put(this.keys.solo(run.id), clone(run));
  }

  async getSoloRun(id: string): Promise<SoloRunRecord | null> {
    return cloneOrNull(this.live<SoloRunRecord>(this.keys.solo(id)));
  }

  async recordSoloScore(levelId: string, score: number): Promise<Histogram> {
    const key = this.keys.histogram(levelId);
    const counts = this.live<Record<string, number>>(key) ?? {};
    const bucket = String(histogramBucket(score, this.bucketSize));
    counts[bucket] = (counts[bucket] ?? 0) + 1;
    this.put(key, counts);
    return buildHistogram(levelId, this.bucketSize, counts);
  }

  async getHistogram(levelId: string): Promise<Histogram> {
    return buildHistogram(
      levelId,
      this.bucketSize,
      this.live<Record<string, number>>(this.keys.histogram(levelId)) ?? {},
    );
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  /** Every live key with its remaining lifetime in ms, for tests that look inside. */
  inspectKeys(): { key: string; ttlMs: number }[] {
    const now = this.now();
    return [...this.entries]
      .filter(([, entry]) => entry.expiresAt > now)
      .map(([key, entry]) => ({ key, ttlMs: entry.expiresAt - now }));
  }

  /** How many keys are held in memory, expired or not (expired ones go on the next sweep). */
  heldKeyCount(): number {
    return this.entries.size;
  }

  /** The stored value (not a copy) when the key exists and has not expired. */
  private live<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  }

  private put(key: string, value: unknown): void {
    const now = this.now();
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    if (now - this.lastSweep >= SWEEP_INTERVAL_MS) this.sweep(now);
  }

  /** Writing the room record keeps all of the room's data alive as long as the room. */
  private touchRoom(code: string): void {
    const expiresAt = this.now() + this.ttlMs;
    for (const [key, entry] of this.entries) {
      if (this.keys.belongsToRoom(key, code) && entry.expiresAt > this.now()) entry.expiresAt = expiresAt;
    }
  }

  private dropRoomKeys(code: string): void {
    for (const key of [...this.entries.keys()]) {
      if (this.keys.belongsToRoom(key, code)) this.entries.delete(key);
    }
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, entry] of [...this.entries]) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}

/**
 * A logged action copied field by field: this is the store's one write per acknowledged
 * action, where `structuredClone` costs more than applying the action does.
 */
function copyLogged(logged: LoggedAction): LoggedAction {
  const { action, tick } = logged.entry;
  const copy = action.type === 'free' ? { ...action, objectIds: [...action.objectIds] } : { ...action };
  return { seq: logged.seq, attempt: logged.attempt, entry: { tick, action: copy } };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function cloneOrNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : clone(value);
}
