/**
 * A student's room, whatever its phase: the lobby, the board while a round runs (or is
 * paused), their own results between rounds and at the end. A reload lands here and
 * resumes the same seat with the stored resume token.
 */
import type {
  LeaderboardView,
  RoomStateView,
  RoundResultsView,
  SnapshotView,
} from '../../../shared/protocol';
import { levelFromRef } from '../levels';
import { dropSession, type StudentListener, type StudentSession, sessionFor } from '../net/student-session';
import { navigate } from '../router';
import type { Screen } from '../screen';
import { setAppHook } from '../test-hook';
import { button, focusHeading, h, replace } from './dom';
import { alertNow, announce } from './live-region';
import { mountRoomPlay, type RoomPlay } from './room-play';
import { StatusBar } from './status-bar';
import {
  recallResults,
  rememberResults,
  renderStudentLeaderboard,
  renderStudentResults,
} from './student-results';

const CLOCK_INTERVAL_MS = 250;

function notInRoom(root: HTMLElement, code: string, message: string): Screen {
  replace(
    root,
    h(
      'section',
      { class: 'card stack', 'data-testid': 'not-in-room' },
      h('h1', {}, `Room ${code}`),
      h('p', {}, message),
      h(
        'div',
        { class: 'row' },
        h('a', { class: 'button primary', href: `/?code=${encodeURIComponent(code)}` }, 'Join this room'),
        h('a', { class: 'button', href: '#/' }, 'Home'),
      ),
    ),
  );
  focusHeading(root);
  setAppHook({ screen: 'not-in-room' });
  return { dispose() {} };
}

export function renderStudentRoom(root: HTMLElement, code: string): Screen {
  const session = sessionFor(code);
  if (!session) return notInRoom(root, code, 'This browser has no seat in this room.');
  return new StudentRoomScreen(root, session);
}

class StudentRoomScreen implements Screen, StudentListener {
  private readonly status = new StatusBar();
  private readonly content = h('div', { class: 'stack' });
  private readonly sideboard = h('div', {});
  private play: RoomPlay | null = null;
  private playLoading: Promise<RoomPlay> | null = null;
  private results: RoundResultsView | null = null;
  private leaderboard: LeaderboardView | null = null;
  private shownPhase = '';
  private disposed = false;
  private readonly clockTimer: ReturnType<typeof setInterval>;

  constructor(
    private readonly root: HTMLElement,
    private readonly session: StudentSession,
  ) {
    replace(root, this.content, this.sideboard);
    this.content.append(h('p', { class: 'loading' }, `Connecting to room ${session.code}…`));
    setAppHook({ screen: 'room', roomCode: session.code });
    this.clockTimer = setInterval(() => this.tickClock(), CLOCK_INTERVAL_MS);
    session.attach(this);
  }

  onConnection(state: 'connecting' | 'online' | 'offline', latencyMs: number | null): void {
    this.status.setConnection(state, latencyMs);
    setAppHook({ connection: state, latencyMs });
  }

  onYou(): void {
    if (this.session.room?.phase === 'lobby') this.showLobby(this.session.room);
    setAppHook({ nickname: this.session.you?.nickname, timeMultiplier: this.session.you?.timeMultiplier });
  }

  onRoom(room: RoomStateView): void {
    setAppHook({ phase: room.phase, playerCount: room.playerCount, speedBonus: room.speedBonus });
    switch (room.phase) {
      case 'lobby':
        this.showLobby(room);
        break;
      case 'running':
      case 'paused':
        if (this.shownPhase !== 'play') void this.showPlay();
        break;
      case 'round-over':
      case 'ended':
        this.showResults(room);
        break;
    }
    this.tickClock();
  }

  onSnapshot(snapshot: SnapshotView): void {
    const phase = this.session.room?.phase;
    if (phase !== 'running' && phase !== 'paused') return;
    void this.ensurePlay()
      .then((play) => this.applySnapshot(play, snapshot))
      .catch(() => undefined);
  }

  onState(
    state: Parameters<StudentListener['onState']>[0],
    events: Parameters<StudentListener['onState']>[1],
  ): void {
    this.play?.setState(state, events);
  }

  onFlash(text: string): void {
    if (this.play) this.play.flash(text);
    else announce(text);
  }

  onAck(): void {}

  onLeaderboard(view: LeaderboardView): void {
    this.leaderboard = view;
    const phase = this.session.room?.phase;
    if (phase === 'running' || phase === 'paused') this.play?.setLeaderboard(renderStudentLeaderboard(view));
    else if (this.results && this.session.room) this.showResults(this.session.room, true);
  }

  onResults(view: RoundResultsView): void {
    this.results = view;
    rememberResults(this.session.code, view);
    if (this.session.room) this.showResults(this.session.room, true);
  }

