/**
 * The page's ARIA live regions: a polite one fed by the board's narration and the app's
 * own news, and an assertive one for what must interrupt (a crash, a lost connection).
 * Repeated identical messages are re-announced by clearing the node first.
 */
const MAX_LINES = 6;

function region(id: string): HTMLElement | null {
  return document.getElementById(id);
}

export function announce(text: string): void {
  const live = region('live');
  if (!live || !text) return;
  const line = document.createElement('p');
  line.textContent = text;
  live.appendChild(line);
  while (live.childElementCount > MAX_LINES) live.firstElementChild?.remove();
}

export function alertNow(text: string): void {
  const el = region('alert');
  if (!el) return;
  el.textContent = '';
  // A fresh text node in a later task makes screen readers speak it even when it repeats.
  queueMicrotask(() => {
    el.textContent = text;
  });
}
