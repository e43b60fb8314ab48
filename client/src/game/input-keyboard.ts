/**
 * Keyboard play. Keys are read from the board's own focusable element (not the whole
 * window), so the shell's forms keep their keys; the map in `keymap.ts` decides what each
 * key means.
 */
import { translateKey } from './keymap';
import type { BoardScene } from './scenes/BoardScene';

export function attachKeyboard(scene: BoardScene): () => void {
  const target = scene.link.keyTarget;
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.metaKey) return;
    const intent = translateKey(
      { key: e.key, shift: e.shiftKey, ctrl: e.ctrlKey },
      scene.model.keyContext(scene.layout.grid.cols),
    );
    if (!intent) return;
    // Any key means keyboard play: show the heap cursor from now on.
    scene.model.cursorActive = true;
    // Tab, Space and arrows would otherwise move focus or scroll the page.
    e.preventDefault();
    scene.intent(intent);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
