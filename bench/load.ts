/**
 * Load bench: N bot students against the game server, and the same N against a bare
 * Socket.IO echo server sending the same messages (the acks, and the unprompted messages
 * measured at the game server's clients in its last trial), on default transports and
 * websocket-only. Each trial starts fresh server processes; this process drives the bots.
 * Results and method: bench/load-results.md.
 *
 *   node --import tsx bench/load.ts                 # 1,000 students + capacity search
 *   node --import tsx bench/load.ts --students 500 --no-search --transports websocket
 *
 * Options: --students N (1000) --room-size N (40) --rate R actions/s (3) --warmup S (4)
 * --duration S (15) --transports default,websocket --no-search --max N (3000: the capacity
 *   search's largest size) --target-p99 MS (50)
 * --only game|echo (one side only, no comparison)
 * --repeat K (1): run every trial K times, game and echo alternating; each side's median try is kept
 *   (and each try's ratio printed): on a machine shared with other work, a stall elsewhere then spoils one run, not the figure
 * --plan-bots (bots replay one precomputed autoplayer run instead of each running the game: cheaper)
 * BENCH_REDIS_URL=redis://… runs the game server on Redis; BENCH_CPU_PROF=dir profiles it;
 * BENCH_SERVER_NODE_ARGS passes flags to both servers' node; BENCH_VERBOSE=1 prints its stats lines.
 * --help prints this.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { benchArgs } from './cli';
import {
  connect,
  countPushes,
  createRoom,
  joinRoom,
  LoadBot,
  newTally,
  startRound,
  type Transports,
} from './load-bots';
import type { PushPlan } from './load-echo-server';
import { type LatencySummary, type ProcessUsage, sampleProcess, summarise, usageBetween } from './load-stats';

const args = benchArgs(
  {
    students: { type: 'string', default: '1000' },
    'room-size': { type: 'string', default: '40' },
    rate: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '4' },
    duration: { type: 'string', default: '15' },
    transports: { type: 'string', default: 'default,websocket' },
    'no-search': { type: 'boolean', default: false },
    max: { type: 'string', default: '3000' },
    'target-p99': { type: 'string', default: '50' },
    only: { type: 'string', default: '' },
    'plan-bots': { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
  },
  import.meta.url,
);
const STUDENTS = Number(args.students);
const ROOM_SIZE = Number(args['room-size']);
const RATE = Number(args.rate);
const WARMUP_MS = Number(args.warmup) * 1000;
const DURATION_MS = Number(args.duration) * 1000;
const TARGET_P99 = Number(args['target-p99']);
const MAX_N = Number(args.max);
const RUSH_SEED = 20_260_101;
const CONNECT_BATCH = 50;
/** How often both servers report their event loop and collector (the bench reads the lines inside its window). */
const STATS_INTERVAL_MS = 5000;

type Kind = 'game' | 'echo';
const TRANSPORTS: Record<string, Transports> = {
  default: ['polling', 'websocket'],
  websocket: ['websocket'],
};

interface TrialResult {
  kind: Kind;
  transport: string;
  students: number;
  latency: LatencySummary;
  timeouts: number;
  errors: number;
  desyncs: number;
  checked: number;
  resyncs: number;
  outcomes: Record<string, number>;
  usage: ProcessUsage;
  /** CPU of this process (the bots), which shares the machine with the server. */
  driverCpu: number;
  /** The game server's own event-loop delay, p99 over the window (from its stats log). */
  loopDelayP99: number;
  /** The server's garbage-collection pauses over the window (from its stats lines): share of the time, count a second, longest. */
  gc: { share: number; perSecond: number; maxMs: number };
  bytesPerStudentPerSecond: number;
  /** The unprompted messages measured at the clients, per connection per second and their size. */
  pushes: PushPlan;
  /** Connections still on HTTP long-polling after the warm-up (none, once upgrades are done). */
  polling: number;
  connectSeconds: number;
  actionsPerSecond: number;
}

interface Target {
  child: ChildProcess;
  url: string;
  /** The server's own "stats" log lines (event-loop delay, collector pauses; the echo server's: pauses only). */
  stats: Record<string, number>[];
}

