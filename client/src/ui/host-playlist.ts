/**
 * The playlist editor: rounds of a level from the pack or a seeded rush level, each with
 * its seconds. Every change is sent at once; the server picks the seeds left blank.
 */
import type { RoundSpec, RoundSpecInput } from '../../../shared/protocol';
import { ROUND_SECONDS_MAX, ROUND_SECONDS_MIN } from '../../../shared/protocol';
import { allLevels, levelById } from '../levels';
import { button, h, replace } from './dom';

const DEFAULT_SECONDS = 120;

function describe(spec: RoundSpec | RoundSpecInput): string {
  if (spec.kind === 'rush') return `Rush${spec.rushSeed !== undefined ? ` #${spec.rushSeed}` : ''}`;
  return levelById(spec.levelId)?.title ?? spec.levelId;
}

export class PlaylistPanel {
  private rounds: RoundSpecInput[] = [];
  private current = -1;
  private readonly list = h('ol', { class: 'plain playlist', 'data-testid': 'playlist' });
  private readonly kind = h(
    'select',
    { id: 'pl-kind' },
    h('option', { value: 'level' }, 'Level'),
    h('option', { value: 'rush' }, 'Rush (mixed, fast)'),
  );
  private readonly level = h(
    'select',
    { id: 'pl-level' },
    allLevels().map((l, i) => h('option', { value: l.id }, `${i + 1}. ${l.title}`)),
  );
  private readonly seed = h('input', {
    id: 'pl-seed',
    type: 'number',
    inputmode: 'numeric',
    min: 0,
    placeholder: 'random',
  });
  private readonly seconds = h('input', {
    id: 'pl-seconds',
    type: 'number',
    inputmode: 'numeric',
    min: ROUND_SECONDS_MIN,
    max: ROUND_SECONDS_MAX,
    value: DEFAULT_SECONDS,
  });
  readonly element: HTMLElement;

  constructor(private readonly onChange: (rounds: RoundSpecInput[]) => void) {
    const seedField = h(
      'div',
      { class: 'field', hidden: true },
      h('label', { for: 'pl-seed' }, 'Rush seed'),
      this.seed,
    );
    const levelField = h('div', { class: 'field' }, h('label', { for: 'pl-level' }, 'Level'), this.level);
    this.kind.addEventListener('change', () => {
      seedField.hidden = this.kind.value !== 'rush';
      levelField.hidden = this.kind.value === 'rush';
    });
    const form = h(
      'form',
      { class: 'stack', 'aria-label': 'Add a round' },
      h('div', { class: 'field' }, h('label', { for: 'pl-kind' }, 'Round'), this.kind),
      levelField,
      seedField,
      h('div', { class: 'field' }, h('label', { for: 'pl-seconds' }, 'Seconds'), this.seconds),
      h('button', { type: 'submit', 'data-testid': 'add-round' }, 'Add round'),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.add();
    });
    this.element = h(
      'details',
      { class: 'card', open: true, 'data-testid': 'playlist-panel' },
      h('summary', {}, h('h2', { style: 'display:inline' }, 'Playlist')),
      this.list,
      form,
    );
  }

  private add(): void {
    const seconds = Math.min(
      ROUND_SECONDS_MAX,
      Math.max(ROUND_SECONDS_MIN, Math.round(Number(this.seconds.value) || DEFAULT_SECONDS)),
    );
    if (this.kind.value === 'rush') {
      const seed = this.seed.value === '' ? undefined : Math.max(0, Math.floor(Number(this.seed.value)));
      this.rounds.push({ kind: 'rush', seconds, ...(seed !== undefined ? { rushSeed: seed } : {}) });
    } else {
      this.rounds.push({ kind: 'level', levelId: this.level.value, seconds });
    }
    this.changed();
  }

  /** The server replaces only the rounds not played yet: send those. */
  private changed(): void {
    this.draw();
    this.onChange(this.rounds.slice(this.current + 1));
  }

  /** The playlist as the server holds it; rounds already played cannot be moved or removed. */
  render(playlist: RoundSpec[], currentRound: number): void {
    this.rounds = playlist.map((r) => ({ ...r }));
    this.current = currentRound;
    this.draw();
  }

  private draw(): void {
    if (this.rounds.length === 0) {
      replace(this.list, h('li', { class: 'muted' }, 'No rounds yet: add one below.'));
      return;
    }
    replace(
      this.list,
      this.rounds.map((spec, i) => {
        const played = i <= this.current;
        const move = (delta: number) => () => {
          const j = i + delta;
          const a = this.rounds[i];
          const b = this.rounds[j];
          if (!a || !b || j <= this.current) return;
          this.rounds[i] = b;
          this.rounds[j] = a;
          this.changed();
        };
        return h(
          'li',
          {},
          h(
            'span',
            { class: 'name' },
            `${i + 1}. ${describe(spec)} · ${spec.seconds}s`,
            played ? h('span', { class: 'muted' }, i === this.current ? ' (current)' : ' (played)') : null,
          ),
          played
            ? null
            : [
                button('↑', move(-1), {
                  class: 'small',
                  'aria-label': `Move round ${i + 1} up`,
                  disabled: i - 1 <= this.current,
                }),
                button('↓', move(1), {
                  class: 'small',
                  'aria-label': `Move round ${i + 1} down`,
                  disabled: i + 1 >= this.rounds.length,
                }),
                button(
                  '✕',
                  () => {
                    this.rounds.splice(i, 1);
                    this.changed();
                  },
                  { class: 'small danger', 'aria-label': `Remove round ${i + 1}` },
                ),
              ],
        );
      }),
    );
  }
}
