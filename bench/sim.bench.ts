/**
 * Simulator benchmark: actions applied per second, ticks per second with 200 live objects,
 * and the time to re-verify a recorded 10-minute run. Prints medians over repeated runs.
 *
 *   npm run bench:sim        (node --import tsx bench/sim.bench.ts)
 */
import { cpus, loadavg } from 'node:os';
import { generateRushLevel } from '../shared/level/rush';
import { Level, type LevelInput, type Op } from '../shared/level/schema';
import {
  apply,
  bestAction,
  bestFitAction,
  createAutoplayer,
  createGame,
  type GameState,
  hash,
  playLevel,
  replay,
  score,
  step,
  type TimedAction,
} from '../shared/sim';

const REPETITIONS = 7;
const TICKS_PER_SECOND = 10;
const RUN_SECONDS = 600;

function level(parts: Partial<LevelInput> & { id: string; program: Op[] }): Level {
  return Level.parse({
    order: 0,
    title: parts.id,
    concept: 'heap',
    intro: ['Benchmark.'],
    outro: ['Benchmark.'],
    source: ['pass'],
    machine: { stackBytes: 65536, recursionLimit: 60, heapBytes: 65536 },
    functions: { work: { params: ['n'], frameBytes: 96 }, rec: { params: [], frameBytes: 64 } },
    pace: 4,
    grace: 20,
    timeLimit: TICKS_PER_SECOND * RUN_SECONDS,
    stars: [1000, 2000, 3000],
    ...parts,
  });
}

/** A long lesson-like level: calls, lists that grow and move, garbage, cycles, questions, deep recursion. */
export function longLevel(): Level {
  const iteration: Op[] = [
    { op: 'call', line: 10, fn: 'work', args: { n: { int: 7 } } },
    {
      op: 'new',
      line: 2,
      objects: [{ id: 'tmp', value: { list: [{ repeat: { int: 1 }, times: 6 }] }, bind: 'tmp' }],
    },
    { op: 'set', line: 3, target: { name: 'tmp' }, value: { int: 1000 } },
    { op: 'set', line: 4, target: { ref: 'results' }, value: { name: 'tmp' } },
    { op: 'new', line: 5, objects: [{ id: 'pair', value: { list: [] }, bind: 'p' }] },
    { op: 'set', line: 6, target: { name: 'p' }, value: { name: 'p' } },
    { op: 'unbind', line: 7, name: 'p' },
    { op: 'return', line: 8 },
    { op: 'new', line: 11, objects: [{ id: 'msg', value: { str: 'hello world' }, bind: 'msg' }] },
    { op: 'drop', line: 12, target: { ref: 'results' }, index: 0 },
    { op: 'say', line: 13, text: 'done' },
  ];
  const question: Op = {
    op: 'ask',
    line: 14,
    question: 'Does x = 5 allocate?',
    options: ['yes', 'no'],
    correct: 1,
    concept: 'identity',
    explain: 'Small ints are cached.',
  };
  const deep: Op = {
    op: 'try',
    line: 20,
    error: 'RecursionError',
    body: [{ op: 'repeat', line: 21, times: 100, body: [{ op: 'call', line: 21, fn: 'rec' }] }],
    handler: [{ op: 'say', line: 22, text: 'caught' }],
  };
  return level({
    id: 'bench-long',
    program: [
      { op: 'new', line: 1, objects: [{ id: 'results', value: { list: [] }, bind: 'results' }] },
      { op: 'repeat', line: 9, times: 120, body: [...iteration, question, deep] },
    ],
  });
}

/** 200 objects on the heap and a program that runs an op every `pace` ticks (1: on every tick). */
function busyLevel(pace: number): Level {
  const preplaced = Array.from({ length: 200 }, (_, i) => ({
    object: { id: `o${i}`, value: i % 2 ? { list: [{ int: i }] } : { float: i + 0.5 }, bind: `v${i}` },
    address: i * 64,
  }));
  return level({
    id: 'bench-busy',
    pace,
    timeLimit: 36_000,
    machine: { stackBytes: 65536, recursionLimit: 1000, heapBytes: 262_144 },
    preplaced,
    program: [
      {
        op: 'repeat',
        line: 1,
        times: 10_000,
        body: [
          { op: 'bind', line: 2, name: 'x', value: { name: 'v1' } },
          { op: 'set', line: 3, target: { name: 'v1' }, value: { name: 'v3' }, index: 0 },
          { op: 'unbind', line: 4, name: 'x' },
          { op: 'say', line: 5, text: 'tick' },
        ],
      },
    ],
  });
}