function spawnTarget(kind: Kind): Promise<Target> {
  const file = kind === 'game' ? 'server/main.ts' : 'bench/load-echo-server.ts';
  // BENCH_CPU_PROF=dir writes a CPU profile of each game server (on its graceful exit).
  const profile =
    kind === 'game' && process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
  // BENCH_SERVER_NODE_ARGS="--max-semi-space-size=32" passes V8 flags to both servers alike.
  if (process.env.BENCH_SERVER_NODE_ARGS)
    profile.push(...process.env.BENCH_SERVER_NODE_ARGS.split(' ').filter(Boolean));
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', file], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      STATS_INTERVAL_MS: String(STATS_INTERVAL_MS),
      // Every bot comes from 127.0.0.1: the per-address join limit would stop them.
      JOIN_BURST: '1000000',
      JOIN_PER_MINUTE: '100000000',
      MAX_CONNECTIONS_PER_ADDRESS: '100000',
      REDIS_URL: process.env.BENCH_REDIS_URL ?? '',
      PUSH_PLAN: kind === 'echo' && pushPlan ? JSON.stringify(pushPlan) : '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stats: Record<string, number>[] = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    let started = false;
    const timer = setTimeout(() => reject(new Error(`${file} did not start`)), 30_000);
    child.once('exit', (code) => {
      if (!started) reject(new Error(`${file} exited with ${code}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          if (process.env.BENCH_VERBOSE) console.error('server:', line);
          continue;
        }
        if (entry.msg === 'stats') {
          stats.push(entry as Record<string, number>);
          if (process.env.BENCH_VERBOSE) console.error('server stats:', line);
        }
        if (typeof entry.level === 'number' && entry.level >= 50)
          console.error('server:', line.slice(0, 2000));
        if (entry.msg === 'listening' && typeof entry.port === 'number' && !started) {
          started = true;
          clearTimeout(timer);
          resolve({ child, url: `http://127.0.0.1:${entry.port}`, stats });
        }
      }
    });
  });
}

async function stopTarget(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The game server's unprompted messages (room states, leaderboards, hosts' progress) per
 * connection, as measured in its last trial: the echo server sends the same. Per
 * connection, so one measure serves every size of the capacity search.
 */
let pushPlan: PushPlan | null = null;

const REPEAT = Math.max(1, Number(args.repeat));

/** Every side's tries at one size, in order, and for each side the try with the median p99. */
interface Paired {
  tries: Map<Kind, TrialResult[]>;
  median: Map<Kind, TrialResult>;
}

/**
 * Game and echo at one size, `REPEAT` times alternating (so that both sides meet the
 * machine's changing load alike); each side is then represented by its median try.
 */
async function pair(transport: string, students: number, kinds: Kind[] = ['game', 'echo']): Promise<Paired> {
  const tries = new Map<Kind, TrialResult[]>(kinds.map((kind) => [kind, []]));
  for (let i = 0; i < REPEAT; i++) {
    for (const kind of kinds) {
      const r = await trial(kind, transport, students);
      if (REPEAT > 1) report(r, `try ${i + 1}`);
      tries.get(kind)?.push(r);
    }
  }
  const median = new Map<Kind, TrialResult>();
  for (const [kind, results] of tries) {
    const sorted = [...results].sort((a, b) => a.latency.p99 - b.latency.p99);
    median.set(kind, sorted[Math.floor((sorted.length - 1) / 2)] as TrialResult);
  }
  return { tries, median };
}

