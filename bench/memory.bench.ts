/**
 * Memory bench: what one action costs the server's heap, the figures behind its garbage
 * collector's pauses (bench/load-results.md). N students' games (`PlayerGame`, as the
 * server runs them) on the load bench's rush level, each sent about 3 actions a second by
 * the best-fit autoplayer or, when it has no move, the load bots' misclick; every
 * acknowledged state hashed, as for an ack. The clock is simulated in slices of 200 ms:
 *
 * - allocated per action: bytes the young generation took in a slice, per action;
 * - survivors per slice: what a scavenge at the end of the slice finds still alive (what
 *   it copies: its pause grows with this).
 *
 * The bots' own choices are made before each slice, on their own copies, off the books.
 * Prints medians over the slices after a warm-up.
 *
 *   npm run bench:memory   (node --expose-gc --min-semi-space-size=64 --import tsx bench/memory.bench.ts)
 *
 * Options: --students N (1000) --seconds S (12, the first 2 a warm-up) --rate R actions/s (3).
 * `--min-semi-space-size=64` keeps the collector from running inside a slice.
 */

import v8 from 'node:v8';
import { PlayerGame, roundSetup } from '../server/game/player-game';
import { generateRushLevel } from '../shared/level/rush';
import type { RoundSpec } from '../shared/protocol';
import { type Action, advance, bestFitAction } from '../shared/sim';
import { createRandom } from '../shared/sim/rng';
import { benchArgs } from './cli';

const args = benchArgs(
  {
    students: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '12' },
    rate: { type: 'string', default: '3' },
  },
  import.meta.url,
);
const STUDENTS = Number(args.students);
const SLICE_MS = 200;
const SLICES = Math.round((Number(args.seconds) * 1000) / SLICE_MS);
const WARMUP_SLICES = 10;
const RATE = Number(args.rate);
const TICK_HZ = 10;
const RUSH_SEED = 20_260_101;
const MISCLICK: Action = { type: 'place', objectId: 'ghost', address: 0 };

const gc = (globalThis as { gc?: (options: { type: 'minor' | 'major' }) => void }).gc;
if (!gc) {
  console.error('run with --expose-gc (npm run bench:memory does)');
  process.exit(1);
}
const collect = gc;

function spaceBytes(name: string): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === name)?.space_used_size ?? 0;
}
const youngBytes = () => spaceBytes('new_space');
const oldBytes = () => spaceBytes('old_space');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function main(): void {
  const level = generateRushLevel(RUSH_SEED);
  const spec: RoundSpec = { kind: 'rush', rushSeed: RUSH_SEED, seconds: 600, seed: 7 };
  const setup = roundSetup(0, spec, { kind: 'rush', rushSeed: RUSH_SEED }, level);
  const games = Array.from({ length: STUDENTS }, () => PlayerGame.start(setup, 0));
  const gap = 1000 / RATE;
  // A fixed stream of jitter, so that every run sends the same actions at the same ticks.
  const random = createRandom(1);
  const nextAt = games.map(() => random.next() * gap);
  const allocated: number[] = [];
  const survivors: number[] = [];
  const promoted: number[] = [];
  let actions = 0;
  let moves = 0;
  let seq = 0;
  for (let slice = 0; slice < SLICES; slice++) {
    const end = (slice + 1) * SLICE_MS;
    const todo: { game: PlayerGame; action: Action; tick: number }[] = [];
    games.forEach((game, i) => {
      while ((nextAt[i] ?? end) < end) {
        const tick = Math.floor(((nextAt[i] ?? 0) * TICK_HZ) / 1000);
        const move = bestFitAction(advance(game.current.state, tick));
        todo.push({ game, action: move ?? MISCLICK, tick });
        nextAt[i] = (nextAt[i] ?? 0) + gap * (0.8 + random.next() * 0.4);
      }
    });
    // What the last slice left alive and still is now moves to the old generation here.
    const oldBefore = oldBytes();
    collect({ type: 'minor' });
    const promotedNow = oldBytes() - oldBefore;
    const before = youngBytes();
    for (const { game, action, tick } of todo) game.apply(action, ++seq, tick, Number.POSITIVE_INFINITY);
    const after = youngBytes();
    collect({ type: 'minor' });
    if (slice < WARMUP_SLICES) continue;
    allocated.push((after - before) / todo.length);
    survivors.push(youngBytes());
    promoted.push(promotedNow);
    actions += todo.length;
    moves += todo.filter((t) => t.action !== MISCLICK).length;
  }
  const over = games.filter((game) => game.current.state.status !== 'running').length;
  console.log(
    `Memory bench: ${STUDENTS} games, ${RATE} actions/s each, ${SLICES - WARMUP_SLICES} slices of ${SLICE_MS} ms ` +
      `after ${WARMUP_SLICES} of warm-up, node ${process.version}`,
  );
  console.log(`actions ${actions} (${moves} moves, the rest misclicks); games over at the end: ${over}`);
  console.log(`allocated per action (median)        ${median(allocated).toFixed(0)} B`);
  console.log(`survivors per slice (median)         ${(median(survivors) / 1024).toFixed(0)} KB`);
  console.log(
    `survivors per action (median)        ${(median(survivors) / (actions / (SLICES - WARMUP_SLICES))).toFixed(0)} B`,
  );
  console.log(`promoted per slice (median)          ${(median(promoted) / 1024).toFixed(0)} KB`);
  console.log(
    'command: npm run bench:memory  (node --expose-gc --min-semi-space-size=64 --import tsx bench/memory.bench.ts)',
  );
}

main();
