/**
 * Solo play: the level runs in the browser (the shared simulator, 10 ticks a second).
 * At the end the best run is kept on this device, the run is sent to the server to be
 * verified, and the score is placed in the histogram of all verified runs.
 */
import type { Level } from '../../../shared/level/schema';
import { score } from '../../../shared/sim';
import type { GameState, TimedAction } from '../../../shared/sim/types';
import type { LocalGame } from '../game';
import { allLevels, levelById } from '../levels';
import { releaseSoloConnection, submitSoloRun } from '../net/solo';
import { navigate } from '../router';
import type { Screen } from '../screen';
import { storage } from '../storage';
import { setAppHook } from '../test-hook';
import { mirrorBoard } from './board-mirror';
import { button, focusHeading, h, replace } from './dom';
import { renderHistogram } from './histogram';
import { alertNow } from './live-region';
import { starText } from './solo-select';

export function unknownLevel(root: HTMLElement, levelId: string): Screen {
  replace(
    root,
    h(
      'section',
      { class: 'card stack' },
      h('h1', {}, 'No such level'),
      h('p', {}, `There is no level "${levelId}".`),
      h('a', { class: 'button', href: '#/solo' }, 'All levels'),
    ),
  );
  focusHeading(root);
  return { dispose() {} };
}

function nextLevel(level: Level): Level | undefined {
  const levels = allLevels();
  return levels[levels.findIndex((l) => l.id === level.id) + 1];
}

export async function renderSoloPlay(root: HTMLElement, levelId: string): Promise<Screen> {
  const level = levelById(levelId);
  if (!level) return unknownLevel(root, levelId);
  const next = nextLevel(level);
  const boardHost = h('div', { class: 'board-host', 'data-testid': 'board' });
  const liveScore = h('p', { class: 'big-number', 'data-testid': 'score' }, '0');
  const result = h('div', { class: 'stack', 'data-testid': 'solo-result', 'aria-live': 'polite' });
  replace(
    root,
    h(
      'section',
      { class: 'play', 'aria-labelledby': 'level-title' },
      boardHost,
      h(
        'aside',
        { class: 'play-side card' },
        h('h1', { id: 'level-title', style: 'font-size:1.3rem' }, level.title),
        h('div', {}, h('span', { class: 'muted' }, 'Score'), liveScore),
        result,
        h('a', { href: '#/solo' }, '← All levels'),
      ),
    ),
  );
  setAppHook({ screen: 'solo-play', levelId, soloResult: null });

  const game = await import('../game');
  let disposed = false;
  let local: LocalGame | null = null;
  const goNext = next ? () => navigate({ name: 'solo-play', levelId: next.id }) : undefined;
  const board = await game.mountBoard(boardHost, { mode: 'play', ...(goNext ? { onNext: goNext } : {}) });
  if (disposed) board.destroy();
  const mirrored = mirrorBoard(board, {
    narrate: game.narrate,
    onState: (state) => {
      liveScore.textContent = String(score(state).total);
    },
  });
  // Keep the "next level" button when the local loop installs its own handlers.
  const withNext: typeof mirrored = {
    ...mirrored,
    setHandlers: (handlers) => mirrored.setHandlers({ ...(goNext ? { onNext: goNext } : {}), ...handlers }),
  };
  const seed = Math.floor(Math.random() * 0x7fff_ffff);
  local = new game.LocalGame(level, seed, withNext);
  local.onEnd((state, actions) => void finish(state, actions));

  async function finish(state: GameState, actions: TimedAction[]): Promise<void> {
    const s = score(state);
    const passed = state.status === 'complete' && s.stars >= 1;
    const isBest = storage.recordSolo(level!.id, { stars: s.stars, score: s.total, seed, actions });
    alertNow(
      passed
        ? `Level passed with ${s.total} points and ${s.stars} stars.`
        : `Level not passed: ${s.total} points.`,
    );
    const submitted = h(
      'p',
      { class: 'muted', 'data-testid': 'submit-state' },
      'Checking your run with the server…',
    );
    replace(
      result,
      h('h2', {}, passed ? 'Level passed!' : state.status === 'crashed' ? 'Crashed' : 'Not passed yet'),
      h(
        'p',
        {},
        h('strong', { 'data-testid': 'final-score' }, String(s.total)),
        ' points ',
        h('span', { class: 'stars', 'aria-label': `${s.stars} of 3 stars` }, starText(s.stars)),
      ),
      isBest ? h('p', {}, 'A new best for you!') : null,
      h(
        'div',
        { class: 'row' },
        passed && next
          ? button('Next level', () => goNext?.(), { class: 'primary', 'data-testid': 'next-level' })
          : null,
        button(
          'Try again',
          () => {
            replace(result);
            local?.restart();
          },
          { class: passed ? '' : 'primary', 'data-testid': 'try-again' },
        ),
        button('Replay my best', () => navigate({ name: 'solo-replay', levelId: level!.id }), {
          'data-testid': 'open-replay',
        }),
        button('Watch a demo', () => navigate({ name: 'solo-demo', levelId: level!.id })),
      ),
      submitted,
    );
    setAppHook({
      soloResult: { score: s.total, stars: s.stars, status: state.status, actions: actions.length, seed },
    });
    try {
      const verified = await submitSoloRun(level!.id, seed, actions, storage.student()?.nickname);
      if (disposed) return;
      submitted.replaceWith(renderHistogram(verified));
      setAppHook({ soloVerified: { score: verified.score, total: verified.histogram.total } });
    } catch (err) {
      submitted.textContent = `The server could not check this run (${err instanceof Error ? err.message : String(err)}). Your best is kept on this device.`;
    }
  }

  void local.start();
  return {
    dispose() {
      disposed = true;
      local?.destroy();
      board.destroy();
      releaseSoloConnection();
    },
  };
}