async function trial(kind: Kind, transport: string, students: number): Promise<TrialResult> {
  const { child, url, stats } = await spawnTarget(kind);
  const tally = newTally();
  const rooms = Math.ceil(students / ROOM_SIZE);
  const sockets: Awaited<ReturnType<typeof connect>>[] = [];
  const bots: LoadBot[] = [];
  try {
    const connectStart = performance.now();
    for (let i = 0; i < students; i += CONNECT_BATCH) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(CONNECT_BATCH, students - i) }, () =>
          connect(url, TRANSPORTS[transport]!),
        ),
      );
      sockets.push(...batch);
    }
    const connectSeconds = (performance.now() - connectStart) / 1000;
    const botKind = args['plan-bots'] ? 'plan' : 'live';
    for (const socket of sockets) {
      countPushes(socket, tally, 'student');
      bots.push(new LoadBot(socket, tally, RATE, botKind, kind === 'game'));
    }
    // A host's screen per room, on both servers: the game server sends it progress and boards.
    const hosts = [];
    for (let r = 0; r < rooms; r++) {
      const host = await connect(url, TRANSPORTS[transport]!, 'host');
      countPushes(host, tally, 'host');
      sockets.push(host);
      hosts.push(host);
    }
    if (kind === 'game') {
      for (const [r, host] of hosts.entries()) {
        const code = await createRoom(host, RUSH_SEED);
        const members = bots.slice(r * ROOM_SIZE, (r + 1) * ROOM_SIZE);
        for (const bot of members) bot.listenForRound();
        await Promise.all(members.map((bot) => joinRoom(bot.socket, code)));
      }
      for (const host of hosts) await startRound(host);
    } else {
      for (const [i, bot] of bots.entries()) bot.beginLocal(RUSH_SEED, i);
    }
    await sleep(WARMUP_MS);
    // With default transports every connection should have upgraded to a websocket by now.
    const polling = sockets.filter((socket) => socket.io.engine.transport.name === 'polling').length;
    const before = sampleProcess(child.pid ?? 0);
    const driverBefore = sampleProcess(process.pid);
    tally.recording = true;
    await sleep(DURATION_MS);
    tally.recording = false;
    const after = sampleProcess(child.pid ?? 0);
    const driver = usageBetween(driverBefore, sampleProcess(process.pid));
    const window = stats.slice(-Math.max(1, Math.floor(DURATION_MS / STATS_INTERVAL_MS)));
    const loopDelayP99 = window.reduce((worst, line) => Math.max(worst, line.loopDelayP99Ms ?? 0), 0);
    const windowSeconds = (window.length * STATS_INTERVAL_MS) / 1000;
    const gc = {
      share: window.reduce((sum, line) => sum + (line.gcMs ?? 0), 0) / 1000 / windowSeconds,
      perSecond: window.reduce((sum, line) => sum + (line.gcPauses ?? 0), 0) / windowSeconds,
      maxMs: window.reduce((worst, line) => Math.max(worst, line.gcMaxMs ?? 0), 0),
    };
    const usage = usageBetween(before, after);
    const latency = summarise(tally.latencies);
    const seconds = DURATION_MS / 1000;
    const rate = (p: { count: number; chars: number }, connections: number) => ({
      perSecond: p.count / connections / seconds,
      chars: p.count > 0 ? Math.round(p.chars / p.count) : 0,
    });
    const pushes: PushPlan = {
      student: rate(tally.pushes.student, students),
      host: rate(tally.pushes.host, rooms),
    };
    if (kind === 'game') pushPlan = pushes;
    return {
      kind,
      transport,
      students,
      latency,
      timeouts: tally.timeouts,
      errors: tally.errors,
      desyncs: tally.desyncs,
      resyncs: tally.resyncs,
      checked: tally.checked,
      outcomes: tally.outcomes,
      usage,
      driverCpu: driver.cpu,
      loopDelayP99: window.length > 0 ? loopDelayP99 : Number.NaN,
      gc,
      bytesPerStudentPerSecond: usage.writtenBytesPerSecond / students,
      pushes,
      polling,
      connectSeconds,
      actionsPerSecond: latency.count / (DURATION_MS / 1000),
    };
  } finally {
    for (const bot of bots) bot.stop();
    for (const socket of sockets) socket.disconnect();
    await stopTarget(child);
    await sleep(500);
  }
}

const passes = (r: TrialResult) => r.latency.p99 < TARGET_P99 && r.timeouts === 0 && r.latency.count > 0;

