/**
 * The top bar's live status: the connection and its latency. Words and symbols, not
 * colour alone, say whether it is up. (The clock is on the board and the host's controls.)
 */
import type { ConnectionState } from '../net/student-session';
import { h } from './dom';
import { alertNow } from './live-region';

const SLOW_MS = 250;

export class StatusBar {
  readonly connection = h(
    'span',
    { class: 'chip', 'data-state': 'offline', 'data-testid': 'connection' },
    'Connecting…',
  );
  private lastState: ConnectionState | null = null;

  constructor(private readonly host: HTMLElement | null = document.getElementById('status')) {
    host?.replaceChildren(this.connection);
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

  dispose(): void {
    this.host?.replaceChildren();
  }
}