/** Median and best of repeated measurements (`higher`: larger is better). */
interface Summary {
  median: number;
  best: number;
}

function summarise(values: number[], higher: boolean): Summary {
  return { median: median(values), best: higher ? Math.max(...values) : Math.min(...values) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall-clock milliseconds spent in `fn`. */
function time(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** Runs `fn` a few times first so that the measured runs see optimised code. */
function warm(fn: () => void, times = 3): void {
  for (let i = 0; i < times; i++) fn();
}

/**
 * Realistic runs to apply: a careful and a careless player's recorded actions, with refused
 * ones mixed in (a misaligned place of an unknown object, a push nobody asked for).
 */
export function actionRuns(): { level: Level; seed: number; actions: TimedAction[] }[] {
  const lvl = longLevel();
  return [
    { seed: 1, player: bestAction },
    { seed: 2, player: createAutoplayer({ errorRate: 0.2, seed: 2 }) },
  ].map(({ seed, player }) => {
    const recorded = playLevel(lvl, seed, player).actions;
    const actions: TimedAction[] = [];
    recorded.forEach((timed, i) => {
      if (i % 5 === 0)
        actions.push({ tick: timed.tick, action: { type: 'place', objectId: 'nope', address: 3 } as never });
      if (i % 7 === 0) actions.push({ tick: timed.tick, action: { type: 'push', fn: 'rec' } });
      actions.push(timed);
    });
    return { level: lvl, seed, actions };
  });
}

/**
 * Plays the runs forward as the server does, timing the `apply` calls: each tick's actions
 * as one batch, applied to the live state (whose derived data the game has already worked out).
 */
function benchActions(): Summary {
  const runs = actionRuns();
  const once = (): number => {
    let spent = 0;
    let applied = 0;
    for (const { level: lvl, seed, actions } of runs) {
      let state = createGame(lvl, seed);
      let next = 0;
      while (state.status === 'running' && next < actions.length) {
        if (actions[next]!.tick === state.tick) {
          const started = performance.now();
          while (next < actions.length && actions[next]!.tick === state.tick) {
            state = apply(state, actions[next++]!.action).state;
            applied++;
          }
          spent += performance.now() - started;
        }
        state = step(state).state;
      }
    }
    return applied / (spent / 1000);
  };
  warm(once);
  const rates: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) rates.push(once());
  return summarise(rates, true);
}

function benchTicks(pace: number): { rate: Summary; live: number } {
  const lvl = busyLevel(pace);
  const rates: number[] = [];
  let live = 0;
  warm(() => {
    let state = createGame(lvl, 0);
    for (let i = 0; i < 5000; i++) state = step(state).state;
  });
  for (let r = 0; r < REPETITIONS; r++) {
    let state = createGame(lvl, r);
    const n = 20_000;
    const ms = time(() => {
      for (let i = 0; i < n; i++) state = step(state).state;
    });
    live = Object.values(state.objects).filter((o) => o.address !== null).length;
    rates.push(n / (ms / 1000));
  }
  return { rate: summarise(rates, true), live };
}

function benchReplay(): { ms: Summary; ticks: number; actions: number; status: string; total: number } {
  const lvl = longLevel();
  const run = playLevel(lvl, 42, bestAction);
  warm(() => replay(lvl, 42, run.actions));
  const times: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    let verified: GameState | undefined;
    times.push(time(() => (verified = replay(lvl, 42, run.actions))));
    if (hash(verified!) !== hash(run.state)) throw new Error('replay diverged from the recorded run');
  }
  return {
    ms: summarise(times, false),
    ticks: run.state.tick,
    actions: run.actions.length,
    status: run.state.status,
    total: score(run.state).total,
  };
}

/**
 * The state hash as a server pays it: many games interleaved, each stepped every tick and
 * hashed after every action (an acknowledgement). Side by side, the same states hashed as
 * fresh copies (nothing shared with a state hashed before, as after a snapshot): what the
 * remembered parts save.
 */
function benchHash(): { shared: Summary; fresh: Summary } {
  const lvl = generateRushLevel(20_260_101);
  const once = (): { shared: number; fresh: number } => {
    const games = Array.from({ length: 200 }, (_, i) => createGame(lvl, i + 1));
    let shared = 0;
    let fresh = 0;
    let hashed = 0;
    for (let tick = 0; tick < 200; tick++) {
      for (let g = 0; g < games.length; g++) {
        let state = step(games[g]!).state;
        if ((tick + g) % 3 === 0) {
          const action = bestFitAction(state) ?? { type: 'place', objectId: 'ghost', address: 0 };
          state = apply(state, action).state;
          const copy = {
            ...(JSON.parse(JSON.stringify({ ...state, level: null })) as GameState),
            level: lvl,
          };
          let started = performance.now();
          const a = hash(state);
          shared += performance.now() - started;
          started = performance.now();
          const b = hash(copy);
          fresh += performance.now() - started;
          if (a !== b) throw new Error('a copy hashed differently');
          hashed++;
        }
        games[g] = state;
      }
    }
    return { shared: (shared * 1000) / hashed, fresh: (fresh * 1000) / hashed };
  };
  once();
  const shared: number[] = [];
  const fresh: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    const t = once();
    shared.push(t.shared);
    fresh.push(t.fresh);
  }
  return { shared: summarise(shared, false), fresh: summarise(fresh, false) };
}

