/**
 * The teacher's projector screen: join panel, round controls, live leaderboard and
 * progress while a round runs, the podium and class report after it, and the setup
 * panels (roster, settings, playlist). A reload re-attaches with the stored host token.
 */
import {
  type ClassReportView,
  HostEvent,
  type HostRoomView,
  type LeaderboardView,
  type ProgressView,
  type Reply,
  type RoomStateView,
  type RosterView,
  type RoundResultsView,
  type WatchView,
} from '../../../shared/protocol';
import { type HostListener, type HostSession, hostSessionFor } from '../net/host-session';
import type { ConnectionState } from '../net/student-session';
import type { Screen } from '../screen';
import { setAppHook } from '../test-hook';
import { focusHeading, h, replace } from './dom';
import { AfterRoundPanel } from './host-after-round';
import { HostBoardPanel } from './host-board-panel';
import { ControlsPanel } from './host-controls';
import { JoinPanel } from './host-join-panel';
import { LivePanel } from './host-live';
import { PlaylistPanel } from './host-playlist';
import { RosterPanel } from './host-roster';
import { SettingsPanel } from './host-settings';
import { alertNow, announce } from './live-region';
import { StatusBar } from './status-bar';

export function renderHost(root: HTMLElement, code: string): Screen {
  const session = hostSessionFor(code);
  if (!session) {
    replace(
      root,
      h(
        'section',
        { class: 'card stack' },
        h('h1', {}, `Room ${code}`),
        h(
          'p',
          {},
          'This browser does not hold the host key of this room. Open the host screen from the browser that created it.',
        ),
        h('a', { class: 'button', href: '#/' }, 'Home'),
      ),
    );
    focusHeading(root);
    return { dispose() {} };
  }
  return new HostScreen(root, session);
}

