/**
 * A student's screen between rounds and at the end: their own rank, round score and how
 * their place changed, then whatever the projector shows (podium, top of the standings).
 * Ranks seen after each round are kept for the tab's life so a reload still shows the change.
 */
import type { LeaderboardView, RoundResultsView } from '../../../shared/protocol';
import { h } from './dom';
import { ordinal, renderPodium, renderStandings, resultsHeading } from './podium';

function rankKey(code: string): string {
  return `arena.ranks.${code}`;
}

function loadRanks(code: string): Record<number, number> {
  try {
    return JSON.parse(sessionStorage.getItem(rankKey(code)) ?? '{}') as Record<number, number>;
  } catch {
    return {};
  }
}

function saveRank(code: string, round: number, rank: number): void {
  try {
    sessionStorage.setItem(rankKey(code), JSON.stringify({ ...loadRanks(code), [round]: rank }));
  } catch {
    // no storage: the change is simply not shown after a reload
  }
}

/**
 * The last results this tab received for a room. The server pushes results once, when a
 * round ends; a reload or a rejoin in the same tab shows them again from here.
 */
export function rememberResults(code: string, view: RoundResultsView): void {
  try {
    sessionStorage.setItem(`arena.results.${code}`, JSON.stringify(view));
  } catch {
    // no storage: a reload waits for the next results instead
  }
}

export function recallResults(code: string, round: number | null): RoundResultsView | null {
  try {
    const view = JSON.parse(
      sessionStorage.getItem(`arena.results.${code}`) ?? 'null',
    ) as RoundResultsView | null;
    return view && (round === null || view.round === round) ? view : null;
  } catch {
    return null;
  }
}

export function renderStudentResults(
  code: string,
  view: RoundResultsView,
  total: number | null,
): HTMLElement {
  const mine = view.you?.result ?? null;
  const standing = view.you?.standing ?? null;
  const ranks = loadRanks(code);
  const previous = ranks[view.round - 1];
  if (standing) saveRank(code, view.round, standing.rank);
  const change = standing && previous !== undefined ? previous - standing.rank : null;
  const out = total ?? view.standings.length;

  const own = h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'you-title', 'data-testid': 'my-result' },
    h('h2', { id: 'you-title' }, 'You'),
    mine
      ? h(
          'div',
          {},
          h('p', { class: 'muted' }, 'This round'),
          h(
            'p',
            {},
            h('strong', { class: 'big-number', 'data-testid': 'my-round-score' }, mine.score),
            ' points',
          ),
          h('p', { 'data-testid': 'my-rank' }, `${ordinal(mine.rank)} of ${Math.max(out, mine.rank)}`),
        )
      : h('p', {}, 'You did not play this round.'),
    standing
      ? h(
          'p',
          { 'data-testid': 'my-standing' },
          `Overall: ${ordinal(standing.rank)} with ${standing.total} points `,
          change === null || change === 0
            ? h('span', { class: 'muted' }, change === 0 ? '(same place)' : '')
            : h(
                'span',
                { class: change > 0 ? 'delta-up' : 'delta-down' },
                `${Math.abs(change)} ${Math.abs(change) === 1 ? 'place' : 'places'} ${change > 0 ? 'up' : 'down'}`,
              ),
        )
      : null,
  );

  return h(
    'div',
    { class: 'stack' },
    h('h1', {}, resultsHeading(view)),
    own,
    view.podium.length > 0
      ? h('section', { class: 'card', 'aria-label': 'Podium' }, renderPodium(view.podium))
      : null,
    view.standings.length > 0
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'standings-title' },
          h('h2', { id: 'standings-title' }, 'Standings'),
          renderStandings(view.standings, 10),
        )
      : null,
    h(
      'p',
      { class: 'muted' },
      view.final ? 'Thanks for playing!' : 'Waiting for the teacher to start the next round…',
    ),
  );
}

/** The live leaderboard for students, when the room shows it during rounds. */
export function renderStudentLeaderboard(view: LeaderboardView): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'lb-title', 'data-testid': 'student-leaderboard' },
    h('h2', { id: 'lb-title' }, view.kind === 'round' ? 'This round' : 'Standings'),
    h(
      'ol',
      { class: 'plain leaderboard' },
      view.top
        .slice(0, 10)
        .map((row) =>
          h(
            'li',
            {},
            h('span', { class: 'rank' }, row.rank),
            h('span', { class: 'name' }, row.nickname),
            h('span', { class: 'score' }, row.score),
          ),
        ),
    ),
    view.you ? h('p', {}, `You: ${ordinal(view.you.rank)} of ${view.total} with ${view.you.score}`) : null,
  );
}
