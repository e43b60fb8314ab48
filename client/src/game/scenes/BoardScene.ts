/**
 * The one scene of the board. It draws the model (a game state plus view state) and
 * forwards input: keys and pointers become simulator actions for the shell, or view
 * changes such as moving the cursor. It never changes a game state itself.
 */
import * as Phaser from 'phaser';
import type { Action } from '../../../../shared/sim/types';
import { AUTO_LABELS_AT, AUTO_LABELS_AT_COMPACT, type BoardModel, HIGHLIGHT_MS } from '../board-model';
import { drawArrows } from '../draw-arrows';
import { drawCard } from '../draw-cards';
import { drawHeap } from '../draw-heap';
import { clockFits, drawHud, drawInfo, hudFor } from '../draw-hud';
import type { DrawContext, Layers } from '../draw-kit';
import { drawLive, type Lit } from '../draw-live';
import { drawRequest } from '../draw-request';
import { drawShelf } from '../draw-shelf';
import { drawSource } from '../draw-source';
import { drawStack } from '../draw-stack';
import { scrollToShow } from '../heap-grid';
import { type Hit, Hits } from '../hits';
import { attachKeyboard } from '../input-keyboard';
import { attachPointer, type PointerInput } from '../input-pointer';
import type { Intent } from '../keymap';
import { type BoardLayout, computeLayout, type HudSlots } from '../layout';
import { LiveLayer } from '../live-layer';
import { THEME } from '../palette';
import { TextPool } from '../text-pool';

/** What the scene needs from whoever mounted it. */
export interface SceneLink {
  model: BoardModel;
  pixelRatio: number;
  compact: boolean | undefined;
  reducedMotion: boolean;
  /** The element that takes keyboard focus. */
  keyTarget: HTMLElement;
  act(action: Action): void;
  /** The board changed: render the next frames (rendering is skipped while nothing changes). */
  requestRender(): void;
  /** Frames the WebGL canvas has rendered so far. */
  renderedFrames(): number;
  restart(): void;
  start(): void;
  next(): void;
  ready(scene: BoardScene): void;
}

/** Layers painted into the cache, in depth order. */
const CACHED_LAYERS = ['panels', 'cells', 'objects', 'arrows', 'marks', 'cards'] as const;

export class BoardScene extends Phaser.Scene {
  link!: SceneLink;
  layout!: BoardLayout;
  hits = new Hits();
  private texts!: TextPool;
  private g!: Layers;
  private dirty = true;
  /** Only the live layer (cursor, ghost, hover, light, clock) changed: repaint it, keep the board. */
  private liveDirty = false;
  private boardCache!: Phaser.GameObjects.RenderTexture;
  /** The SVG layer over the board for what changes without the board changing. */
  live!: LiveLayer;
  private lit: Lit[] = [];
  private hud!: HudSlots;
  private litAlpha = 0;
  /** What the mouse is over (an enabled hit), outlined on the live layer. */
  hover: Hit | null = null;
  private pointer!: PointerInput;
  private fade: Phaser.Time.TimerEvent | null = null;
  private detach: (() => void)[] = [];
  /** Full redraws of the board (for the frame-rate checks). */
  redraws = 0;

  constructor() {
    super('BoardScene');
  }

  init(data: { link: SceneLink }): void {
    if (!data?.link) throw new Error('BoardScene needs a link to its board');
    this.link = data.link;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(THEME.background);
    const layer = (depth: number) => this.add.graphics().setDepth(depth);
    this.g = {
      panels: layer(1),
      cells: layer(2),
      objects: layer(3),
      arrows: layer(4.5),
      marks: layer(4.8),
      cards: layer(20),
    };
    this.boardCache = this.add
      .renderTexture(0, 0, this.scale.width, this.scale.height)
      .setOrigin(0, 0)
      .setDepth(0);
    // Drawn only into the cache, never by the camera: one textured quad a frame instead of thousands of shapes.
    for (const k of CACHED_LAYERS) this.g[k].setVisible(false);
    this.texts = new TextPool(this, 1);
    this.live = new LiveLayer(this.game.canvas);
    this.live.fit();
    this.relayout();
    this.scale.on('resize', () => {
      this.boardCache.resize(this.scale.width, this.scale.height);
      this.live.fit();
      this.relayout();
      this.invalidate();
    });
    this.pointer = attachPointer(this);
    this.detach.push(attachKeyboard(this), () => this.pointer.detach());
    this.events.once('shutdown', () => this.cleanup());
    this.events.once('destroy', () => this.cleanup());
    this.redraw();
    this.link.ready(this);
  }

