/**
 * The roster on the projector: who is in, whether they are connected, their time
 * multiplier, and remove / remove-and-block. Names are always text, never markup.
 */
import type { RosterEntry, TimeMultiplier } from '../../../shared/protocol';
import { button, h, replace } from './dom';

export interface RosterActions {
  remove(playerId: string, nickname: string): void;
  block(playerId: string, nickname: string): void;
  multiplier(playerId: string, multiplier: TimeMultiplier): void;
}

const MULTIPLIERS: { value: TimeMultiplier; label: string }[] = [
  { value: 1, label: '1× time' },
  { value: 1.5, label: '1.5× time' },
  { value: 2, label: '2× time' },
  { value: 'untimed', label: 'Untimed' },
];

export class RosterPanel {
  readonly list = h('ul', { class: 'plain roster', 'data-testid': 'roster' });
  readonly count = h('span', { class: 'muted' });
  readonly element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'roster-title' },
    h('h2', { id: 'roster-title' }, 'Students ', this.count),
    this.list,
  );

  constructor(private readonly actions: RosterActions) {}

  render(players: RosterEntry[]): void {
    this.count.textContent = `(${players.length})`;
    if (players.length === 0) {
      replace(this.list, h('li', { class: 'muted' }, 'Nobody yet: students join with the code above.'));
      return;
    }
    const sorted = [...players].sort((a, b) => a.nickname.localeCompare(b.nickname));
    replace(
      this.list,
      sorted.map((p) => {
        const select = h(
          'select',
          { 'aria-label': `Time for ${p.nickname}`, class: 'small' },
          MULTIPLIERS.map((m) =>
            h('option', { value: String(m.value), selected: m.value === p.timeMultiplier }, m.label),
          ),
        );
        select.style.width = 'auto';
        select.addEventListener('change', () => {
          const value = select.value === 'untimed' ? 'untimed' : (Number(select.value) as 1 | 1.5 | 2);
          this.actions.multiplier(p.playerId, value);
        });
        return h(
          'li',
          { 'data-player': p.playerId },
          h(
            'span',
            { 'aria-label': p.connected ? 'connected' : 'away', title: p.connected ? 'connected' : 'away' },
            p.connected ? '●' : '○',
          ),
          h('span', { class: 'name' }, p.nickname),
          select,
          button('Remove', () => this.actions.remove(p.playerId, p.nickname), {
            class: 'small',
            'aria-label': `Remove ${p.nickname}`,
          }),
          button('Block', () => this.actions.block(p.playerId, p.nickname), {
            class: 'small danger',
            'aria-label': `Remove and block ${p.nickname}`,
          }),
        );
      }),
    );
  }
}