/** Rises until p99 breaks the target, then halves the gap between the last pass and the first failure twice. */
async function capacity(kind: Kind, transport: string, known: TrialResult): Promise<number> {
  const results = new Map<number, boolean>([[known.students, passes(known)]]);
  const run = async (n: number) => {
    if (!results.has(n)) {
      const r = (await pair(transport, n, [kind])).median.get(kind) as TrialResult;
      report(r, 'search');
      results.set(n, passes(r));
    }
    return results.get(n) ?? false;
  };
  let low = 0;
  let high = MAX_N + 1;
  const sizes = [250, 500];
  for (let n = 1000; n <= MAX_N; n += 500) sizes.push(n);
  for (const n of sizes.filter((n) => n <= MAX_N)) {
    if (await run(n)) low = n;
    else {
      high = n;
      break;
    }
  }
  for (let i = 0; i < 2 && high - low > 125 && high <= MAX_N; i++) {
    const mid = Math.round((low + high) / 2 / 50) * 50;
    if (await run(mid)) low = mid;
    else high = mid;
  }
  return low;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function report(r: TrialResult, label = ''): void {
  const l = r.latency;
  console.log(
    `${label.padEnd(6)} ${r.kind.padEnd(4)} ${r.transport.padEnd(9)} N=${String(r.students).padStart(4)}  ` +
      `p50 ${fmt(l.p50)} p95 ${fmt(l.p95)} p99 ${fmt(l.p99)} max ${fmt(l.max)} ms  ` +
      `acks/s ${fmt(r.actionsPerSecond, 0)} timeouts ${r.timeouts} errors ${r.errors}  ` +
      `cpu ${fmt(r.usage.cpu * 100, 0)}% (bots ${fmt(r.driverCpu * 100, 0)}%) rss ${fmt(r.usage.rssMb, 0)} MB  ` +
      `sent ${fmt(r.bytesPerStudentPerSecond, 0)} B/student/s  connect ${fmt(r.connectSeconds)} s  ` +
      `pushes/s student ${fmt(r.pushes.student.perSecond, 2)} × ${r.pushes.student.chars} ch, ` +
      `host ${fmt(r.pushes.host.perSecond, 2)} × ${r.pushes.host.chars} ch  ` +
      `gc ${fmt(r.gc.share * 100)}% (${fmt(r.gc.perSecond)}/s, max ${fmt(r.gc.maxMs)} ms)` +
      (r.polling > 0 ? `  still polling ${r.polling}` : '') +
      (r.kind === 'game'
        ? `  loop p99 ${fmt(r.loopDelayP99)} ms  acks ${JSON.stringify(r.outcomes)}` +
          (r.checked > 0 ? `  desyncs ${r.desyncs}/${r.checked}` : '') +
          `  resyncs ${r.resyncs}`
        : ''),
  );
}

async function main(): Promise<void> {
  console.log(
    `load bench: ${STUDENTS} students, rooms of ${ROOM_SIZE}, ${RATE} actions/s each, ` +
      `${args.warmup} s warm-up, ${args.duration} s measured, target p99 < ${TARGET_P99} ms`,
  );
  const summary: string[] = [];
  for (const transport of String(args.transports).split(',')) {
    if (!TRANSPORTS[transport]) throw new Error(`unknown transport ${transport}`);
    if (args.only === 'game' || args.only === 'echo') {
      report((await pair(transport, STUDENTS, [args.only])).median.get(args.only) as TrialResult, 'run');
      continue;
    }
    const both = await pair(transport, STUDENTS);
    const game = both.median.get('game') as TrialResult;
    const echo = both.median.get('echo') as TrialResult;
    report(game, REPEAT > 1 ? 'median' : 'run');
    report(echo, REPEAT > 1 ? 'median' : 'run');
    let line =
      `${transport.padEnd(9)} N=${STUDENTS}: p99 game ${fmt(game.latency.p99)} ms vs echo ${fmt(echo.latency.p99)} ms ` +
      `(ratio ${fmt(game.latency.p99 / echo.latency.p99, 2)}), game sends ${fmt(game.bytesPerStudentPerSecond, 0)} B/student/s, ` +
      `paused for gc ${fmt(game.gc.share * 100)}% vs ${fmt(echo.gc.share * 100)}% of the time`;
    if (REPEAT > 1) {
      // Each try's ratio to the echo run right after it: the two met about the same machine.
      const gameTries = both.tries.get('game') ?? [];
      const echoTries = both.tries.get('echo') ?? [];
      const ratios = gameTries.map((g, i) => g.latency.p99 / (echoTries[i]?.latency.p99 ?? Number.NaN));
      const sorted = [...ratios].sort((a, b) => a - b);
      line +=
        `; ratio per try ${ratios.map((r) => fmt(r, 2)).join(', ')} ` +
        `(median ${fmt(sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN, 2)})`;
    }
    if (!args['no-search']) {
      const gameCapacity = await capacity('game', transport, game);
      const echoCapacity = await capacity('echo', transport, echo);
      line += `; capacity (p99 < ${TARGET_P99} ms): game ${gameCapacity}, echo ${echoCapacity} (${fmt((gameCapacity / Math.max(1, echoCapacity)) * 100, 0)} %)`;
    }
    summary.push(line);
  }
  console.log('\nsummary');
  for (const line of summary) console.log(line);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
