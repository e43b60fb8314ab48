/**
 * Hash routes, so any static file server (and a page reload) lands on the same screen:
 *   #/                     home
 *   #/room/CODE            a student's room: lobby, play, between rounds
 *   #/host/CODE            the teacher's projector screen
 *   #/solo                 level select
 *   #/solo/play/ID         play a level alone
 *   #/solo/demo/ID         the autoplayer plays it, narrated
 *   #/solo/replay/ID       one's own best run
 */
export type Route =
  | { name: 'home' }
  | { name: 'room'; code: string }
  | { name: 'host'; code: string }
  | { name: 'solo' }
  | { name: 'solo-play' | 'solo-demo' | 'solo-replay'; levelId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (first === 'room' && second) return { name: 'room', code: second.toUpperCase() };
  if (first === 'host' && second) return { name: 'host', code: second.toUpperCase() };
  if (first === 'solo' && !second) return { name: 'solo' };
  if (first === 'solo' && third && (second === 'play' || second === 'demo' || second === 'replay')) {
    return { name: `solo-${second}`, levelId: third };
  }
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'room':
    case 'host':
      return `#/${route.name}/${encodeURIComponent(route.code)}`;
    case 'solo':
      return '#/solo';
    case 'solo-play':
    case 'solo-demo':
    case 'solo-replay':
      return `#/solo/${route.name.slice(5)}/${encodeURIComponent(route.levelId)}`;
  }
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
