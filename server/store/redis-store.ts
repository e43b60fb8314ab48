/**
 * The Redis store (node-redis), used when REDIS_URL is set: it survives a server restart, so
 * a killed server can rebuild every room and game from here. The key layout is in `keys.ts`.
 * Each write sets its key's expiry in the same MULTI, so no key ever exists without one.
 */
import { createClient } from 'redis';
import { buildHistogram, DEFAULT_HISTOGRAM_BUCKET_SIZE, histogramBucket } from './histogram';
import { type StoreKeys, storeKeys } from './keys';
import { comparePlayers } from './ordering';
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

export interface RedisStoreOptions {
  url: string;
  ttlSeconds: number;
  keyPrefix?: string;
  histogramBucketSize?: number;
  /** How long `ping` waits before reporting the store down. */
  pingTimeoutMs?: number;
  /** Connection errors (node-redis reconnects by itself); without a listener they would crash the process. */
  onError?: (error: Error) => void;
}

function connectClient(url: string) {
  return createClient({ url });
}
export type RedisClient = ReturnType<typeof connectClient>;

const DEFAULT_PING_TIMEOUT_MS = 1000;
const CLOSE_TIMEOUT_MS = 2000;

export async function createRedisStore(options: RedisStoreOptions): Promise<RedisRoomStore> {
  const client = connectClient(options.url);
  client.on('error', (error: Error) => options.onError?.(error));
  await client.connect();
  return new RedisRoomStore(client, options);
}

export class RedisRoomStore implements RoomStore {
  readonly kind = 'redis' as const;
  readonly writesAtOnce = false;
  private readonly keys: StoreKeys;
  private readonly ttl: number;
  private readonly bucketSize: number;
  private readonly pingTimeoutMs: number;

  constructor(
    private readonly client: RedisClient,
    options: Omit<RedisStoreOptions, 'url' | 'onError'>,
  ) {
    if (!(options.ttlSeconds > 0)) throw new Error('ttlSeconds must be positive');
    this.keys = storeKeys(options.keyPrefix);
    this.ttl = Math.ceil(options.ttlSeconds);
    this.bucketSize = options.histogramBucketSize ?? DEFAULT_HISTOGRAM_BUCKET_SIZE;
    this.pingTimeoutMs = options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
  }

  async createRoom(room: RoomRecord): Promise<boolean> {
    const key = this.keys.room(room.code);
    const set = await this.client.set(key, JSON.stringify(room), {
      expiration: { type: 'EX', value: this.ttl },
      condition: 'NX',
    });
    if (set === null) return false;
    // The code may have belonged to a room whose record expired before its other keys.
    const leftovers = await this.childKeys(room.code);
    await this.client
      .multi()
      .del(leftovers)
      .zAdd(this.keys.roomIndex(), { score: this.expiryMs(), value: room.code })
      .expire(this.keys.roomIndex(), this.ttl)
      .exec();
    return true;
  }

  async getRoom(code: string): Promise<RoomRecord | null> {
    return parseOrNull<RoomRecord>(await this.client.get(this.keys.room(code)));
  }

  async saveRoom(room: RoomRecord): Promise<void> {
    const children = await this.childKeys(room.code);
    const multi = this.client
      .multi()
      .set(this.keys.room(room.code), JSON.stringify(room), { expiration: { type: 'EX', value: this.ttl } })
      .zAdd(this.keys.roomIndex(), { score: this.expiryMs(), value: room.code })
      .expire(this.keys.roomIndex(), this.ttl);
    for (const key of children) multi.expire(key, this.ttl);
    await multi.exec();
  }

  async listRoomCodes(): Promise<string[]> {
    const index = this.keys.roomIndex();
    await this.client.zRemRangeByScore(index, '-inf', Date.now());
    const codes = await this.client.zRange(index, 0, -1);
    if (codes.length === 0) return [];
    // A deleted or expired room may still be listed until its index entry runs out.
    const exists = await Promise.all(codes.map((code) => this.client.exists(this.keys.room(code))));
    return codes.filter((_, i) => exists[i] === 1).sort();
  }

  async deleteRoom(code: string): Promise<void> {
    const keys = [this.keys.room(code), ...(await this.childKeys(code))];
    await this.client.multi().del(keys).zRem(this.keys.roomIndex(), code).exec();
  }

  async savePlayer(code: string, player: PlayerRecord): Promise<void> {
    const { players, resume } = this.keys.roomFixed(code);
    const previous = parseOrNull<PlayerRecord>(await this.client.hGet(players, player.id));
    const multi = this.client.multi().hSet(players, player.id, JSON.stringify(player));
    if (previous && previous.resumeTokenHash !== player.resumeTokenHash) {
      multi.hDel(resume, previous.resumeTokenHash);
    }
    await multi
      .hSet(resume, player.resumeTokenHash, player.id)
      .expire(players, this.ttl)
      .expire(resume, this.ttl)
      .exec();
  }

  async getPlayers(code: string): Promise<PlayerRecord[]> {
    const values = await this.client.hVals(this.keys.roomFixed(code).players);
    return values.map((value) => JSON.parse(value) as PlayerRecord).sort(comparePlayers);
  }

