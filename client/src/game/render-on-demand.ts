/**
 * Phaser redraws the whole canvas every frame. The board changes only when a state
 * arrives, the player does something, or a highlight is fading, so frames in between
 * skip rendering: the canvas keeps showing the last frame and the GPU (or a phone's
 * battery) rests. Updates (input, timers, tweens) still run every frame.
 */
import type * as Phaser from 'phaser';

/** Frames rendered after a resize, so the new canvas size settles. */
const SETTLE_FRAMES = 2;

export interface RenderGate {
  /** Ask for the next frames to be rendered. */
  request(): void;
  /** Number of frames actually rendered (for the frame-rate benchmark). */
  readonly rendered: number;
}

export function renderOnDemand(game: Phaser.Game, busy: () => boolean): RenderGate {
  let pending = SETTLE_FRAMES;
  let rendered = 0;
  const g = game as Phaser.Game & { pendingDestroy: boolean; runDestroy(): void };
  const step = (time: number, delta: number) => {
    if (g.pendingDestroy) {
      g.runDestroy();
      return;
    }
    if (game.isPaused) return;
    const events = game.events;
    events.emit('prestep', time, delta);
    events.emit('step', time, delta);
    game.scene.update(time, delta);
    events.emit('poststep', time, delta);
    if (pending <= 0 && !busy()) return;
    pending = Math.max(0, pending - 1);
    const renderer = game.renderer;
    renderer.preRender();
    events.emit('prerender', renderer, time, delta);
    game.scene.render(renderer);
    renderer.postRender();
    events.emit('postrender', renderer, time, delta);
    rendered++;
  };
  game.step = step;
  // The loop binds `step` when the game starts; if it already has, point it at ours.
  const loop = game.loop as Phaser.Core.TimeStep & { callback: (time: number, delta: number) => void };
  if (game.isRunning) loop.callback = step;
  game.scale.on('resize', () => {
    pending = SETTLE_FRAMES;
  });
  return {
    request() {
      pending = Math.max(pending, 1);
    },
    get rendered() {
      return rendered;
    },
  };
}