  private cleanup(): void {
    for (const d of this.detach.splice(0)) d();
    this.texts?.destroy();
    this.live?.destroy();
  }

  get model(): BoardModel {
    return this.link.model;
  }

  /** Recompute where everything goes: after a resize, or for a level with another heap size. */
  relayout(): void {
    this.layout = computeLayout({
      width: this.scale.width,
      height: this.scale.height,
      pixelRatio: this.link.pixelRatio,
      compact: this.link.compact,
      heapCells: this.model.heapCells,
    });
    this.model.scrollRow = scrollToShow(this.layout.grid, this.model.cursor, this.model.scrollRow);
    this.model.autoLabelsAt = this.layout.compact ? AUTO_LABELS_AT_COMPACT : AUTO_LABELS_AT;
  }

  invalidate(): void {
    this.dirty = true;
  }

  /** Repaint only the live layer (cursor, ghost, hover, light, clock) on the next frame. */
  invalidateLive(): void {
    this.liveDirty = true;
  }

  /** Only the score's number changed (same stars, same width): repaint it where it is. */
  scoreChanged(): void {
    if (this.model.overlay) this.invalidate();
    else this.invalidateLive();
  }

  /**
   * The clock's text changed: under a card it is part of the board's picture, and when it
   * outgrows its room (e.g. "paused") the header is laid out again; otherwise it is live.
   */
  clockChanged(): void {
    if (this.model.overlay || !clockFits(this.layout, this.model, this.hud)) this.invalidate();
    else this.invalidateLive();
  }

  /** A new state arrived: relight what changed, and relayout if the heap's size changed. */
  stateChanged(changed: boolean): void {
    if (this.layout.grid.cells !== Math.max(1, this.model.heapCells)) this.relayout();
    if (changed) this.pulse();
    this.invalidate();
  }

  /**
   * Light what changed, hold, then fade in a few steps on the live layer. Steps rather than
   * every frame: a board at rest should cost nothing. Reduced motion: hold, then off.
   */
  private pulse(): void {
    this.fade?.remove();
    this.litAlpha = 1;
    const steps = this.link.reducedMotion ? 1 : 3;
    const hold = this.link.reducedMotion ? HIGHLIGHT_MS : HIGHLIGHT_MS / 2;
    let left = steps;
    const fadeStep = () => {
      left--;
      this.litAlpha = left / steps;
      this.invalidateLive();
      this.fade = left > 0 ? this.time.delayedCall((HIGHLIGHT_MS - hold) / steps, fadeStep) : null;
    };
    this.fade = this.time.delayedCall(hold, fadeStep);
  }

  /** Once a frame: the latest pointer position, then whatever needs drawing. */
  override update(): void {
    this.pointer.flush();
    if (this.dirty) this.redraw();
    else if (this.liveDirty) this.redrawLive();
  }

  private context(): DrawContext {
    return {
      layout: this.layout,
      model: this.model,
      texts: this.texts,
      hits: this.hits,
      g: this.g,
      lit: this.lit,
      command: (name) => this.command(name),
    };
  }

  /** The live layer only: the board's picture (and the WebGL canvas) stay as they are. */
  private redrawLive(): void {
    this.liveDirty = false;
    drawLive({
      layout: this.layout,
      model: this.model,
      live: this.live,
      lit: this.lit,
      litAlpha: this.litAlpha,
      hover: this.hover,
      hud: this.hud,
    });
  }

  /** True while something moves on its own (the highlight fading), so every frame must render. */
  get animating(): boolean {
    return this.tweens.getTweens().length > 0;
  }

