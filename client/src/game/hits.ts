/**
 * Everything tappable on the board, rebuilt on every redraw: buttons, objects, pending
 * objects. Pointer input, keyboard focus and the test hook all read this one list.
 */
import type { Rect } from './heap-grid';

export type HitKind = 'button' | 'object' | 'pending' | 'local';

export interface Hit {
  name: string;
  kind: HitKind;
  rect: Rect;
  enabled: boolean;
  /** Object id for objects and pending objects. */
  id?: string;
  press?: () => void;
}

export class Hits {
  private list: Hit[] = [];

  clear(): void {
    this.list = [];
  }

  add(hit: Hit): void {
    this.list.push(hit);
  }

  /** The last-added hit under a point: cards are drawn (and added) after the board beneath them. */
  at(x: number, y: number, only?: (h: Hit) => boolean): Hit | null {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const h = this.list[i]!;
      const r = h.rect;
      if (x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h && (!only || only(h))) return h;
    }
    return null;
  }

  find(name: string): Hit | null {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.name === name) return this.list[i]!;
    return null;
  }

  /** While a card is open only its own buttons take input; the board beneath is inert. */
  onlyAbove(index: number): void {
    this.list = this.list.slice(index);
  }

  get size(): number {
    return this.list.length;
  }
}