  onGone(reason: string): void {
    alertNow(reason);
    this.dispose();
    dropSession();
    replace(
      this.root,
      h(
        'section',
        { class: 'card stack', 'data-testid': 'gone' },
        h('h1', {}, 'You are no longer in this room'),
        h('p', {}, reason),
        h('a', { class: 'button primary', href: '#/' }, 'Home'),
      ),
    );
    focusHeading(this.root);
    setAppHook({ screen: 'gone' });
  }

  private showLobby(room: RoomStateView): void {
    this.leavePlay();
    const you = this.session.you;
    const reroll = button('↻ Another name', () => void this.session.reroll(), {
      'aria-label': 'Take another generated name',
    });
    replace(
      this.content,
      h(
        'section',
        { class: 'card stack', 'aria-labelledby': 'lobby-title', 'data-testid': 'lobby' },
        h('h1', { id: 'lobby-title' }, "You're in!"),
        h(
          'p',
          {},
          'Room ',
          h('strong', {}, room.code),
          ' · your name: ',
          h('strong', { 'data-testid': 'my-name' }, you?.nickname ?? '…'),
        ),
        h('div', { class: 'row' }, reroll),
        h(
          'p',
          { 'data-testid': 'player-count' },
          `${room.playerCount} ${room.playerCount === 1 ? 'player has' : 'players have'} joined.`,
        ),
        h('p', { class: 'muted' }, 'Waiting for your teacher to start the round…'),
        button('Leave the room', () => void this.session.leave().then(() => navigate({ name: 'home' })), {
          class: 'danger',
        }),
      ),
    );
    this.sideboard.replaceChildren();
    if (this.shownPhase !== 'lobby') focusHeading(this.content);
    this.shownPhase = 'lobby';
  }

  /** The board, mounted once per round into the content area (it must be in the page to size itself). */
  private ensurePlay(): Promise<RoomPlay> {
    if (!this.playLoading) {
      this.shownPhase = 'play';
      replace(this.content, h('h1', { class: 'visually-hidden' }, 'Play'));
      this.sideboard.replaceChildren();
      setAppHook({ screen: 'play' });
      this.playLoading = mountRoomPlay(this.session, this.content).then((play) => {
        if (this.disposed || this.shownPhase !== 'play') {
          play.dispose();
          throw new Error('left the round before the board was ready');
        }
        this.play = play;
        const snapshot = this.session.game.current;
        if (snapshot) this.applySnapshot(play, snapshot);
        this.tickClock();
        return play;
      });
      this.playLoading.catch(() => {
        this.playLoading = null;
      });
    }
    return this.playLoading;
  }

  private applySnapshot(play: RoomPlay, snapshot: SnapshotView): void {
    play.setLevel(levelFromRef(snapshot.level));
    play.setBest(snapshot.best, snapshot.attempt);
    const state = this.session.game.state;
    if (state) play.setState(state, []);
  }

  private async showPlay(): Promise<void> {
    try {
      await this.ensurePlay();
    } catch {
      // The round ended while the board was loading: another view has taken over.
    }
  }

  private leavePlay(): void {
    this.play?.dispose();
    this.play = null;
    this.playLoading = null;
  }

  private showResults(room: RoomStateView, refresh = false): void {
    if (!refresh && this.shownPhase === room.phase) return;
    this.leavePlay();
    this.sideboard.replaceChildren();
    const first = this.shownPhase !== room.phase;
    this.shownPhase = room.phase;
    setAppHook({ screen: room.phase === 'ended' ? 'final' : 'between-rounds' });
    this.results ??= recallResults(room.code, room.phase === 'round-over' ? room.round.index : null);
    if (!this.results) {
      replace(
        this.content,
        h(
          'section',
          { class: 'card stack' },
          h('h1', {}, room.phase === 'ended' ? 'The game is over' : 'Round over'),
          h('p', {}, 'Your results will show here. The teacher’s screen has the podium.'),
          this.leaderboard ? renderStudentLeaderboard(this.leaderboard) : null,
        ),
      );
    } else {
      replace(this.content, renderStudentResults(room.code, this.results, this.leaderboard?.total ?? null));
    }
    if (room.phase === 'ended') this.content.append(h('a', { class: 'button', href: '#/' }, 'Home'));
    if (first) focusHeading(this.content);
  }

  private tickClock(): void {
    const room = this.session.room;
    const running = room?.phase === 'running' || room?.phase === 'paused';
    const seconds = running ? this.session.game.secondsLeft() : null;
    const paused = room?.phase === 'paused';
    this.play?.setClock(seconds, paused);
    setAppHook({ secondsLeft: seconds === null ? null : Math.ceil(seconds) });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.clockTimer);
    this.leavePlay();
    this.status.dispose();
    // Leaving the screen lets go of the connection; the seat stays and "Rejoin" resumes it.
    dropSession();
  }
}
