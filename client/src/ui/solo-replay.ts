/**
 * A replay of the student's own best run of a level, kept on this device: play, pause,
 * step and a scrubber. The run is re-simulated from its seed and actions, so the score
 * it reaches is checked against the one recorded.
 */
import { score } from '../../../shared/sim';
import { levelById } from '../levels';
import type { Screen } from '../screen';
import { storage } from '../storage';
import { setAppHook } from '../test-hook';
import { mirrorBoard } from './board-mirror';
import { focusHeading, h, replace } from './dom';
import { replayControls } from './replay-controls';
import { unknownLevel } from './solo-play';
import { starText } from './solo-select';

export async function renderSoloReplay(root: HTMLElement, levelId: string): Promise<Screen> {
  const level = levelById(levelId);
  if (!level) return unknownLevel(root, levelId);
  const best = storage.soloBest()[levelId];
  if (!best) {
    replace(
      root,
      h(
        'section',
        { class: 'card stack' },
        h('h1', {}, 'No run yet'),
        h('p', {}, `Play "${level.title}" first; your best run will be kept here.`),
        h('a', { class: 'button primary', href: `#/solo/play/${encodeURIComponent(levelId)}` }, 'Play it'),
      ),
    );
    focusHeading(root);
    return { dispose() {} };
  }
  const boardHost = h('div', { class: 'board-host', 'data-testid': 'board' });
  const liveScore = h('p', { class: 'big-number', 'data-testid': 'replay-score' }, '0');
  const verdict = h('p', { 'data-testid': 'replay-verdict' });
  const controls = h('div', {});
  replace(
    root,
    h(
      'section',
      { class: 'play', 'aria-labelledby': 'replay-title' },
      boardHost,
      h(
        'aside',
        { class: 'play-side card stack' },
        h('h1', { id: 'replay-title', style: 'font-size:1.3rem' }, `Your best run: ${level.title}`),
        h(
          'p',
          {},
          `Recorded score ${best.score} `,
          h('span', { class: 'stars', 'aria-label': `${best.stars} stars` }, starText(best.stars)),
        ),
        h('div', {}, h('span', { class: 'muted' }, 'Score so far'), liveScore),
        verdict,
        controls,
        h('a', { href: '#/solo' }, '← All levels'),
      ),
    ),
  );
  setAppHook({ screen: 'solo-replay', levelId, recordedScore: best.score });

  const game = await import('../game');
  const board = await game.mountBoard(boardHost, { mode: 'replay', showOutro: false });
  const mirrored = mirrorBoard(board, {
    narrate: game.narrate,
    onState: (state) => {
      const now = score(state).total;
      liveScore.textContent = String(now);
      const ended = state.status !== 'running';
      verdict.textContent = ended
        ? now === best.score
          ? `✓ The replay reaches the recorded score, ${now}.`
          : `The replay ends at ${now}, not ${best.score}.`
        : '';
      setAppHook({ replayScore: now, replayStatus: state.status, replayTick: state.tick });
    },
  });
  const player = new game.ReplayPlayer(level, best.seed, best.actions, mirrored);
  replace(controls, replayControls(player));
  return {
    dispose() {
      player.pause();
      board.destroy();
    },
  };
}
