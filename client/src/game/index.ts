/**
 * The game board: everything drawn in Phaser, plus the local loops for solo play,
 * replays and demonstrations. The shell mounts it with `mountBoard` and feeds it states;
 * the board turns input into simulator actions and never changes a state itself.
 *
 * Live play (the shell owns the network and the prediction):
 *
 *   const board = await mountBoard(el, { mode: 'play', onAction: (a) => net.send(a), onRestart });
 *   board.setState(state, events);           // after every prediction or server snapshot
 *   board.setClock({ secondsLeft: 42, paused: false });
 *   board.flash('That cell is taken.');      // one sentence about a refused action
 *
 * Solo play (the loop owns the clock; the simulator owns the rules):
 *
 *   const board = await mountBoard(el, { mode: 'play', onNext });
 *   const game = new LocalGame(level, seed, board);   // attaches itself via board.setHandlers
 *   game.onEnd((state, actions) => saveRun(state, actions));
 *   await game.start();                               // intro card, then 10 ticks a second
 *
 * Replays and demonstrations: `new ReplayPlayer(level, seed, actions, board)` (play, pause,
 * stepOnce, seek, tick, length, onChange) and `new DemoPlayer(level, seed, board)` (play,
 * pause; narration via `explainAction`). Mount those boards with mode 'replay' / 'demo'.
 * `narrate(events, state)` gives sentences for an ARIA live region.
 *
 * Test hook: once the scene is ready, `window.__arena.board` is a read-only `BoardTestHook`
 * (see `types.ts`): { ready: true, mode, state, cellToScreen(offset), objectScreenPos(id),
 * buttonScreenPos(name), work }. `work` counts full redraws, rendered WebGL frames and
 * repaints of the light layer, so a check can see that a board at rest draws nothing. Positions are page (document) pixels; `state` is the latest state
 * given to `setState`. Button names: push, pop, raise, free, answer-0..3, start, retry,
 * next, close, help, labels, pending-0.. (the objects of a place request). A button that is
 * disabled or covered by a card reports null. `objectScreenPos` finds heap objects, shelf
 * objects and pending objects.
 *
 * Input: drag a pending object onto the heap (or tap a free cell); tap an object to mark it
 * for freeing and see why it is alive; buttons for the rest. Keys (the board's element must
 * have focus; clicking it gives focus): arrows move the heap cursor, Enter places, P push,
 * O pop, R raise (RecursionError, or MemoryError during a place request), M MemoryError,
 * 1-4 answer (or pick the pending object), Tab / Shift+Tab move between heap objects, Space
 * marks, F frees the marks (or the focused object), L arrows/labels, ? help, Esc close/clear.
 *
 * Drawing: the board is drawn into one cached picture when what it shows changes (a state,
 * a press); the pointer's hover and drag, the keyboard cursor, the placement ghost, the light
 * on what changed, the score and the clock are on a thin SVG layer over the canvas
 * (`live-layer.ts`), so they never redraw the board. The board element holds one canvas.
 *
 * Look at it: `harness.html?view=play|intro|watch|replay|demo|cycle|crowded|crash|outro|ask|overflow|auto`
 * (`&level=N` for a level of the pack, `&tick=T` with `auto`, `&help=1`, `&still=1` for reduced motion).
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