class HostScreen implements Screen, HostListener {
  private readonly status = new StatusBar();
  private readonly join: JoinPanel;
  private readonly controls: ControlsPanel;
  private readonly live: LivePanel;
  private readonly after: AfterRoundPanel;
  private readonly boardPanel: HostBoardPanel;
  private readonly roster: RosterPanel;
  private readonly settings: SettingsPanel;
  private readonly playlist: PlaylistPanel;
  private room: HostRoomView | null = null;
  private resultsReady = false;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    root: HTMLElement,
    private readonly session: HostSession,
  ) {
    const send = session.send.bind(session);
    const report = <T>(reply: Reply<T>): Reply<T> => {
      this.controls.message.textContent = reply.ok ? '' : reply.error.message;
      return reply;
    };
    this.join = new JoinPanel(
      session.code,
      (locked) =>
        void send(HostEvent.Lock, { locked })
          .then(report)
          .then((r) => r.ok && this.onRoomView(r)),
    );
    this.controls = new ControlsPanel({
      start: () => void send(HostEvent.StartRound, {}).then(report),
      pause: () => void send(HostEvent.PauseRound, {}).then(report),
      resume: () => void send(HostEvent.ResumeRound, {}).then(report),
      extend: (seconds) => void send(HostEvent.ExtendRound, { seconds }).then(report),
      end: () => void send(HostEvent.EndRound, {}).then(report),
      next: () => void send(HostEvent.NextRound, {}).then(report),
      finish: () => void send(HostEvent.Finish, {}).then(report),
      download: () => void this.download(),
    });
    this.boardPanel = new HostBoardPanel(() => void send(HostEvent.Watch, { playerId: null }));
    this.live = new LivePanel((playerId, nickname) => void this.watch(playerId, nickname));
    this.after = new AfterRoundPanel((playerId, round, label) => void this.replay(playerId, round, label));
    this.roster = new RosterPanel({
      remove: (playerId) =>
        void send(HostEvent.Remove, { playerId })
          .then(report)
          .then((r) => r.ok && this.onRoster(r.data)),
      block: (playerId, nickname) => {
        if (!confirm(`Remove ${nickname} and stop them from coming back?`)) return;
        void send(HostEvent.Block, { playerId })
          .then(report)
          .then((r) => r.ok && this.onRoster(r.data));
      },
      multiplier: (playerId, multiplier) =>
        void send(HostEvent.TimeMultiplier, { playerId, multiplier }).then(report),
    });
    this.settings = new SettingsPanel(
      (patch) =>
        void send(HostEvent.Settings, patch)
          .then(report)
          .then((r) => r.ok && this.onRoomView(r)),
    );
    this.playlist = new PlaylistPanel(
      (rounds) =>
        void send(HostEvent.Playlist, { rounds })
          .then(report)
          .then((r) => r.ok && this.onRoomView(r)),
    );

    replace(
      root,
      h('h1', { class: 'visually-hidden' }, `Host screen, room ${session.code}`),
      h(
        'div',
        { class: 'host' },
        h(
          'div',
          { class: 'stack' },
          this.join.element,
          this.boardPanel.element,
          this.live.element,
          this.after.element,
        ),
        h(
          'div',
          { class: 'stack' },
          this.controls.element,
          this.roster.element,
          this.playlist.element,
          this.settings.element,
        ),
      ),
    );
    setAppHook({ screen: 'host', roomCode: session.code });
    this.timer = setInterval(() => this.tickClock(), 250);
    session.attach(this);
  }

  private onRoomView(reply: { ok: true; data: HostRoomView }): void {
    this.onRoom(reply.data);
  }

  onConnection(state: ConnectionState, latencyMs: number | null): void {
    this.status.setConnection(state, latencyMs);
    setAppHook({ connection: state, latencyMs });
  }

  onRoom(room: HostRoomView): void {
    this.room = room;
    this.settings.render(room.settings);
    this.roster.render(room.roster);
    this.onState(room.state);
    // Results are pushed once, when a round ends: a projector that reloads after that asks for them.
    const phase = room.state.phase;
    if ((phase === 'round-over' || phase === 'ended') && !this.after.hasResults && room.playlist.length > 0) {
      void this.session.send(HostEvent.Results, {}).then((reply) => {
        if (!reply.ok) return;
        this.onResults(reply.data.results);
        this.onReport(reply.data.report);
      });
    }
  }

  onState(state: RoomStateView): void {
    const previous = this.room?.state.phase;
    // A watched board or a replay belongs to the round it was opened in.
    const sameRound =
      (previous === 'running' || previous === 'paused') ===
      (state.phase === 'running' || state.phase === 'paused');
    if (previous && previous !== state.phase && !sameRound && !this.boardPanel.element.hidden)
      this.boardPanel.close();
    if (this.room) this.room = { ...this.room, state };
    const room = this.room;
    const roundIndex =
      state.phase === 'lobby' ? -1 : 'round' in state ? state.round.index : (room?.playlist.length ?? 0) - 1;
    if (room) this.playlist.render(room.playlist, roundIndex);
    this.join.setLocked('locked' in state ? state.locked : true);
    if (state.phase === 'round-over' || state.phase === 'ended')
      this.resultsReady = this.resultsReady || roundIndex >= 0;
    this.controls.render(state, room?.playlist.length ?? state.roundCount, this.resultsReady);
    const during = state.phase === 'running' || state.phase === 'paused';
    this.after.show(!during && this.resultsReady);
    // The live board shows from the first round on; the lobby keeps the projector for the join code.
    this.live.element.hidden = state.phase === 'lobby' || (!during && this.resultsReady);
    if (state.phase === 'running' && document.body.dataset.phase !== 'running') this.live.clearProgress();
    document.body.dataset.phase = state.phase;
    setAppHook({ phase: state.phase, playerCount: state.playerCount });
    this.tickClock();
  }

  onRoster(roster: RosterView): void {
    if (this.room) this.room = { ...this.room, roster: roster.players };
    this.roster.render(roster.players);
    setAppHook({ roster: roster.players.map((p) => p.nickname) });
  }

  onProgress(progress: ProgressView): void {
    this.live.applyProgress(progress);
  }

  onLeaderboard(view: LeaderboardView): void {
    this.live.renderBoard(view);
  }

  onResults(view: RoundResultsView): void {
    this.resultsReady = true;
    this.after.setResults(view);
    if (this.room) this.onState(this.room.state);
    announce(`${view.final ? 'Final results' : `Round ${view.round + 1} results`} are in.`);
  }

  onReport(report: ClassReportView): void {
    this.after.setReport(report);
  }

  onWatch(view: WatchView): void {
    if (this.boardPanel.watchedPlayer === view.playerId || this.boardPanel.watchedPlayer === null)
      this.boardPanel.applyWatch(view);
  }

  onGone(reason: string): void {
    alertNow(reason);
    this.controls.message.textContent = `${reason} This screen can no longer run the room.`;
  }

  private async watch(playerId: string, nickname: string): Promise<void> {
    const reply = await this.session.send(HostEvent.Watch, { playerId });
    if (!reply.ok) {
      this.controls.message.textContent = reply.error.message;
      return;
    }
    await this.boardPanel.watch(playerId, nickname, reply.data);
    this.boardPanel.element.scrollIntoView({ block: 'nearest' });
  }

  private async replay(playerId: string, round: number, label: string): Promise<void> {
    const reply = await this.session.send(HostEvent.Replay, { playerId, round });
    if (!reply.ok) {
      this.controls.message.textContent = reply.error.message;
      return;
    }
    await this.boardPanel.replay({ ...reply.data, label });
    this.boardPanel.element.scrollIntoView({ block: 'nearest' });
  }

  private async download(): Promise<void> {
    try {
      const { blob, filename } = await this.session.downloadCsv();
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: filename, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      this.controls.message.textContent = err instanceof Error ? err.message : String(err);
    }
  }

  private tickClock(): void {
    const state = this.room?.state;
    if (!state || (state.phase !== 'running' && state.phase !== 'paused')) {
      this.controls.setClock(null, false);
      return;
    }
    const seconds = this.session.clock.secondsUntil(state.endsAt, state);
    this.controls.setClock(seconds, state.phase === 'paused');
  }

  dispose(): void {
    clearInterval(this.timer);
    this.status.dispose();
    this.session.dispose();
    delete document.body.dataset.phase;
  }
}
