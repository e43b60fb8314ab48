/**
 * The entry point: picks the screen for the address and swaps screens on navigation.
 * Screens that need the board (Phaser) are loaded on demand, so the home screen is
 * interactive before the game engine has even been fetched.
 */
// Styles in cascade order: the phone layer last, it overrides the wide layouts.
import './ui/styles/base.css';
import './ui/styles/lists.css';
import './ui/styles/play.css';
import './ui/styles/host.css';
import './ui/styles/solo.css';
import './ui/styles/phone.css';
import { parseRoute, type Route } from './router';
import type { Screen } from './screen';
import { h, replace } from './ui/dom';

const root = document.getElementById('app') as HTMLElement;
let current: Screen | null = null;
let generation = 0;

async function load(route: Route): Promise<Screen> {
  switch (route.name) {
    case 'home':
      return (await import('./ui/home')).renderHome(root);
    case 'room':
      return (await import('./ui/student-room')).renderStudentRoom(root, route.code);
    case 'host':
      return (await import('./ui/host')).renderHost(root, route.code);
    case 'solo':
      return (await import('./ui/solo-select')).renderSoloSelect(root);
    case 'solo-play':
      return (await import('./ui/solo-play')).renderSoloPlay(root, route.levelId);
    case 'solo-demo':
      return (await import('./ui/solo-demo')).renderSoloDemo(root, route.levelId);
    case 'solo-replay':
      return (await import('./ui/solo-replay')).renderSoloReplay(root, route.levelId);
  }
}

async function show(): Promise<void> {
  const mine = ++generation;
  current?.dispose();
  current = null;
  document.getElementById('status')?.replaceChildren();
  const route = parseRoute(location.hash);
  document.body.dataset.screen = route.name;
  try {
    const screen = await load(route);
    if (mine !== generation) screen.dispose();
    else current = screen;
  } catch (err) {
    if (mine !== generation) return;
    console.error(err);
    replace(
      root,
      h(
        'div',
        { class: 'card stack' },
        h('h1', {}, 'Something went wrong'),
        h('p', {}, String(err)),
        h('a', { href: '#/' }, 'Back home'),
      ),
    );
  }
}

window.addEventListener('hashchange', () => void show());
void show();
