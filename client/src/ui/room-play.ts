/**
 * A student's board during a round: mounts the Phaser board (loaded on demand), feeds it
 * every predicted state, narrates into the live region, and shows beside it what the
 * board does not: the attempt, the best score of the round, pause and time's-up notices.
 */
import type { Level } from '../../../shared/level/schema';
import type { GameState, SimEvent } from '../../../shared/sim/types';
import type { BoardHandle } from '../game';
import type { StudentSession } from '../net/student-session';
import { displayState, roundBreakdown, roundScore } from '../score';
import { setAppHook } from '../test-hook';
import { button, h } from './dom';
import { alertNow, announce } from './live-region';

export interface RoomPlay {
  readonly element: HTMLElement;
  /** The level as written (its own time limit and stars), for what the board draws and the score. */
  setLevel(level: Level): void;
  setState(state: GameState, events: SimEvent[]): void;
  setClock(secondsLeft: number | null, paused: boolean): void;
  setBest(best: number, attempt: number): void;
  /** The class leaderboard, when the room shows it during rounds. */
  setLeaderboard(element: HTMLElement): void;
  flash(text: string): void;
  dispose(): void;
}

/** Mounts into `container`, which must be in the document: the board sizes itself from it. */
export async function mountRoomPlay(session: StudentSession, container: HTMLElement): Promise<RoomPlay> {
  const boardHost = h('div', { class: 'board-host', 'data-testid': 'board' });
  const scoreText = h('p', { class: 'big-number', 'data-testid': 'score', 'aria-live': 'off' }, '0');
  const bestText = h('p', { class: 'muted', 'data-testid': 'best' });
  const leaderboardSlot = h('div', {});
  const banner = h('p', { class: 'banner', 'data-testid': 'play-banner' });
  const restart = button('Try again', () => void session.restart(), { class: 'primary', hidden: true });
  const element = h(
    'section',
    { class: 'play', 'aria-label': 'Your game' },
    boardHost,
    h(
      'aside',
      { class: 'play-side card', 'aria-label': 'Your score' },
      h('h2', { class: 'visually-hidden' }, 'Your game'),
      h('div', {}, h('span', { class: 'muted' }, 'Score'), scoreText),
      bestText,
      banner,
      restart,
      leaderboardSlot,
      h(
        'p',
        { class: 'hint keys-hint' },
        'Keys: arrows move on the heap, Enter places, P push, O pop, R raise, F free, ? for help.',
      ),
    ),
  );

  container.append(element);
  const game = await import('../game');
  let lastState: GameState | null = null;
  let level: Level | null = null;
  let best = { score: 0, attempt: 0 };
  const showBest = (current: number) => {
    const top = Math.max(best.score, current);
    bestText.textContent = `Best this round: ${top}${best.attempt > 0 ? ` · attempt ${best.attempt + 1}` : ''}`;
  };
  let lastStatus = '';
  let paused = false;
  let timeUp = false;
  const board: BoardHandle = await game.mountBoard(boardHost, {
    mode: 'play',
    onAction: (action) => session.act(action),
    onRestart: () => void session.restart(),
    scoreOf: (state) =>
      roundBreakdown(
        state,
        level ?? state.level,
        session.you?.timeMultiplier ?? 1,
        session.room?.speedBonus ?? true,
      ),
  });

  function updateBanner(): void {
    const status = lastState?.status;
    restart.hidden = status !== 'crashed' || timeUp;
    if (paused) banner.textContent = 'The teacher paused the round.';
    else if (timeUp && status === 'running') banner.textContent = "Time's up! Wait for the results.";
    else if (status === 'crashed')
      banner.textContent = `Crashed: ${lastState?.crash?.message ?? ''} You can try again.`;
    else if (status === 'complete') banner.textContent = 'Level complete! Wait for the others.';
    else banner.textContent = '';
  }

  return {
    element,
    setLevel(next) {
      level = next;
    },
    setState(state, events) {
      lastState = state;
      const shown = level ? displayState(state, level) : state;
      board.setState(shown, events);
      for (const line of game.narrate(events, shown)) announce(line);
      const total = roundScore(
        state,
        level ?? state.level,
        session.you?.timeMultiplier ?? 1,
        session.room?.speedBonus ?? true,
      );
      scoreText.textContent = String(total);
      showBest(total);
      if (state.status !== lastStatus) {
        lastStatus = state.status;
        if (state.status === 'crashed') alertNow(`Crashed. ${state.crash?.message ?? ''}`);
        if (state.status === 'complete') alertNow(`Level complete. Score ${total}.`);
        updateBanner();
      }
      setAppHook({
        status: state.status,
        tick: state.tick,
        score: total,
        lastSeqSent: session.game.lastSeqSent,
        confirmed: session.game.confirmed,
        mismatches: session.game.mismatches,
      });
    },
    setClock(secondsLeft, isPaused) {
      board.setClock({ secondsLeft, paused: isPaused });
      const up = secondsLeft !== null && secondsLeft <= 0;
      if (isPaused !== paused || up !== timeUp) {
        paused = isPaused;
        timeUp = up;
        updateBanner();
      }
    },
    setBest(score, attempt) {
      best = { score, attempt };
      showBest(0);
    },
    setLeaderboard(board) {
      leaderboardSlot.replaceChildren(board);
    },
    flash(text) {
      board.flash(text);
      announce(text);
    },
    dispose() {
      board.destroy();
      element.remove();
    },
  };
}
