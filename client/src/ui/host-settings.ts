/** The room's settings: speed bonus, when the leaderboard shows, late join, free-text nicknames. */
import type { RoomSettings, SettingsPayload } from '../../../shared/protocol';
import { h } from './dom';

export class SettingsPanel {
  private readonly speed = h('input', { type: 'checkbox', id: 'set-speed' });
  private readonly late = h('input', { type: 'checkbox', id: 'set-late' });
  private readonly names = h('input', { type: 'checkbox', id: 'set-names' });
  private readonly board = h(
    'select',
    { id: 'set-board' },
    h('option', { value: 'always' }, 'Always'),
    h('option', { value: 'between-rounds' }, 'Between rounds'),
    h('option', { value: 'end' }, 'Only at the end'),
  );
  readonly element: HTMLElement;

  constructor(onChange: (patch: SettingsPayload) => void) {
    for (const box of [this.speed, this.late, this.names]) box.style.width = 'auto';
    this.speed.addEventListener('change', () => onChange({ speedBonus: this.speed.checked }));
    this.late.addEventListener('change', () => onChange({ lateJoin: this.late.checked }));
    this.names.addEventListener('change', () => onChange({ freeTextNicknames: this.names.checked }));
    this.board.addEventListener('change', () =>
      onChange({ leaderboard: this.board.value as RoomSettings['leaderboard'] }),
    );
    const check = (input: HTMLInputElement, text: string) =>
      h('label', { class: 'row', for: input.id, style: 'font-weight:400' }, input, text);
    this.element = h(
      'details',
      { class: 'card' },
      h('summary', {}, h('h2', { style: 'display:inline' }, 'Settings')),
      h(
        'div',
        { class: 'stack' },
        check(this.speed, 'Speed bonus (faster answers score more)'),
        check(this.late, 'Late joiners enter a running round'),
        check(this.names, 'Students may type their own nickname'),
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'set-board' }, 'Show the leaderboard to students'),
          this.board,
        ),
      ),
    );
  }

  render(settings: RoomSettings): void {
    this.speed.checked = settings.speedBonus;
    this.late.checked = settings.lateJoin;
    this.names.checked = settings.freeTextNicknames;
    this.board.value = settings.leaderboard;
  }
}