function main(): void {
  // `npm run bench:sim -- replay` (or actions, ticks) runs one measure alone, e.g. under --cpu-prof.
  const only = process.argv[2];
  if (only === 'actions') return void console.log(`actions/s ${Math.round(benchActions().median)}`);
  if (only === 'ticks') return void console.log(`ticks/s ${Math.round(benchTicks(1).rate.median)}`);
  if (only === 'replay') return void console.log(`replay ${benchReplay().ms.median.toFixed(2)} ms`);
  if (only === 'hash') return void console.log(`hash ${benchHash().shared.median.toFixed(2)} µs`);
  const load = loadavg()[0]!;
  const actions = benchActions();
  const busy = benchTicks(1);
  const calm = benchTicks(5);
  const verify = benchReplay();
  const hashing = benchHash();
  const count = (n: number) => Math.round(n).toLocaleString('en-US');
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  const rows: [string, string, string, string][] = [
    ['actions applied per second', count(actions.median), count(actions.best), '>= 200,000'],
    [
      `ticks per second (${busy.live} live objects, an op every tick)`,
      count(busy.rate.median),
      count(busy.rate.best),
      '',
    ],
    [
      `ticks per second (${calm.live} live objects, an op every 5 ticks)`,
      count(calm.rate.median),
      count(calm.rate.best),
      '',
    ],
    [
      `re-verify a ${verify.ticks}-tick run (${verify.actions} actions, ${verify.status})`,
      ms(verify.ms.median),
      ms(verify.ms.best),
      '< 20 ms',
    ],
    [
      'hash a state after an action, 200 games interleaved (µs)',
      hashing.shared.median.toFixed(2),
      hashing.shared.best.toFixed(2),
      '',
    ],
    [
      'hash the same state as a fresh copy (µs)',
      hashing.fresh.median.toFixed(2),
      hashing.fresh.best.toFixed(2),
      '',
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`Simulator benchmark: ${REPETITIONS} runs after warm-up, node ${process.version}`);
  console.log(`load average at start: ${load.toFixed(2)} on ${cpus().length} cores (the machine is shared)`);
  console.log(`${'measure'.padEnd(width)}  ${'median'.padStart(12)}  ${'best'.padStart(12)}  target`);
  for (const [name, mid, best, target] of rows) {
    console.log(`${name.padEnd(width)}  ${mid.padStart(12)}  ${best.padStart(12)}  ${target}`);
  }
  console.log('command: npm run bench:sim  (node --import tsx bench/sim.bench.ts)');
}

if (process.argv[1]?.endsWith('sim.bench.ts')) main();
