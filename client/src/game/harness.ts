/**
 * A page that mounts the board in each mode with built-in states, for looking at it by eye
 * and for screenshots: `harness.html?view=play|intro|watch|replay|demo|cycle|crowded|crash|outro|ask|overflow|auto`
 * with `&level=N` (a level of the pack, 1-based) and, for `auto`, `&tick=T` (perfect play
 * stopped at that tick). `window.__harness` holds the board and any local loop.
 */
import { LEVELS } from '../../../levels';
import type { Level } from '../../../shared/level/schema';
import { bestAction, createAutoplayer, playLevel, replay } from '../../../shared/sim';
import type { GameState } from '../../../shared/sim/types';
import { CYCLE_LEVEL, crowdedState, cycleState, midStackState, STACK_LEVEL } from './fixtures';
import { DemoPlayer, LocalGame, mountBoard, ReplayPlayer } from './index';
import type { BoardHandle, BoardMode } from './types';

const VIEWS = [
  'play',
  'intro',
  'watch',
  'replay',
  'demo',
  'cycle',
  'crowded',
  'crash',
  'outro',
  'ask',
  'overflow',
];

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const view = params.get('view') ?? 'play';
  const nav = document.getElementById('views')!;
  for (const v of VIEWS) {
    const a = document.createElement('a');
    a.href = `?view=${v}${params.has('level') ? `&level=${params.get('level')}` : ''}`;
    a.textContent = v;
    nav.appendChild(a);
  }
  const parent = document.getElementById('board')!;
  const mode: BoardMode = view === 'watch' || view === 'replay' || view === 'demo' ? view : 'play';
  const board = await mountBoard(parent, {
    mode,
    reducedMotion: params.has('still'),
    onAction: (a) => console.log('action', JSON.stringify(a)),
    onRestart: () => console.log('restart'),
    onNext: () => console.log('next'),
  });
  const chosen = Number(params.get('level') ?? 0);
  const level: Level = chosen > 0 ? (LEVELS[chosen - 1] ?? STACK_LEVEL) : STACK_LEVEL;
  const harness: Record<string, unknown> = { board };
  (window as unknown as { __harness: unknown }).__harness = harness;

  switch (view) {
    case 'play':
    case 'intro': {
      const game = new LocalGame(level, 1, board);
      harness.game = game;
      void game.start();
      break;
    }
    case 'replay': {
      const run = playLevel(level, 3, createAutoplayer({ errorRate: 0.25, seed: 3 }));
      const player = new ReplayPlayer(level, 3, run.actions, board);
      player.seek(Number(params.get('tick') ?? Math.floor(player.length * 0.6)));
      harness.player = player;
      break;
    }
    case 'demo': {
      const demo = new DemoPlayer(level, 1, board);
      demo.play();
      harness.demo = demo;
      break;
    }
    case 'auto': {
      const run = playLevel(level, 1, bestAction);
      const tick = Number(params.get('tick') ?? Math.floor(run.state.tick / 2));
      show(board, replay(level, 1, run.actions, tick), { clock: Math.round((level.timeLimit - tick) / 10) });
      break;
    }
    case 'cycle':
      show(board, cycleState(), { clock: 42 });
      break;
    case 'crowded':
      show(board, crowdedState(150), { clock: 75 });
      break;
    case 'watch':
      show(board, midStackState(), { clock: 31 });
      break;
    case 'crash': {
      const s = midStackState();
      show(
        board,
        {
          ...s,
          status: 'crashed',
          crash: {
            kind: 'dangling-pointer',
            message: 'You freed [1, 2, 3] while b() still refers to it as y.',
          },
        },
        { clock: 20 },
      );
      break;
    }
    case 'outro': {
      const run = playLevel(level, 1, createAutoplayer({ errorRate: 0.1, seed: 1 }));
      show(board, run.state, { clock: 0 });
      break;
    }
    case 'ask': {
      const s = midStackState();
      show(
        board,
        {
          ...s,
          request: {
            kind: 'answer',
            question: 'After `y = x`, do x and y name the same object?',
            options: ['Yes, the same object', 'No, a copy', 'Only for small ints'],
            line: 7,
            since: s.tick,
          },
        },
        { clock: 50 },
      );
      break;
    }
    case 'overflow': {
      const s = midStackState();
      show(
        board,
        { ...s, request: { kind: 'push', fn: 'c', line: 8, since: s.tick - 25, overflow: true } },
        { clock: 9 },
      );
      break;
    }
    default:
      show(board, cycleState(), { clock: null });
  }
  void CYCLE_LEVEL;
  if (params.has('help')) {
    // The help overlay, opened the way a player does: the ? key on the focused board.
    const host = parent.querySelector<HTMLElement>('.arena-board');
    host?.focus();
    host?.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
  }
}

function show(board: BoardHandle, state: GameState, opts: { clock: number | null }): void {
  board.setState(state, []);
  board.setClock({ secondsLeft: opts.clock, paused: false });
}

void main();
