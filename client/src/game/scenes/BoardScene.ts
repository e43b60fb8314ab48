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
import { drawCursorAndGhost, drawHeap } from '../draw-heap';
import { drawClock, drawHud, drawInfo } from '../draw-hud';
import type { DrawContext, Layers } from '../draw-kit';
import { drawRequest } from '../draw-request';
import { drawShelf } from '../draw-shelf';
import { drawSource } from '../draw-source';
import { drawStack } from '../draw-stack';
import { scrollToShow } from '../heap-grid';
import { Hits } from '../hits';
import { attachKeyboard } from '../input-keyboard';
import { attachPointer } from '../input-pointer';
import type { Intent } from '../keymap';
import { type BoardLayout, computeLayout } from '../layout';
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
  restart(): void;
  start(): void;
  next(): void;
  ready(scene: BoardScene): void;
}

/** Layers painted into the cache; `glow` and `ghost` stay live on top of it. */
const CACHED_LAYERS = ['panels', 'cells', 'objects', 'arrows', 'marks', 'cards'] as const;

export class BoardScene extends Phaser.Scene {
  link!: SceneLink;
  layout!: BoardLayout;
  hits = new Hits();
  private texts!: TextPool;
  private g!: Layers;
  private dirty = true;
  /** Only the cursor, ghost or clock changed: redraw those, keep the cache. */
  private liveDirty = false;
  private boardCache!: Phaser.GameObjects.RenderTexture;
  private fade: Phaser.Time.TimerEvent | null = null;
  private detach: (() => void)[] = [];

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
      glow: layer(4.6),
      marks: layer(4.8),
      cards: layer(20),
      ghost: layer(8.5),
    };
    this.boardCache = this.add
      .renderTexture(0, 0, this.scale.width, this.scale.height)
      .setOrigin(0, 0)
      .setDepth(0);
    // Drawn only into the cache, never by the camera: one textured quad a frame instead of thousands of shapes.
    for (const k of CACHED_LAYERS) this.g[k].setVisible(false);
    this.texts = new TextPool(this, 1);
    this.relayout();
    this.scale.on('resize', () => {
      this.boardCache.resize(this.scale.width, this.scale.height);
      this.relayout();
      this.invalidate();
    });
    this.detach.push(attachKeyboard(this), attachPointer(this));
    this.events.once('shutdown', () => this.cleanup());
    this.events.once('destroy', () => this.cleanup());
    this.redraw();
    this.link.ready(this);
  }

  private cleanup(): void {
    for (const d of this.detach.splice(0)) d();
    this.texts?.destroy();
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

  /** Redraw only the live parts (cursor, ghost, clock) on the next frame. */
  invalidateLive(): void {
    this.liveDirty = true;
  }

  /** A new state arrived: relight what changed, and relayout if the heap's size changed. */
  stateChanged(changed: boolean): void {
    if (this.layout.grid.cells !== Math.max(1, this.model.heapCells)) this.relayout();
    if (changed) this.pulse();
    this.invalidate();
  }

  /**
   * Light what changed, hold, then fade in a few steps. Steps rather than a tween: each
   * frame of a smooth fade would re-render the whole board, which costs a phone (or a
   * software renderer) far more than the fade is worth. Reduced motion: hold, then off.
   */
  private pulse(): void {
    this.fade?.remove();
    this.g.glow.setAlpha(1);
    const steps = this.link.reducedMotion ? 1 : 2;
    const hold = this.link.reducedMotion ? HIGHLIGHT_MS : HIGHLIGHT_MS / 2;
    let left = steps;
    const fadeStep = () => {
      left--;
      this.g.glow.setAlpha(left / steps);
      this.link.requestRender();
      this.fade = left > 0 ? this.time.delayedCall((HIGHLIGHT_MS - hold) / steps, fadeStep) : null;
    };
    this.fade = this.time.delayedCall(hold, fadeStep);
  }

  override update(): void {
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
      command: (name) => this.command(name),
    };
  }

  private redrawLive(): void {
    this.liveDirty = false;
    // Under a card everything is part of the dimmed picture in the cache.
    if (this.model.overlay) {
      this.redraw();
      return;
    }
    const ctx = this.context();
    drawCursorAndGhost(ctx);
    drawClock(ctx);
    this.link.requestRender();
  }

  /** True while something moves on its own (the highlight fading), so every frame must render. */
  get animating(): boolean {
    return this.tweens.getTweens().length > 0;
  }

  redraw(): void {
    this.dirty = false;
    this.liveDirty = false;
    this.link.requestRender();
    for (const gr of Object.values(this.g)) gr.clear();
    this.hits.clear();
    this.texts.begin();
    const ctx = this.context();
    drawHud(ctx);
    drawClock(ctx);
    drawSource(ctx);
    drawRequest(ctx);
    const locals = drawStack(ctx);
    const objects = drawHeap(ctx);
    drawShelf(ctx, objects);
    drawArrows(ctx, locals, objects);
    drawInfo(ctx);
    drawCursorAndGhost(ctx);
    if (this.model.overlay) {
      const below = this.hits.size;
      drawCard(ctx);
      this.hits.onlyAbove(below);
    }
    this.texts.end();
    this.compose();
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
      case 'cursor':
        m.cursor = intent.cell;
        m.cursorActive = true;
        m.ghostCell = null;
        m.scrollRow = scrollToShow(this.layout.grid, m.cursor, m.scrollRow);
        break;
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
