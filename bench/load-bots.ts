/**
 * Bot students for the load bench, at a human pace of `rate` actions a second, timing
 * each action to its ack. Two kinds:
 * - `live` (the default): each bot keeps its own copy of the game (the state after its
 *   last acknowledged action, advanced by the clock), asks the autoplayer for the best
 *   move now (best fit, without the look-ahead), and checks a sample of ack hashes against its copy (desyncs).
 * - `plan`: the autoplayer's perfect run is computed once and each bot sends its next
 *   move once the game has reached that move's tick, frees left out (even a tick late, the
 *   object may be live again: a crash). Near-free for the bench process, which shares the machine with
 *   the server, but the games drift from perfect play.
 * Either way, when there is nothing to do a bot sends a harmless misclick the simulator
 * refuses, so every bot keeps the same pace.
 * Against the echo server the bots do exactly the same work.
 */
import { io, type Socket } from 'socket.io-client';
import { generateRushLevel } from '../shared/level/rush';
import type { Level } from '../shared/level/schema';
import type {
  ActionAck,
  ClientToServerEvents,
  Reply,
  ServerToClientEvents,
  SnapshotView,
} from '../shared/protocol';
import { ClientEvent as E, PROTOCOL_VERSION } from '../shared/protocol';
import { advance, apply, bestAction, bestFitAction, createGame, hash, playLevel } from '../shared/sim';
import type { Action, GameState, TimedAction } from '../shared/sim/types';

export type Transports = ('polling' | 'websocket')[];
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What every bot adds to while the bench is recording. */
export interface Tally {
  recording: boolean;
  latencies: number[];
  timeouts: number;
  errors: number;
  desyncs: number;
  checked: number;
  /** Acks by what was sent (a move or a misclick) and outcome (accepted, or the refusal code). */
  outcomes: Record<string, number>;
  /** Snapshots a bot asked for because its copy of the game had moved past an ack. */
  resyncs: number;
  /** Messages the server sent unprompted (not acks), by who received them: count and JSON characters. */
  pushes: Record<'student' | 'host', { count: number; chars: number }>;
}

export function newTally(): Tally {
  return {
    recording: false,
    latencies: [],
    timeouts: 0,
    errors: 0,
    desyncs: 0,
    checked: 0,
    outcomes: {},
    resyncs: 0,
    pushes: { student: { count: 0, chars: 0 }, host: { count: 0, chars: 0 } },
  };
}

/** Counts what the server sends this connection unprompted, while the tally is recording. */
export function countPushes(socket: ClientSocket, tally: Tally, role: 'student' | 'host'): void {
  socket.onAny((_event: string, payload: unknown) => {
    if (!tally.recording) return;
    const pushes = tally.pushes[role];
    pushes.count++;
    pushes.chars += JSON.stringify(payload ?? null).length;
  });
}

const MISCLICK: Action = { type: 'place', objectId: 'ghost', address: 0 };
const ACK_TIMEOUT_MS = 5_000;
const HASH_CHECK_SHARE = 0.05;
const TICK_HZ = 10;

/** Generating a rush level takes tens of milliseconds: every bot of a run shares one. */
const rushLevels = new Map<number, Level>();
function rushLevel(seed: number): Level {
  let level = rushLevels.get(seed);
  if (!level) {
    level = generateRushLevel(seed);
    rushLevels.set(seed, level);
  }
  return level;
}

/** The autoplayer's perfect run of a rush level, as every bot of a room plays the same game. */
const plans = new Map<string, TimedAction[]>();
function perfectRun(level: Level, seed: number): TimedAction[] {
  const key = `${level.id}/${seed}`;
  let plan = plans.get(key);
  if (!plan) {
    plan = playLevel(level, seed, bestAction).actions;
    plans.set(key, plan);
  }
  return plan;
}

export type BotKind = 'plan' | 'live';

export function connect(
  url: string,
  transports: Transports,
  role: 'student' | 'host' = 'student',
): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    transports,
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
    // Only the echo server reads it (to mirror the game server's messages to hosts).
    query: { role },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

export function request<T>(socket: ClientSocket, event: string, payload: unknown): Promise<T> {
  const timed = socket.timeout(ACK_TIMEOUT_MS * 4) as unknown as {
    emit(event: string, payload: unknown, ack: (error: Error | null, reply: Reply<T>) => void): void;
  };
  return new Promise((resolve, reject) =>
    timed.emit(event, payload, (error, reply) => {
      if (error) reject(error);
      else if (!reply.ok) reject(new Error(`${event}: ${reply.error.code} ${reply.error.message}`));
      else resolve(reply.data);
    }),
  );
}

export class LoadBot {
  /** The bot's copy of its game: stepped to the clock before each move, the acked move applied at the ack's tick. */
  private game: GameState | null = null;
  private startedAt = 0;
  private startedAtTick = 0;
  private seq = 0;
  /** Acks up to this sequence number are already in the last snapshot. */
  private snapshotSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private level: Level | null = null;
  private plan: TimedAction[] = [];
  /** A real move is waiting for its ack. */
  private inFlight = false;
  private next = 0;

  constructor(
    readonly socket: ClientSocket,
    private readonly tally: Tally,
    private readonly rate: number,
    private readonly kind: BotKind,
    private readonly checkHashes: boolean,
  ) {}

  /** Game server: the round's start comes as a room state and a snapshot. */
  listenForRound(): void {
    this.socket.on('room:state', (state) => {
      if (state.phase === 'running') this.startedAt = state.startedAt;
    });
    this.socket.on('game:snapshot', (snapshot) => this.begin(snapshot));
  }

