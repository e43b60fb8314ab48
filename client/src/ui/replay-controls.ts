/**
 * Play, pause, step and a scrubber for a recorded run — the student's own best run in
 * solo, an anonymised run on the projector. Works with the keyboard: the scrubber is a
 * native range input.
 */
import type { ReplayPlayer } from '../game';
import { button, h } from './dom';

const TICKS_PER_SECOND = 10;

function time(tick: number): string {
  const s = Math.floor(tick / TICKS_PER_SECOND);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function replayControls(player: ReplayPlayer): HTMLElement {
  const toggle = button(
    '▶ Play',
    () => (toggle.dataset.playing === 'true' ? player.pause() : player.play()),
    {
      class: 'primary',
      'data-testid': 'replay-toggle',
    },
  );
  const stepButton = button('Step ▸', () => player.stepOnce(), { 'data-testid': 'replay-step' });
  const scrubber = h('input', {
    type: 'range',
    class: 'scrubber',
    min: 0,
    max: Math.max(1, player.length),
    step: 1,
    value: 0,
    'aria-label': 'Position in the run',
    'data-testid': 'replay-scrubber',
  });
  const position = h(
    'span',
    { class: 'clock', 'data-testid': 'replay-position' },
    `0:00 / ${time(player.length)}`,
  );
  scrubber.addEventListener('input', () => player.seek(Number(scrubber.value)));
  player.onChange((tick, playing) => {
    toggle.dataset.playing = String(playing);
    toggle.textContent = playing ? '❚❚ Pause' : '▶ Play';
    scrubber.max = String(Math.max(1, player.length));
    scrubber.value = String(tick);
    scrubber.setAttribute('aria-valuetext', `${time(tick)} of ${time(player.length)}`);
    position.textContent = `${time(tick)} / ${time(player.length)}`;
  });
  return h(
    'div',
    { class: 'stack', role: 'group', 'aria-label': 'Replay controls' },
    h('div', { class: 'row' }, toggle, stepButton, position),
    scrubber,
  );
}
