import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DemoPlayer } from '../../client/src/game/demo-player';
import { LocalGame } from '../../client/src/game/local-game';
import { ReplayPlayer } from '../../client/src/game/replay-player';
import type { BoardHandle, BoardHandlers, ClockInfo } from '../../client/src/game/types';
import { LEVELS } from '../../levels';
import { bestAction, createAutoplayer, hash, playLevel, replay } from '../../shared/sim';
import type { GameState, SimEvent } from '../../shared/sim/types';

/** A board that records what the loops tell it, and lets a test press its "buttons". */
class RecordingBoard implements BoardHandle {
  states: GameState[] = [];
  events: SimEvent[] = [];
  clocks: ClockInfo[] = [];
  narration: string[] = [];
  flashes: string[] = [];
  handlers: BoardHandlers = {};
  introShown = 0;
  setState(state: GameState, events: SimEvent[]) {
    this.states.push(state);
    this.events.push(...events);
  }
  setClock(info: ClockInfo) {
    this.clocks.push(info);
  }
  setNarration(text: string) {
    this.narration.push(text);
  }
  flash(text: string) {
    this.flashes.push(text);
  }
  showIntro() {
    this.introShown++;
    return Promise.resolve();
  }
  setHandlers(h: BoardHandlers) {
    this.handlers = { ...this.handlers, ...h };
  }
  destroy() {}
  get last(): GameState {
    return this.states[this.states.length - 1]!;
  }
}

const level = LEVELS[0]!;

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance', 'Date'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('solo play (LocalGame)', () => {
  test('shows the intro, runs at 10 ticks a second, and counts down the clock', async () => {
    const board = new RecordingBoard();
    const game = new LocalGame(level, 7, board);
    expect(board.last.tick).toBe(0);
    await game.start();
    expect(board.introShown).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(game.current.tick).toBe(10);
    expect(board.clocks.at(-1)).toEqual({ secondsLeft: level.timeLimit / 10 - 1, paused: false });
    game.destroy();
  });

  test('a run played through the board replays to the very same state', async () => {
    const board = new RecordingBoard();
    const game = new LocalGame(level, 7, board);
    let ended: GameState | null = null;
    game.onEnd((s) => {
      ended = s;
    });
    await game.start();
    for (let i = 0; i < 5000 && !ended; i++) {
      const action = bestAction(game.current);
      if (action) board.handlers.onAction!(action);
      else vi.advanceTimersByTime(100);
    }
    expect(ended).not.toBeNull();
    expect(game.current.status).toBe('complete');
    const again = replay(level, 7, game.recorded());
    expect(hash(again)).toBe(hash(game.current));
    game.destroy();
  });

  test('a refused action is flashed on the board; a malformed one is not recorded', async () => {
    const board = new RecordingBoard();
    const game = new LocalGame(level, 7, board);
    await game.start();
    board.handlers.onAction!({ type: 'pop' });
    board.handlers.onAction!({ type: 'place', objectId: 'no-such-object', address: 3 });
    expect(board.flashes.length).toBeGreaterThan(0);
    expect(game.recorded().every((a) => a.action.type !== 'place')).toBe(true);
    game.destroy();
  });

  test('restart starts the level over with a fresh recording', async () => {
    const board = new RecordingBoard();
    const game = new LocalGame(level, 7, board);
    await game.start();
    vi.advanceTimersByTime(700);
    const a = bestAction(game.current);
    if (a) game.act(a);
    board.handlers.onRestart!();
    expect(game.current.tick).toBe(0);
    expect(game.recorded()).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(game.current.tick).toBe(3);
    game.destroy();
  });

  test('pause holds the clock and ignores input; resume goes on', async () => {
    const board = new RecordingBoard();
    const game = new LocalGame(level, 7, board);
    await game.start();
    vi.advanceTimersByTime(500);
    game.pause();
    vi.advanceTimersByTime(2000);
    expect(game.current.tick).toBe(5);
    expect(board.clocks.at(-1)!.paused).toBe(true);
    game.resume();
    vi.advanceTimersByTime(500);
    expect(game.current.tick).toBe(10);
    game.destroy();
  });
});

describe('replays (ReplayPlayer)', () => {
  const run = playLevel(level, 3, createAutoplayer({ errorRate: 0.3, seed: 3 }));

  test('its length is the tick the run ended at, and the end is the recorded result', () => {
    const player = new ReplayPlayer(level, 3, run.actions, new RecordingBoard());
    expect(player.length).toBe(run.state.tick);
    player.seek(player.length);
    expect(hash(player.current)).toBe(hash(run.state));
  });

  test('seeking anywhere matches the simulator replaying to that tick', () => {
    const player = new ReplayPlayer(level, 3, run.actions, new RecordingBoard());
    for (const t of [0, 1, 17, Math.floor(run.state.tick / 2), run.state.tick - 1]) {
      player.seek(t);
      expect(player.tick).toBe(t);
      expect(hash(player.current)).toBe(hash(replay(level, 3, run.actions, t)));
    }
  });

  test('one step forward from a seek equals seeking one tick further', () => {
    const player = new ReplayPlayer(level, 3, run.actions, new RecordingBoard());
    player.seek(20);
    player.stepOnce();
    const stepped = hash(player.current);
    player.seek(21);
    expect(stepped).toBe(hash(player.current));
  });

  test('play runs in real time and stops at the end; listeners hear each tick', () => {
    const board = new RecordingBoard();
    const player = new ReplayPlayer(level, 3, run.actions, board);
    const heard: number[] = [];
    player.onChange((t) => heard.push(t));
    player.play();
    vi.advanceTimersByTime(1000);
    expect(player.tick).toBe(10);
    vi.advanceTimersByTime(run.state.tick * 100 + 1000);
    expect(player.tick).toBe(run.state.tick);
    expect(player.playing).toBe(false);
    expect(heard.length).toBeGreaterThan(10);
    expect(board.narration.some((n) => n.length > 0)).toBe(true);
  });
});

describe('demonstrations (DemoPlayer)', () => {
  test('the autoplayer finishes the level without a mistake and explains each move', () => {
    const board = new RecordingBoard();
    const demo = new DemoPlayer(level, 1, board);
    let done: GameState | null = null;
    demo.onEnd((s) => {
      done = s;
    });
    demo.play();
    vi.advanceTimersByTime(level.timeLimit * 100);
    expect(done).not.toBeNull();
    expect(demo.current.status).toBe('complete');
    expect(demo.current.tally.mistakes).toEqual({});
    expect(new Set(board.narration).size).toBeGreaterThan(3);
  });
});