  redraw(): void {
    this.dirty = false;
    this.redraws++;
    this.link.requestRender();
    for (const gr of Object.values(this.g)) gr.clear();
    this.hits.clear();
    this.lit.length = 0;
    this.texts.begin();
    const ctx = this.context();
    this.hud = hudFor(this.layout, this.model);
    drawHud(ctx, this.hud);
    drawSource(ctx);
    drawRequest(ctx);
    const locals = drawStack(ctx);
    const objects = drawHeap(ctx);
    drawShelf(ctx, objects);
    drawArrows(ctx, locals, objects);
    drawInfo(ctx);
    if (this.model.overlay) {
      const below = this.hits.size;
      drawCard(ctx);
      this.hits.onlyAbove(below);
    }
    this.texts.end();
    this.compose();
    // The hovered button may be gone or moved: find it again in the new picture.
    this.pointer.refreshHover();
    this.redrawLive();
  }

  /** Paint the board's still parts into the cache, in depth order, and hide them from the camera. */
  private compose(): void {
    const texts = this.texts.takeCached();
    const still = [...CACHED_LAYERS.map((k) => this.g[k]), ...texts].sort((a, b) => a.depth - b.depth);
    for (const t of texts) t.setVisible(true);
    this.boardCache.clear();
    this.boardCache.draw(still);
    this.boardCache.render();
    for (const t of texts) t.setVisible(false);
  }

  /** A button was pressed (by pointer or by the test's click). */
  command(name: string): void {
    const m = this.model;
    const req = m.state?.request;
    if (name.startsWith('answer-')) {
      this.act({ type: 'answer', option: Number(name.slice(7)) });
      return;
    }
    switch (name) {
      case 'push': {
        const fn = req?.kind === 'push' ? req.fn : m.keyContext(1).fallbackFn;
        if (fn) this.act({ type: 'push', fn });
        return;
      }
      case 'pop':
        this.act({ type: 'pop' });
        return;
      case 'raise':
        this.act({ type: 'raise', error: req?.kind === 'place' ? 'MemoryError' : 'RecursionError' });
        return;
      case 'free': {
        const ids = m.selection.length > 0 ? [...m.selection] : m.focusedId ? [m.focusedId] : [];
        if (ids.length > 0) this.act({ type: 'free', objectIds: ids });
        return;
      }
      default:
        this.intent({ kind: name as 'help' | 'labels' | 'close' | 'start' | 'retry' | 'next' });
    }
  }

  act(action: Action): void {
    if (!this.model.interactive || this.model.overlay) return;
    if (action.type === 'free') this.model.selection = [];
    this.link.act(action);
    this.invalidate();
  }

  /** Apply a keyboard or pointer intent. */
  intent(intent: Intent): void {
    const m = this.model;
    switch (intent.kind) {
      case 'action':
        this.act(intent.action);
        break;
      case 'cursor': {
        const scroll = m.scrollRow;
        m.cursor = intent.cell;
        m.cursorActive = true;
        m.ghostCell = null;
        m.scrollRow = scrollToShow(this.layout.grid, m.cursor, m.scrollRow);
        // The cursor and the ghost are on the live layer: the board changes only if the heap scrolled.
        if (m.scrollRow === scroll) {
          this.invalidateLive();
          return;
        }
        break;
      }
      case 'focus-next':
        m.focusNext(intent.step);
        m.scrollRow = scrollToShow(this.layout.grid, m.cursor, m.scrollRow);
        break;
      case 'toggle-select':
        m.toggleSelect();
        break;
      case 'pick-pending':
        m.pickPending(intent.index);
        break;
      case 'help':
        m.helpOpen = !m.helpOpen;
        break;
      case 'labels':
        m.toggleLabels();
        break;
      case 'close':
        if (m.helpOpen) m.helpOpen = false;
        else {
          m.selection = [];
          m.focus(null);
        }
        break;
      case 'start':
        if (m.introOpen) {
          m.introOpen = false;
          this.link.start();
        }
        break;
      case 'retry':
        if (m.canRetry) this.link.restart();
        break;
      case 'next':
        if (m.hasNext) this.link.next();
        break;
    }
    this.invalidate();
  }

  /** Canvas pixels → page pixels, for the test hook. */
  toPage(x: number, y: number): { x: number; y: number } {
    const canvas = this.game.canvas;
    const box = canvas.getBoundingClientRect();
    return {
      x: box.left + window.scrollX + (x * box.width) / canvas.width,
      y: box.top + window.scrollY + (y * box.height) / canvas.height,
    };
  }
}
