/** The podium and the standings table, shared by the projector and the students' screens. */
import type { ResultRow, RoundResultsView, StandingRow } from '../../../shared/protocol';
import { h } from './dom';

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const last = n % 10;
  return `${n}${last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th'}`;
}

export function renderPodium(podium: ResultRow[]): HTMLElement {
  // Drawn 2nd, 1st, 3rd so the winner stands in the middle; read in rank order by screen readers.
  const order = [podium[1], podium[0], podium[2]];
  const steps = order.map((row, i) => {
    if (!row) return h('div', { class: 'step', 'aria-hidden': 'true' });
    const place = row.rank;
    return h(
      'div',
      { class: `step p${place}`, style: `order:${i}`, 'data-testid': `podium-${place}` },
      h('span', { class: 'medal' }, ordinal(place)),
      h('span', { class: 'who' }, row.nickname),
      h(
        'span',
        { class: 'muted' },
        `${row.score} points`,
        row.stars > 0 ? ` · ${'★'.repeat(row.stars)}` : '',
      ),
    );
  });
  return h(
    'div',
    { class: 'stack' },
    h(
      'ol',
      { class: 'visually-hidden' },
      podium.map((row) => h('li', {}, `${ordinal(row.rank)}: ${row.nickname}, ${row.score} points`)),
    ),
    h('div', { class: 'podium', 'aria-hidden': 'true', 'data-testid': 'podium' }, steps),
  );
}

export function renderResultsTable(rows: ResultRow[], caption: string): HTMLElement {
  return h(
    'table',
    { 'data-testid': 'results-table' },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: 'num', scope: 'col' }, '#'),
        h('th', { scope: 'col' }, 'Name'),
        h('th', { class: 'num', scope: 'col' }, 'Score'),
        h('th', { class: 'num', scope: 'col' }, 'Stars'),
        h('th', { class: 'num', scope: 'col' }, 'Mistakes'),
        h('th', { class: 'num', scope: 'col' }, 'Crashes'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          h('td', { class: 'num' }, row.rank),
          h('td', {}, row.nickname, row.completed ? '' : h('span', { class: 'muted' }, ' (not finished)')),
          h('td', { class: 'num' }, row.score),
          h('td', { class: 'num', 'aria-label': `${row.stars} stars` }, '★'.repeat(row.stars) || '–'),
          h('td', { class: 'num' }, row.mistakes),
          h('td', { class: 'num' }, row.crashes),
        ),
      ),
    ),
  );
}

export function renderStandings(rows: StandingRow[], limit = 20): HTMLElement {
  return h(
    'ol',
    { class: 'plain leaderboard', 'data-testid': 'standings' },
    rows
      .slice(0, limit)
      .map((row) =>
        h(
          'li',
          {},
          h('span', { class: 'rank' }, row.rank),
          h('span', { class: 'name' }, row.nickname),
          h('span', { class: 'score' }, row.total),
        ),
      ),
  );
}

export function resultsHeading(view: RoundResultsView): string {
  return view.final ? 'Final results' : `Round ${view.round + 1} results`;
}
