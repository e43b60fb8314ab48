/**
 * Round controls for the teacher: start, pause, resume, extend, end, next, finish — only
 * the ones that make sense in the room's phase are shown — and the round's clock.
 */
import type { RoomStateView } from '../../../shared/protocol';
import { levelById } from '../levels';
import { button, formatSeconds, h, replace } from './dom';

export interface ControlActions {
  start(): void;
  pause(): void;
  resume(): void;
  extend(seconds: number): void;
  end(): void;
  next(): void;
  finish(): void;
  download(): void;
}

export class ControlsPanel {
  private readonly buttons = h('div', { class: 'row', 'data-testid': 'controls' });
  private readonly title = h('h2', { 'data-testid': 'round-title' });
  readonly clock = h('p', {
    class: 'join-code',
    style: 'font-size:3.5rem;color:var(--text)',
    'data-testid': 'round-clock',
    role: 'timer',
  });
  readonly message = h('p', { class: 'error', role: 'alert' });
  readonly element = h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'round-title-wrap' },
    h('div', { id: 'round-title-wrap' }, this.title),
    this.clock,
    this.buttons,
    this.message,
  );

  constructor(private readonly actions: ControlActions) {}

  render(state: RoomStateView, playlistLength: number, resultsReady: boolean): void {
    const a = this.actions;
    const b = (label: string, fn: () => void, testid: string, primary = false) =>
      button(label, fn, { 'data-testid': testid, class: primary ? 'primary' : '' });
    const download = resultsReady ? b('↓ Results (CSV)', () => a.download(), 'download-csv') : null;
    switch (state.phase) {
      case 'lobby':
        this.title.textContent =
          playlistLength > 0
            ? `Ready: ${playlistLength} ${playlistLength === 1 ? 'round' : 'rounds'}`
            : 'Add a round to the playlist';
        replace(
          this.buttons,
          button('▶ Start round 1', () => a.start(), {
            class: 'primary',
            'data-testid': 'start',
            disabled: playlistLength === 0,
          }),
          b('Finish session', () => a.finish(), 'finish'),
        );
        break;
      case 'running':
      case 'paused': {
        const spec = state.round.spec;
        const name =
          spec.kind === 'level' ? (levelById(spec.levelId)?.title ?? spec.levelId) : `Rush #${spec.rushSeed}`;
        this.title.textContent = `Round ${state.round.index + 1} of ${state.roundCount}: ${name}${state.phase === 'paused' ? ' (paused)' : ''}`;
        replace(
          this.buttons,
          state.phase === 'running'
            ? b('❚❚ Pause', () => a.pause(), 'pause')
            : b('▶ Resume', () => a.resume(), 'resume', true),
          b('+30 s', () => a.extend(30), 'extend-30'),
          b('+1 min', () => a.extend(60), 'extend-60'),
          b('■ End round', () => a.end(), 'end'),
          state.round.index + 1 < playlistLength ? b('» Next round', () => a.next(), 'next') : null,
        );
        break;
      }
      case 'round-over': {
        const more = state.round.index + 1 < playlistLength;
        this.title.textContent = `Round ${state.round.index + 1} of ${state.roundCount} is over`;
        replace(
          this.buttons,
          more ? b(`▶ Start round ${state.round.index + 2}`, () => a.next(), 'next', true) : null,
          b('Finish session', () => a.finish(), 'finish', !more),
          download,
        );
        break;
      }
      case 'ended':
        this.title.textContent = 'Session over';
        replace(this.buttons, download, h('a', { class: 'button', href: '#/' }, 'Home'));
        break;
    }
  }

  setClock(seconds: number | null, paused: boolean): void {
    this.clock.hidden = seconds === null;
    if (seconds !== null) this.clock.textContent = `${paused ? 'Paused ' : ''}${formatSeconds(seconds)}`;
  }
}
