/** Level-like records and a filled room for the HTTP tests. */
import type { LevelSource } from '../../server/http/level-routes';
import { hashToken } from '../../server/store/token-hash';
import type { RoomStore } from '../../server/store/types';
import { player, resultRow, room } from '../store/fixtures';

export const LEVELS: LevelSource[] = [
  {
    id: 'heap-place',
    order: 2,
    title: 'Finding room',
    concept: 'heap',
    stars: [300, 600, 900],
    timeLimit: 900,
    intro: ['New objects need a free run of cells.', 'Second paragraph.'],
  },
  {
    id: 'call-stack-abc',
    order: 1,
    title: 'a() calls b() calls c()',
    concept: 'call-stack',
    stars: [200, 400, 700],
    timeLimit: 600,
    intro: ['Every call pushes a frame.'],
  },
];

export const HOST_TOKEN = 'host-token-7b1f0c9e2d';

/** A room with two ended rounds; one nickname is a spreadsheet formula. */
export async function roomWithResults(store: RoomStore, code: string): Promise<void> {
  await store.createRoom(
    room(code, { hostTokenHash: hashToken(HOST_TOKEN), roundIndex: 1, phase: 'round-over' }),
  );
  await store.savePlayer(code, player('p1'));
  await store.saveRoundResults(code, 0, [
    { ...resultRow('p1', 0, 640), nickname: '=HYPERLINK("http://evil")' },
    { ...resultRow('p2', 0, 810), nickname: 'Calm Koala', completed: false },
  ]);
  await store.saveRoundResults(code, 1, [{ ...resultRow('p1', 1, 300), levelId: 'heap-place', stars: 1 }]);
}
