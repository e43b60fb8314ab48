/**
 * The top bar's live status: the connection (with latency) and the clock. Words and
 * symbols, not colour alone, say whether the connection is up.
 */
import type { ConnectionState } from '../net/student-session';
import { formatSeconds, h } from './dom';
import { alertNow } from './live-region';

const SLOW_MS = 250;

export class StatusBar {
  readonly connection = h(
    'span',
    { class: 'chip', 'data-state': 'offline', 'data-testid': 'connection' },
    'Connecting…',
  );
  readonly clock = h(
    'span',
    { class: 'chip clock', 'data-testid': 'clock', role: 'timer', 'aria-live': 'off' },
    '',
  );
  private lastState: ConnectionState | null = null;

  constructor(private readonly host: HTMLElement | null = document.getElementById('status')) {
    this.clock.hidden = true;
    host?.replaceChildren(this.clock, this.connection);
  }

  setConnection(state: ConnectionState, latencyMs: number | null): void {
    const slow = state === 'online' && latencyMs !== null && latencyMs > SLOW_MS;
    this.connection.dataset.state = slow ? 'slow' : state;
    const ms = latencyMs === null ? '' : ` · ${Math.round(latencyMs)} ms`;
    this.connection.textContent =
      state === 'online' ? `Online${ms}` : state === 'connecting' ? 'Connecting…' : 'Offline — reconnecting…';
    this.connection.title =
      state === 'online' ? `Connected, round trip ${Math.round(latencyMs ?? 0)} ms` : 'Not connected';
    if (state !== this.lastState && this.lastState !== null) {
      if (state === 'offline') alertNow('Connection lost. Reconnecting…');
      else if (state === 'online' && this.lastState === 'offline') alertNow('Connected again.');
    }
    this.lastState = state;
  }

  setClock(secondsLeft: number | null, paused = false): void {
    if (secondsLeft === null) {
      this.clock.hidden = true;
      return;
    }
    this.clock.hidden = false;
    this.clock.textContent = `${paused ? 'Paused ' : ''}${formatSeconds(secondsLeft)}`;
    this.clock.setAttribute('aria-label', `${paused ? 'Paused, ' : ''}${secondsLeft} seconds left`);
  }

  dispose(): void {
    this.host?.replaceChildren();
  }
}
