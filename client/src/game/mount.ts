/**
 * Mounting the board: one Phaser game inside the shell's element, sized to it at the
 * device's pixel ratio so text stays sharp on phones and projectors alike.
 */
import * as Phaser from 'phaser';
import type { GameState, SimEvent } from '../../../shared/sim/types';
import { BoardModel } from './board-model';
import { clockText, tidyNames } from './describe';
import { prefersCompact } from './layout';
import { THEME } from './palette';
import { renderOnDemand } from './render-on-demand';
import { BoardScene, type SceneLink } from './scenes/BoardScene';
import { installTestHook } from './test-hook';
import type { BoardHandle, BoardHandlers, BoardOptions } from './types';

/** Canvas pixels per CSS pixel, capped: beyond 2 the GPU works harder for no visible gain. */
const MAX_PIXEL_RATIO = 2;

/** Mount the board inside `parent` (which should have a size); resolves once the scene is ready. */
export function mountBoard(parent: HTMLElement, options: BoardOptions): Promise<BoardHandle> {
  const host = document.createElement('div');
  host.className = 'arena-board';
  host.tabIndex = 0;
  host.setAttribute('role', 'application');
  host.setAttribute('aria-label', 'Memory Arena board. Press question mark for the keys.');
  host.style.cssText =
    'position:relative;width:100%;height:100%;min-height:320px;outline-offset:-3px;touch-action:none;';
  parent.appendChild(host);
  const focusStyle = document.createElement('style');
  focusStyle.textContent = '.arena-board:focus-visible{outline:3px solid #f0e442}';
  host.appendChild(focusStyle);

  const pixelRatio = Math.min(MAX_PIXEL_RATIO, Math.max(1, window.devicePixelRatio || 1));
  const cssSize = () => ({
    w: Math.max(240, host.clientWidth || parent.clientWidth || window.innerWidth),
    h: Math.max(320, host.clientHeight || parent.clientHeight || window.innerHeight),
  });
  const reducedMotion =
    options.reducedMotion ?? window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const model = new BoardModel(options.mode, options.showOutro ?? options.mode !== 'watch', options.scoreOf);
  let handlers: BoardHandlers = {
    onAction: options.onAction,
    onRestart: options.onRestart,
    onStart: options.onStart,
    onNext: options.onNext,
  };
  const syncFlags = () => {
    model.canRetry = !!handlers.onRestart;
    model.hasNext = !!handlers.onNext;
  };
  syncFlags();
  let introDone: (() => void) | null = null;

  return new Promise((resolve) => {
    const size = cssSize();
    const link: SceneLink = {
      model,
      pixelRatio,
      compact: options.compact ?? prefersCompact(size.w, size.h),
      reducedMotion,
      keyTarget: host,
      act: (a) => handlers.onAction?.(a),
      requestRender: () => gate?.request(),
      renderedFrames: () => gate?.rendered ?? 0,
      restart: () => handlers.onRestart?.(),
      start: () => {
        handlers.onStart?.();
        introDone?.();
        introDone = null;
      },
      next: () => handlers.onNext?.(),
      ready: (scene) => {
        board = scene;
        const removeHook = installTestHook(scene);
        resolve(makeHandle(scene, removeHook));
      },
    };
    const game = new Phaser.Game({
      type: Phaser.AUTO,
      parent: host,
      backgroundColor: THEME.background,
      banner: false,
      scale: {
        mode: Phaser.Scale.FIT,
        autoCenter: Phaser.Scale.CENTER_BOTH,
        width: Math.round(size.w * pixelRatio),
        height: Math.round(size.h * pixelRatio),
      },
      // Textures are smoothed; the canvas itself needs no multisampling: it only ever shows the
      // board's cached picture pixel for pixel, and resolving it costs a software renderer dearly.
      render: { antialias: true, antialiasGL: false },
      input: { keyboard: false },
    });
    let board: BoardScene | null = null;
    const gate = renderOnDemand(game, () => board?.animating ?? true);
    game.scene.add('BoardScene', BoardScene, true, { link });

    // Keyboard users (Tab into the board) see the heap cursor and the placement ghost at once.
    host.addEventListener('focus', () => {
      if (host.matches(':focus-visible') && !model.cursorActive) {
        model.cursorActive = true;
        board?.invalidateLive();
      }
    });

    const observer = new ResizeObserver(() => {
      const s = cssSize();
      const w = Math.round(s.w * pixelRatio);
      const h = Math.round(s.h * pixelRatio);
      if (options.compact === undefined) link.compact = prefersCompact(s.w, s.h);
      if (w !== game.scale.width || h !== game.scale.height) game.scale.setGameSize(w, h);
    });
    observer.observe(host);

    const makeHandle = (scene: BoardScene, removeHook: () => void): BoardHandle => ({
      setState(state: GameState, events: SimEvent[]) {
        const before = model.changedAt;
        const redraw = model.setState(state, events, performance.now());
        if (redraw === 'board') scene.stateChanged(model.changedAt !== before);
        else if (redraw === 'live') scene.scoreChanged();
      },
      setClock(info) {
        const same =
          info.paused === model.clock.paused &&
          clockText(info.secondsLeft) === clockText(model.clock.secondsLeft);
        model.clock = info;
        if (!same) scene.clockChanged();
      },
      setNarration(text) {
        const tidy = tidyNames(text);
        if (tidy === model.narration) return;
        model.narration = tidy;
        scene.invalidate();
      },
      flash(text) {
        model.flash(text);
        scene.invalidate();
      },
      showIntro() {
        if (options.mode !== 'play' || !model.state) return Promise.resolve();
        model.introOpen = true;
        scene.invalidate();
        return new Promise<void>((done) => {
          introDone = done;
        });
      },
      setHandlers(next) {
        handlers = { ...handlers, ...next };
        syncFlags();
        scene.invalidate();
      },
      destroy() {
        observer.disconnect();
        removeHook();
        game.destroy(true);
        host.remove();
      },
    });
  });
}
