/**
 * Solo level select. Levels are played in the lesson's order: the first is open, and
 * passing a level (at least one star) opens the next. Best stars live in localStorage.
 */
import type { Level } from '../../../shared/level/schema';
import { allLevels } from '../levels';
import { navigate } from '../router';
import type { Screen } from '../screen';
import { storage } from '../storage';
import { button, focusHeading, h, replace } from './dom';

export function starText(stars: number): string {
  return `${'★'.repeat(stars)}${'☆'.repeat(Math.max(0, 3 - stars))}`;
}

/** A level is open when it is the first or the one before it was passed. */
export function isUnlocked(levels: Level[], index: number, best: Record<string, { stars: number }>): boolean {
  if (index === 0) return true;
  const previous = levels[index - 1];
  return previous !== undefined && (best[previous.id]?.stars ?? 0) >= 1;
}

export function renderSoloSelect(root: HTMLElement): Screen {
  const levels = allLevels();
  const best = storage.soloBest();
  const cards = levels.map((level, index) => {
    const open = isUnlocked(levels, index, best);
    const mine = best[level.id];
    const stars = mine?.stars ?? 0;
    return h(
      'li',
      { class: 'card level-card', 'data-level': level.id, 'data-open': String(open) },
      h('h2', {}, `${index + 1}. ${level.title}`),
      h(
        'p',
        { class: 'level-facts' },
        h('span', { class: 'stars', role: 'img', 'aria-label': `${stars} of 3 stars` }, starText(stars)),
        h('span', { class: 'muted' }, mine ? ` best ${mine.score} · ${level.concept}` : ` ${level.concept}`),
      ),
      h(
        'div',
        { class: 'row' },
        open
          ? button('Play', () => navigate({ name: 'solo-play', levelId: level.id }), {
              class: 'primary',
              'aria-label': `Play ${level.title}`,
            })
          : h('span', { class: 'muted locked' }, `Locked: pass level ${index} first`),
        button('Watch a demo', () => navigate({ name: 'solo-demo', levelId: level.id }), {
          'aria-label': `Watch a demonstration of ${level.title}`,
        }),
        mine
          ? button('My best run', () => navigate({ name: 'solo-replay', levelId: level.id }), {
              'aria-label': `Replay my best run of ${level.title}`,
            })
          : null,
      ),
    );
  });
  replace(
    root,
    h(
      'section',
      { class: 'stack', 'aria-labelledby': 'solo-title' },
      h('h1', { id: 'solo-title' }, 'Solo: choose a level'),
      h('p', { class: 'muted' }, 'Pass a level with at least one star to open the next one.'),
      h('ol', { class: 'levels plain', role: 'list' }, cards),
      h('p', {}, h('a', { href: '#/' }, '← Home')),
    ),
  );
  focusHeading(root);
  return { dispose() {} };
}