  /** Echo server: nobody starts a round; the bot makes its own game. */
  beginLocal(rushSeed: number, seed: number): void {
    this.level = rushLevel(rushSeed);
    this.game = createGame(this.level, seed);
    if (this.kind === 'plan') this.plan = perfectRun(this.level, seed);
    this.startedAt = Date.now();
    this.schedule(Math.random() * (1000 / this.rate));
  }

  private begin(snapshot: SnapshotView): void {
    if (snapshot.level.kind !== 'rush') return;
    this.level = { ...rushLevel(snapshot.level.rushSeed), timeLimit: snapshot.timeLimit };
    this.game = { ...snapshot.state, level: this.level } as GameState;
    this.startedAtTick = snapshot.startedAtTick;
    this.seq = Math.max(this.seq, snapshot.lastSeq);
    this.snapshotSeq = snapshot.lastSeq;
    this.inFlight = false;
    if (this.kind === 'plan' && this.plan.length === 0) this.plan = perfectRun(this.level, snapshot.seed);
    if (!this.startedAt) this.startedAt = Date.now();
    if (!this.timer) this.schedule(Math.random() * (1000 / this.rate));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.send();
      // ±20 % jitter around the pace, as people are not metronomes.
      this.schedule((1000 / this.rate) * (0.8 + Math.random() * 0.4));
    }, delay);
  }

  private gameTick(): number {
    return Math.floor(((Date.now() - this.startedAt) * TICK_HZ) / 1000) - this.startedAtTick;
  }

  private choose(): { action: Action; tick: number } | null {
    const tick = Math.max(0, this.gameTick());
    if (this.kind === 'plan') {
      const planned = this.plan[this.next];
      if (planned && planned.tick <= tick) {
        this.next++;
        // Even a tick late, a free can hit an object the program made live again — a crash.
        // Plan bots never free: their games leak instead.
        return { action: planned.action.type === 'free' ? MISCLICK : planned.action, tick };
      }
      return { action: MISCLICK, tick };
    }
    if (!this.game) return null;
    // While a move is unanswered the copy stays where it is (the ack will be stamped at or
    // after its tick); a misclick meanwhile changes nothing on either side.
    if (this.inFlight) return { action: MISCLICK, tick };
    this.game = advance(this.game, tick);
    // The autoplayer's perfect play with plain best fit: its look-ahead costs milliseconds.
    const move = bestFitAction(this.game);
    if (move) this.inFlight = true;
    return { action: move ?? MISCLICK, tick: this.game.tick };
  }

  private send(): void {
    if (!this.game) return;
    const chosen = this.choose();
    if (!chosen) return;
    const { action } = chosen;
    const seq = ++this.seq;
    const recorded = this.tally.recording;
    const sentAt = performance.now();
    const timed = this.socket.timeout(ACK_TIMEOUT_MS) as unknown as {
      emit(
        event: string,
        payload: unknown,
        ack: (error: Error | null, reply: Reply<ActionAck>) => void,
      ): void;
    };
    timed.emit(E.Action, { seq, action, tick: chosen.tick }, (error, reply) => {
      if (recorded && this.tally.recording) {
        if (error) this.tally.timeouts++;
        else this.tally.latencies.push(performance.now() - sentAt);
      }
      const move = action !== MISCLICK;
      if (move) this.inFlight = false;
      if (error || !reply.ok) {
        if (!error && recorded) this.tally.errors++;
        if (move && this.kind === 'live' && this.checkHashes) this.resync();
        return;
      }
      if (recorded) {
        // Misclicks are refused by design; a refused move would mean the bot misread its game.
        const outcome = `${move ? 'move' : 'misclick'} ${reply.data.accepted ? 'accepted' : reply.data.code}`;
        this.tally.outcomes[outcome] = (this.tally.outcomes[outcome] ?? 0) + 1;
      }
      if (this.kind === 'live' && move) this.acknowledged(action, reply.data);
    });
  }

  private acknowledged(action: Action, ack: ActionAck): void {
    const game = this.game;
    if (!game || ack.seq <= this.snapshotSeq) return;
    if (!ack.accepted && ack.code !== 'rejected') {
      // Not applied (rate limit, stale, round over): the copy may have moved on meanwhile.
      return;
    }
    if (game.tick > ack.tick) {
      // Moved on before this ack came back (a slow network): take the server's state.
      // (The echo server has no state to give: its bots just go on.)
      if (this.checkHashes) this.resync();
      return;
    }
    this.game = apply(advance(game, ack.tick), action).state;
    if (this.checkHashes && Math.random() < HASH_CHECK_SHARE) {
      this.tally.checked++;
      if (hash(this.game) !== ack.hash) this.tally.desyncs++;
    }
  }

  private resync(): void {
    if (this.tally.recording) this.tally.resyncs++;
    this.game = null;
    request<SnapshotView>(this.socket, E.Snapshot, {}).then(
      (snapshot) => this.begin(snapshot),
      () => undefined,
    );
  }
}

/** A teacher's screen: creates a room with one long rush round, starts it when told. */
export async function createRoom(socket: ClientSocket, rushSeed: number): Promise<string> {
  const created = await request<{ code: string }>(socket, E.CreateRoom, {
    protocol: PROTOCOL_VERSION,
    playlist: [{ kind: 'rush', rushSeed, seconds: 900, seed: 1 }],
  });
  return created.code;
}

export async function joinRoom(socket: ClientSocket, code: string): Promise<void> {
  await request(socket, E.Join, { protocol: PROTOCOL_VERSION, code });
}

export async function startRound(socket: ClientSocket): Promise<void> {
  await request(socket, E.StartRound, {});
}
