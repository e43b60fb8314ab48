/** The read-only `window.__arena.board` hook that browser tests read (see `BoardTestHook`). */
import { cellRect, offsetToCell } from './heap-grid';
import type { BoardScene } from './scenes/BoardScene';
import type { BoardTestHook } from './types';

type ArenaWindow = Window & { __arena?: Record<string, unknown> };

function center(scene: BoardScene, r: { x: number; y: number; w: number; h: number } | null) {
  return r ? scene.toPage(r.x + r.w / 2, r.y + r.h / 2) : null;
}

export function installTestHook(scene: BoardScene): () => void {
  const model = scene.model;
  const hook: BoardTestHook = {
    ready: true,
    mode: model.mode,
    get state() {
      return model.state;
    },
    cellToScreen(offset) {
      return center(scene, cellRect(scene.layout.grid, offsetToCell(offset), model.scrollRow));
    },
    objectScreenPos(id) {
      const hit = scene.hits.find(`shelf:${id}`) ?? findById(scene, id);
      if (hit) return center(scene, hit.rect);
      const obj = model.state?.objects[id];
      if (!obj || obj.address === null) return null;
      return center(scene, cellRect(scene.layout.grid, offsetToCell(obj.address), model.scrollRow));
    },
    buttonScreenPos(name) {
      const hit = scene.hits.find(name);
      return hit?.enabled ? center(scene, hit.rect) : null;
    },
    get work() {
      return { redraws: scene.redraws, rendered: scene.link.renderedFrames(), livePaints: scene.live.paints };
    },
  };
  const w = window as ArenaWindow;
  w.__arena ??= {};
  w.__arena.board = hook;
  return () => {
    if (w.__arena?.board === hook) delete w.__arena.board;
  };
}

function findById(scene: BoardScene, id: string) {
  for (let i = 0; i < 64; i++) {
    const h = scene.hits.find(`pending-${i}`);
    if (!h) break;
    if (h.id === id) return h;
  }
  return null;
}
