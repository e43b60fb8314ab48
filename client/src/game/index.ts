/**
 * The game board: everything drawn in Phaser, plus the local loops for solo play,
 * replays and demonstrations. The shell mounts it with `mountBoard` and feeds it states.
 *
 *   const board = await mountBoard(el, { mode: 'play', onAction: (a) => net.send(a) });
 *   board.setState(state, events);           // after every prediction or server snapshot
 *   board.setClock({ secondsLeft: 42, paused: false });
 *
 * Solo play (the loop owns the clock; the simulator owns the rules):
 *
 *   const board = await mountBoard(el, { mode: 'play' });
 *   const game = new LocalGame(level, seed, board);   // attaches itself to the board's input
 *   game.onEnd((state, actions) => saveRun(state, actions));
 *   await game.start();                               // shows the intro card, then runs
 *
 * Test hook: once the board's scene is ready, `window.__arena.board` holds a read-only
 * `BoardTestHook` (see `types.ts`):
 *   { ready: true, mode, state, cellToScreen(offset), objectScreenPos(id), buttonScreenPos(name) }
 * Positions are page pixels, ready for `page.mouse.click(x, y)`. `state` is the latest
 * state given to `setState`. Button names: push, pop, raise, free, answer-0..3, start,
 * retry, next, help, labels, pending-0.. (the objects of a place request).
 * Keyboard: arrows move the heap cursor, Enter places, P push, O pop, R raise
 * RecursionError (MemoryError during a place request), M raise MemoryError, 1-4 answer
 * (or pick the pending object), Tab / Shift+Tab cycle objects, Space select, F free the
 * selection, L arrows/labels, ? help, Esc close / clear.
 */
export { DemoPlayer } from './demo-player';
export { LocalGame } from './local-game';
export { mountBoard } from './mount';
export { narrate } from './narrate';
export { ReplayPlayer } from './replay-player';
export type {
  BoardHandle,
  BoardHandlers,
  BoardMode,
  BoardOptions,
  BoardTestHook,
  ClockInfo,
} from './types';
