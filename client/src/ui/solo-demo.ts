/**
 * A demonstration: the autoplayer plays the level and every step is explained in one
 * plain sentence, shown beside the board and read out through the live region.
 */
import { score } from '../../../shared/sim';
import { levelById } from '../levels';
import { releaseSoloConnection } from '../net/solo';
import type { Screen } from '../screen';
import { setAppHook } from '../test-hook';
import { mirrorBoard } from './board-mirror';
import { button, h, replace } from './dom';
import { unknownLevel } from './solo-play';

const DEMO_SEED = 1;

export async function renderSoloDemo(root: HTMLElement, levelId: string): Promise<Screen> {
  const level = levelById(levelId);
  if (!level) return unknownLevel(root, levelId);
  const boardHost = h('div', { class: 'board-host', 'data-testid': 'board' });
  const explanation = h(
    'p',
    { class: 'narration', 'data-testid': 'demo-explanation' },
    'Press play to watch.',
  );
  const history = h('ol', {
    class: 'hint',
    'data-testid': 'demo-steps',
    style: 'max-height:14rem;overflow:auto',
  });
  const liveScore = h('p', { class: 'big-number', 'data-testid': 'score' }, '0');
  const toggle = button('❚❚ Pause', () => {}, { class: 'primary', 'data-testid': 'demo-toggle' });
  replace(
    root,
    h(
      'section',
      { class: 'play', 'aria-labelledby': 'demo-title' },
      boardHost,
      h(
        'aside',
        { class: 'play-side card' },
        h('h1', { id: 'demo-title', style: 'font-size:1.3rem' }, `Demonstration: ${level.title}`),
        h('div', {}, h('span', { class: 'muted' }, 'Score'), liveScore),
        h('h2', { style: 'font-size:1rem' }, 'What the allocator does'),
        explanation,
        history,
        h(
          'div',
          { class: 'row' },
          toggle,
          h('a', { class: 'button', href: `#/solo/play/${encodeURIComponent(level.id)}` }, 'Play it myself'),
        ),
        h('a', { href: '#/solo' }, '← All levels'),
      ),
    ),
  );
  setAppHook({ screen: 'solo-demo', levelId, demoSteps: 0 });

  const game = await import('../game');
  const board = await game.mountBoard(boardHost, { mode: 'demo' });
  let steps = 0;
  const mirrored = mirrorBoard(board, {
    narrate: game.narrate,
    onState: (state) => {
      liveScore.textContent = String(score(state).total);
      setAppHook({ demoStatus: state.status, demoTick: state.tick });
    },
    onNarration: (text) => {
      if (!text) return;
      explanation.textContent = text;
      steps++;
      history.append(h('li', {}, text));
      history.scrollTop = history.scrollHeight;
      setAppHook({ demoSteps: steps });
    },
  });
  const demo = new game.DemoPlayer(level, DEMO_SEED, mirrored);
  let playing = true;
  toggle.addEventListener('click', () => {
    playing = !playing;
    if (playing) demo.play();
    else demo.pause();
    toggle.textContent = playing ? '❚❚ Pause' : '▶ Play';
  });
  demo.play();
  return {
    dispose() {
      demo.pause();
      board.destroy();
      releaseSoloConnection();
    },
  };
}
