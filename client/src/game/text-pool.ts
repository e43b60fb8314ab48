/**
 * Text objects reused between redraws. Each piece of text has a stable key (e.g.
 * `obj:o12:label`); a redraw asks for the texts it needs, and the ones not asked for are
 * hidden. Re-rendering a Phaser Text is costly, so text and style are only touched when
 * they change.
 */
import type * as Phaser from 'phaser';
import { MONO, SANS } from './palette';

export interface TextOptions {
  size: number;
  color?: string;
  mono?: boolean;
  bold?: boolean;
  /** Wrap at this width (pixels). */
  wrap?: number;
  align?: 'left' | 'center' | 'right';
  /** 0..1 along each axis, like Phaser's origin. */
  originX?: number;
  originY?: number;
  depth?: number;
  alpha?: number;
  /** Clip to this width (pixels), for source lines longer than their panel. */
  clipWidth?: number;
  background?: string;
}

interface Entry {
  text: Phaser.GameObjects.Text;
  content: string;
  style: string;
  used: boolean;
}

export class TextPool {
  private entries = new Map<string, Entry>();

  constructor(
    private scene: Phaser.Scene,
    private resolution: number,
  ) {}

  begin(): void {
    for (const e of this.entries.values()) e.used = false;
  }

  put(key: string, content: string, x: number, y: number, o: TextOptions): Phaser.GameObjects.Text {
    const styleKey = [o.size, o.color, o.mono, o.bold, o.wrap, o.align, o.background].join('|');
    let e = this.entries.get(key);
    if (!e) {
      const text = this.scene.add.text(0, 0, content, this.style(o));
      text.setResolution(this.resolution);
      e = { text, content, style: styleKey, used: true };
      this.entries.set(key, e);
    } else {
      if (e.style !== styleKey) {
        e.text.setStyle(this.style(o));
        e.style = styleKey;
      }
      if (e.content !== content) {
        e.text.setText(content);
        e.content = content;
      }
    }
    e.used = true;
    const t = e.text;
    t.setPosition(Math.round(x), Math.round(y));
    t.setOrigin(o.originX ?? 0, o.originY ?? 0);
    t.setDepth(o.depth ?? 5);
    t.setAlpha(o.alpha ?? 1);
    t.setVisible(true);
    if (o.clipWidth !== undefined && t.width > o.clipWidth) t.setCrop(0, 0, o.clipWidth, t.height);
    else t.setCrop();
    return t;
  }

  /** Hide what this redraw did not ask for; drop long-unused texts so a crowded level does not leak. */
  end(): void {
    let hidden = 0;
    for (const [key, e] of this.entries) {
      if (e.used) continue;
      e.text.setVisible(false);
      if (++hidden > 200) {
        e.text.destroy();
        this.entries.delete(key);
      }
    }
  }

  /** Texts of this redraw that go into the board's cache, in drawing order; they are hidden from the camera. */
  takeCached(): Phaser.GameObjects.Text[] {
    const out: Phaser.GameObjects.Text[] = [];
    for (const e of this.entries.values()) {
      if (!e.used) continue;
      out.push(e.text);
    }
    return out;
  }

  get(key: string): Phaser.GameObjects.Text | undefined {
    const e = this.entries.get(key);
    return e?.used ? e.text : undefined;
  }

  setResolution(resolution: number): void {
    this.resolution = resolution;
    for (const e of this.entries.values()) e.text.setResolution(resolution);
  }

  destroy(): void {
    for (const e of this.entries.values()) e.text.destroy();
    this.entries.clear();
  }

  private style(o: TextOptions): Phaser.Types.GameObjects.Text.TextStyle {
    return {
      fontFamily: o.mono ? MONO : SANS,
      fontSize: `${Math.max(6, Math.round(o.size))}px`,
      fontStyle: o.bold ? 'bold' : 'normal',
      color: o.color ?? '#eef2f6',
      align: o.align ?? 'left',
      wordWrap: o.wrap ? { width: o.wrap, useAdvancedWrap: true } : undefined,
      backgroundColor: o.background,
    };
  }
}

/** How many characters of a monospace font of `size` px fit in `width` px. */
export function monoFit(width: number, size: number): number {
  return Math.max(0, Math.floor(width / (size * 0.61)));
}

/** Shorten to `max` characters with an ellipsis. */
export function ellipsize(text: string, max: number): string {
  if (max <= 0) return '';
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