  async findPlayerByResumeHash(code: string, resumeTokenHash: string): Promise<PlayerRecord | null> {
    const { players, resume } = this.keys.roomFixed(code);
    const playerId = await this.client.hGet(resume, resumeTokenHash);
    if (playerId === null) return null;
    const player = parseOrNull<PlayerRecord>(await this.client.hGet(players, playerId));
    return player && player.resumeTokenHash === resumeTokenHash ? player : null;
  }

  async appendActions(code: string, round: number, playerId: string, entries: LoggedAction[]): Promise<void> {
    if (entries.length === 0) return;
    const key = this.keys.actions(code, round, playerId);
    // One RPUSH with every entry: a batch lands whole and in order, never interleaved.
    await this.registered(code, key)
      .rPush(
        key,
        entries.map((entry) => JSON.stringify(entry)),
      )
      .expire(key, this.ttl)
      .exec();
  }

  async getActions(code: string, round: number, playerId: string): Promise<LoggedAction[]> {
    const values = await this.client.lRange(this.keys.actions(code, round, playerId), 0, -1);
    return values.map((value) => JSON.parse(value) as LoggedAction);
  }

  async saveAttempts(
    code: string,
    round: number,
    playerId: string,
    attempts: AttemptRecord[],
  ): Promise<void> {
    const key = this.keys.attempts(code, round, playerId);
    await this.registered(code, key)
      .set(key, JSON.stringify(attempts), { expiration: { type: 'EX', value: this.ttl } })
      .exec();
  }

  async getAttempts(code: string, round: number, playerId: string): Promise<AttemptRecord[]> {
    return (
      parseOrNull<AttemptRecord[]>(await this.client.get(this.keys.attempts(code, round, playerId))) ?? []
    );
  }

  async saveRoundResults(code: string, round: number, rows: RoundResultRow[]): Promise<void> {
    const key = this.keys.results(code, round);
    await this.registered(code, key)
      .set(key, JSON.stringify(rows), { expiration: { type: 'EX', value: this.ttl } })
      .exec();
  }

  async getRoundResults(code: string, round: number): Promise<RoundResultRow[]> {
    return parseOrNull<RoundResultRow[]>(await this.client.get(this.keys.results(code, round))) ?? [];
  }

  async addToLeaderboard(code: string, playerId: string, points: number): Promise<void> {
    const key = this.keys.roomFixed(code).leaderboard;
    await this.client.multi().zIncrBy(key, points, playerId).expire(key, this.ttl).exec();
  }

  async getLeaderboard(code: string, limit: number): Promise<{ playerId: string; score: number }[]> {
    if (!(limit > 0)) return [];
    const key = this.keys.roomFixed(code).leaderboard;
    const rows = await this.client.zRangeWithScores(key, 0, Math.floor(limit) - 1, { REV: true });
    return rows.map(({ value, score }) => ({ playerId: value, score }));
  }

  async saveSoloRun(run: SoloRunRecord): Promise<void> {
    await this.client.set(this.keys.solo(run.id), JSON.stringify(run), {
      expiration: { type: 'EX', value: this.ttl },
    });
  }

  async getSoloRun(id: string): Promise<SoloRunRecord | null> {
    return parseOrNull<SoloRunRecord>(await this.client.get(this.keys.solo(id)));
  }

  async recordSoloScore(levelId: string, score: number): Promise<Histogram> {
    const key = this.keys.histogram(levelId);
    const bucket = String(histogramBucket(score, this.bucketSize));
    const replies = await this.client
      .multi()
      .hIncrBy(key, bucket, 1)
      .expire(key, this.ttl)
      .hGetAll(key)
      .execTyped();
    return buildHistogram(levelId, this.bucketSize, replies[2]);
  }

  async getHistogram(levelId: string): Promise<Histogram> {
    return buildHistogram(levelId, this.bucketSize, await this.client.hGetAll(this.keys.histogram(levelId)));
  }

  async ping(): Promise<boolean> {
    if (!this.client.isReady) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.pingTimeoutMs);
    });
    try {
      const pong = this.client.ping().then(
        (reply) => reply === 'PONG',
        () => false,
      );
      return await Promise.race([pong, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Waits for commands in flight, but not forever: with Redis gone, queued commands never
   * finish and a graceful close would hang, so after a moment the connection is dropped.
   */
  async close(): Promise<void> {
    if (!this.client.isOpen) return;
    if (!this.client.isReady) {
      this.client.destroy();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (this.client.isOpen) this.client.destroy();
        resolve();
      }, CLOSE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.client.close(), giveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A MULTI that also records `key` in the room's registry, so deleteRoom and saveRoom find it. */
  private registered(code: string, key: string) {
    const registry = this.keys.roomFixed(code).registry;
    return this.client.multi().sAdd(registry, key).expire(registry, this.ttl);
  }

  /** Every key of the room except the record itself. */
  private async childKeys(code: string): Promise<string[]> {
    const fixed = this.keys.roomFixed(code);
    const registered = await this.client.sMembers(fixed.registry);
    return [fixed.registry, fixed.players, fixed.resume, fixed.leaderboard, ...registered];
  }

  private expiryMs(): number {
    return Date.now() + this.ttl * 1000;
  }
}

function parseOrNull<T>(value: string | null): T | null {
  return value === null ? null : (JSON.parse(value) as T);
}
