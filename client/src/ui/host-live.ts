/**
 * The live round on the projector: the leaderboard (never more than the top 20 names, so
 * it stays readable) and every student's progress, each row a button to watch them live.
 */
import type { LeaderboardRow, LeaderboardView, ProgressRow, ProgressView } from '../../../shared/protocol';
import { h, replace } from './dom';

/** Students by id; a line without one (an anonymised board) by its name. */
const boardKey = (row: LeaderboardRow) => row.playerId ?? `name:${row.nickname}`;

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Puts `children` in `parent` in this order, moving nothing that is already in place. */
function keepInOrder(parent: HTMLElement, children: HTMLElement[]): void {
  const current = [...parent.children];
  if (current.length === children.length && current.every((child, i) => child === children[i])) return;
  parent.replaceChildren(...children);
}

/** More names than this cannot be read from the back of a classroom. */
export const LEADERBOARD_NAMES = 20;

const STATUS_WORDS: Record<ProgressRow['status'], string> = {
  running: 'playing',
  complete: '✓ done',
  crashed: '✗ crashed',
  timeout: 'out of time',
};

export class LivePanel {
  private readonly rows = new Map<string, ProgressRow>();
  private readonly progressLines = new Map<
    string,
    {
      nickname: string;
      tr: HTMLElement;
      watch: HTMLElement;
      bar: HTMLElement;
      fill: HTMLElement;
      cells: HTMLElement[];
    }
  >();
  private readonly boardItems = new Map<string, { li: HTMLElement; rank: HTMLElement; score: HTMLElement }>();
  private round = -1;
  private readonly board = h('ol', { class: 'plain leaderboard', 'data-testid': 'leaderboard' });
  private readonly boardTitle = h('h2', { id: 'lb-title' }, 'Leaderboard');
  private readonly progressBody = h('tbody', {});
  readonly element: HTMLElement;

  constructor(private readonly onWatch: (playerId: string, nickname: string) => void) {
    this.element = h(
      'div',
      { class: 'stack' },
      h('section', { class: 'card', 'aria-labelledby': 'lb-title' }, this.boardTitle, this.board),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'progress-title' },
        h('h2', { id: 'progress-title' }, 'Progress'),
        h(
          'div',
          { style: 'max-height:420px;overflow:auto' },
          h(
            'table',
            { 'data-testid': 'progress' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Student'),
                h('th', { scope: 'col' }, 'Program'),
                h('th', { class: 'num', scope: 'col' }, 'Score'),
                h('th', { class: 'num', scope: 'col' }, 'Stack'),
                h('th', { class: 'num', scope: 'col' }, 'Heap'),
                h('th', { class: 'num', scope: 'col' }, 'Mistakes'),
                h('th', { class: 'num', scope: 'col' }, 'Crashes'),
                h('th', { scope: 'col' }, 'State'),
              ),
            ),
            this.progressBody,
          ),
        ),
      ),
    );
    this.renderBoard({ round: null, kind: 'round', top: [], total: 0 });
  }

  renderBoard(view: LeaderboardView): void {
    this.boardTitle.textContent =
      view.kind === 'round' ? 'Leaderboard: this round' : 'Leaderboard: all rounds';
    if (view.top.length === 0) {
      this.boardItems.clear();
      replace(this.board, h('li', { class: 'muted' }, 'Scores appear here once the round starts.'));
      return;
    }
    const rows = view.top.slice(0, LEADERBOARD_NAMES);
    const items = rows.map((row) => this.boardItem(row));
    const keys = new Set(rows.map(boardKey));
    for (const key of [...this.boardItems.keys()]) if (!keys.has(key)) this.boardItems.delete(key);
    const more =
      view.total > LEADERBOARD_NAMES
        ? h('li', { class: 'muted' }, `… and ${view.total - LEADERBOARD_NAMES} more`)
        : null;
    keepInOrder(this.board, more ? [...items, more] : items);
  }

  /**
   * A board line, made once per student and then only updated: the board changes a few
   * times a second, and a Watch button that was replaced between press and release would
   * swallow the teacher's click.
   */
  private boardItem(row: LeaderboardRow): HTMLElement {
    const key = boardKey(row);
    let item = this.boardItems.get(key);
    if (!item) {
      const rank = h('span', { class: 'rank' });
      const score = h('span', { class: 'score', 'data-testid': 'lb-score' });
      const { playerId, nickname } = row;
      const name = playerId
        ? h(
            'button',
            {
              type: 'button',
              class: 'name',
              onclick: () => this.onWatch(playerId, nickname),
              'aria-label': `Watch ${nickname}`,
            },
            nickname,
          )
        : h('span', { class: 'name' }, nickname);
      item = { li: h('li', { 'data-player': playerId ?? '' }, rank, name, score), rank, score };
      this.boardItems.set(key, item);
    }
    setText(item.rank, String(row.rank));
    setText(item.score, String(row.score));
    return item.li;
  }

  applyProgress(view: ProgressView): void {
    if (view.full || view.round !== this.round) this.rows.clear();
    this.round = view.round;
    for (const row of view.rows) this.rows.set(row.playerId, row);
    for (const id of view.removed) this.rows.delete(id);
    this.renderProgress();
  }

  clearProgress(): void {
    this.rows.clear();
    this.renderProgress();
  }

  private renderProgress(): void {
    const rows = [...this.rows.values()].sort((a, b) => a.nickname.localeCompare(b.nickname));
    for (const id of [...this.progressLines.keys()]) if (!this.rows.has(id)) this.progressLines.delete(id);
    keepInOrder(
      this.progressBody,
      rows.map((row) => this.progressLine(row)),
    );
  }

  /** A table row, made once per student and then only updated (as the board's lines are). */
  private progressLine(r: ProgressRow): HTMLElement {
    let line = this.progressLines.get(r.playerId);
    if (!line || line.nickname !== r.nickname) {
      const { playerId, nickname } = r;
      const watch = h('button', {
        type: 'button',
        class: 'small',
        onclick: () => this.onWatch(playerId, nickname),
        'aria-label': `Watch ${nickname}`,
      });
      const fill = h('span', {});
      const bar = h(
        'div',
        { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 },
        fill,
      );
      const cells = Array.from({ length: 6 }, (_, i) => h('td', i < 5 ? { class: 'num' } : {}));
      const tr = h('tr', { 'data-player': playerId }, h('td', {}, watch), h('td', {}, bar), ...cells);
      line = { nickname, tr, watch, bar, fill, cells };
      this.progressLines.set(playerId, line);
    }
    const pct = Math.round(r.progress * 100);
    setText(line.watch, `${r.connected ? '' : '○ '}${r.nickname}`);
    line.bar.setAttribute('aria-valuenow', String(pct));
    line.bar.setAttribute('aria-label', `${r.nickname}: ${pct}% of the program`);
    line.fill.style.width = `${pct}%`;
    const heap = `${Math.round((r.heapUsed / Math.max(1, r.heapBytes)) * 100)}%`;
    const texts = [r.score, r.stackDepth, heap, r.mistakes, r.crashes, STATUS_WORDS[r.status]];
    for (const [i, text] of texts.entries()) setText(line.cells[i] as HTMLElement, String(text));
    return line.tr;
  }
}
